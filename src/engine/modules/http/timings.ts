// k6's per-request timings (lib/netext/httpext/tracer.go Trail), from monotonic stamps of one hop.

/** Monotonic stamps (ms) of one request hop; 0 means the moment never came. */
export interface HopStamps {
  readonly startedAt: number;
  readonly readyAt: number;
  readonly wroteAt: number;
  readonly firstByteAt: number;
  readonly endedAt: number;
  readonly connectStartAt: number;
  readonly connectDoneAt: number;
  readonly tlsDoneAt: number;
}

/** `res.timings`, in milliseconds. */
export interface K6Timings {
  duration: number;
  blocked: number;
  looking_up: number;
  connecting: number;
  tls_handshaking: number;
  sending: number;
  waiting: number;
  receiving: number;
}

/**
 * blocked = connection obtained − asked for (it includes connecting, as in Go); sending = request written −
 * connection ready; waiting = first response byte − request written (TTFB); receiving = body read − first
 * byte; duration = sending + waiting + receiving. connect/TLS stamps are 0 for a reused connection.
 */
export function computeTimings(s: HopStamps): K6Timings {
  const blocked = s.readyAt > 0 ? s.readyAt - s.startedAt : 0;
  const connecting = s.connectDoneAt > 0 ? s.connectDoneAt - s.connectStartAt : 0;
  const tlsHandshaking = s.tlsDoneAt > 0 ? s.tlsDoneAt - s.connectDoneAt : 0;
  let sending = 0;
  let waiting = 0;
  if (s.wroteAt > 0) {
    sending = s.wroteAt - s.readyAt;
    if (s.firstByteAt === 0) waiting = s.endedAt - s.wroteAt;
    else if (s.firstByteAt > s.wroteAt) waiting = s.firstByteAt - s.wroteAt;
  }
  const receiving = s.firstByteAt > 0 ? s.endedAt - s.firstByteAt : 0;
  return {
    duration: sending + waiting + receiving,
    blocked,
    looking_up: 0,
    connecting,
    tls_handshaking: tlsHandshaking,
    sending,
    waiting,
    receiving,
  };
}
