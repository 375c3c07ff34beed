// The simulator's OpenAI Batch API: upload, create, status transitions, output and error files.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { startSim, type RunningSim } from '../../../src/sim/server.ts';
import { FAST } from './stream-reader.ts';

function line(id: string, extra: Record<string, unknown> = {}): string {
  const body = { messages: [{ role: 'user', content: `hello ${id}` }], max_tokens: 4, ...extra };
  return JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body });
}

async function upload(sim: RunningSim, text: string, purpose = 'batch'): Promise<Response> {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', new Blob([text]), 'in.jsonl');
  return fetch(`${sim.url}/v1/files`, { method: 'POST', body: form });
}

describe('sim Batch API', () => {
  let sim: RunningSim;
  before(async () => (sim = await startSim({ ...FAST, batchApi: true, nCtx: 64 })));
  after(() => sim.close());

  it('runs a batch through validating, in_progress and completed, with output and error files', async () => {
    const big = 'word '.repeat(200);
    const text = [line('a'), line('b'), line('c', { messages: [{ role: 'user', content: big }] })].join('\n');
    const file = (await (await upload(sim, text)).json()) as { id: string; bytes: number; purpose: string };
    assert.equal(file.purpose, 'batch');
    assert.equal(file.bytes, Buffer.byteLength(text));
    const created = await fetch(`${sim.url}/v1/batches`, {
      method: 'POST',
      body: JSON.stringify({
        input_file_id: file.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      }),
    });
    const batch = (await created.json()) as { id: string; status: string };
    assert.equal(batch.status, 'validating');
    const seen = new Set<string>();
    let done: Record<string, unknown> = {};
    for (let i = 0; i < 200; i++) {
      done = (await (await fetch(`${sim.url}/v1/batches/${batch.id}`)).json()) as Record<string, unknown>;
      seen.add(String(done['status']));
      if (done['status'] === 'completed') break;
      await delay(5);
    }
    assert.ok(seen.has('validating') && seen.has('completed'), [...seen].join(','));
    assert.deepEqual(done['request_counts'], { total: 3, completed: 2, failed: 1 });
    const output = await (
      await fetch(`${sim.url}/v1/files/${String(done['output_file_id'])}/content`)
    ).text();
    const ids = output
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { custom_id: string }).custom_id);
    assert.deepEqual(ids.sort(), ['a', 'b']);
    const errors = await (await fetch(`${sim.url}/v1/files/${String(done['error_file_id'])}/content`)).text();
    const failed = JSON.parse(errors.trim()) as { custom_id: string; response: { status_code: number } };
    assert.deepEqual([failed.custom_id, failed.response.status_code], ['c', 400]);
  });

  it('refuses an upload without purpose=batch and a batch on an unknown file', async () => {
    assert.equal((await upload(sim, line('x'), 'fine-tune')).status, 400);
    const response = await fetch(`${sim.url}/v1/batches`, {
      method: 'POST',
      body: JSON.stringify({ input_file_id: 'file-nope', endpoint: '/v1/chat/completions' }),
    });
    assert.equal(response.status, 404);
  });

  it('is absent unless asked for', async () => {
    const plain = await startSim(FAST);
    try {
      assert.equal((await fetch(`${plain.url}/v1/batches`)).status, 404);
    } finally {
      await plain.close();
    }
  });
});
