// How a command is named in errors and log lines that may be shown to anyone.

/** The program and its first argument only: the rest may be long or hold values not meant for a message. */
export function describeCommand(argv: readonly string[]): string {
  return argv.slice(0, 2).join(' ');
}
