/**
 * Real Firefox (Debian's firefox-esr) with the built extension, driven by puppeteer-core over
 * WebDriver BiDi. What differs from Chromium, and how it is met here:
 *  - policy: one file, /etc/firefox/policies/policies.json (`policies` → `3rdparty` →
 *    `Extensions` → gecko id), read by Firefox once at start. A file that was there before a
 *    test is put back afterwards;
 *  - the extension is installed with BiDi `webExtension.install` (a temporary add-on, so an
 *    unsigned build loads); its moz-extension:// UUID is fixed with the
 *    `extensions.webextensions.uuids` pref, so popup and options have known URLs;
 *  - BiDi may open moz-extension:// pages only with MOZ_REMOTE_ALLOW_SYSTEM_ACCESS set;
 *  - the demo pages are served on the real origins by request interception on each page.
 *
 * Pages are wrapped in the Playwright-like E2EPage of tests/support/e2e.ts; locators pierce
 * open shadow roots (the warning lives in one) as Playwright's do.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type HTTPRequest, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../wxt.config';
import { DEMO_PAGES } from './browser';
import { ROOT } from './cli';
import type { E2EBrowser, E2ELocator, E2EPage, LaunchOptions } from './e2e';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = join(ROOT, '.output/firefox-mv3');
export const FIREFOX_POLICY_FILE = '/etc/firefox/policies/policies.json';
/** The moz-extension:// host of the extension in test profiles (fixed by pref). */
export const FIREFOX_EXTENSION_UUID = '5b3f0c2e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

const ACTION_TIMEOUT = 15_000;
let savedPolicyFile: string | null | undefined;

/**
 * Writes the extension's policy into Firefox's policies.json (null removes it). `raw`
 * replaces the whole file's `policies` object, for tests of other shapes.
 */
export function writeFirefoxPolicy(policy: Record<string, unknown> | null, raw?: Record<string, unknown>): void {
  if (savedPolicyFile === undefined) savedPolicyFile = existsSync(FIREFOX_POLICY_FILE) ? readFileSync(FIREFOX_POLICY_FILE, 'utf8') : null;
  if (policy === null && !raw) {
    restoreFirefoxPolicy();
    return;
  }
  mkdirSync(dirname(FIREFOX_POLICY_FILE), { recursive: true });
  const policies = raw ?? { '3rdparty': { Extensions: { [GECKO_ID]: policy } } };
  writeFileSync(FIREFOX_POLICY_FILE, JSON.stringify({ policies }, null, 2));
}

function restoreFirefoxPolicy(): void {
  if (savedPolicyFile === undefined) return;
  if (savedPolicyFile === null) rmSync(FIREFOX_POLICY_FILE, { force: true });
  else writeFileSync(FIREFOX_POLICY_FILE, savedPolicyFile);
  savedPolicyFile = undefined;
}

