// runTest's steps end through one cleanup: whichever step stops the run, what it opened is closed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasSubscribers } from 'node:diagnostics_channel';
import { getEventListeners } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runTest } from '../../../src/engine/run/run-test.ts';
import { startSim } from '../../../src/sim/server.ts';
import { UserError } from '../../../src/util/errors.ts';

const tmp = mkdtempSync(join(tmpdir(), 'inferload-run-steps-'));
const UNDICI_WRITES = 'undici:client:sendHeaders';

function script(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

const LOOPING = `import http from 'k6/http';
export const options = { vus: 2, duration: '60s' };
export default async function () { await http.get(\`\${__ENV.TARGET}/health\`); }
`;

describe('runTest steps and their cleanup', { timeout: 60_000 }, () => {
  let sim: Awaited<ReturnType<typeof startSim>>;
  before(async () => {
    sim = await startSim({ decodeMsPerToken: 1, promptTokensPerSecond: 100_000 });
  });
  after(() => sim.close());

  const run = (scriptPath: string, extra: Partial<Parameters<typeof runTest>[0]> = {}) =>
    runTest({
      scriptPath,
      env: { TARGET: sim.url },
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      quiet: true,
      ...extra,
    });

  it('closes the HTTP client and drops the signal listener when the plan is refused', async () => {
    const controller = new AbortController();
    const path = script(
      'missing-exec.js',
      `import http from 'k6/http';
export const options = { scenarios: { a: { executor: 'shared-iterations', exec: 'absent' } } };
export default function () { http.get('http://127.0.0.1:1/'); }
`,
    );
    await assert.rejects(
      run(path, { signal: controller.signal }),
      (e: unknown) => e instanceof UserError && e.exitCode === 104 && /exec 'absent'/.test(e.message),
    );
    assert.equal(hasSubscribers(UNDICI_WRITES), false, 'the HTTP client was closed');
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });

  it('stops before the first iteration on a signal that already fired, naming it', async () => {
    const controller = new AbortController();
    controller.abort({ by: 'SIGTERM' });
    const exportFile = join(tmp, 'pre-aborted-export.json');
    const result = await run(script('looping.js', LOOPING), {
      signal: controller.signal,
      summaryExport: exportFile,
    });
    assert.equal(result.exitCode, 105);
    assert.match(result.reason ?? '', /^interrupted \(SIGTERM\)/);
    assert.equal(result.iterationsCompleted, 0);
    assert.ok(readFileSync(exportFile, 'utf8').includes('"metrics"'));
  });

  it('finishes the JSON output and closes everything after an interrupt mid-run', async () => {
    const controller = new AbortController();
    const jsonOut = join(tmp, 'interrupted.json');
    setTimeout(() => controller.abort({ by: 'SIGINT' }), 500);
    const result = await run(script('looping-json.js', LOOPING), { signal: controller.signal, jsonOut });
    assert.equal(result.exitCode, 105);
    assert.ok(result.iterationsCompleted > 0);
    const lines = readFileSync(jsonOut, 'utf8').trim().split('\n');
    const types = new Set(lines.map((line) => (JSON.parse(line) as { type: string }).type));
    assert.deepEqual([...types].sort(), ['Metric', 'Point']);
    assert.equal(hasSubscribers(UNDICI_WRITES), false);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  });
});
