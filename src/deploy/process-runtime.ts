// Runtime `process`: a server (or nginx) started from run.sh in the background on the host, tracked by a pid file.
import { parseAllowedCpus } from '../diagnose/host/process-stat.ts';
import type { RemoteSession } from '../remote/session.ts';
import type { CpusetFact } from './verify.ts';

/** The fingerprint a generated definition states in its header comment. */
export function definitionFingerprint(content: string | undefined): string | undefined {
  return /\bfingerprint ([0-9a-f]{16})\b/.exec(content ?? '')?.[1];
}

/**
 * How to start, find and stop a process; `dir` holds run.sh, pid and server.log, and `marker` is text its
 * command line holds (`--port 8081`), so that a recycled pid running something else is left alone.
 */
export function processRuntime(session: RemoteSession, dir: string, marker: string) {
  const pidFile = `${dir}/pid`;
  const logFile = `${dir}/server.log`;
  const fingerprintFile = `${dir}/fingerprint`;

  async function livePid(): Promise<string | undefined> {
    const pid = (await session.readFile(pidFile))?.trim();
    if (!pid || !/^\d+$/.test(pid)) return undefined;
    // The pid must still be our server: a recycled pid running something else is left alone.
    const args = await session.exec(['ps', '-o', 'args=', '-p', pid]);
    return args.code === 0 && args.stdout.includes(marker) ? pid : undefined;
  }

  return {
    async current() {
      const pid = await livePid();
      if (!pid) return undefined;
      const fingerprint = (await session.readFile(fingerprintFile))?.trim();
      return { id: pid, ...(fingerprint ? { fingerprint } : {}) };
    },
    async start(definitionPath: string) {
      await this.stop();
      // Positional parameters keep both paths literal; setsid detaches it from the SSH session.
      const started = await session.exec([
        'sh',
        '-c',
        'setsid sh "$0" > "$1" 2>&1 < /dev/null & echo $!',
        definitionPath,
        logFile,
      ]);
      const pid = started.stdout.trim();
      if (started.code !== 0 || !/^\d+$/.test(pid))
        throw new Error(`could not start ${definitionPath}: ${started.stderr}`);
      await session.upload(`${pid}\n`, pidFile);
      // The definition's own fingerprint: a rollback to the previous run.sh records the previous one.
      const fingerprint = definitionFingerprint(await session.readFile(definitionPath)) ?? '';
      await session.upload(`${fingerprint}\n`, fingerprintFile);
      return pid;
    },
    async stop() {
      const pid = await livePid();
      if (!pid) return;
      await session.exec(['kill', pid]);
      for (let i = 0; i < 50; i += 1) {
        if (!(await livePid())) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await session.exec(['kill', '-9', pid]);
    },
    logs: async () => (await session.readFile(logFile)) ?? '',
    // What the kernel lets the running server use: taskset's pinning, read back rather than assumed.
    async cpuset(): Promise<CpusetFact> {
      const pid = await livePid();
      if (!pid) return { cpus: undefined, source: 'server process gone' };
      const status = await session.exec(['cat', `/proc/${pid}/status`]);
      const cpus = status.code === 0 ? parseAllowedCpus(status.stdout.split('\n')) : undefined;
      return { cpus, source: `/proc/${pid}/status Cpus_allowed_list` };
    },
    async gone() {
      return (await livePid()) ? undefined : `process exited (log: ${logFile})`;
    },
  };
}
