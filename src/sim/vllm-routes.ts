// vLLM's own endpoints: /health (200, empty), /ping, /version and /metrics with vllm:* names.
import { sendText } from './http-io.ts';
import type { Route } from './route.ts';
import { renderVllmMetrics } from './vllm-metrics.ts';

/** What /version reports, so a client can tell it is talking to the simulator. */
export const SIM_VLLM_VERSION = '0.11.0+inferload.sim';
const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export const vllmRoutes: readonly Route[] = [
  {
    method: 'GET',
    paths: ['/health', '/ping'],
    style: 'llama',
    generates: false,
    servesWhileLoading: true,
    handle: ({ res }) => sendText(res, 200, 'application/json', ''),
  },
  {
    method: 'GET',
    paths: ['/version'],
    style: 'llama',
    generates: false,
    servesWhileLoading: true,
    handle: ({ res }) =>
      sendText(res, 200, 'application/json', JSON.stringify({ version: SIM_VLLM_VERSION })),
  },
  {
    method: 'GET',
    paths: ['/metrics'],
    style: 'llama',
    generates: false,
    servesWhileLoading: true,
    handle: ({ ctx, res }) => sendText(res, 200, PROMETHEUS_CONTENT_TYPE, renderVllmMetrics(ctx)),
  },
];
