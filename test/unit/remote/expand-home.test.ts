import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { expandHome } from '../../../src/remote/expand-home.ts';

describe('expandHome', () => {
  it('expands ~ and ~/ only', () => {
    assert.equal(expandHome('~'), homedir());
    assert.equal(expandHome('~/.ssh/id_ed25519'), join(homedir(), '.ssh/id_ed25519'));
    assert.equal(expandHome('/etc/ssh'), '/etc/ssh');
    assert.equal(expandHome('~other/x'), '~other/x');
    assert.equal(expandHome('a/~/b'), 'a/~/b');
  });
});
