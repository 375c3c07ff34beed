// HTTP Digest authentication (RFC 7616) as k6's digestTransport does it with icholy/digest: the first request
// goes without credentials; a 401 carrying a Digest challenge is answered once, with nc=00000001.
import { createHash, randomBytes } from 'node:crypto';

/** The parameters of a `WWW-Authenticate: Digest ...` challenge. */
export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque: string | undefined;
  readonly algorithm: string;
  readonly qop: string | undefined;
}

const HASHES: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-256': 'sha256',
  'SHA-512-256': 'sha512-256',
};

/** The Digest challenge in a WWW-Authenticate value, or null when there is none (or an unknown algorithm). */
export function parseDigestChallenge(header: string | undefined): DigestChallenge | null {
  if (header === undefined || !/^\s*digest\s/i.test(header)) return null;
  const fields: Record<string, string> = {};
  for (const match of header
    .replace(/^\s*digest\s+/i, '')
    .matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    fields[(match[1] as string).toLowerCase()] = (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1');
  }
  const algorithm = (fields.algorithm ?? 'MD5').toUpperCase();
  const base = algorithm.replace(/-SESS$/, '');
  if (fields.nonce === undefined || HASHES[base] === undefined) return null;
  const qops = (fields.qop ?? '').split(',').map((q) => q.trim());
  return {
    realm: fields.realm ?? '',
    nonce: fields.nonce,
    opaque: fields.opaque,
    algorithm,
    qop: qops.includes('auth') ? 'auth' : undefined,
  };
}

/** The Authorization header answering `challenge` for `method` on `uri` (path and query). */
export function digestAuthorization(
  challenge: DigestChallenge,
  credentials: { username: string; password: string },
  method: string,
  uri: string,
  cnonce: string = randomBytes(8).toString('hex'),
): string {
  const base = challenge.algorithm.replace(/-SESS$/, '');
  const hash = (text: string): string =>
    createHash(HASHES[base] ?? 'md5')
      .update(text)
      .digest('hex');
  const nc = '00000001';
  let ha1 = hash(`${credentials.username}:${challenge.realm}:${credentials.password}`);
  if (challenge.algorithm.endsWith('-SESS')) ha1 = hash(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = hash(`${method}:${uri}`);
  const response =
    challenge.qop === undefined
      ? hash(`${ha1}:${challenge.nonce}:${ha2}`)
      : hash(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${challenge.qop}:${ha2}`);
  const parts = [
    `username="${credentials.username}"`,
    `realm="${challenge.realm}"`,
    `nonce="${challenge.nonce}"`,
    `uri="${uri}"`,
    ...(challenge.qop === undefined ? [] : [`cnonce="${cnonce}"`, `nc=${nc}`, `qop=${challenge.qop}`]),
    `response="${response}"`,
    ...(challenge.opaque === undefined ? [] : [`opaque="${challenge.opaque}"`]),
    `algorithm=${challenge.algorithm}`,
  ];
  return `Digest ${parts.join(', ')}`;
}
