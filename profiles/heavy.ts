// heavy: 16 to 32 concurrent users.
import { buildOptions } from './lib/shape.ts';
import { env, runLlmRequest } from './lib/workload.ts';

export const options = buildOptions(
  {
    name: 'heavy',
    startVus: 16,
    stages: [
      { seconds: 60, vus: 16 },
      { seconds: 90, vus: 24 },
      { seconds: 90, vus: 32 },
      { seconds: 120, vus: 32 },
      { seconds: 30, vus: 0 },
    ],
    thresholds: {
      llm_errors: ['rate<0.02'],
      llm_ttft: ['p(95)<5000'],
      llm_e2e: ['p(95)<60000'],
    },
  },
  env,
);

export default runLlmRequest;
