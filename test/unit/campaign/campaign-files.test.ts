import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCampaignCsv } from '../../../src/campaign/campaign-csv.ts';
import {
  campaignDir,
  readCampaignRecord,
  writeCampaignRecord,
} from '../../../src/campaign/campaign-store.ts';
import { campaignIdOf } from '../../../src/campaign/campaign-id.ts';
import { cellLoadRequest } from '../../../src/campaign/cell-load-request.ts';
import { listRunFolders } from '../../../src/results/run-folders.ts';
import type { CampaignCell, CampaignRecord } from '../../../src/campaign/types.ts';

const cell = (id: string, slots: number, concurrency: number): CampaignCell => ({
  id,
  serverIndex: slots === 1 ? 0 : 1,
  server: { parallel_slots: slots },
  load: { concurrency },
  repetition: 1,
});

const RECORD: CampaignRecord = {
  id: 'quick-0123456789ab',
  spec: { path: 'config/sweeps/quick.yaml', name: 'quick', hash: 'abc' },
  server: 'tiny',
  serverFactors: ['parallel_slots'],
  loadFactors: ['concurrency'],
  cells: [cell('s00-l00-r1', 1, 1), cell('s00-l01-r1', 1, 4), cell('s01-l00-r1', 64, 1)],
  skipped: [{ cell: cell('s01-l00-r1', 64, 1), reason: 'needs about 9 GiB, the host has 8 GiB of RAM' }],
  results: [
    {
      cell: cell('s00-l00-r1', 1, 1),
      runId: '20261204-100000-soak-aaaaaa',
      outcome: 'passed',
      metrics: {
        requests: 12,
        failed: 1,
        durationSeconds: 10,
        requestsPerSecond: 1.2,
        outputTokensPerSecond: 38.4,
        outputTokens: 384,
        e2eP95: 812.5,
        errorsByKind: { timeout: 1, proxy_502: 0 },
        proxyErrors: 0,
      },
      startedAt: '2026-12-04T10:00:00Z',
      endedAt: '2026-12-04T10:00:10Z',
    },
  ],
  startedAt: '2026-12-04T10:00:00Z',
  partial: true,
};

describe('campaign.csv', () => {
  it('has a row per cell: done with its metrics, skipped with why, the rest not run', () => {
    const lines = renderCampaignCsv(RECORD).split('\r\n');
    const header = lines[0]?.split(',') ?? [];
    assert.deepEqual(header.slice(0, 8), [
      'cell',
      'server_index',
      'repetition',
      'parallel_slots',
      'concurrency',
      'status',
      'outcome',
      'run_id',
    ]);
    const row = (n: number): Record<string, string> =>
      Object.fromEntries((lines[n]?.split(',') ?? []).map((v, i) => [header[i], v]));
    assert.deepEqual(
      [
        row(1)['status'],
        row(1)['requests'],
        row(1)['output_tokens_per_s'],
        row(1)['e2e_p95_ms'],
        row(1)['ttft_p95_ms'],
        row(1)['errors_by_kind'],
      ],
      ['done', '12', '38.4', '812.5', '', 'proxy_502=0;timeout=1'],
    );
    assert.equal(row(2)['status'], 'not run');
    assert.equal(row(3)['status'], 'skipped');
    assert.match(lines[3] ?? '', /"needs about 9 GiB, the host has 8 GiB of RAM"$/);
  });
});

describe('the campaign store', () => {
  it('writes campaign.json atomically and reads it back; the folder is never listed as a run', () => {
    const root = mkdtempSync(join(tmpdir(), 'inferload-campaigns-'));
    const dir = campaignDir(RECORD.id, root);
    assert.equal(readCampaignRecord(dir), undefined);
    writeCampaignRecord(dir, RECORD);
    assert.deepEqual(readCampaignRecord(dir), RECORD);
    assert.deepEqual(listRunFolders(root), []);
  });

  it('names a damaged campaign.json and what to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-campaign-'));
    writeFileSync(join(dir, 'campaign.json'), '{"id": "x", "cells": [');
    assert.throws(() => readCampaignRecord(dir), /campaign\.json: not readable as JSON .*move it away/);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'campaign.json'), '{"id": 1}');
    assert.throws(() => readCampaignRecord(dir), /not a campaign record/);
    assert.match(readFileSync(join(dir, 'campaign.json'), 'utf8'), /"id": 1/, 'nothing is overwritten');
  });
});

describe('campaignIdOf', () => {
  it('follows the spec text and the server, and makes a name fit for folders and presets', () => {
    const id = campaignIdOf('quick', 'a: 1', 'tiny');
    assert.match(id, /^quick-[0-9a-f]{12}$/);
    assert.equal(campaignIdOf('quick', 'a: 1', 'tiny'), id);
    assert.notEqual(campaignIdOf('quick', 'a: 2', 'tiny'), id);
    assert.notEqual(campaignIdOf('quick', 'a: 1', 'other'), id);
    assert.match(campaignIdOf('../my sweep!', 'a', 'b'), /^my-sweep-[0-9a-f]{12}$/);
  });
});

describe('cellLoadRequest', () => {
  const spec = { api: 'openai', model: 'default', stream: true, durationSeconds: 30 };
  it('holds the soak profile at the cell concurrency, scaled to the cell duration', () => {
    const request = cellLoadRequest(
      spec,
      { ...cell('s00-l00-r1', 1, 6), load: { concurrency: 6, max_tokens: 48, prompts: 'long' } },
      'http://127.0.0.1:1',
      'embedded',
      () => {},
    );
    assert.equal(request.profile, 'soak');
    const s = request.settings;
    assert.equal(s['MODE'], 'vus');
    assert.equal(s['SOAK_VUS'], '6');
    assert.equal(s['MAX_TOKENS'], '48');
    assert.equal(s['PROMPTS'], 'long');
    // 60 s ramp + SOAK_MINUTES at the level + 30 s down, scaled: the whole lasts the cell's 30 s.
    assert.ok(Math.abs(Number(s['TIME_SCALE']) * (90 + 60 * Number(s['SOAK_MINUTES'])) - 30) < 1e-9);
  });

  it('runs an open-loop cell at its rate, for requests / rate seconds when the spec counts requests', () => {
    const request = cellLoadRequest(
      { ...spec, requests: 100 },
      { ...cell('s00-l00-r1', 1, 1), load: { rate: 4 } },
      'http://127.0.0.1:1',
      'embedded',
      () => {},
    );
    assert.equal(request.settings['MODE'], 'rate');
    assert.equal(request.settings['RATE'], '4');
    assert.ok(
      Math.abs(
        Number(request.settings['TIME_SCALE']) * (90 + 60 * Number(request.settings['SOAK_MINUTES'])) - 25,
      ) < 1e-9,
    );
  });
});
