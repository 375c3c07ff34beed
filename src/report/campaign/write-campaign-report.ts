// A campaign's report: summary.md, campaign.html and amdahl_fit.csv written into its folder (atomically),
// from one analysis of the record.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeCampaign, type CampaignAnalysis } from '../../campaign/analysis/analyze-campaign.ts';
import type { CampaignRecord } from '../../campaign/types.ts';
import type { RunObjective } from '../../results/objective-defaults.ts';
import { writeFileAtomic } from '../../util/write-atomic.ts';
import { buildCampaignModel } from './campaign-model.ts';
import { renderAmdahlCsv } from './render-amdahl-csv.ts';
import { renderCampaignHtml } from './render-campaign-html.ts';
import { renderCampaignMarkdown } from './render-campaign-markdown.ts';

/** The files a campaign report writes into its folder. */
export const CAMPAIGN_REPORT_FILES = {
  summary: 'summary.md',
  html: 'campaign.html',
  amdahlCsv: 'amdahl_fit.csv',
} as const;

/** How to report: another objective than the record's, or an analysis already made. */
export interface CampaignReportOptions {
  objective?: RunObjective;
  analysis?: CampaignAnalysis;
  now?: Date;
}

/** Analyses the record and writes summary.md, campaign.html and amdahl_fit.csv into `dir`; their paths. */
export async function writeCampaignReport(
  dir: string,
  record: CampaignRecord,
  options: CampaignReportOptions = {},
): Promise<string[]> {
  const analysis =
    options.analysis ?? analyzeCampaign(record, options.objective ? { objective: options.objective } : {});
  const model = buildCampaignModel(analysis, options.now ? { now: options.now } : {});
  const contents: Record<keyof typeof CAMPAIGN_REPORT_FILES, string> = {
    summary: renderCampaignMarkdown(model),
    html: renderCampaignHtml(model),
    amdahlCsv: renderAmdahlCsv(analysis.scaling),
  };
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const key of Object.keys(CAMPAIGN_REPORT_FILES) as (keyof typeof CAMPAIGN_REPORT_FILES)[]) {
    const path = join(dir, CAMPAIGN_REPORT_FILES[key]);
    writeFileAtomic(path, contents[key]);
    written.push(path);
  }
  return written;
}
