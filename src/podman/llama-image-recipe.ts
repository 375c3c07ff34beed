// What goes into the llama-server image built from the private Debian root, as data (no I/O here).
import { createHash } from 'node:crypto';

export const LLAMA_IMAGE = 'localhost/llama-server:debian';
/** Bump when the recipe below changes, so existing images are rebuilt. */
const RECIPE_VERSION = 1;
const MULTIARCH = '/usr/lib/x86_64-linux-gnu';

export const IMAGE_LABELS = {
  rootDigest: 'io.inferload.llama-root',
  llamaVersion: 'io.inferload.llama-version',
  cpuBackend: 'io.inferload.cpu-backend',
} as const;

export interface UsrMergeLink {
  /** Relative to the image root. */
  path: string;
  target: string;
}

// dpkg -x leaves out the usr-merge links a Debian system has; the ELF interpreter is /lib64/ld-linux-x86-64.so.2.
export const USR_MERGE_LINKS: UsrMergeLink[] = [
  { path: 'lib', target: 'usr/lib' },
  { path: 'lib64', target: 'usr/lib64' },
  { path: 'usr/lib64/ld-linux-x86-64.so.2', target: '../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2' },
];

/** The backend library's path inside the image, for a variant name such as `zen4` or `haswell`. */
export function backendPath(backend: string): string {
  if (!/^[a-z0-9_]+$/.test(backend))
    throw new Error(`CPU backend name ${JSON.stringify(backend)} is not a variant name`);
  return `${MULTIARCH}/ggml/backends0/libggml-cpu-${backend}.so`;
}

/** Identifies what the image is built from: the package versions (setup-llama's stamp), backend and recipe. */
export function llamaRootDigest(stamp: string, backend: string): string {
  const input = `recipe ${RECIPE_VERSION}\nbackend ${backend}\n${stamp.trim()}\n`;
  return createHash('sha256').update(input).digest('hex').slice(0, 16);
}

/** llama.cpp-tools' Debian version from the stamp ("llama.cpp-tools 1:0.7.0+dfsg-2" lines). */
export function llamaVersionOf(stamp: string): string {
  return /^llama\.cpp-tools\s+(\S+)\s*$/m.exec(stamp)?.[1] ?? 'unknown';
}

/** `podman import --change` instructions: library path, backend, entrypoint and identifying labels. */
export function importChanges(backend: string, labels: Record<string, string>): string[] {
  const changes = [
    `ENV LD_LIBRARY_PATH=${MULTIARCH}/llama`,
    // A private root's ggml does not find its backend by itself ("no backends are loaded").
    `ENV GGML_BACKEND_PATH=${backendPath(backend)}`,
    'ENTRYPOINT ["/usr/bin/llama-server"]',
  ];
  for (const [key, value] of Object.entries(labels)) {
    if (/["\\\s]/.test(key + value))
      throw new Error(`image label ${key}=${value} needs no quoting and cannot have it`);
    changes.push(`LABEL ${key}="${value}"`);
  }
  return changes;
}
