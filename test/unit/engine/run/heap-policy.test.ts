import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { runCommand } from '../../../../src/process/run-command.ts';
import { projectRoot } from '../../../../src/util/paths.ts';

async function peakHeap(mode: 'policy' | 'none'): Promise<number> {
  const script = join(projectRoot, 'test/fixtures/engine/heap-churn.ts');
  // Whatever the caller's INFERLOAD_HEAP_POLICY, the child decides by `mode` alone.
  const run = await runCommand([process.execPath, '--import', 'tsx', script, mode, '3000'], {
    env: { INFERLOAD_HEAP_POLICY: '' },
  });
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { liveArrays: number; peakHeap: number };
  assert.equal(out.liveArrays, 5000);
  return out.peakHeap;
}

test('the heap policy keeps the heap a steady multiple of the live objects under promoting churn', async () => {
  // The same churn with V8's adaptive growing factor and with the engine's fixed one, in one run: V8's own
  // lets the heap reach several times the ~50 MB live; the policy holds it near 1.5 times plus the young space.
  const adaptive = await peakHeap('none');
  const fixed = await peakHeap('policy');
  const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;
  assert.ok(fixed < 200 * 2 ** 20, `peak heap with the policy ${mb(fixed)}`);
  assert.ok(adaptive > fixed * 1.4, `adaptive ${mb(adaptive)} against fixed ${mb(fixed)}`);
});
