import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { prefixEnv } from '../../../src/remote/env-prefix.ts';
import { UserError } from '../../../src/util/errors.ts';

describe('prefixEnv', () => {
  it('returns argv unchanged without variables', () => {
    assert.deepEqual(prefixEnv(['podman', 'ps'], undefined), ['podman', 'ps']);
    assert.deepEqual(prefixEnv(['podman', 'ps'], {}), ['podman', 'ps']);
  });

  it('puts NAME=value pairs behind env --, values untouched', () => {
    assert.deepEqual(prefixEnv(['printenv'], { A: '1', HF_TOKEN: "x'; rm -rf / #" }), [
      'env',
      '--',
      'A=1',
      "HF_TOKEN=x'; rm -rf / #",
      'printenv',
    ]);
  });

  it('refuses a name that is not a variable name', () => {
    assert.throws(() => prefixEnv(['true'], { 'A B': '1' }), UserError);
    assert.throws(() => prefixEnv(['true'], { 'X=$(reboot)': '1' }), /Invalid environment variable name/);
  });

  it('refuses a command containing "=", which env would take for a variable', () => {
    assert.throws(() => prefixEnv(['A=1'], { B: '2' }), /contains "="/);
  });
});
