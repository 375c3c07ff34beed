import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRedactor, isSecretName } from '../../../src/remote/redact.ts';
import { quoteArgv } from '../../../src/remote/shell-quote.ts';

describe('redact', () => {
  it('recognises secret-looking variable names', () => {
    for (const name of [
      'HF_TOKEN',
      'api_key',
      'AWS_SECRET_ACCESS_KEY',
      'DB_PASSWORD',
      'passphrase',
      'OPENAI_API_KEY',
    ]) {
      assert.equal(isSecretName(name), true, name);
    }
    for (const name of ['MODEL', 'PORT', 'CUDA_VISIBLE_DEVICES', 'HOME'])
      assert.equal(isSecretName(name), false, name);
  });

  it('redacts given secrets and secret-named variables in every line, but not other values', () => {
    const lines: string[] = [];
    const redactor = createRedactor({
      secrets: ['correct horse', undefined, ''],
      env: { HF_TOKEN: 'hf_abc123', MODEL: 'tiny' },
    });
    const log = redactor.wrap((line) => lines.push(line));
    log('passphrase correct horse; token hf_abc123; model tiny');
    assert.deepEqual(lines, ['passphrase ***; token ***; model tiny']);
  });

  it('redacts a value in its shell-quoted form too', () => {
    const redactor = createRedactor({ env: { API_KEY: "it's $(secret)" } });
    const line = quoteArgv(['env', "API_KEY=it's $(secret)", 'run']);
    assert.equal(redactor.redact(line).includes('secret'), false, redactor.redact(line));
    assert.equal(redactor.redact("raw: it's $(secret)"), 'raw: ***');
  });

  it('learns secrets added later, from env and from NAME=value arguments', () => {
    const redactor = createRedactor();
    redactor.addEnv({ MY_SECRET: 's3cr3t', OTHER: 'visible' });
    redactor.addArgv(['podman', 'run', '-e', 'HF_TOKEN=hf_xyz', '--env=DB_PASSWORD=pw1', '-e', 'MODEL=m']);
    assert.equal(redactor.redact('s3cr3t visible hf_xyz pw1 m'), '*** visible *** *** m');
  });

  it('keeps each log entry on one line', () => {
    const lines: string[] = [];
    createRedactor().wrap((line) => lines.push(line))("printf 'a\nb'");
    assert.deepEqual(lines, ["printf 'a\\nb'"]);
  });

  it('replaces the longest secret first, so no part of it is left', () => {
    const redactor = createRedactor({ secrets: ['abc', 'abcdef'] });
    assert.equal(redactor.redact('xabcdefx abc'), 'x***x ***');
  });
});
