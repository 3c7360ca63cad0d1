/**
 * Audit reporting end to end, in real Chromium and real Firefox: the policy file turns it
 * on, the popup says so and to whom, and a real local collector (answering CORS preflights
 * and checking the bearer token, as an nginx in front of Fluent Bit would) receives what
 * the user did on listed accounts, and nothing of what they browsed. In Chromium the browser
 * is also restarted with reports still queued while the collector was down.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FIELDS } from '../../lib/report/record';
import { startCollector, type Collector } from '../support/collector';
import { BROWSERS, demoLog, waitForStorage, warning, type E2EPage } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { guardedBrowser, type Scenario } from '../support/scenario';

const TOKEN = 'uji-token-rahasia-123';
/** Text and addresses of the demo page that must never leave the device. */
const PAGE_TEXT = ['Terima kasih relawan', 'x.com/', 'facebook.com', 'capres_contoh_a/status', 'Bersama kita menang'];

const waitFor = async <T,>(fn: () => T | undefined | false, what: string, timeoutMs = 40_000): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

const likeP1 = async (page: E2EPage, choice: 'cancel' | 'proceed') => {
  await page.locator('article[data-demo-post="p1"] [data-testid="like"]').click();
  const w = warning(page);
  await w.dialog.waitFor();
  await w[choice].click();
  await w.host.waitFor({ state: 'detached' });
};

describe.each(BROWSERS)('audit reporting in real %s', (browserName) => {
  let s: Scenario;
  let collector: Collector;
  beforeAll(async () => {
    collector = await startCollector({ authorization: `Bearer ${TOKEN}` });
    s = await guardedBrowser(browserName, {
      policy: { mode: 'warn', organization: { name: 'Inspektorat Contoh' }, reportUrl: collector.url('/jaga-netral'), reportToken: TOKEN },
    });
  });
  afterAll(async () => {
    await s?.close();
    await collector?.close();
  });

  it('says in the popup that reporting is on, and to whom, without showing the token', async () => {
    const popup = await s.browser.openPopup();
    await popup.locator('[data-status="reporting"]').waitFor({ state: 'attached' });
    expect((await popup.locator('[data-status="reporting"]').innerText()).trim()).toBe('on');
    const body = await popup.locator('body').innerText();
    expect(body).toContain('Pelaporan aktif');
    expect(body).toContain('Inspektorat Contoh');
    expect(body).toContain('127.0.0.1');
    expect(body).not.toContain(TOKEN);
    await popup.close();
  });

  it('delivers warned, cancelled and proceeded to the collector, with the token, and no browsing data', async () => {
    const page = await s.browser.openDemo('x');
    await waitForGuard(page);
    await likeP1(page, 'cancel');
    await likeP1(page, 'proceed');
    await page.waitForTimeout(300);
    expect(await demoLog(page)).toEqual(['like:p1']);

    const events = await waitFor(
      () => (collector.events.filter((e) => e.outcome !== 'dropped').length >= 4 ? collector.events : undefined),
      'four reports',
    );
    expect(events.map((e) => e.outcome)).toEqual(['warned', 'cancelled', 'warned', 'proceeded']);
    for (const e of events) {
      expect(e).toMatchObject({ action: 'like', site: 'x', entryId: 'x:@capres_contoh_a', listVersion: 5, mode: 'warn', organizationName: 'Inspektorat Contoh' });
      expect(e.clauseIds).toContain('skb-2022-medsos');
      expect(String(e.installId)).toMatch(/^[0-9a-f-]{36}$/);
      expect(Object.keys(e).every((k) => (REPORT_FIELDS as readonly string[]).includes(k))).toBe(true);
    }
    expect(new Set(events.map((e) => e.installId)).size).toBe(1);
    // The browser really sent it: POSTs with the bearer token. Firefox asks first with a CORS
    // preflight (Chromium 156 sends an extension worker's request without one).
    const posts = collector.accepted();
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.every((r) => r.headers.authorization === `Bearer ${TOKEN}` && String(r.headers['content-type']).startsWith('application/json'))).toBe(true);
    if (browserName === 'firefox') expect(collector.requests.some((r) => r.method === 'OPTIONS')).toBe(true);
    for (const r of collector.requests) for (const text of PAGE_TEXT) expect(r.body).not.toContain(text);
    const popup = await s.browser.openPopup();
    await popup.locator('[data-status="report-pending"]').waitFor({ state: 'attached' });
    expect((await popup.locator('[data-status="report-pending"]').innerText()).trim()).toBe('0');
    expect((await popup.locator('[data-status="report-error"]').innerText()).trim()).toBe('');
    await popup.close();
    await page.close();
  });

  it('keeps reports while the collector is down and delivers them once it is back', async () => {
    const before = collector.events.length;
    await collector.down();
    const page = await s.browser.openDemo('x');
    await waitForGuard(page);
    await likeP1(page, 'cancel');
    // The first attempt fails (connection refused) and the reports stay queued.
    const st = await waitForStorage(s.browser, ['jn.report.state', 'jn.report.queue'], (x) => (x['jn.report.state']?.attempts ?? 0) >= 1, 40_000);
    expect(st['jn.report.queue'].map((r: { outcome: string }) => r.outcome)).toEqual(['warned', 'cancelled']);
    const popup = await s.browser.openPopup();
    await popup.locator('[data-status="report-pending"]').waitFor({ state: 'attached' });
    expect((await popup.locator('[data-status="report-pending"]').innerText()).trim()).toBe('2');
    expect((await popup.locator('[data-status="report-error"]').innerText()).trim()).not.toBe('');
    await popup.close();
    await collector.up();
    // The retry alarm (every minute, after the 15–30 s backoff) sends them.
    await waitFor(() => collector.events.length >= before + 2, 'the queued reports after the outage', 100_000);
    expect(collector.events.slice(before).map((e) => e.outcome)).toEqual(['warned', 'cancelled']);
    await page.close();
  }, 150_000);
});

describe.runIf(BROWSERS.includes('chromium'))('audit reporting across a browser restart in real chromium', () => {
  it('reports queued before Chromium closed are delivered after it starts again', async () => {
    const collector = await startCollector({ authorization: `Bearer ${TOKEN}` });
    const profile = mkdtempSync(join(tmpdir(), 'jn-restart-'));
    const policy = { mode: 'block', reportUrl: collector.url('/jaga-netral'), reportToken: TOKEN };
    try {
      await collector.down();
      let s = await guardedBrowser('chromium', { policy, userDataDir: profile });
      const page = await s.browser.openDemo('x');
      await waitForGuard(page);
      await page.locator('article[data-demo-post="p1"] [data-testid="like"]').click();
      const w = warning(page);
      await w.dialog.waitFor();
      await w.cancel.click();
      await waitForStorage(s.browser, ['jn.report.queue'], (x) => (x['jn.report.queue'] ?? []).length === 1);
      const installId = (await s.browser.storage(['jn.install']))['jn.install'];
      await s.close();
      expect(collector.events).toEqual([]);

      await collector.up();
      s = await guardedBrowser('chromium', { policy, userDataDir: profile });
      try {
        await waitFor(() => collector.events.length >= 1, 'the report queued before the restart', 100_000);
        expect(collector.events[0]).toMatchObject({ outcome: 'blocked', action: 'like', entryId: 'x:@capres_contoh_a', mode: 'block' });
        expect(collector.events[0].installId).toBe(installId);
      } finally {
        await s.close();
      }
    } finally {
      await collector.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 240_000);
});
