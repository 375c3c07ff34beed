import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeConnectError } from '../../../src/remote/ssh-errors.ts';

const context = { where: 'root@127.0.0.1:2222 (gpu1)', identity: 'identity file /k', readyTimeoutMs: 500 };

function error(message: string, fields: { code?: string; level?: string }): Error {
  return Object.assign(new Error(message), fields);
}

describe('describeConnectError', () => {
  it('explains refused, unresolvable and unreachable hosts', () => {
    assert.match(
      describeConnectError(error('x', { code: 'ECONNREFUSED' }), context).message,
      /connection refused/,
    );
    assert.match(
      describeConnectError(error('x', { code: 'ENOTFOUND' }), context).message,
      /does not resolve/,
    );
    assert.match(describeConnectError(error('x', { code: 'EHOSTUNREACH' }), context).message, /unreachable/);
  });

  it('explains authentication failures with the identity used', () => {
    const message = describeConnectError(
      error('All configured authentication methods failed', { level: 'client-authentication' }),
      context,
    ).message;
    assert.match(message, /authentication failed for root@127\.0\.0\.1:2222 \(gpu1\).*identity file \/k/);
  });

  it('explains handshake timeouts and passes other messages on', () => {
    assert.match(
      describeConnectError(error('x', { level: 'client-timeout' }), context).message,
      /timed out after 500 ms/,
    );
    assert.match(describeConnectError(error('boom', {}), context).message, /failed: boom/);
  });
});
