// The light profile against the real llama-server: client metrics agree with the server's own accounting.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempLocalState } from '../../helpers/temp-state.ts';
import { projectRoot } from '../../../src/util/paths.ts';
import { startLocal } from '../../../src/local/start.ts';
import { stopLocal } from '../../../src/local/stop.ts';
import { metricValue, parsePrometheus } from '../../../src/server-metrics/parse-prometheus.ts';
import { LLM_TRENDS, runProfileBundle } from '../../helpers/run-profile-bundle.ts';

useTempLocalState();

async function predictedTotal(url: string): Promise<number> {
  const value = metricValue(
    parsePrometheus(await (await fetch(`${url}/metrics`)).text()),
    'llamacpp:tokens_predicted_total',
  );
  assert.ok(value !== undefined);
  return value;
}

describe('light profile against the real llama-server', { timeout: 300_000 }, () => {
  let url: string;
  before(async () => {
    url = (await startLocal({ slots: 4, threads: 2, ctxPerSlot: 1024, backend: 'llama-server' })).state.url;
  });
  after(() => stopLocal());

  it('records every LLM metric; TTFT >= prompt_ms per request; output tokens = the server counter delta', async () => {
    const before = await predictedTotal(url);
    // TIME_SCALE 0.05 keeps a 1.5 s graceful ramp-down: no request is cut, so the totals must match exactly.
    const run = await runProfileBundle('light.js', {
      TARGET_URL: url,
      TIME_SCALE: '0.05',
      MAX_TOKENS: '8',
      PROMPTS: 'short',
    });
    const m = run.summary.metrics;
    for (const name of LLM_TRENDS) assert.ok((m[name]?.['count'] ?? 0) > 0, `${name} has samples`);
    assert.equal(m['llm_errors']?.['passes'], 0, run.stderr);
    const delta = (await predictedTotal(url)) - before;
    const counted = m['llm_output_tokens_total']?.['count'] ?? 0;
    const cut = run.result.iterationsInterrupted;
    if (cut === 0) assert.equal(counted, delta, 'client token total = server tokens_predicted delta');
    // On a starved machine a request can still be cut at ramp-down: the server may have generated its tokens.
    else
      assert.ok(
        counted <= delta && delta <= counted + cut * 8,
        `${counted} <= ${delta} <= ${counted} + ${cut} x 8`,
      );
    // Per request ttft_i >= prompt_ms_i implies the same between the sorted lists (order statistics).
    const ttft = (run.points.get('llm_ttft') ?? []).map((p) => p.value).sort((a, b) => a - b);
    const promptMs = (run.points.get('llm_server_prompt_ms') ?? []).map((p) => p.value).sort((a, b) => a - b);
    assert.equal(ttft.length, promptMs.length);
    ttft.forEach((t, i) =>
      assert.ok(t >= (promptMs[i] ?? Infinity), `ttft ${t} >= server prompt_ms ${promptMs[i]}`),
    );
  });

  it('ships prompt sets whose token counts are what they claim on the generated model', async () => {
    const file = join(projectRoot, 'profiles', 'data', 'prompt-sets.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as {
      sets: Record<string, { tokens: number; prompts: string[] }>;
      sharedPrefix: { prefix: string; prefixTokens: number; suffixes: string[]; suffixTokens: number };
    };
    const count = async (content: string): Promise<number> => {
      const response = await fetch(`${url}/tokenize`, { method: 'POST', body: JSON.stringify({ content }) });
      return ((await response.json()) as { tokens: number[] }).tokens.length;
    };
    for (const [name, set] of Object.entries(data.sets)) {
      for (const prompt of set.prompts.slice(0, 3))
        assert.equal(await count(prompt), set.tokens, `${name} prompt`);
    }
    assert.equal(await count(data.sharedPrefix.prefix), data.sharedPrefix.prefixTokens);
    assert.equal(await count(data.sharedPrefix.suffixes[0] ?? ''), data.sharedPrefix.suffixTokens);
  });
});
