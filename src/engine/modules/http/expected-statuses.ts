// http.expectedStatuses and response callbacks (js/modules/k6/http/response_callback.go).

interface StatusRange {
  readonly min: number;
  readonly max: number;
}

/** The value `http.expectedStatuses(...)` returns; the only kind of response callback k6 accepts. */
export class ExpectedStatuses {
  readonly #exact: ReadonlySet<number>;
  readonly #ranges: readonly StatusRange[];

  constructor(exact: readonly number[], ranges: readonly StatusRange[]) {
    this.#exact = new Set(exact);
    this.#ranges = ranges;
  }

  /** True when `status` is expected, i.e. the response does not count in http_req_failed. */
  match(status: number): boolean {
    if (this.#exact.has(status)) return true;
    for (const range of this.#ranges) if (status >= range.min && status <= range.max) return true;
    return false;
  }
}

/** k6's default callback: 200–399 are expected. */
export const DEFAULT_EXPECTED_STATUSES = new ExpectedStatuses([], [{ min: 200, max: 399 }]);

/** http.expectedStatuses(200, {min: 300, max: 399}, ...): integers or {min, max} objects. */
export function createExpectedStatuses(...args: unknown[]): ExpectedStatuses {
  const exact: number[] = [];
  const ranges: StatusRange[] = [];
  args.forEach((arg, index) => {
    if (Number.isInteger(arg)) {
      exact.push(arg as number);
      return;
    }
    const range = toRange(arg);
    if (range === null) {
      throw new Error(
        `argument number ${index + 1} to expectedStatuses was neither an integer nor an object like {min:100, max:329}`,
      );
    }
    ranges.push(range);
  });
  return new ExpectedStatuses(exact, ranges);
}

function toRange(arg: unknown): StatusRange | null {
  if (typeof arg !== 'object' || arg === null) return null;
  const { min, max } = arg as { min?: unknown; max?: unknown };
  if (!Number.isInteger(min) || !Number.isInteger(max)) return null;
  return { min: min as number, max: max as number };
}

/** Validates a `responseCallback` param or setResponseCallback argument: null/undefined or expectedStatuses. */
export function toResponseCallback(value: unknown): ExpectedStatuses | null {
  if (value === null || value === undefined) return null;
  if (value instanceof ExpectedStatuses) return value;
  throw new Error(
    'unsupported responseCallback: only http.expectedStatuses(...) or null are accepted, as in k6',
  );
}
