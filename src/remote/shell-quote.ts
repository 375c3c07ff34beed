// POSIX shell quoting: the only way a command line is built from config values.

// Words that never need quoting anywhere on a line (keeps logged commands readable); no `=`, `%`, `~`.
const SAFE_WORD = /^[A-Za-z0-9_@+:,./-]+$/;

// Reserved words change meaning only in command position, so a bare first word must not be one.
const RESERVED_WORDS = new Set(
  'case coproc do done elif else esac fi for function if in select then time until while'.split(' '),
);

/** Quotes one argument so a POSIX shell reads it back as exactly that single word. */
export function quoteArg(value: string): string {
  if (value.includes('\0')) throw new Error('A shell argument cannot contain a NUL byte');
  if (SAFE_WORD.test(value)) return value;
  // Inside single quotes nothing is special except the closing quote: end, emit \', reopen.
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Quotes an argv array into one command line; each element arrives as one literal argument. */
export function quoteArgv(argv: readonly string[]): string {
  const [command, ...args] = argv;
  if (command === undefined) throw new Error('quoteArgv: an empty argv has no command to run');
  const first = RESERVED_WORDS.has(command) ? `'${command}'` : quoteArg(command);
  return [first, ...args.map(quoteArg)].join(' ');
}
