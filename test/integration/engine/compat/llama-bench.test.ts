// llama.cpp's server bench script (tools/server/bench/script.js), unchanged, on the embedded engine against the
// real local llama-server: its blocking sse.open, SharedArray over a ShareGPT file, and its custom metrics.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocal } from '../../../../src/local/start.ts';
import { stopLocal } from '../../../../src/local/stop.ts';
import { runCli } from '../../../helpers/run-cli.ts';
import { useTempLocalState } from '../../../helpers/temp-state.ts';

useTempLocalState();

const fixture = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'llama-bench');
const MAX_TOKENS = 8;

type Metrics = Record<string, Record<string, number | Record<string, boolean>>>;

describe("llama.cpp's server bench script on the embedded engine", { timeout: 300_000 }, () => {
  let url: string;
  before(async () => {
    url = (await startLocal({ slots: 2, threads: 2, ctxPerSlot: 1024, backend: 'llama-server' })).state.url;
  });
  after(() => stopLocal());

  it('runs unchanged and records its custom metrics with plausible values', async () => {
    const exportFile = join(mkdtempSync(join(tmpdir(), 'inferload-llama-bench-')), 'summary.json');
    const env = {
      SERVER_BENCH_URL: `${url}/v1`,
      SERVER_BENCH_DATASET: join(fixture, 'dataset.json'),
      SERVER_BENCH_MAX_TOKENS: String(MAX_TOKENS),
      SERVER_BENCH_N_PROMPTS: '10',
    };
    const envFlags = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    // bench.py passes --duration/--vus on the command line; shorter here.
    const run = await runCli(
      [
        'k6',
        'run',
        '--quiet',
        '--summary-trend-stats',
        'avg,min,max,count',
        '-u',
        '2',
        '-d',
        '6s',
        '--summary-export',
        exportFile,
        ...envFlags,
        join(fixture, 'script.js'),
      ],
      { NO_COLOR: '1' },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    const m = (JSON.parse(readFileSync(exportFile, 'utf8')) as { metrics: Metrics }).metrics;
    const num = (metric: string, stat: string): number => {
      const value = m[metric]?.[stat];
      assert.equal(typeof value, 'number', `${metric}.${stat} in the summary (${output})`);
      return value as number;
    };
    assert.ok(output.includes(`Benchmark config: server_url=${url}/v1 n_prompt=10`), output);
    const iterations = num('iterations', 'count');
    assert.ok(iterations >= 2, `at least one request per VU: ${iterations}`);
    assert.equal(num('checks', 'passes'), iterations, 'success completion on every iteration');
    assert.equal(num('checks', 'fails'), 0);
    // One usage chunk per stream (stream_options.include_usage): one sample per iteration in each trend.
    for (const trend of [
      'llamacpp_prompt_tokens',
      'llamacpp_completion_tokens',
      'llamacpp_emit_first_token_second',
    ])
      assert.equal(num(trend, 'count'), iterations, `${trend} has one sample per request`);
    assert.ok(num('llamacpp_completion_tokens', 'max') <= MAX_TOKENS);
    assert.ok(num('llamacpp_completion_tokens', 'min') >= 1);
    // The chat template wraps the system and user messages: more tokens than the prompt's words.
    assert.ok(num('llamacpp_prompt_tokens', 'min') > 8, 'prompt tokens include the template');
    assert.equal(
      num('llamacpp_completion_tokens_total_counter', 'count'),
      Math.round(num('llamacpp_completion_tokens', 'avg') * iterations),
    );
    const ttft = num('llamacpp_emit_first_token_second', 'max');
    assert.ok(ttft > 0 && ttft < 6, `first token within the run: ${ttft} s`);
    assert.ok(num('llamacpp_tokens_second', 'avg') > 0);
    assert.ok(num('llamacpp_prompt_processing_second', 'avg') > 0);
    // Every stream ends with a finish reason: truncated at max_tokens or stopped by the model.
    const truncated = num('llamacpp_completions_truncated_rate', 'value');
    const stopped = num('llamacpp_completions_stop_rate', 'value');
    assert.equal(truncated + stopped, 1);
    // The script's own threshold (rate < 0.8) decides the exit code, as on k6: 99 when crossed.
    assert.equal(run.code, truncated < 0.8 ? 0 : 99, output);
  });
});
