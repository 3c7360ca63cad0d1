/**
 * Real Chromium (Debian's /usr/bin/chromium) with the built extension, for end-to-end
 * tests, the demo and the benchmark. Managed policy is a real file in Chromium's policy
 * directory, written before launch and removed afterwards; site pages are the demo pages,
 * served on the sites' real origins with `context.route`.
 */
import { SITES } from '../../lib/sites/registry';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { ROOT } from './cli';

export const EXTENSION_ID = 'ijmijnmigcajjoompdhojokndhaekodo';
export const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const POLICY_DIR = '/etc/chromium/policies/managed';
export const POLICY_FILE = join(POLICY_DIR, 'jaga-netral-test.json');

/** Each guarded site's demo page, from the registry, served on every origin the site runs on. */
export const DEMO_PAGES: Record<string, { url: string; file: string; origins: string[] }> = Object.fromEntries(
  SITES.map((s) => [s.id, { url: s.demo.url, file: join(ROOT, s.demo.page), origins: s.matches.map((m) => m.replace(/\*$/, '**')) }]),
);

/** Writes (or, with null, removes) the extension's managed policy for Chromium. */
export function writePolicy(policy: Record<string, unknown> | null): void {
  if (policy === null) {
    rmSync(POLICY_FILE, { force: true });
    return;
  }
  mkdirSync(POLICY_DIR, { recursive: true });
  writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: policy } } }, null, 2));
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  close(): Promise<void>;
}

export async function launch(
  opts: { headless?: boolean; policy?: Record<string, unknown> | null; hasTouch?: boolean; userDataDir?: string } = {},
): Promise<Launched> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No build in ${EXTENSION_DIR}: run npm run build`);
  writePolicy(opts.policy ?? null);
  // A given profile is kept on close (a test restarts the browser on it); a fresh one is not.
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'jn-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    viewport: { width: 1280, height: 900 },
    hasTouch: opts.hasTouch ?? false,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await serveDemoPages(context);
  const worker = context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID)) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().includes(EXTENSION_ID), timeout: 30_000 }));
  return {
    context,
    worker,
    async close() {
      await context.close().catch(() => {});
      if (!opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
      if (opts.policy) writePolicy(null);
    },
  };
}

/** The demo pages on the real origins (any path: the pages route themselves in-page). */
export async function serveDemoPages(context: BrowserContext): Promise<void> {
  for (const page of Object.values(DEMO_PAGES)) {
    const html = readFileSync(page.file, 'utf8');
    for (const origin of page.origins) {
      await context.route(origin, (route) => {
        const req = route.request();
        if (req.resourceType() === 'document') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
        return route.fulfill({ status: 404, body: '' });
      });
    }
  }
}

/** Reads the extension's storage.local through its service worker. */
export async function extStorage<T = Record<string, unknown>>(worker: Worker, keys: string[]): Promise<T> {
  // `chrome` exists in the worker, where this function runs (it is serialised, not called here).
  return worker.evaluate((k) => (globalThis as any).chrome.storage.local.get(k), keys) as Promise<T>;
}

/** Waits until `fn(storage)` is true (storage read from the service worker). */
export async function waitForStorage(worker: Worker, keys: string[], fn: (s: Record<string, any>) => boolean, timeoutMs = 30_000): Promise<Record<string, any>> {
  const end = Date.now() + timeoutMs;
  let last: Record<string, any> = {};
  while (Date.now() < end) {
    last = await extStorage(worker, keys);
    if (fn(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`storage condition not met in ${timeoutMs} ms; last: ${JSON.stringify(last).slice(0, 800)}`);
}

export async function openDemo(context: BrowserContext, site: string, path?: string): Promise<Page> {
  const page = await context.newPage();
  const base = DEMO_PAGES[site].url;
  await page.goto(path ? new URL(path, base).href : base);
  return page;
}

export async function openPopup(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  return page;
}

/** The warning's shadow-DOM hooks (INTERFACES §4); Playwright locators pierce open shadow roots. */
export function warning(page: Page) {
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
export async function demoLog(page: Page): Promise<string[]> {
  return page.evaluate(() => ((window as unknown as { __demoLog?: string[] }).__demoLog ?? []).slice());
}
