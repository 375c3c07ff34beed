import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { postJson, readSse } from './stream-reader.ts';

const FAST = { promptTokensPerSecond: 100_000, jitter: 0, naturalTokensMin: 5, naturalTokensMax: 12 };

async function scrape(sim: RunningSim): Promise<Map<string, number>> {
  const text = await (await fetch(`${sim.url}/metrics`)).text();
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [name, value] = line.split(' ');
    if (name && value && !line.startsWith('#')) samples.set(name.replace('llamacpp:', ''), Number(value));
  }
  return samples;
}

async function busySlots(sim: RunningSim): Promise<number> {
  const slots = (await (await fetch(`${sim.url}/slots`)).json()) as { is_processing: boolean }[];
  return slots.filter((s) => s.is_processing).length;
}

describe('load behaviour', () => {
  it('moves the /metrics counters by exactly what the requests used', async () => {
    const sim = await startSim({ ...FAST, decodeMsPerToken: 2 });
    try {
      const before = await scrape(sim);
      for (const n of [3, 5]) {
        await (
          await postJson(`${sim.url}/completion`, { prompt: 'one two three', n_predict: n, ignore_eos: true })
        ).json();
      }
      const after = await scrape(sim);
      const delta = (name: string) => (after.get(name) ?? 0) - (before.get(name) ?? 0);
      assert.equal(delta('prompt_tokens_total'), 2 * 4);
      assert.equal(delta('tokens_predicted_total'), 3 + 5);
      assert.equal(delta('n_decode_total'), 2 + 2 + 4);
      assert.ok(delta('tokens_predicted_seconds_total') > 0);
      assert.ok(delta('prompt_seconds_total') > 0);
      assert.ok((after.get('predicted_tokens_seconds') ?? 0) > 0);
      assert.equal(after.get('requests_processing'), 0);
    } finally {
      await sim.close();
    }
  });

  it('shows busy slots on /slots and deferred requests on /metrics while streams are open', async () => {
    const sim = await startSim({ ...FAST, slots: 2, decodeMsPerToken: 20 });
    const controller = new AbortController();
    try {
      const body = { prompt: 'long', n_predict: 1000, ignore_eos: true, stream: true };
      await Promise.all([1, 2, 3].map(() => postJson(`${sim.url}/completion`, body, {}, controller.signal)));
      await delay(60);
      assert.equal(await busySlots(sim), 2);
      const slots = (await (await fetch(`${sim.url}/slots`)).json()) as {
        id_task: number;
        next_token: { has_next_token: boolean; n_decoded: number; n_remain: number };
      }[];
      assert.ok(
        slots.every((s) => s.id_task >= 0 && s.next_token.has_next_token && s.next_token.n_decoded > 0),
      );
      assert.ok(slots.every((s) => s.next_token.n_remain === 1000 - s.next_token.n_decoded));
      const metrics = await scrape(sim);
      assert.equal(metrics.get('requests_processing'), 2);
      assert.equal(metrics.get('requests_deferred'), 1);
      assert.equal(sim.stats().deferred, 1);
      controller.abort();
      await delay(100);
      assert.equal(await busySlots(sim), 0, 'closed streams free their slots');
      assert.equal(sim.stats().cancelled, 3);
    } finally {
      await sim.close();
    }
  });

  it('streams tokens at the decode pace, slower when more slots are busy', async () => {
    const sim = await startSim({ ...FAST, slots: 4, decodeMsPerToken: 10, contention: 1 });
    try {
      const itl = async (concurrent: number): Promise<number> => {
        const responses = await Promise.all(
          Array.from({ length: concurrent }, (_, i) =>
            postJson(`${sim.url}/completion`, {
              prompt: `p${i}`,
              n_predict: 12,
              ignore_eos: true,
              stream: true,
            }),
          ),
        );
        const reads = await Promise.all(responses.map((r) => readSse(r)));
        const times = (reads[0]?.payloads ?? []).slice(0, -1).map((p) => p.at);
        return ((times.at(-1) ?? 0) - (times[0] ?? 0)) / (times.length - 1);
      };
      const alone = await itl(1);
      const crowded = await itl(4);
      assert.ok(alone >= 8 && alone < 30, `alone ${alone}`);
      assert.ok(crowded > alone * 2, `crowded ${crowded} vs alone ${alone}`);
    } finally {
      await sim.close();
    }
  });
});
