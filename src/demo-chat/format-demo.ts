import type { StreamChatResult } from './stream-chat.ts';

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const ms = (v: number | undefined): string => (v === undefined ? 'n/a' : `${v.toFixed(1)} ms`);

/** One line per demo request: client-side TTFT, ITL, end-to-end, tokens from the server's usage. */
export function formatDemoResult(index: number, r: StreamChatResult): string {
  const tokens = r.completionTokens ?? r.contentChunks;
  const decodeSeconds = r.ttftMs === undefined ? 0 : (r.e2eMs - r.ttftMs) / 1000;
  const tps = decodeSeconds > 0 && tokens > 1 ? ((tokens - 1) / decodeSeconds).toFixed(1) : 'n/a';
  const serverPrompt = r.serverTimings?.['prompt_ms'];
  return [
    `request ${index}: ttft ${ms(r.ttftMs)}`,
    `itl p50 ${ms(median(r.itlMs))}`,
    `e2e ${ms(r.e2eMs)}`,
    `prompt ${r.promptTokens ?? 'n/a'} tok`,
    `output ${tokens} tok`,
    `decode ${tps} tok/s`,
    ...(serverPrompt === undefined ? [] : [`server prompt_ms ${serverPrompt.toFixed(1)}`]),
    `finish ${r.finishReason ?? 'n/a'}`,
  ].join(', ');
}
