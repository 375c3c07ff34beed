// The `k6/execution` module: what the script can learn about its scenario, its VU, the instance and the test.

export interface ScenarioInfo {
  name: string;
  executor: string;
  startTime: number;
  progress: number;
  iterationInInstance: number;
  iterationInTest: number;
}

/** exec.vu, without its tags: who the VU is and how many iterations it ran. */
export interface VuInfo {
  idInInstance: number;
  idInTest: number;
  iterationInInstance: number;
  iterationInScenario: number;
}

/** exec.instance: the run's counters as this engine instance sees them. */
export interface InstanceInfo {
  currentTestRunDuration: number;
  iterationsCompleted: number;
  iterationsInterrupted: number;
  vusActive: number;
  vusInitialized: number;
}

/** What the engine tells the module; read at access time so values are always current. */
export interface ExecutionProvider {
  scenario(): ScenarioInfo;
  vu(): VuInfo;
  vuTags(): Record<string, string>;
  vuMetadata(): Record<string, string>;
  instance(): InstanceInfo;
  abort(message?: string): never;
  fail(message?: string): void;
  options(): unknown;
}

/** Creates one VU's `k6/execution` module. */
export function createExecutionModule(p: ExecutionProvider): Record<string, unknown> {
  const api = {
    get scenario() {
      return p.scenario();
    },
    get vu() {
      return { ...p.vu(), tags: p.vuTags(), metrics: { tags: p.vuTags(), metadata: p.vuMetadata() } };
    },
    get instance() {
      return p.instance();
    },
    test: {
      abort: (message?: string) => p.abort(message),
      fail: (message?: string) => p.fail(message),
      get options() {
        return p.options();
      },
    },
  };
  // Getters, not copies: `exec.scenario.iterationInTest` must be current at every read.
  const exports: Record<string, unknown> = { default: api };
  for (const key of Object.keys(api)) {
    Object.defineProperty(exports, key, { enumerable: true, get: () => api[key as keyof typeof api] });
  }
  return exports;
}
