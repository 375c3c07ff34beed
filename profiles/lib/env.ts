// The environment contract of every profile (documented in docs/profiles.md): read and validated once at init.
export type Api = 'openai' | 'llamacpp' | 'ollama';
export type Mode = 'vus' | 'rate';

export interface ProfileEnv {
  targetUrl: string;
  api: Api;
  model: string;
  stream: boolean;
  maxTokens: number;
  prompts: string;
  timeScale: number;
  mode: Mode;
  rate: number | undefined;
  ignoreEos: boolean;
  timeoutSeconds: number;
}

function fail(key: string, value: string, expected: string): never {
  throw new Error(`environment variable ${key}: expected ${expected}, got '${value}'`);
}

function oneOf<T extends string>(key: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  return found ?? fail(key, value, `one of ${allowed.join(', ')}`);
}

function positive(key: string, value: string, integer: boolean): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    return fail(key, value, integer ? 'a positive integer' : 'a positive number');
  }
  return n;
}

function bool(key: string, value: string): boolean {
  return oneOf(key, value.toLowerCase(), ['true', 'false', '1', '0']) === 'true' || value === '1';
}

/** Reads the profile's environment: `-e KEY=VALUE` on k6's command line, or the process environment. */
export function readProfileEnv(env: Record<string, string | undefined>, httpOnly: boolean): ProfileEnv {
  const get = (key: string, fallback: string): string => env[key] ?? fallback;
  const targetUrl = get('TARGET_URL', 'http://127.0.0.1:8080').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(targetUrl)) fail('TARGET_URL', targetUrl, 'an http:// or https:// URL');
  const stream = bool('STREAM', get('STREAM', httpOnly ? 'false' : 'true'));
  if (stream && httpOnly) {
    fail(
      'STREAM',
      'true',
      "'false' in this .http.js bundle (streaming needs k6/x/sse: use the other bundle)",
    );
  }
  const mode = oneOf('MODE', get('MODE', 'vus'), ['vus', 'rate'] as const);
  const rateText = env['RATE'];
  return {
    targetUrl,
    api: oneOf('API', get('API', 'openai'), ['openai', 'llamacpp', 'ollama'] as const),
    model: get('MODEL', 'default'),
    stream,
    maxTokens: positive('MAX_TOKENS', get('MAX_TOKENS', '128'), true),
    prompts: get('PROMPTS', 'short'),
    timeScale: positive('TIME_SCALE', get('TIME_SCALE', '1'), false),
    mode,
    rate: rateText === undefined ? undefined : positive('RATE', rateText, false),
    ignoreEos: bool('IGNORE_EOS', get('IGNORE_EOS', 'true')),
    timeoutSeconds: positive('REQUEST_TIMEOUT', get('REQUEST_TIMEOUT', '120'), false),
  };
}
