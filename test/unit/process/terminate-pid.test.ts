import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAlive } from '../../../src/process/probe-pid.ts';
import { startProcess } from '../../../src/process/start-process.ts';
import { terminatePid } from '../../../src/process/terminate-pid.ts';

describe('terminatePid', () => {
  it('ends a process that heeds SIGTERM without killing it', async () => {
    const running = startProcess(['sleep', '30']);
    assert.equal(await terminatePid(running.pid ?? 0, { graceMs: 2_000 }), false);
    assert.equal((await running.done).signal, 'SIGTERM');
  });

  it('kills a process group that ignores SIGTERM once the grace period is over', async () => {
    const pids: number[] = [];
    const running = startProcess(['sh', '-c', 'trap "" TERM; sleep 30 & echo $!; wait'], {
      group: true,
      onStdout: (chunk) => pids.push(Number(chunk.trim())),
    });
    while (pids.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await terminatePid(running.pid ?? 0, { graceMs: 300, group: true }), true);
    assert.equal((await running.done).signal, 'SIGKILL');
    assert.equal(isAlive(pids[0] ?? 0), false, 'its child went with it');
  });
});
