import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { loadIdentity } from '../../../src/remote/ssh-identity.ts';
import { UserError } from '../../../src/util/errors.ts';

const PASSPHRASE = 'pass phrase $(x) "q"';
const where = 'root@127.0.0.1:22 (gpu1)';

// ssh2's generator writes an ed25519 public key whose first byte is 0 one byte short (about 1 key in 270),
// a key ssh2 itself then refuses: generate until the key reads back, so the test is about loadIdentity.
function ed25519(options?: { passphrase: string; cipher: string; rounds: number }): string {
  for (;;) {
    const key = ssh2.utils.generateKeyPairSync('ed25519', options).private;
    if (!(ssh2.utils.parseKey(key, options?.passphrase) instanceof Error)) return key;
  }
}

describe('loadIdentity', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inferload-id-'));
  const plain = join(dir, 'plain');
  const encrypted = join(dir, 'encrypted');

  before(() => {
    writeFileSync(plain, ed25519());
    writeFileSync(encrypted, ed25519({ passphrase: PASSPHRASE, cipher: 'aes256-ctr', rounds: 4 }));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a plain key and describes it by path', async () => {
    const identity = await loadIdentity({ where, identityFile: plain });
    assert.ok(identity.privateKey?.length);
    assert.equal(identity.description, `identity file ${plain}`);
  });

  it('decrypts a key with its passphrase, which never appears in the description', async () => {
    const identity = await loadIdentity({
      where,
      identityFile: encrypted,
      passphrase: PASSPHRASE,
      agent: '/run/agent.sock',
    });
    assert.equal(identity.passphrase, PASSPHRASE);
    assert.equal(identity.description.includes(PASSPHRASE), false);
    assert.match(identity.description, /ssh-agent at \/run\/agent\.sock/);
  });

  it('says a key needs a passphrase, and that a given one is wrong, without echoing it', async () => {
    await assert.rejects(
      loadIdentity({ where, identityFile: encrypted }),
      /protected by a passphrase, and none was given/,
    );
    await assert.rejects(
      loadIdentity({ where, identityFile: encrypted, passphrase: 'wrong-one' }),
      (error: Error) => {
        assert.ok(error instanceof UserError);
        assert.match(error.message, /passphrase is wrong/);
        assert.equal(error.message.includes('wrong-one'), false);
        return true;
      },
    );
  });

  it('names a missing identity file and the host', async () => {
    await assert.rejects(loadIdentity({ where, identityFile: join(dir, 'nope') }), (error: Error) => {
      assert.ok(error instanceof UserError);
      assert.equal(error.message, `Identity file ${join(dir, 'nope')} for ${where} does not exist`);
      return true;
    });
  });

  it('refuses a file that is not a key, and a target with neither key nor agent', async () => {
    const junk = join(dir, 'junk');
    writeFileSync(junk, 'not a key');
    await assert.rejects(loadIdentity({ where, identityFile: junk }), /not a private key/);
    await assert.rejects(loadIdentity({ where }), /No identity file or ssh-agent configured/);
  });

  it('uses the agent alone when no file is given', async () => {
    const identity = await loadIdentity({ where, agent: '/tmp/agent.sock' });
    assert.deepEqual(identity, {
      agent: '/tmp/agent.sock',
      description: 'the keys of the ssh-agent at /tmp/agent.sock',
    });
  });
});
