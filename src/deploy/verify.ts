import { formatCpuset, parseCpuset } from '../config/cpuset.ts';
import { httpGetJson } from '../util/http-get.ts';

/** What the preset asked the server to be. */
export interface ExpectedServer {
  slots: number;
  ctxPerSlot: number;
  threads: number;
  cpuset?: string;
  /** The model as the server names it (vLLM's /v1/models id, Ollama's model name). */
  model?: string;
}

export interface VerifyCheck {
  name: string;
  expected: string;
  actual: string;
  ok: boolean;
}

export interface VerifyResult {
  ok: boolean;
  checks: VerifyCheck[];
  /** llama.cpp's `build_info` from /props ("b11669-..."), recorded with every benchmark run. */
  build?: string;
}

interface Props {
  total_slots?: number;
  build_info?: string;
  default_generation_settings?: { n_ctx?: number };
}

/** The thread count llama.cpp reports in its log ("n_threads = 12" in system_info / threadpool lines). */
export function threadsFromLog(log: string): number | undefined {
  const matches = [...log.matchAll(/\bn_threads\s*=\s*(\d+)/g)];
  const last = matches.at(-1)?.[1];
  return last === undefined ? undefined : Number(last);
}

/** One comparison of what was asked with what was found. */
export function check(
  name: string,
  expected: string | number,
  actual: string | number | undefined,
): VerifyCheck {
  const shown = actual === undefined ? 'unknown' : String(actual);
  return { name, expected: String(expected), actual: shown, ok: shown === String(expected) };
}

/** The CPUs a running server may use, and where that was read (`podman inspect`, `/proc/PID/status`). */
export interface CpusetFact {
  cpus: string | undefined;
  source: string;
}

/** A CPU list in its shortest form, so `0,1` and `0-1` compare equal; unparsable text stays as it is. */
function canonicalCpus(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return formatCpuset(parseCpuset(text));
  } catch {
    return text;
  }
}

/** Checks that what runs is what was asked: slots and context from /props and /slots, threads, cpuset. */
export async function verifyServer(
  baseUrl: string,
  expected: ExpectedServer,
  facts: { log: string; cpuset?: CpusetFact },
): Promise<VerifyResult> {
  const props = (await httpGetJson(`${baseUrl}/props`, 10_000)) as Props;
  const slots = (await httpGetJson(`${baseUrl}/slots`, 10_000)) as { n_ctx?: number }[];
  const checks = [
    check('parallel slots (/props total_slots)', expected.slots, props.total_slots),
    check('slots listed (/slots)', expected.slots, Array.isArray(slots) ? slots.length : undefined),
    check(
      'context per slot (/slots n_ctx)',
      expected.ctxPerSlot,
      Array.isArray(slots) ? slots[0]?.n_ctx : undefined,
    ),
    check('generation threads (server log)', expected.threads, threadsFromLog(facts.log)),
  ];
  checks.push(...cpusetChecks(expected, facts.cpuset));
  return { ok: checks.every((c) => c.ok), checks, ...(props.build_info ? { build: props.build_info } : {}) };
}

/** The cpuset check, when the preset pins: one nobody read counts as a mismatch (unpinned must not pass). */
export function cpusetChecks(expected: ExpectedServer, fact: CpusetFact | undefined): VerifyCheck[] {
  if (expected.cpuset === undefined) return [];
  const source = fact?.source ?? 'not read';
  return [check(`cpuset (${source})`, canonicalCpus(expected.cpuset) ?? '', canonicalCpus(fact?.cpus))];
}
