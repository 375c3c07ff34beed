import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyHostKey, type HostKeyPolicy } from '../../../src/remote/host-key-policy.ts';
import { UserError } from '../../../src/util/errors.ts';

const ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIMJYPUOE9S7KDlrLv9wLFLakax4dPJk7sWTHTEDMpXlO';
const ED25519_FP = 'SHA256:cVXGoUEjoI1nGgI9qtDN2grKeFCKmYkGbu+fTLsojT8';
const OTHER_ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIAal3BPGfRLpUF6Ur2OQS+MHHMcGCQrBI3rFD7olEIKd';
const LINE = `[127.0.0.1]:2222 ssh-ed25519 ${ED25519}`;
const key = Buffer.from(ED25519, 'base64');

const root = mkdtempSync(join(tmpdir(), 'inferload-kh-'));
after(() => rmSync(root, { recursive: true, force: true }));

function target(policy: HostKeyPolicy, knownHosts?: string) {
  const dir = mkdtempSync(join(root, 'case-'));
  const knownHostsFile = join(dir, 'sub', 'known_hosts');
  if (knownHosts !== undefined) {
    writeFileSync(join(dir, 'known_hosts'), knownHosts);
    return {
      host: 'gpu1',
      address: '127.0.0.1',
      port: 2222,
      knownHostsFile: join(dir, 'known_hosts'),
      policy,
    };
  }
  return { host: 'gpu1', address: '127.0.0.1', port: 2222, knownHostsFile, policy };
}

describe('verifyHostKey', () => {
  it('accepts a listed key and logs its fingerprint', async () => {
    const logs: string[] = [];
    assert.equal(
      await verifyHostKey(target('strict', `${LINE}\n`), key, (line) => logs.push(line)),
      undefined,
    );
    assert.match(
      logs.join('\n'),
      new RegExp(`${ED25519_FP.replace(/[+/]/g, '\\$&')} matches .*known_hosts:1`),
    );
  });

  it('refuses an unknown key under strict with the fingerprint and how to accept it', async () => {
    const t = target('strict');
    const refusal = await verifyHostKey(t, key, () => {});
    assert.ok(refusal instanceof UserError);
    assert.ok(refusal.message.includes('gpu1 (127.0.0.1:2222)'), refusal.message);
    assert.ok(refusal.message.includes(`ssh-ed25519 key ${ED25519_FP}`), refusal.message);
    assert.ok(
      refusal.message.includes(`append this line to ${t.knownHostsFile}:\n  ${LINE}\n`),
      refusal.message,
    );
    assert.match(refusal.message, /accept-new/);
  });

  it('says so when only @cert-authority lines matched, and which types are listed', async () => {
    const text = `@cert-authority * ssh-ed25519 ${ED25519}\n[127.0.0.1]:2222 ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDM\n`;
    const refusal = await verifyHostKey(target('strict', text), key, () => {});
    assert.match(refusal?.message ?? '', /host certificates are not supported/);
    assert.match(refusal?.message ?? '', /lists only ssh-rsa keys/);
  });

  it('appends an unknown key under accept-new, creating the file and its folder', async () => {
    const t = target('accept-new');
    assert.equal(await verifyHostKey(t, key, () => {}), undefined);
    assert.equal(readFileSync(t.knownHostsFile, 'utf8'), `${LINE}\n`);
  });

  it('starts the new entry on its own line when the file lacks a final newline', async () => {
    const t = target('accept-new', `gpu2 ssh-ed25519 ${OTHER_ED25519}`);
    assert.equal(await verifyHostKey(t, key, () => {}), undefined);
    assert.equal(readFileSync(t.knownHostsFile, 'utf8'), `gpu2 ssh-ed25519 ${OTHER_ED25519}\n${LINE}\n`);
  });

  for (const policy of ['strict', 'accept-new'] as const) {
    it(`refuses a changed key as a possible man-in-the-middle under ${policy}`, async () => {
      const t = target(policy, `[127.0.0.1]:2222 ssh-ed25519 ${OTHER_ED25519}\n`);
      const refusal = await verifyHostKey(t, key, () => {});
      assert.match(refusal?.message ?? '', /CHANGED.*man-in-the-middle/s);
      assert.ok(refusal?.message.includes(ED25519_FP));
      assert.ok(refusal?.message.includes(`ssh-keygen -R '[127.0.0.1]:2222' -f ${t.knownHostsFile}`));
      assert.equal(readFileSync(t.knownHostsFile, 'utf8').includes(ED25519), false, 'nothing appended');
    });

    it(`refuses a revoked key under ${policy}`, async () => {
      const refusal = await verifyHostKey(
        target(policy, `@revoked * ssh-ed25519 ${ED25519}\n`),
        key,
        () => {},
      );
      assert.match(refusal?.message ?? '', /@revoked in .*known_hosts:1/);
    });
  }
});
