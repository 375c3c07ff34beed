// The soak verdicts' limits: their defaults, and `--thresholds key=value,...` parsed with errors that name the key.
import { UserError } from '../../util/errors.ts';

export interface SoakThresholds {
  /** A leak needs both: a least-squares slope at least this steep (MB per minute)... */
  readonly memorySlopeMbPerMin: number;
  /** ...and at least this much growth over the steady span (MB), so a short run's noise is not a leak. */
  readonly memoryGrowthMb: number;
  /** Output tokens/s falling by this share or more from the first window to the last is a drift. */
  readonly maxThroughputDrop: number;
  /** Median TPOT rising by this share or more from the first window to the last is a drift. */
  readonly maxTpotRise: number;
  /** A second in which at least this share of the requests that finished failed belongs to a burst... */
  readonly burstErrorShare: number;
  /** ...and a burst is a run of such seconds with at least this many failures. */
  readonly burstMinErrors: number;
}

export const DEFAULT_SOAK_THRESHOLDS: SoakThresholds = {
  memorySlopeMbPerMin: 2,
  memoryGrowthMb: 128,
  maxThroughputDrop: 0.2,
  maxTpotRise: 0.25,
  burstErrorShare: 0.5,
  burstMinErrors: 3,
};

const KEYS: Record<string, { field: keyof SoakThresholds; share: boolean; what: string }> = {
  memory_slope: { field: 'memorySlopeMbPerMin', share: false, what: 'MB per minute, e.g. 2' },
  memory_growth: { field: 'memoryGrowthMb', share: false, what: 'MB, e.g. 128' },
  throughput_drop: { field: 'maxThroughputDrop', share: true, what: 'a share, e.g. 20% or 0.2' },
  tpot_rise: { field: 'maxTpotRise', share: true, what: 'a share, e.g. 25% or 0.25' },
  burst_share: { field: 'burstErrorShare', share: true, what: 'a share of a second, e.g. 50%' },
  burst_errors: { field: 'burstMinErrors', share: false, what: 'a count of failures, e.g. 3' },
};

/** The defaults with `text` (`memory_slope=2,throughput_drop=20%,...`) applied; `source` names the option. */
export function parseSoakThresholds(text: string | undefined, source = '--thresholds'): SoakThresholds {
  const out: Record<keyof SoakThresholds, number> = { ...DEFAULT_SOAK_THRESHOLDS };
  for (const part of (text ?? '').split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq).trim() : part;
    const spec = KEYS[key];
    if (!spec)
      throw new UserError(
        `${source}: unknown key '${key}' (expected one of ${Object.keys(KEYS).join(', ')})`,
      );
    const raw = eq > 0 ? part.slice(eq + 1).trim() : '';
    const percent = spec.share && raw.endsWith('%');
    const value = Number(percent ? raw.slice(0, -1) : raw) / (percent ? 100 : 1);
    if (raw === '' || !Number.isFinite(value) || value < 0 || (spec.share && value > 1))
      throw new UserError(`${source}: ${key}: expected ${spec.what}, got '${raw}'`);
    out[spec.field] = value;
  }
  return out;
}
