/**
 * Instagram end to end, in real Chromium and real Firefox: the agency's list guards the
 * Instagram demo page served on https://www.instagram.com. Every case runs twice, in the
 * Indonesian interface and in the English one (`?lang=en`, which the page keeps across its
 * in-page navigation): the controls are found by the labels a user of that interface reads.
 * One browser per run of the file (touch enabled, for the double tap), a fresh page per case.
 * The warning itself speaks the extension's language (Indonesian here) in both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoLog, warning, type E2ELocator, type E2EPage as Page } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { guardedBrowser, type Scenario } from '../support/scenario';

const CAPRES = 'Capres Contoh A (fiktif)';
const TIM = 'Tim Pemenangan Contoh (fiktif)';

/** What the page shows in one interface language (Instagram's own words). */
interface Ui {
  name: string;
  /** Appended to every path opened: the demo page's language switch. */
  query: string;
  like: string;
  unlike: string;
  comment: string;
  share: string;
  follow: string;
  following: string;
  unfollow: string;
  send: string;
  box: string;
}

const UIS: Ui[] = [
  {
    name: 'Indonesian',
    query: '',
    like: 'Suka',
    unlike: 'Batal Suka',
    comment: 'Komentar',
    share: 'Bagikan',
    follow: 'Ikuti',
    following: 'Mengikuti',
    unfollow: 'Berhenti Mengikuti',
    send: 'Kirim',
    box: 'Tambahkan komentar…',
  },
  {
    name: 'English',
    query: '?lang=en',
    like: 'Like',
    unlike: 'Unlike',
    comment: 'Comment',
    share: 'Share',
    follow: 'Follow',
    following: 'Following',
    unfollow: 'Unfollow',
    send: 'Post',
    box: 'Add a comment…',
  },
];

