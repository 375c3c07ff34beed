import type { ExecResult } from '../process/command-runner.ts';
import { runCommandSync } from '../process/run-command-sync.ts';
import { UserError } from '../util/errors.ts';

export const ENGINES = ['auto', 'k6', 'embedded'] as const;
export type EngineName = (typeof ENGINES)[number];

export interface EngineChoice {
  engine: 'k6' | 'embedded';
  /** The k6 binary, when k6 runs the profile. */
  k6Bin?: string;
  /** Which bundle: the streaming one needs k6/x/sse, the .http one runs on any k6. */
  bundle: 'stream' | 'http';
  /** One line for the user: which engine and why. */
  why: string;
}

interface K6Info {
  bin: string;
  version: string;
  hasSse: boolean;
}

/** Looks for a k6 binary (K6_BIN, else `k6` on PATH) and whether it was built with xk6-sse. */
export function detectK6(env: NodeJS.ProcessEnv = process.env): K6Info | undefined {
  const bin = env['K6_BIN'] || 'k6';
  let result: ExecResult;
  try {
    // `env` is the whole environment k6 sees, as the caller gives it.
    result = runCommandSync([bin, 'version'], { env, inheritEnv: false, timeoutMs: 10_000 });
  } catch {
    return undefined; // a k6 that hangs on `version` counts as none
  }
  if (result.code !== 0) return undefined;
  const text = `${result.stdout}${result.stderr}`;
  return { bin, version: text.split('\n')[0]?.trim() ?? 'k6', hasSse: /xk6-sse|k6\/x\/sse/.test(text) };
}

/** ENGINE=auto|k6|embedded: auto takes a k6 that has what the profile needs, else the embedded engine. */
export function chooseEngine(requested: EngineName, stream: boolean, k6: K6Info | undefined): EngineChoice {
  if (requested === 'embedded')
    return { engine: 'embedded', bundle: 'stream', why: 'embedded engine (ENGINE=embedded)' };
  if (requested === 'k6') {
    if (!k6) throw new UserError('ENGINE=k6: no k6 found (set K6_BIN or put k6 on PATH), or use ENGINE=auto');
    if (stream && !k6.hasSse) {
      throw new UserError(
        `ENGINE=k6: ${k6.bin} (${k6.version}) has no k6/x/sse extension, which streaming needs; ` +
          'use a k6 built with xk6-sse, STREAM=false, or ENGINE=embedded',
      );
    }
    return {
      engine: 'k6',
      k6Bin: k6.bin,
      bundle: stream ? 'stream' : 'http',
      why: `k6 ${k6.version} (ENGINE=k6)`,
    };
  }
  if (k6 && (k6.hasSse || !stream)) {
    return {
      engine: 'k6',
      k6Bin: k6.bin,
      bundle: stream ? 'stream' : 'http',
      why: `k6 found: ${k6.version}`,
    };
  }
  const why = k6
    ? `embedded engine (${k6.bin} has no k6/x/sse extension for streaming)`
    : 'embedded engine (no k6 on PATH or K6_BIN)';
  return { engine: 'embedded', bundle: 'stream', why };
}
