import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprintOf } from '../../../src/deploy/fingerprint.ts';
import { diffDefinitions } from '../../../src/deploy/diff-text.ts';

describe('fingerprintOf', () => {
  it('ignores key order and undefined values, and changes with any value', () => {
    const a = fingerprintOf({ args: ['--parallel', '8'], env: { A: '1', B: '2' }, cpuset: undefined });
    const b = fingerprintOf({ env: { B: '2', A: '1' }, args: ['--parallel', '8'] });
    assert.equal(a, b);
    assert.match(a, /^[0-9a-f]{16}$/);
    assert.notEqual(a, fingerprintOf({ args: ['--parallel', '12'], env: { A: '1', B: '2' } }));
    assert.notEqual(fingerprintOf(['a', 'b']), fingerprintOf(['b', 'a']), 'argument order matters');
  });
});

describe('diffDefinitions', () => {
  it('shows a unified diff, a new file against /dev/null, or no change', () => {
    assert.equal(diffDefinitions('run.sh', 'x\n', 'x\n'), 'run.sh: no change');
    const diff = diffDefinitions('run.sh', 'a\n--parallel 8\n', 'a\n--parallel 12\n');
    assert.match(diff, /^-{3} run\.sh \(running\)/m);
    assert.match(diff, /^---parallel 8$/m);
    assert.match(diff, /^\+--parallel 12$/m);
    assert.match(diffDefinitions('run.sh', undefined, 'new\n'), /^--- \/dev\/null/m);
  });
});
