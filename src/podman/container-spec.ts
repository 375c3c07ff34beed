// What a llama-server container is made of, and the checks that keep every value unambiguous on a command line.
import { checkArgvText, checkEnvName } from '../config/argv-text.ts';
import { checkCpuset } from '../config/cpuset.ts';
import { UserError } from '../util/errors.ts';
import { checkDevice, DEVICE_EXPECTED } from './device-spec.ts';
import { checkImageReference, IMAGE_REFERENCE_EXPECTED } from './image-reference.ts';
import { checkMountPath, type VolumeMount } from './volume-mount.ts';

export interface ContainerSpec {
  name: string;
  image: string;
  /** llama-server's own arguments (appended to the image's ENTRYPOINT). */
  args: string[];
  env: Record<string, string>;
  /** A cpuset list such as `1` or `0-3,8`. */
  cpusetCpus?: string;
  network: 'host';
  volumes: VolumeMount[];
  /** Host devices (--device / AddDevice=): paths or CDI names. */
  devices?: string[];
  /** More `podman run` options, before the image (the config's podman_args). */
  podmanArgs?: string[];
  labels: Record<string, string>;
  /** Exec form (no shell); the image's own healthcheck is not relied on. */
  healthCmd?: string[];
  /** How long failing health checks are not counted, e.g. `10m` for a large model (podman duration). */
  healthStartPeriod?: string;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const DURATION = /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/;

function reject(field: string, value: string, rule: string): never {
  throw new UserError(`container spec: ${field} ${JSON.stringify(value)} ${rule}`);
}

function checkNoNul(field: string, values: Iterable<string>): void {
  for (const value of values) {
    const problem = checkArgvText(value);
    if (problem) reject(field, value, problem);
  }
}

// Config check runs the same checks on the file's values (src/config/schema-server.ts), with file and line.
/** Throws a UserError naming the field and the value when the spec cannot be expressed exactly. */
export function validateContainerSpec(spec: ContainerSpec): void {
  if (!NAME.test(spec.name)) reject('name', spec.name, 'must match [a-zA-Z0-9][a-zA-Z0-9_.-]*');
  const imageProblem = checkImageReference(spec.image);
  if (imageProblem) reject('image', spec.image, `must be ${IMAGE_REFERENCE_EXPECTED}: ${imageProblem}`);
  if (spec.network !== 'host') reject('network', spec.network, "must be 'host'");
  const cpusetProblem = spec.cpusetCpus === undefined ? undefined : checkCpusetText(spec.cpusetCpus);
  if (spec.cpusetCpus !== undefined && cpusetProblem) {
    reject('cpusetCpus', spec.cpusetCpus, `must be a cpuset list such as 1 or 0-3,8: ${cpusetProblem}`);
  }
  for (const key of Object.keys(spec.env)) {
    const problem = checkEnvName(key);
    if (problem) reject('env key', key, problem);
  }
  for (const key of Object.keys(spec.labels)) {
    if (!LABEL_KEY.test(key)) reject('label key', key, 'must match [A-Za-z0-9][A-Za-z0-9._/-]*');
  }
  for (const volume of spec.volumes) {
    const hostProblem = checkMountPath(volume.host);
    if (hostProblem) reject('volume host path', volume.host, hostProblem);
    const containerProblem = checkMountPath(volume.container);
    if (containerProblem) reject('volume container path', volume.container, containerProblem);
  }
  for (const device of spec.devices ?? []) {
    const problem = checkDevice(device);
    if (problem) reject('device', device, `must be ${DEVICE_EXPECTED}: ${problem}`);
  }
  if (spec.healthCmd !== undefined && spec.healthCmd.length === 0)
    reject('healthCmd', '', 'must not be empty');
  if (spec.healthStartPeriod !== undefined && !DURATION.test(spec.healthStartPeriod)) {
    reject('healthStartPeriod', spec.healthStartPeriod, 'must be a duration such as 30s or 10m');
  }
  checkNoNul('argument', spec.args);
  checkNoNul('podman argument', spec.podmanArgs ?? []);
  checkNoNul('env value', Object.values(spec.env));
  checkNoNul('label value', Object.values(spec.labels));
  checkNoNul('healthCmd argument', spec.healthCmd ?? []);
}

// The spec carries the list as podman will get it: no spaces, which checkCpuset would forgive.
function checkCpusetText(text: string): string | undefined {
  return /\s/.test(text) ? 'it holds whitespace' : checkCpuset(text);
}
