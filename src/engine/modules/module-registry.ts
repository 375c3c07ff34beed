// Every module the embedded engine offers, declared in one place and built once per run.
import type { MetricRegistry } from '../metrics/registry.ts';
import type { VuContext } from '../runtime/vu-context.ts';
import { createK6Module } from './k6-core.ts';
import { createDataModule } from './k6-data.ts';
import { type InstanceInfo, type ScenarioInfo, type VuInfo, createExecutionModule } from './k6-execution.ts';
import { createMetricsModule } from './k6-metrics.ts';
import { type SharedHttp, createHttpModule } from './http/index.ts';
import { createSseModule } from './sse/index.ts';
import { parseHtml } from './http/html-selection.ts';
import { createCryptoModule } from './crypto/k6-crypto.ts';
import { createCsvModule } from './csv/k6-csv.ts';
import { createFsModule } from './fs/k6-fs.ts';
import { createEncodingModule } from './k6-encoding.ts';
import { createStreamsModule } from './k6-streams.ts';
import { createScriptGlobals } from './script-globals.ts';
import { waitForEventLoop } from './timers/event-loop.ts';
import { createTimersModule } from './timers/k6-timers.ts';
import { createWebCrypto } from './webcrypto/subtle-crypto.ts';
import { createWebSocketsModule } from './websockets/k6-websockets.ts';
import { createWsModule } from './ws/k6-ws.ts';
import { WS_METRICS } from './ws/ws-samples.ts';

/** What a module instance may use of its VU beyond VuContext: groups (k6), state and tags (k6/execution). */
export interface ModuleVu extends VuContext {
  enterGroup(name: string): string;
  leaveGroup(previous: string): void;
  executionState(): { scenario: ScenarioInfo; vu: VuInfo };
  readonly customTags: Record<string, string>;
  readonly customMetadata: Record<string, string>;
}

/** What the modules of one run share across its VUs. */
export interface ModuleRunServices {
  registry: MetricRegistry;
  sharedArrays: Map<string, readonly unknown[]>;
  /** The run's HTTP client (k6/http and k6/x/sse), made on first use once the script's options are known. */
  http(): SharedHttp;
  instance(): InstanceInfo;
  abort(message?: string): never;
  fail(message?: string): void;
  /** The script's options after config layering, as `exec.test.options` shows them. */
  testOptions(): unknown;
  /** The script's folder: k6/experimental/fs resolves relative paths there (the working folder if unset). */
  scriptDir?: string;
}

/** The run's modules by name: each VU makes its own instance of the ones its script imports. */
export interface ModuleRegistry {
  /** Sorted, for the error that names an unknown module. */
  readonly names: readonly string[];
  /** One VU's instance of `name`; an unknown name fails listing the modules offered. */
  create(name: string, vu: ModuleVu): Record<string, unknown>;
  /** The globals a VU's script sees besides its imports: k6's timers and WebCrypto's `crypto`. */
  globals(vu: ModuleVu): Record<string, unknown>;
  /** Settles once the VU's timers and open WebSockets are done: a VU awaits it after each iteration. */
  settle(vu: ModuleVu): Promise<void>;
}

type ModuleFactory = (vu: ModuleVu) => Record<string, unknown>;

/** Builds the registry of every module (k6, k6/http, k6/x/sse, k6/ws, k6/crypto, ...) over the run's state. */
export function createModuleRegistry(run: ModuleRunServices): ModuleRegistry {
  for (const [name, type, contains] of WS_METRICS) run.registry.define(name, type, contains);
  const files = new Map<string, Uint8Array>();
  const userAgent = (): string => run.http().userAgent;
  const factories: Record<string, ModuleFactory> = {
    k6: (vu) =>
      createK6Module(vu, { enter: (name) => vu.enterGroup(name), leave: (path) => vu.leaveGroup(path) }),
    'k6/http': (vu) => createHttpModule(vu, run.http()) as unknown as Record<string, unknown>,
    'k6/x/sse': (vu) => createSseModule(vu, run.http()) as unknown as Record<string, unknown>,
    'k6/metrics': (vu) => createMetricsModule(vu, run.registry),
    'k6/data': (vu) => createDataModule(vu, run.sharedArrays),
    'k6/execution': (vu) =>
      createExecutionModule({
        scenario: () => vu.executionState().scenario,
        vu: () => vu.executionState().vu,
        vuTags: () => vu.customTags,
        vuMetadata: () => vu.customMetadata,
        instance: () => run.instance(),
        abort: (message) => run.abort(message),
        fail: (message) => run.fail(message),
        options: () => run.testOptions(),
      }),
    'k6/html': () => {
      const api = { parseHTML: (html: unknown) => parseHtml(String(html)) };
      return { ...api, default: api };
    },
    'k6/encoding': () => createEncodingModule(),
    'k6/crypto': () => createCryptoModule(),
    'k6/timers': (vu) => createTimersModule(vu),
    'k6/ws': (vu) => createWsModule(vu, userAgent),
    'k6/websockets': (vu) => createWebSocketsModule(vu, userAgent),
    'k6/experimental/websockets': (vu) => createWebSocketsModule(vu, userAgent),
    'k6/experimental/streams': () => createStreamsModule(),
    'k6/experimental/fs': (vu) => createFsModule(vu, run.scriptDir ?? process.cwd(), files),
    'k6/experimental/csv': (vu) => createCsvModule(vu, run.sharedArrays),
    'k6/experimental/webcrypto': () => {
      const api = { crypto: createWebCrypto() };
      return { ...api, default: api };
    },
  };
  const names = Object.keys(factories).sort();
  return {
    names,
    create(name, vu) {
      const factory = factories[name];
      if (!factory)
        throw new Error(`unknown module: ${name} (the embedded engine provides ${names.join(', ')})`);
      return factory(vu);
    },
    globals: (vu) => createScriptGlobals(vu),
    settle: (vu) => waitForEventLoop(vu),
  };
}
