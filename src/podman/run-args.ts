// The `podman run` argv for a container spec: one array element per argument, never a shell string.
import { validateContainerSpec, type ContainerSpec } from './container-spec.ts';
import { volumeArg } from './volume-mount.ts';

export interface RunArgsOptions {
  /** Replace a container of the same name instead of failing (`--replace`). */
  replace?: boolean;
}

/** Builds `podman run -d ...` for the spec (validated first); llama-server's arguments follow the image. */
export function podmanRunArgs(spec: ContainerSpec, options: RunArgsOptions = {}): string[] {
  validateContainerSpec(spec);
  const argv = ['podman', 'run', '--detach', '--name', spec.name, '--network', spec.network];
  if (options.replace) argv.push('--replace');
  if (spec.cpusetCpus !== undefined) argv.push('--cpuset-cpus', spec.cpusetCpus);
  for (const volume of spec.volumes) argv.push('--volume', volumeArg(volume));
  for (const device of spec.devices ?? []) argv.push('--device', device);
  for (const [key, value] of Object.entries(spec.labels)) argv.push('--label', `${key}=${value}`);
  for (const [key, value] of Object.entries(spec.env)) argv.push('--env', `${key}=${value}`);
  if (spec.healthCmd !== undefined) argv.push('--health-cmd', healthCmdValue(spec.healthCmd));
  if (spec.healthStartPeriod !== undefined) argv.push('--health-start-period', spec.healthStartPeriod);
  argv.push(...(spec.podmanArgs ?? []), spec.image, ...spec.args);
  return argv;
}

/** podman reads a value starting with `[` as a JSON exec-form command (no shell in the image needed). */
export function healthCmdValue(command: string[]): string {
  return JSON.stringify(command);
}
