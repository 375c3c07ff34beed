// k6's --paused and its REST API on the embedded engine: a paused run initializes its VUs and waits, GET
// /v1/status says so (PausedBeforeRun, 4), PATCH {"paused": false} starts it, PATCH {"stopped": true} ends it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../../src/util/paths.ts';

const SCRIPT = `import { sleep } from 'k6';
export const options = { vus: 2, duration: '1s' };
export default function () { sleep(0.1); }
`;

function startPaused(dir: string) {
  const script = join(dir, 'script.js');
  writeFileSync(script, SCRIPT);
  const summary = join(dir, 'summary.json');
  const child = spawn(
    process.execPath,
    [
      join(projectRoot, 'bin', 'inferload.js'),
      'k6',
      'run',
      '--paused',
      '-a',
      '127.0.0.1:0',
      '--quiet',
    ].concat(['--summary-export', summary, script]),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const address = (async (): Promise<string> => {
    for (let i = 0; i < 300; i++) {
      const found = /REST API listening on (\S+)/.exec(stdout)?.[1];
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no API address in ${stdout}`);
  })();
  return { address, exited, summary };
}

async function status(address: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 100; i++) {
    const body = (await (await fetch(`http://${address}/v1/status`)).json()) as {
      data: { attributes: Record<string, unknown> };
    };
    if (body.data.attributes['status'] === 4) return body.data.attributes;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('never paused before the run');
}

async function patch(address: string, attributes: Record<string, unknown>): Promise<number> {
  const response = await fetch(`http://${address}/v1/status`, {
    method: 'PATCH',
    body: JSON.stringify({ data: { type: 'status', id: 'default', attributes } }),
  });
  await response.text();
  return response.status;
}

describe('inferload k6 run --paused with the REST API', { timeout: 60_000 }, () => {
  it('waits with its VUs ready until resumed; the paused time is not the run time', async () => {
    const run = startPaused(mkdtempSync(join(tmpdir(), 'inferload-paused-')));
    const address = await run.address;
    const paused = await status(address);
    assert.deepEqual(
      [paused['paused'], paused['running'], paused['stopped'], paused['vus-max']],
      [true, false, false, 2],
    );
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const iterations = (await (await fetch(`http://${address}/v1/metrics/iterations`)).json()) as {
      data?: { attributes?: { sample?: { count?: number } } };
    };
    assert.equal(iterations.data?.attributes?.sample?.count, 0, 'no iteration while paused');
    assert.equal(await patch(address, { paused: false }), 200);
    assert.equal(await run.exited, 0);
    const summary = JSON.parse(readFileSync(run.summary, 'utf8')) as {
      metrics: Record<string, { count: number; rate: number }>;
    };
    const done = summary.metrics['iterations'];
    assert.ok(done && done.count >= 10, JSON.stringify(done));
    // 1 s of load: counted from the resume, the rate is about count / 1 s, not count / 3 s.
    assert.ok(done.rate > done.count / 2, `rate ${done.rate} for ${done.count} iterations`);
  });

  it('stops a paused run on PATCH stopped, as an interrupt (exit 105)', async () => {
    const run = startPaused(mkdtempSync(join(tmpdir(), 'inferload-paused-')));
    const address = await run.address;
    await status(address);
    assert.equal(await patch(address, { vus: 5 }), 400, 'setting VUs is refused, not ignored');
    assert.equal(await patch(address, { stopped: true }), 200);
    assert.equal(await run.exited, 105);
  });
});
