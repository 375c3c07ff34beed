// Like OpenSSH, ask first for the host key types known_hosts already lists for the host,
// so a host with several keys is not refused as unknown for presenting another type.
import type { ServerHostKeyAlgorithm } from 'ssh2';
import { entriesForHost, readKeyType } from './known-hosts.ts';

// ssh2's default order (constants.js DEFAULT_SERVER_HOST_KEY, ed25519 supported on Node 20).
const DEFAULT_SERVER_HOST_KEY: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Server host key algorithms with the known types first; undefined keeps ssh2's defaults. */
export function orderHostKeyAlgorithms(
  knownHostsText: string,
  address: string,
  port: number,
): ServerHostKeyAlgorithm[] | undefined {
  const known: string[] = entriesForHost(knownHostsText, address, port)
    .filter((entry) => entry.marker === undefined)
    .flatMap((entry) => algorithmsForKeyType(readKeyType(entry.keyBlob)));
  if (known.length === 0) return undefined;
  const preferred = DEFAULT_SERVER_HOST_KEY.filter((name) => known.includes(name));
  return [...preferred, ...DEFAULT_SERVER_HOST_KEY.filter((name) => !known.includes(name))];
}

function algorithmsForKeyType(keyType: string): string[] {
  // An RSA key signs with any of the three RSA algorithms.
  return keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [keyType];
}
