/**
 * TikTok end to end, in real Chromium and real Firefox: the agency's list guards the TikTok
 * demo page served on https://www.tiktok.com (Indonesian labels; English with ?lang=en).
 * One browser per file (touch enabled, for the double tap), a fresh page per case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoLog, warning, type E2EPage as Page } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { guardedBrowser, type Scenario } from '../support/scenario';

const VIDEO_PAGE = '/@capres_contoh_a/video/7400000000000000001';
const noWarningFor = async (page: Page, ms = 400) => {
  await page.waitForTimeout(ms);
  return (await page.locator('jaga-netral-warning').count()) === 0;
};

describe.each(BROWSERS)('TikTok: the guard in real %s', (browserName) => {
  let s: Scenario;
  let page: Page;
  beforeAll(async () => {
    s = await guardedBrowser(browserName, { policy: { mode: 'warn' }, hasTouch: true });
  });
  afterAll(() => s?.close());
  const fresh = async (path?: string) => {
    await page?.close();
    page = await s.browser.openDemo('tiktok', path);
    await waitForGuard(page, 'tiktok');
    return page;
  };
  /** The video on screen (the first feed container, which the feed refills) or the video page's. */
  const onScreen = () => page.locator('[data-demo-slot="0"], #main-content-video_detail');
  const like = () => onScreen().locator('button[data-demo-act="like"]');

  it('stops a like on a listed candidate’s video; Batalkan leaves it; Tetap lanjutkan likes once; unlike is untouched', async () => {
    await fresh();
    const w = warning(page);
    await like().locator('[data-e2e="like-icon"]').click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    expect(await w.dialog.innerText()).toMatch(/menyukai/i);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
    expect(await like().getAttribute('aria-pressed')).toBe('false');
    await like().click();
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect(await demoLog(page)).toEqual(['like:v1']);
    expect(await like().getAttribute('aria-pressed')).toBe('true');
    await like().click(); // unlike: never warned
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:v1', 'unlike:v1']);
  });

  it('guards follow, comment and share, citing the clauses; an account not listed is untouched', async () => {
    await fresh();
    const w = warning(page);
    await onScreen().locator('[data-e2e="feed-follow"]').click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    expect(await w.dialog.innerText()).toMatch(/mengikuti/i);
    await page.keyboard.press('Escape');
    await w.host.waitFor({ state: 'detached' });
    await onScreen().locator('[data-e2e="comment-icon"]').click();
    await w.dialog.waitFor();
    expect(await w.dialog.innerText()).toMatch(/mengomentari/i);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    await onScreen().locator('[data-e2e="share-icon"]').click();
    await w.dialog.waitFor();
    const ids = await w.clauses.evaluateAll((els) => els.map((e) => e.getAttribute('data-clause')));
    expect(ids).toContain('skb-2022-kampanye-online');
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
    // The next video in the feed (warga_biasa, whose caption mentions the candidate): no warning.
    const next = page.locator('[data-demo-slot="1"]');
    await next.locator('[data-e2e="like-icon"]').click();
    await next.locator('[data-e2e="share-icon"]').click();
    await page.locator('[data-e2e="suggest-accounts"] [data-demo-target="berita_netral"]').click();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:v2', 'share:v2', 'follow:berita_netral']);
    // Following (undo) is untouched too.
    await page.locator('[data-e2e="suggest-accounts"] [data-demo-target="berita_netral"]').click();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:v2', 'share:v2', 'follow:berita_netral', 'unfollow:berita_netral']);
  });

  it('follows the feed to the next videos: the warning names the new owner; an unlisted one gets none', async () => {
    await fresh();
    const w = warning(page);
    await page.locator('[data-demo-act="next"]').click(); // v2: warga_biasa, in the same container
    await like().click();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:v2']);
    await page.locator('[data-demo-act="next"]').click(); // v3: timmenangcontoh
    await like().locator('svg').click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Tim Pemenangan Contoh (fiktif)');
    expect(await w.account.innerText()).not.toContain('Capres Contoh A');
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect(await demoLog(page)).toEqual(['like:v2', 'like:v3']);
  });

  it('a double click on the candidate’s video is warned; Batalkan leaves it; Tetap lanjutkan likes once', async () => {
    await fresh();
    const w = warning(page);
    const video = onScreen().locator('[data-e2e="feed-video"]');
    await video.dblclick();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    expect(await w.dialog.innerText()).toMatch(/menyukai/i);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(900); // what is left of the stopped double click has passed
    expect(await demoLog(page)).toEqual([]);
    await video.dblclick();
    await w.dialog.waitFor();
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(900);
    expect(await demoLog(page)).toEqual(['like:v1']);
    expect(await like().getAttribute('aria-pressed')).toBe('true');
  });

  it('two quick taps on the video are warned the same way', async () => {
    await fresh();
    const w = warning(page);
    const video = onScreen().locator('[data-e2e="feed-video"]');
    await video.tap();
    await video.tap();
    await w.dialog.waitFor({ timeout: 5000 });
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    await w.cancel.tap();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(900);
    expect(await demoLog(page)).toEqual([]);
    expect(await like().getAttribute('aria-pressed')).toBe('false');
  });

  it('guards TikTok’s like key on the video on screen, and Enter on a focused like button', async () => {
    await fresh();
    const w = warning(page);
    await page.keyboard.press('l');
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    await page.keyboard.press('Escape');
    await w.host.waitFor({ state: 'detached' });
    await like().focus();
    await page.keyboard.press('Enter');
    await w.dialog.waitFor();
    await page.keyboard.press('Escape');
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
  });

  it('on the video page: a comment typed in the box is warned on Enter and on Posting; the text stays on Batalkan', async () => {
    await fresh(VIDEO_PAGE);
    const w = warning(page);
    const box = page.locator('[data-e2e="comment-input"] [contenteditable="true"]');
    const sent = page.locator('[data-demo-sent]');
    await box.click();
    await box.pressSequentially('Semoga sukses');
    await page.keyboard.press('Enter');
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    expect(await w.dialog.innerText()).toMatch(/mengomentari/i);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
    expect((await box.innerText()).trim()).toBe('Semoga sukses');
    await page.locator('[data-e2e="comment-post"]').click();
    await w.dialog.waitFor();
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await sent.count()).toBe(0);
    expect((await box.innerText()).trim()).toBe('Semoga sukses');
    // Enter again, and this time go ahead: sent once.
    await box.click();
    await page.keyboard.press('Enter');
    await w.dialog.waitFor();
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect(await demoLog(page)).toEqual(['comment-sent:v1']);
    expect(await sent.count()).toBe(1);
    expect((await sent.innerText()).trim()).toContain('Semoga sukses');
  });

  it('in English: Follow on a profile reached by in-page navigation is warned; Following is not', async () => {
    await fresh('/?lang=en');
    const w = warning(page);
    expect(await like().getAttribute('aria-label')).toMatch(/^Like video/);
    await onScreen().locator('[data-e2e="video-author-uniqueid"]').click();
    await page.waitForURL(/@capres_contoh_a/);
    const follow = page.locator('[data-e2e="follow-button"]');
    expect((await follow.innerText()).trim()).toBe('Follow');
    await follow.click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect((await follow.innerText()).trim()).toBe('Following');
    await follow.click(); // unfollow: never warned
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['follow:capres_contoh_a', 'unfollow:capres_contoh_a']);
  });
});
