// The only door from src/batch to src/local: the local target's URL and pid, started when none runs.
export { localStatus } from '../local/status.ts';
export { startLocal } from '../local/start.ts';
export { stopLocal } from '../local/stop.ts';
