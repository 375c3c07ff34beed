// Builds localhost/llama-server:debian from the private Debian root with `podman import`: no registry needed.
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { llamaPaths } from '../local/llama-install.ts';
import type { CommandRunner } from '../process/command-runner.ts';
import { importImage, inspectImage, replaceImage } from './import-image.ts';
import { execChecked } from '../process/exec-checked.ts';
import {
  backendPath,
  IMAGE_LABELS,
  importChanges,
  LLAMA_IMAGE,
  llamaRootDigest,
  llamaVersionOf,
  USR_MERGE_LINKS,
} from './llama-image-recipe.ts';

// Every file belongs to root inside the image, whoever unpacked the packages.
const ROOT_OWNED = ['--numeric-owner', '--owner=0', '--group=0'];

export interface LlamaImageOptions {
  /** Default localhost/llama-server:debian. */
  image?: string;
  /** The unpacked packages on the runner's machine; default this machine's llamaPaths().root. */
  root?: string;
  /** The CPU backend variant (e.g. `zen4`); default the one setup-llama.sh chose here. */
  backend?: string;
  /** setup-llama.sh's stamp (package versions); default this machine's. */
  stamp?: string;
  /** Build even when an image with the same root digest exists. */
  force?: boolean;
  onProgress?: (line: string) => void;
}

export interface LlamaImageResult {
  image: string;
  id: string;
  /** False when an up-to-date image was already there. */
  built: boolean;
  rootDigest: string;
}

/** Builds the image unless one with the same packages, backend and recipe exists; the root itself is not touched. */
export async function ensureLlamaImage(
  runner: CommandRunner,
  options: LlamaImageOptions = {},
): Promise<LlamaImageResult> {
  const paths = llamaPaths();
  const image = options.image ?? LLAMA_IMAGE;
  const root = options.root ?? paths.root;
  const backend = options.backend ?? readFileSync(paths.backendFile, 'utf8').trim();
  const stamp = options.stamp ?? readFileSync(join(dirname(paths.root), 'stamp'), 'utf8');
  const rootDigest = llamaRootDigest(stamp, backend);
  const progress = options.onProgress ?? (() => undefined);

  const existing = await inspectImage(runner, image);
  if (existing && existing.labels[IMAGE_LABELS.rootDigest] === rootDigest && !options.force) {
    progress(`${image} is up to date (${rootDigest})`);
    return { image, id: existing.id, built: false, rootDigest };
  }
  if (!(await pathExists(runner, posix.join(root, backendPath(backend))))) {
    throw new Error(`${root} has no CPU backend ${backend}: run scripts/setup-llama.sh first`);
  }

  const work = (await execChecked(runner, ['mktemp', '-d', '-t', 'inferload-image.XXXXXX'])).stdout.trim();
  try {
    const tarFile = posix.join(work, 'rootfs.tar');
    const extra = await stageUsrMergeLinks(runner, root, posix.join(work, 'links'));
    progress(`packing ${root}${extra.length > 0 ? ` with ${extra.join(', ')}` : ''}`);
    const tar = ['tar', '--create', '--file', tarFile, ...ROOT_OWNED, '-C', root, '.'];
    if (extra.length > 0) tar.push('-C', posix.join(work, 'links'), ...extra.map((path) => `./${path}`));
    await execChecked(runner, tar);

    const labels = {
      [IMAGE_LABELS.rootDigest]: rootDigest,
      [IMAGE_LABELS.llamaVersion]: llamaVersionOf(stamp),
      [IMAGE_LABELS.cpuBackend]: backend,
    };
    progress(`importing ${image}`);
    const message = `inferload: llama-server from Debian packages (${rootDigest})`;
    const changes = importChanges(backend, labels);
    await importImage(runner, { tarFile, image, changes, message });
  } finally {
    await runner.exec(['rm', '-rf', '--', work]);
  }
  return { image, id: await replaceImage(runner, image, existing), built: true, rootDigest };
}

/** Adds the usr-merge links the root lacks under `linksDir`; returns the paths to add to the archive. */
async function stageUsrMergeLinks(runner: CommandRunner, root: string, linksDir: string): Promise<string[]> {
  const entries: string[] = [];
  for (const link of USR_MERGE_LINKS) {
    if (await pathExists(runner, posix.join(root, link.path))) continue;
    const parent = posix.dirname(link.path);
    await execChecked(runner, ['mkdir', '-p', posix.join(linksDir, parent)]);
    await execChecked(runner, ['ln', '-s', link.target, posix.join(linksDir, link.path)]);
    // A parent folder the root lacks goes in whole (with its entry); one it has gets only the link.
    const parentMissing = parent !== '.' && !(await pathExists(runner, posix.join(root, parent)));
    entries.push(parentMissing ? parent : link.path);
  }
  return entries;
}

async function pathExists(runner: CommandRunner, path: string): Promise<boolean> {
  // -L too: a link whose target only resolves inside the image still counts.
  return (await runner.exec(['test', '-e', path, '-o', '-L', path])).code === 0;
}
