import { UserError } from '../util/errors.ts';
import { describeFetchError } from '../local/wait-health.ts';

/** Where each API answers a cheap GET that proves the server is there and ready. */
const PROBE_PATHS: Record<string, string[]> = {
  openai: ['/health', '/v1/models'],
  llamacpp: ['/health'],
  ollama: ['/api/version', '/api/tags'],
};

/** Checks the target before any load: an unreachable or unready server is one clear error, not minutes of failures. */
export async function probeTarget(targetUrl: string, api: string, timeoutMs = 5000): Promise<string> {
  const paths = PROBE_PATHS[api] ?? ['/health'];
  let last = '';
  for (const path of paths) {
    const url = `${targetUrl}${path}`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel();
      if (response.ok) return `${url} answered ${response.status}`;
      last = `${url} answered HTTP ${response.status}${response.status === 503 ? ' (still loading?)' : ''}`;
      if (response.status === 503) break;
    } catch (error) {
      last = `${url}: ${describeFetchError(error)}`;
      break; // nothing listens there: another path will not answer either
    }
  }
  throw new UserError(
    `target not ready: ${last}. Start the server (or 'inferload local start') and try again`,
  );
}
