/**
 * Instagram end to end, in real Chromium and real Firefox: the agency's list guards the
 * Instagram demo page served on https://www.instagram.com (Indonesian labels; `?lang=en` for
 * the English interface). One browser per run of the file (touch enabled, for the double
 * tap), a fresh page per case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoLog, warning, type E2EPage as Page } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { guardedBrowser, type Scenario } from '../support/scenario';

const CAPRES = 'Capres Contoh A (fiktif)';
const TIM = 'Tim Pemenangan Contoh (fiktif)';

const noWarningFor = async (page: Page, ms = 400) => {
  await page.waitForTimeout(ms);
  return (await page.locator('jaga-netral-warning').count()) === 0;
};

describe.each(BROWSERS)('Instagram: the guard in real %s', (browserName) => {
  let s: Scenario;
  let page: Page;
  beforeAll(async () => {
    s = await guardedBrowser(browserName, { hasTouch: true, policy: { mode: 'warn' } });
  });
  afterAll(async () => {
    await page?.close().catch(() => {});
    await s?.close();
  });
  const fresh = async (path?: string) => {
    await page?.close();
    page = await s.browser.openDemo('instagram', path);
    await waitForGuard(page, 'instagram');
    return page;
  };
  const post = (id: string) => page.locator(`#feed [data-demo-post="${id}"]`);
  const act = (id: string, what: string) => post(id).locator(`[data-demo-act="${what}"]`).first();

  /** The warning is up and names `who`; `verb` is in its text. */
  const warned = async (who: string, verb: RegExp) => {
    const w = warning(page);
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain(who);
    expect(await w.dialog.innerText()).toMatch(verb);
    return w;
  };
  const cancel = async () => {
    const w = warning(page);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
  };
  const proceed = async () => {
    const w = warning(page);
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
  };

  it('stops Suka on a listed candidate’s post; Batal leaves it; Tetap lanjutkan likes once; Batal Suka is not warned', async () => {
    await fresh();
    await act('i1', 'like').click();
    await warned(CAPRES, /menyukai/i);
    await cancel();
    expect(await demoLog(page)).toEqual([]);
    await act('i1', 'like').click();
    await warned(CAPRES, /menyukai/i);
    await proceed();
    expect(await demoLog(page)).toEqual(['like:i1']);
    expect(await post('i1').locator('[data-demo-act="like"] svg').getAttribute('aria-label')).toBe('Batal Suka');
    await act('i1', 'like').click(); // unlike
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:i1', 'unlike:i1']);
  });

  it('in the English interface: Like and Follow are warned; Following → Unfollow is not', async () => {
    await fresh('/?lang=en');
    expect(await post('i1').locator('[data-demo-act="like"] svg').getAttribute('aria-label')).toBe('Like');
    await act('i1', 'like').click();
    await warned(CAPRES, /menyukai/i);
    await cancel();
    await act('i1', 'follow').click();
    await warned(CAPRES, /mengikuti/i);
    await proceed();
    expect(await demoLog(page)).toEqual(['follow:capres_contoh_a']);
    expect((await act('i1', 'follow').innerText()).trim()).toBe('Following');
    await act('i1', 'follow').click();
    await page.locator('[data-demo-sheet] [data-demo-act="unfollow"]').click();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['follow:capres_contoh_a', 'unfollow:capres_contoh_a']);
  });

  it('a double click on the photo is warned; Batal leaves it; Tetap lanjutkan presses the heart once', async () => {
    await fresh();
    const photo = post('i1').locator('img[data-demo-photo]');
    await photo.dblclick();
    await warned(CAPRES, /menyukai/i);
    await cancel();
    await page.waitForTimeout(900); // what is left of the stopped double click has passed
    expect(await demoLog(page)).toEqual([]);
    await photo.dblclick();
    await warned(CAPRES, /menyukai/i);
    await proceed();
    await page.waitForTimeout(600);
    expect(await demoLog(page)).toEqual(['like:i1']);
    expect(await post('i1').locator('[data-demo-act="like"] svg').getAttribute('aria-label')).toBe('Batal Suka');
  });

  it('two quick taps on the photo are warned the same way; one tap is nothing', async () => {
    await fresh();
    const photo = post('i1').locator('img[data-demo-photo]');
    await photo.tap();
    expect(await noWarningFor(page, 500)).toBe(true);
    await photo.tap();
    await photo.tap();
    await warned(CAPRES, /menyukai/i);
    const w = warning(page);
    await w.cancel.tap();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(900);
    expect(await demoLog(page)).toEqual([]);
  });

  it('a comment typed into the box: Enter is warned and the text stays on Batal; Kirim sends it once on Tetap lanjutkan', async () => {
    await fresh();
    const box = post('i1').locator('textarea');
    await box.click();
    await box.pressSequentially('Semoga sukses');
    await page.keyboard.press('Enter');
    await warned(CAPRES, /mengomentari/i);
    await cancel();
    expect(await demoLog(page)).toEqual([]);
    expect(await page.evaluate(() => (document.querySelector('#feed [data-demo-post="i1"] textarea') as HTMLTextAreaElement).value)).toBe('Semoga sukses');
    await act('i1', 'send').click();
    await warned(CAPRES, /mengomentari/i);
    await proceed();
    expect(await demoLog(page)).toEqual(['comment-sent:i1']);
    expect((await post('i1').locator('[data-demo-sent]').innerText()).trim()).toContain('Semoga sukses');
  });

  it('the comment icon and share on the campaign team’s post are warned, citing the clauses', async () => {
    await fresh();
    await act('i2', 'comment').click();
    await warned(TIM, /mengomentari/i);
    await page.keyboard.press('Escape');
    await warning(page).host.waitFor({ state: 'detached' });
    await act('i2', 'share').click();
    await warned(TIM, /.+/);
    const ids = await warning(page).clauses.evaluateAll((els) => els.map((e) => e.getAttribute('data-clause')));
    expect(ids).toContain('skb-2022-kampanye-online');
    await cancel();
    expect(await demoLog(page)).toEqual([]);
  });

  it('in-page navigation to a listed profile: Ikuti there is warned naming it; a suggestion card’s Ikuti too', async () => {
    await fresh();
    await post('i1').locator('a[href="/capres_contoh_a/"]').nth(1).click();
    await page.waitForURL(/\/capres_contoh_a\/$/);
    await page.locator('#profile header [data-demo-act="follow"]').click();
    await warned(CAPRES, /mengikuti/i);
    await cancel();
    await page.locator('#profile .cards [data-demo-act="follow"][data-demo-target="timmenangcontoh"]').click();
    await warned(TIM, /mengikuti/i);
    await proceed();
    expect(await demoLog(page)).toEqual(['follow:timmenangcontoh']);
    await page.goBack();
    await page.waitForURL(/instagram\.com\/$/);
    await page.locator('[data-demo-sug="berita_netral"] [data-demo-act="follow"]').click(); // not listed
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['follow:timmenangcontoh', 'follow:berita_netral']);
  });

  it('a post opened as a dialog over the feed: its heart is warned; a comment’s heart follows the comment’s author', async () => {
    await fresh();
    await post('i1').locator('a.time').click();
    await page.waitForURL(/\/p\/DEMOI1\/$/);
    const dialog = page.locator('[role="dialog"] [data-demo-post="i1"]');
    await dialog.locator('.actions [data-demo-act="like"]').click();
    await warned(CAPRES, /menyukai/i);
    await cancel();
    await dialog.locator('[data-demo-act="like-comment"][data-demo-target="i1c1"]').click(); // warga_biasa's comment
    expect(await noWarningFor(page)).toBe(true);
    await dialog.locator('[data-demo-act="like-comment"][data-demo-target="i1c2"]').click(); // the campaign team's comment
    await warned(TIM, /menyukai/i);
    await cancel();
    expect(await demoLog(page)).toEqual(['like:i1c1']);
  });

  it('leaves accounts that are not listed untouched', async () => {
    await fresh();
    await act('i3', 'like').click();
    await act('i3', 'comment').click();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:i3', 'comment:i3']);
  });

  it('guards Enter on a focused Suka button (keyboard)', async () => {
    await fresh();
    await act('i1', 'like').focus();
    await page.keyboard.press('Enter');
    await warned(CAPRES, /menyukai/i);
    await page.keyboard.press('Escape');
    await warning(page).host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
  });
});
