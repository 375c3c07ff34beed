// saturation: 32 to 64 users, stepping up until errors and latency break; allowed to fail, it finds the edge.
import { buildOptions } from './lib/shape.ts';
import { env, runLlmRequest } from './lib/workload.ts';

export const options = buildOptions(
  {
    name: 'saturation',
    startVus: 32,
    stages: [
      { seconds: 60, vus: 32 },
      { seconds: 60, vus: 40 },
      { seconds: 60, vus: 48 },
      { seconds: 60, vus: 56 },
      { seconds: 60, vus: 64 },
      { seconds: 60, vus: 64 },
      { seconds: 30, vus: 0 },
    ],
    thresholds: {
      // Stop early once half the requests fail: past that point there is nothing left to learn.
      llm_errors: [{ threshold: 'rate<0.5', abortOnFail: true, delayAbortEval: '30s' }],
      llm_ttft: ['p(95)<10000'],
      llm_e2e: ['p(95)<120000'],
    },
  },
  env,
);

export default runLlmRequest;
