// The run's dialer: k6's `hosts` overrides (the Host header and TLS server name stay the script's) and the
// tlsAuth client certificate for the host, in front of undici's connector.
import type { Socket } from 'node:net';
import { isIP } from 'node:net';
import type { buildConnector } from 'undici';
import { type ClientCertificate, clientCertificateFor } from './tls-options.ts';

/** undici's connector; at run time it returns the socket it creates (its typings say void). */
export type Connector = (options: buildConnector.Options, callback: buildConnector.Callback) => Socket;

/** Where a host name (or "name:port") is dialled instead: "ip" or "ip:port". */
export type HostOverrides = Readonly<Record<string, string>>;

/** Builds one connector per client certificate (and one without), each from `build`. */
export function createRunConnector(
  base: buildConnector.BuildOptions,
  build: (options: buildConnector.BuildOptions) => Connector,
  hosts: HostOverrides | undefined,
  certificates: readonly ClientCertificate[] | undefined,
): Connector {
  const plain = build(base);
  const byCertificate = new Map<ClientCertificate, Connector>();
  const connectorFor = (hostname: string): Connector => {
    const certificate = clientCertificateFor(certificates, hostname);
    if (certificate === undefined) return plain;
    let connect = byCertificate.get(certificate);
    if (connect === undefined) {
      const { cert, key, password } = certificate;
      connect = build({ ...base, cert, key, ...(password !== undefined ? { passphrase: password } : {}) });
      byCertificate.set(certificate, connect);
    }
    return connect;
  };
  if (hosts === undefined && certificates === undefined) return plain;
  return (options, callback) => {
    const connect = connectorFor(options.hostname);
    const port = options.port || (options.protocol === 'https:' ? '443' : '80');
    const dial = resolveOverride(hosts, options.hostname, port);
    // undici takes the TLS server name from `host` (the script's), which stays as it was.
    return dial === undefined ? connect(options, callback) : connect({ ...options, ...dial }, callback);
  };
}

/** The address `hostname:port` is dialled at under `hosts` ("name:port" wins over "name"), if overridden. */
export function resolveOverride(
  hosts: HostOverrides | undefined,
  hostname: string,
  port: string,
): { hostname: string; port: string } | undefined {
  if (hosts === undefined) return undefined;
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  const value = hosts[`${bare}:${port}`] ?? hosts[bare];
  if (value === undefined) return undefined;
  const match = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(value);
  const host = isIP(value) === 6 ? value : (match?.[1] ?? value);
  const mappedPort = isIP(value) === 6 ? undefined : match?.[2];
  return { hostname: host, port: mappedPort ?? port };
}
