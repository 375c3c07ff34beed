// Init: the script compiled, the options-parsing instance run, its named imports checked, its options read.
import { UserError } from '../../util/errors.ts';
import { EXIT_INVALID_CONFIG, EXIT_SCRIPT_EXCEPTION } from '../exit-codes.ts';
import { isNotImplemented } from '../modules/not-implemented.ts';
import { VirtualUser } from '../runtime/vu.ts';
import { compileScript } from '../script/compile-script.ts';
import { describeError } from './describe-error.ts';
import { httpOptionsFrom, withHttpEnv } from './http-options.ts';
import type { RunCleanup } from './run-cleanup.ts';
import { type RunContext, createRunContext } from './run-context.ts';
import type { RunTestOptions } from './run-options.ts';

export interface InitializedRun {
  readonly run: RunContext;
  /** The options-parsing instance, also used for setup, teardown and handleSummary (k6 uses fresh ones). */
  readonly main: VirtualUser;
}

/** Compiles the script (unless the runner did), runs its init code once and reads its options. */
export async function initRun(options: RunTestOptions, cleanup: RunCleanup): Promise<InitializedRun> {
  const script = options.compiled ?? (await compileScript(options.scriptPath));
  const run = createRunContext(script, options, cleanup);
  let main: VirtualUser;
  try {
    main = await VirtualUser.create(0, script, run.vus);
  } catch (error) {
    throw new UserError(`the script failed in its init code: ${describeError(error)}`, EXIT_SCRIPT_EXCEPTION);
  }
  checkNamedImports(main, script.namedImports);
  const exported = main.exports.options;
  run.scriptOptions = (typeof exported === 'object' && exported !== null ? exported : {}) as Record<
    string,
    unknown
  >;
  try {
    run.httpOptions = httpOptionsFrom(withHttpEnv(run.scriptOptions, options.env));
  } catch (error) {
    throw new UserError(`invalid options: ${describeError(error)}`, EXIT_INVALID_CONFIG);
  }
  run.vuOptions = {
    ...(run.scriptOptions['discardResponseBodies'] === true ? { discardResponseBodies: true } : {}),
    ...(run.scriptOptions['throw'] === true ? { throw: true } : {}),
  };
  return { run, main };
}

/** A named import the engine lacks fails here, at init, with its name (k6 would fail at init too). */
function checkNamedImports(main: VirtualUser, imports: readonly { module: string; name: string }[]): void {
  for (const { module, name } of imports) {
    try {
      const value = (main.require(module) as Record<string, unknown>)[name];
      if (isNotImplemented(value)) (value as () => never)();
    } catch (error) {
      throw new UserError(
        `the script imports ${module}.${name}: ${describeError(error).split('\n')[0]}`,
        EXIT_SCRIPT_EXCEPTION,
      );
    }
  }
}
