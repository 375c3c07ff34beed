// Values written into an nginx configuration: quoted so nginx reads each back as one literal parameter.

/** Why `value` cannot stand in an nginx configuration, or undefined when it can. */
export function checkNginxValue(value: string): string | undefined {
  // Control characters would split a directive, and `$` starts a variable nginx expands in many directives.
  if ([...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return 'it holds a control character (a newline, a tab...)';
  if (value.includes('$')) return "it holds '$', which nginx reads as a variable";
  return undefined;
}

/** One parameter in double quotes, `"` and `\` escaped; throws naming what is wrong with the value. */
export function quoteNginx(value: string, what: string): string {
  const problem = checkNginxValue(value);
  if (problem !== undefined)
    throw new Error(`${what} ${JSON.stringify(value)} cannot go into nginx.conf: ${problem}`);
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** A response body in single quotes (nginx's `return CODE 'text'`): `'` and `\` escaped, no variables. */
export function quoteNginxText(value: string, what: string): string {
  const problem = checkNginxValue(value);
  if (problem !== undefined)
    throw new Error(`${what} ${JSON.stringify(value)} cannot go into nginx.conf: ${problem}`);
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
