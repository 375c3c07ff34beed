// The samples xk6-sse pushes (sse.go pushSSEMetrics and the read loop).
import type { VuContext } from '../../runtime/vu-context.ts';

type Tags = Readonly<Record<string, string>>;

/**
 * http_req_sending = time until the response headers (connection included), pushed at the start time once
 * the headers are in. xk6-sse pushes it a second time with the closing samples, so its count and
 * average in a k6 summary reflect two samples per stream; we reproduce that for comparable results.
 */
export function emitHeadersSample(ctx: VuContext, tags: Tags, startEpoch: number, sendingMs: number): void {
  ctx.emit({ metric: 'http_req_sending', time: startEpoch, value: sendingMs, tags });
}

/** At the end of the stream: http_reqs, the second http_req_sending, and http_req_duration (whole stream). */
export function emitEndSamples(
  ctx: VuContext,
  tags: Tags,
  endEpoch: number,
  sendingMs: number,
  durationMs: number,
): void {
  ctx.emit({ metric: 'http_reqs', time: endEpoch, value: 1, tags });
  ctx.emit({ metric: 'http_req_sending', time: endEpoch, value: sendingMs, tags });
  ctx.emit({ metric: 'http_req_duration', time: endEpoch, value: durationMs, tags });
}
