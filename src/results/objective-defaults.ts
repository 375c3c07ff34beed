// What "the best configuration" means when comparing runs, with the defaults and the user's override string.
import { nsToMs, parseExtendedDuration } from '../engine/duration.ts';
import { UserError } from '../util/errors.ts';
import type { GoodputSlo } from './goodput.ts';

/** The best run has the most output tokens/s with p95 E2E within budget and an error share within limit. */
export interface RunObjective {
  e2eP95BudgetMs: number;
  /** p95 TTFT and TPOT budgets (capacity holds a rate only where they hold); absent: not checked. */
  ttftP95BudgetMs?: number;
  tpotP95BudgetMs?: number;
  maxErrorShare: number;
  /** Targets for goodput. */
  slo: GoodputSlo;
}

/** The default objective: p95 E2E within 10 s, at most 1% errors, goodput against TTFT 2 s, TPOT 100 ms, E2E 10 s. */
export const DEFAULT_OBJECTIVE: Readonly<RunObjective> = Object.freeze({
  e2eP95BudgetMs: 10_000,
  maxErrorShare: 0.01,
  slo: Object.freeze({ ttftMs: 2000, tpotMs: 100, e2eMs: 10_000 }),
});

/** The objective capacity and the tuner hold a server to when none is given (INFERLOAD_OBJECTIVE overrides). */
export const DEFAULT_SLO_OBJECTIVE = 'ttft_p95=2s,tpot_p95=100ms,errors=1%';

type Setter = (objective: RunObjective, value: string, key: string) => void;

const SETTERS: Record<string, Setter> = {
  e2e_p95: (o, value, key) => (o.e2eP95BudgetMs = parseMs(key, value)),
  ttft_p95: (o, value, key) => (o.ttftP95BudgetMs = parseMs(key, value)),
  tpot_p95: (o, value, key) => (o.tpotP95BudgetMs = parseMs(key, value)),
  errors: (o, value, key) => (o.maxErrorShare = parseShare(key, value)),
  ttft: setSlo('ttftMs'),
  tpot: setSlo('tpotMs'),
  e2e: setSlo('e2eMs'),
};

/** A p95 latency over its budget: TTFT or TPOT. */
export interface LatencyOverBudget {
  metric: 'TTFT' | 'TPOT';
  p95Ms: number;
  budgetMs: number;
}

/** The p95 TTFT and TPOT budgets the objective sets and the measured values break. */
export function latencyOverBudget(
  objective: RunObjective,
  measured: { ttftP95?: number | undefined; tpotP95?: number | undefined },
): LatencyOverBudget[] {
  const checks = [
    ['TTFT', measured.ttftP95, objective.ttftP95BudgetMs],
    ['TPOT', measured.tpotP95, objective.tpotP95BudgetMs],
  ] as const;
  return checks.flatMap(([metric, p95Ms, budgetMs]) =>
    p95Ms !== undefined && budgetMs !== undefined && p95Ms > budgetMs ? [{ metric, p95Ms, budgetMs }] : [],
  );
}

/** The keys parseObjective accepts. */
export const OBJECTIVE_KEYS = Object.keys(SETTERS);

/** Parses "e2e_p95=8s,ttft_p95=2s,tpot_p95=100ms,errors=1%,ttft=500ms,tpot=50ms" over the defaults; unnamed keys keep their default. */
export function parseObjective(text: string, base: Readonly<RunObjective> = DEFAULT_OBJECTIVE): RunObjective {
  const objective: RunObjective = { ...base, slo: { ...base.slo } };
  for (const item of text.split(',').map((part) => part.trim())) {
    if (item === '') continue;
    const eq = item.indexOf('=');
    const key = (eq < 0 ? item : item.slice(0, eq)).trim();
    const setter = Object.hasOwn(SETTERS, key) ? SETTERS[key] : undefined;
    if (!setter) {
      throw new UserError(`objective: unknown key '${key}' (valid keys: ${OBJECTIVE_KEYS.join(', ')})`);
    }
    if (eq < 0) throw new UserError(`objective: ${key} needs a value, e.g. ${key}=${example(key)}`);
    setter(objective, item.slice(eq + 1).trim(), key);
  }
  return objective;
}

function parseMs(key: string, value: string): number {
  const ns = parseExtendedDuration(value);
  if (ns === undefined || ns <= 0) {
    throw new UserError(`objective: ${key} expects a duration such as 8s or 500ms, got '${value}'`);
  }
  return nsToMs(ns);
}

function parseShare(key: string, value: string): number {
  const percent = value.endsWith('%');
  const n = Number(percent ? value.slice(0, -1) : value);
  const share = percent ? n / 100 : n;
  if (value === '' || value === '%' || !Number.isFinite(share) || share < 0 || share > 1) {
    throw new UserError(`objective: ${key} expects a share such as 1% or 0.01, got '${value}'`);
  }
  return share;
}

function setSlo(field: keyof GoodputSlo): Setter {
  return (o, value, key) => {
    // "off" drops a target, e.g. ttft=off for a non-streaming run.
    const { [field]: _dropped, ...others } = o.slo;
    o.slo = value === 'off' ? others : { ...others, [field]: parseMs(key, value) };
  };
}

function example(key: string): string {
  return key === 'errors' ? '1%' : '500ms';
}
