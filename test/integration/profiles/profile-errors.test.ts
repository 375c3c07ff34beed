// The real profiles, bundled, on the embedded engine against servers that fail one way each: every failure gets
// its exact kind, streamed or not, and the first messages are kept in the metrics file as sample metadata.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runTest } from '../../../src/engine/run/run-test.ts';
import { scanRunMetrics } from '../../../src/results/scan-run-metrics.ts';
import { readMetricPoints } from '../../../src/results/read-metric-points.ts';
import { bundledProfiles } from '../../helpers/run-profile-bundle.ts';
import {
  type Fault,
  type FaultServer,
  UNRESOLVABLE_HOST,
  startFaultServer,
} from '../../helpers/socket-faults.ts';
import { type TestServer, findClosedPort, startServer } from '../engine/http/test-server.ts';

interface FaultyRun {
  errors: { counts: Record<string, number>; messages: Record<string, string[]> };
  /** Failed samples that carry a message, per VU (from the request_id metadata, `<vu>-<iteration>`). */
  messagesPerVu: Map<string, number>;
  stderr: string;
}

/** Runs light.js against `target` and reads its llm_errors back from the metrics file. */
async function runFaulty(
  target: string,
  stream: boolean,
  env: Record<string, string> = {},
): Promise<FaultyRun> {
  const dir = mkdtempSync(join(tmpdir(), 'inferload-profile-errors-'));
  const jsonOut = join(dir, 'metrics.json.gz');
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await runTest({
    scriptPath: join(await bundledProfiles(), 'light.js'),
    env: {
      TARGET_URL: target,
      STREAM: String(stream),
      TIME_SCALE: '0.004',
      MAX_TOKENS: '8',
      PROMPTS: 'short',
      ...env,
    },
    summaryExport: join(dir, 'summary.json'),
    jsonOut,
    quiet: true,
    stderr,
  });
  const messagesPerVu = new Map<string, number>();
  for await (const point of readMetricPoints(jsonOut, { metrics: ['llm_errors'] })) {
    if (point.metadata['error'] === undefined) continue;
    const vu = point.metadata['request_id']?.split('-')[0] ?? '?';
    messagesPerVu.set(vu, (messagesPerVu.get(vu) ?? 0) + 1);
  }
  const scan = await scanRunMetrics(jsonOut, []);
  return { errors: { counts: scan.errorCounts, messages: scan.errorMessages }, messagesPerVu, stderr: text };
}

interface Case {
  kind: string;
  /** The target URL, made once per run of the suite. */
  target: () => Promise<string>;
  /** What the stored message says, streamed (xk6-sse) and not (k6/http). */
  streamed: RegExp;
  blocking: RegExp;
  env?: Record<string, string>;
}

describe('profiles: every transport failure by kind, with its message kept', { timeout: 300_000 }, () => {
  const servers: FaultServer[] = [];
  let plain: TestServer;
  const fault = async (name: Fault): Promise<string> => {
    const server = await startFaultServer(name);
    servers.push(server);
    return server.url;
  };

  before(async () => {
    plain = await startServer({});
    await bundledProfiles();
  });
  after(async () => {
    await plain.close();
    await Promise.all(servers.map((s) => s.close()));
  });

  const cases: Case[] = [
    {
      kind: 'connect_refused',
      target: async () => `http://127.0.0.1:${await findClosedPort()}`,
      streamed:
        /^Post "http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions": dial tcp 127\.0\.0\.1:\d+: connect: connection refused$/,
      blocking: /^dial: connection refused$/,
    },
    {
      kind: 'reset',
      target: () => fault('reset'),
      streamed: /^Post "[^"]+": read tcp [\d.:]+->[\d.:]+: read: connection reset by peer$/,
      blocking: /^read: connection reset by peer$/,
    },
    {
      kind: 'timeout',
      target: () => fault('hang'),
      streamed: /^Post "[^"]+": context deadline exceeded$/,
      blocking: /^request timeout$/,
      env: { REQUEST_TIMEOUT: '0.2', TIME_SCALE: '0.006' },
    },
    {
      kind: 'dns',
      target: async () => `http://${UNRESOLVABLE_HOST}:8080`,
      streamed: /^Post "[^"]+": lookup x{64}\.invalid: no such host$/,
      blocking: /^lookup: no such host$/,
    },
    {
      kind: 'tls',
      target: async () =>
        plain
          .url()
          .replace(/^http:/, 'https:')
          .replace(/\/$/, ''),
      streamed: /^Post "https:[^"]+": http: server gave HTTP response to HTTPS client$/,
      blocking: /^tls: first record does not look like a TLS handshake$/,
    },
    {
      kind: 'header_overflow',
      target: () => fault('huge-head'),
      env: { TIME_SCALE: '0.006' }, // a 10 MiB head takes a while to send and read
      streamed:
        /^Post "[^"]+": net\/http: HTTP\/1\.x transport connection broken: net\/http: server response headers exceeded 10485760 bytes; aborted$/,
      blocking: /^net\/http: server response headers exceeded 10485760 bytes; aborted$/,
    },
    {
      kind: 'disconnect',
      target: () => fault('cut-body'),
      streamed: /^unexpected EOF$/,
      blocking: /^unexpected EOF$/,
    },
  ];

  for (const c of cases) {
    for (const stream of [true, false]) {
      it(`${c.kind} (STREAM=${stream})`, async () => {
        const run = await runFaulty(await c.target(), stream, c.env);
        const { counts, messages } = run.errors;
        assert.deepEqual(Object.keys(counts), [c.kind], `${JSON.stringify(run.errors)}\n${run.stderr}`);
        const kept = messages[c.kind] ?? [];
        assert.ok(kept.length > 0, 'the message is stored as llm_errors metadata');
        for (const message of kept) assert.match(message, stream ? c.streamed : c.blocking);
        // The first three failures of a kind per VU carry it: bounded whatever the number of failures.
        for (const [vu, n] of run.messagesPerVu) assert.ok(n <= 3, `VU ${vu} stored ${n} messages`);
      });
    }
  }
});
