import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { exitStatusOf } from '../../../src/process/exit-status.ts';

describe('exitStatusOf', () => {
  it('reads an exit code, a signal as 128 + N, and a start failure as a shell would', () => {
    assert.deepEqual(exitStatusOf({ exitCode: 3 }, 'x'), { code: 3 });
    assert.deepEqual(exitStatusOf({ signal: 'SIGTERM' }, 'x'), { code: 143 });
    assert.deepEqual(exitStatusOf({ code: 'ENOENT' }, 'x'), {
      code: 127,
      startError: 'x: not found (ENOENT)',
    });
    assert.deepEqual(exitStatusOf({ code: 'EACCES' }, 'x'), {
      code: 126,
      startError: 'x: Permission denied (EACCES)',
    });
    assert.equal(exitStatusOf({ code: 'EMFILE' }, 'x'), undefined);
  });
});
