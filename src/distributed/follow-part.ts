// A part's raw samples while it runs: its k6 JSON output followed on its own host (tail -F, the wanted metrics
// picked out there by grep so only they cross the session), parsed line by line and moved onto our clock. For
// the live judgement of a split run (a capacity step that ends once steady); the exact merge still reads the
// whole file at the end.
import type { MetricPoint } from '../results/read-metric-points.ts';
import { createPointParser } from '../results/read-metric-points.ts';
import type { StreamingCommand } from '../remote/session.ts';
import type { StartedPart } from './run-part.ts';

// $1: the file; the rest: grep's fixed patterns. The file may not exist yet (tail -F waits for it). tail -F
// writes nothing once the part is done, so no SIGPIPE would end it when the session goes: the script writes an
// empty line every second (the reader skips it) and ends its process group once that write fails (stopped, or
// the session lost: the channel's pipe is closed) or the part's folder is removed (its files were fetched).
const FOLLOW = [
  "trap '' PIPE",
  'f=$1; shift',
  'tail -c +1 -F "$f" 2>/dev/null | grep --line-buffered -F "$@" &',
  'while [ -d "${f%/*}" ] && echo; do sleep 1; done',
  'kill 0',
].join('\n');

/**
 * Follows `part`'s metrics file for `metrics` (every metric when undefined); each sample goes to `onPoint` with
 * its time on our clock.
 */
export function followPart(
  part: Pick<StartedPart, 'session' | 'paths' | 'offset'>,
  metrics: readonly string[] | undefined,
  onPoint: (point: MetricPoint) => void,
): StreamingCommand {
  const parse = createPointParser(metrics);
  const patterns =
    metrics === undefined ? ['-e', '"Point"'] : metrics.flatMap((metric) => ['-e', `"metric":"${metric}"`]);
  let rest = '';
  return part.session.stream(['sh', '-c', FOLLOW, 'sh', part.paths.metrics, ...patterns], (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const point = parse(line);
      if (point) onPoint({ ...point, time: point.time - part.offset.offsetMs });
    }
  });
}
