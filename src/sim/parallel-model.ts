// How parallelism changes a step's time: tensor parallel (Amdahl), pipeline stages, prefill budget, busy cores.
import type { SimOptions } from './options.ts';

/** Extra step time per pipeline stage beyond the first: the hand-off of activations between stages. */
export const PIPELINE_HANDOFF = 0.05;

/** Amdahl's law: the share of one-GPU time a step takes on `tp` GPUs, s + (1 - s) / tp. */
export function computeAmdahlFactor(tensorParallel: number, sequentialFraction: number): number {
  return sequentialFraction + (1 - sequentialFraction) / tensorParallel;
}

/**
 * Pipeline parallel: the running batch is split into `pp` micro-batches that flow through the stages one
 * after another, so a step costs what a batch of ceil(running / pp) costs on one GPU, plus the hand-offs.
 */
export function computePipelineFactor(pipelineParallel: number): number {
  return 1 + PIPELINE_HANDOFF * (pipelineParallel - 1);
}

/** Requests in one micro-batch: the batch size that decode contention is computed on. */
export function computeMicroBatch(running: number, pipelineParallel: number): number {
  return Math.ceil(running / pipelineParallel);
}

/** Oversubscription: when busy replicas want more cores than the host has, every step slows in proportion. */
export function computeOversubscription(busyCores: number, hostCores: number): number {
  return hostCores > 0 ? Math.max(1, busyCores / hostCores) : 1;
}

/** The constant part of a step's scaling for these options (everything but oversubscription). */
export function computeParallelFactor(
  options: Pick<SimOptions, 'tensorParallel' | 'pipelineParallel' | 'sequentialFraction'>,
): number {
  return (
    computeAmdahlFactor(options.tensorParallel, options.sequentialFraction) *
    computePipelineFactor(options.pipelineParallel)
  );
}

/**
 * Prefill under a per-step token budget (vLLM's --max-num-batched-tokens, chunked prefill): the budget is
 * shared by the prompts in prefill, so a prompt needs at least ceil(tokens / (budget / sharing)) steps.
 */
export function computeBudgetedPrefillMs(
  prefillMs: number,
  promptTokens: number,
  budget: { readonly tokensPerStep: number; readonly sharing: number; readonly stepMs: number },
): number {
  if (budget.tokensPerStep <= 0) return prefillMs;
  const share = Math.max(1, budget.tokensPerStep / Math.max(1, budget.sharing));
  return Math.max(prefillMs, Math.ceil(promptTokens / share) * budget.stepMs);
}
