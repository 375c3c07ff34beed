// Splits the sampler's output into frames, and a frame into the lines of each file read.

/** One frame: each file's lines by path, and the GPU command's output since the last frame. */
export interface HostFrame {
  files: Map<string, string[]>;
  gpu?: string[];
  /** When the frame arrived, on the run's clock (ms since start) and the wall clock (epoch ms). */
  t: number;
  ts: number;
}

/** Reassembles frames from stdout chunks; `paths` are the files the sampler reads (for `path:line`). */
export class HostFrameReader {
  #buffer = '';
  readonly #paths: ReadonlySet<string>;

  constructor(paths: readonly string[]) {
    this.#paths = new Set(paths);
  }

  /** Feeds a chunk; returns the frames it completed (their times are set by the caller). */
  push(chunk: string): Omit<HostFrame, 't' | 'ts'>[] {
    this.#buffer += chunk;
    const frames: Omit<HostFrame, 't' | 'ts'>[] = [];
    for (let end = markerAt(this.#buffer, '@@end\n'); end >= 0; end = markerAt(this.#buffer, '@@end\n')) {
      const text = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 6);
      // The last frame start wins: anything before it is a frame cut short, or a banner.
      const last = text.lastIndexOf('\n@@frame\n');
      const start = last >= 0 ? last + 1 : text.startsWith('@@frame\n') ? 0 : -1;
      if (start >= 0) frames.push(this.#parse(text.slice(start + 8)));
    }
    return frames;
  }

  #parse(text: string): Omit<HostFrame, 't' | 'ts'> {
    const gpuAt = text.indexOf('@@gpu\n');
    const fileText = gpuAt >= 0 ? text.slice(0, gpuAt) : text;
    const files = splitGrepLines(fileText.split('\n'), this.#paths);
    if (gpuAt < 0) return { files };
    return {
      files,
      gpu: text
        .slice(gpuAt + 6)
        .split('\n')
        .filter((l) => l !== ''),
    };
  }
}

/** Groups `grep -H '' files...` output by file; a path is the first known prefix before a ':'. */
export function splitGrepLines(lines: readonly string[], paths?: ReadonlySet<string>): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const line of lines) {
    let colon = line.indexOf(':');
    if (paths) while (colon >= 0 && !paths.has(line.slice(0, colon))) colon = line.indexOf(':', colon + 1);
    if (colon < 0) continue;
    const path = line.slice(0, colon);
    const list = files.get(path);
    if (list) list.push(line.slice(colon + 1));
    else files.set(path, [line.slice(colon + 1)]);
  }
  return files;
}

// A marker counts only as a whole line: a file's own text may end in the same characters.
function markerAt(text: string, marker: string): number {
  if (text.startsWith(marker)) return 0;
  const at = text.indexOf(`\n${marker}`);
  return at < 0 ? -1 : at + 1;
}
