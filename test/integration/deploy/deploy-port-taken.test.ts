// A port already held by another server: a llama-server started there could not bind, while the other one
// answers health (same model, same slots: it might even pass verification). Deploy refuses before starting
// anything, naming the port's problem.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/load-config.ts';
import { deployServer } from '../../../src/deploy/deploy-server.ts';
import { findFreePort } from '../../../src/local/free-port.ts';
import { runCommand } from '../../helpers/run-cli.ts';

const savedHome = process.env['HOME'];
const savedDeployed = process.env['INFERLOAD_DEPLOYED'];

describe('deploy onto a port another server holds', { timeout: 180_000 }, () => {
  let work = '';
  let configPath = '';
  const lines: string[] = [];
  const pidOf = (key: string): string => {
    const file = join(work, '.inferload', 'deploy', key, 'pid');
    return existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  };

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'inferload-port-taken-'));
    process.env['HOME'] = work;
    process.env['INFERLOAD_DEPLOYED'] = join(work, 'deployed');
    const port = await findFreePort();
    const server = (name: string): string => `  ${name}:
    host: local
    kind: llama.cpp
    runtime: process
    model: generated:tiny
    port: ${port}
`;
    configPath = join(work, 'llama.yaml');
    writeFileSync(
      configPath,
      `active_preset: small
servers:
${server('first')}${server('second')}presets:
  small:
    parallel_slots: 2
    threads_gen: 1
    ctx_per_slot: 256
`,
    );
  });

  after(async () => {
    for (const key of ['first', 'second'])
      if (/^\d+$/.test(pidOf(key))) await runCommand('kill', [pidOf(key)]);
    if (savedHome === undefined) delete process.env['HOME'];
    else process.env['HOME'] = savedHome;
    if (savedDeployed === undefined) delete process.env['INFERLOAD_DEPLOYED'];
    else process.env['INFERLOAD_DEPLOYED'] = savedDeployed;
  });

  it('refuses the second deploy before changing anything: the port answers, and not for a server of ours', async () => {
    const deploy = async (serverName: string) =>
      deployServer(await loadConfig(configPath), {
        serverName,
        healthTimeoutMs: 60_000,
        log: (line) => lines.push(line),
        out: (text) => lines.push(text),
      });
    const first = await deploy('first');
    assert.equal(first.result?.status, 'deployed', lines.join('\n'));
    await assert.rejects(deploy('second'), (error: Error) => {
      assert.match(
        error.message,
        /already answers, but no inferload-second of ours runs there: another server holds its port/,
      );
      return true;
    });
    // The first server still serves; nothing of the second was started.
    assert.equal((await runCommand('kill', ['-0', pidOf('first')])).code, 0);
    assert.equal(pidOf('second'), '');
  });
});
