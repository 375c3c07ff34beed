// Verifies what one deployed unit runs against its plan, by the server's kind.
import type { DeployPlan } from './plan-deployment.ts';
import type { Runtime } from './unit-runtime.ts';
import { cpusetChecks, verifyServer, type VerifyCheck, type VerifyResult } from './verify.ts';
import { vllmChecks } from './verify-vllm.ts';
import { ollamaChecks } from './verify-ollama.ts';

/** llama.cpp from /props, /slots and its log; vLLM from /v1/models and metrics; Ollama from /api/ps. */
export async function verifyUnit(
  plan: DeployPlan,
  runtime: Runtime,
  log: (line: string) => void,
): Promise<VerifyResult> {
  const { baseUrl } = plan.server;
  const cpuset = plan.expected.cpuset !== undefined ? await runtime.cpuset() : undefined;
  if (plan.server.kind === 'llama.cpp') {
    return verifyServer(baseUrl, plan.expected, { log: await runtime.logs(), ...(cpuset ? { cpuset } : {}) });
  }
  let checks: VerifyCheck[];
  try {
    checks =
      plan.server.kind === 'vllm'
        ? await vllmChecks(baseUrl, plan.expected)
        : await ollamaChecks(baseUrl, plan.expected, log);
  } catch (error) {
    checks = [
      { name: `${plan.server.kind} API`, expected: 'answers', actual: (error as Error).message, ok: false },
    ];
  }
  checks.push(...cpusetChecks(plan.expected, cpuset));
  return { ok: checks.every((c) => c.ok), checks };
}
