/**
 * Threads end to end, in real Chromium and real Firefox: the agency's list guards the Threads
 * demo page (tests/fixtures/demo/threads.html) served on https://www.threads.com. Every case runs
 * in the Indonesian UI and in the English one (`?hl=en`, kept across in-page navigation), with
 * the words a user sees in that UI (issue #9). One shared browser per browser, a fresh page per
 * case. The warning itself speaks the browser's language (Indonesian here) in both runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoLog, warning, type E2EPage as Page, type E2ELocator as Locator } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { guardedBrowser, type Scenario } from '../support/scenario';

const CAPRES = 'Capres Contoh A (fiktif)';
const TIM = 'Tim Pemenangan Contoh (fiktif)';

/** What the site says in each UI (the demo page's words; hooks.json has the same tables). */
const UIS = [
  {
    ui: 'Indonesian',
    query: '',
    like: 'Suka',
    unlike: 'Batal suka',
    reply: 'Balas',
    repost: 'Posting ulang',
    quote: 'Kutip',
    remove: 'Hapus',
    share: 'Bagikan',
    follow: 'Ikuti',
    following: 'Mengikuti',
    post: 'Posting',
    reposted: 'memposting ulang',
  },
  {
    ui: 'English',
    query: '?hl=en',
    like: 'Like',
    unlike: 'Unlike',
    reply: 'Reply',
    repost: 'Repost',
    quote: 'Quote',
    remove: 'Remove',
    share: 'Share',
    follow: 'Follow',
    following: 'Following',
    post: 'Post',
    reposted: 'reposted',
  },
] as const;

const post = (page: Page, id: string) => page.locator(`[data-demo-post="${id}"]`);
const act = (page: Page, id: string, what: string) => post(page, id).locator(`[data-demo-act="${what}"]`).first();
const menuItem = (page: Page, what: string) => page.locator(`[role="menu"] [data-demo-act="${what}"]`);
/** The label of a control's icon, as a screen reader announces it. */
const iconLabel = (control: Locator) => control.locator('svg').first().getAttribute('aria-label');
const noWarningFor = async (page: Page, ms = 400) => {
  await page.waitForTimeout(ms);
  return (await page.locator('jaga-netral-warning').count()) === 0;
};

