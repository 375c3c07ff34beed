// Everything a campaign needs before it changes anything: the server and base preset checked, the host's
// memory and CPUs read over its session (read-only), the campaign's id, and the plan. A dry run stops here.
import type { InferloadConfig, ServerConfig } from '../config/types.ts';
import { openSession } from '../deploy/open-session.ts';
import { UserError } from '../util/errors.ts';
import { requestModel } from '../config/request-model.ts';
import { campaignIdOf } from './campaign-id.ts';
import { checkBasePreset } from './cell-preset.ts';
import { readHostCapacity, readModelFacts } from './host-capacity.ts';
import { planCampaign, type CampaignPlan } from './plan-campaign.ts';
import type { SweepSpec } from './sweep-spec.ts';

export interface PreparedCampaign {
  /** The spec, with the model every request names settled (requestModel). */
  spec: SweepSpec & { model: string };
  config: InferloadConfig;
  server: ServerConfig;
  basePreset: string;
  plan: CampaignPlan;
}

/** Checks the spec against the config and plans it; `serverName` (SERVER=) overrides the spec's server. */
export async function prepareCampaign(
  spec: SweepSpec,
  config: InferloadConfig,
  serverName: string | undefined,
): Promise<PreparedCampaign> {
  const name = serverName ?? spec.server ?? [...config.servers.keys()][0];
  const server = name === undefined ? undefined : config.servers.get(name);
  if (name === undefined || server === undefined)
    throw new UserError(
      `${spec.path}: server '${name ?? ''}' is not in ${config.path} (servers: ${[...config.servers.keys()].join(', ') || 'none'})`,
    );
  if (server.runtime === 'external' && spec.serverFactors.length > 0)
    throw new UserError(
      `${spec.path}: server_factors need a server inferload deploys, but '${server.name}' has runtime external; drop the server factors or pick another server`,
    );
  const basePreset = checkBasePreset(config, spec.basePreset, spec.path);
  const host = config.hosts.get(server.host);
  if (!host) throw new UserError(`server '${server.name}': host '${server.host}' is not in ${config.path}`);
  // Reading the host's facts is quiet: only a failure to connect is worth a line.
  const session = await openSession(host, () => {});
  try {
    const capacity = await readHostCapacity(session);
    const model = await readModelFacts(server, session, spec.memory.kvBytesPerToken);
    const plan = planCampaign(spec, campaignIdOf(spec.name, spec.text, server.name), {
      config,
      serverName: server.name,
      hostName: host.name,
      basePreset,
      host: capacity,
      model,
      checkFit: server.runtime !== 'external',
    });
    return { spec: { ...spec, model: spec.model ?? requestModel(server) }, config, server, basePreset, plan };
  } finally {
    await session.close();
  }
}
