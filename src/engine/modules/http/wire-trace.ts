// When a request is written and on which socket: undici's handler API does not say, its diagnostics
// channels do. undici writes a request synchronously right after calling onRequestStart, so the request
// that last started is the one the next sendHeaders/bodySent message is about.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/** A request that wants its socket and the moment its last byte was written. */
export interface WireTraced {
  readonly wireMethod: string;
  readonly wirePath: string;
  onWireSocket(socket: Socket, headerBytes: number): void;
  onWireWritten(): void;
}

interface UndiciRequestMessage {
  readonly request: { readonly method: string; readonly path: string };
  readonly socket?: Socket;
  readonly headers?: string;
}

const SEND_HEADERS = 'undici:client:sendHeaders';
const BODY_SENT = 'undici:request:bodySent';
let expected: WireTraced | null = null;
let retainCount = 0;

/** Called from onRequestStart: the next write messages belong to `traced`. */
export function expectWireEvents(traced: WireTraced): void {
  expected = traced;
}

/** Drops `traced` if it still waits (its request was aborted before being written). */
export function forgetWireEvents(traced: WireTraced): void {
  if (expected === traced) expected = null;
}

// Other undici copies in the process (Node's fetch) publish on the same channels: match method and path.
function matchExpected(message: unknown): WireTraced | null {
  const traced = expected;
  if (traced === null) return null;
  const { request } = message as UndiciRequestMessage;
  return request.method === traced.wireMethod && request.path === traced.wirePath ? traced : null;
}

function onSendHeaders(message: unknown): void {
  const traced = matchExpected(message);
  const { socket, headers } = message as UndiciRequestMessage;
  if (traced !== null && socket !== undefined) traced.onWireSocket(socket, headers?.length ?? 0);
}

function onBodySent(message: unknown): void {
  const traced = matchExpected(message);
  if (traced === null) return;
  expected = null;
  traced.onWireWritten();
}

/** Subscribes to undici's channels while at least one SharedHttp is open. */
export function retainWireTrace(): void {
  if (retainCount++ > 0) return;
  subscribe(SEND_HEADERS, onSendHeaders);
  subscribe(BODY_SENT, onBodySent);
}

/** Unsubscribes when the last SharedHttp closes. */
export function releaseWireTrace(): void {
  if (retainCount === 0 || --retainCount > 0) return;
  unsubscribe(SEND_HEADERS, onSendHeaders);
  unsubscribe(BODY_SENT, onBodySent);
  expected = null;
}
