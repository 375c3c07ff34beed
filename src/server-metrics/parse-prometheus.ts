/** One sample line of the Prometheus text exposition format. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"\s*,?\s*/gy;

/** Parses Prometheus text (version 0.0.4): comments skipped, label escapes undone, NaN and ±Inf kept. */
export function parsePrometheus(text: string): PromSample[] {
  const samples: PromSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    const body = match[3];
    if (body) {
      LABEL.lastIndex = 0;
      for (let m = LABEL.exec(body); m; m = LABEL.exec(body)) {
        labels[m[1] as string] = (m[2] as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      }
    }
    samples.push({ name: match[1] as string, labels, value: parseValue(match[4] as string) });
  }
  return samples;
}

function parseValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** The value of the first sample with this name (and no label filter), or undefined. */
export function metricValue(samples: PromSample[], name: string): number | undefined {
  return samples.find((s) => s.name === name)?.value;
}
