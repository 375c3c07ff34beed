// The real profiles, bundled, on the embedded engine against the simulator: every LLM metric and API.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { LLM_TRENDS, runProfileBundle } from '../../helpers/run-profile-bundle.ts';

const FAST = { TIME_SCALE: '0.01', MAX_TOKENS: '8', PROMPTS: 'short' };

describe('profiles against the simulator', { timeout: 240_000 }, () => {
  let sim: RunningSim;
  before(async () => {
    sim = await startSim({ slots: 4, decodeMsPerToken: 2, promptTokensPerSecond: 20_000, seed: 7 });
  });
  after(() => sim.close());

  it('light (OpenAI chat, streamed): every LLM metric, tokens from usage, totals equal the server side', async () => {
    const before = sim.stats();
    const run = await runProfileBundle('light.js', { ...FAST, TARGET_URL: sim.url });
    const m = run.summary.metrics;
    for (const name of LLM_TRENDS) assert.ok((m[name]?.['count'] ?? 0) > 0, `${name} has samples`);
    assert.equal(m['llm_errors']?.['passes'], 0, 'no failed request');
    assert.equal(
      m['llm_truncated']?.['value'],
      0,
      'a length stop asked for with ignore_eos is not truncation',
    );
    assert.deepEqual([m['llm_output_tokens']?.['min'], m['llm_output_tokens']?.['max']], [8, 8]);
    const after = sim.stats();
    const completed = m['llm_e2e']?.['count'] ?? 0;
    assert.equal(m['llm_output_tokens_total']?.['count'], completed * 8);
    assert.ok(after.predictedTokens - before.predictedTokens >= completed * 8);
    // ITL: one gap per content chunk after the first.
    assert.equal(m['llm_itl']?.['count'], completed * 7);
    // TPOT per request = (e2e - ttft) / (tokens - 1), so it lies between the ITL extremes.
    assert.ok((m['llm_tpot']?.['min'] ?? 0) >= (m['llm_itl']?.['min'] ?? 0) - 0.5);
    assert.ok(
      run.summary.metrics['llm_ttft']?.['thresholds'] !== undefined,
      'streaming profiles threshold TTFT',
    );
  });

  for (const [api, stream] of [
    ['openai', 'false'],
    ['llamacpp', 'true'],
    ['llamacpp', 'false'],
    ['ollama', 'false'],
  ] as const) {
    it(`API=${api} STREAM=${stream}: tokens from the server, TTFT only when streaming`, async () => {
      const run = await runProfileBundle('light.js', {
        ...FAST,
        TARGET_URL: sim.url,
        API: api,
        STREAM: stream,
        MODEL: 'm',
      });
      const m = run.summary.metrics;
      assert.equal(m['llm_errors']?.['passes'], 0, run.stderr);
      assert.deepEqual(
        [m['llm_output_tokens']?.['min'], m['llm_output_tokens']?.['max']],
        api === 'ollama' ? [m['llm_output_tokens']?.['min'], m['llm_output_tokens']?.['max']] : [8, 8],
      );
      assert.ok((m['llm_prompt_tokens']?.['min'] ?? 0) > 0);
      if (stream === 'true') assert.ok((m['llm_ttft']?.['count'] ?? 0) > 0);
      else assert.equal(m['llm_ttft'], undefined, 'no client-side TTFT without streaming');
      assert.ok(
        (m['llm_server_tpot']?.['count'] ?? 0) > 0,
        'the server timings are kept under their own names',
      );
    });
  }

  it('MODE=rate drives an arrival rate (open model) instead of VUs', async () => {
    const run = await runProfileBundle('light.js', {
      ...FAST,
      TARGET_URL: sim.url,
      MODE: 'rate',
      RATE: '20',
    });
    const m = run.summary.metrics;
    assert.ok(
      (m['llm_e2e']?.['count'] ?? 0) > 10,
      JSON.stringify(m['llm_e2e']) + JSON.stringify(m['dropped_iterations']) + run.stderr.slice(0, 500),
    );
    assert.equal(m['llm_errors']?.['passes'], 0);
  });

  it('counts an HTML answer as malformed and keeps a sample of it', async () => {
    const html = await startSim({ faultRates: { html: 1 }, seed: 5 });
    try {
      for (const stream of ['true', 'false']) {
        const run = await runProfileBundle('light.js', {
          ...FAST,
          TIME_SCALE: '0.005',
          TARGET_URL: html.url,
          STREAM: stream,
        });
        const kinds = new Set((run.points.get('llm_errors') ?? []).map((p) => p.tags['error_kind']));
        assert.deepEqual([...kinds], ['malformed'], `STREAM=${stream}`);
        // One line for the whole run (VU 1's first), not one per VU or per answer.
        const warnings = run.stderr.match(/malformed openai answer/g) ?? [];
        assert.equal(warnings.length, 1, run.stderr);
        assert.match(run.stderr, /malformed openai answer \(VU 1's first[^)]*\): .*<(!doctype )?html/i);
      }
    } finally {
      await html.close();
    }
  });

  it('counts every failure by kind: status, disconnect, malformed, HTML', async () => {
    const faulty = await startSim({
      slots: 8,
      decodeMsPerToken: 2,
      promptTokensPerSecond: 20_000,
      faultRates: { status: 0.2, disconnect: 0.2, malformed: 0.2, html: 0.2 },
      seed: 3,
    });
    try {
      const run = await runProfileBundle('light.js', { ...FAST, TARGET_URL: faulty.url });
      const kinds = new Map<string, number>();
      for (const p of run.points.get('llm_errors') ?? []) {
        if (p.value)
          kinds.set(p.tags['error_kind'] ?? '?', (kinds.get(p.tags['error_kind'] ?? '?') ?? 0) + 1);
      }
      assert.ok(
        [...kinds.keys()].some((k) => /^http_(429|500|503)$/.test(k)),
        [...kinds.keys()].join(),
      );
      assert.ok(kinds.has('disconnect'), [...kinds.keys()].join());
      assert.ok(kinds.has('malformed'), [...kinds.keys()].join());
      assert.ok(
        (run.stderr.match(/malformed openai answer/g) ?? []).length <= 1,
        'at most one malformed answer in the log: the run keeps the others in its metrics',
      );
      assert.equal(run.result.exitCode, 99, 'the error-rate threshold fails');
    } finally {
      await faulty.close();
    }
  });
});
