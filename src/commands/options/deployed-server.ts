// --server for the verbs that sample a deployed server's host (diagnose, capacity): its deployment record, its
// config entry and a session on its host; --target and --server exclude each other.
import { loadConfig } from '../../config/load-config.ts';
import type { ServerConfig } from '../../config/types.ts';
import { requireDeployedRecord, type DeployedRecord } from '../../deploy/deployed-record.ts';
import { openServerHost, type ServerHost } from '../../diagnose/server-host.ts';
import { UserError } from '../../util/errors.ts';

export interface DeployedServer {
  deployed: DeployedRecord;
  server: ServerConfig | undefined;
  host: ServerHost;
}

/** The deployed server `--server` names, with a session on its host (closed by the caller); none without it. */
export async function openDeployedServer(flags: {
  server?: string | undefined;
  target?: string | undefined;
  config?: string | undefined;
}): Promise<DeployedServer | undefined> {
  if (!flags.server) return undefined;
  if (flags.target) throw new UserError('--server and --target: give one (the server names its own URL)');
  const deployed = requireDeployedRecord(flags.server);
  const config = await loadConfig(flags.config);
  const host = await openServerHost(config, deployed, () => {});
  return { deployed, server: config.servers.get(flags.server), host };
}
