// The end of a batch test on the terminal, headed FINAL MULTI-BATCH SUMMARY like the script it replaces.
import type { BatchSummary } from './batch-summary.ts';

const MB = 1024 ** 2;
const mb = (bytes: number | undefined): string =>
  bytes === undefined ? '-' : `${(bytes / MB).toFixed(1)} MB`;
const ms = (value: number | undefined): string => (value === undefined ? '-' : `${value.toFixed(1)} ms`);

/** Renders the summary as text lines; numbers that were not measured print as '-'. */
export function renderSummary(summary: BatchSummary): string {
  const { batches, verdicts } = summary;
  const requests = batches.reduce((s, b) => s + b.requests, 0);
  const failed = batches.reduce((s, b) => s + b.failed, 0);
  const seconds = batches.reduce((s, b) => s + b.durationMs, 0) / 1000;
  const prompt = batches.reduce((s, b) => s + b.promptTokens, 0);
  const completion = batches.reduce((s, b) => s + b.completionTokens, 0);
  const cachedBatches = batches.filter((b) => b.cachedTokens !== undefined);
  const cached = cachedBatches.reduce((s, b) => s + (b.cachedTokens ?? 0), 0);
  const cacheText =
    cachedBatches.length > 0 && prompt > 0 ? `${((cached / prompt) * 100).toFixed(1)}%` : 'not reported';
  const rule = '='.repeat(78);
  const lines = [
    '',
    rule,
    'FINAL MULTI-BATCH SUMMARY',
    rule,
    `input ${summary.input}  target ${summary.target}  mode ${summary.mode}`,
    '',
    'Overall statistics',
    `  batches             ${batches.length}`,
    `  requests            ${requests} (${requests - failed} succeeded, ${failed} failed)`,
    `  success rate        ${(verdicts.success.rate * 100).toFixed(2)}%`,
    `  total time          ${seconds.toFixed(1)} s`,
    `  overall rate        ${seconds > 0 ? (requests / seconds).toFixed(2) : '-'} req/s`,
    `  tokens              prompt ${prompt}, completion ${completion}, cached ${cachedBatches.length > 0 ? cached : '-'} (hit rate ${cacheText})`,
    '',
    'Per batch',
    '  batch   requests  failed    time s    req/s  mean/req   RSS before -> after (peak)',
  ];
  for (const b of batches) {
    const rss = b.rssBytes
      ? `${mb(b.rssBytes.before)} -> ${mb(b.rssBytes.after)} (${mb(b.rssBytes.peak)})`
      : '-';
    const kinds = Object.entries(b.errorKinds)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    lines.push(
      `  ${String(b.batch).padStart(5)} ${String(b.requests).padStart(10)} ${String(b.failed).padStart(7)} ` +
        `${(b.durationMs / 1000).toFixed(1).padStart(9)} ${b.reqPerSec.toFixed(2).padStart(8)} ` +
        `${ms(b.meanRequestMs).padStart(9)}   ${rss}${b.resumed ? '  (resumed)' : ''}${kinds ? `  errors: ${kinds}` : ''}`,
    );
  }
  const gpu = batches.filter((b) => b.gpuMiB);
  lines.push(
    '',
    'Memory analysis',
    `  server pid          ${summary.serverPid ?? 'unknown (pass --server-pid)'}`,
    `  RSS delta           ${mb(verdicts.memory.deltaBytes)}, slope ${mb(verdicts.memory.slopeBytesPerBatch)} per batch`,
    `  GPU memory          ${gpu.length > 0 ? gpu.map((b) => `${b.gpuMiB?.before}->${b.gpuMiB?.after} MiB`).join(', ') : 'not sampled (no nvidia-smi)'}`,
    `  verdict             ${verdicts.memory.verdict}: ${verdicts.memory.reason}`,
    '',
    'Consistency',
    `  throughput          ${verdicts.throughput.verdict}: ${verdicts.throughput.reason}`,
    `  model               ${verdicts.reload.verdict}: ${verdicts.reload.reason}`,
    `  requests            ${verdicts.success.verdict}: ${verdicts.success.reason}`,
    rule,
    summary.failures.length === 0 ? 'PASSED' : `FAILED: ${summary.failures.join('; ')}`,
    `saved: ${summary.dir}`,
  );
  return lines.join('\n');
}
