/**
 * One end-to-end API over both real browsers, so each flow is written once and runs in
 * Chromium (playwright-core) and in Firefox (puppeteer-core over WebDriver BiDi).
 *
 * `E2EPage` / `E2ELocator` are the part of Playwright's Page / Locator API the tests use:
 * a Playwright page is one as it is; tests/support/firefox.ts implements the same calls on
 * puppeteer. Locators pierce open shadow roots in both, as Playwright's CSS engine does.
 */
import { launch as launchChromium, EXTENSION_ID, extStorage, openDemo } from './browser';
import { launchFirefox } from './firefox';
import type { SiteId } from '../../lib/model';

export type BrowserName = 'chromium' | 'firefox';

/** The browsers `npm test` runs the flows in; `E2E_BROWSERS=chromium` narrows a local run. */
export const BROWSERS: BrowserName[] = (process.env.E2E_BROWSERS ?? 'chromium,firefox')
  .split(',')
  .map((b) => b.trim())
  .filter((b): b is BrowserName => b === 'chromium' || b === 'firefox');

type WaitState = 'attached' | 'detached' | 'visible' | 'hidden';

export interface E2ELocator {
  locator(selector: string): E2ELocator;
  first(): E2ELocator;
  nth(index: number): E2ELocator;
  click(): Promise<void>;
  /** A double click: two presses the browser counts as one (`detail` 2, then `dblclick`). */
  dblclick(): Promise<void>;
  tap(): Promise<void>;
  focus(): Promise<void>;
  fill(value: string): Promise<void>;
  pressSequentially(text: string): Promise<void>;
  waitFor(options?: { state?: WaitState; timeout?: number }): Promise<void>;
  innerText(): Promise<string>;
  getAttribute(name: string): Promise<string | null>;
  count(): Promise<number>;
  isVisible(): Promise<boolean>;
  isDisabled(): Promise<boolean>;
  evaluateAll<R>(fn: (elements: Element[]) => R): Promise<R>;
}

export interface E2EPage {
  locator(selector: string): E2ELocator;
  goto(url: string): Promise<unknown>;
  reload(): Promise<unknown>;
  close(): Promise<void>;
  url(): string;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  waitForSelector(selector: string, options?: { timeout?: number; state?: 'attached' | 'visible' }): Promise<unknown>;
  waitForFunction(fn: () => unknown, arg?: undefined, options?: { timeout?: number }): Promise<unknown>;
  waitForURL(url: string | RegExp, options?: { timeout?: number }): Promise<void>;
  goBack(): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  keyboard: { press(key: string): Promise<void> };
}

export interface E2EBrowser {
  name: BrowserName;
  /** A new tab on the demo page of `site` served on the site's real origin. */
  openDemo(site: SiteId, path?: string): Promise<E2EPage>;
  openPopup(): Promise<E2EPage>;
  openOptions(): Promise<E2EPage>;
  /** A new tab on any URL (e.g. chrome://policy). */
  openUrl(url: string): Promise<E2EPage>;
  /** The extension's storage.local, read inside the extension. */
  storage<T = Record<string, any>>(keys: string[]): Promise<T>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  policy?: Record<string, unknown> | null;
  hasTouch?: boolean;
  /** Firefox: use the policies.json on disk as it is (neither write nor remove it). */
  keepPolicyFile?: boolean;
  /** Chromium: this profile directory, kept on close, so a test can restart the browser. */
  userDataDir?: string;
}

export async function launchBrowser(name: BrowserName, opts: LaunchOptions = {}): Promise<E2EBrowser> {
  if (name === 'firefox') return launchFirefox(opts);
  const b = await launchChromium(opts);
  const openUrl = async (url: string) => {
    const page = await b.context.newPage();
    await page.goto(url);
    return page as unknown as E2EPage;
  };
  const open = (path: string) => openUrl(`chrome-extension://${EXTENSION_ID}/${path}`);
  return {
    name,
    openDemo: async (site, path) => (await openDemo(b.context, site, path)) as unknown as E2EPage,
    openPopup: () => open('popup.html'),
    openOptions: () => open('options.html'),
    openUrl,
    storage: (keys) => extStorage(b.worker, keys),
    close: () => b.close(),
  };
}

/** Waits until `fn(storage)` is true. */
export async function waitForStorage(b: E2EBrowser, keys: string[], fn: (s: Record<string, any>) => boolean, timeoutMs = 30_000): Promise<Record<string, any>> {
  const end = Date.now() + timeoutMs;
  let last: Record<string, any> = {};
  while (Date.now() < end) {
    last = await b.storage(keys);
    if (fn(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`storage condition not met in ${timeoutMs} ms (${b.name}); last: ${JSON.stringify(last).slice(0, 800)}`);
}

/** The warning's shadow-DOM hooks (INTERFACES §4). */
export function warning(page: E2EPage) {
  const host = page.locator('jaga-netral-warning');
  return {
    host,
    dialog: host.locator('[role="dialog"]'),
    account: host.locator('[data-account]'),
    clauses: host.locator('[data-clause]'),
    cancel: host.locator('[data-action="cancel"]'),
    proceed: host.locator('[data-action="proceed"]'),
    justification: host.locator('[data-field="justification"]'),
  };
}

/** The demo page's own record of what the "site" did. */
export async function demoLog(page: E2EPage): Promise<string[]> {
  return page.evaluate(() => ((window as unknown as { __demoLog?: string[] }).__demoLog ?? []).slice());
}
