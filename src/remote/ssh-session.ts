// A RemoteSession over SSH (ssh2): host key checked against known_hosts, key file or agent, SFTP uploads.
import { readFile } from 'node:fs/promises';
import ssh2, { type ConnectConfig, type SFTPWrapper } from 'ssh2';
import { UserError } from '../util/errors.ts';
import { expandHome } from './expand-home.ts';
import { orderHostKeyAlgorithms } from './host-key-algorithms.ts';
import { verifyHostKey, type HostKeyPolicy } from './host-key-policy.ts';
import { createRedactor, type LogLine, type Redactor } from './redact.ts';
import { redactError } from './redact-error.ts';
import { DEFAULT_UPLOAD_MODE, type RemoteSession } from './session.ts';
import { readOverSftp, uploadOverSftp } from './sftp-files.ts';
import { describeConnectError } from './ssh-errors.ts';
import { buildCommandLine, execOverSsh } from './ssh-exec.ts';
import { streamOverSsh } from './ssh-stream.ts';
import { loadIdentity } from './ssh-identity.ts';

export interface SshTarget {
  /** The configured host name, for messages and RemoteSession.host. */
  host: string;
  /** What to connect to; also the name looked up in known_hosts. */
  address: string;
  port: number;
  user: string;
  identityFile?: string;
  passphrase?: string;
  /** SSH_AUTH_SOCK path of an ssh-agent. */
  agent?: string;
  knownHostsFile: string;
  policy: HostKeyPolicy;
  /** How long the TCP connect, handshake and authentication may take (default 15 s). */
  connectTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

/** Connects, verifies the host key and authenticates; every log line is redacted. */
export async function connectSsh(target: SshTarget, log: LogLine = () => {}): Promise<RemoteSession> {
  const redactor = createRedactor({ secrets: [target.passphrase] });
  const logLine = redactor.wrap(log);
  const where = `${target.user}@${target.address}:${target.port} (${target.host})`;
  const readyTimeoutMs = target.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const knownHostsFile = expandHome(target.knownHostsFile);
  const identity = await loadIdentity({ ...target, where });
  const client = new ssh2.Client();
  let hostKeyRefusal: UserError | undefined;
  const serverHostKey = orderHostKeyAlgorithms(await readText(knownHostsFile), target.address, target.port);
  const config: ConnectConfig = {
    host: target.address,
    port: target.port,
    username: target.user,
    privateKey: identity.privateKey,
    passphrase: identity.passphrase,
    agent: identity.agent,
    readyTimeout: readyTimeoutMs,
    algorithms: serverHostKey ? { serverHostKey } : undefined,
    hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
      verifyHostKey({ ...target, knownHostsFile }, key, logLine).then(
        (refusal) => {
          hostKeyRefusal = refusal;
          verify(refusal === undefined);
        },
        (error: unknown) => {
          hostKeyRefusal = new UserError(
            `Cannot check the host key of ${where}: ${(error as Error).message}`,
          );
          verify(false);
        },
      );
    },
  };
  logLine(`connecting to ${where} with ${identity.description}`);
  let connected = false;
  await new Promise<void>((resolve, reject) => {
    client.once('ready', () => {
      connected = true;
      resolve();
    });
    // One listener for the client's life: ssh2 may emit several errors, and an unheard one crashes the process.
    client.on('error', (error) => {
      if (connected) return logLine(`connection to ${where}: ${error.message}`);
      client.end();
      const failure =
        hostKeyRefusal ??
        describeConnectError(error, { where, identity: identity.description, readyTimeoutMs });
      reject(new UserError(redactor.redact(failure.message), failure.exitCode));
    });
    client.connect(config);
  });
  logLine(`connected to ${where}`);
  return createSshSession(client, target.host, where, redactor, logLine);
}

function createSshSession(
  client: ssh2.Client,
  host: string,
  where: string,
  redactor: Redactor,
  logLine: LogLine,
): RemoteSession {
  let sftp: Promise<SFTPWrapper> | undefined;
  // A connection that is gone (the host died, the network dropped it) fails every later command at once: ssh2
  // would leave a command on it waiting forever, with nothing to keep the process alive.
  let gone = false;
  const closed = new Promise<void>((resolve) =>
    client.once('close', () => {
      gone = true;
      resolve();
    }),
  );
  const open = (): void => {
    if (gone) throw new UserError(`the SSH connection to ${where} is closed`);
  };
  const openSftp = (): Promise<SFTPWrapper> =>
    (sftp ??= new Promise((resolve, reject) =>
      client.sftp((error, wrapper) =>
        error ? reject(new UserError(`No SFTP on ${where}: ${error.message}`)) : resolve(wrapper),
      ),
    ));
  const redacted = (error: unknown): never => {
    throw redactError(redactor, error);
  };
  return {
    host,
    async exec(argv, options = {}) {
      redactor.addEnv(options.env ?? {});
      redactor.addArgv(argv);
      logLine(`[${host}] $ ${buildCommandLine(argv, options)}`);
      open();
      const result = await execOverSsh(client, argv, options, where).catch(redacted);
      logLine(`[${host}] exit ${result.code}`);
      return result;
    },
    stream(argv, onStdout, options = {}) {
      redactor.addArgv(argv);
      logLine(`[${host}] $ ${buildCommandLine(argv)} (streaming)`);
      if (gone) {
        const done = Promise.reject(new UserError(`the SSH connection to ${where} is closed`));
        return { done, stop: () => undefined };
      }
      const command = streamOverSsh(client, argv, onStdout, where, options.stdin ?? false);
      return { ...command, done: command.done.catch(redacted) };
    },
    async upload(content, remotePath, mode = DEFAULT_UPLOAD_MODE) {
      logLine(`[${host}] upload ${remotePath} (mode ${mode.toString(8)})`);
      open();
      await uploadOverSftp(await openSftp(), content, remotePath, mode).catch(redacted);
    },
    async readFile(remotePath) {
      open();
      return readOverSftp(await openSftp(), remotePath).catch(redacted);
    },
    async close() {
      client.end();
      await closed;
      logLine(`closed ${where}`);
    },
  };
}

async function readText(file: string): Promise<string> {
  return readFile(file, 'utf8').catch(() => '');
}
