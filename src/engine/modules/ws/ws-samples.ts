// The samples k6/ws and k6/experimental/websockets push (ws.go pushSessionMetrics, Send, trackPong, reads).
import type { VuContext } from '../../runtime/vu-context.ts';

type Tags = Readonly<Record<string, string>>;

/** The metric names k6 uses for WebSockets (metrics/builtin.go). */
export const WS_METRICS = [
  ['ws_sessions', 'counter', 'default'],
  ['ws_msgs_sent', 'counter', 'default'],
  ['ws_msgs_received', 'counter', 'default'],
  ['ws_ping', 'trend', 'time'],
  ['ws_session_duration', 'trend', 'time'],
  ['ws_connecting', 'trend', 'time'],
] as const;

/** One session's samples, all with the same tags (the VU's, url, status, subproto, the script's own). */
export class WsSamples {
  constructor(
    private readonly ctx: VuContext,
    private readonly tags: Tags,
  ) {}

  /** ws_sessions and ws_connecting, stamped at the start of the dial (also for a failed one, as k6). */
  connected(startedAt: number, connectingMs: number): void {
    this.ctx.emit({ metric: 'ws_sessions', time: startedAt, value: 1, tags: this.tags });
    this.ctx.emit({ metric: 'ws_connecting', time: startedAt, value: connectingMs, tags: this.tags });
  }

  sent(): void {
    this.ctx.emit({ metric: 'ws_msgs_sent', time: Date.now(), value: 1, tags: this.tags });
  }

  received(): void {
    this.ctx.emit({ metric: 'ws_msgs_received', time: Date.now(), value: 1, tags: this.tags });
  }

  ping(roundTripMs: number): void {
    this.ctx.emit({ metric: 'ws_ping', time: Date.now(), value: roundTripMs, tags: this.tags });
  }

  /** ws_session_duration, and the socket's bytes as data_sent / data_received. */
  ended(startedAt: number, durationMs: number, traffic: { sent: number; received: number }): void {
    const time = Date.now();
    this.ctx.emit({ metric: 'ws_session_duration', time: startedAt, value: durationMs, tags: this.tags });
    this.ctx.emit({ metric: 'data_sent', time, value: traffic.sent, tags: this.tags });
    this.ctx.emit({ metric: 'data_received', time, value: traffic.received, tags: this.tags });
  }
}

/** The tags of a session: the VU's now, the script's `tags`, then url, status and subproto. */
export function sessionTags(
  ctx: VuContext,
  url: string,
  response: { status: number; headers: Record<string, string> } | undefined,
  custom: Record<string, string> = {},
): Record<string, string> {
  const tags = { ...ctx.tags(), group: ctx.groupPath(), ...custom, url };
  // As ws.go: status and subproto only when the server answered.
  if (!response) return tags;
  return {
    ...tags,
    status: String(response.status),
    subproto: response.headers['Sec-Websocket-Protocol'] ?? '',
  };
}