export async function launchFirefox(opts: LaunchOptions = {}): Promise<E2EBrowser & { browser: Browser }> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No Firefox build in ${FIREFOX_EXTENSION_DIR}: run npm run build:firefox`);
  }
  if (!opts.keepPolicyFile) writeFirefoxPolicy(opts.policy ?? null);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    env: { ...process.env, MOZ_REMOTE_ALLOW_SYSTEM_ACCESS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
      // Touch events exist only where the platform has touch; the tap test needs them.
      ...(opts.hasTouch ? { 'dom.w3c_touch_events.enabled': 1 } : {}),
    },
  });
  try {
    await browser.installExtension(FIREFOX_EXTENSION_DIR);
  } catch (e) {
    await browser.close();
    throw e;
  }
  let storagePage: Page | undefined;

  const newPage = async (): Promise<Page> => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900, hasTouch: opts.hasTouch ?? false }).catch(() =>
      page.setViewport({ width: 1280, height: 900 }),
    );
    await serveDemoPages(page);
    return page;
  };
  const openExtensionPage = async (path: string) => {
    const page = await newPage();
    await gotoExtensionPage(page, path);
    return wrapPage(page);
  };

  return {
    name: 'firefox',
    browser,
    async openDemo(site, path) {
      const page = await newPage();
      const base = DEMO_PAGES[site].url;
      await page.goto(path ? new URL(path, base).href : base);
      return wrapPage(page);
    },
    openPopup: () => openExtensionPage('popup.html'),
    openOptions: () => openExtensionPage('options.html'),
    async openUrl(url) {
      const page = await newPage();
      await page.goto(url);
      return wrapPage(page);
    },
    async storage(keys) {
      if (!storagePage || storagePage.isClosed()) {
        storagePage = await browser.newPage();
        frontPage = storagePage;
        await gotoExtensionPage(storagePage, 'popup.html');
      }
      // `browser` here is the extension's WebExtension API, inside the extension page.
      return storagePage.evaluate((k) => (globalThis as any).browser.storage.local.get(k), keys);
    },
    async close() {
      await browser.close().catch(() => {});
      if (!opts.keepPolicyFile) restoreFirefoxPolicy();
    },
  };
}

/**
 * Opens a moz-extension:// page. BiDi never reports the load of a navigation into the
 * extension process, so this starts it and then waits for the document itself.
 */
async function gotoExtensionPage(page: Page, path: string): Promise<void> {
  const url = `${FIREFOX_EXTENSION_ORIGIN}/${path}`;
  void page.goto(url, { timeout: 0, waitUntil: 'domcontentloaded' }).catch(() => {});
  const end = Date.now() + 20_000;
  for (;;) {
    const ready = await page.evaluate(() => location.href + ' ' + document.readyState).catch(() => '');
    if (ready.startsWith(url) && !ready.endsWith('loading')) return;
    if (Date.now() > end) throw new Error(`could not open ${url} (last: ${ready})`);
    await sleep(100);
  }
}

/** The demo pages on the sites' real origins; anything else on those origins is a 404. */
async function serveDemoPages(page: Page): Promise<void> {
  const hosts = new Map<string, string>();
  for (const demo of Object.values(DEMO_PAGES)) {
    const html = readFileSync(demo.file, 'utf8');
    for (const origin of demo.origins) hosts.set(new URL(origin.replace('/**', '/')).host, html);
  }
  await page.setRequestInterception(true);
  page.on('request', (req: HTTPRequest) => {
    if (req.isInterceptResolutionHandled()) return;
    const url = new URL(req.url());
    const html = url.protocol === 'https:' ? hosts.get(url.host) : undefined;
    if (html === undefined) void req.continue();
    else if (req.isNavigationRequest()) void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    else void req.respond({ status: 404, body: '' });
  });
}

// ---------------------------------------------------------------------------------------
// A Playwright-like page and locator on puppeteer.

interface Step {
  selector: string;
  nth?: number;
}

/**
 * Runs in the page: the elements a locator chain matches, in document order, looking into
 * open shadow roots at every step.
 */
function resolveChain(steps: Step[]): Element[] {
  const deep = (root: ParentNode): Element[] => {
    const roots: ParentNode[] = [];
    const collect = (r: ParentNode) => {
      roots.push(r);
      for (const el of Array.from(r.querySelectorAll('*'))) if (el.shadowRoot) collect(el.shadowRoot);
    };
    collect(root);
    if (root instanceof Element && root.shadowRoot) collect(root.shadowRoot);
    return roots.flatMap((r) => Array.from(r.querySelectorAll(current.selector)));
  };
  let current: Step = steps[0];
  let scope: ParentNode[] = [document];
  for (const step of steps) {
    current = step;
    const found: Element[] = [];
    for (const root of scope) for (const el of deep(root)) if (!found.includes(el)) found.push(el);
    const i = step.nth === undefined ? undefined : step.nth < 0 ? found.length + step.nth : step.nth;
    scope = i === undefined ? found : found[i] ? [found[i]] : [];
  }
  return scope as Element[];
}

function isVisibleElement(el: Element): boolean {
  const rect = el.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0 && getComputedStyle(el).visibility !== 'hidden';
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Input goes to the tab in front: a test that works in two tabs (the popup and the site)
 * brings the one it acts on to the front first, as a user's click would.
 */
let frontPage: Page | undefined;
async function toFront(page: Page): Promise<void> {
  if (frontPage === page) return;
  await page.bringToFront();
  frontPage = page;
}

class FxLocator implements E2ELocator {
  constructor(private page: Page, private steps: Step[]) {}

  locator(selector: string): E2ELocator {
    return new FxLocator(this.page, [...this.steps, { selector }]);
  }
  first(): E2ELocator {
    return this.nth(0);
  }
  nth(index: number): E2ELocator {
    const steps = this.steps.slice();
    steps[steps.length - 1] = { ...steps[steps.length - 1], nth: index };
    return new FxLocator(this.page, steps);
  }

  private describe(): string {
    return this.steps.map((s) => s.selector + (s.nth === undefined ? '' : ` >> nth=${s.nth}`)).join(' >> ');
  }

  /** The page-side check of the chain, with the two helpers passed in as source. */
  private async state(): Promise<{ count: number; visible: boolean; enabled: boolean }> {
    return this.page.evaluate(
      (steps, resolveSrc, visibleSrc) => {
        const resolve = new Function(`return (${resolveSrc})`)() as (s: unknown) => Element[];
        const visible = new Function(`return (${visibleSrc})`)() as (e: Element) => boolean;
        const els = resolve(steps);
        const enabled = els.length > 0 && !els[0].matches(':disabled') && els[0].getAttribute('aria-disabled') !== 'true';
        return { count: els.length, visible: els.length > 0 && visible(els[0]), enabled };
      },
      this.steps,
      resolveChain.toString(),
      isVisibleElement.toString(),
    );
  }

  /** The one element, once attached and visible (and enabled, for `enabled`), as Playwright's actions wait. */
  private async handle(needEnabled = false): Promise<ElementHandle<Element>> {
    const end = Date.now() + ACTION_TIMEOUT;
    for (;;) {
      const s = await this.state();
      if (s.count > 1 && this.steps[this.steps.length - 1].nth === undefined) {
        throw new Error(`strict mode: ${this.describe()} matches ${s.count} elements`);
      }
      if (s.count === 1 && s.visible && (s.enabled || !needEnabled)) break;
      if (Date.now() > end) throw new Error(`timed out waiting for ${this.describe()} to be visible${needEnabled ? ' and enabled' : ''}`);
      await sleep(50);
    }
    const h = await this.page.evaluateHandle(
      (steps, resolveSrc) => (new Function(`return (${resolveSrc})`)() as (s: unknown) => Element[])(steps)[0],
      this.steps,
      resolveChain.toString(),
    );
    await toFront(this.page);
    return h as ElementHandle<Element>;
  }

  async click(): Promise<void> {
    const h = await this.handle(true);
    await h.click();
    await h.dispose();
  }
  async dblclick(): Promise<void> {
    const h = await this.handle(true);
    // Two presses in one input action: Firefox counts them as a double click.
    await h.click({ count: 2 });
    await h.dispose();
  }
  async tap(): Promise<void> {
    const h = await this.handle(true);
    await h.tap();
    await h.dispose();
  }
  async focus(): Promise<void> {
    const h = await this.handle();
    await h.focus();
    await h.dispose();
  }
  async fill(value: string): Promise<void> {
    const h = await this.handle(true);
    await h.focus();
    await h.evaluate((el) => (el as HTMLInputElement).select?.());
    await this.page.keyboard.press('Backspace');
    if (value) await this.page.keyboard.type(value);
    await h.dispose();
  }
  async pressSequentially(text: string): Promise<void> {
    const h = await this.handle(true);
    await h.type(text);
    await h.dispose();
  }
  async waitFor(options: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number } = {}): Promise<void> {
    const want = options.state ?? 'visible';
    const end = Date.now() + (options.timeout ?? ACTION_TIMEOUT);
    for (;;) {
      const s = await this.state();
      const ok =
        want === 'attached' ? s.count > 0 : want === 'detached' ? s.count === 0 : want === 'visible' ? s.visible : !s.visible;
      if (ok) return;
      if (Date.now() > end) throw new Error(`timed out waiting for ${this.describe()} to be ${want}`);
      await sleep(50);
    }
  }
  private async one<R>(fn: (el: Element) => R): Promise<R> {
    await this.waitFor({ state: 'attached' });
    return this.page.evaluate(
      (steps, resolveSrc, fnSrc) => {
        const el = (new Function(`return (${resolveSrc})`)() as (s: unknown) => Element[])(steps)[0];
        return (new Function(`return (${fnSrc})`)() as (e: Element) => R)(el);
      },
      this.steps,
      resolveChain.toString(),
      fn.toString(),
    ) as Promise<R>;
  }
  innerText(): Promise<string> {
    return this.one((el) => (el as HTMLElement).innerText);
  }
  getAttribute(name: string): Promise<string | null> {
    return this.one(new Function('el', `return el.getAttribute(${JSON.stringify(name)})`) as (el: Element) => string | null);
  }
  async count(): Promise<number> {
    return (await this.state()).count;
  }
  async isVisible(): Promise<boolean> {
    return (await this.state()).visible;
  }
  isDisabled(): Promise<boolean> {
    // As Playwright: disabled itself, or inside a disabled fieldset.
    return this.one((el) => el.matches(':disabled'));
  }
  evaluateAll<R>(fn: (elements: Element[]) => R): Promise<R> {
    return this.page.evaluate(
      (steps, resolveSrc, fnSrc) => {
        const els = (new Function(`return (${resolveSrc})`)() as (s: unknown) => Element[])(steps);
        return (new Function(`return (${fnSrc})`)() as (e: Element[]) => R)(els);
      },
      this.steps,
      resolveChain.toString(),
      fn.toString(),
    ) as Promise<R>;
  }
}

function wrapPage(page: Page): E2EPage {
  frontPage = page; // a new tab opens in front
  return {
    locator: (selector) => new FxLocator(page, [{ selector }]),
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    goBack: () => page.goBack(),
    async close() {
      await page.close();
    },
    url: () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn as any, arg) as Promise<any>,
    // Playwright waits for a visible element unless told `attached`; puppeteer the reverse.
    waitForSelector: (selector, options) =>
      page.waitForSelector(selector, { timeout: options?.timeout ?? 30_000, visible: options?.state !== 'attached' }),
    // Interval polling: a background tab gets no animation frames to poll on.
    waitForFunction: (fn, _arg, options) => page.waitForFunction(fn, { timeout: options?.timeout ?? 30_000, polling: 100 }),
    async waitForURL(url, options) {
      const end = Date.now() + (options?.timeout ?? ACTION_TIMEOUT);
      const matches = () => (typeof url === 'string' ? page.url() === url : url.test(page.url()));
      while (!matches()) {
        if (Date.now() > end) throw new Error(`timed out waiting for URL ${url} (at ${page.url()})`);
        await sleep(50);
      }
    },
    waitForTimeout: (ms) => sleep(ms),
    keyboard: {
      async press(key) {
        await toFront(page);
        // Playwright's chords ("Control+Enter"): held modifiers around the last key.
        type Key = Parameters<Page['keyboard']['press']>[0];
        const parts = key.length > 1 ? key.split('+') : [key];
        const last = parts.pop() as Key;
        for (const m of parts) await page.keyboard.down(m as Key);
        try {
          await page.keyboard.press(last);
        } finally {
          for (const m of parts.reverse()) await page.keyboard.up(m as Key);
        }
      },
    },
  };
}
