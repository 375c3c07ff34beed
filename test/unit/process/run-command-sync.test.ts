import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CommandTimeoutError } from '../../../src/process/command-timeout-error.ts';
import { runCommandSync } from '../../../src/process/run-command-sync.ts';

describe('runCommandSync', () => {
  it('returns exit status and output, final newlines kept', () => {
    assert.deepEqual(runCommandSync(['sh', '-c', 'echo out; echo err >&2; exit 3']), {
      code: 3,
      stdout: 'out\n',
      stderr: 'err\n',
    });
  });

  it('adds env to this environment, or replaces it with inheritEnv false', () => {
    const script = ['sh', '-c', 'printf "%s|%s" "$ONLY" "${HOME-unset}"'];
    assert.equal(runCommandSync(script, { env: { ONLY: '1' } }).stdout, `1|${process.env['HOME']}`);
    assert.equal(runCommandSync(script, { env: { ONLY: '1' }, inheritEnv: false }).stdout, '1|unset');
  });

  it('answers 127 for a missing program', () => {
    const result = runCommandSync(['inferload-no-such-program']);
    assert.equal(result.code, 127);
    assert.match(result.stderr, /not found \(ENOENT\)/);
  });

  it('throws a CommandTimeoutError past its limit', () => {
    assert.throws(() => runCommandSync(['sleep', '5'], { timeoutMs: 100 }), CommandTimeoutError);
  });
});
