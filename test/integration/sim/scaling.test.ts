// The performance model under real load on loopback: Amdahl for tensor parallel, replicas, oversubscribed cores.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { parseVllmCommandLine } from '../../../src/sim/vllm-command-line.ts';
import { postJson, readSse } from './stream-reader.ts';

const QUIET = { INFERLOAD_SIM_JITTER: '0', INFERLOAD_SIM_PP_RATE: '1000000', INFERLOAD_SIM_CONTENTION: '0' };

function startVllm(args: string[], env: Record<string, string>): Promise<RunningSim> {
  return startSim(parseVllmCommandLine(['m', '--port', '0', ...args], { ...QUIET, ...env }).options);
}

/** A closed-loop load: `users` clients, each sending `requests` streamed completions of `tokens` tokens in turn. */
async function measureTokensPerSecond(
  url: string,
  users: number,
  requests: number,
  tokens: number,
): Promise<number> {
  const started = performance.now();
  const counts = await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      let received = 0;
      for (let r = 0; r < requests; r++) {
        const body = {
          prompt: `user ${user} request ${r}`,
          max_tokens: tokens,
          ignore_eos: true,
          stream: true,
        };
        const read = await readSse(await postJson(`${url}/v1/completions`, body));
        received += read.payloads.filter((p) => p.text.includes('"finish_reason":null')).length;
      }
      return received;
    }),
  );
  const total = counts.reduce((a, b) => a + b, 0);
  assert.equal(total, users * requests * tokens, 'every token arrived');
  return total / ((performance.now() - started) / 1000);
}

/** The mean gap between the tokens of one streamed completion. */
async function measureItl(url: string, tokens: number): Promise<number> {
  const read = await readSse(
    await postJson(`${url}/v1/completions`, {
      prompt: 'x',
      max_tokens: tokens,
      ignore_eos: true,
      stream: true,
    }),
  );
  const times = read.payloads.slice(0, tokens).map((p) => p.at);
  return ((times.at(-1) ?? 0) - (times[0] ?? 0)) / (times.length - 1);
}

describe('the simulated vLLM under load', () => {
  it("follows Amdahl's law across tensor parallel sizes: the sequential fraction comes back from the throughput", async (t) => {
    const s = 0.2;
    const throughput = new Map<number, number>();
    for (const tp of [1, 2, 4]) {
      const sim = await startVllm(['-tp', String(tp)], {
        INFERLOAD_SIM_SEQUENTIAL_FRACTION: String(s),
        INFERLOAD_SIM_DECODE_MS: '80',
      });
      try {
        await measureTokensPerSecond(sim.url, 4, 1, 2); // warm-up: connections and code paths
        throughput.set(tp, await measureTokensPerSecond(sim.url, 4, 1, 120));
      } finally {
        await sim.close();
      }
    }
    const one = throughput.get(1) ?? 0;
    for (const tp of [2, 4]) {
      const speedup = (throughput.get(tp) ?? 0) / one;
      // X(tp) / X(1) = 1 / (s + (1 - s) / tp), solved for s.
      const recovered = (1 / speedup - 1 / tp) / (1 - 1 / tp);
      t.diagnostic(
        `tp ${tp}: speedup ${speedup.toFixed(3)}, recovered s ${recovered.toFixed(3)} (configured ${s})`,
      );
      // Wall-clock on a shared 2-core box adds a little per request that tp does not shrink (see README).
      assert.ok(
        Math.abs(recovered - s) < 0.05,
        `tp ${tp}: speedup ${speedup.toFixed(3)}, s ${recovered.toFixed(3)}`,
      );
    }
  });

  it('data parallel replicas multiply what max-num-seqs lets through', async () => {
    const rates: number[] = [];
    for (const dp of [1, 2]) {
      const sim = await startVllm(['--max-num-seqs', '2', '-dp', String(dp)], {
        INFERLOAD_SIM_DECODE_MS: '40',
      });
      try {
        await measureTokensPerSecond(sim.url, 4, 1, 2); // warm-up
        rates.push(await measureTokensPerSecond(sim.url, 4, 1, 30));
      } finally {
        await sim.close();
      }
    }
    const [single = 0, double = 0] = rates;
    assert.ok(double / single > 1.6, `dp 2 / dp 1 = ${(double / single).toFixed(2)}`);
  });

  it('slows every instance down when together they want more cores than the host has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inferload-sim-cores-'));
    const env = {
      INFERLOAD_SIM_DECODE_MS: '40',
      INFERLOAD_SIM_HOST_CORES: '2',
      INFERLOAD_SIM_CORES: '2',
      INFERLOAD_SIM_SHARED_DIR: dir,
    };
    const [a, b] = await Promise.all([startVllm([], env), startVllm([], env)]);
    const controller = new AbortController();
    try {
      const alone = await measureItl(a.url, 30);
      const busy = await postJson(
        `${b.url}/v1/completions`,
        { prompt: 'y', max_tokens: 100_000, ignore_eos: true, stream: true },
        {},
        controller.signal,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      const crowded = await measureItl(a.url, 30);
      controller.abort();
      await busy.body?.cancel().catch(() => undefined);
      // 2 + 2 busy cores on a 2-core host: every step takes twice as long.
      assert.ok(
        crowded / alone > 1.6 && crowded / alone < 2.5,
        `alone ${alone.toFixed(1)} ms, crowded ${crowded.toFixed(1)} ms`,
      );
    } finally {
      await Promise.all([a.close(), b.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
