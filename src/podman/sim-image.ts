// Builds localhost/inferload-sim:vllm and :ollama on a session's host with `podman import`: no registry needed.
// The image holds the host's own node binary, the libraries ldd lists for it, and the simulator as one file.
import { createHash } from 'node:crypto';
import { join, posix } from 'node:path';
import { build } from 'esbuild';
import { execChecked } from '../process/exec-checked.ts';
import type { RemoteSession } from '../remote/session.ts';
import { projectRoot } from '../util/paths.ts';
import { importImage, inspectImage, replaceImage } from './import-image.ts';

export const SIM_VLLM_IMAGE = 'localhost/inferload-sim:vllm';
export const SIM_OLLAMA_IMAGE = 'localhost/inferload-sim:ollama';
export type SimImageKind = 'vllm' | 'ollama';
/** Bump when the recipe changes, so existing images are rebuilt. */
const RECIPE_VERSION = 1;
const DIGEST_LABEL = 'io.inferload.sim-digest';
const ROOT_OWNED = ['--numeric-owner', '--owner=0', '--group=0'];

export interface SimImageOptions {
  kind: SimImageKind;
  /** Default SIM_VLLM_IMAGE or SIM_OLLAMA_IMAGE. */
  image?: string;
  /** Build even when an image with the same content digest exists. */
  force?: boolean;
  onProgress?: (line: string) => void;
}

export interface SimImageResult {
  image: string;
  id: string;
  /** False when an up-to-date image was already there. */
  built: boolean;
  digest: string;
}

/** The simulator's program as one CommonJS file (src/sim/sim-main.ts and everything it imports). */
export async function bundleSim(): Promise<string> {
  const result = await build({
    entryPoints: [join(projectRoot, 'src', 'sim', 'sim-main.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    legalComments: 'none',
    banner: { js: '// inferload simulator (vLLM / Ollama personas), bundled from src/sim; do not edit' },
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no simulator bundle');
  return file.text;
}

/** Absolute paths of the libraries and the ELF interpreter in `ldd` output. */
export function parseLddPaths(output: string): string[] {
  const paths = output.split('\n').flatMap((line) => {
    const match = /=>\s*(\/\S+)\s*\(/.exec(line) ?? /^\s*(\/\S+)\s*\(/.exec(line);
    return match?.[1] ? [match[1]] : [];
  });
  return [...new Set(paths)];
}

/** `podman import --change` instructions: the entrypoint that takes vLLM's arguments or Ollama's `serve`. */
export function simImageChanges(kind: SimImageKind, nodePath: string, digest: string): string[] {
  const entrypoint = JSON.stringify([nodePath, '/sim.js', '--as', kind]);
  const changes = [`ENTRYPOINT ${entrypoint}`, `LABEL ${DIGEST_LABEL}="${digest}"`];
  // As in the real images: Ollama's sets OLLAMA_HOST=0.0.0.0:11434 and runs `serve`; vLLM binds every interface.
  if (kind === 'ollama') changes.push('ENV OLLAMA_HOST=0.0.0.0:11434', 'CMD ["serve"]');
  else changes.push('ENV INFERLOAD_SIM_DEFAULT_HOST=0.0.0.0');
  return changes;
}

/** Builds the image unless one with the same bundle, node binary and libraries exists; returns it. */
export async function ensureSimImage(
  session: Pick<RemoteSession, 'exec' | 'upload'>,
  options: SimImageOptions,
): Promise<SimImageResult> {
  const image = options.image ?? (options.kind === 'vllm' ? SIM_VLLM_IMAGE : SIM_OLLAMA_IMAGE);
  const progress = options.onProgress ?? (() => undefined);
  progress('bundling the simulator');
  const bundle = await bundleSim();
  const nodePath = (await execChecked(session, ['node', '-p', 'process.execPath'])).stdout.trim();
  const nodeVersion = (await execChecked(session, [nodePath, '--version'])).stdout.trim();
  const libraries = parseLddPaths((await execChecked(session, ['ldd', nodePath])).stdout);
  const digest = createHash('sha256')
    .update(JSON.stringify([RECIPE_VERSION, options.kind, nodePath, nodeVersion, libraries, bundle]))
    .digest('hex')
    .slice(0, 16);

  const existing = await inspectImage(session, image);
  if (existing && existing.labels[DIGEST_LABEL] === digest && !options.force) {
    progress(`${image} is up to date (${digest})`);
    return { image, id: existing.id, built: false, digest };
  }
  const work = (
    await execChecked(session, ['mktemp', '-d', '-t', 'inferload-sim-image.XXXXXX'])
  ).stdout.trim();
  try {
    await session.upload(bundle, posix.join(work, 'root', 'sim.js'));
    const tarFile = posix.join(work, 'rootfs.tar');
    const hostFiles = [nodePath, ...libraries].map((path) => path.replace(/^\/+/, ''));
    progress(`packing node ${nodeVersion} with ${libraries.length} libraries`);
    // --dereference: library links (and /lib64 itself) become plain files in the image.
    await execChecked(session, [
      'tar',
      '--create',
      '--file',
      tarFile,
      ...ROOT_OWNED,
      '--dereference',
      '-C',
      '/',
      ...hostFiles,
      '-C',
      posix.join(work, 'root'),
      'sim.js',
    ]);
    progress(`importing ${image}`);
    const message = `inferload: simulated ${options.kind} (${digest})`;
    const changes = simImageChanges(options.kind, nodePath, digest);
    await importImage(session, { tarFile, image, changes, message });
  } finally {
    await session.exec(['rm', '-rf', '--', work]);
  }
  return { image, id: await replaceImage(session, image, existing), built: true, digest };
}
