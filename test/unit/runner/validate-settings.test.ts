import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateSettings } from '../../../src/runner/validate-settings.ts';

const ok = { TARGET_URL: 'http://127.0.0.1:8080/', API: 'openai', STREAM: 'true' };

describe('validateSettings', () => {
  it('normalises the target and keeps the other settings', () => {
    const checked = validateSettings({ ...ok, PROMPTS: 'short', TIME_SCALE: '0.5' });
    assert.equal(checked.TARGET_URL, 'http://127.0.0.1:8080');
    assert.equal(checked['TIME_SCALE'], '0.5');
  });

  for (const [key, value, expected] of [
    ['TIME_SCALE', '-1', /TIME_SCALE: expected a positive number, got '-1' \(set by --time-scale/],
    ['TIME_SCALE', 'abc', /TIME_SCALE: expected a positive number, got 'abc'/],
    ['TIME_SCALE', '0', /TIME_SCALE: expected a positive number, got '0'/],
    ['MAX_TOKENS', '0', /MAX_TOKENS: expected a positive integer, got '0' \(set by --max-tokens/],
    ['MAX_TOKENS', '1e9.5', /MAX_TOKENS: expected a positive integer/],
    ['API', 'grpc', /API: expected one of openai, llamacpp, ollama, got 'grpc'/],
    ['MODE', 'open', /MODE: expected one of vus, rate, got 'open'/],
    ['STREAM', 'yes', /STREAM: expected one of true, false, 1, 0, got 'yes'/],
    ['WATCHDOG_SECONDS', '-3', /WATCHDOG_SECONDS: expected a number of seconds >= 0/],
    ['PROMPTS', 'bogus', /PROMPTS \(--prompts\): 'bogus' is not a prompt set; expected one of short, medium/],
    ['PROMPTS', '/nonexistent', /PROMPTS \(--prompts\): cannot read '\/nonexistent' \(no such file\)/],
  ] as const) {
    it(`refuses ${key}=${value} naming the variable`, () => {
      assert.throws(() => validateSettings({ ...ok, [key]: value }), expected);
    });
  }

  it('checks a prompt file: garbage, non-UTF-8, no prompt; makes a good one absolute', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-prompts-'));
    writeFileSync(join(dir, 'garbage.jsonl'), 'this is { not json\n');
    writeFileSync(join(dir, 'latin1.jsonl'), Buffer.from('{"prompt":"caf\xe9"}\n', 'latin1'));
    writeFileSync(join(dir, 'empty.json'), '[{"conversations":[]}]');
    writeFileSync(join(dir, 'good.jsonl'), '{"prompt":"hello there"}\n');
    assert.throws(
      () => validateSettings({ ...ok, PROMPTS: 'garbage.jsonl' }, dir),
      /PROMPTS \(--prompts\): garbage\.jsonl: not ShareGPT JSON or JSONL/,
    );
    assert.throws(
      () => validateSettings({ ...ok, PROMPTS: 'latin1.jsonl' }, dir),
      /'latin1\.jsonl' is not UTF-8 text \(invalid byte at offset 15\)/,
    );
    assert.throws(() => validateSettings({ ...ok, PROMPTS: 'empty.json' }, dir), /no prompt found/);
    assert.equal(
      validateSettings({ ...ok, PROMPTS: './good.jsonl' }, dir)['PROMPTS'],
      join(dir, 'good.jsonl'),
    );
  });
});
