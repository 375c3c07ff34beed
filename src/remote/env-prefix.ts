// Per-command environment as an argv prefix: `env NAME=value ... command`, quoted like any argument.
import { UserError } from '../util/errors.ts';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Prefixes argv with `env NAME=value` pairs; names are checked so a value can never become a name. */
export function prefixEnv(
  argv: readonly string[],
  env: Readonly<Record<string, string>> | undefined,
): string[] {
  const pairs = Object.entries(env ?? {});
  if (pairs.length === 0) return [...argv];
  for (const [name] of pairs) {
    if (!ENV_NAME.test(name))
      throw new UserError(
        `Invalid environment variable name ${JSON.stringify(name)}: use letters, digits and _`,
      );
  }
  const [command] = argv;
  if (command?.includes('='))
    throw new UserError(
      `Command ${JSON.stringify(command)} contains "=", which env would read as a variable`,
    );
  // `--` ends env's options, so a value starting with `-` stays a value.
  return ['env', '--', ...pairs.map(([name, value]) => `${name}=${value}`), ...argv];
}
