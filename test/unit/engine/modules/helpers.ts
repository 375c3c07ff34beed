// A minimal VuContext for module tests: collects emitted samples and tracked operations.
import type { Sample } from '../../../../src/engine/metrics/types.ts';
import type { VuContext } from '../../../../src/engine/runtime/vu-context.ts';

/** A VuContext whose state tests can set and whose samples they can read. */
export interface FakeVuContext extends VuContext {
  readonly samples: Sample[];
  readonly tracked: string[];
  init: boolean;
  group: string;
  baseTags: Record<string, string>;
  options: { discardResponseBodies?: boolean; throw?: boolean };
  /** Aborts the current iteration signal (a hard stop) and starts a fresh one for the next iteration. */
  hardStop(): void;
  /** Samples of one metric. */
  samplesOf(metric: string): Sample[];
}

/** Creates a fake VU (id 1, scenario "default"), outside the init context. */
export function createFakeVuContext(
  overrides: Partial<Pick<FakeVuContext, 'options' | 'init'>> = {},
): FakeVuContext {
  let controller = new AbortController();
  const ctx: FakeVuContext = {
    id: 1,
    samples: [],
    tracked: [],
    init: overrides.init ?? false,
    group: '',
    baseTags: { scenario: 'default' },
    options: overrides.options ?? {},
    isInit: () => ctx.init,
    tags: () => ctx.baseTags,
    groupPath: () => ctx.group,
    emit: (sample) => {
      ctx.samples.push(sample);
    },
    track: (operation, what) => {
      ctx.tracked.push(what);
      return operation;
    },
    signal: () => controller.signal,
    hardStop: () => {
      controller.abort();
      controller = new AbortController();
    },
    samplesOf: (metric) => ctx.samples.filter((sample) => sample.metric === metric),
  };
  return ctx;
}
