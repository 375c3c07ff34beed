// Keeps secrets (passphrases, TOKEN/KEY/... variables) out of every log line of the remote layer.
export type LogLine = (line: string) => void;

/** Names of environment variables whose values are treated as secrets. */
export const SECRET_NAME = /TOKEN|KEY|SECRET|PASSWORD|PASSPHRASE/i;

export const REDACTED = '***';

export interface Redactor {
  /** Registers one more secret value (empty strings are ignored). */
  addSecret(value: string | undefined): void;
  /** Registers the values of the variables whose names look secret. */
  addEnv(env: Readonly<Record<string, string | undefined>>): void;
  /** Registers secret-named `NAME=value` arguments (e.g. podman's `-e HF_TOKEN=...`). */
  addArgv(argv: readonly string[]): void;
  redact(text: string): string;
  /** A logger that redacts every line before handing it on. */
  wrap(log: LogLine): LogLine;
}

/** Creates a redactor seeded with explicit secrets and the secret-named variables of `env`. */
export function createRedactor(
  options: { secrets?: (string | undefined)[]; env?: Record<string, string> } = {},
): Redactor {
  const secrets = new Set<string>();
  const redactor: Redactor = {
    addSecret(value) {
      if (value === undefined || value === '') return;
      secrets.add(value);
      // Logged command lines carry values single-quoted, where each ' reads '\''.
      secrets.add(value.replaceAll("'", `'\\''`));
    },
    addEnv(env) {
      for (const [name, value] of Object.entries(env)) if (isSecretName(name)) redactor.addSecret(value);
    },
    addArgv(argv) {
      for (const arg of argv) {
        const match = /^(?:--?[A-Za-z-]+=)?([A-Za-z_][A-Za-z0-9_]*)=(.+)$/s.exec(arg);
        if (match?.[1] !== undefined && isSecretName(match[1])) redactor.addSecret(match[2]);
      }
    },
    redact(text) {
      // Longest first, so a secret that contains another is replaced whole.
      const ordered = [...secrets].sort((a, b) => b.length - a.length);
      return ordered.reduce((line, secret) => line.replaceAll(secret, REDACTED), text);
    },
    wrap(log) {
      // One entry per line: a quoted newline in a command would otherwise split it.
      return (line) => log(redactor.redact(line).replaceAll('\n', '\\n'));
    },
  };
  for (const secret of options.secrets ?? []) redactor.addSecret(secret);
  redactor.addEnv(options.env ?? {});
  return redactor;
}

/** Whether a variable's name marks its value as a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}
