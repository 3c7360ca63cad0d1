/**
 * Facebook end to end, in real Chromium and real Firefox: the agency's list guards the Facebook demo page
 * served on https://www.facebook.com (Indonesian labels).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoLog, warning, type E2EPage as Page } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { guardedBrowser, type Scenario } from '../support/scenario';

const post = (page: Page, id: string) => page.locator(`[data-demo-post="${id}"]`);
const noWarningFor = async (page: Page, ms = 400) => {
  await page.waitForTimeout(ms);
  return (await page.locator('jaga-netral-warning').count()) === 0;
};

describe.each(BROWSERS)('Facebook: the guard in real %s', (browserName) => {
  let s: Scenario;
  let page: Page;
  beforeAll(async () => {
    s = await guardedBrowser(browserName, { policy: { mode: 'warn' } });
  });
  afterAll(() => s?.close());
  const fresh = async (path?: string) => {
    await page?.close();
    page = await s.browser.openDemo('facebook', path);
    await waitForGuard(page, 'facebook');
    return page;
  };

  it('stops Suka on a listed candidate’s post; Batal leaves it; Tetap lanjutkan likes once', async () => {
    await fresh();
    const like = post(page, 'f1').locator('[aria-label="Suka"]').first();
    await like.click();
    const w = warning(page);
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
    await like.click();
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect(await demoLog(page)).toEqual(['like:f1']);
    // Batal suka (undo) is never warned.
    await post(page, 'f1').locator('[aria-label="Batal suka"]').first().click();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:f1', 'unlike:f1']);
  });

  it('guards comment and share, citing the clauses for each act', async () => {
    await fresh();
    const w = warning(page);
    await post(page, 'f2').locator('[aria-label="Beri komentar"]').first().click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Tim Pemenangan Contoh (fiktif)');
    expect(await w.dialog.innerText()).toMatch(/mengomentari/i);
    await page.keyboard.press('Escape');
    await w.host.waitFor({ state: 'detached' });
    await post(page, 'f2').locator('[aria-label="Kirim ini ke teman atau posting di profil Anda."]').first().click();
    await w.dialog.waitFor();
    const ids = await w.clauses.evaluateAll((els) => els.map((e) => e.getAttribute('data-clause')));
    expect(ids).toContain('skb-2022-kampanye-online');
    await w.cancel.click();
    expect(await demoLog(page)).toEqual([]);
  });

  it('matches a profile known by its numeric id, and the original of a shared post', async () => {
    await fresh();
    const w = warning(page);
    await post(page, 'f3').locator('[aria-label="Suka"]').first().click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Caleg DPR Contoh B (fiktif)');
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    await post(page, 'f6').locator('[aria-label="Suka"]').first().click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    await w.cancel.click();
    expect(await demoLog(page)).toEqual([]);
  });

  it('leaves accounts that are not listed untouched', async () => {
    await fresh();
    await post(page, 'f4').locator('[aria-label="Suka"]').first().click();
    await post(page, 'f5').locator('[aria-label="Beri komentar"]').first().click();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:f4', 'comment:f5']);
  });

  it('guards Ikuti on a page reached by in-page navigation, and Gabung ke grup on a listed group', async () => {
    await fresh();
    const w = warning(page);
    await post(page, 'f1').locator('a[href*="capres.contoh.a"]').first().click();
    await page.waitForURL(/capres\.contoh\.a/);
    await page.locator('[role="button"][aria-label="Ikuti"]').first().click();
    await w.dialog.waitFor();
    expect(await w.dialog.innerText()).toMatch(/mengikuti/i);
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await page.goBack();
    await page.locator('[data-demo-group-link]').first().click();
    await page.waitForURL(/groups\/relawancontoh/);
    await page.locator('[role="button"][aria-label="Gabung ke grup"]').click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Grup Relawan Contoh (fiktif)');
    await w.cancel.click();
    await page.waitForTimeout(200);
    expect(await demoLog(page)).toEqual(['follow:capres.contoh.a']);
  });

  it('guards Enter on a focused Suka button', async () => {
    await fresh();
    await post(page, 'f1').locator('[aria-label="Suka"]').first().focus();
    await page.keyboard.press('Enter');
    const w = warning(page);
    await w.dialog.waitFor();
    await page.keyboard.press('Escape');
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
  });
});
