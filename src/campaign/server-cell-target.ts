// A server cell made live: deployed through deploy (an unchanged configuration restarts nothing), or, for a
// server inferload does not deploy (runtime external), taken as it is; with a session on its host for diagnose.
import { deployServer } from '../deploy/deploy-server.ts';
import type { DeployedRecord } from '../deploy/deployed-record.ts';
import type { DiagnosticsPlan } from '../diagnose/run-diagnostics.ts';
import { openServerHost } from '../diagnose/server-host.ts';
import { createLocalSession } from '../remote/local-session.ts';
import type { RemoteSession } from '../remote/session.ts';
import { isLoopbackUrl } from '../util/server-origin.ts';
import type { PlannedServer } from './plan-campaign.ts';
import type { PreparedCampaign } from './prepare-campaign.ts';

export interface CellTarget {
  baseUrl: string;
  deployed?: DeployedRecord;
  diagnostics: (target: { url: string }) => Promise<DiagnosticsPlan>;
  close(): Promise<void>;
}

/** Deploys the server cell (or takes the external server) and plans its diagnostics. */
export async function acquireCellTarget(
  prepared: PreparedCampaign,
  server: PlannedServer,
  options: {
    healthTimeoutMs: number;
    intervalMs: number;
    log: (line: string) => void;
    out: (text: string) => void;
  },
): Promise<CellTarget> {
  const api = prepared.spec.api;
  if (prepared.server.runtime === 'external') {
    const session = isLoopbackUrl(prepared.server.baseUrl) ? createLocalSession() : undefined;
    return {
      baseUrl: prepared.server.baseUrl,
      diagnostics: async ({ url }) => ({
        intervalMs: options.intervalMs,
        baseUrl: url,
        api,
        ...(session ? { host: { session } } : {}),
      }),
      close: async () => session?.close(),
    };
  }
  const deployed = await deployServer(server.config, {
    serverName: prepared.server.name,
    presetName: server.presetName,
    healthTimeoutMs: options.healthTimeoutMs,
    log: options.log,
    out: options.out,
  });
  const record = deployed.record;
  if (!record) throw new Error(`deploy of ${server.presetName} recorded nothing`);
  let session: RemoteSession | undefined;
  let host: { session: RemoteSession; pid?: number; cpus?: number[] } | undefined;
  try {
    const found = await openServerHost(server.config, record, () => {});
    session = found.session;
    host = {
      session,
      ...(found.pid === undefined ? {} : { pid: found.pid }),
      ...(found.cpus ? { cpus: found.cpus } : {}),
    };
    if (found.pidProblem) options.log(`campaign: the server process is not sampled: ${found.pidProblem}`);
  } catch (error) {
    options.log(`campaign: the server's host is not sampled: ${(error as Error).message}`);
  }
  return {
    baseUrl: record.baseUrl,
    deployed: record,
    diagnostics: async ({ url }) => ({
      intervalMs: options.intervalMs,
      baseUrl: url,
      api,
      ...(host ? { host } : {}),
    }),
    close: async () => session?.close(),
  };
}
