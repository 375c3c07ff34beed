// soak: a sustained concurrency (SOAK_VUS, default 8) for 10 minutes or more, to catch leaks and drift.
import { buildOptions } from './lib/shape.ts';
import { env, runLlmRequest } from './lib/workload.ts';

const vus = Number(__ENV['SOAK_VUS'] ?? '8');
const minutes = Number(__ENV['SOAK_MINUTES'] ?? '10');
if (!Number.isInteger(vus) || vus < 1)
  throw new Error(`SOAK_VUS: expected a positive integer, got '${__ENV['SOAK_VUS']}'`);
if (!(minutes >= 1))
  throw new Error(`SOAK_MINUTES: expected a number of minutes >= 1, got '${__ENV['SOAK_MINUTES']}'`);

export const options = buildOptions(
  {
    name: 'soak',
    startVus: 1,
    stages: [
      { seconds: 60, vus },
      { seconds: minutes * 60, vus },
      { seconds: 30, vus: 0 },
    ],
    thresholds: {
      llm_errors: ['rate<0.01'],
      llm_ttft: ['p(95)<3000', 'p(99)<6000'],
      llm_e2e: ['p(95)<45000'],
    },
  },
  env,
);

export default runLlmRequest;
