// `podman container inspect` reduced to what deploy and diagnose check.
import type { CommandRunner } from '../process/command-runner.ts';
import { asRecord, firstRecord, stringArrayField, stringField, stringMapField } from './json-fields.ts';
import { CommandError } from '../process/command-error.ts';
import { isNoSuchObject } from './no-such-object.ts';

export interface ContainerInfo {
  id: string;
  name: string;
  running: boolean;
  /** podman's state word: created, running, exited, ... */
  status: string;
  /** `HostConfig.CpusetCpus`; empty when the container may use every CPU. */
  cpusetCpus: string;
  labels: Record<string, string>;
  /** `Config.Env` as a map (the image's variables included). */
  env: Record<string, string>;
  /** The image as it was named at run time. */
  image: string;
  /** The arguments after the image (`Config.Cmd`), i.e. llama-server's own. */
  args: string[];
  /** ISO time of the last start; undefined when it never started. */
  startedAt?: string;
  /** The main process's pid on the host (`State.Pid`) while it runs: what diagnose samples. */
  pid?: number;
  /** Times podman restarted it under its restart policy (`RestartCount`). */
  restartCount?: number;
}

/** Inspects one container; undefined when none has that name. */
export async function inspectContainer(
  runner: CommandRunner,
  name: string,
): Promise<ContainerInfo | undefined> {
  const argv = ['podman', 'container', 'inspect', name];
  const result = await runner.exec(argv);
  if (result.code !== 0) {
    if (isNoSuchObject(result)) return undefined;
    throw new CommandError(argv, result);
  }
  return parseContainerInspect(result.stdout);
}

/** Parses `podman container inspect` output (a JSON array with one object per container). */
export function parseContainerInspect(text: string): ContainerInfo {
  const container = firstRecord(text, 'podman container inspect');
  const state = asRecord(container['State']);
  const config = asRecord(container['Config']);
  const hostConfig = asRecord(container['HostConfig']);
  const startedAt = stringField(state, 'StartedAt');
  return {
    id: stringField(container, 'Id') ?? '',
    name: stringField(container, 'Name') ?? '',
    running: state?.['Running'] === true,
    status: stringField(state, 'Status') ?? '',
    cpusetCpus: stringField(hostConfig, 'CpusetCpus') ?? '',
    labels: stringMapField(config, 'Labels'),
    env: parseEnvList(stringArrayField(config, 'Env') ?? []),
    image: stringField(container, 'ImageName') ?? stringField(config, 'Image') ?? '',
    // Config.Cmd is exactly what followed the image; top-level Args also holds any extra ENTRYPOINT words.
    args: stringArrayField(config, 'Cmd') ?? stringArrayField(container, 'Args') ?? [],
    // Go's zero time means "never started".
    startedAt: startedAt && !startedAt.startsWith('0001-01-01') ? startedAt : undefined,
    ...(typeof state?.['Pid'] === 'number' && state['Pid'] > 0 ? { pid: state['Pid'] } : {}),
    ...(typeof container['RestartCount'] === 'number' ? { restartCount: container['RestartCount'] } : {}),
  };
}

function parseEnvList(list: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of list) {
    const at = entry.indexOf('=');
    if (at > 0) env[entry.slice(0, at)] = entry.slice(at + 1);
  }
  return env;
}
