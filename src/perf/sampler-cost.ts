// What diagnose costs the server's host: the CPU time of the host sampler (its shell and every grep and
// sleep it ran) over a stretch of sampling, as a share of one core; and what parsing costs this process.
import { readFileSync, readdirSync } from 'node:fs';
import { createLocalSession } from '../remote/local-session.ts';
import { startHostSampler } from '../diagnose/host/host-sampler.ts';
import { createRunClock } from '../diagnose/run-clock.ts';

export interface SamplerCost {
  frames: number;
  seconds: number;
  /** The sampler's CPU (its own and its reaped children's), % of one core. */
  hostPercentOfCore: number;
  /** This process's CPU spent receiving and parsing frames, % of one core. */
  parsePercentOfCore: number;
}

/** Samples this machine every `intervalMs` for `seconds`, then reads the sampler's CPU time before stopping it. */
export async function measureSamplerCost(seconds: number, intervalMs = 1000): Promise<SamplerCost> {
  let frames = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const sampler = await startHostSampler({
    session: createLocalSession(),
    pid: process.pid,
    intervalMs,
    maxDurationMs: (seconds + 30) * 1000,
    clock: createRunClock(),
    emit: (record) => {
      if (record.source === 'host') frames++;
    },
  });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const ticks = samplerTicks();
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  await sampler.stop();
  return {
    frames,
    seconds: elapsed,
    hostPercentOfCore: ticks / elapsed, // 100 ticks per second = 100%
    parsePercentOfCore: (cpu.user + cpu.system) / 1e4 / elapsed,
  };
}

// utime + stime + cutime + cstime (proc_pid_stat(5) fields 14-17) of our sampler shell.
function samplerTicks(): number {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (cmdline[0] !== 'sh' || cmdline[3] !== 'inferload-sampler') continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    } catch {
      // a process that ended while we looked
    }
  }
  throw new Error('the sampler process was not found in /proc');
}
