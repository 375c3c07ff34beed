import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../util/errors.ts';
import { cacheDir } from '../util/paths.ts';
import { writeFileAtomic } from '../util/write-atomic.ts';

/** What was last deployed for a server: every `make benchmark` run is stamped with it. */
export interface DeployedRecord {
  server: string;
  host: string;
  preset: string;
  fingerprint: string;
  runtime: string;
  baseUrl: string;
  /** Each instance's own URL, when the server runs as instances behind nginx (baseUrl is nginx). */
  instances?: string[];
  /** llama.cpp's build_info from /props. */
  build?: string;
  runningId?: string;
  deployedAt: string;
}

function recordFile(server: string): string {
  return join(process.env['INFERLOAD_DEPLOYED'] ?? join(cacheDir(), 'deployed'), `${server}.json`);
}

export function writeDeployedRecord(record: DeployedRecord): void {
  const file = recordFile(record.server);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(record, null, 2)}\n`);
}

export function readDeployedRecord(server: string): DeployedRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordFile(server), 'utf8')) as DeployedRecord;
  } catch {
    return undefined;
  }
}

/** The server's record, or a UserError telling to deploy it first (benchmark, diagnose and soak need one). */
export function requireDeployedRecord(server: string): DeployedRecord {
  const record = readDeployedRecord(server);
  if (!record)
    throw new UserError(
      `server '${server}' has no recorded deployment: run 'make deploy SERVER=${server}' first`,
    );
  return record;
}
