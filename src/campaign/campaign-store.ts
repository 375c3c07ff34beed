// benchmarks/campaigns/<id>/: a campaign's folder and its campaign.json, written atomically after every cell so
// an interrupt, a crash or a lost SSH connection loses nothing measured. The folder holds no meta.json, so the
// run listing (results/run-folders.ts) never takes it for a run.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchmarksDir } from '../util/paths.ts';
import { UserError } from '../util/errors.ts';
import { writeFileAtomic } from '../util/write-atomic.ts';
import type { CampaignRecord } from './types.ts';

export const CAMPAIGN_FILE = 'campaign.json';

/** Where campaigns live: benchmarks/campaigns/. */
export function campaignsDir(root = benchmarksDir()): string {
  return join(root, 'campaigns');
}

/** A campaign's folder (not created). */
export function campaignDir(id: string, root = benchmarksDir()): string {
  return join(campaignsDir(root), id);
}

/** The campaign's record, or undefined when it has none yet; a damaged file is an error naming it. */
export function readCampaignRecord(dir: string): CampaignRecord | undefined {
  const path = join(dir, CAMPAIGN_FILE);
  if (!existsSync(path)) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserError(
      `${path}: not readable as JSON (${(error as Error).message}); move it away to start the campaign again`,
    );
  }
  const r = record as Partial<CampaignRecord>;
  if (typeof r.id !== 'string' || !Array.isArray(r.cells) || !Array.isArray(r.results))
    throw new UserError(
      `${path}: not a campaign record (expected id, cells and results); move it away to start again`,
    );
  return record as CampaignRecord;
}

/** Writes campaign.json atomically, creating the folder. */
export function writeCampaignRecord(dir: string, record: CampaignRecord): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, CAMPAIGN_FILE);
  writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}
