// Turns ssh2 and socket errors into messages that say what failed and what to check.
import { UserError } from '../util/errors.ts';

export interface ConnectContext {
  /** `user@address:port (host)`. */
  where: string;
  /** How we authenticated, e.g. `identity file /root/.ssh/id_ed25519`. */
  identity: string;
  readyTimeoutMs: number;
}

type Ssh2Error = Error & { code?: string | number; level?: string };

/** The UserError for a failed connection attempt. */
export function describeConnectError(error: Ssh2Error, context: ConnectContext): UserError {
  const { where } = context;
  if (error.level === 'client-authentication') {
    return new UserError(
      `SSH authentication failed for ${where}: the server accepted none of ${context.identity}. ` +
        `Check that the matching public key is in the user's ~/.ssh/authorized_keys on the host.`,
    );
  }
  if (error.level === 'client-timeout') {
    return new UserError(
      `SSH connection to ${where} timed out after ${context.readyTimeoutMs} ms (no handshake)`,
    );
  }
  switch (error.code) {
    case 'ECONNREFUSED':
      return new UserError(`Cannot connect to ${where}: connection refused (is sshd running on that port?)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserError(`Cannot connect to ${where}: the address does not resolve`);
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new UserError(`Cannot connect to ${where}: unreachable (${error.code})`);
    default:
      return new UserError(`SSH connection to ${where} failed: ${error.message}`);
  }
}
