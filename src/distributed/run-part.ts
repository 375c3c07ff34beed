// One part of a distributed run on its generator: session opened, clock offset measured, bundle uploaded, the part
// started paused and waited for until its VUs are ready; later its files are fetched into the run folder.
import { createWriteStream, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession } from '../deploy/open-session.ts';
import type { ExecResult, RemoteSession, StreamingCommand } from '../remote/session.ts';
import { measureClockOffset, type ClockOffset } from './clock-offset.ts';
import { PAUSED_BEFORE_RUN, PartApi } from './part-api.ts';
import { partArgv, partCommand, partPaths, type PartPaths } from './part-argv.ts';
import type { PartPlan } from './plan-parts.ts';

const READY_TIMEOUT_MS = 120_000;
const POLL_MS = 100;
const LISTENING = /REST API listening on (\S+)/;

export interface StartedPart {
  plan: PartPlan;
  session: RemoteSession;
  paths: PartPaths;
  offset: ClockOffset;
  api: PartApi;
  /** Settles when the part's process has ended (never rejects). */
  done: Promise<ExecResult>;
  /** Its exit once known. */
  exit: ExecResult | undefined;
  /** Ends the process (its session's channel or process group): the last resort after a stop request. */
  kill(): void;
}

export interface StartPartInput {
  plan: PartPlan;
  bundle: string;
  settings: Readonly<Record<string, string>>;
  runId: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A free-looking port for a real k6's API (k6 needs a fixed one); the embedded engine takes port 0. */
function apiAddress(plan: PartPlan): string {
  return plan.generator.engine === 'k6'
    ? `127.0.0.1:${20_000 + Math.floor(Math.random() * 30_000)}`
    : '127.0.0.1:0';
}

/** Starts the part and resolves once it is paused with its VUs ready; throws (having killed it) when it is not. */
export async function startPart(input: StartPartInput): Promise<StartedPart> {
  const { plan } = input;
  const session = await openSession(plan.generator.host, () => undefined);
  let command: StreamingCommand | undefined;
  try {
    // This machine's parts share our clock: nothing to measure, no error to add.
    const offset =
      plan.generator.host.connection === 'local'
        ? { offsetMs: 0, uncertaintyMs: 0 }
        : await measureClockOffset(session);
    const paths = partPaths(plan.generator.workdir, input.runId, plan.name);
    await session.upload(readFileSync(input.bundle), paths.bundle);
    const requested = apiAddress(plan);
    let address = plan.generator.engine === 'k6' ? requested : undefined;
    let stdout = '';
    command = session.stream(
      partCommand(partArgv(plan, paths, input.settings, requested), paths),
      (chunk) => {
        stdout += chunk;
        address ??= LISTENING.exec(stdout)?.[1];
      },
    );
    const started: StartedPart = {
      plan,
      session,
      paths,
      offset,
      api: new PartApi(session, requested),
      done: command.done.catch((error: unknown) => ({
        code: 255,
        stdout: '',
        stderr: error instanceof Error ? error.message : String(error),
      })),
      exit: undefined,
      kill: () => command?.stop(),
    };
    void started.done.then((exit) => (started.exit = exit));
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      if (started.exit)
        throw new Error(`exited ${started.exit.code} before it was ready: ${await stderrTail(started)}`);
      if (address === undefined) continue;
      started.api = new PartApi(session, address);
      const status = await started.api.status().catch(() => undefined);
      if (status?.status === PAUSED_BEFORE_RUN) return started;
    }
    throw new Error(`not ready (paused with its VUs) after ${READY_TIMEOUT_MS / 1000} s`);
  } catch (error) {
    command?.stop();
    await session.close();
    throw new Error(
      `part ${plan.name} (generator ${plan.generator.name} on ${plan.generator.host.name}): ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
}

/** The last lines the part wrote on stderr (its errors), for a message. */
export async function stderrTail(part: StartedPart): Promise<string> {
  let text: string | undefined;
  try {
    text = await part.session.readFile(part.paths.stderr);
  } catch (error) {
    return `(its stderr could not be read: ${error instanceof Error ? error.message : String(error)})`;
  }
  return (text ?? '').trim().split('\n').slice(-5).join(' | ') || '(nothing on stderr)';
}

/** What a part left in the run folder. */
export interface FetchedPart {
  dir: string;
  metrics: string;
  summary: string;
}

/** The part's folder in the run folder, and where its raw samples are copied. */
export function partCopyPaths(dir: string): FetchedPart {
  return { dir, metrics: join(dir, 'metrics.json'), summary: join(dir, 'summary.json') };
}

/** The size of the part's metrics file on its host, bytes; undefined when it cannot be read. */
export async function remoteMetricsSize(part: StartedPart): Promise<number | undefined> {
  const result = await part.session.exec(['wc', '-c', part.paths.metrics]).catch(() => undefined);
  const size = result?.code === 0 ? Number.parseInt(result.stdout.trim(), 10) : Number.NaN;
  return Number.isFinite(size) ? size : undefined;
}

/**
 * Copies the part's metrics (unless the live copy already holds its `size` bytes), summary and stderr into `dir`
 * (what exists of them), then removes its folder there. A copy that fails keeps the live copy, if any.
 */
export async function fetchPart(
  part: StartedPart,
  dir: string,
  live: { copied: number; size: number | undefined },
): Promise<FetchedPart> {
  mkdirSync(dir, { recursive: true });
  const local = partCopyPaths(dir);
  if (live.size === undefined || live.copied !== live.size) {
    const fetching = `${local.metrics}.fetch`;
    const file = createWriteStream(fetching);
    // Streamed: a part's raw samples can be large; `cat` of a missing file just leaves this one empty.
    const cat = part.session.stream(['cat', part.paths.metrics], (chunk) => file.write(chunk));
    const copied = await cat.done.catch(() => undefined);
    await new Promise<void>((resolve) => file.end(() => resolve()));
    if (copied?.code === 0) renameSync(fetching, local.metrics);
    else rmSync(fetching, { force: true });
  }
  const summary = await part.session.readFile(part.paths.summary).catch(() => undefined);
  if (summary !== undefined) writeFileSync(local.summary, summary);
  const stderr = await part.session.readFile(part.paths.stderr).catch(() => undefined);
  writeFileSync(join(dir, 'stderr.log'), stderr ?? '');
  await part.session.exec(['rm', '-rf', part.paths.dir]).catch(() => undefined);
  return local;
}
