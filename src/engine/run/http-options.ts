// The run's HTTP settings from the script's options: k6's userAgent, maxRedirects, batch, batchPerHost,
// insecureSkipTLSVerify, tlsVersion, tlsCipherSuites, tlsAuth, hosts, noConnectionReuse and noCookiesReset,
// each checked.
import type { SharedHttpOptions } from '../modules/http/index.ts';
import {
  CIPHER_SUITE_NAMES,
  type ClientCertificate,
  TLS_VERSION_NAMES,
  isCipherSuiteName,
  isTlsVersionName,
} from '../modules/http/tls-options.ts';

/** Reads the HTTP options; a bad value throws naming the option and what was expected. */
export function httpOptionsFrom(o: Record<string, unknown>): SharedHttpOptions {
  const out: Record<string, unknown> = {};
  if (o['userAgent'] !== undefined && o['userAgent'] !== null)
    out['userAgent'] = str(o['userAgent'], 'userAgent');
  for (const key of ['maxRedirects', 'batch', 'batchPerHost'] as const) {
    if (o[key] !== undefined && o[key] !== null) out[key] = count(o[key], key);
  }
  for (const key of ['insecureSkipTLSVerify', 'noConnectionReuse', 'noCookiesReset'] as const) {
    if (o[key] !== undefined && o[key] !== null) out[key] = bool(o[key], key);
  }
  if (o['tlsVersion'] !== undefined && o['tlsVersion'] !== null)
    Object.assign(out, tlsVersion(o['tlsVersion']));
  if (o['tlsCipherSuites'] !== undefined && o['tlsCipherSuites'] !== null)
    out['cipherSuites'] = cipherSuites(o['tlsCipherSuites']);
  if (o['tlsAuth'] !== undefined && o['tlsAuth'] !== null) out['clientCertificates'] = tlsAuth(o['tlsAuth']);
  if (o['hosts'] !== undefined && o['hosts'] !== null) out['hosts'] = hosts(o['hosts']);
  return out as SharedHttpOptions;
}

// K6_* environment variables override the script's options, as in k6's config layering.
const flag = (text: string): boolean => text === 'true' || text === '1';
const ENV_KEYS: Readonly<Record<string, readonly [string, (text: string) => unknown]>> = {
  K6_USER_AGENT: ['userAgent', String],
  K6_MAX_REDIRECTS: ['maxRedirects', Number],
  K6_BATCH: ['batch', Number],
  K6_BATCH_PER_HOST: ['batchPerHost', Number],
  K6_INSECURE_SKIP_TLS_VERIFY: ['insecureSkipTLSVerify', flag],
  K6_NO_CONNECTION_REUSE: ['noConnectionReuse', flag],
  K6_NO_COOKIES_RESET: ['noCookiesReset', flag],
};

/** The script's options with the K6_* variables of `env` laid over them. */
export function withHttpEnv(
  o: Record<string, unknown>,
  env: Record<string, string>,
): Record<string, unknown> {
  const out = { ...o };
  for (const [name, read] of Object.entries(ENV_KEYS)) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    out[read[0]] = read[1](text);
  }
  return out;
}

function fail(key: string, expected: string, value: unknown): never {
  throw new Error(`options.${key}: expected ${expected}, got ${JSON.stringify(value) ?? String(value)}`);
}

function str(value: unknown, key: string): string {
  return typeof value === 'string' ? value : fail(key, 'a string', value);
}

function bool(value: unknown, key: string): boolean {
  return typeof value === 'boolean' ? value : fail(key, 'true or false', value);
}

function count(value: unknown, key: string): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0
    ? value
    : fail(key, 'a whole number from 0', value);
}

function version(value: unknown, key: string): string {
  if (typeof value === 'string' && isTlsVersionName(value)) return value;
  return fail(key, `one of ${TLS_VERSION_NAMES.join(', ')}`, value);
}

// k6 takes one version ("tls1.2": min and max) or {min, max}.
function tlsVersion(value: unknown): { minVersion?: string; maxVersion?: string } {
  if (typeof value === 'string') {
    const v = version(value, 'tlsVersion');
    return { minVersion: v, maxVersion: v };
  }
  if (typeof value !== 'object' || Array.isArray(value))
    return fail('tlsVersion', 'a version or {min, max}', value);
  const { min, max } = value as Record<string, unknown>;
  return {
    ...(min !== undefined && min !== '' ? { minVersion: version(min, 'tlsVersion.min') } : {}),
    ...(max !== undefined && max !== '' ? { maxVersion: version(max, 'tlsVersion.max') } : {}),
  };
}

function cipherSuites(value: unknown): string[] {
  if (!Array.isArray(value)) return fail('tlsCipherSuites', 'an array of cipher suite names', value);
  return value.map((name, i) =>
    typeof name === 'string' && isCipherSuiteName(name)
      ? name
      : fail(`tlsCipherSuites[${i}]`, `one of ${CIPHER_SUITE_NAMES.join(', ')}`, name),
  );
}

function tlsAuth(value: unknown): ClientCertificate[] {
  if (!Array.isArray(value)) return fail('tlsAuth', 'an array of {domains, cert, key}', value);
  return value.map((entry: unknown, i) => {
    const key = `tlsAuth[${i}]`;
    if (typeof entry !== 'object' || entry === null)
      return fail(key, 'an object {domains, cert, key}', entry);
    const e = entry as Record<string, unknown>;
    const domains = e['domains'] ?? [];
    if (!Array.isArray(domains) || !domains.every((d) => typeof d === 'string'))
      return fail(`${key}.domains`, 'an array of host names', domains);
    return {
      domains: domains as string[],
      cert: str(e['cert'], `${key}.cert`),
      key: str(e['key'], `${key}.key`),
      ...(e['password'] !== undefined ? { password: str(e['password'], `${key}.password`) } : {}),
    };
  });
}

function hosts(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || Array.isArray(value) || value === null)
    return fail('hosts', 'an object of host name -> address', value);
  const out: Record<string, string> = {};
  for (const [name, address] of Object.entries(value)) out[name] = str(address, `hosts["${name}"]`);
  return out;
}
