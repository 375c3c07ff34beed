// What a llama-server container is made of, and the checks that keep every value unambiguous on a command line.
import { UserError } from '../util/errors.ts';

export interface VolumeMount {
  host: string;
  container: string;
  ro: boolean;
}

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
  labels: Record<string, string>;
  /** Exec form (no shell); the image's own healthcheck is not relied on. */
  healthCmd?: string[];
  /** How long failing health checks are not counted, e.g. `10m` for a large model (podman duration). */
  healthStartPeriod?: string;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL_KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const CPUSET = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;
const DURATION = /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/;
// A registry/name:tag@digest reference; nothing podman or quadlet would need to quote.
const IMAGE = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;
// `:` and `,` separate -v's fields, so a path holding them cannot be said there at all.
const MOUNT_PATH = /^\/[^:,\p{Cc}]*$/u;

function reject(field: string, value: string, rule: string): never {
  throw new UserError(`container spec: ${field} ${JSON.stringify(value)} ${rule}`);
}

function checkNoNul(field: string, values: Iterable<string>): void {
  for (const value of values)
    if (value.includes('\0')) reject(field, value, 'holds a NUL byte, which argv cannot carry');
}

/** Throws a UserError naming the field and the value when the spec cannot be expressed exactly. */
export function validateContainerSpec(spec: ContainerSpec): void {
  if (!NAME.test(spec.name)) reject('name', spec.name, 'must match [a-zA-Z0-9][a-zA-Z0-9_.-]*');
  if (!IMAGE.test(spec.image))
    reject('image', spec.image, 'must be an image reference such as localhost/llama-server:debian');
  if (spec.network !== 'host') reject('network', spec.network, "must be 'host'");
  if (spec.cpusetCpus !== undefined && !CPUSET.test(spec.cpusetCpus)) {
    reject('cpusetCpus', spec.cpusetCpus, 'must be a cpuset list such as 1 or 0-3,8');
  }
  for (const key of Object.keys(spec.env)) {
    if (!ENV_KEY.test(key)) reject('env key', key, 'must match [A-Za-z_][A-Za-z0-9_]*');
  }
  for (const key of Object.keys(spec.labels)) {
    if (!LABEL_KEY.test(key)) reject('label key', key, 'must match [A-Za-z0-9][A-Za-z0-9._/-]*');
  }
  for (const volume of spec.volumes) {
    if (!MOUNT_PATH.test(volume.host))
      reject('volume host path', volume.host, 'must be absolute, without : or ,');
    if (!MOUNT_PATH.test(volume.container)) {
      reject('volume container path', volume.container, 'must be absolute, without : or ,');
    }
  }
  if (spec.healthCmd !== undefined && spec.healthCmd.length === 0)
    reject('healthCmd', '', 'must not be empty');
  if (spec.healthStartPeriod !== undefined && !DURATION.test(spec.healthStartPeriod)) {
    reject('healthStartPeriod', spec.healthStartPeriod, 'must be a duration such as 30s or 10m');
  }
  checkNoNul('argument', spec.args);
  checkNoNul('env value', Object.values(spec.env));
  checkNoNul('label value', Object.values(spec.labels));
  checkNoNul('healthCmd argument', spec.healthCmd ?? []);
}

/** The `-v` value podman and quadlet both take. */
export function volumeArg(volume: VolumeMount): string {
  return `${volume.host}:${volume.container}${volume.ro ? ':ro' : ''}`;
}
