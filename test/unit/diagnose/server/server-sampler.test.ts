import { afterEach, beforeEach, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  DiagnosticsRecord,
  NoteRecord,
  ServerRecord,
} from '../../../../src/diagnose/diagnostics-record.ts';
import type { RunClock } from '../../../../src/diagnose/run-clock.ts';
import { startServerSampler } from '../../../../src/diagnose/server/server-sampler.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const START = 1_800_000_000_000;

/** A clock the test moves: every stamp reads `now`. */
function testClock(): RunClock & { now: number } {
  return {
    startMs: START,
    now: START,
    stamp() {
      return { t: this.now - START, ts: this.now };
    },
  };
}

async function until(what: string, done: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const llamaMetrics = (c: { prompt: number; output: number; processing: number; deferred: number }): string =>
  [
    '# TYPE llamacpp:prompt_tokens_total counter',
    `llamacpp:prompt_tokens_total ${c.prompt}`,
    '# TYPE llamacpp:tokens_predicted_total counter',
    `llamacpp:tokens_predicted_total ${c.output}`,
    `llamacpp:requests_processing ${c.processing}`,
    `llamacpp:requests_deferred ${c.deferred}`,
    '',
  ].join('\n');

describe('startServerSampler against a server on a loopback port', () => {
  let server: Server;
  let base: string;
  let handler: Handler;
  const hits = new Map<string, number>();

  beforeEach(async () => {
    hits.clear();
    server = createServer((req, res) => {
      hits.set(req.url ?? '', (hits.get(req.url ?? '') ?? 0) + 1);
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (res: ServerResponse, status: number, body: string): void => {
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(body);
  };

  function start(t: TestContext, api = 'openai', path = '') {
    t.mock.timers.enable({ apis: ['setInterval'] });
    const clock = testClock();
    const records: DiagnosticsRecord[] = [];
    const sampler = startServerSampler({
      baseUrl: base + path,
      api,
      intervalMs: 1000,
      clock,
      emit: (r) => records.push(r),
    });
    const servers = (): ServerRecord[] => records.filter((r): r is ServerRecord => r.source === 'server');
    const notes = (): NoteRecord[] => records.filter((r): r is NoteRecord => r.source === 'note');
    /** Moves the clock, fires one interval and waits for what that poll should produce. */
    const tick = async (ms: number, what: string, done: () => boolean): Promise<void> => {
      clock.now += ms;
      t.mock.timers.tick(1000);
      await until(what, done);
    };
    return { sampler, clock, records, servers, notes, tick };
  }

  it('reads gauges and slots, and token rates from counter deltas over the clock', async (t) => {
    const counters = { prompt: 100, output: 1000, processing: 2, deferred: 1 };
    let busy = [true, false];
    handler = (req, res) => {
      if (req.url === '/metrics') return send(res, 200, llamaMetrics(counters));
      if (req.url === '/slots')
        return send(res, 200, JSON.stringify(busy.map((b, id) => ({ id, is_processing: b }))));
      send(res, 404, 'not found');
    };
    const s = start(t, 'openai', '/v1');
    await until('the first record', () => s.servers().length === 1);
    assert.deepEqual(s.servers()[0], {
      source: 'server',
      t: 0,
      ts: START,
      processing: 2,
      deferred: 1,
      busySlots: 1,
      totalSlots: 2,
    });

    counters.prompt += 50;
    counters.output += 250;
    counters.processing = 4;
    busy = [true, true];
    await s.tick(2000, 'the second record', () => s.servers().length === 2);
    assert.deepEqual(s.servers()[1], {
      source: 'server',
      t: 2000,
      ts: START + 2000,
      processing: 4,
      deferred: 1,
      promptTokensPerSec: 25,
      outputTokensPerSec: 125,
      busySlots: 2,
      totalSlots: 2,
    });

    // A restarted server's counters go back: the rate is 0, not negative.
    counters.prompt = 3;
    counters.output = 7;
    await s.tick(1000, 'the third record', () => s.servers().length === 3);
    assert.equal(s.servers()[2]?.promptTokensPerSec, 0);
    assert.equal(s.servers()[2]?.outputTokensPerSec, 0);
    // And 1/3 token per second is rounded to a tenth.
    counters.output = 8;
    await s.tick(3000, 'the fourth record', () => s.servers().length === 4);
    assert.equal(s.servers()[3]?.outputTokensPerSec, 0.3);

    await s.sampler.stop();
    assert.deepEqual(s.notes(), []);
  });

  it('drops a /slots that answers 501 with one note and keeps sampling /metrics', async (t) => {
    handler = (req, res) => {
      if (req.url === '/metrics')
        return send(res, 200, llamaMetrics({ prompt: 1, output: 1, processing: 1, deferred: 0 }));
      send(res, 501, '{"error":{"code":501,"message":"This server does not support slots endpoint."}}');
    };
    const s = start(t);
    await until('the first record', () => s.servers().length === 1);
    await s.tick(1000, 'two records', () => s.servers().length === 2);
    await s.tick(1000, 'three records', () => s.servers().length === 3);
    await s.sampler.stop();
    assert.equal(hits.get('/slots'), 1);
    assert.equal(hits.get('/metrics'), 3);
    assert.deepEqual(
      s.notes().map((n) => [n.sampler, n.level, n.message]),
      [['server', 'warn', '/slots answered 501: not sampled']],
    );
    assert.equal(s.servers()[2]?.busySlots, undefined);
  });

  it('notes a 404 /metrics once, says how to enable it, and emits no empty records', async (t) => {
    handler = (req, res) => {
      if (req.url === '/slots') return send(res, 200, '[{"id":0,"is_processing":false}]');
      send(res, 404, 'File Not Found');
    };
    const s = start(t);
    await until('the first record', () => s.servers().length === 1);
    await s.tick(1000, 'two records', () => s.servers().length === 2);
    await s.sampler.stop();
    assert.equal(hits.get('/metrics'), 1);
    assert.equal(hits.get('/slots'), 2);
    assert.deepEqual(
      s.notes().map((n) => n.message),
      ['/metrics answered 404: not sampled (start llama-server with --metrics)'],
    );
    assert.deepEqual(s.servers()[1], {
      source: 'server',
      t: 1000,
      ts: START + 1000,
      busySlots: 0,
      totalSlots: 1,
    });
  });

  it('keeps polling an endpoint that fails with 500, noting it once', async (t) => {
    handler = (req, res) => send(res, 500, 'boom');
    const s = start(t);
    await until('the notes of the first poll', () => s.notes().length === 2);
    await s.tick(1000, 'the second poll', () => hits.get('/metrics') === 2 && hits.get('/slots') === 2);
    await s.sampler.stop();
    assert.equal(hits.get('/metrics'), 2);
    assert.deepEqual(
      s.notes().map((n) => n.message),
      ['/metrics answered 500', '/slots answered 500'],
    );
    assert.deepEqual(s.servers(), []);
  });

  it('notes a /metrics of another server and a /slots that is not JSON', async (t) => {
    handler = (req, res) => {
      if (req.url === '/metrics') return send(res, 200, 'process_cpu_seconds_total 1\n');
      send(res, 200, '<html>slots</html>');
    };
    const s = start(t);
    await until('two notes', () => s.notes().length === 2);
    await s.sampler.stop();
    assert.deepEqual(
      s
        .notes()
        .map((n) => n.message)
        .sort(),
      ['/metrics has neither llamacpp:* nor vllm:* series', '/slots is not a JSON array of slots'],
    );
  });

  it('reads vLLM histograms into per-interval p95s from bucket deltas', async (t) => {
    let ttft = { fast: 10, slow: 20 };
    handler = (req, res) => {
      if (req.url === '/slots') return send(res, 404, '{"detail":"Not Found"}');
      const m = 'model_name="m",engine="0"';
      send(
        res,
        200,
        [
          `vllm:num_requests_running{${m}} 3`,
          `vllm:num_requests_waiting{${m}} 0`,
          `vllm:time_to_first_token_seconds_bucket{${m},le="0.1"} ${ttft.fast}`,
          `vllm:time_to_first_token_seconds_bucket{${m},le="0.5"} ${ttft.slow}`,
          `vllm:time_to_first_token_seconds_bucket{${m},le="+Inf"} ${ttft.slow}`,
          '',
        ].join('\n'),
      );
    };
    const s = start(t);
    await until('the first record', () => s.servers().length === 1);
    assert.equal(s.servers()[0]?.serverTtftP95Ms, undefined);
    // 100 new observations, all between 0.1 and 0.5 s: the 95th lies 95% into that bucket.
    ttft = { fast: 10, slow: 120 };
    await s.tick(1000, 'the second record', () => s.servers().length === 2);
    await s.sampler.stop();
    assert.equal(s.servers()[1]?.serverTtftP95Ms, 480);
    assert.equal(s.servers()[1]?.queueTimeP95Ms, undefined);
    assert.equal(s.servers()[1]?.processing, 3);
  });

  it('polls only /api/ps for Ollama', async (t) => {
    handler = (req, res) =>
      send(
        res,
        200,
        JSON.stringify({
          models: [{ name: 'llama3.1:8b', size: 100, size_vram: 60, expires_at: '2026-08-21T07:05:00Z' }],
        }),
      );
    const s = start(t, 'ollama', '/');
    await until('the first record', () => s.servers().length === 1);
    await s.sampler.stop();
    assert.deepEqual([...hits.keys()], ['/api/ps']);
    assert.deepEqual(s.servers()[0]?.loadedModels, [
      { name: 'llama3.1:8b', vramBytes: 60, sizeBytes: 100, expiresAt: '2026-08-21T07:05:00Z' },
    ]);
  });
});

describe('startServerSampler pacing', () => {
  it('never has two polls in flight, even while the first one is slow', async () => {
    let inFlight = 0;
    let most = 0;
    let served = 0;
    const server = createServer((req, res) => {
      if (req.url !== '/metrics') {
        res.writeHead(404);
        return res.end();
      }
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(
        () => {
          inFlight--;
          res.writeHead(200);
          res.end('llamacpp:requests_processing 1\n');
        },
        served++ === 0 ? 300 : 0,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const records: DiagnosticsRecord[] = [];
    const sampler = startServerSampler({
      baseUrl: `http://127.0.0.1:${port}`,
      api: 'openai',
      intervalMs: 30,
      clock: testClock(),
      emit: (r) => records.push(r),
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 450));
    } finally {
      await sampler.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    assert.ok(served >= 3, `polled ${served} times`);
    assert.equal(most, 1, 'a tick started a second poll while the first was still waiting');
  });

  it('notes a server that cannot be reached, once per endpoint', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const records: DiagnosticsRecord[] = [];
    const sampler = startServerSampler({
      baseUrl: `http://127.0.0.1:${port}`,
      api: 'openai',
      intervalMs: 20,
      clock: testClock(),
      emit: (r) => records.push(r),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await sampler.stop();
    // The cause, not fetch's "fetch failed": one note per endpoint.
    const notes = records.map((r) => (r.source === 'note' ? r.message : r.source)).sort();
    assert.equal(notes.length, 2, notes.join('\n'));
    assert.match(notes[0] ?? '', /^\/metrics failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
    assert.match(notes[1] ?? '', /^\/slots failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
  });
});
