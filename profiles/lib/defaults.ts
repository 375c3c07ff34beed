// The profile environment contract as data: each variable's default and allowed values. Read by the profiles
// (env.ts) and by the runner, which validates a run's variables before anything is started or saved.

/** Built-in prompt sets; any other PROMPTS value is a file path. */
export const BUILTIN_PROMPT_SETS = ['short', 'medium', 'long', 'shared-prefix'] as const;

export const PROFILE_CHOICES = {
  API: ['openai', 'llamacpp', 'ollama'],
  STREAM: ['true', 'false'],
  MODE: ['vus', 'rate'],
  IGNORE_EOS: ['true', 'false'],
} as const;

/** Defaults of the streaming bundle (the .http.js bundle defaults STREAM to false). */
export const PROFILE_DEFAULTS = {
  TARGET_URL: 'http://127.0.0.1:8080',
  API: 'openai',
  MODEL: 'default',
  STREAM: 'true',
  MAX_TOKENS: '128',
  PROMPTS: 'short',
  TIME_SCALE: '1',
  MODE: 'vus',
  IGNORE_EOS: 'true',
  REQUEST_TIMEOUT: '120',
  // Seconds of nothing but failures before a VU backs off and says so; 0 turns the watchdog off.
  WATCHDOG_SECONDS: '10',
  // Seconds of nothing but failures before the run is ended as failed (the target went away).
  WATCHDOG_GRACE_SECONDS: '30',
} as const;

export type ProfileVariable = keyof typeof PROFILE_DEFAULTS | 'RATE';
