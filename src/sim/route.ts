// The shape every route module exports, so the server can dispatch without knowing the APIs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimContext } from './context.ts';
import type { Fault } from './faults.ts';
import type { ErrorStyle } from './http-io.ts';

export interface RouteCall {
  readonly ctx: SimContext;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** Parsed JSON for POST routes, undefined for GET. */
  readonly body: unknown;
  /** Stream faults still to apply (status, html and slow headers are applied before the handler runs). */
  readonly fault: Fault;
  readonly arrivedAt: number;
  /** How long a generation waited for the model to load again after an idle unload. */
  readonly loadWaitedMs: number;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  readonly paths: readonly string[];
  readonly style: ErrorStyle;
  /** Generation routes are the only ones global (seeded) faults hit. */
  readonly generates: boolean;
  /** llama-server answers every route but /health 503 while loading; Ollama routes wait instead. */
  readonly servesWhileLoading: boolean;
  handle(call: RouteCall): void | Promise<void>;
}
