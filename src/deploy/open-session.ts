import type { HostConfig } from '../config/types.ts';
import { connectSsh } from '../remote/ssh-session.ts';
import { createLocalSession } from '../remote/local-session.ts';
import type { LogLine } from '../remote/redact.ts';
import type { RemoteSession } from '../remote/session.ts';
import { UserError } from '../util/errors.ts';

/** A session on the host: this machine for `local`, else SSH with its host key checked. */
export async function openSession(host: HostConfig, log: LogLine): Promise<RemoteSession> {
  if (host.connection === 'local') return createLocalSession(log);
  const agent = host.sshAgent ? process.env['SSH_AUTH_SOCK'] : undefined;
  if (host.sshAgent && !agent)
    throw new UserError(`host '${host.name}': ssh_agent is set but SSH_AUTH_SOCK is not`);
  const passphrase = process.env['INFERLOAD_SSH_PASSPHRASE'];
  return connectSsh(
    {
      host: host.name,
      address: host.address,
      port: host.port,
      user: host.user,
      ...(host.identityFile ? { identityFile: host.identityFile } : {}),
      ...(agent ? { agent } : {}),
      ...(passphrase ? { passphrase } : {}),
      knownHostsFile: host.knownHostsFile,
      policy: host.knownHosts,
    },
    log,
  );
}
