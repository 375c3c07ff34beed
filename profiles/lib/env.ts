// The environment contract of every profile (documented in docs/profiles.md): read and validated once at init.
import { PROFILE_CHOICES, PROFILE_DEFAULTS } from './defaults.ts';

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
  /** Seconds of nothing but failures before a VU backs off (0: watchdog off). */
  watchdogSeconds: number;
  /** Seconds of nothing but failures before the run ends as failed. */
  watchdogGraceSeconds: number;
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

function nonNegative(key: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    return fail(key, value, 'a number of seconds >= 0');
  return n;
}

function bool(key: string, value: string): boolean {
  return oneOf(key, value.toLowerCase(), ['true', 'false', '1', '0']) === 'true' || value === '1';
}

/** Reads the profile's environment: `-e KEY=VALUE` on k6's command line, or the process environment. */
export function readProfileEnv(env: Record<string, string | undefined>, httpOnly: boolean): ProfileEnv {
  const get = (key: keyof typeof PROFILE_DEFAULTS): string => env[key] ?? PROFILE_DEFAULTS[key];
  const targetUrl = get('TARGET_URL').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(targetUrl)) fail('TARGET_URL', targetUrl, 'an http:// or https:// URL');
  const stream = bool('STREAM', env['STREAM'] ?? (httpOnly ? 'false' : PROFILE_DEFAULTS.STREAM));
  if (stream && httpOnly) {
    fail(
      'STREAM',
      'true',
      "'false' in this .http.js bundle (streaming needs k6/x/sse: use the other bundle)",
    );
  }
  const mode = oneOf('MODE', get('MODE'), PROFILE_CHOICES.MODE);
  const rateText = env['RATE'];
  const watchdogSeconds = nonNegative('WATCHDOG_SECONDS', get('WATCHDOG_SECONDS'));
  const watchdogGraceSeconds = nonNegative('WATCHDOG_GRACE_SECONDS', get('WATCHDOG_GRACE_SECONDS'));
  if (watchdogSeconds > 0 && watchdogGraceSeconds > 0 && watchdogGraceSeconds < watchdogSeconds)
    fail(
      'WATCHDOG_GRACE_SECONDS',
      String(watchdogGraceSeconds),
      `at least WATCHDOG_SECONDS (${watchdogSeconds})`,
    );
  const prompts = get('PROMPTS');
  if (prompts.trim() === '') fail('PROMPTS', prompts, 'a prompt set name or a file path');
  return {
    targetUrl,
    api: oneOf('API', get('API'), PROFILE_CHOICES.API),
    model: get('MODEL'),
    stream,
    maxTokens: positive('MAX_TOKENS', get('MAX_TOKENS'), true),
    prompts,
    timeScale: positive('TIME_SCALE', get('TIME_SCALE'), false),
    mode,
    rate: rateText === undefined ? undefined : positive('RATE', rateText, false),
    ignoreEos: bool('IGNORE_EOS', get('IGNORE_EOS')),
    timeoutSeconds: positive('REQUEST_TIMEOUT', get('REQUEST_TIMEOUT'), false),
    watchdogSeconds,
    watchdogGraceSeconds,
  };
}
