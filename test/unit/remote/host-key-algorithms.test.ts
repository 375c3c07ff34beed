import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { orderHostKeyAlgorithms } from '../../../src/remote/host-key-algorithms.ts';

const ECDSA =
  'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBOjQqfzK9QTzHvGkGlS8PHqNdaVBXC3G9N28pDFakzAHWkVWLo5bPW8G0+CgccPVUCYRe2i/vjEKg18V6jhiF9Q=';
const RSA =
  'AAAAB3NzaC1yc2EAAAADAQABAAAAgQDMmHxTawB+V9GKPOYPf7lGn9yRRJzQxhSr9RhhjPqLuPEavZQ0EAMXUrJ4ARp1sWFIvCjyoHkNY2OuT3Qo47/yg9GT0htXpREup2ceTxyQBkootKK1Yd6B4DmThbIpTa+nCay2EWajBestOpLi8A/77C7KoiYY2jzqKZAyg4TIIQ==';

describe('orderHostKeyAlgorithms', () => {
  it('keeps the defaults for a host known_hosts does not list', () => {
    assert.equal(orderHostKeyAlgorithms('', '127.0.0.1', 2222), undefined);
  });

  it('asks first for the types listed for the host, keeping the rest after them', () => {
    const order = orderHostKeyAlgorithms(`[127.0.0.1]:2222 ecdsa-sha2-nistp256 ${ECDSA}`, '127.0.0.1', 2222);
    assert.equal(order?.[0], 'ecdsa-sha2-nistp256');
    assert.ok(order?.includes('ssh-ed25519'));
    assert.equal(order?.length, 7);
  });

  it('maps an ssh-rsa key to the three RSA signature algorithms', () => {
    const order = orderHostKeyAlgorithms(`gpu1 ssh-rsa ${RSA}`, 'gpu1', 22);
    assert.deepEqual(order?.slice(0, 3), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
  });
});
