// The whole of one run as the verbs ask for it: interrupts watched from the first moment, settings checked
// before the local target starts, the target acquired (and released), diagnostics planned, the profile run.
import { UserError } from '../util/errors.ts';
import { EXIT_INTERRUPTED } from '../engine/exit-codes.ts';
import type { DiagnosticsPlan } from '../diagnose/run-diagnostics.ts';
import { acquireTarget } from './acquire-target.ts';
import { Interrupted, throwIfInterrupted, watchInterrupts } from './interrupts.ts';
import { runProfile, type RunProfileOptions, type RunProfileResult } from './run-profile.ts';
import { validateProfile } from './ensure-built.ts';
import { validateSettings, type ProfileSettings } from './validate-settings.ts';
import { normalizeTarget } from './target-url.ts';

export interface LoadRequest extends Omit<RunProfileOptions, 'settings' | 'signal' | 'diagnostics'> {
  /** The server; the local target when undefined. */
  target?: string;
  /** The profile's variables but TARGET_URL, which comes from `target`. */
  settings: Omit<ProfileSettings, 'TARGET_URL'>;
  /** The diagnostics plan for the target the run ends up using (make diagnose). */
  diagnostics?: (target: { url: string; localPid?: number }) => Promise<DiagnosticsPlan>;
}

// Stands in for the local target's URL while the other settings are checked, before it is started.
const NOT_YET_STARTED = 'http://127.0.0.1:1';

/** Runs one profile as asked; throws a UserError, leaving nothing saved, when it cannot start or is interrupted first. */
export async function runLoad(request: LoadRequest): Promise<RunProfileResult> {
  const interrupts = watchInterrupts(request.log);
  try {
    // runProfile checks everything before it saves anything; only starting the local target comes first.
    const given = request.target === undefined ? undefined : normalizeTarget(request.target);
    if (given === undefined) {
      validateProfile(request.profile);
      validateSettings({ ...request.settings, TARGET_URL: NOT_YET_STARTED } as ProfileSettings);
    }
    throwIfInterrupted(interrupts.signal);
    const target = await acquireTarget(given, request.log);
    try {
      throwIfInterrupted(interrupts.signal);
      const plan = request.diagnostics
        ? await request.diagnostics({
            url: target.url,
            ...(target.localPid === undefined ? {} : { localPid: target.localPid }),
          })
        : undefined;
      const { target: _target, diagnostics: _diagnostics, ...rest } = request;
      return await runProfile({
        ...rest,
        settings: { ...request.settings, TARGET_URL: target.url } as ProfileSettings,
        signal: interrupts.signal,
        ...(plan ? { diagnostics: plan } : {}),
      });
    } finally {
      await target.release();
    }
  } catch (error) {
    if (error instanceof Interrupted) {
      const when =
        error.inFlight === undefined
          ? 'before the load started'
          : `before any request finished (${error.inFlight} in flight, unanswered)`;
      throw new UserError(
        `interrupted by ${error.by} ${when}: nothing was measured, no run was saved`,
        EXIT_INTERRUPTED,
      );
    }
    throw error;
  } finally {
    interrupts.dispose();
  }
}
