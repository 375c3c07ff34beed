// Fault injection: the per-request x-sim-fault header, seeded global faults, and the CLI's --fault-rate spec.
import { UserError } from '../util/errors.ts';
import { RequestError } from './http-io.ts';
import { FAULT_KINDS, type FaultKind, type FaultRates, type SimOptions } from './options.ts';
import type { Random } from './prng.ts';

export const FAULT_HEADER = 'x-sim-fault';

/** Where a stream fault fires: after N tokens, or half-way through the answer. */
export type TokenPoint = number | 'mid';

export interface Fault {
  status?: number;
  disconnectAfter?: TokenPoint;
  stallMs?: number;
  stallAfter?: TokenPoint;
  malformedAfter?: TokenPoint;
  slowHeadersMs?: number;
  html?: boolean;
}

const HEADER_KEYS = [
  'status',
  'disconnect-after',
  'stall-ms',
  'stall-after',
  'malformed',
  'slow-headers-ms',
  'html',
  'none',
];
const MAX_MS = 3_600_000;

function readInt(key: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || n < min || n > max) {
    throw new RequestError(
      400,
      `${FAULT_HEADER}: ${key} needs an integer from ${min} to ${max}, got '${value ?? ''}'`,
    );
  }
  return n;
}

function readPoint(key: string, value: string | undefined): TokenPoint {
  return value === undefined || value === '' ? 'mid' : readInt(key, value, 0, Number.MAX_SAFE_INTEGER);
}

/** Parses `x-sim-fault: status=503; disconnect-after=5, stall-ms=2000 ...` (`;` or `,` between items). */
export function parseFaultHeader(header: string): Fault {
  const fault: Fault = {};
  for (const item of header.split(/[;,]/)) {
    const [rawKey = '', ...rest] = item.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest.length > 0 ? rest.join('=').trim() : undefined;
    if (key === '' || key === 'none') continue;
    else if (key === 'status') fault.status = readInt(key, value, 400, 599);
    else if (key === 'disconnect-after') fault.disconnectAfter = readPoint(key, value);
    else if (key === 'stall-ms') fault.stallMs = readInt(key, value, 0, MAX_MS);
    else if (key === 'stall-after') fault.stallAfter = readPoint(key, value);
    else if (key === 'malformed') fault.malformedAfter = readPoint(key, value);
    else if (key === 'slow-headers-ms') fault.slowHeadersMs = readInt(key, value, 0, MAX_MS);
    else if (key === 'html') fault.html = true;
    else
      throw new RequestError(
        400,
        `${FAULT_HEADER}: unknown fault '${key}'; valid: ${HEADER_KEYS.join(', ')}`,
      );
  }
  if (fault.stallAfter !== undefined && fault.stallMs === undefined) {
    throw new RequestError(400, `${FAULT_HEADER}: stall-after needs stall-ms`);
  }
  return fault;
}

/** Draws at most one global fault for a generation request; always two draws, so the sequence stays aligned. */
export function drawFault(random: Random, options: SimOptions): Fault {
  const roll = random();
  const pick = random();
  let threshold = 0;
  for (const kind of FAULT_KINDS) {
    threshold += options.faultRates[kind];
    if (roll < threshold) return createFault(kind, options, pick);
  }
  return {};
}

function createFault(kind: FaultKind, options: SimOptions, pick: number): Fault {
  switch (kind) {
    case 'status':
      return { status: options.faultStatuses[Math.floor(pick * options.faultStatuses.length)] ?? 500 };
    case 'disconnect':
      return { disconnectAfter: 'mid' };
    case 'stall':
      return { stallMs: options.faultStallMs, stallAfter: 'mid' };
    case 'malformed':
      return { malformedAfter: 'mid' };
    case 'slow-headers':
      return { slowHeadersMs: options.faultSlowHeadersMs };
    case 'html':
      return { html: true };
  }
}

/** The kinds a fault contains, for stats. */
export function listFaultKinds(fault: Fault): FaultKind[] {
  const kinds: FaultKind[] = [];
  if (fault.status !== undefined) kinds.push('status');
  if (fault.disconnectAfter !== undefined) kinds.push('disconnect');
  if (fault.stallMs !== undefined) kinds.push('stall');
  if (fault.malformedAfter !== undefined) kinds.push('malformed');
  if (fault.slowHeadersMs !== undefined) kinds.push('slow-headers');
  if (fault.html) kinds.push('html');
  return kinds;
}

/** Token count after which a fault fires; 'mid' is half the answer, at least 1. */
export function resolveTokenPoint(point: TokenPoint | undefined, outputTokens: number): number | undefined {
  if (point === undefined) return undefined;
  return point === 'mid' ? Math.max(1, Math.floor(outputTokens / 2)) : point;
}

/** `--fault-rate 0.06` spreads evenly over every kind; `--fault-rate status=0.02,stall=0.01` sets some. */
export function parseFaultRates(spec: string): Partial<FaultRates> {
  const asRate = (text: string, what: string): number => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
      throw new UserError(`--fault-rate: ${what} must be a probability from 0 to 1, got '${text}'`);
    }
    return n;
  };
  if (!spec.includes('=')) {
    const each = asRate(spec, 'the rate') / FAULT_KINDS.length;
    return Object.fromEntries(FAULT_KINDS.map((kind) => [kind, each]));
  }
  const rates: Partial<FaultRates> = {};
  for (const item of spec.split(',')) {
    const [name = '', value = ''] = item.split('=');
    const kind = FAULT_KINDS.find((k) => k === name.trim());
    if (!kind)
      throw new UserError(`--fault-rate: unknown fault '${name.trim()}'; valid: ${FAULT_KINDS.join(', ')}`);
    rates[kind] = asRate(value, kind);
  }
  return rates;
}
