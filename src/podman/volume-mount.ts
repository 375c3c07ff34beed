// Bind mounts as `volumes:` writes them (HOST:CONTAINER[:ro|rw]) and as podman -v and quadlet Volume= take
// them; config check and the container spec refuse the same values with these.

export interface VolumeMount {
  host: string;
  container: string;
  ro: boolean;
}

export const VOLUME_EXPECTED = 'HOST-PATH:CONTAINER-PATH or HOST-PATH:CONTAINER-PATH:ro, both absolute';

// `:` and `,` separate -v's fields, so a path holding them cannot be said there at all.
const MOUNT_PATH = /^\/[^:,\p{Cc}]*$/u;

/** Why `path` cannot be one side of a mount, or undefined when it can. */
export function checkMountPath(path: string): string | undefined {
  return MOUNT_PATH.test(path) ? undefined : 'must be absolute, without : or , or control characters';
}

/** The mount `text` describes, or why it describes none. */
export function parseVolumeMount(text: string): { mount: VolumeMount } | { problem: string } {
  const fields = text.split(':');
  const [host = '', container = '', mode] = fields;
  if (fields.length < 2 || fields.length > 3)
    return { problem: `it has ${fields.length} :-separated fields` };
  const hostProblem = checkMountPath(host);
  if (hostProblem) return { problem: `the host path ${JSON.stringify(host)} ${hostProblem}` };
  const containerProblem = checkMountPath(container);
  if (containerProblem)
    return { problem: `the container path ${JSON.stringify(container)} ${containerProblem}` };
  // Other options (z, U, noexec...) were once dropped without a word; refusing them keeps the mount as written.
  if (mode !== undefined && mode !== 'ro' && mode !== 'rw')
    return { problem: `option ${JSON.stringify(mode)} is not supported; only ro or rw` };
  return { mount: { host, container, ro: mode === 'ro' } };
}

/** The `-v` value podman and quadlet both take. */
export function volumeArg(volume: VolumeMount): string {
  return `${volume.host}:${volume.container}${volume.ro ? ':ro' : ''}`;
}

// Volume= is taken whole: surrounding whitespace is trimmed and a trailing backslash continues the line. Its
// source also goes into RequiresMountsFor=, where systemd expands `%` but not `$`: no escaping of `$` fits both.
/** Why a quadlet Volume= cannot hold `value` exactly, or undefined when it can. */
export function checkQuadletVolume(value: string): string | undefined {
  return /^\s|\s$|\\$|\$/.test(value)
    ? 'quadlet cannot pass a volume that holds $, starts or ends with whitespace, or ends with \\'
    : undefined;
}
