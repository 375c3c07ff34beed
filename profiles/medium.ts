// medium: 8 to 16 concurrent users.
import { buildOptions } from './lib/shape.ts';
import { env, runLlmRequest } from './lib/workload.ts';

export const options = buildOptions(
  {
    name: 'medium',
    startVus: 8,
    stages: [
      { seconds: 60, vus: 8 },
      { seconds: 60, vus: 12 },
      { seconds: 60, vus: 16 },
      { seconds: 120, vus: 16 },
      { seconds: 30, vus: 0 },
    ],
    thresholds: {
      llm_errors: ['rate<0.01'],
      llm_ttft: ['p(95)<3000'],
      llm_e2e: ['p(95)<45000'],
    },
  },
  env,
);

export default runLlmRequest;
