// The k6/http module of the embedded engine, and the per-run state it shares with k6/x/sse.
export { type K6HttpModule, createHttpModule } from './http-module.ts';
export {
  type SharedHttp,
  type SharedHttpOptions,
  createLazySharedHttp,
  createSharedHttp,
} from './shared-http.ts';
export { K6Response } from './response.ts';
