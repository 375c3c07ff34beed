import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyServer, type ExpectedServer } from '../../../src/deploy/verify.ts';

const EXPECTED: ExpectedServer = { slots: 2, ctxPerSlot: 1024, threads: 1, cpuset: '0,1' };
const LOG = 'system_info: n_threads = 1 (n_threads_batch = 1) / 2';

describe('verifyServer: the cpuset check', () => {
  let server: Server;
  let baseUrl = '';
  before(async () => {
    // A llama-server stand-in answering /props and /slots the way build 11669 does.
    server = createServer((req, res) => {
      const body =
        req.url === '/props'
          ? { total_slots: 2, build_info: 'b11669-test' }
          : [
              { id: 0, n_ctx: 1024 },
              { id: 1, n_ctx: 1024 },
            ];
      res.setHeader('content-type', 'application/json').end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const cpusetCheck = async (cpus: string | undefined, source = '/proc/42/status Cpus_allowed_list') => {
    const result = await verifyServer(baseUrl, EXPECTED, { log: LOG, cpuset: { cpus, source } });
    return { ok: result.ok, check: result.checks.find((c) => c.name.startsWith('cpuset')) };
  };

  it('passes the same CPUs however the list is written, naming where they were read', async () => {
    assert.deepEqual(await cpusetCheck('0-1'), {
      ok: true,
      check: { name: 'cpuset (/proc/42/status Cpus_allowed_list)', expected: '0-1', actual: '0-1', ok: true },
    });
  });

  it('fails other CPUs, an empty (unpinned) answer, and a cpuset nobody read', async () => {
    assert.deepEqual(await cpusetCheck('1', 'podman inspect'), {
      ok: false,
      check: { name: 'cpuset (podman inspect)', expected: '0-1', actual: '1', ok: false },
    });
    assert.equal((await cpusetCheck('')).ok, false);
    assert.equal((await cpusetCheck(undefined)).check?.actual, 'unknown');
    const unread = await verifyServer(baseUrl, EXPECTED, { log: LOG });
    assert.deepEqual(
      unread.checks.find((c) => c.name.startsWith('cpuset')),
      { name: 'cpuset (not read)', expected: '0-1', actual: 'unknown', ok: false },
    );
    assert.equal(unread.ok, false);
  });
});
