// http.batch: items run concurrently, at most `batch` at once and `batchPerHost` per host (k6 options).
import type { HttpVu } from './http-vu.ts';
import { type PrepareContext, type RequestSpec, prepareRequest } from './prepare-request.ts';
import { HttpRequestRun } from './request-run.ts';
import { K6Response } from './response.ts';
import { K6Url } from './target-url.ts';

type BatchResult = K6Response[] | Record<string, K6Response>;

interface BatchItem {
  readonly key: string | number;
  readonly spec: RequestSpec;
}

/** Runs `requests` (array or object of items); the result has the input's shape. */
export function runBatch(vu: HttpVu, prep: PrepareContext, requests: unknown): Promise<BatchResult> {
  if (typeof requests !== 'object' || requests === null) {
    throw new Error(`invalid http.batch() argument type ${typeof requests}`);
  }
  const isArray = Array.isArray(requests);
  const results = (isArray ? [] : {}) as Record<string | number, K6Response>;
  const items: BatchItem[] = [];
  for (const [key, value] of Object.entries(requests)) {
    const itemKey = isArray ? Number(key) : key;
    try {
      items.push({ key: itemKey, spec: prepareBatchItem(prep, key, value) });
    } catch (err) {
      if (vu.ctx.options.throw === true) throw err;
      results[itemKey] = errorResponse(err); // as k6: nothing is sent when any item is invalid
      return Promise.resolve(results as BatchResult);
    }
  }
  return new Promise((resolve, reject) => {
    runLimited(vu, items, results, () => resolve(results as BatchResult), reject);
  });
}

function runLimited(
  vu: HttpVu,
  items: BatchItem[],
  results: Record<string | number, K6Response>,
  done: () => void,
  fail: (error: Error) => void,
): void {
  const pending = [...items];
  const perHost = new Map<string, number>();
  let running = 0;
  let firstError: Error | null = null;
  const pump = (): void => {
    for (let i = 0; i < pending.length && running < vu.shared.batch;) {
      const item = pending[i] as BatchItem;
      const host = item.spec.target.host;
      const hostCount = perHost.get(host) ?? 0;
      if (hostCount >= vu.shared.batchPerHost) {
        i++;
        continue;
      }
      pending.splice(i, 1);
      running++;
      perHost.set(host, hostCount + 1);
      const settle = (): void => {
        running--;
        perHost.set(host, (perHost.get(host) ?? 1) - 1);
        if (pending.length > 0) pump();
        else if (running === 0 && firstError === null) done();
        else if (running === 0 && firstError !== null) fail(firstError);
      };
      const resolve = (response: K6Response): void => {
        results[item.key] = response;
        settle();
      };
      const reject = (error: Error): void => {
        firstError ??= error;
        settle();
      };
      new HttpRequestRun(vu, item.spec, { resolve, reject }).start();
    }
  };
  if (items.length === 0) done();
  else pump();
}

// Items: "url", ["METHOD", url, body?, params?] or {method, url, body, params}.
function prepareBatchItem(prep: PrepareContext, key: string, item: unknown): RequestSpec {
  if (Array.isArray(item)) {
    if (item.length < 2) throw new Error(`invalid batch request '${JSON.stringify(item)}'`);
    if (typeof item[0] !== 'string') throw new Error(`invalid method type '${String(item[0])}'`);
    return prepareRequest(prep, item[0], item[1], item[2], item[3]);
  }
  if (typeof item === 'object' && item !== null && !(item instanceof K6Url)) {
    const { method = 'GET', url, body, params } = item as Record<string, unknown>;
    if (url === undefined) throw new Error(`batch request ${key} doesn't have a url key`);
    if (typeof method !== 'string') throw new Error(`invalid method type '${String(method)}'`);
    const upper = method.toUpperCase();
    const sendsBody = upper !== 'GET' && upper !== 'HEAD';
    return prepareRequest(prep, upper, url, sendsBody ? body : undefined, params);
  }
  return prepareRequest(prep, 'GET', item, undefined, undefined);
}

/** A Response carrying a preparation error, as k6 returns when `throw` is off. */
export function errorResponse(err: unknown): K6Response {
  const res = new K6Response();
  res.error = err instanceof Error ? err.message : String(err);
  res.error_code = 1000;
  return res;
}
