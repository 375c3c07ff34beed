import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CommandCanceledError } from '../../../src/process/command-canceled-error.ts';
import { CommandTimeoutError } from '../../../src/process/command-timeout-error.ts';
import { createRedactor } from '../../../src/remote/redact.ts';
import { redactError } from '../../../src/remote/redact-error.ts';
import { UserError } from '../../../src/util/errors.ts';

describe('redactError', () => {
  const redactor = createRedactor({ secrets: ['s3cret'] });

  it('keeps the class of timeouts, cancellations and user errors, secrets masked', () => {
    const timeout = redactError(redactor, new CommandTimeoutError(['x'], 5, 'host s3cret'));
    assert.ok(timeout instanceof CommandTimeoutError);
    assert.equal(timeout.message, 'x: timed out after 5 ms on host ***');
    assert.equal(timeout.stack?.includes('s3cret'), false);
    assert.ok(redactError(redactor, new CommandCanceledError(['x'], 'h')) instanceof CommandCanceledError);
    const user = redactError(redactor, new UserError('bad s3cret', 7));
    assert.ok(user instanceof UserError);
    assert.deepEqual([user.message, user.exitCode], ['bad ***', 7]);
  });

  it('turns anything else into a UserError with a masked message', () => {
    const other = redactError(redactor, new Error('sftp: s3cret'));
    assert.ok(other instanceof UserError);
    assert.equal(other.message, 'sftp: ***');
    assert.equal(redactError(redactor, 's3cret').message, '***');
  });
});