const noWarningFor = async (page: Page, ms = 400) => {
  await page.waitForTimeout(ms);
  return (await page.locator('jaga-netral-warning').count()) === 0;
};
const escRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

  describe.each(UIS)('in the $name interface', (ui) => {
    /** The page at `path` in this interface; the URL the page shows at `path`. */
    const fresh = async (path = '/') => {
      await page?.close();
      page = await s.browser.openDemo('instagram', path + ui.query);
      await waitForGuard(page, 'instagram');
      return page;
    };
    const urlOf = (path: string) => new RegExp(`instagram\\.com${escRe(path + ui.query)}$`);

    const post = (id: string) => page.locator(`#feed [data-demo-post="${id}"]`);
    /** A post's icon button, by the label of its icon in this interface. */
    const icon = (id: string, label: string) => post(id).locator(`.actions svg[aria-label="${label}"]`);
    const act = (id: string, what: string) => post(id).locator(`[data-demo-act="${what}"]`).first();
    /** A text button (follow, send) that reads `word`; fails when it reads anything else. */
    const textButton = async (button: E2ELocator, word: string) => {
      expect((await button.innerText()).trim()).toBe(word);
      return button;
    };

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

    it(`stops ${ui.like} on a listed candidate’s post; cancel leaves it; proceed likes once; ${ui.unlike} is not warned`, async () => {
      await fresh();
      await icon('i1', ui.like).click();
      await warned(CAPRES, /menyukai/i);
      await cancel();
      expect(await demoLog(page)).toEqual([]);
      await icon('i1', ui.like).click();
      await warned(CAPRES, /menyukai/i);
      await proceed();
      expect(await demoLog(page)).toEqual(['like:i1']);
      await icon('i1', ui.unlike).click();
      expect(await noWarningFor(page)).toBe(true);
      expect(await demoLog(page)).toEqual(['like:i1', 'unlike:i1']);
      expect(await icon('i1', ui.like).count()).toBe(1);
    });

    it(`${ui.follow} in a listed post’s header is warned; ${ui.following} → ${ui.unfollow} is not`, async () => {
      await fresh();
      const follow = act('i1', 'follow');
      await (await textButton(follow, ui.follow)).click();
      await warned(CAPRES, /mengikuti/i);
      await cancel();
      expect(await demoLog(page)).toEqual([]);
      await follow.click();
      await warned(CAPRES, /mengikuti/i);
      await proceed();
      expect(await demoLog(page)).toEqual(['follow:capres_contoh_a']);
      await (await textButton(follow, ui.following)).click();
      await textButton(page.locator('[data-demo-sheet] [data-demo-act="unfollow"]'), ui.unfollow);
      await page.locator('[data-demo-sheet] [data-demo-act="unfollow"]').click();
      expect(await noWarningFor(page)).toBe(true);
      expect(await demoLog(page)).toEqual(['follow:capres_contoh_a', 'unfollow:capres_contoh_a']);
    });

    it('a double click on the photo is warned; cancel leaves it; proceed presses the heart once', async () => {
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
      expect(await icon('i1', ui.unlike).count()).toBe(1);
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
      expect(await icon('i1', ui.like).count()).toBe(1);
    });

    it(`a comment typed into “${ui.box}”: Enter is warned and the text stays on cancel; ${ui.send} sends it once on proceed`, async () => {
      await fresh();
      const box = post('i1').locator(`textarea[placeholder="${ui.box}"]`);
      await box.click();
      await box.pressSequentially('Semoga sukses');
      await page.keyboard.press('Enter');
      await warned(CAPRES, /mengomentari/i);
      await cancel();
      expect(await demoLog(page)).toEqual([]);
      expect(await page.evaluate(() => (document.querySelector('#feed [data-demo-post="i1"] textarea') as HTMLTextAreaElement).value)).toBe('Semoga sukses');
      await (await textButton(act('i1', 'send'), ui.send)).click();
      await warned(CAPRES, /mengomentari/i);
      await proceed();
      expect(await demoLog(page)).toEqual(['comment-sent:i1']);
      expect((await post('i1').locator('[data-demo-sent]').innerText()).trim()).toContain('Semoga sukses');
    });

    it(`${ui.comment} and ${ui.share} on the campaign team’s post are warned, citing the clauses`, async () => {
      await fresh();
      await icon('i2', ui.comment).click();
      await warned(TIM, /mengomentari/i);
      await page.keyboard.press('Escape');
      await warning(page).host.waitFor({ state: 'detached' });
      await icon('i2', ui.share).click();
      await warned(TIM, /membagikan/i);
      const ids = await warning(page).clauses.evaluateAll((els) => els.map((e) => e.getAttribute('data-clause')));
      expect(ids).toContain('skb-2022-kampanye-online');
      await cancel();
      expect(await demoLog(page)).toEqual([]);
    });

    it(`in-page navigation to a listed profile: ${ui.follow} there is warned naming it; a suggestion card’s too`, async () => {
      await fresh();
      await post('i1').locator('a[href="/capres_contoh_a/"]').nth(1).click();
      await page.waitForURL(urlOf('/capres_contoh_a/'));
      await (await textButton(page.locator('#profile header [data-demo-act="follow"]'), ui.follow)).click();
      await warned(CAPRES, /mengikuti/i);
      await cancel();
      const card = page.locator('#profile .cards [data-demo-act="follow"][data-demo-target="timmenangcontoh"]');
      await (await textButton(card, ui.follow)).click();
      await warned(TIM, /mengikuti/i);
      await proceed();
      expect(await demoLog(page)).toEqual(['follow:timmenangcontoh']);
      await page.goBack();
      await page.waitForURL(urlOf('/'));
      const unlisted = page.locator('[data-demo-sug="berita_netral"] [data-demo-act="follow"]');
      await (await textButton(unlisted, ui.follow)).click(); // not listed
      expect(await noWarningFor(page)).toBe(true);
      expect(await demoLog(page)).toEqual(['follow:timmenangcontoh', 'follow:berita_netral']);
    });

    it('a post opened as a dialog over the feed: its heart is warned; a comment’s heart follows the comment’s author', async () => {
      await fresh();
      await post('i1').locator('a.time').click();
      await page.waitForURL(urlOf('/p/DEMOI1/'));
      const dialog = page.locator('[role="dialog"] [data-demo-post="i1"]');
      await dialog.locator(`.actions svg[aria-label="${ui.like}"]`).click();
      await warned(CAPRES, /menyukai/i);
      await cancel();
      const commentHeart = (id: string) => dialog.locator(`[data-demo-target="${id}"] svg[aria-label="${ui.like}"]`);
      await commentHeart('i1c1').click(); // warga_biasa's comment
      expect(await noWarningFor(page)).toBe(true);
      await commentHeart('i1c2').click(); // the campaign team's comment
      await warned(TIM, /menyukai/i);
      await cancel();
      expect(await demoLog(page)).toEqual(['like:i1c1']);
    });

    it('leaves accounts that are not listed untouched', async () => {
      await fresh();
      await icon('i3', ui.like).click();
      await icon('i3', ui.comment).click();
      expect(await noWarningFor(page)).toBe(true);
      expect(await demoLog(page)).toEqual(['like:i3', 'comment:i3']);
    });

    it(`guards Enter on a focused ${ui.like} button (keyboard)`, async () => {
      await fresh();
      expect(await act('i1', 'like').locator(`svg[aria-label="${ui.like}"]`).count()).toBe(1);
      await act('i1', 'like').focus();
      await page.keyboard.press('Enter');
      await warned(CAPRES, /menyukai/i);
      await page.keyboard.press('Escape');
      await warning(page).host.waitFor({ state: 'detached' });
      expect(await demoLog(page)).toEqual([]);
    });
  });
});
