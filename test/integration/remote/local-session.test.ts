// LocalSession against the shared RemoteSession contract.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalSession } from '../../../src/remote/local-session.ts';
import { describeSessionContract } from './session-contract.ts';

describeSessionContract('local', async (log) => createLocalSession(log));

describe('LocalSession', () => {
  it('is the host named local', () => {
    assert.equal(createLocalSession().host, 'local');
  });
});
