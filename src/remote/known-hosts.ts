// OpenSSH known_hosts: parsing, matching a presented host key, and the line that accepts one.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type KnownHostMarker = 'revoked' | 'cert-authority' | undefined;

export interface KnownHostEntry {
  /** 1-based line number in the file, for messages. */
  line: number;
  marker: KnownHostMarker;
  /** Comma-separated patterns (`host`, `[host]:port`, `*`, `!neg`) or one hashed `|1|salt|hash`. */
  hosts: string;
  keyType: string;
  keyBlob: Buffer;
}

export type HostKeyCheck =
  | { status: 'match'; line: number }
  | { status: 'mismatch'; line: number; keyType: string }
  | { status: 'revoked'; line: number }
  | {
      status: 'unknown';
      /** Key types already listed for this host (OpenSSH also treats another type as unknown). */
      knownTypes: string[];
      /** `@cert-authority` lines that matched the host: host certificates are not supported. */
      certAuthorityLines: number[];
    };

/** Parses known_hosts text; comments, blank and malformed lines are skipped like OpenSSH does. */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) return;
    let marker: KnownHostMarker;
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    } else if (fields[0].startsWith('@')) return;
    const [hosts, keyType, keyBase64] = fields;
    if (hosts === undefined || keyType === undefined || keyBase64 === undefined) return;
    const keyBlob = Buffer.from(keyBase64, 'base64');
    if (keyBlob.length === 0) return;
    entries.push({ line: index + 1, marker, hosts, keyType, keyBlob });
  });
  return entries;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  const lower = host.toLowerCase();
  return port === 22 ? lower : `[${lower}]:${port}`;
}

/** Checks a presented host key blob against known_hosts text for `host`:`port`. */
export function checkHostKey(
  knownHostsText: string,
  host: string,
  port: number,
  keyBlob: Buffer,
): HostKeyCheck {
  const presentedType = readKeyType(keyBlob);
  const entries = entriesForHost(knownHostsText, host, port);
  const revoked = entries.find((entry) => entry.marker === 'revoked' && entry.keyBlob.equals(keyBlob));
  if (revoked) return { status: 'revoked', line: revoked.line };
  const plain = entries.filter((entry) => entry.marker === undefined);
  const same = plain.find((entry) => entry.keyBlob.equals(keyBlob));
  if (same) return { status: 'match', line: same.line };
  const sameType = plain.find((entry) => readKeyType(entry.keyBlob) === presentedType);
  if (sameType) return { status: 'mismatch', line: sameType.line, keyType: presentedType };
  return {
    status: 'unknown',
    knownTypes: [...new Set(plain.map((entry) => entry.keyType))],
    certAuthorityLines: entries
      .filter((entry) => entry.marker === 'cert-authority')
      .map((entry) => entry.line),
  };
}

/** The entries whose host patterns (plain, wildcard, negated or hashed) match `host`:`port`. */
export function entriesForHost(knownHostsText: string, host: string, port: number): KnownHostEntry[] {
  const name = knownHostsName(host, port);
  return parseKnownHosts(knownHostsText).filter((entry) => matchesHost(entry.hosts, name));
}

/** The line that lists this key for this host, as `ssh-keyscan` would print it. */
export function formatKnownHostsLine(host: string, port: number, keyBlob: Buffer): string {
  return `${knownHostsName(host, port)} ${readKeyType(keyBlob)} ${keyBlob.toString('base64')}`;
}

/** OpenSSH's fingerprint form: `SHA256:` and base64 without padding. */
export function fingerprintSha256(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (a length-prefixed string first). */
export function readKeyType(keyBlob: Buffer): string {
  if (keyBlob.length < 4) return 'unknown';
  const length = keyBlob.readUInt32BE(0);
  if (length > 64 || 4 + length > keyBlob.length) return 'unknown';
  return keyBlob.subarray(4, 4 + length).toString('latin1');
}

function matchesHost(hosts: string, name: string): boolean {
  if (hosts.startsWith('|1|')) return matchesHashed(hosts, name);
  let matched = false;
  for (const pattern of hosts.toLowerCase().split(',')) {
    const negated = pattern.startsWith('!');
    if (!globToRegExp(negated ? pattern.slice(1) : pattern).test(name)) continue;
    // A matching negated pattern rules the line out whatever else matches (OpenSSH match_hostname).
    if (negated) return false;
    matched = true;
  }
  return matched;
}

// Hashed entries (HashKnownHosts): `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`.
function matchesHashed(hosts: string, name: string): boolean {
  const [, , salt, hash] = hosts.split('|');
  if (salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${body}$`);
}
