import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareRuns } from '../../../src/results/compare-runs.ts';
import { parseObjective } from '../../../src/results/objective-defaults.ts';
import { analyzeRun, type RunAnalysis } from '../../../src/diagnose/analyze-run.ts';
import type { DeployedRecord } from '../../../src/deploy/deployed-record.ts';
import { buildComparisonModel, type ComparisonModel } from '../../../src/report/comparison-model.ts';
import { renderComparisonHtml } from '../../../src/report/html-pages.ts';
import { renderComparisonMarkdown } from '../../../src/report/render-comparison-markdown.ts';
import { runMeta, sampleSummary, trend, writeSampleRun } from '../../helpers/run-folder.ts';

const root = mkdtempSync(join(tmpdir(), 'inferload-compare-model-'));
// The sample runs fail 10% of their requests: allow that, so that one of them can be the best.
const objective = parseObjective('errors=20%');

const deployed = (preset: string): DeployedRecord => ({
  server: 's',
  host: 'h',
  preset,
  fingerprint: 'f',
  runtime: 'podman',
  baseUrl: 'http://x',
  deployedAt: '2026-08-21T06:00:00.000Z',
});

function withTokens(rate: number, e2eMedian: number): typeof sampleSummary {
  return {
    ...sampleSummary,
    metrics: {
      ...sampleSummary.metrics,
      llm_output_tokens_total: { count: rate * 5, rate },
      llm_e2e: trend(e2eMedian),
    },
  };
}

/** Three runs: a baseline (18 tok/s), a faster one within budget (36 tok/s), a fastest one over budget. */
async function threeRuns(profile = 'medium'): Promise<RunAnalysis[]> {
  const run = (id: string, extra: Parameters<typeof writeSampleRun>[2]) =>
    analyzeRun(writeSampleRun(root, id, { meta: runMeta(id, { profile }), ...extra }));
  return [
    await run(`20260821-070000-${profile}-aaa111`, {
      meta: runMeta(`20260821-070000-${profile}-aaa111`, { profile, deployed: deployed('conservative') }),
    }),
    await run(`20260821-080000-${profile}-bbb222`, {
      meta: runMeta(`20260821-080000-${profile}-bbb222`, { profile, deployed: deployed('balanced') }),
      summary: withTokens(36, 2000),
    }),
    await run(`20260821-090000-${profile}-ccc333`, { summary: withTokens(80, 12_000) }),
  ];
}

function model(analyses: RunAnalysis[]): ComparisonModel {
  return buildComparisonModel(analyses, compareRuns(analyses, objective), { now: new Date(0) });
}

