// TARGET checked before anything runs: a URL, http or https, a port that can exist; normalised (no trailing
// slash) so that paths join cleanly.
import { UserError } from '../util/errors.ts';

/** The target as the run uses it: `http(s)://host[:port][/base]` without a trailing slash. */
export function normalizeTarget(raw: string, variable = 'TARGET'): string {
  const text = raw.trim();
  if (/^[\w.-]+:\d+(\/.*)?$/.test(text))
    throw new UserError(`${variable}: '${raw}' has no scheme; expected http://${text} or https://${text}`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError(`${variable}: '${raw}' is not a URL; expected http://host:port`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UserError(
      `${variable}: unsupported scheme '${url.protocol}' in '${raw}'; expected http:// or https://`,
    );
  if (url.hostname === '') throw new UserError(`${variable}: '${raw}' names no host`);
  if (url.username || url.password)
    throw new UserError(`${variable}: credentials in the URL are not sent; use the server's API key option`);
  if (url.search || url.hash)
    throw new UserError(`${variable}: '${raw}' has a query or fragment; expected http://host:port[/base]`);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}
