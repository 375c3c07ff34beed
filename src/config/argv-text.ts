// What one argv element or environment variable can carry: config check and the podman/process launchers
// both refuse the same values with these.

/** A POSIX environment variable name, as podman --env, quadlet Environment= and `export` take it. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const ENV_NAME_EXPECTED = 'an environment variable name like HIP_VISIBLE_DEVICES';

/** Why `text` cannot be passed as an argument, a path or an environment value, or undefined when it can. */
export function checkArgvText(text: string): string | undefined {
  // execve takes C strings: a NUL would silently cut the value short (YAML can write one as "\0").
  return text.includes('\0')
    ? 'holds a NUL byte, which no argument or environment value can carry'
    : undefined;
}

/** Why `name` is not an environment variable name, or undefined when it is one. */
export function checkEnvName(name: string): string | undefined {
  return ENV_NAME.test(name) ? undefined : `must match ${ENV_NAME.source.slice(1, -1)}`;
}
