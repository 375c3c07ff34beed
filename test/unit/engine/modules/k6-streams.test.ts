// k6/experimental/streams: k6's docs ReadableStream example (a source enqueuing numbers, read with a reader).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createStreamsModule } from '../../../../src/engine/modules/k6-streams.ts';

type Streams = {
  ReadableStream: typeof ReadableStream;
  CountQueuingStrategy: typeof CountQueuingStrategy;
  WritableStream: typeof WritableStream;
};
const streams = createStreamsModule() as unknown as Streams;

describe('k6/experimental/streams', () => {
  it('reads what a pull source enqueues, in order, then done', async () => {
    let next = 1;
    const stream = new streams.ReadableStream<number>(
      {
        pull(controller) {
          if (next > 3) controller.close();
          else controller.enqueue(next++);
        },
      },
      new streams.CountQueuingStrategy({ highWaterMark: 1 }),
    );
    const reader = stream.getReader();
    const seen: number[] = [];
    for (let step = await reader.read(); !step.done; step = await reader.read()) seen.push(step.value);
    assert.deepEqual(seen, [1, 2, 3]);
  });

  it('rejects reads of a stream its source errored, and pipes into a WritableStream', async () => {
    const failing = new streams.ReadableStream({
      start(controller) {
        controller.error(new Error('source failed'));
      },
    });
    await assert.rejects(failing.getReader().read(), /source failed/);
    const written: string[] = [];
    const source = new streams.ReadableStream<string>({
      start(controller) {
        controller.enqueue('a');
        controller.enqueue('b');
        controller.close();
      },
    });
    await source.pipeTo(new streams.WritableStream<string>({ write: (chunk) => void written.push(chunk) }));
    assert.deepEqual(written, ['a', 'b']);
  });
});
