// What a server's instances and proxy are on their host (deploy/<server>/fleet.json): enough to stop them later.
import type { RemoteSession } from '../remote/session.ts';
import type { ServerConfig } from '../config/types.ts';
import { hostStateDir, runtimeFor, type UnitRef } from './unit-runtime.ts';

/** The record: the fleet's fingerprint, each instance's unit and the proxy's. */
export interface FleetRecord {
  fingerprint: string;
  instances: UnitRef[];
  proxy: UnitRef;
}

function isUnitRef(value: unknown): value is UnitRef {
  const v = value as Partial<UnitRef> | null;
  return (
    typeof v?.runtime === 'string' &&
    typeof v.name === 'string' &&
    typeof v.marker === 'string' &&
    typeof v.stateKey === 'string'
  );
}

/** Reads deploy/<server>/fleet.json on the host; a missing or damaged record counts as none. */
export async function readFleetRecord(
  session: RemoteSession,
  server: string,
): Promise<FleetRecord | undefined> {
  const text = await session.readFile(`${await hostStateDir(session, server)}/fleet.json`);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<FleetRecord>;
    const instances = Array.isArray(parsed.instances) ? parsed.instances.filter(isUnitRef) : [];
    if (typeof parsed.fingerprint !== 'string' || !isUnitRef(parsed.proxy)) return undefined;
    return { fingerprint: parsed.fingerprint, instances, proxy: parsed.proxy };
  } catch {
    return undefined;
  }
}

/** Writes the record, or removes it when `record` is undefined. */
export async function writeFleetRecord(
  session: RemoteSession,
  server: string,
  record: FleetRecord | undefined,
): Promise<void> {
  const file = `${await hostStateDir(session, server)}/fleet.json`;
  if (record === undefined) await session.exec(['rm', '-f', file]);
  else await session.upload(`${JSON.stringify(record, null, 2)}\n`, file);
}

/** Stops units (instances no longer wanted, a retired proxy) through their own runtimes. */
export async function stopUnits(
  session: RemoteSession,
  units: UnitRef[],
  log: (line: string) => void,
): Promise<void> {
  for (const unit of units) {
    log(`stopping ${unit.name} (${unit.runtime}): no longer part of the deployment`);
    await runtimeFor(unit, session, await hostStateDir(session, unit.stateKey)).stop();
  }
}

/** Before a server is deployed alone: its former instances and nginx stop, so the port is free. */
export async function retireFleet(
  session: RemoteSession,
  server: ServerConfig,
  log: (line: string) => void,
): Promise<void> {
  const record = await readFleetRecord(session, server.name);
  if (record === undefined) return;
  await stopUnits(session, [record.proxy, ...record.instances], log);
  await writeFleetRecord(session, server.name, undefined);
}

/** The unit of the server deployed alone (no instances), as planDeployment names it. */
export function aloneUnit(server: ServerConfig): UnitRef {
  return {
    runtime: server.runtime,
    name: `inferload-${server.name}`,
    marker: server.kind === 'ollama' ? 'serve' : `--port ${server.port}`,
    stateKey: server.name,
  };
}