describe.each(BROWSERS)('Threads: the guard in real %s', (browserName) => {
  let s: Scenario;
  let page: Page;
  beforeAll(async () => {
    s = await guardedBrowser(browserName, { policy: { mode: 'warn' } });
  });
  afterAll(async () => {
    await page?.close().catch(() => {});
    await s?.close();
  });
  /** Waits for the warning and says whose account it names. */
  const warned = async () => {
    const w = warning(page);
    await w.dialog.waitFor();
    return w.account.innerText();
  };
  const dismiss = async (how: 'cancel' | 'proceed') => {
    const w = warning(page);
    await w[how].click();
    await w.host.waitFor({ state: 'detached' });
    if (how === 'proceed') await page.waitForTimeout(250);
  };

  describe.each(UIS)('$ui UI', (t) => {
    const fresh = async (path = '/') => {
      await page?.close();
      page = await s.browser.openDemo('threads', path + t.query);
      await waitForGuard(page, 'threads');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(t.query ? 'en' : 'id');
      return page;
    };

    it(`“${t.like}” on a listed candidate’s post: warned with the clauses; Batal does nothing; Tetap lanjutkan likes once; “${t.unlike}” is never warned`, async () => {
      await fresh();
      const like = act(page, 't1', 'like');
      expect(await iconLabel(like)).toBe(t.like);
      await like.click();
      const account = await warned();
      expect(account).toContain(CAPRES);
      expect(account).toContain('@capres_contoh_a');
      expect(await warning(page).dialog.innerText()).toMatch(/menyukai/i);
      expect(await warning(page).clauses.count()).toBeGreaterThan(0);
      await dismiss('cancel');
      expect(await demoLog(page)).toEqual([]);
      expect(await iconLabel(like)).toBe(t.like);
      await like.click();
      await warned();
      await dismiss('proceed');
      expect(await demoLog(page)).toEqual(['like:t1']);
      expect(await iconLabel(like)).toBe(t.unlike);
      await like.click(); // the undo
      expect(await noWarningFor(page)).toBe(true);
      expect(await demoLog(page)).toEqual(['like:t1', 'unlike:t1']);
    });

    it(`repost: opening the menu is not warned; “${t.repost}” is; it reposts once; “${t.remove}” is never warned`, async () => {
      await fresh();
      expect(await iconLabel(act(page, 't1', 'repost'))).toBe(t.repost);
      await act(page, 't1', 'repost').click();
      await menuItem(page, 'repost-commit').waitFor();
      expect(await noWarningFor(page, 200)).toBe(true);
      expect(await menuItem(page, 'repost-commit').innerText()).toBe(t.repost);
      await menuItem(page, 'repost-commit').click();
      expect(await warned()).toContain(CAPRES);
      expect(await warning(page).dialog.innerText()).toMatch(/membagikan|memposting ulang/i);
      await dismiss('proceed');
      expect(await demoLog(page)).toEqual(['repost:t1']);
      await act(page, 't1', 'repost').click();
      expect(await menuItem(page, 'unrepost').innerText()).toBe(t.remove);
      await menuItem(page, 'unrepost').click();
      expect(await noWarningFor(page)).toBe(true);
      expect(await demoLog(page)).toEqual(['repost:t1', 'unrepost:t1']);
    });

    it(`the “${t.quote}” item and “${t.share}” are guarded; Batal keeps both from happening`, async () => {
      await fresh();
      await act(page, 't3', 'repost').click();
      expect(await menuItem(page, 'quote-commit').innerText()).toBe(t.quote);
      await menuItem(page, 'quote-commit').click();
      expect(await warned()).toContain(TIM);
      await dismiss('cancel');
      expect(await iconLabel(act(page, 't1', 'share'))).toBe(t.share);
      await act(page, 't1', 'share').click();
      expect(await warned()).toContain(CAPRES);
      expect(await warning(page).dialog.innerText()).toMatch(/membagikan/i);
      await dismiss('cancel');
      expect(await demoLog(page)).toEqual([]);
      await act(page, 't1', 'share').click();
      await warned();
      await dismiss('proceed');
      expect(await demoLog(page)).toEqual(['share:t1']);
    });

    it(`“${t.reply}”: the icon that opens the composer is warned; going ahead opens it once, and its “${t.post}” is the site’s`, async () => {
      await fresh();
      expect(await iconLabel(act(page, 't1', 'reply'))).toBe(t.reply);
      await act(page, 't1', 'reply').click();
      expect(await warned()).toContain(CAPRES);
      expect(await warning(page).dialog.innerText()).toMatch(/mengomentari|membalas/i);
      await dismiss('cancel');
      expect(await page.locator('[role="dialog"]').count()).toBe(0);
      await act(page, 't1', 'reply').click();
      await warned();
      await dismiss('proceed');
      const dialog = page.locator('[role="dialog"]');
      await dialog.waitFor();
      await dialog.locator('[role="textbox"]').fill('Semoga sukses');
      const send = dialog.locator('[data-demo-act="dialog-send"]');
      expect(await send.innerText()).toBe(t.post);
      await send.click();
      expect(await noWarningFor(page)).toBe(true);
      expect(await demoLog(page)).toEqual(['reply:t1', 'reply-sent:t1']);
    });

    it(`the reply composer under a listed post: “${t.post}” and Ctrl+Enter are warned; Tetap lanjutkan sends once`, async () => {
      await fresh('/@capres_contoh_a/post/DCapresA0001');
      const box = page.locator('#reply-composer [role="textbox"]');
      const send = page.locator('#reply-composer [data-demo-act="send"]');
      expect(await send.innerText()).toBe(t.post);
      await box.fill('Setuju');
      await send.click();
      expect(await warned()).toContain(CAPRES);
      await dismiss('cancel');
      expect(await demoLog(page)).toEqual([]);
      await box.focus();
      await page.keyboard.press('Control+Enter');
      expect(await warned()).toContain(CAPRES);
      await dismiss('proceed');
      expect(await demoLog(page)).toEqual(['reply-sent:t1']);
    });

    it(`“${t.follow}” on a profile reached by in-page navigation from the feed; “${t.following}” (undo) is not warned`, async () => {
      await fresh();
      await post(page, 't1').locator('a.name').click();
      await page.waitForURL(t.query ? /\/@capres_contoh_a\?hl=en$/ : /\/@capres_contoh_a$/);
      const follow = page.locator('#page-header [data-demo-act="follow"]');
      expect(await follow.innerText()).toBe(t.follow);
      await follow.click();
      expect(await warned()).toContain(CAPRES);
      expect(await warning(page).dialog.innerText()).toMatch(/mengikuti/i);
      await dismiss('proceed');
      expect(await follow.innerText()).toBe(t.following);
      await follow.click();
      expect(await noWarningFor(page)).toBe(true);
      expect(await demoLog(page)).toEqual(['follow:capres_contoh_a', 'unfollow:capres_contoh_a']);
    });

    it(`a repost (“… ${t.reposted}”) and a quote by unlisted accounts name the listed original and quoted authors`, async () => {
      await fresh();
      expect(await post(page, 't3').locator('.ctx').innerText()).toContain(`warga_biasa ${t.reposted}`);
      await act(page, 't3', 'like').click();
      const original = await warned();
      expect(original).toContain(TIM);
      expect(original).not.toContain('warga_biasa');
      await dismiss('cancel');
      await act(page, 't4', 'like').click();
      const quoted = await warned();
      expect(quoted).toContain(CAPRES);
      expect(quoted).not.toContain('berita_netral');
      await dismiss('cancel');
      expect(await demoLog(page)).toEqual([]);
    });

    it('leaves posts by accounts that are not listed untouched (a mention of a candidate included)', async () => {
      await fresh();
      await act(page, 't2', 'like').click();
      await act(page, 't5', 'share').click();
      await act(page, 't5', 'repost').click();
      expect(await menuItem(page, 'repost-commit').innerText()).toBe(t.repost);
      await menuItem(page, 'repost-commit').click();
      expect(await noWarningFor(page)).toBe(true);
      expect(await demoLog(page)).toEqual(['like:t2', 'share:t5', 'repost:t5']);
      expect(await iconLabel(act(page, 't2', 'like'))).toBe(t.unlike);
    });

    it(`guards Enter on a focused “${t.like}” button; Escape leaves it undone`, async () => {
      await fresh();
      const like = act(page, 't1', 'like');
      expect(await iconLabel(like)).toBe(t.like);
      await like.focus();
      await page.keyboard.press('Enter');
      expect(await warned()).toContain(CAPRES);
      await page.keyboard.press('Escape');
      await warning(page).host.waitFor({ state: 'detached' });
      expect(await demoLog(page)).toEqual([]);
      expect(await iconLabel(like)).toBe(t.like);
    });
  });
});
