/**
 * YouTube end to end, in real Chromium and real Firefox: the agency's list guards the YouTube
 * demo page served on https://www.youtube.com (Indonesian labels; `?hl=en` English).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoLog, warning, type E2EPage as Page } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { guardedBrowser, type Scenario } from '../support/scenario';

const CAPRES = 'Capres Contoh A (fiktif)';
const meta = (page: Page) => page.locator('ytd-watch-metadata');
const likeOf = (page: Page) => meta(page).locator('like-button-view-model button');
const noWarning = async (page: Page, ms = 400) => {
  await page.waitForTimeout(ms);
  return (await page.locator('jaga-netral-warning').count()) === 0;
};
/** After an in-page navigation: YouTube has re-rendered the watch page for `v`. */
const shown = (page: Page, v: string) => page.waitForSelector(`ytd-watch-flexy[video-id="${v}"] ytd-video-owner-renderer`);

describe.each(BROWSERS)('YouTube: the guard in real %s', (browserName) => {
  let s: Scenario;
  let page: Page;
  beforeAll(async () => {
    s = await guardedBrowser(browserName, { policy: { mode: 'warn' } });
  });
  afterAll(() => s?.close());
  const fresh = async (path?: string) => {
    await page?.close();
    page = await s.browser.openDemo('youtube', path);
    await waitForGuard(page, 'youtube');
    return page;
  };

  it('stops a like on the candidate’s video; Batal leaves it; Tetap lanjutkan likes once; removing the like is not warned', async () => {
    await fresh();
    const w = warning(page);
    await likeOf(page).click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain(CAPRES);
    expect((await w.clauses.count()) > 0).toBe(true);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
    await likeOf(page).click();
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect(await demoLog(page)).toEqual(['like:capresA0001']);
    await likeOf(page).click();
    expect(await noWarning(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:capresA0001', 'unlike:capresA0001']);
  });

  it('guards Subscribe; unsubscribing (Disubscribe → Berhenti subscribe) is not warned', async () => {
    await fresh();
    const w = warning(page);
    await meta(page).locator('ytd-subscribe-button-renderer button').click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain(CAPRES);
    expect(await w.dialog.innerText()).toMatch(/mengikuti/i);
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await meta(page).locator('ytd-subscribe-button-renderer button[aria-label^="Disubscribe"]').click();
    await page.locator('#confirm-button button').click();
    expect(await noWarning(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['subscribe:capres_contoh_a', 'unsubscribe:capres_contoh_a']);
  });

  it('guards the comment box’s Komentar (Enter only breaks the line) and Bagikan', async () => {
    await fresh();
    const w = warning(page);
    await page.locator('#simplebox-placeholder').click();
    const box = page.locator('ytd-commentbox #contenteditable-root');
    await box.pressSequentially('Semoga damai');
    await page.keyboard.press('Enter');
    expect(await noWarning(page, 200)).toBe(true);
    await page.locator('ytd-commentbox #submit-button button').click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain(CAPRES);
    expect(await w.dialog.innerText()).toMatch(/mengomentari/i);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    await meta(page).locator('button[aria-label="Bagikan"]').click();
    await w.dialog.waitFor();
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
  });

  it('names the owner of the video on screen after in-page navigation, back and forward', async () => {
    await fresh();
    const w = warning(page);
    // To an unlisted channel's video: no warning.
    await page.locator('#related a[data-demo-video="wargaB00001"]').first().click();
    await shown(page, 'wargaB00001');
    await likeOf(page).click();
    expect(await noWarning(page)).toBe(true);
    // To the campaign team's video: the warning names the team, not the channel before.
    await page.locator('#related a[data-demo-video="timMenang01"]').first().click();
    await shown(page, 'timMenang01');
    await likeOf(page).click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Tim Pemenangan Contoh (fiktif)');
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    // Back twice (popstate, re-rendered in place): the candidate's video again.
    await page.goBack();
    await shown(page, 'wargaB00001');
    await page.goBack();
    await shown(page, 'capresA0001');
    await likeOf(page).click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain(CAPRES);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual(['like:wargaB00001']);
  });

  it('guards a like on the candidate’s Short, not on the next Short of an unlisted channel', async () => {
    await fresh('/shorts/capresS0001');
    const w = warning(page);
    await page.locator('ytd-reel-video-renderer[is-active] like-button-view-model button').click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain(CAPRES);
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await page.locator('ytd-reel-video-renderer[is-active] [data-demo-act="next-short"]').click();
    await page.waitForSelector('ytd-reel-video-renderer[is-active][data-demo-short="wargaS00001"]');
    await page.locator('ytd-reel-video-renderer[is-active] like-button-view-model button').click();
    expect(await noWarning(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:capresS0001', 'like:wargaS00001']);
  });

  it('guards Subscribe on the candidate’s channel page', async () => {
    await fresh('/@capres_contoh_a');
    const w = warning(page);
    await page.locator('yt-page-header-view-model yt-subscribe-button-view-model button').click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain(CAPRES);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
  });

  it('English UI: Enter on a focused like button and Share are guarded', async () => {
    await fresh('/watch?v=capresA0001&hl=en');
    const w = warning(page);
    await likeOf(page).focus();
    await page.keyboard.press('Enter');
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain(CAPRES);
    await page.keyboard.press('Escape');
    await w.host.waitFor({ state: 'detached' });
    await meta(page).locator('button[aria-label="Share"]').click();
    await w.dialog.waitFor();
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
  });
});
