import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  digestAuthorization,
  parseDigestChallenge,
} from '../../../../src/engine/modules/http/digest-auth.ts';

describe('digest auth', () => {
  // RFC 2617 section 3.5: the worked example, cnonce and nc fixed as there.
  const rfcChallenge =
    'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"';

  it("answers RFC 2617's example challenge with its response", () => {
    const challenge = parseDigestChallenge(rfcChallenge);
    assert.ok(challenge);
    assert.equal(challenge.qop, 'auth');
    const header = digestAuthorization(
      challenge,
      { username: 'Mufasa', password: 'Circle Of Life' },
      'GET',
      '/dir/index.html',
      '0a4f113b',
    );
    assert.match(header, /^Digest username="Mufasa", realm="testrealm@host\.com", /);
    assert.match(header, /response="6629fae49393a05397450978507c4ef1"/);
    assert.match(header, /nc=00000001, qop=auth/);
    assert.match(header, /opaque="5ccc069c403ebaf9f0171e9517f40e41"/);
  });

  it('hashes without qop as RFC 2069 did, and with SHA-256 when the server asks', () => {
    const plain = parseDigestChallenge('Digest realm="r", nonce="n"');
    assert.ok(plain);
    assert.equal(plain.qop, undefined);
    const header = digestAuthorization(plain, { username: 'u', password: 'p' }, 'GET', '/x', 'c');
    assert.doesNotMatch(header, /cnonce|qop/);
    const sha = parseDigestChallenge('Digest realm="r", nonce="n", algorithm=SHA-256, qop="auth"');
    assert.ok(sha);
    assert.equal(sha.algorithm, 'SHA-256');
    const shaHeader = digestAuthorization(sha, { username: 'u', password: 'p' }, 'GET', '/x', 'c');
    assert.match(shaHeader, /response="[0-9a-f]{64}"/);
  });

  it('ignores Basic challenges and unknown algorithms', () => {
    assert.equal(parseDigestChallenge('Basic realm="Fake Realm"'), null);
    assert.equal(parseDigestChallenge(undefined), null);
    assert.equal(parseDigestChallenge('Digest realm="r", nonce="n", algorithm=MD4'), null);
    assert.equal(parseDigestChallenge('Digest realm="r"'), null);
  });
});
