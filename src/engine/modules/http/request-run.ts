// One k6/http request, redirects included: the undici dispatch handler that measures each hop,
// emits its samples and settles the call's promise with a K6Response.
import type { Socket } from 'node:net';
import type { Dispatcher } from 'undici';
import { epochNow, monotonicNow } from './clock.ts';
import { decodeContent } from './decompress.ts';
import {
  CONTEXT_CANCELED,
  DIAL_TIMEOUT,
  type K6ErrorInfo,
  REQUEST_TIMEOUT,
  classifyError,
} from './error-codes.ts';
import type { ExpectedStatuses } from './expected-statuses.ts';
import { type IncomingHeaders, headerValue, withoutHeader } from './header-keys.ts';
import { type DigestChallenge, digestAuthorization, parseDigestChallenge } from './digest-auth.ts';
import { buildHopTags, emitHopSamples } from './http-samples.ts';
import type { HttpVu } from './http-vu.ts';
import type { Cancelable } from './iteration-signal.ts';
import type { RequestSpec } from './prepare-request.ts';
import { type RedirectHop, planRedirect, redirectHeaderList, redirectLimitWarning } from './redirects.ts';
import { cookieHeaderFor } from './request-cookies.ts';
import type { K6Response } from './response.ts';
import { setCookieLines } from './response-cookies.ts';
import { buildResponse, statusHasBody, tlsVersionOf } from './build-response.ts';
import type { Target } from './target-url.ts';
import { claimConnectionTimes } from './timed-connector.ts';
import { type HopStamps, type K6Timings, computeTimings } from './timings.ts';
import { type WireTraced, expectWireEvents, forgetWireEvents } from './wire-trace.ts';

const MAX_TIMER_MS = 2_147_483_647; // larger setTimeout delays fire at once in Node

/** Settles the promise of the k6/http call. */
export interface RunSettlers {
  resolve(response: K6Response): void;
  reject(error: Error): void;
}

/**
 * Handles every hop of one request; the same object is re-dispatched for each redirect, as undici's own
 * RedirectHandler does, so a request costs one handler however many hops it takes.
 */
export class HttpRequestRun implements Dispatcher.DispatchHandler, WireTraced, HopStamps, Cancelable {
  startedAt = 0;
  readyAt = 0;
  wroteAt = 0;
  firstByteAt = 0;
  endedAt = 0;
  connectStartAt = 0;
  connectDoneAt = 0;
  tlsDoneAt = 0;
  wireMethod: string;
  wirePath: string;
  #target: Target;
  #body: Buffer | null;
  #headerList: readonly string[];
  #socket: Socket | null = null;
  #sentBytes = 0;
  #readBase = 0;
  #status = 0;
  #statusMessage = '';
  #headers: IncomingHeaders | null = null;
  #chunks: Buffer[] = [];
  #keepBody = false;
  #redirect: RedirectHop | null = null;
  #cookie: string | null;
  /** Set once a Digest challenge was answered: a second 401 is the response. */
  #digestSent = false;
  #digest: DigestChallenge | null = null;
  #controller: Dispatcher.DispatchController | null = null;
  #hopDone = false;
  #redirectsLeft: number;
  #finished = false;
  #canceled = false;
  #timer: NodeJS.Timeout | null = null;
  readonly #callback: ExpectedStatuses | null;

  constructor(
    private readonly vu: HttpVu,
    private readonly spec: RequestSpec,
    private readonly settlers: RunSettlers,
  ) {
    this.wireMethod = spec.method;
    this.#target = spec.target;
    this.wirePath = spec.target.path;
    this.#body = spec.body;
    this.#headerList = spec.headerList;
    this.#redirectsLeft = spec.params.redirects;
    this.#cookie = spec.requestHeaders.Cookie?.[0] ?? null;
    this.#callback =
      spec.params.responseCallback === undefined ? vu.responseCallback : spec.params.responseCallback;
  }

  /** Dispatches the first hop and arms the timeout, which covers the whole redirect chain as in k6. */
  start(): void {
    this.vu.inflight.add(this);
    const timeoutMs = this.spec.params.timeoutMs;
    if (timeoutMs <= MAX_TIMER_MS) this.#timer = setTimeout(fireTimeout, Math.max(0, timeoutMs), this);
    this.#dispatchHop();
  }

