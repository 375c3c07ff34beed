// setup() before the scenarios and teardown() after them, on the main instance, with k6's time limit.
import { UserError } from '../../util/errors.ts';
import { EXIT_SCRIPT_EXCEPTION } from '../exit-codes.ts';
import type { VirtualUser } from '../runtime/vu.ts';
import type { LogLevel } from '../runtime/vu-services.ts';
import { callWithTimeout } from './call-with-timeout.ts';
import { describeError } from './describe-error.ts';
import type { RunControl } from './run-control.ts';

const SETUP_TIMEOUT_MS = 60_000;

/** setup()'s data as JSON (k6 passes a copy to every VU and to teardown); a failure ends the run. */
export async function runSetup(main: VirtualUser, control: RunControl): Promise<string | undefined> {
  if (typeof main.exports.setup !== 'function') return undefined;
  try {
    const data = await callWithTimeout(main, 'setup', [], SETUP_TIMEOUT_MS, control.signal);
    return data === undefined ? undefined : JSON.stringify(data);
  } catch (error) {
    throw new UserError(`setup() failed: ${describeError(error)}`, control.code ?? EXIT_SCRIPT_EXCEPTION);
  }
}

/** Runs teardown(data) even after an abort; false (and a logged error) when it fails. */
export async function runTeardown(
  main: VirtualUser,
  setupJson: string | undefined,
  log: (level: LogLevel, message: string) => void,
): Promise<boolean> {
  if (typeof main.exports.teardown !== 'function') return true;
  try {
    await callWithTimeout(main, 'teardown', [parseSetupData(setupJson)], SETUP_TIMEOUT_MS, undefined);
    return true;
  } catch (error) {
    log('error', `teardown() failed: ${describeError(error)}`);
    return false;
  }
}

/** A fresh copy of setup()'s data: each VU (and teardown, and the summary) mutates its own. */
export function parseSetupData(setupJson: string | undefined): unknown {
  return setupJson === undefined ? undefined : JSON.parse(setupJson);
}
