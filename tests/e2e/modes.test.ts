/**
 * The modes a policy sets (INTERFACES §3), each in real Chromium and real Firefox with a
 * real policy file:
 * audit (no dialog, recorded), justify (a reason is required), block (no proceed),
 * per-action overrides, and off.
 */
import { describe, expect, it } from 'vitest';
import { BROWSERS, demoLog, warning, type BrowserName } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { guardedBrowser } from '../support/scenario';

const LIKE_P1 = 'article[data-demo-post="p1"] [data-testid="like"]';
const FOLLOW_A = '[data-testid="1000000001-follow"]';

async function withMode(name: BrowserName, policy: Record<string, unknown>, fn: (s: Awaited<ReturnType<typeof guardedBrowser>>) => Promise<void>) {
  const s = await guardedBrowser(name, { policy });
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

describe.each(BROWSERS)('policy modes in real %s', (browserName) => {
  it('audit: no dialog, the like goes through, and it is recorded on this device', async () => {
    await withMode(browserName, { mode: 'audit' }, async (s) => {
      const page = await s.browser.openDemo('x');
      await waitForGuard(page);
      await page.locator(LIKE_P1).click();
      await page.waitForTimeout(500);
      expect(await page.locator('jaga-netral-warning').count()).toBe(0);
      expect(await demoLog(page)).toEqual(['like:p1']);
      const events = (await s.browser.storage<{ 'jn.events': { outcome: string; entryId: string }[] }>(['jn.events']))['jn.events'];
      expect(events.map((e) => [e.outcome, e.entryId])).toContainEqual(['audited', 'x:@capres_contoh_a']);
    });
  });

  it('justify: Proceed stays disabled until a reason is written, then acts once and keeps the reason', async () => {
    await withMode(browserName, { mode: 'justify' }, async (s) => {
      const page = await s.browser.openDemo('x');
      await waitForGuard(page);
      await page.locator(LIKE_P1).click();
      const w = warning(page);
      await w.dialog.waitFor();
      await page.waitForTimeout(700);
      expect(await w.proceed.isDisabled()).toBe(true);
      // Typing "l" in the reason must not trigger X's like shortcut.
      await w.justification.fill('');
      await w.justification.pressSequentially('Akun dinas: klarifikasi hoaks');
      expect(await w.proceed.isDisabled()).toBe(false);
      await w.proceed.click();
      await w.host.waitFor({ state: 'detached' });
      await page.waitForTimeout(300);
      expect(await demoLog(page)).toEqual(['like:p1']);
      const events = (await s.browser.storage<{ 'jn.events': { outcome: string; justification?: string }[] }>(['jn.events']))['jn.events'];
      expect(events.find((e) => e.outcome === 'proceeded')?.justification).toBe('Akun dinas: klarifikasi hoaks');
      const popup = await s.browser.openPopup();
      await popup.waitForTimeout(500);
      expect(await popup.locator('body').innerText()).toContain('Capres Contoh A (fiktif)');
    });
  });

  it('block: the warning has no Proceed; the act never happens', async () => {
    await withMode(browserName, { mode: 'block' }, async (s) => {
      const page = await s.browser.openDemo('x');
      await waitForGuard(page);
      await page.locator(LIKE_P1).click();
      const w = warning(page);
      await w.dialog.waitFor();
      expect(await w.proceed.count()).toBe(0);
      await w.cancel.click();
      await w.host.waitFor({ state: 'detached' });
      expect(await demoLog(page)).toEqual([]);
    });
  });

  it('actionModes override mode per action; off leaves the page alone', async () => {
    await withMode(browserName, { mode: 'warn', actionModes: { like: 'off', follow: 'block' } }, async (s) => {
      const page = await s.browser.openDemo('x');
      await waitForGuard(page);
      await page.locator(LIKE_P1).click();
      await page.waitForTimeout(400);
      expect(await page.locator('jaga-netral-warning').count()).toBe(0);
      expect(await demoLog(page)).toEqual(['like:p1']);
      await page.locator(FOLLOW_A).first().click();
      const w = warning(page);
      await w.dialog.waitFor();
      expect(await w.proceed.count()).toBe(0);
      await w.cancel.click();
      await page.locator('article[data-demo-post="p2"] [data-testid="reply"]').click();
      await w.dialog.waitFor();
      expect(await w.proceed.count()).toBe(1);
      await w.cancel.click();
    });
  });
});
