// A part's raw samples while it runs: its k6 JSON output followed on its own host (tail -F over the session),
// copied byte for byte into the run folder as it is written, and parsed line by line onto our clock for a live
// judgement (a capacity step that ends once steady). At the end the copy is checked against the file's size
// there: whole, nothing is fetched again; a host lost mid-run leaves the copy of what it wrote.
import { createWriteStream } from 'node:fs';
import type { MetricPoint } from '../results/read-metric-points.ts';
import { createPointParser } from '../results/read-metric-points.ts';
import type { StartedPart } from './run-part.ts';

// $1: the file, which may not exist yet (tail -F waits for it). tail -F writes nothing once the part is done,
// so no SIGPIPE would end it when the session goes: the script writes an empty line to stderr every second and
// ends its process group once that write fails (stopped, or the session lost: the channel's pipes are closed)
// or once the part's folder is removed (its files were fetched). stdout carries the file's bytes only.
const FOLLOW = [
  "trap '' PIPE",
  'f=$1',
  'tail -s 0.2 -c +1 -F "$f" 2>/dev/null &',
  'while [ -d "${f%/*}" ] && echo >&2; do sleep 1; done',
  'kill 0',
].join('\n');

export interface PartFollower {
  /** Settles when the follower has ended on its host (by stop, or by itself). */
  readonly done: Promise<unknown>;
  /** Bytes of the part's file copied so far. */
  bytes(): number;
  /**
   * Waits (at most `ms`) until the copy holds `size` bytes, the file's size on its host (undefined: unknown),
   * then stops following and closes the copy; resolves with the bytes copied.
   */
  finish(size: number | undefined, ms: number): Promise<number>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Follows `part`'s metrics file into `copyPath`; each sample of `metrics` (every metric when undefined) goes to
 * `onPoint` with its time on our clock.
 */
export function followPart(
  part: Pick<StartedPart, 'session' | 'paths' | 'offset'>,
  copyPath: string,
  metrics: readonly string[] | undefined,
  onPoint?: (point: MetricPoint) => void,
): PartFollower {
  const parse = createPointParser(metrics);
  const copy = createWriteStream(copyPath);
  let copied = 0;
  let rest = '';
  let finished: Promise<number> | undefined;
  const command = part.session.stream(['sh', '-c', FOLLOW, 'sh', part.paths.metrics], (chunk) => {
    copy.write(chunk);
    copied += Buffer.byteLength(chunk);
    if (!onPoint) return;
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const point = parse(line);
      if (point) onPoint({ ...point, time: point.time - part.offset.offsetMs });
    }
  });
  // Over SSH the command ends on its host at its next write after stop(), not before: never waited for.
  const done = command.done.catch(() => undefined);
  return {
    done,
    bytes: () => copied,
    finish(size, ms) {
      finished ??= (async () => {
        const deadline = Date.now() + ms;
        while (copied !== size && Date.now() < deadline) await sleep(50);
        command.stop();
        await new Promise<void>((resolve) => copy.end(() => resolve()));
        return copied;
      })();
      return finished;
    },
  };
}
