import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RunCleanup } from '../../../../src/engine/run/run-cleanup.ts';

describe('RunCleanup', () => {
  it('closes newest first, each closer once', async () => {
    const cleanup = new RunCleanup();
    const closed: string[] = [];
    cleanup.defer(() => closed.push('http client'));
    cleanup.defer(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      closed.push('json output');
    });
    cleanup.defer(() => closed.push('timers'));
    await cleanup.close();
    await cleanup.close();
    assert.deepEqual(closed, ['timers', 'json output', 'http client']);
  });

  it('runs every closer after one fails and rethrows the first failure', async () => {
    const cleanup = new RunCleanup();
    const closed: string[] = [];
    cleanup.defer(() => closed.push('http client'));
    cleanup.defer(() => {
      throw new Error('disk full');
    });
    cleanup.defer(() => Promise.reject(new Error('later failure')));
    await assert.rejects(cleanup.close(), /later failure/);
    assert.deepEqual(closed, ['http client']);
  });
});
