// light: 1 to 8 concurrent users, the everyday load of a small team.
import { buildOptions } from './lib/shape.ts';
import { env, runLlmRequest } from './lib/workload.ts';

export const options = buildOptions(
  {
    name: 'light',
    startVus: 1,
    stages: [
      { seconds: 30, vus: 2 },
      { seconds: 60, vus: 4 },
      { seconds: 60, vus: 8 },
      { seconds: 90, vus: 8 },
      { seconds: 20, vus: 0 },
    ],
    thresholds: {
      llm_errors: ['rate<0.01'],
      llm_ttft: ['p(95)<2000'],
      llm_e2e: ['p(95)<30000'],
    },
  },
  env,
);

export default runLlmRequest;
