// `k6/experimental/streams`: the WHATWG streams k6 exposes, as Node implements them (node:stream/web).
import {
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,
  ReadableStream,
  ReadableStreamDefaultController,
  ReadableStreamDefaultReader,
  WritableStream,
} from 'node:stream/web';

/** Creates the `k6/experimental/streams` module: the classes k6's docs list (WritableStream since k6 v2.2). */
export function createStreamsModule(): Record<string, unknown> {
  const api = {
    ReadableStream,
    ReadableStreamDefaultReader,
    ReadableStreamDefaultController,
    CountQueuingStrategy,
    ByteLengthQueuingStrategy,
    WritableStream,
  };
  return { ...api, default: api };
}
