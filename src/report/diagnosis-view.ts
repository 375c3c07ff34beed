// The diagnosis as the report shows it: the verdict highlighted, every finding with its evidence, the key
// figures, the recommendation and what could not be judged.
import type { Diagnosis, DiagnosisStats, Finding, VerdictKind } from '../diagnose/verdict/diagnosis.ts';
import { formatBytes, formatNumber, formatPercent, formatSeconds } from './charts/format.ts';
import { formatCount, formatShare } from './format-values.ts';

/** A name and its formatted value. */
export interface Fact {
  label: string;
  value: string;
}

/** One finding: its label, sentence and evidence. */
export interface FindingView {
  kind: string;
  label: string;
  summary: string;
  evidence: Fact[];
}

/** The diagnosis section of a report. */
export interface DiagnosisView {
  /** good: not saturated; bad: a bottleneck; neutral: not enough data. */
  tone: 'good' | 'bad' | 'neutral';
  verdict: FindingView;
  /** The findings after the verdict. */
  others: FindingView[];
  recommendation: string;
  gaps: string[];
  stats: Fact[];
}

/** What the report says when the run has no diagnosis.json. */
export const NO_DIAGNOSIS = 'no diagnosis for this run (run make diagnose)';

const LABELS: Record<VerdictKind, string> = {
  'client-bound': 'Client-bound',
  'memory-pressure': 'Memory pressure',
  'thermal-throttling': 'Thermal throttling',
  'gpu-bound': 'GPU-bound',
  'cpu-bound': 'CPU-bound',
  queueing: 'Queueing',
  'slot-bound': 'Slot-bound',
  'few-cores-hot': 'A few cores hot',
  'not-saturated': 'Not saturated',
  'insufficient-data': 'Insufficient data',
};

function viewFinding(finding: Finding): FindingView {
  const kind = String(finding.kind);
  return {
    kind,
    label: Object.hasOwn(LABELS, kind) ? LABELS[kind as VerdictKind] : kind,
    summary: String(finding.summary),
    evidence: Object.entries(finding.evidence ?? {}).map(([label, value]) => ({
      label,
      value: typeof value === 'number' ? formatNumber(value) : String(value),
    })),
  };
}

function statFacts(s: Partial<DiagnosisStats>): Fact[] {
  const facts: [string, string | undefined][] = [
    ['samples', s.samples !== undefined ? formatCount(s.samples) : undefined],
    ['loaded time', s.loadedSeconds !== undefined ? formatSeconds(s.loadedSeconds) : undefined],
    ['cores sampled', s.cpus && s.cpus.length > 0 ? formatCount(s.cpus.length) : undefined],
    [
      'hottest core',
      s.peakCoreBusy !== undefined ? `${formatPercent(s.peakCoreBusy)} (cpu${s.peakCore ?? '?'})` : undefined,
    ],
    ['mean CPU busy', s.meanCpuBusy !== undefined ? formatPercent(s.meanCpuBusy) : undefined],
    [
      'server process CPU',
      s.processCpuPercent !== undefined ? `${formatPercent(s.processCpuPercent)} of one core` : undefined,
    ],
    ['mean GPU utilisation', s.meanGpuUtil !== undefined ? formatPercent(s.meanGpuUtil) : undefined],
    [
      'memory high water',
      s.memoryHighWaterBytes !== undefined
        ? `${formatBytes(s.memoryHighWaterBytes)}${s.memoryTotalBytes !== undefined ? ` of ${formatBytes(s.memoryTotalBytes)}` : ''}`
        : undefined,
    ],
    ['swap used (max)', s.swapUsedMaxBytes !== undefined ? formatBytes(s.swapUsedMaxBytes) : undefined],
    [
      'all slots busy',
      s.slotsFullShare !== undefined ? `${formatShare(s.slotsFullShare)} of the samples` : undefined,
    ],
    [
      'busy slots (mean)',
      s.meanBusySlots !== undefined
        ? `${formatNumber(s.meanBusySlots)}${s.totalSlots !== undefined ? ` of ${formatCount(s.totalSlots)}` : ''}`
        : undefined,
    ],
    [
      'deferred (mean / max)',
      s.meanDeferred !== undefined
        ? `${formatNumber(s.meanDeferred)} / ${formatNumber(s.maxDeferred ?? Number.NaN)}`
        : undefined,
    ],
    [
      'load generator CPU p90',
      s.clientCpuP90 !== undefined ? `${formatPercent(s.clientCpuP90)} of one core` : undefined,
    ],
  ];
  return facts.flatMap(([label, value]) => (value === undefined ? [] : [{ label, value }]));
}

/** The diagnosis, ready to show. */
export function buildDiagnosisView(diagnosis: Diagnosis): DiagnosisView {
  const verdict = viewFinding(diagnosis.verdict);
  const others = diagnosis.findings
    .filter(
      (f, i) => !(i === 0 && f.kind === diagnosis.verdict.kind && f.summary === diagnosis.verdict.summary),
    )
    .map(viewFinding);
  const kind = diagnosis.verdict.kind;
  return {
    tone: kind === 'not-saturated' ? 'good' : kind === 'insufficient-data' ? 'neutral' : 'bad',
    verdict,
    others,
    recommendation: String(diagnosis.recommendation),
    gaps: diagnosis.gaps.map(String),
    stats: statFacts(diagnosis.stats ?? {}),
  };
}
