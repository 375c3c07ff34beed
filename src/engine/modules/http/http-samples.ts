// The samples k6 emits per request hop (tracer.go SaveSamples + transport.go measureAndEmitMetrics).
import type { VuContext } from '../../runtime/vu-context.ts';
import type { K6ErrorInfo } from './error-codes.ts';
import type { K6Timings } from './timings.ts';

/** What the tags of one hop depend on. */
export interface HopOutcome {
  readonly method: string;
  /** `tags.name` or the http.url name; else the hop's URL is both `name` and `url`. */
  readonly nameTag: string | null;
  readonly tagUrl: string;
  readonly userTags: Readonly<Record<string, string>> | null;
  readonly status: number;
  readonly error: K6ErrorInfo | null;
  /** The response callback's verdict; null when no callback is set. */
  readonly expected: boolean | null;
  readonly tlsVersion: string | null;
}

/** VU tags, then the request's tags, then system tags (which win, except a user-set `name`). */
export function buildHopTags(ctx: VuContext, hop: HopOutcome): Record<string, string> {
  const tags: Record<string, string> = Object.assign({}, ctx.tags());
  tags.group = ctx.groupPath();
  if (hop.userTags !== null) Object.assign(tags, hop.userTags);
  const name = hop.nameTag ?? hop.tagUrl;
  tags.name = name;
  tags.url = name;
  tags.method = hop.method;
  if (hop.error !== null) {
    tags.status = '0';
    tags.error = hop.error.message;
    tags.error_code = String(hop.error.code);
  } else {
    tags.status = String(hop.status);
    tags.proto = 'HTTP/1.1';
    if (hop.status >= 400) tags.error_code = String(1000 + hop.status);
    if (hop.tlsVersion !== null) tags.tls_version = hop.tlsVersion;
  }
  if (hop.expected !== null) tags.expected_response = hop.expected ? 'true' : 'false';
  return tags;
}

/** Emits http_reqs, the seven timing trends, http_req_failed (with a callback) and data_sent/received. */
export function emitHopSamples(
  ctx: VuContext,
  tags: Readonly<Record<string, string>>,
  time: number,
  timings: K6Timings,
  expected: boolean | null,
  sentBytes: number,
  receivedBytes: number,
): void {
  ctx.emit({ metric: 'http_reqs', time, value: 1, tags });
  ctx.emit({ metric: 'http_req_duration', time, value: timings.duration, tags });
  ctx.emit({ metric: 'http_req_blocked', time, value: timings.blocked, tags });
  ctx.emit({ metric: 'http_req_connecting', time, value: timings.connecting, tags });
  ctx.emit({ metric: 'http_req_tls_handshaking', time, value: timings.tls_handshaking, tags });
  ctx.emit({ metric: 'http_req_sending', time, value: timings.sending, tags });
  ctx.emit({ metric: 'http_req_waiting', time, value: timings.waiting, tags });
  ctx.emit({ metric: 'http_req_receiving', time, value: timings.receiving, tags });
  if (expected !== null) ctx.emit({ metric: 'http_req_failed', time, value: expected ? 0 : 1, tags });
  ctx.emit({ metric: 'data_sent', time, value: sentBytes, tags });
  ctx.emit({ metric: 'data_received', time, value: receivedBytes, tags });
}
