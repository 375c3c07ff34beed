// connectSsh against a real OpenSSH server on loopback: the session contract, host keys, auth, secrets.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { connectSsh, type SshTarget } from '../../../src/remote/ssh-session.ts';
import { UserError } from '../../../src/util/errors.ts';
import { generateKeyPair, killSshdTree, sshdSkipReason, startSshd, type Sshd } from '../../helpers/sshd.ts';
import { describeSessionContract } from './session-contract.ts';

function targetOf(sshd: Sshd, overrides: Partial<SshTarget> = {}): SshTarget {
  return {
    host: 'loopback',
    address: sshd.address,
    port: sshd.port,
    user: sshd.user,
    identityFile: sshd.identityFile,
    knownHostsFile: sshd.knownHostsFile,
    policy: 'strict',
    ...overrides,
  };
}

// What OpenSSH itself says the fingerprint is.
function sshKeygenFingerprint(publicKeyFile: string): string {
  const output = spawnSync('ssh-keygen', ['-lf', publicKeyFile], { encoding: 'utf8' }).stdout;
  return output.split(' ')[1] ?? '';
}

// Clients run asynchronously: a blocked event loop would leave sshd's log unread in its pipe.
const run = promisify(execFile);

// The current end of sshd's log, once lines already written by sshd have been read.
async function logOffset(sshd: Sshd): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  return sshd.logs().length;
}

// Logins sshd accepted on connections opened after `offset` in its log, once those connections closed.
async function loginsSince(sshd: Sshd, offset: number): Promise<string[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const text = sshd.logs().slice(offset);
    const ports = [...text.matchAll(/Connection from 127\.0\.0\.1 port (\d+)/g)].map((match) => match[1]);
    const closed = ports.every((port) => new RegExp(`(closed|isconnect)[^\n]* port ${port}\\b`).test(text));
    if (ports.length > 0 && closed) {
      return text
        .split('\n')
        .filter((line) =>
          ports.some((port) => line.includes(`Accepted publickey`) && line.includes(`port ${port} `)),
        );
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  assert.fail(`sshd did not log the refused connection closing:\n${sshd.logs().slice(offset)}`);
}

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the connection to be refused');
}

