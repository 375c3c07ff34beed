// Decides whether a presented host key is trusted: known_hosts plus `strict` or `accept-new`.
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UserError } from '../util/errors.ts';
import {
  checkHostKey,
  fingerprintSha256,
  formatKnownHostsLine,
  knownHostsName,
  readKeyType,
} from './known-hosts.ts';

export type HostKeyPolicy = 'strict' | 'accept-new';

export interface HostKeyTarget {
  /** The configured name, for messages. */
  host: string;
  /** What known_hosts lists (OpenSSH records the address it connects to). */
  address: string;
  port: number;
  /** Already `~`-expanded. */
  knownHostsFile: string;
  policy: HostKeyPolicy;
}

/** Accepts the key (appending it under accept-new) or returns the UserError that refuses it. */
export async function verifyHostKey(
  target: HostKeyTarget,
  keyBlob: Buffer,
  log: (line: string) => void,
): Promise<UserError | undefined> {
  const text = await readKnownHosts(target.knownHostsFile);
  const check = checkHostKey(text, target.address, target.port, keyBlob);
  const where = `${target.host} (${target.address}:${target.port})`;
  const key = `${readKeyType(keyBlob)} key ${fingerprintSha256(keyBlob)}`;
  const file = target.knownHostsFile;
  switch (check.status) {
    case 'match':
      log(`host key of ${where}: ${key} matches ${file}:${check.line}`);
      return undefined;
    case 'revoked':
      return new UserError(`Refusing ${where}: its ${key} is marked @revoked in ${file}:${check.line}.`);
    case 'mismatch':
      return new UserError(
        `Refusing ${where}: its host key has CHANGED, which may be a man-in-the-middle attack ` +
          `(or the host was reinstalled). It presented the ${key}; ${file}:${check.line} lists a different ` +
          `${check.keyType} key. If the change is expected, remove the old entry with ` +
          `ssh-keygen -R '${knownHostsName(target.address, target.port)}' -f ${file} and connect again.`,
      );
    case 'unknown':
      if (target.policy === 'accept-new') {
        await appendKnownHost(file, text, formatKnownHostsLine(target.address, target.port, keyBlob));
        log(`host key of ${where}: ${key} was unknown; added to ${file} (accept-new)`);
        return undefined;
      }
      return new UserError(unknownKeyMessage(target, keyBlob, check.knownTypes, check.certAuthorityLines));
  }
}

function unknownKeyMessage(
  target: HostKeyTarget,
  keyBlob: Buffer,
  knownTypes: string[],
  caLines: number[],
): string {
  const line = formatKnownHostsLine(target.address, target.port, keyBlob);
  const notes = [
    knownTypes.length > 0
      ? `(${target.knownHostsFile} lists only ${knownTypes.join(', ')} keys for it.)`
      : '',
    caLines.length > 0
      ? `(@cert-authority entries match it on line ${caLines.join(', ')}, but host certificates are not supported: list the host key itself.)`
      : '',
  ].filter((note) => note !== '');
  return [
    `Refusing ${target.host} (${target.address}:${target.port}): its host key is not in ${target.knownHostsFile}.`,
    `It presented the ${readKeyType(keyBlob)} key ${fingerprintSha256(keyBlob)}.`,
    ...notes,
    `Compare that fingerprint with the host's own (ssh-keygen -lf /etc/ssh/ssh_host_${keyFileSuffix(keyBlob)}_key.pub on it), then either append this line to ${target.knownHostsFile}:`,
    `  ${line}`,
    `or connect once with the host-key policy accept-new, which adds it for you.`,
  ].join('\n');
}

function keyFileSuffix(keyBlob: Buffer): string {
  const type = readKeyType(keyBlob);
  if (type.startsWith('ecdsa-')) return 'ecdsa';
  return type.replace(/^ssh-/, '');
}

async function readKnownHosts(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new UserError(`Cannot read known_hosts file ${file}: ${(error as Error).message}`);
  }
}

async function appendKnownHost(file: string, existing: string, line: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  await appendFile(file, `${separator}${line}\n`, { mode: 0o600 });
}
