// The diagnosis as the terminal shows it at the end of `make diagnose`.
import type { Diagnosis } from '../diagnose/verdict/diagnosis.ts';

const pct = (v: number | undefined): string => (v === undefined ? '-' : `${Math.round(v)}%`);
const gib = (bytes: number | undefined): string =>
  bytes === undefined ? '-' : `${(bytes / 2 ** 30).toFixed(1)} GiB`;

/** Verdict, other findings, the figures, the recommendation and what could not be judged. */
export function renderTerminalDiagnosis(d: Diagnosis): string {
  const s = d.stats;
  const lines = [`verdict         ${d.verdict.summary}`];
  for (const f of d.findings.slice(1)) lines.push(`also            ${f.summary}`);
  const figures = [
    `peak core ${pct(s.peakCoreBusy)}${s.peakCore === undefined ? '' : ` (cpu${s.peakCore})`}`,
    `cores ${pct(s.meanCpuBusy)} mean over ${s.cpus.length}`,
    ...(s.processCpuPercent === undefined ? [] : [`server process ${pct(s.processCpuPercent)} of a core`]),
    `GPU ${pct(s.meanGpuUtil)}`,
    `memory high-water ${gib(s.memoryHighWaterBytes)} of ${gib(s.memoryTotalBytes)}`,
    ...(s.totalSlots === undefined
      ? []
      : [
          `slots ${s.meanBusySlots ?? '-'}/${s.totalSlots} busy (all busy ${pct((s.slotsFullShare ?? 0) * 100)} of the time)`,
        ]),
    ...(s.meanDeferred === undefined ? [] : [`deferred ${s.meanDeferred} mean, ${s.maxDeferred ?? '-'} max`]),
    `client CPU p90 ${pct(s.clientCpuP90)}${s.clientLagP90Ms === undefined ? '' : `, loop lag p90 ${s.clientLagP90Ms} ms`}`,
  ];
  lines.push(`figures         ${figures.join(', ')}`);
  if (s.meanBusyPerCore.length > 0 && s.meanBusyPerCore.length <= 64)
    lines.push(
      `per core        ${s.cpus.map((cpu, i) => `cpu${cpu} ${pct(s.meanBusyPerCore[i])}`).join('  ')}`,
    );
  lines.push(`recommendation  ${d.recommendation}`);
  for (const gap of d.gaps) lines.push(`not judged      ${gap}`);
  return lines.join('\n');
}