describe('SSH session', { skip: sshdSkipReason, timeout: 120_000 }, () => {
  let sshd: Sshd;

  before(async () => {
    sshd = await startSshd();
  });

  after(async () => {
    await sshd?.stop();
  });

  describeSessionContract('ssh', (log) => connectSsh(targetOf(sshd), log));

  describe('host keys', () => {
    it('refuses an unknown key under strict, with its fingerprint and the line to add; nothing runs', async () => {
      const knownHostsFile = join(sshd.dir, 'empty_known_hosts');
      writeFileSync(knownHostsFile, '');
      const offset = await logOffset(sshd);
      const error = await rejection(connectSsh(targetOf(sshd, { knownHostsFile })));
      const fingerprint = sshKeygenFingerprint(sshd.hostPublicKeyFiles[0] ?? '');
      assert.match(fingerprint, /^SHA256:/);
      assert.ok(error.message.includes(`ssh-ed25519 key ${fingerprint}`), error.message);
      assert.ok(error.message.includes(`loopback (127.0.0.1:${sshd.port})`), error.message);
      assert.ok(
        error.message.includes(`append this line to ${knownHostsFile}:\n  ${sshd.hostKeyLine}\n`),
        error.message,
      );
      assert.match(error.message, /accept-new/);
      assert.equal(readFileSync(knownHostsFile, 'utf8'), '', 'strict never writes known_hosts');
      assert.deepEqual(await loginsSince(sshd, offset), [], 'no authentication happened');
    });

    it('suggests the same line ssh-keyscan prints', async () => {
      const scan = await run('ssh-keyscan', ['-p', String(sshd.port), '-t', 'ed25519', '127.0.0.1']);
      assert.equal(scan.stdout.trim(), sshd.hostKeyLine);
    });

    it('adds an unknown key under accept-new in a line OpenSSH itself accepts', async () => {
      const knownHostsFile = join(sshd.dir, 'new', 'known_hosts');
      const logs: string[] = [];
      const offset = await logOffset(sshd);
      const session = await connectSsh(targetOf(sshd, { knownHostsFile, policy: 'accept-new' }), (line) =>
        logs.push(line),
      );
      assert.equal((await session.exec(['true'])).code, 0);
      await session.close();
      assert.equal((await loginsSince(sshd, offset)).length, 1, 'the login detector sees a real login');
      assert.equal(readFileSync(knownHostsFile, 'utf8'), `${sshd.hostKeyLine}\n`);
      assert.match(logs.join('\n'), /was unknown; added to .*known_hosts \(accept-new\)/);
      const again = await connectSsh(targetOf(sshd, { knownHostsFile, policy: 'strict' }));
      await again.close();
      const ssh = await run('ssh', [
        ...['-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes'],
        ...[
          '-o',
          `UserKnownHostsFile=${knownHostsFile}`,
          '-o',
          'IdentitiesOnly=yes',
          '-i',
          sshd.identityFile,
        ],
        ...['-p', String(sshd.port), `${sshd.user}@127.0.0.1`, 'echo', 'ok'],
      ]);
      assert.equal(ssh.stdout, 'ok\n', ssh.stderr);
    });

    for (const policy of ['strict', 'accept-new'] as const) {
      it(`refuses a changed key as a possible man-in-the-middle under ${policy}`, async () => {
        const other = generateKeyPair(join(sshd.dir, `other_host_key_${policy}`));
        const blob = readFileSync(`${other}.pub`, 'utf8').split(' ')[1];
        const knownHostsFile = join(sshd.dir, `mismatch_${policy}`);
        const text = `[127.0.0.1]:${sshd.port} ssh-ed25519 ${blob}\n`;
        writeFileSync(knownHostsFile, text);
        const offset = await logOffset(sshd);
        const error = await rejection(connectSsh(targetOf(sshd, { knownHostsFile, policy })));
        assert.match(error.message, /CHANGED.*man-in-the-middle/s);
        assert.ok(error.message.includes(sshKeygenFingerprint(sshd.hostPublicKeyFiles[0] ?? '')));
        assert.equal(readFileSync(knownHostsFile, 'utf8'), text);
        assert.deepEqual(await loginsSince(sshd, offset), [], sshd.logs().slice(offset));
      });
    }

    it('accepts a key listed in a hashed known_hosts (ssh-keygen -H)', async () => {
      const knownHostsFile = join(sshd.dir, 'hashed_known_hosts');
      copyFileSync(sshd.knownHostsFile, knownHostsFile);
      assert.equal(spawnSync('ssh-keygen', ['-H', '-f', knownHostsFile]).status, 0);
      assert.match(readFileSync(knownHostsFile, 'utf8'), /^\|1\|/);
      const session = await connectSsh(targetOf(sshd, { knownHostsFile }));
      await session.close();
    });

    it('refuses a key marked @revoked even if it is also listed', async () => {
      const knownHostsFile = join(sshd.dir, 'revoked_known_hosts');
      const blob = sshd.hostKeyLine.split(' ').slice(1).join(' ');
      writeFileSync(knownHostsFile, `${sshd.hostKeyLine}\n@revoked * ${blob}\n`);
      const error = await rejection(connectSsh(targetOf(sshd, { knownHostsFile, policy: 'accept-new' })));
      assert.match(error.message, /@revoked/);
    });
  });

  describe('authentication', () => {
    it('fails clearly with an identity the server does not know', async () => {
      const stranger = generateKeyPair(join(sshd.dir, 'stranger'));
      const error = await rejection(connectSsh(targetOf(sshd, { identityFile: stranger })));
      assert.match(error.message, /SSH authentication failed for root@127\.0\.0\.1:\d+ \(loopback\)/);
      assert.ok(error.message.includes(`identity file ${stranger}`));
    });

    it('fails clearly with a missing identity file', async () => {
      const error = await rejection(connectSsh(targetOf(sshd, { identityFile: join(sshd.dir, 'missing') })));
      assert.match(error.message, /missing for root@127\.0\.0\.1:\d+ \(loopback\) does not exist/);
    });

    it('uses a passphrase-protected key, and the passphrase appears in no log or error', async () => {
      const passphrase = "correct horse 'battery' $(staple)";
      const key = generateKeyPair(join(sshd.dir, 'protected'), { passphrase });
      await sshd.authorize(`${key}.pub`);
      const logs: string[] = [];
      const session = await connectSsh(targetOf(sshd, { identityFile: key, passphrase }), (line) =>
        logs.push(line),
      );
      const result = await session.exec(['echo', passphrase.slice(0, 7)], {
        env: { DEPLOY_KEY: passphrase },
      });
      assert.equal(result.stdout, 'correct\n');
      await session.close();
      const noPassphrase = await rejection(connectSsh(targetOf(sshd, { identityFile: key })));
      assert.match(noPassphrase.message, /protected by a passphrase, and none was given/);
      const wrong = await rejection(
        connectSsh(targetOf(sshd, { identityFile: key, passphrase: 'wrong horse' })),
      );
      assert.match(wrong.message, /passphrase is wrong/);
      assert.ok(logs.length >= 4, logs.join('\n'));
      const everything = [...logs, noPassphrase.message, wrong.message].join('\n');
      assert.equal(everything.includes('horse'), false, everything);
      assert.match(everything, /DEPLOY_KEY=\*\*\*/);
    });

    it('authenticates through an ssh-agent', async () => {
      const socket = join(sshd.dir, 'agent.sock');
      const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
      try {
        for (let i = 0; i < 100 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 20));
        const add = spawnSync('ssh-add', [sshd.identityFile], {
          env: { ...process.env, SSH_AUTH_SOCK: socket },
          encoding: 'utf8',
        });
        assert.equal(add.status, 0, add.stderr);
        const session = await connectSsh(targetOf(sshd, { identityFile: undefined, agent: socket }));
        assert.equal((await session.exec(['echo', 'agent'])).stdout, 'agent\n');
        await session.close();
      } finally {
        agent.kill('SIGTERM');
      }
    });
  });

  describe('connection failures', () => {
    it('fails every command at once once the connection is gone (a host that died mid-session)', async () => {
      const own = await startSshd();
      const session = await connectSsh(targetOf(own));
      try {
        assert.equal((await session.exec(['echo', 'up'])).stdout.trim(), 'up');
        // The listener and every session process are gone: the client sees the socket close.
        killSshdTree(own);
        const deadline = Date.now() + 10_000;
        let error: UserError | undefined;
        // The first calls may still reach ssh2 while the socket closes ("No response from server"); none hangs.
        while (!/is closed/.test(error?.message ?? '') && Date.now() < deadline) {
          error = await session.exec(['true']).then(
            () => undefined,
            (e: unknown) => (e instanceof UserError ? e : undefined),
          );
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.match(error?.message ?? '', /the SSH connection to .* is closed/);
        await assert.rejects(session.readFile('/etc/hostname'), /is closed/);
        await assert.rejects(session.stream(['true'], () => undefined).done, /is closed/);
      } finally {
        await session.close();
        await own.stop();
      }
    });

    it('says the connection was refused', async () => {
      const port = await new Promise<number>((resolve) => {
        const server = createServer().listen(0, '127.0.0.1', () => {
          const address = server.address();
          server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
      });
      const error = await rejection(connectSsh(targetOf(sshd, { port })));
      assert.match(error.message, /connection refused/);
    });

    it('times out on a server that never speaks SSH', async () => {
      const silent: Server = createServer(() => {});
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const address = silent.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      try {
        const error = await rejection(connectSsh(targetOf(sshd, { port, connectTimeoutMs: 500 })));
        assert.match(error.message, /timed out after 500 ms/);
      } finally {
        silent.close();
      }
    });
  });
});

describe('SSH host key types', { skip: sshdSkipReason, timeout: 60_000 }, () => {
  let sshd: Sshd;

  before(async () => {
    sshd = await startSshd({ hostKeyTypes: ['ed25519', 'ecdsa'] });
  });

  after(async () => {
    await sshd?.stop();
  });

  it('asks for the key type known_hosts lists, like OpenSSH, so a host with several keys connects', async () => {
    const knownHostsFile = join(sshd.dir, 'ecdsa_only');
    writeFileSync(knownHostsFile, `${sshd.hostKeyLines[1]}\n`);
    const logs: string[] = [];
    const session = await connectSsh(targetOf(sshd, { knownHostsFile }), (line) => logs.push(line));
    await session.close();
    assert.match(logs.join('\n'), /ecdsa-sha2-nistp256 key SHA256:\S+ matches/);
  });
});
