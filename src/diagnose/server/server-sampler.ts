// Polls the server's own telemetry each interval: /metrics (rates from counter deltas), /slots, /api/ps.
// An endpoint that is missing (404, 501: llama-server without --metrics, --no-slots) is dropped with a note.
import type { DiagnosticsRecord, ServerRecord } from '../diagnostics-record.ts';
import type { RunClock } from '../run-clock.ts';
import { readServerMetrics, type ServerMetricsScrape } from './server-metrics.ts';
import { windowQuantile } from '../../server-metrics/histogram-window.ts';
import { readOllamaPs, readSlots } from './slots.ts';
import { serverBase } from '../../util/server-origin.ts';
import { httpGet } from '../../util/http-get.ts';

export interface ServerSamplerOptions {
  /** The server's base URL (TARGET_URL without /v1). */
  baseUrl: string;
  api: string;
  intervalMs: number;
  clock: RunClock;
  emit(record: DiagnosticsRecord): void;
}

type Endpoint = '/metrics' | '/slots' | '/api/ps';
// A saturated server answers its own telemetry slowly: wait, since one poll is in flight at a time anyway.
const REQUEST_TIMEOUT_MS = 5_000;

/** Starts polling; stop() waits for the poll in flight. */
export function startServerSampler(options: ServerSamplerOptions): { stop(): Promise<void> } {
  const { clock, emit } = options;
  const base = serverBase(options.baseUrl);
  const endpoints = new Set<Endpoint>(options.api === 'ollama' ? ['/api/ps'] : ['/metrics', '/slots']);
  const warned = new Set<string>();
  let previous: { scrape: ServerMetricsScrape; at: number } | undefined;
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();

  const note = (message: string, level: 'info' | 'warn' = 'warn'): void => {
    if (warned.has(message)) return;
    warned.add(message);
    emit({ source: 'note', ...clock.stamp(), sampler: 'server', level, message });
  };

  async function get(endpoint: Endpoint): Promise<string | undefined> {
    try {
      const { status, text } = await httpGet(base + endpoint, { timeoutMs: REQUEST_TIMEOUT_MS });
      if (status === 404 || status === 501) {
        endpoints.delete(endpoint);
        note(
          `${endpoint} answered ${status}: not sampled${endpoint === '/metrics' ? ' (start llama-server with --metrics)' : ''}`,
        );
        return undefined;
      }
      if (status < 200 || status >= 300) {
        note(`${endpoint} answered ${status}`);
        return undefined;
      }
      return text;
    } catch (error) {
      note(`${endpoint} failed: ${(error as Error).message}`);
      return undefined;
    }
  }

  async function poll(): Promise<void> {
    const stamp = clock.stamp();
    const record: ServerRecord = { source: 'server', ...stamp };
    const [metrics, slots, ps] = await Promise.all([
      endpoints.has('/metrics') ? get('/metrics') : undefined,
      endpoints.has('/slots') ? get('/slots') : undefined,
      endpoints.has('/api/ps') ? get('/api/ps') : undefined,
    ]);
    if (metrics !== undefined) {
      const scrape = readServerMetrics(metrics);
      if (scrape.flavour === 'unknown') note('/metrics has neither llamacpp:* nor vllm:* series');
      if (scrape.processing !== undefined) record.processing = scrape.processing;
      if (scrape.deferred !== undefined) record.deferred = scrape.deferred;
      if (scrape.kvCacheUsage !== undefined) record.kvCacheUsage = scrape.kvCacheUsage;
      if (previous) {
        const seconds = (stamp.ts - previous.at) / 1000;
        const rate = (a?: number, b?: number) =>
          a === undefined || b === undefined || seconds <= 0 ? undefined : Math.max(0, (b - a) / seconds);
        const prompt = rate(previous.scrape.promptTokensTotal, scrape.promptTokensTotal);
        const output = rate(previous.scrape.outputTokensTotal, scrape.outputTokensTotal);
        if (prompt !== undefined) record.promptTokensPerSec = Math.round(prompt * 10) / 10;
        if (output !== undefined) record.outputTokensPerSec = Math.round(output * 10) / 10;
        const p95 = (key: 'ttft' | 'queue' | 'e2e'): number | undefined => {
          const after = scrape.histograms?.[key];
          const value = after ? windowQuantile(previous?.scrape.histograms?.[key], after, 0.95) : undefined;
          return value === undefined ? undefined : Math.round(value * 10_000) / 10;
        };
        const ttftP95 = p95('ttft');
        const queueP95 = p95('queue');
        const e2eP95 = p95('e2e');
        if (ttftP95 !== undefined) record.serverTtftP95Ms = ttftP95;
        if (queueP95 !== undefined) record.queueTimeP95Ms = queueP95;
        if (e2eP95 !== undefined) record.serverE2eP95Ms = e2eP95;
      }
      previous = { scrape, at: stamp.ts };
    }
    if (slots !== undefined) {
      const read = safeJson(slots, readSlots);
      if (read) Object.assign(record, read);
      else note('/slots is not a JSON array of slots');
    }
    if (ps !== undefined) {
      const models = safeJson(ps, readOllamaPs);
      if (models) record.loadedModels = models;
    }
    if (Object.keys(record).length > 3) emit(record);
  }

  let busy = false;
  const tick = (): void => {
    if (stopped || busy) return; // a slow server skips a tick rather than piling up polls
    busy = true;
    inFlight = poll().finally(() => (busy = false));
  };
  const timer = setInterval(tick, options.intervalMs);
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight;
    },
  };
}

function safeJson<T>(text: string, read: (json: unknown) => T | undefined): T | undefined {
  try {
    return read(JSON.parse(text));
  } catch {
    return undefined;
  }
}
