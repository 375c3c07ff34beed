import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page, type Request } from 'playwright-core';

/** Where the system Chromium lives (Debian's package); INFERLOAD_CHROMIUM overrides it. */
export const CHROMIUM_PATH = process.env['INFERLOAD_CHROMIUM'] ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A page opened in headless Chromium, with everything that went wrong while it loaded. */
export interface ChromiumPage {
  page: Page;
  /** console.error messages and uncaught page errors. */
  consoleErrors: string[];
  /** Every request other than the page itself: a self-contained file makes none (all are blocked). */
  requests: string[];
  /** Requests that failed, with the reason (the blocked ones land here too). */
  failedRequests: string[];
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Whether the system Chromium is installed, so a test can skip where it is not (outside CI). */
export function hasChromium(): boolean {
  return existsSync(CHROMIUM_PATH);
}

function toUrl(fileOrUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(fileOrUrl) && !/^[a-z]:[\\/]/i.test(fileOrUrl)) return fileOrUrl;
  return pathToFileURL(isAbsolute(fileOrUrl) ? fileOrUrl : resolve(fileOrUrl)).href;
}

/** Opens a file or URL in headless Chromium with every other request blocked and recorded; closes the browser if loading fails. */
export async function openInChromium(
  fileOrUrl: string,
  options: { screenshot?: string; viewport?: { width: number; height: number } } = {},
): Promise<ChromiumPage> {
  const url = toUrl(fileOrUrl);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const failedRequests: string[] = [];
  try {
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 900 },
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    const isPageItself = (request: Request) => request.url() === url && request.frame() === page.mainFrame();
    page.on('request', (request) => {
      if (!isPageItself(request)) requests.push(`${request.method()} ${request.url()}`);
    });
    await page.route('**/*', (route) =>
      isPageItself(route.request()) ? route.continue() : route.abort('blockedbyclient'),
    );
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => {
      if (request.url() === url) return;
      failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response && !response.ok()) throw new Error(`${url} answered ${response.status()}`);
    const screenshot = async (path: string) => {
      await page.screenshot({ path, fullPage: true });
    };
    if (options.screenshot) await screenshot(options.screenshot);
    return { page, consoleErrors, requests, failedRequests, screenshot, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
