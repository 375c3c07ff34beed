// Connection set-up times, recorded by wrapping undici's connector: k6 reports them as http_req_connecting
// and http_req_tls_handshaking on the request that opened the connection.
import type { Socket } from 'node:net';
import { buildConnector } from 'undici';
import { monotonicNow } from './clock.ts';

/** Monotonic stamps of one connection's set-up; `claimed` once a request has reported them. */
export interface ConnectionTimes {
  readonly startedAt: number;
  tcpDoneAt: number;
  tlsDoneAt: number;
  claimed: boolean;
}

const timesBySocket = new WeakMap<object, ConnectionTimes>();

/** The set-up times of `socket` the first time a request asks; undefined for a reused connection. */
export function claimConnectionTimes(socket: object): ConnectionTimes | undefined {
  const times = timesBySocket.get(socket);
  if (times === undefined || times.claimed) return undefined;
  times.claimed = true;
  return times;
}

// undici's typings say the connector returns void; at run time it returns the socket it creates.
type SocketReturningConnector = (
  options: buildConnector.Options,
  callback: buildConnector.Callback,
) => Socket | undefined;

/** undici's default connector, recording when TCP and TLS set-up finished for each new socket. */
export function createTimedConnector(options: buildConnector.BuildOptions): buildConnector.connector {
  const connect = buildConnector(options) as unknown as SocketReturningConnector;
  return (connectOptions, callback) => {
    const times: ConnectionTimes = { startedAt: monotonicNow(), tcpDoneAt: 0, tlsDoneAt: 0, claimed: false };
    const isTls = connectOptions.protocol === 'https:';
    const socket = connect(connectOptions, (...args) => {
      const connected = args[1];
      if (connected) {
        const now = monotonicNow();
        if (times.tcpDoneAt === 0) times.tcpDoneAt = now;
        if (isTls) times.tlsDoneAt = now;
        timesBySocket.set(connected, times);
      }
      callback(...args);
    });
    // A TLS socket emits 'connect' when TCP is up, before 'secureConnect' ends the handshake.
    if (isTls && socket !== undefined) {
      socket.once('connect', () => {
        times.tcpDoneAt = monotonicNow();
      });
    }
  };
}
