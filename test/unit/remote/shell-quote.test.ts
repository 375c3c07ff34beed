import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { quoteArg, quoteArgv } from '../../../src/remote/shell-quote.ts';

const HOSTILE = [
  '8; rm -rf /',
  '$(reboot)',
  '`reboot`',
  "it's",
  "''",
  '"double" quotes',
  'a\nb',
  '*',
  '',
  'ünïcødé ✓ 模型',
  '~',
  '$HOME',
  'a\\b',
  '!event',
  '%1',
  'A=b',
  '-n',
  '&& || | > < ( ) { } [ ]',
  '\t tabs ',
];

// What a real POSIX shell makes of the quoted line: the arguments it passes on.
function argsSeenBySh(line: string): string[] {
  const result = spawnSync('/bin/sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.split('\0').slice(0, -1);
}

describe('quoteArg', () => {
  it('leaves plain words bare and single-quotes everything else', () => {
    assert.equal(quoteArg('podman'), 'podman');
    assert.equal(quoteArg('--cpuset-cpus'), '--cpuset-cpus');
    assert.equal(quoteArg('/models/tiny.gguf'), '/models/tiny.gguf');
    assert.equal(quoteArg('a b'), "'a b'");
    assert.equal(quoteArg(''), "''");
    assert.equal(quoteArg("it's"), "'it'\\''s'");
    assert.equal(quoteArg('A=b'), "'A=b'");
    assert.equal(quoteArg('~'), "'~'");
  });

  it('refuses a NUL byte, which no shell argument can hold', () => {
    assert.throws(() => quoteArg('a\0b'), /NUL/);
  });

  for (const value of HOSTILE) {
    it(`round-trips ${JSON.stringify(value)} through /bin/sh as one literal argument`, () => {
      assert.deepEqual(argsSeenBySh(quoteArg(value)), [value]);
    });
  }
});

describe('quoteArgv', () => {
  it('joins quoted arguments with spaces', () => {
    assert.equal(quoteArgv(['podman', 'run', '--name', 'a b']), "podman run --name 'a b'");
  });

  it('passes every hostile value through sh unchanged and in order', () => {
    const line = quoteArgv(['printf', '%s\\0', ...HOSTILE]);
    const result = spawnSync('/bin/sh', ['-c', line], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(result.stdout.split('\0').slice(0, -1), HOSTILE);
  });

  it('quotes a reserved word in command position so it stays a command name', () => {
    assert.equal(quoteArgv(['if', 'then']), "'if' then");
    assert.equal(quoteArgv(['time']), "'time'");
  });

  it('refuses an empty argv', () => {
    assert.throws(() => quoteArgv([]), /empty argv/);
  });
});
