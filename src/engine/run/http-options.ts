import type { SharedHttpOptions } from '../modules/http/index.ts';

/** The shared HTTP client's settings from the script's options (userAgent, maxRedirects, batch, ...). */
export function httpOptionsFrom(o: Record<string, unknown>): SharedHttpOptions {
  const num = (key: string): number | undefined =>
    typeof o[key] === 'number' ? (o[key] as number) : undefined;
  const maxRedirects = num('maxRedirects');
  const batch = num('batch');
  const batchPerHost = num('batchPerHost');
  return {
    ...(typeof o['userAgent'] === 'string' ? { userAgent: o['userAgent'] } : {}),
    ...(maxRedirects !== undefined ? { maxRedirects } : {}),
    ...(batch !== undefined ? { batch } : {}),
    ...(batchPerHost !== undefined ? { batchPerHost } : {}),
    ...(o['insecureSkipTLSVerify'] === true ? { insecureSkipTLSVerify: true } : {}),
  };
}
