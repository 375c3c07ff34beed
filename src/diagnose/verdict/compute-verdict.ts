// The bottleneck verdict: every rule checked against the loaded part of the run, the first in priority
// order that fires is the verdict, and one recommendation follows in the preset's terms.
import type { DiagnosticsRecord } from '../diagnostics-record.ts';
import type { Diagnosis, DiagnosisStats, Finding } from './diagnosis.ts';
import { computeStats, round, selectLoaded, type LoadedRecords } from './diagnosis-stats.ts';
import { recommend, type PresetFacts } from './recommend.ts';
import { RULES } from './thresholds.ts';

export interface VerdictInput {
  records: readonly DiagnosticsRecord[];
  /** Throughput per concurrency level, ascending (the run's concurrency curve). */
  levels?: readonly { concurrency: number; outputTokensPerSecond: number }[];
  /** The preset under test, when the run was stamped with a deployment. */
  preset?: PresetFacts;
}

type Rule = (loaded: LoadedRecords, stats: DiagnosisStats, input: VerdictInput) => Finding | undefined;

const pct = (v: number | undefined): string => `${Math.round(v ?? 0)}%`;

const clientBound: Rule = (_l, stats): Finding | undefined => {
  const cpu = stats.clientCpuP90 ?? 0;
  // A late event loop beside saturated server cores is the server's doing (they share the machine): noted in
  // the gaps, not the verdict.
  const lag = hostSaturated(stats) ? 0 : (stats.clientLagP90Ms ?? 0);
  if (cpu < RULES.clientCpuP90 && lag < RULES.clientLagP90Ms) return undefined;
  const why =
    cpu >= RULES.clientCpuP90
      ? `its CPU was at ${pct(cpu)} of a core (p90), at or above ${RULES.clientCpuP90}%`
      : `its event loop ran ${Math.round(lag)} ms late (p90), at or above ${RULES.clientLagP90Ms} ms: it was starved of CPU or blocked`;
  return {
    kind: 'client-bound',
    summary: `the load generator itself: ${why}, so the server was not what set the pace`,
    evidence: { clientCpuP90: cpu, clientLagP90Ms: lag },
  };
};

const memoryPressure: Rule = (loaded) => {
  const lowest = Math.min(
    ...loaded.host.flatMap((r) => (r.memory ? [r.memory.availableBytes / r.memory.totalBytes] : [])),
  );
  const swapping = loaded.host.filter((r) => (r.memory?.swapOutPerSec ?? 0) > 0).length;
  if (!(lowest < RULES.memAvailableShare) && swapping < RULES.swapOutSamples) return undefined;
  return {
    kind: 'memory-pressure',
    summary:
      swapping >= RULES.swapOutSamples
        ? `memory pressure: the host swapped out in ${swapping} samples`
        : `memory pressure: available memory fell to ${pct(lowest * 100)} of the total`,
    evidence: { minAvailableShare: round(lowest * 100), swapOutSamples: swapping },
  };
};

const thermal: Rule = (loaded) => {
  const gpuSamples = loaded.gpu.flatMap((r) => r.gpus);
  const hot = gpuSamples.filter((g) => g.throttle?.thermal).length;
  const cpuEvents = loaded.host.filter((r) => (r.thermal?.throttleEventsPerSec ?? 0) > 0).length;
  const gpuShare = gpuSamples.length > 0 ? hot / gpuSamples.length : 0;
  if (gpuShare < RULES.gpuThermalShare && cpuEvents < RULES.cpuThrottleSamples) return undefined;
  return {
    kind: 'thermal-throttling',
    summary:
      gpuShare >= RULES.gpuThermalShare
        ? `thermal throttling: the GPU slowed its clocks for heat in ${pct(gpuShare * 100)} of samples`
        : `thermal throttling: the CPU reported throttle events in ${cpuEvents} samples`,
    evidence: { gpuThermalShare: round(gpuShare * 100), cpuThrottleSamples: cpuEvents },
  };
};

const gpuBound: Rule = (_l, stats, input): Finding | undefined => {
  if (stats.meanGpuUtil === undefined || stats.meanGpuUtil < RULES.gpuUtil) return undefined;
  const levels = input.levels ?? [];
  const top = levels.at(-1);
  const below = levels.at(-2);
  if (top && below && below.outputTokensPerSecond > 0) {
    const gain = top.outputTokensPerSecond / below.outputTokensPerSecond - 1;
    if (gain >= RULES.flatThroughputGain) return undefined;
    return {
      kind: 'gpu-bound',
      summary: `GPU-bound: utilisation averaged ${pct(stats.meanGpuUtil)} and throughput rose only ${pct(gain * 100)} from ${below.concurrency} to ${top.concurrency} concurrent requests`,
      evidence: {
        meanGpuUtil: stats.meanGpuUtil,
        gainPercent: round(gain * 100),
        from: below.concurrency,
        to: top.concurrency,
      },
    };
  }
  return {
    kind: 'gpu-bound',
    summary: `GPU-bound: utilisation averaged ${pct(stats.meanGpuUtil)} (one concurrency level only, so flat throughput could not be checked)`,
    evidence: { meanGpuUtil: stats.meanGpuUtil },
  };
};

const cpuBound: Rule = (_l, stats) => {
  if (stats.meanCpuBusy === undefined || stats.meanCpuBusy < RULES.cpuBusy) return undefined;
  return {
    kind: 'cpu-bound',
    summary: `CPU-bound: the server's ${stats.cpus.length} cores were ${pct(stats.meanCpuBusy)} busy on average`,
    evidence: {
      meanCpuBusy: stats.meanCpuBusy,
      cores: stats.cpus.length,
      peakCoreBusy: stats.peakCoreBusy ?? 0,
    },
  };
};

