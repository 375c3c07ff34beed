// nginx in front of a server's instances: the configuration and the script that runs it, every value quoted.
import type { ProxyBalance } from '../config/types.ts';
import { quoteNginx, quoteNginxText } from './nginx-quote.ts';
import { renderTemplate } from './templates.ts';

/** The header and the error type nginx's own 502/504 answers carry (profiles/lib/proxy-error.ts reads them). */
export const PROXY_ERROR_HEADER = 'X-Inferload-Proxy-Error';
export const PROXY_ERROR_TYPE = 'inferload_proxy_error';

/** What the proxy is, as computed from the server and the preset. */
export interface NginxSpec {
  server: string;
  /** `address:port` nginx listens on (the server's own port). */
  listen: string;
  /** `address:port` of each instance. */
  upstreams: string[];
  balance: ProxyBalance;
  keepalive: number;
  connectTimeoutSeconds: number;
  readTimeoutSeconds: number;
  /** Pass a request an instance refused (connection error or timeout) to the next one. */
  retry: boolean;
}

const MESSAGES = { 502: 'no instance answered (bad gateway)', 504: 'the instance did not answer in time' };

/** nginx.conf for the spec; `fingerprint` goes into its header comment. */
export function renderNginxConf(spec: NginxSpec, fingerprint: string): string {
  const errors = ([502, 504] as const).map((code) => ({
    code,
    body: quoteNginxText(
      JSON.stringify({
        error: { message: `inferload nginx: ${MESSAGES[code]}`, type: PROXY_ERROR_TYPE, code },
      }),
      'error body',
    ),
  }));
  return renderTemplate('nginx.conf', {
    server: JSON.stringify(spec.server),
    count: spec.upstreams.length,
    fingerprint,
    leastConn: spec.balance === 'least_conn',
    upstreams: spec.upstreams.map((u) => quoteNginx(u, 'instance address')),
    keepalive: spec.keepalive,
    listen: quoteNginx(spec.listen, 'listen address'),
    connectTimeout: spec.connectTimeoutSeconds,
    readTimeout: spec.readTimeoutSeconds,
    nextUpstream: spec.retry ? 'error timeout' : 'off',
    header: PROXY_ERROR_HEADER,
    errors,
  });
}

/** run.sh for nginx: `binary` from the server's proxy_binary (default nginx), started from the prefix. */
export function renderNginxRun(server: string, binary: string, fingerprint: string): string {
  return renderTemplate('nginx-run.sh', { server, binary, fingerprint });
}
