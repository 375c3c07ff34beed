// `podman import` of a root tarball as a tagged image, and reading an image's id and labels: shared by the
// llama-server image and the simulator's images.
import type { CommandRunner } from '../process/command-runner.ts';
import { execChecked } from '../process/exec-checked.ts';
import { asRecord, firstRecord, stringField, stringMapField } from './json-fields.ts';

export interface ImageInfo {
  id: string;
  labels: Record<string, string>;
}

/** The image's id and labels (image and config labels merged), or undefined when there is no such image. */
export async function inspectImage(runner: CommandRunner, image: string): Promise<ImageInfo | undefined> {
  const result = await runner.exec(['podman', 'image', 'inspect', image]);
  if (result.code !== 0) return undefined;
  const record = firstRecord(result.stdout, 'podman image inspect');
  const labels = {
    ...stringMapField(asRecord(record['Config']), 'Labels'),
    ...stringMapField(record, 'Labels'),
  };
  return { id: stringField(record, 'Id') ?? '', labels };
}

/** Imports `tarFile` as `image` with the `--change` instructions and commit message given. */
export async function importImage(
  runner: CommandRunner,
  options: { tarFile: string; image: string; changes: string[]; message: string },
): Promise<void> {
  const { tarFile, image, changes, message } = options;
  await execChecked(runner, [
    'podman',
    'import',
    '--quiet',
    ...changes.flatMap((change) => ['--change', change]),
    '--message',
    message,
    tarFile,
    image,
  ]);
}

/**
 * After an import: checks `image` is there and drops `previous` (the image the tag named before) unless a
 * container still uses it. Returns the new image's id.
 */
export async function replaceImage(
  runner: CommandRunner,
  image: string,
  previous: ImageInfo | undefined,
): Promise<string> {
  const built = await inspectImage(runner, image);
  if (!built) throw new Error(`podman import reported success but ${image} is not there`);
  // The previous build lost its tag; drop it unless a container still uses it.
  if (previous && previous.id !== built.id) await runner.exec(['podman', 'image', 'rm', previous.id]);
  return built.id;
}