  /** Hard stop: settle at once, without samples (k6 drops samples once the VU context is done). */
  cancel(): void {
    if (this.#finished) return;
    this.#canceled = true;
    this.#abortHop(CONTEXT_CANCELED);
  }

  /** Timer callback: a dial timeout before a connection was ready, a request timeout after. */
  timeOut(): void {
    this.#timer = null;
    if (!this.#finished) this.#abortHop(this.readyAt === 0 ? DIAL_TIMEOUT : REQUEST_TIMEOUT);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.#hopDone) {
      controller.abort(new Error('request already settled'));
      return;
    }
    this.#controller = controller;
    this.readyAt = monotonicNow();
    expectWireEvents(this);
  }

  onWireSocket(socket: Socket, headerBytes: number): void {
    this.#socket = socket;
    const times = claimConnectionTimes(socket);
    if (times !== undefined) {
      this.connectStartAt = times.startedAt;
      this.connectDoneAt = times.tcpDoneAt;
      this.tlsDoneAt = times.tlsDoneAt;
    }
    // Header block + CRLF + body; undici appends "content-length: N\r\n" when there is a body.
    const bodyBytes = this.#body?.length ?? 0;
    this.#sentBytes = headerBytes + 2 + (bodyBytes > 0 ? 18 + String(bodyBytes).length + bodyBytes : 0);
    this.#readBase = socket.bytesRead;
  }

  onWireWritten(): void {
    this.wroteAt = monotonicNow();
  }

  // Called by undici when the first byte of the response is parsed (Go's GotFirstResponseByte).
  onResponseStarted(): void {
    if (this.firstByteAt === 0) this.firstByteAt = monotonicNow();
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    status: number,
    headers: IncomingHeaders,
    statusMessage?: string,
  ): void {
    if (this.#hopDone) return;
    if (this.firstByteAt === 0) this.firstByteAt = monotonicNow();
    this.#status = status;
    this.#headers = headers;
    this.#statusMessage = statusMessage ?? '';
    this.spec.jar.store(this.#target.href, setCookieLines(headers));
    this.#redirect = this.#planRedirect(status, headers);
    this.#digest =
      status === 401 && this.spec.params.auth === 'digest' && !this.#digestSent
        ? parseDigestChallenge(headerValue(headers, 'www-authenticate'))
        : null;
    this.#keepBody =
      this.#redirect === null &&
      this.#digest === null &&
      this.spec.params.responseType !== 'none' &&
      statusHasBody(status);
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (!this.#hopDone && this.#keepBody) this.#chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (this.#hopDone) return;
    this.endedAt = monotonicNow();
    this.#completeHop(null);
  }

  onResponseError(_controller: Dispatcher.DispatchController | null, err: Error): void {
    if (this.#hopDone) return;
    this.endedAt = monotonicNow();
    this.#completeHop(classifyError(err, this.#status !== 0));
  }

  // Past the limit k6 returns the redirect itself, with a warning unless the script chose the limit.
  #planRedirect(status: number, headers: IncomingHeaders): RedirectHop | null {
    const hop = planRedirect(status, this.wireMethod, headerValue(headers, 'location'), this.#target.href);
    if (hop === null || this.#redirectsLeft > 0) return hop;
    if (!this.spec.params.redirectsSet) {
      this.vu.shared.warn(redirectLimitWarning(this.spec.params.redirects, this.spec.target.tagUrl));
    }
    return null;
  }

  #dispatchHop(): void {
    this.startedAt = monotonicNow();
    const headers = this.#cookie === null ? this.#headerList : [...this.#headerList, 'Cookie', this.#cookie];
    const options: Dispatcher.DispatchOptions = {
      origin: this.#target.origin,
      path: this.#target.path,
      method: this.wireMethod as Dispatcher.HttpMethod,
      headers: headers as string[],
      body: this.#body,
      ...(this.vu.shared.noConnectionReuse ? { reset: true } : {}),
    };
    try {
      this.vu.shared.agent.dispatch(options, this);
    } catch (err) {
      this.onResponseError(null, err instanceof Error ? err : new Error(String(err)));
    }
  }

  #abortHop(info: K6ErrorInfo): void {
    const controller = this.#controller;
    this.endedAt = monotonicNow();
    this.#completeHop(info);
    controller?.abort(new Error(info.message));
  }

  #completeHop(transportError: K6ErrorInfo | null): void {
    this.#hopDone = true;
    forgetWireEvents(this);
    if (this.wroteAt === 0 && this.firstByteAt > 0) this.wroteAt = this.readyAt; // no bodySent message seen
    const timings = computeTimings(this);
    let error = transportError;
    let body: Buffer | null = null;
    if (error === null && this.#keepBody) {
      const decoded = this.#decodeBody();
      body = decoded.body;
      error = decoded.error;
    }
    const status = error === null ? this.#status : 0;
    // k6 expects the first answer of a digest exchange to be its 401.
    const challenged = this.spec.params.auth === 'digest' && !this.#digestSent;
    const expected =
      this.#callback === null ? null : challenged ? status === 401 : this.#callback.match(status);
    if (!this.#canceled) this.#emitHop(timings, error, expected);
    if (error === null && this.#digest !== null && !this.#canceled) return this.#answerDigest(this.#digest);
    if (error === null && this.#redirect !== null && this.#followRedirect(this.#redirect)) return;
    this.#finish(
      buildResponse(this.spec, {
        url: this.#target.tagUrl,
        hostname: this.#target.hostname,
        method: this.wireMethod,
        timings,
        socket: this.#socket,
        error,
        status: this.#status,
        statusMessage: this.#statusMessage,
        headers: this.#headers,
        body,
      }).bindSender(this.vu.send),
    );
  }

  #decodeBody(): { body: Buffer | null; error: K6ErrorInfo | null } {
    const chunks = this.#chunks;
    const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    const encoding = headerValue(this.#headers, 'content-encoding');
    if (encoding === undefined || raw.length === 0) return { body: raw, error: null };
    return decodeContent(raw, encoding);
  }

  #emitHop(timings: K6Timings, error: K6ErrorInfo | null, expected: boolean | null): void {
    const socket = this.#socket;
    const tags = buildHopTags(this.vu.ctx, {
      method: this.wireMethod,
      nameTag: this.spec.nameTag,
      tagUrl: this.#target.tagUrl,
      userTags: this.spec.params.tags,
      status: this.#status,
      error,
      expected,
      tlsVersion: socket === null ? null : tlsVersionOf(socket),
    });
    const received = socket === null ? 0 : socket.bytesRead - this.#readBase;
    emitHopSamples(this.vu.ctx, tags, epochNow(), timings, expected, this.#sentBytes, received);
  }

  #answerDigest(challenge: DigestChallenge): void {
    this.#digestSent = true;
    const url = new URL(this.#target.href);
    const credentials = {
      username: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    };
    const authorization = digestAuthorization(challenge, credentials, this.wireMethod, this.#target.path);
    this.#headerList = [...withoutHeader(this.#headerList, 'authorization'), 'Authorization', authorization];
    this.#resetHop();
    this.#dispatchHop();
  }

  #followRedirect(hop: RedirectHop): boolean {
    let next: Target;
    try {
      next = this.vu.shared.targets.resolve(hop.url);
    } catch {
      return false;
    }
    this.#redirectsLeft--;
    const sameHost = next.host === this.#target.host;
    this.#headerList = redirectHeaderList(this.#headerList, sameHost);
    const params = this.spec.params;
    this.#cookie = cookieHeaderFor(
      sameHost ? this.spec.userCookie : null,
      sameHost ? params.cookies : [],
      this.spec.jar,
      next.href,
    );
    if (!hop.keepBody) this.#body = null;
    this.wireMethod = hop.method;
    this.wirePath = next.path;
    this.#target = next;
    this.#resetHop();
    this.#dispatchHop();
    return true;
  }

  #resetHop(): void {
    this.readyAt = this.wroteAt = this.firstByteAt = this.endedAt = 0;
    this.connectStartAt = this.connectDoneAt = this.tlsDoneAt = 0;
    this.#socket = null;
    this.#sentBytes = this.#readBase = this.#status = 0;
    this.#headers = null;
    this.#chunks = [];
    this.#redirect = null;
    this.#controller = null;
    this.#hopDone = false;
  }

  #finish(response: K6Response): void {
    this.#finished = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.vu.inflight.delete(this);
    // undici frees a keep-alive connection with a setImmediate queued after onResponseEnd returns; settling
    // after it lets the script's next request reuse that connection (one per VU, as in k6) instead of
    // alternating between two.
    process.nextTick(settleAfterRelease, this.settlers, response, this.spec.params.throwOnError);
  }
}

function settleAfterRelease(settlers: RunSettlers, response: K6Response, throwOnError: boolean): void {
  setImmediate(settleRun, settlers, response, throwOnError);
}

function settleRun(settlers: RunSettlers, response: K6Response, throwOnError: boolean): void {
  if (response.error !== '' && throwOnError) settlers.reject(new Error(response.error));
  else settlers.resolve(response);
}

function fireTimeout(run: HttpRequestRun): void {
  run.timeOut();
}
