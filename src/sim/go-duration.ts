// Go's time.ParseDuration, which Ollama uses for OLLAMA_KEEP_ALIVE: "5m", "1h30m", "-1m", "300ms", "0".

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds, or undefined when Go would refuse the text (a bare number other than 0 needs a unit). */
export function parseGoDuration(text: string): number | undefined {
  const match = /^([+-]?)(.*)$/.exec(text);
  const body = match?.[2] ?? '';
  if (body === '0') return 0;
  if (body === '') return undefined;
  let total = 0;
  let rest = body;
  while (rest !== '') {
    const part = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!part?.[1] || !part[2]) return undefined;
    total += Number(part[1]) * (UNIT_MS[part[2]] ?? 0);
    rest = rest.slice(part[0].length);
  }
  return match?.[1] === '-' ? -total : total;
}
