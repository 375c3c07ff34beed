// k6's TLS options (tlsVersion, tlsCipherSuites, tlsAuth, insecureSkipTLSVerify) as Node's tls.connect options.
import type { ConnectionOptions } from 'node:tls';

/** A client certificate offered to the hosts in `domains` (k6's tlsAuth entry). */
export interface ClientCertificate {
  readonly domains: readonly string[];
  readonly cert: string;
  readonly key: string;
  readonly password?: string;
}

/** The TLS part of the run's HTTP settings, already validated. */
export interface TlsSettings {
  readonly insecureSkipTLSVerify?: boolean;
  /** k6 spellings: "ssl3.0", "tls1.0" ... "tls1.3". */
  readonly minVersion?: string;
  readonly maxVersion?: string;
  /** Go names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256. */
  readonly cipherSuites?: readonly string[];
  readonly clientCertificates?: readonly ClientCertificate[];
}

type NodeTlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

// OpenSSL has no SSL 3.0 any more: its floor is TLS 1.0.
const VERSIONS: Readonly<Record<string, NodeTlsVersion>> = {
  'ssl3.0': 'TLSv1',
  'tls1.0': 'TLSv1',
  'tls1.1': 'TLSv1.1',
  'tls1.2': 'TLSv1.2',
  'tls1.3': 'TLSv1.3',
};

/** k6's supported suites (lib/tls.go SupportedTLSCipherSuites), Go name -> OpenSSL name. */
const CIPHER_SUITES: Readonly<Record<string, string>> = {
  TLS_RSA_WITH_RC4_128_SHA: 'RC4-SHA',
  TLS_RSA_WITH_3DES_EDE_CBC_SHA: 'DES-CBC3-SHA',
  TLS_RSA_WITH_AES_128_CBC_SHA: 'AES128-SHA',
  TLS_RSA_WITH_AES_256_CBC_SHA: 'AES256-SHA',
  TLS_RSA_WITH_AES_128_CBC_SHA256: 'AES128-SHA256',
  TLS_RSA_WITH_AES_128_GCM_SHA256: 'AES128-GCM-SHA256',
  TLS_RSA_WITH_AES_256_GCM_SHA384: 'AES256-GCM-SHA384',
  TLS_ECDHE_ECDSA_WITH_RC4_128_SHA: 'ECDHE-ECDSA-RC4-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA: 'ECDHE-ECDSA-AES128-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA: 'ECDHE-ECDSA-AES256-SHA',
  TLS_ECDHE_RSA_WITH_RC4_128_SHA: 'ECDHE-RSA-RC4-SHA',
  TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA: 'ECDHE-RSA-DES-CBC3-SHA',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA: 'ECDHE-RSA-AES128-SHA',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA: 'ECDHE-RSA-AES256-SHA',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: 'ECDHE-ECDSA-AES128-SHA256',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: 'ECDHE-RSA-AES128-SHA256',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305: 'ECDHE-RSA-CHACHA20-POLY1305',
  TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  TLS_AES_128_GCM_SHA256: 'TLS_AES_128_GCM_SHA256',
  TLS_AES_256_GCM_SHA384: 'TLS_AES_256_GCM_SHA384',
  TLS_CHACHA20_POLY1305_SHA256: 'TLS_CHACHA20_POLY1305_SHA256',
};

/** The k6 spellings tlsVersion accepts. */
export const TLS_VERSION_NAMES: readonly string[] = Object.keys(VERSIONS);
/** The Go cipher suite names tlsCipherSuites accepts. */
export const CIPHER_SUITE_NAMES: readonly string[] = Object.keys(CIPHER_SUITES);

/** True for a version name k6 knows. */
export function isTlsVersionName(name: string): boolean {
  return name in VERSIONS;
}

/** True for a cipher suite name k6 knows. */
export function isCipherSuiteName(name: string): boolean {
  return name in CIPHER_SUITES;
}

/** tls.connect options for every connection of the run (the client certificate is chosen per host). */
export function toConnectOptions(tls: TlsSettings): ConnectionOptions {
  const options: ConnectionOptions = { rejectUnauthorized: tls.insecureSkipTLSVerify !== true };
  if (tls.minVersion !== undefined) options.minVersion = VERSIONS[tls.minVersion];
  if (tls.maxVersion !== undefined) options.maxVersion = VERSIONS[tls.maxVersion];
  if (tls.cipherSuites !== undefined && tls.cipherSuites.length > 0) {
    options.ciphers = tls.cipherSuites.map((name) => CIPHER_SUITES[name] ?? name).join(':');
  }
  return options;
}

/** The tlsAuth entry whose domains name `hostname` ("*.example.com" matches one label), if any. */
export function clientCertificateFor(
  certificates: readonly ClientCertificate[] | undefined,
  hostname: string,
): ClientCertificate | undefined {
  return certificates?.find((entry) => entry.domains.some((domain) => domainMatches(domain, hostname)));
}

function domainMatches(domain: string, hostname: string): boolean {
  if (domain === hostname) return true;
  if (!domain.startsWith('*.')) return false;
  const rest = hostname.slice(hostname.indexOf('.') + 1);
  return hostname.includes('.') && rest === domain.slice(2);
}

/** k6's tls_cipher_suite: Go's name, which is IANA's except for the CHACHA20 suites' missing _SHA256. */
export function goCipherSuiteName(standardName: string | undefined): string {
  if (standardName === undefined) return '';
  return standardName.startsWith('TLS_ECDHE_')
    ? standardName.replace(/_POLY1305_SHA256$/, '_POLY1305')
    : standardName;
}
