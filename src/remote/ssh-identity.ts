// The credentials ssh2 authenticates with: an identity file (checked up front) and/or an agent.
import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import { UserError } from '../util/errors.ts';
import { expandHome } from './expand-home.ts';

export interface IdentityOptions {
  /** Names the host in messages. */
  where: string;
  identityFile?: string;
  passphrase?: string;
  /** SSH_AUTH_SOCK path. */
  agent?: string;
}

export interface Identity {
  privateKey?: Buffer;
  passphrase?: string;
  agent?: string;
  /** How we authenticate, for messages (never the passphrase). */
  description: string;
}

/** Loads and decrypts the identity file now, so a bad path or passphrase fails with a readable message. */
export async function loadIdentity(options: IdentityOptions): Promise<Identity> {
  const { where, agent, passphrase } = options;
  if (options.identityFile === undefined) {
    if (agent === undefined) throw new UserError(`No identity file or ssh-agent configured for ${where}`);
    return { agent, description: `the keys of the ssh-agent at ${agent}` };
  }
  const path = expandHome(options.identityFile);
  const privateKey = await readIdentityFile(path, where);
  const parsed = ssh2.utils.parseKey(privateKey, passphrase);
  if (parsed instanceof Error) throw new UserError(describeKeyError(parsed.message, path, where));
  const description = `identity file ${path}${agent === undefined ? '' : ` and the ssh-agent at ${agent}`}`;
  return { privateKey, passphrase, agent, description };
}

async function readIdentityFile(path: string, where: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`Identity file ${path} for ${where} does not exist`);
    throw new UserError(
      `Cannot read identity file ${path} for ${where}: ${code ?? (error as Error).message}`,
    );
  }
}

function describeKeyError(message: string, path: string, where: string): string {
  if (/no passphrase given/i.test(message)) {
    return `Identity file ${path} for ${where} is protected by a passphrase, and none was given`;
  }
  if (/bad passphrase|decrypt/i.test(message)) {
    return `Cannot decrypt identity file ${path} for ${where}: the passphrase is wrong`;
  }
  return `Identity file ${path} for ${where} is not a private key ssh2 can read (${message})`;
}
