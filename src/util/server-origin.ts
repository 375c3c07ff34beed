/** The server's base URL from a target URL: without a trailing /v1 (OpenAI-style) or slash. */
export function serverBase(targetUrl: string): string {
  return targetUrl.replace(/\/v1\/?$/, '').replace(/\/$/, '');
}
