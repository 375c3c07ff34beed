// Long-run failure modes a batch test must catch: a leak, a slowdown, an idle unload, a crash; plus a request log.
import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { Clock } from './clock.ts';
import type { SimOptions } from './options.ts';

export interface SimRequestLogEntry {
  /** Epoch ms when the answer ended (or the connection closed). */
  readonly at: number;
  readonly method: string;
  readonly path: string;
  /** The x-client-request-id header (batch clients send the custom_id there). */
  readonly clientRequestId: string | undefined;
  /** 0 when the connection closed before a status was sent. */
  readonly status: number;
}

export interface SimWear {
  /** Generations answered with 200 so far; the slowdown and the crash count these. */
  served: number;
  inFlight: number;
  /** Clock time the server last became idle. */
  idleSince: number;
  /** Clock time until which the model is (re)loading after an idle unload. */
  reloadUntil: number;
  unloads: number;
  /** False until the first generation when the model starts unloaded (Ollama loads on demand). */
  loaded: boolean;
  crashed: boolean;
  /** Set by the server: drops every connection and stops listening. */
  crash: () => void;
  readonly leaked: Buffer[];
  readonly log: SimRequestLogEntry[];
}

export function createWear(clock: Clock, startUnloaded = false): SimWear {
  const now = clock.now();
  return {
    served: 0,
    inFlight: 0,
    idleSince: now,
    reloadUntil: now,
    unloads: 0,
    loaded: !startUnloaded,
    crashed: false,
    crash: () => undefined,
    leaked: [],
    log: [],
  };
}

/** Extra decode step time from the slowdown: it grows with every generation served. */
export function computeSlowdownMs(wear: SimWear, options: SimOptions): number {
  return wear.served * options.slowdownMsPerRequest;
}

/** Unloads the model when it sat idle past the keep-alive, then waits for it to load; returns the ms waited. */
export async function awaitModel(
  wear: SimWear,
  options: SimOptions,
  clock: Clock,
  signal: AbortSignal,
): Promise<number> {
  const start = clock.now();
  const idleFor = start - wear.idleSince;
  const idle = wear.inFlight === 0 && start >= wear.reloadUntil;
  const expired = options.unloadAfterIdleMs > 0 && idle && idleFor >= options.unloadAfterIdleMs;
  if (expired || !wear.loaded) {
    if (wear.loaded) wear.unloads++;
    wear.loaded = true;
    wear.reloadUntil = start + options.reloadMs;
    wear.idleSince = wear.reloadUntil;
  }
  const waitMs = wear.reloadUntil - start;
  if (waitMs > 0) await delay(waitMs, undefined, { signal });
  return Math.max(0, waitMs);
}

/** Whether the model is in memory now: loaded once and not idle past the keep-alive. */
export function isModelLoaded(wear: SimWear, options: SimOptions, now: number): boolean {
  if (!wear.loaded) return false;
  if (options.unloadAfterIdleMs === 0 || wear.inFlight > 0 || now < wear.reloadUntil) return true;
  return now - wear.idleSince < options.unloadAfterIdleMs;
}

/** Clock time at which an idle model unloads; Infinity while busy or when it never does. */
export function computeUnloadAt(wear: SimWear, options: SimOptions): number {
  if (options.unloadAfterIdleMs === 0 || wear.inFlight > 0) return Infinity;
  return Math.max(wear.idleSince, wear.reloadUntil) + options.unloadAfterIdleMs;
}

/** Tracks one generation until its connection closes: in-flight count, served count, leak and crash. */
export function trackGeneration(wear: SimWear, options: SimOptions, clock: Clock, res: ServerResponse): void {
  wear.inFlight++;
  res.on('close', () => {
    wear.inFlight--;
    if (wear.inFlight === 0) wear.idleSince = clock.now();
    if (!res.writableFinished || res.statusCode !== 200) return;
    wear.served++;
    // Filled, so the pages are really touched and the RSS grows, not just the virtual size.
    if (options.leakBytesPerRequest > 0) wear.leaked.push(Buffer.alloc(options.leakBytesPerRequest, 1));
    if (options.crashAfterRequests > 0 && wear.served >= options.crashAfterRequests && !wear.crashed) {
      wear.crashed = true;
      wear.crash();
    }
  });
}

/** Records every request in the log once its connection closes. */
export function logRequest(
  wear: SimWear,
  method: string,
  path: string,
  id: string | undefined,
  res: ServerResponse,
): void {
  res.on('close', () => {
    wear.log.push({
      at: Date.now(),
      method,
      path,
      clientRequestId: id,
      status: res.headersSent ? res.statusCode : 0,
    });
  });
}