describe('buildComparisonModel', async () => {
  const m = model(await threeRuns());

  it('labels each run by preset (else profile) and short id, the first being the baseline', () => {
    assert.deepEqual(
      m.runs.map((r) => [r.label, r.preset]),
      [
        ['conservative aaa111', 'conservative'],
        ['balanced bbb222', 'balanced'],
        ['medium ccc333', '–'],
      ],
    );
    assert.equal(m.baseline, 'conservative aaa111');
    assert.equal(m.objective, 'the most output tokens/s with p95 E2E ≤ 10 s and errors ≤ 20%');
  });

  it('names the best run and why each other lost', () => {
    assert.deepEqual(m.best, {
      id: '20260821-080000-medium-bbb222',
      label: 'balanced bbb222',
      text: '36 tok/s output with p95 E2E 2.01 s and errors 10%',
    });
    assert.equal(m.losersTitle, 'Why the others lost');
    assert.deepEqual(
      m.losers.map((l) => [l.label, l.reasons]),
      [
        ['conservative aaa111', ['18 tok/s output, less than the 36 tok/s of balanced bbb222']],
        ['medium ccc333', ['p95 E2E 12 s is over the 10 s budget']],
      ],
    );
  });

  it('gives each delta a sign and a verdict: ▲ better for throughput, ▲ worse for latency, = unchanged', () => {
    const row = (key: string) => m.rows.find((r) => r.key === key);
    assert.deepEqual(row('outputTokensPerSecond')?.cells, [
      { value: '18 tok/s', delta: null },
      {
        value: '36 tok/s',
        delta: { text: '+100%', sign: '▲', verdict: 'better', title: 'better than conservative aaa111' },
      },
      {
        value: '80 tok/s',
        delta: { text: '+344%', sign: '▲', verdict: 'better', title: 'better than conservative aaa111' },
      },
    ]);
    assert.deepEqual(row('e2eP95Ms')?.cells[1]?.delta, {
      text: '+99.4%',
      sign: '▲',
      verdict: 'worse',
      title: 'worse than conservative aaa111',
    });
    assert.deepEqual(row('requestsPerSecond')?.cells[1]?.delta, {
      text: '',
      sign: '=',
      verdict: 'same',
      title: 'about the same as conservative aaa111',
    });
    assert.equal(row('e2eP95Ms')?.label, 'E2E p95');
    assert.equal(row('e2eP95Ms')?.direction, 'lower is better');
  });

  it('states goodput per run and draws one line per run', () => {
    assert.deepEqual(
      m.goodput.map((g) => g.text),
      Array(3).fill('1.6 req/s: 8 of 10 requests (80%) met TTFT ≤ 2 s, TPOT ≤ 100 ms and E2E ≤ 10 s'),
    );
    const curve = m.charts.find((c) => c.id === 'throughput-vs-concurrency');
    assert.equal(curve?.emptyReason, null);
    for (const label of ['conservative aaa111', 'balanced bbb222', 'medium ccc333']) {
      assert.ok(curve?.svg.includes(`data-series="${label}" data-points="1"`), label);
    }
  });

  it('says so when no run meets the objective', async () => {
    const analyses = await threeRuns('strict');
    const none = buildComparisonModel(analyses, compareRuns(analyses, parseObjective('errors=1%')));
    assert.equal(none.best, null);
    assert.equal(none.noBest, 'No run meets the objective');
    assert.equal(none.losersTitle, 'Why no run qualifies');
    assert.deepEqual(none.losers[0]?.reasons, ['errors 10% are over the 1% limit']);
  });
});

describe('comparison pages', async () => {
  const analyses = await threeRuns('pages');
  const m = model(analyses);

  it('writes Markdown whose deltas read without colour', () => {
    const markdown = renderComparisonMarkdown(m);
    const lines = markdown.split('\n');
    assert.equal(lines[0], '# inferload comparison: conservative aaa111 vs balanced bbb222 vs pages ccc333');
    assert.ok(
      lines.includes(
        '**Best: balanced bbb222** (`20260821-080000-pages-bbb222`): 36 tok/s output with p95 E2E 2.01 s and errors 10%.',
      ),
    );
    assert.ok(lines.includes('- **pages ccc333**: p95 E2E 12 s is over the 10 s budget'));
    assert.ok(
      lines.includes(
        '| output tok/s (higher is better) | 18 tok/s | 36 tok/s (▲ +100%, better) | 80 tok/s (▲ +344%, better) |',
      ),
    );
    assert.ok(
      lines.includes('| requests/s (higher is better) | 2 req/s | 2 req/s (=, same) | 2 req/s (=, same) |'),
    );
    assert.ok(
      lines.includes(
        '| E2E p95 (lower is better) | 1.01 s | 2.01 s (▲ +99.4%, worse) | 12 s (▲ +1093%, worse) |',
      ),
    );
  });

  it('writes HTML with the best run marked and the deltas coloured by verdict', () => {
    const html = renderComparisonHtml(m);
    assert.match(
      html,
      /data-best-run="20260821-080000-pages-bbb222">\s*<p><strong data-best-label>balanced bbb222<\/strong>/,
    );
    assert.match(
      html,
      /<span class="delta better" title="better than conservative aaa111" data-verdict="better">▲ \+100%<\/span>/,
    );
    assert.match(html, /<span class="delta worse" [^>]*>▲ \+99.4%<\/span>/);
    assert.equal(html.match(/<svg /g)?.length, 4);
    assert.doesNotMatch(html, /<script/);
  });

  it('escapes hostile run names', async () => {
    const id = '20260821-100000-x-ddd444';
    const hostile = await analyzeRun(
      writeSampleRun(root, id, {
        meta: runMeta(id, { deployed: deployed('<script>alert(1)</script>"><img src=x>') }),
      }),
    );
    const pair = [analyses[0] as RunAnalysis, hostile];
    const html = renderComparisonHtml(buildComparisonModel(pair, compareRuns(pair, objective)));
    assert.doesNotMatch(html, /<script|<img/);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  });
});
