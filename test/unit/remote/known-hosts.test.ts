import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkHostKey,
  entriesForHost,
  fingerprintSha256,
  formatKnownHostsLine,
  knownHostsName,
  parseKnownHosts,
  readKeyType,
} from '../../../src/remote/known-hosts.ts';

// Keys and hashed lines made with ssh-keygen (OpenSSH 9.2); fingerprints as `ssh-keygen -lf` printed them.
const ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIMJYPUOE9S7KDlrLv9wLFLakax4dPJk7sWTHTEDMpXlO';
const ED25519_FP = 'SHA256:cVXGoUEjoI1nGgI9qtDN2grKeFCKmYkGbu+fTLsojT8';
const ECDSA =
  'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBOjQqfzK9QTzHvGkGlS8PHqNdaVBXC3G9N28pDFakzAHWkVWLo5bPW8G0+CgccPVUCYRe2i/vjEKg18V6jhiF9Q=';
const ECDSA_FP = 'SHA256:966M3eA7swVtOM94kgwaIs5Mr1zjPdZs3GAUpt3ZhZA';
const RSA =
  'AAAAB3NzaC1yc2EAAAADAQABAAAAgQDMmHxTawB+V9GKPOYPf7lGn9yRRJzQxhSr9RhhjPqLuPEavZQ0EAMXUrJ4ARp1sWFIvCjyoHkNY2OuT3Qo47/yg9GT0htXpREup2ceTxyQBkootKK1Yd6B4DmThbIpTa+nCay2EWajBestOpLi8A/77C7KoiYY2jzqKZAyg4TIIQ==';
const RSA_FP = 'SHA256:Pz9kjEjGAqcQOBTd+/+idIQd7dZj39omLyxOIrVdjoA';
// `ssh-keygen -H` of "[127.0.0.1]:2222", "gpu1.example.com,10.0.0.5" lines, all with the ed25519 key.
const HASHED = [
  `|1|Iqjv5G9Jj9PuAGZMMoY/8fvv2oU=|hbQjCh149xCvdlTfYY78n+QqadU= ssh-ed25519 ${ED25519}`,
  `|1|tkTnjU5Xq9yfcYJ6mks1I0gqi5Y=|8gaKKGA/i2z22PmBp5GVCPigH2o= ssh-ed25519 ${ED25519}`,
  `|1|6CFaqGaXSbiZfdGbE5wbUJMtoBQ=|EF/3iF8ODzPmi3EVGeuziczuhmg= ssh-ed25519 ${ED25519}`,
].join('\n');

const blob = (base64: string): Buffer => Buffer.from(base64, 'base64');

describe('known_hosts parsing', () => {
  it('reads markers, patterns, types and keys; skips comments, blanks and junk', () => {
    const text = [
      '# comment',
      '',
      `host1,host2 ssh-ed25519 ${ED25519} a comment`,
      `@revoked * ssh-rsa ${RSA}`,
      `@cert-authority *.example.com ssh-ed25519 ${ED25519}`,
      '@unknown-marker h ssh-ed25519 AAAA',
      'only-a-host',
      `   [10.0.0.1]:2222   ecdsa-sha2-nistp256   ${ECDSA}`,
    ].join('\n');
    const entries = parseKnownHosts(text);
    assert.deepEqual(
      entries.map((entry) => [entry.line, entry.marker, entry.hosts, entry.keyType]),
      [
        [3, undefined, 'host1,host2', 'ssh-ed25519'],
        [4, 'revoked', '*', 'ssh-rsa'],
        [5, 'cert-authority', '*.example.com', 'ssh-ed25519'],
        [8, undefined, '[10.0.0.1]:2222', 'ecdsa-sha2-nistp256'],
      ],
    );
  });

  it('names hosts like OpenSSH: plain on port 22, [host]:port otherwise, lower case', () => {
    assert.equal(knownHostsName('Gpu1.Example.com', 22), 'gpu1.example.com');
    assert.equal(knownHostsName('127.0.0.1', 2222), '[127.0.0.1]:2222');
  });

  it('matches comma lists, wildcards and negations', () => {
    const text = [`a.example.com,b.example.com ssh-ed25519 ${ED25519}`, `*.lab,!bad.lab ssh-rsa ${RSA}`].join(
      '\n',
    );
    assert.equal(entriesForHost(text, 'b.example.com', 22).length, 1);
    assert.equal(entriesForHost(text, 'B.EXAMPLE.COM', 22).length, 1);
    assert.equal(entriesForHost(text, 'c.example.com', 22).length, 0);
    assert.equal(entriesForHost(text, 'gpu.lab', 22).length, 1);
    assert.equal(entriesForHost(text, 'bad.lab', 22).length, 0);
    assert.equal(entriesForHost(text, 'b.example.com', 2222).length, 0, 'port 22 entries do not cover 2222');
  });

  it('matches hashed entries written by ssh-keygen -H', () => {
    assert.deepEqual(
      entriesForHost(HASHED, '127.0.0.1', 2222).map((entry) => entry.line),
      [1],
    );
    assert.deepEqual(
      entriesForHost(HASHED, 'gpu1.example.com', 22).map((entry) => entry.line),
      [2],
    );
    assert.deepEqual(
      entriesForHost(HASHED, '10.0.0.5', 22).map((entry) => entry.line),
      [3],
    );
    assert.equal(entriesForHost(HASHED, '127.0.0.1', 22).length, 0);
  });
});

