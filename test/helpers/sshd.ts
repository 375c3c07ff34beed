// A throwaway OpenSSH server on a free loopback port, with generated host and client keys.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const SSHD_PATH = '/usr/sbin/sshd';

/** Why the sshd tests cannot run here, or undefined when they can. */
// CI installs openssh, so there a missing sshd fails the tests instead of skipping them.
export const sshdSkipReason: string | undefined =
  process.env['CI'] || (existsSync(SSHD_PATH) && spawnSync('ssh-keygen', ['-?']).error === undefined)
    ? undefined
    : 'needs openssh-server and openssh-client (apt-get install -y openssh-server openssh-client)';

export type HostKeyType = 'ed25519' | 'ecdsa' | 'rsa';

export interface SshdOptions {
  /** Host keys to generate and serve; the first is the one in `hostKeyLine`. Default: ed25519. */
  hostKeyTypes?: HostKeyType[];
  /** Variables sshd sets in every session (SetEnv), e.g. the tests' CONTAINERS_CONF for podman. */
  env?: Record<string, string>;
}

export interface Sshd {
  port: number;
  address: '127.0.0.1';
  user: string;
  identityFile: string;
  /** known_hosts listing every host key of this server. */
  knownHostsFile: string;
  /** `[127.0.0.1]:port ssh-ed25519 AAAA...` for the first host key. */
  hostKeyLine: string;
  hostKeyLines: string[];
  /** Public host key files, for `ssh-keygen -lf`. */
  hostPublicKeyFiles: string[];
  authorizedKeysFile: string;
  /** A temp folder of this server's own, removed by stop(). */
  dir: string;
  /** What sshd logged so far (LogLevel VERBOSE). */
  logs(): string;
  /** Authorizes one more public key (sshd reads the file at each login). */
  authorize(publicKeyFile: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The config's entry for this sshd as host `name` (under `hosts:`, indented two spaces), host keys checked
 * strictly against `knownHostsFile` (default: every key of this server).
 */
export function sshdHostYaml(sshd: Sshd, name = 'box', knownHostsFile = sshd.knownHostsFile): string {
  return [
    `  ${name}:`,
    '    address: 127.0.0.1',
    `    port: ${sshd.port}`,
    `    user: ${sshd.user}`,
    `    identity_file: ${sshd.identityFile}`,
    '    known_hosts: strict',
    `    known_hosts_file: ${knownHostsFile}`,
  ].join('\n');
}

/** Generates a key pair with ssh-keygen; returns the private key path (`.pub` beside it). */
export function generateKeyPair(
  path: string,
  options: { type?: HostKeyType; passphrase?: string } = {},
): string {
  const type = options.type ?? 'ed25519';
  const bits = type === 'rsa' ? ['-b', '2048'] : [];
  const result = spawnSync(
    'ssh-keygen',
    ['-q', '-t', type, ...bits, '-N', options.passphrase ?? '', '-C', 'inferload-test', '-f', path],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`ssh-keygen failed: ${result.stderr}`);
  return path;
}

/** Starts sshd as a child on a free 127.0.0.1 port and waits until it accepts connections. */
export async function startSshd(options: SshdOptions = {}): Promise<Sshd> {
  const dir = await mkdtemp(join(tmpdir(), 'inferload-sshd-'));
  const types = options.hostKeyTypes ?? ['ed25519'];
  const hostKeys = types.map((type) => generateKeyPair(join(dir, `ssh_host_${type}_key`), { type }));
  const identityFile = generateKeyPair(join(dir, 'id_ed25519'));
  const authorizedKeysFile = join(dir, 'authorized_keys');
  await writeFile(authorizedKeysFile, await readFile(`${identityFile}.pub`));
  // sshd refuses to start without its privilege-separation folder.
  await mkdir('/run/sshd', { recursive: true });
  const port = await findFreePort();
  const configFile = join(dir, 'sshd_config');
  await writeFile(
    configFile,
    sshdConfig({ port, dir, hostKeys, authorizedKeysFile, ...(options.env ? { env: options.env } : {}) }),
  );
  const child = spawn(SSHD_PATH, ['-D', '-e', '-f', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  await waitForPort(port, child, () => log);
  const hostKeyLines = await Promise.all(
    hostKeys.map(async (key) => {
      const [type, blob] = (await readFile(`${key}.pub`, 'utf8')).trim().split(/\s+/);
      return `[127.0.0.1]:${port} ${type} ${blob}`;
    }),
  );
  const knownHostsFile = join(dir, 'known_hosts');
  await writeFile(knownHostsFile, hostKeyLines.map((line) => `${line}\n`).join(''));
  return {
    port,
    address: '127.0.0.1',
    user: userInfo().username,
    identityFile,
    knownHostsFile,
    hostKeyLine: hostKeyLines[0] ?? '',
    hostKeyLines,
    hostPublicKeyFiles: hostKeys.map((key) => `${key}.pub`),
    authorizedKeysFile,
    dir,
    logs: () => log,
    authorize: async (publicKeyFile) => appendFile(authorizedKeysFile, await readFile(publicKeyFile)),
    stop: async () => {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function sshdConfig(options: {
  port: number;
  dir: string;
  hostKeys: string[];
  authorizedKeysFile: string;
  env?: Record<string, string>;
}): string {
  return [
    `Port ${options.port}`,
    'ListenAddress 127.0.0.1',
    ...options.hostKeys.map((key) => `HostKey ${key}`),
    `AuthorizedKeysFile ${options.authorizedKeysFile}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'StrictModes no',
    'UsePAM no',
    `PidFile ${join(options.dir, 'sshd.pid')}`,
    'Subsystem sftp internal-sftp',
    'LogLevel VERBOSE',
    ...Object.entries(options.env ?? {}).map(([name, value]) => `SetEnv ${name}=${value}`),
    '',
  ].join('\n');
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}:\n${logs()}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`sshd did not accept connections on port ${port} within 10 s:\n${logs()}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Kills (SIGKILL) this sshd and every process under it: its sessions and what runs in them. For a client, the
 * host died: its connections drop (stop() ends only the listener; sessions already open would go on).
 */
export function killSshdTree(sshd: Sshd): void {
  const roots = spawnSync('pgrep', ['-f', sshd.dir], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const all = new Set<string>();
  const visit = (pid: string): void => {
    if (all.has(pid) || pid === String(process.pid)) return;
    all.add(pid);
    const children = spawnSync('pgrep', ['-P', pid], { encoding: 'utf8' }).stdout.split('\n');
    for (const child of children.filter(Boolean)) visit(child);
  };
  for (const root of roots) visit(root);
  if (all.size === 0) throw new Error(`no process of the sshd in ${sshd.dir} found`);
  spawnSync('kill', ['-KILL', ...all]);
}
