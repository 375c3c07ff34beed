// A quadlet `.container` unit for a container spec: the same container `podman run` would start, under systemd.
//
// Quadlet needs podman >= 4.4 (Debian 12's 4.3.1 has none) with systemd and cgroup v2 on the host; it cannot
// run in this project's sandbox (no systemd), so this text is rendered and unit-tested only, plus checked with
// podman 5.8.6's `quadlet -dryrun` (test/integration/podman/quadlet-dryrun.test.ts). Install it as
// /etc/containers/systemd/NAME.container (rootful) or ~/.config/containers/systemd/NAME.container (rootless),
// then `systemctl [--user] daemon-reload && systemctl [--user] start NAME.service`.
import { validateContainerSpec, type ContainerSpec } from './container-spec.ts';
import { checkQuadletVolume, volumeArg } from './volume-mount.ts';
import {
  checkExecArg,
  escapePercent,
  escapeSpecifiers,
  quoteExecWord,
  quoteExecWords,
} from './quadlet-escape.ts';
import { healthCmdValue } from './run-args.ts';
import { renderQuadletTemplate } from './quadlet-template.ts';

export interface QuadletOptions {
  description?: string;
  /** Seconds systemd waits for the start (image pull and model load); default 900. */
  timeoutStartSec?: number;
  /** The target that starts it at boot; default default.target. */
  wantedBy?: string;
  /** Comment lines at the top (server, preset, fingerprint). */
  comments?: string[];
}

/** Renders the unit text; the container keeps the spec's name (ContainerName=) so inspect/logs find it. */
export function renderQuadlet(spec: ContainerSpec, options: QuadletOptions = {}): string {
  validateContainerSpec(spec);
  for (const volume of spec.volumes) {
    const problem = checkQuadletVolume(volumeArg(volume));
    if (problem) throw new Error(`${problem}: ${JSON.stringify(volumeArg(volume))}`);
  }
  for (const arg of [...spec.args, ...(spec.podmanArgs ?? [])]) {
    const problem = checkExecArg(arg);
    if (problem) throw new Error(problem);
  }
  const description = options.description ?? `llama-server ${spec.name}`;
  const container: string[] = [
    `ContainerName=${spec.name}`,
    `Image=${escapeSpecifiers(spec.image)}`,
    `Network=${spec.network}`,
  ];
  if (spec.cpusetCpus !== undefined) container.push(`PodmanArgs=--cpuset-cpus=${spec.cpusetCpus}`);
  for (const volume of spec.volumes) container.push(`Volume=${escapeSpecifiers(volumeArg(volume))}`);
  // checkDevice leaves nothing in a device that systemd or quadlet would read specially.
  for (const device of spec.devices ?? []) container.push(`AddDevice=${device}`);
  // Environment= and Label= are split into words like Exec=, each word KEY=VALUE: quote the pair as one word.
  for (const [key, value] of Object.entries(spec.env))
    container.push(`Environment=${quoteExecWord(`${key}=${value}`)}`);
  for (const [key, value] of Object.entries(spec.labels))
    container.push(`Label=${quoteExecWord(`${key}=${value}`)}`);
  // HealthCmd= is passed on unsplit and unescaped: JSON exec form keeps every word intact.
  if (spec.healthCmd !== undefined)
    container.push(`HealthCmd=${escapeSpecifiers(healthCmdValue(spec.healthCmd))}`);
  if (spec.healthStartPeriod !== undefined) container.push(`HealthStartPeriod=${spec.healthStartPeriod}`);
  // PodmanArgs= is split into words like Exec=.
  if (spec.podmanArgs !== undefined && spec.podmanArgs.length > 0)
    container.push(`PodmanArgs=${quoteExecWords(spec.podmanArgs)}`);
  if (spec.args.length > 0) container.push(`Exec=${quoteExecWords(spec.args)}`);

  return renderQuadletTemplate({
    comments: (options.comments ?? []).map((line) => line.replace(/\s+/g, ' ')),
    description: escapePercent(description.replace(/\s+/g, ' ')),
    container,
    timeoutStartSec: options.timeoutStartSec ?? 900,
    wantedBy: options.wantedBy ?? 'default.target',
  });
}
