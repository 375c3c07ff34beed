// What the k6-operator does with an exported TestRun, on this machine: the ConfigMap's files mounted (written to
// a folder that stands for /test), the results claim mounted (a folder that stands for /results), one runner per
// segment with the operator's own command line (`k6 run --quiet --execution-segment=... --paused ...`) and the
// runner env expanded as the kubelet expands it ($(VAR) references, $$ escapes, the downward API's job-name
// label), then the starter: every runner's status checked, then each resumed with the operator's PATCH.
// The runners are inferload's embedded engine (no k6 binary here); each gets its own API port, as each pod has
// its own network namespace.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../src/util/paths.ts';
import { findFreePort } from '../../src/local/free-port.ts';

const CLI = join(projectRoot, 'bin', 'inferload.js');

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { fieldRef?: { fieldPath: string } };
}

interface TestRun {
  metadata: { name: string };
  spec: {
    parallelism: number;
    script: { configMap: { name: string; file?: string } };
    runner: { env?: EnvVar[]; volumeMounts?: { name: string; mountPath: string }[] };
  };
}

/** The kubelet's expansion of an env value: $(NAME) of an earlier variable, $$ for a literal $. */
export function expandKubernetesValue(value: string, defined: ReadonlyMap<string, string>): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c !== '$' || i + 1 >= value.length) {
      out += c;
      continue;
    }
    const next = value[i + 1];
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '(') {
      const close = value.indexOf(')', i + 2);
      if (close < 0) {
        out += value.slice(i);
        break;
      }
      const name = value.slice(i + 2, close);
      out += defined.get(name) ?? `$(${name})`;
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

function segmentPoint(i: number, n: number): string {
  return i === 0 ? '0' : i === n ? '1' : `${i}/${n}`;
}

export interface EmulatedRun {
  /** Each runner's exit code, in index order. */
  exits: number[];
  /** Each runner's stderr. */
  stderr: string[];
  /** Each runner's env as the kubelet gave it (with the mount folders standing for the mount paths). */
  envs: Record<string, string>[];
}

/**
 * Runs the TestRun and ConfigMap of `exportDir` the way the operator would, the claim standing at `claimDir`;
 * `kill` (1-based) is a runner killed with SIGKILL once it has run `killAfterMs` after the start.
 */
export async function runLikeOperator(
  exportDir: string,
  claimDir: string,
  options: { kill?: { index: number; afterMs: number } } = {},
): Promise<EmulatedRun> {
  const testRun = parse(readFileSync(join(exportDir, 'testrun.yaml'), 'utf8')) as TestRun;
  const configMap = parse(readFileSync(join(exportDir, 'configmap.yaml'), 'utf8')) as {
    data: Record<string, string>;
  };
  const scriptDir = join(claimDir, '..', `${testRun.metadata.name}-configmap`);
  mkdirSync(scriptDir, { recursive: true });
  mkdirSync(claimDir, { recursive: true });
  for (const [key, text] of Object.entries(configMap.data)) writeFileSync(join(scriptDir, key), text);
  const mounts = new Map<string, string>([['/test', scriptDir]]);
  for (const mount of testRun.spec.runner.volumeMounts ?? []) mounts.set(mount.mountPath, claimDir);
  const onHost = (value: string): string => {
    for (const [path, dir] of mounts) value = value.replaceAll(`${path}/`, `${dir}/`);
    return value;
  };

  const n = testRun.spec.parallelism;
  const name = testRun.metadata.name;
  const script = `/test/${testRun.spec.script.configMap.file ?? 'test.js'}`;
  const sequence = Array.from({ length: n + 1 }, (_, i) => segmentPoint(i, n)).join(',');
  const runners: { child: ChildProcess; port: number; exit: Promise<number>; stderr: () => string }[] = [];
  const envs: Record<string, string>[] = [];
  for (let index = 1; index <= n; index++) {
    const defined = new Map<string, string>();
    for (const variable of testRun.spec.runner.env ?? []) {
      const field = variable.valueFrom?.fieldRef?.fieldPath;
      if (field !== undefined) {
        if (field !== "metadata.labels['job-name']") throw new Error(`emulator: no field ${field}`);
        defined.set(variable.name, `${name}-${index}`);
      } else {
        defined.set(variable.name, expandKubernetesValue(variable.value ?? '', defined));
      }
    }
    const env = Object.fromEntries([...defined].map(([key, value]) => [key, onHost(value)]));
    envs.push(env);
    const port = await findFreePort();
    const argv = [
      'run',
      '--quiet',
      ...(n > 1
        ? [
            `--execution-segment=${segmentPoint(index - 1, n)}:${segmentPoint(index, n)}`,
            `--execution-segment-sequence=${sequence}`,
          ]
        : []),
      onHost(script),
      `--address=127.0.0.1:${port}`,
      '--paused',
      '--tag',
      `instance_id=${index}`,
      '--tag',
      `testrun_name=${name}`,
    ];
    const child = spawn(process.execPath, [CLI, 'k6', ...argv], {
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<number>((resolve) =>
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + 9 : 255))),
    );
    runners.push({ child, port, exit, stderr: () => stderr });
  }

  // The starter: every runner answering its status first, then each resumed.
  for (const runner of runners) {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${runner.port}/v1/status`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) break;
      if (Date.now() > deadline)
        throw new Error(`runner on ${runner.port} never answered: ${runner.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const started = Date.now();
  await Promise.all(
    runners.map((runner) =>
      fetch(`http://127.0.0.1:${runner.port}/v1/status`, {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ data: { attributes: { paused: false }, id: 'default', type: 'status' } }),
      }).then((r) => {
        if (!r.ok) throw new Error(`resume answered ${r.status}`);
      }),
    ),
  );
  const kill = options.kill;
  if (kill) {
    const victim = runners[kill.index - 1];
    setTimeout(() => victim?.child.kill('SIGKILL'), Math.max(0, started + kill.afterMs - Date.now()));
  }
  const exits = await Promise.all(runners.map((runner) => runner.exit));
  return { exits, stderr: runners.map((runner) => runner.stderr()), envs };
}
