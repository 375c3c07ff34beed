// The soak verdicts as labelled lines: the terminal prints them, the report's Markdown and HTML list them.
import type { SoakVerdicts } from '../diagnose/soak/soak-verdicts.ts';

/** [label, text] pairs: the overall verdict, then each detector with its numbers and limits, then the windows. */
export function describeSoakVerdicts(v: SoakVerdicts): [string, string][] {
  const lines: [string, string][] = [
    ['soak', `${v.verdict.toUpperCase()}: ${v.reason}`],
    ['memory', `${v.memory.verdict}: ${v.memory.reason}`],
    ['GPU memory', `${v.gpuMemory.verdict}: ${v.gpuMemory.reason}`],
    ['drift', `${v.drift.verdict}: ${v.drift.reason}`],
    ['error bursts', `${v.errors.verdict}: ${v.errors.reason}`],
    [
      'restarts',
      `${v.restarts.verdict}: ${v.restarts.reason}${v.restarts.watched ? ` (watched: ${v.restarts.watched})` : ''}`,
    ],
  ];
  const windows = v.windows
    .map((w) => {
      const tpot = w.tpotP50Ms === undefined ? '' : `, TPOT p50 ${w.tpotP50Ms.toFixed(1)} ms`;
      return `${w.startS.toFixed(0)}-${w.endS.toFixed(0)} s: ${w.requestsPerSecond.toFixed(2)} req/s, ${w.outputTokensPerSecond.toFixed(1)} tok/s, ${w.failed}/${w.requests} failed${tpot}`;
    })
    .join(' | ');
  lines.push([
    'windows',
    `${v.windows.length} of ${v.windowSeconds} s: ${windows || 'none (no steady span)'}`,
  ]);
  return lines;
}

/** The verdicts for the terminal, one labelled line each. */
export function renderTerminalSoak(v: SoakVerdicts): string {
  return describeSoakVerdicts(v)
    .map(([label, text]) => `${label.padEnd(14)}  ${text}`)
    .join('\n');
}
