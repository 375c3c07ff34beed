// A batch test as one use case: validate, find the target and its pid, run the batches, judge, write, print.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { readBatchInput } from './batch-input.ts';
import { detectBatchApi } from './batch-api-client.ts';
import { batchDir, beginBatchState, readBatchState, saveBatchState } from './batch-state.ts';
import { computeBatchStats, type BatchStats } from './batch-stats.ts';
import { listFailures, type BatchSummary } from './batch-summary.ts';
import { JsonlAppender } from './jsonl-file.ts';
import { startMemorySampler } from './memory-sampler.ts';
import { ProgressLine } from './progress-line.ts';
import { runApiBatch } from './run-api-batch.ts';
import { runClientBatch } from './run-client-batch.ts';
import { openRunFolder, saveRecord } from './run-folder.ts';
import { judgeStability, type StabilityThresholds } from './stability-verdicts.ts';
import { acquireBatchTarget } from './batch-target.ts';
import { benchmarksDir } from '../util/paths.ts';
import { writeBatchReport } from './write-batch-report.ts';

export interface BatchTestOptions {
  readonly input: string;
  readonly batches: number;
  readonly target?: string | undefined;
  readonly serverPid?: number | undefined;
  readonly mode: 'auto' | 'client' | 'api';
  readonly chunk: number;
  readonly concurrency: number;
  readonly retries: number;
  readonly timeoutMs: number;
  /** Idle time between batches, as between real jobs (lets a keep-alive expire). */
  readonly pauseMs: number;
  readonly loadThresholdMs: number;
  readonly thresholds: StabilityThresholds;
  readonly fresh: boolean;
  readonly log: (line: string) => void;
}

export async function runBatchTest(o: BatchTestOptions): Promise<BatchSummary> {
  const input = readBatchInput(o.input);
  const target = await acquireBatchTarget(o.target, o.serverPid, o.concurrency, o.log);
  try {
    const mode = o.mode === 'auto' ? ((await detectBatchApi(target.baseUrl)) ? 'api' : 'client') : o.mode;
    o.log(
      `target ${target.baseUrl} (${mode === 'api' ? 'its Batch API' : 'batches emulated on the client'}), server pid ${target.pid ?? 'unknown: memory not sampled'}`,
    );
    const folder = openRunFolder(benchmarksDir(), o.input, input.hash, o.batches, o.fresh);
    o.log(folder.resumed ? `resuming ${folder.dir} (same input, unfinished)` : `saving to ${folder.dir}`);
    const progress = new ProgressLine();
    for (let b = 1; b <= o.batches; b++) {
      const dir = batchDir(folder.dir, b);
      if (readBatchState(dir)?.finished) continue;
      if (b > 1 && o.pauseMs > 0) await delay(o.pauseMs);
      mkdirSync(dir, { recursive: true });
      const memory = new JsonlAppender(join(dir, 'memory.jsonl'));
      const sampler = await startMemorySampler(target.pid, (s) => memory.append(s));
      await sampler.sample();
      const state = beginBatchState(dir, mode);
      const position = { batch: b, batches: o.batches };
      if (mode === 'api') await runApiBatch(dir, input, state, target.baseUrl, progress, position);
      else
        await runClientBatch(dir, input.requests, { ...o, ...position, baseUrl: target.baseUrl, progress });
      const last = state.segments.at(-1);
      if (last) last.end = Date.now();
      await sampler.sample();
      sampler.stop();
      memory.close();
      state.finished = true;
      saveBatchState(dir, state);
    }
    const settings = { loadThresholdMs: o.loadThresholdMs, firstRequests: o.concurrency };
    const stats: BatchStats[] = [];
    for (let b = 1; b <= o.batches; b++) {
      const dir = batchDir(folder.dir, b);
      const state = readBatchState(dir);
      if (state) stats.push(computeBatchStats(dir, b, state, settings));
    }
    const verdicts = judgeStability(stats, o.thresholds);
    const summary: BatchSummary = {
      dir: folder.dir,
      input: o.input,
      target: target.baseUrl,
      mode,
      serverPid: target.pid,
      thresholds: o.thresholds,
      batches: stats.map(({ samples: _samples, ...rest }) => rest),
      verdicts,
      failures: listFailures(verdicts),
    };
    writeFileSync(join(folder.dir, 'batch-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    writeBatchReport(summary, stats);
    saveRecord(folder.dir, { ...folder.record, finished: true });
    return summary;
  } finally {
    await target.release();
  }
}
