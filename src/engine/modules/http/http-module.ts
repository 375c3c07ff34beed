// k6/http for one VU: every call returns a Promise (tracked for forgotten awaits) resolving to a K6Response.
import type { VuContext } from '../../runtime/vu-context.ts';
import { errorResponse, runBatch } from './batch.ts';
import {
  DEFAULT_EXPECTED_STATUSES,
  type ExpectedStatuses,
  createExpectedStatuses,
  toResponseCallback,
} from './expected-statuses.ts';
import { CONTEXT_CANCELED } from './error-codes.ts';
import { K6CookieJar } from './cookie-jar.ts';
import { createIterationJar } from './iteration-jar.ts';
import type { HttpVu } from './http-vu.ts';
import { watchIterationSignal } from './iteration-signal.ts';
import { NotImplementedError, notImplementedFunction } from '../not-implemented.ts';
import { type PrepareContext, prepareRequest } from './prepare-request.ts';
import { HttpRequestRun } from './request-run.ts';
import { K6Response } from './response.ts';
import type { SharedHttp } from './shared-http.ts';
import { type K6Url, urlTemplate } from './target-url.ts';
import { TLS_AND_OCSP_CONSTANTS } from './constants.ts';

type Call = Promise<K6Response>;

/** What `import http from 'k6/http'` gives a script (default and named exports are this object). */
export interface K6HttpModule {
  request(method: string, url: string | K6Url, body?: unknown, params?: unknown): Call;
  asyncRequest(method: string, url: string | K6Url, body?: unknown, params?: unknown): Call;
  get(url: string | K6Url, params?: unknown): Call;
  head(url: string | K6Url, params?: unknown): Call;
  post(url: string | K6Url, body?: unknown, params?: unknown): Call;
  put(url: string | K6Url, body?: unknown, params?: unknown): Call;
  patch(url: string | K6Url, body?: unknown, params?: unknown): Call;
  del(url: string | K6Url, body?: unknown, params?: unknown): Call;
  options(url: string | K6Url, body?: unknown, params?: unknown): Call;
  batch(requests: unknown): Promise<K6Response[] | Record<string, K6Response>>;
  expectedStatuses(...statuses: unknown[]): ExpectedStatuses;
  setResponseCallback(callback: unknown): void;
  url(strings: TemplateStringsArray, ...values: unknown[]): K6Url;
  file(): never;
  cookieJar(): K6CookieJar;
  CookieJar: typeof K6CookieJar;
  readonly [constant: string]: unknown;
}

const INIT_ERROR = 'Making http requests in the init context is not supported';

/** Creates the module instance of one VU. */
export function createHttpModule(ctx: VuContext, shared: SharedHttp): K6HttpModule {
  const vu: HttpVu = {
    ctx,
    shared,
    responseCallback: DEFAULT_EXPECTED_STATUSES,
    inflight: new Set(),
    watchedSignal: null,
    send: (method, url, body, params) => send('request', method, url, body, params),
  };
  const jar = createIterationJar(ctx, shared);
  // Read at each request: the run's client is made at the first one, once the script's options are known.
  const prep: PrepareContext = {
    get targets() {
      return shared.targets;
    },
    get userAgent() {
      return shared.userAgent;
    },
    get defaults() {
      const options = ctx.options;
      return {
        throwOnError: options.throw === true,
        discardResponseBodies: options.discardResponseBodies === true,
        maxRedirects: shared.maxRedirects,
        maxRedirectsSet: shared.maxRedirectsSet,
      };
    },
    jar,
  };
  const send = (label: string, method: string, url: unknown, body: unknown, params: unknown): Call => {
    if (ctx.isInit()) throw new Error(INIT_ERROR);
    return ctx.track(startRequest(vu, prep, method, url, body, params), `http.${label}(${String(url)})`);
  };
  return {
    ...TLS_AND_OCSP_CONSTANTS,
    request: (method, url, body, params) => send('request', method, url, body, params),
    asyncRequest: (method, url, body, params) => send('asyncRequest', method, url, body, params),
    get: (url, params) => send('get', 'GET', url, undefined, params),
    head: (url, params) => send('head', 'HEAD', url, undefined, params),
    post: (url, body, params) => send('post', 'POST', url, body, params),
    put: (url, body, params) => send('put', 'PUT', url, body, params),
    patch: (url, body, params) => send('patch', 'PATCH', url, body, params),
    del: (url, body, params) => send('del', 'DELETE', url, body, params),
    options: (url, body, params) => send('options', 'OPTIONS', url, body, params),
    batch: (requests) => {
      if (ctx.isInit()) throw new Error('Using batch in the init context is not supported');
      watchIterationSignal(vu);
      return ctx.track(runBatch(vu, prep, requests), 'http.batch(...)');
    },
    expectedStatuses: createExpectedStatuses,
    setResponseCallback: (callback) => {
      vu.responseCallback = toResponseCallback(callback);
    },
    url: urlTemplate,
    file: notImplementedFunction('k6/http', 'file'),
    cookieJar: () => {
      if (ctx.isInit()) throw new Error('http.cookieJar() is not supported in the init context');
      return jar();
    },
    CookieJar: K6CookieJar,
  };
}

// Invalid arguments: k6 throws with the `throw` option, else returns a Response carrying the error.
function startRequest(
  vu: HttpVu,
  prep: PrepareContext,
  method: string,
  url: unknown,
  body: unknown,
  params: unknown,
): Call {
  let spec;
  try {
    spec = prepareRequest(prep, method, url, body, params);
  } catch (err) {
    if (err instanceof NotImplementedError || vu.ctx.options.throw === true) throw err;
    return Promise.resolve(errorResponse(err));
  }
  if (!watchIterationSignal(vu)) return Promise.resolve(canceledResponse());
  return new Promise<K6Response>((resolve, reject) =>
    new HttpRequestRun(vu, spec, { resolve, reject }).start(),
  );
}

function canceledResponse(): K6Response {
  const res = new K6Response();
  res.error = CONTEXT_CANCELED.message;
  res.error_code = CONTEXT_CANCELED.code;
  return res;
}
