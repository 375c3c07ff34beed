/** The server's base URL from a target URL: without a trailing /v1 (OpenAI-style) or slash. */
export function serverBase(targetUrl: string): string {
  return targetUrl.replace(/\/v1\/?$/, '').replace(/\/$/, '');
}

const LOOPBACK = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/;

/** Whether `url` names this machine (127.0.0.0/8, localhost, [::1]): its host can be sampled without SSH. */
export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK.test(url);
}
