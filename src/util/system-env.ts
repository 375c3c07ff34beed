/** The process environment as k6 passes it to __ENV: only keys that are valid identifiers. */
export function systemEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(key)) out[key] = value;
  }
  return out;
}