describe('checkHostKey', () => {
  const known = `[127.0.0.1]:2222 ssh-ed25519 ${ED25519}\n`;

  it('matches a listed key, plain or hashed', () => {
    assert.deepEqual(checkHostKey(known, '127.0.0.1', 2222, blob(ED25519)), { status: 'match', line: 1 });
    assert.deepEqual(checkHostKey(HASHED, '10.0.0.5', 22, blob(ED25519)), { status: 'match', line: 3 });
  });

  it('reports a different key of the same type as a mismatch', () => {
    const other = `[127.0.0.1]:2222 ssh-ed25519 ${Buffer.concat([blob(ED25519).subarray(0, -1), Buffer.from([1])]).toString('base64')}`;
    assert.deepEqual(checkHostKey(other, '127.0.0.1', 2222, blob(ED25519)), {
      status: 'mismatch',
      line: 1,
      keyType: 'ssh-ed25519',
    });
  });

  it('reports unknown for an unlisted host, and names the types listed for it', () => {
    assert.deepEqual(checkHostKey('', '127.0.0.1', 2222, blob(ED25519)), {
      status: 'unknown',
      knownTypes: [],
      certAuthorityLines: [],
    });
    const rsaOnly = `[127.0.0.1]:2222 ssh-rsa ${RSA}`;
    assert.deepEqual(checkHostKey(rsaOnly, '127.0.0.1', 2222, blob(ED25519)), {
      status: 'unknown',
      knownTypes: ['ssh-rsa'],
      certAuthorityLines: [],
    });
  });

  it('refuses a revoked key even when it is also listed as known', () => {
    const text = `${known}@revoked * ssh-ed25519 ${ED25519}\n`;
    assert.deepEqual(checkHostKey(text, '127.0.0.1', 2222, blob(ED25519)), { status: 'revoked', line: 2 });
  });

  it('does not trust @cert-authority lines, but reports that they matched', () => {
    const text = `@cert-authority [127.0.0.1]:* ssh-ed25519 ${ED25519}\n`;
    assert.deepEqual(checkHostKey(text, '127.0.0.1', 2222, blob(ED25519)), {
      status: 'unknown',
      knownTypes: [],
      certAuthorityLines: [1],
    });
  });
});

describe('fingerprints and lines', () => {
  it('computes fingerprints exactly as ssh-keygen -lf prints them', () => {
    assert.equal(fingerprintSha256(blob(ED25519)), ED25519_FP);
    assert.equal(fingerprintSha256(blob(ECDSA)), ECDSA_FP);
    assert.equal(fingerprintSha256(blob(RSA)), RSA_FP);
  });

  it('reads the key type from the blob', () => {
    assert.equal(readKeyType(blob(ED25519)), 'ssh-ed25519');
    assert.equal(readKeyType(blob(ECDSA)), 'ecdsa-sha2-nistp256');
    assert.equal(readKeyType(blob(RSA)), 'ssh-rsa');
    assert.equal(readKeyType(Buffer.from([0, 0])), 'unknown');
  });

  it('formats the line that accepts a key, as ssh-keyscan prints it', () => {
    assert.equal(
      formatKnownHostsLine('127.0.0.1', 2222, blob(ED25519)),
      `[127.0.0.1]:2222 ssh-ed25519 ${ED25519}`,
    );
    assert.equal(formatKnownHostsLine('gpu1', 22, blob(RSA)), `gpu1 ssh-rsa ${RSA}`);
  });
});
