// Samples the server's host for the whole run through one long-lived command: discovery once, then a frame
// per interval over the same session (this machine, or SSH), never one SSH command per sample.
import type { RemoteSession, StreamingCommand } from '../../remote/session.ts';
import { quoteArgv } from '../../remote/shell-quote.ts';
import type { DiagnosticsRecord } from '../diagnostics-record.ts';
import { chooseGpuTool } from '../gpu/choose-gpu-tool.ts';
import { isUnknownNvidiaField, nvidiaSmiQueryArgs } from '../gpu/nvidia-smi.ts';
import type { RunClock } from '../run-clock.ts';
import { discoverHost, type HostDiscovery } from './discover-host.ts';
import { HostFrameReader, type HostFrame } from './host-frame.ts';
import { computeHostRecord, hostFiles, type HostSubject } from './host-record.ts';
import { gpuSource, type GpuSource } from './gpu-source.ts';
import { SAMPLER_SCRIPT } from './sampler-scripts.ts';

export interface HostSamplerOptions {
  session: RemoteSession;
  /** The server's pid on that host (its container's main process under podman). */
  pid?: number;
  /** The server's CPUs when known from its preset; else its process's cpuset; else every online CPU. */
  cpus?: number[];
  intervalMs: number;
  /** The sampler ends by itself after this long, whatever happens to the run. */
  maxDurationMs: number;
  clock: RunClock;
  emit(record: DiagnosticsRecord): void;
}

export interface HostSampler {
  discovery: HostDiscovery;
  subject: HostSubject;
  gpu?: GpuSource;
  stop(): Promise<void>;
}

/** Discovers what the host has, then starts the sampler; failures after the start become notes. */
export async function startHostSampler(options: HostSamplerOptions): Promise<HostSampler> {
  const { session, clock, emit } = options;
  const note = (level: 'info' | 'warn', message: string, sampler = 'host'): void =>
    emit({ source: 'note', ...clock.stamp(), sampler, level, message });
  const discovery = await discoverHost(session, options.pid);
  const cpus = options.cpus ?? discovery.processCpus ?? discovery.onlineCpus;
  const subject: HostSubject = {
    cpus,
    physicalCores: discovery.physicalCores(cpus),
    ...(options.pid === undefined ? {} : { pid: options.pid }),
    ...(discovery.cpuStatFile ? { cpuStatFile: discovery.cpuStatFile } : {}),
  };
  note(
    'info',
    `sampling CPUs ${cpus.join(',')} of ${discovery.onlineCpus.length}` +
      (options.pid === undefined
        ? ' (no server pid known: the process itself is not sampled)'
        : `, pid ${options.pid}`),
  );

  const gpu = await chooseGpu(session, discovery, options.intervalMs);
  note(gpu.source ? 'info' : 'warn', gpu.why, 'gpu');
  const files = [...hostFiles(subject, discovery), ...(gpu.source?.files ?? [])];
  const reader = new HostFrameReader(files);
  let previous: HostFrame | undefined;
  let failedGpu = false;
  const onFrame = (frame: HostFrame): void => {
    if (previous) {
      const record = computeHostRecord(previous, frame, subject, discovery);
      if (record) emit(record);
    }
    previous = frame;
    if (!gpu.source) return;
    try {
      const gpus = gpu.source.read(frame.gpu, frame.files);
      if (gpus.length > 0) emit({ source: 'gpu', t: frame.t, ts: frame.ts, tool: gpu.source.tool, gpus });
    } catch (error) {
      if (!failedGpu)
        note('warn', `${gpu.source.tool} output unreadable: ${(error as Error).message}`, 'gpu');
      failedGpu = true;
    }
  };
  const frames = Math.ceil(options.maxDurationMs / options.intervalMs) + 2;
  const source = gpu.source;
  const argv = [
    'sh',
    '-c',
    SAMPLER_SCRIPT,
    'inferload-sampler',
    String(options.intervalMs / 1000),
    String(frames),
    source?.mode ?? 'none',
    source && source.argv.length > 0 ? quoteArgv(source.argv) : '',
    String(source?.snapshotSeconds ?? 0),
    ...files,
  ];
  const command: StreamingCommand = session.stream(argv, (chunk) => {
    for (const frame of reader.push(chunk)) onFrame({ ...frame, ...clock.stamp() });
  });
  let stopping = false;
  const ended = command.done.then(
    (result) => {
      if (!stopping)
        note('warn', `the host sampler ended early (exit ${result.code}): ${result.stderr.trim()}`);
    },
    (error: unknown) => note('warn', `the host sampler failed: ${(error as Error).message}`),
  );
  return {
    discovery,
    subject,
    ...(gpu.source ? { gpu: gpu.source } : {}),
    async stop() {
      stopping = true;
      command.stop();
      await ended;
    },
  };
}

async function chooseGpu(
  session: RemoteSession,
  discovery: HostDiscovery,
  intervalMs: number,
): Promise<{ source?: GpuSource; why: string }> {
  const choice = chooseGpuTool({
    nvidiaSmi: discovery.tools.has('nvidia-smi'),
    amdgpuCards: discovery.amdgpuCards,
    amdSmi: discovery.tools.has('amd-smi'),
    rocmSmi: discovery.tools.has('rocm-smi'),
    radeontop: discovery.tools.has('radeontop'),
  });
  if (!choice.tool) return { why: choice.why };
  let legacy = false;
  if (choice.tool === 'nvidia-smi') {
    // Older drivers know only clocks_throttle_reasons.*: ask once with the new names, fall back if refused.
    const args = nvidiaSmiQueryArgs(intervalMs, false);
    const probe = await session.exec(['nvidia-smi', ...args.slice(0, args.indexOf('-lms'))], {
      timeoutMs: 15_000,
    });
    legacy = isUnknownNvidiaField(probe.stdout + probe.stderr);
    if (probe.code !== 0 && !legacy)
      return {
        why: `nvidia-smi is installed but failed (exit ${probe.code}): ${probe.stdout.trim() || probe.stderr.trim()}`,
      };
  }
  return {
    source: gpuSource(choice.tool, discovery, intervalMs, legacy),
    why: choice.why + (legacy ? ' (legacy field names)' : ''),
  };
}