const slotsSaturated = (stats: DiagnosisStats): boolean =>
  (stats.slotsFullShare ?? 0) >= RULES.slotsFullShare && (stats.meanDeferred ?? 0) >= RULES.meanDeferred;

const slotEvidence = (stats: DiagnosisStats) => ({
  slotsFullPercent: round((stats.slotsFullShare ?? 0) * 100),
  totalSlots: stats.totalSlots ?? 0,
  meanDeferred: stats.meanDeferred ?? 0,
  maxDeferred: stats.maxDeferred ?? 0,
});

// Slots full and requests waiting: with compute to spare more slots help (slot-bound); without, it is queueing.
const queueing: Rule = (_l, stats) => {
  if (!slotsSaturated(stats)) return undefined;
  const computeSaturated =
    (stats.meanGpuUtil ?? 0) >= RULES.gpuUtil || (stats.meanCpuBusy ?? 0) >= RULES.cpuBusy;
  const slots = `every one of the ${stats.totalSlots} slots was busy in ${pct((stats.slotsFullShare ?? 0) * 100)} of samples with ${stats.meanDeferred} requests deferred on average`;
  return computeSaturated
    ? {
        kind: 'queueing',
        summary: `queueing: ${slots}, and the hardware was already saturated`,
        evidence: slotEvidence(stats),
      }
    : {
        kind: 'slot-bound',
        summary: `slot-bound: ${slots}, while compute had room`,
        evidence: slotEvidence(stats),
      };
};

const fewCoresHot: Rule = (_l, stats) => {
  const cores = stats.meanBusyPerCore;
  if (cores.length < 2) return undefined;
  const hottest = Math.max(...cores);
  const others = [...cores].sort((a, b) => b - a).slice(1);
  const median = others[Math.floor((others.length - 1) / 2)] ?? 0;
  if (hottest < RULES.hotCore || median > RULES.coldCores) return undefined;
  const core = stats.cpus[cores.indexOf(hottest)];
  return {
    kind: 'few-cores-hot',
    summary: `work piled on few cores: core ${core} averaged ${pct(hottest)} while the other ${others.length} had a median of ${pct(median)}`,
    evidence: { hotCore: core ?? -1, hotCoreBusy: hottest, othersMedian: median, cores: cores.length },
  };
};

// Priority: a client-bound run says nothing about the server; then what distorts every number; then compute.
const RULE_ORDER: Rule[] = [clientBound, memoryPressure, thermal, gpuBound, cpuBound, queueing, fewCoresHot];

/** Judges a run from its diagnostics records. */
export function computeVerdict(input: VerdictInput): Diagnosis {
  const loaded = selectLoaded(input.records);
  const stats = computeStats(loaded);
  const gaps = findGaps(loaded, stats);
  const findings = RULE_ORDER.flatMap((rule) => rule(loaded, stats, input) ?? []);
  const verdict: Finding =
    findings[0] ??
    (loaded.host.length === 0 && loaded.server.length === 0
      ? { kind: 'insufficient-data', summary: 'no telemetry was sampled: nothing to judge', evidence: {} }
      : {
          kind: 'not-saturated',
          summary: ['not saturated', notSaturatedFigures(stats).join(', '), 'the server had room']
            .filter((part) => part !== '')
            .join(': '),
          evidence: { meanCpuBusy: stats.meanCpuBusy ?? 0, meanGpuUtil: stats.meanGpuUtil ?? 0 },
        });
  return {
    verdict,
    findings: findings.length > 0 ? findings : [verdict],
    stats,
    recommendation: recommend(verdict, stats, input.preset, loaded.host.at(-1)?.physicalCores),
    gaps,
  };
}

const hostSaturated = (stats: DiagnosisStats): boolean => (stats.meanCpuBusy ?? 0) >= RULES.cpuBusy;

function findGaps(loaded: LoadedRecords, stats: DiagnosisStats): string[] {
  const gaps: string[] = [];
  if (hostSaturated(stats) && (stats.clientLagP90Ms ?? 0) >= RULES.clientLagP90Ms)
    gaps.push(
      `the load generator's event loop ran ${Math.round(stats.clientLagP90Ms ?? 0)} ms late (p90) while the server's cores were saturated: where they share a machine, client-side latencies include that delay`,
    );
  if (loaded.host.length === 0) gaps.push('no host samples: CPU, memory and thermal rules were not checked');
  if (loaded.gpu.length === 0) gaps.push('no GPU samples: GPU-bound was not checked');
  if (!loaded.server.some((r) => r.busySlots !== undefined || r.deferred !== undefined))
    gaps.push('no slot or queue figures from the server: slot-bound and queueing were not checked');
  if (loaded.client.length === 0) gaps.push('no load-generator samples: client-bound was not checked');
  for (const note of loaded.notes) if (note.level === 'warn') gaps.push(`${note.sampler}: ${note.message}`);
  return gaps;
}

/** The figures a not-saturated summary can name: only those that were sampled. */
function notSaturatedFigures(stats: DiagnosisStats): string[] {
  return [
    ...(stats.meanCpuBusy === undefined ? [] : [`cores ${pct(stats.meanCpuBusy)} busy`]),
    ...(stats.meanGpuUtil === undefined ? [] : [`GPU ${pct(stats.meanGpuUtil)}`]),
    ...(stats.totalSlots === undefined
      ? []
      : [`slots ${pct((stats.slotsFullShare ?? 0) * 100)} of the time full`]),
  ];
}
