import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildCommandLine } from '../../../src/remote/ssh-exec.ts';
import { toSftpPath } from '../../../src/remote/sftp-files.ts';

describe('buildCommandLine', () => {
  it('quotes argv, with an env prefix only when variables are given', () => {
    assert.equal(buildCommandLine(['podman', 'run', '--name', 'a b']), "podman run --name 'a b'");
    assert.equal(
      buildCommandLine(['printenv', 'X'], { env: { X: '8; rm -rf /' } }),
      "env -- 'X=8; rm -rf /' printenv X",
    );
  });

  it('enforces a timeout on the host with coreutils timeout, around the env prefix', () => {
    assert.equal(
      buildCommandLine(['sleep', '10'], { timeoutMs: 1500, env: { A: '1' } }),
      "timeout -k 2 1.5 env -- 'A=1' sleep 10",
    );
  });

  it('refuses an empty argv', () => {
    assert.throws(() => buildCommandLine([]), /argv is empty/);
  });
});

describe('toSftpPath', () => {
  it('makes ~ paths relative to the login folder, as SFTP resolves them', () => {
    assert.equal(toSftpPath('~/.config/x'), '.config/x');
    assert.equal(toSftpPath('~'), '.');
    assert.equal(toSftpPath('/etc/x'), '/etc/x');
  });
});
