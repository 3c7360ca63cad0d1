/**
 * Threads end to end, in real Chromium and real Firefox: the agency's list guards the Threads
 * demo page (tests/fixtures/demo/threads.html) served on https://www.threads.com, in the
 * Indonesian UI and (`?hl=en`) the English one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoLog, warning, type E2EPage as Page } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { guardedBrowser, type Scenario } from '../support/scenario';

const post = (page: Page, id: string) => page.locator(`[data-demo-post="${id}"]`);
const act = (page: Page, id: string, what: string) => post(page, id).locator(`[data-demo-act="${what}"]`).first();
const menuItem = (page: Page, what: string) => page.locator(`[role="menu"] [data-demo-act="${what}"]`);
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
  afterAll(() => s?.close());
  const fresh = async (path?: string) => {
    await page?.close();
    page = await s.browser.openDemo('threads', path);
    await waitForGuard(page, 'threads');
    return page;
  };
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

  it('Suka on a listed candidate’s post: warned with the clauses; Batal does nothing; Tetap lanjutkan likes once; Batal suka is never warned', async () => {
    await fresh();
    await act(page, 't1', 'like').click();
    const account = await warned();
    expect(account).toContain('Capres Contoh A (fiktif)');
    expect(account).toContain('@capres_contoh_a');
    expect(await warning(page).dialog.innerText()).toMatch(/menyukai/i);
    expect((await warning(page).clauses.evaluateAll((els) => els.map((e) => e.getAttribute('data-clause')))).length).toBeGreaterThan(0);
    await dismiss('cancel');
    expect(await demoLog(page)).toEqual([]);
    await act(page, 't1', 'like').click();
    await warned();
    await dismiss('proceed');
    expect(await demoLog(page)).toEqual(['like:t1']);
    await act(page, 't1', 'like').click(); // now "Batal suka"
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:t1', 'unlike:t1']);
  });

  it('repost: opening the menu is not warned; “Posting ulang” is; it reposts once; “Hapus” is never warned', async () => {
    await fresh();
    await act(page, 't1', 'repost').click();
    await menuItem(page, 'repost-commit').waitFor();
    expect(await noWarningFor(page, 200)).toBe(true);
    await menuItem(page, 'repost-commit').click();
    expect(await warned()).toContain('Capres Contoh A (fiktif)');
    expect(await warning(page).dialog.innerText()).toMatch(/membagikan|memposting ulang/i);
    await dismiss('proceed');
    expect(await demoLog(page)).toEqual(['repost:t1']);
    await act(page, 't1', 'repost').click();
    await menuItem(page, 'unrepost').click();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['repost:t1', 'unrepost:t1']);
  });

  it('English UI: Like and Repost are guarded the same way', async () => {
    await fresh('/?hl=en');
    expect(await act(page, 't1', 'like').locator('svg').getAttribute('aria-label')).toBe('Like');
    await act(page, 't1', 'like').click();
    expect(await warned()).toContain('Capres Contoh A (fiktif)');
    await dismiss('cancel');
    await act(page, 't1', 'repost').click();
    expect(await menuItem(page, 'repost-commit').innerText()).toBe('Repost');
    await menuItem(page, 'repost-commit').click();
    expect(await warned()).toContain('Capres Contoh A (fiktif)');
    await dismiss('proceed');
    expect(await demoLog(page)).toEqual(['repost:t1']);
  });

  it('the quote item and share are guarded; Batal keeps both from happening', async () => {
    await fresh();
    await act(page, 't3', 'repost').click();
    await menuItem(page, 'quote-commit').click();
    expect(await warned()).toContain('Tim Pemenangan Contoh (fiktif)');
    await dismiss('cancel');
    await act(page, 't1', 'share').click();
    expect(await warned()).toContain('Capres Contoh A (fiktif)');
    expect(await warning(page).dialog.innerText()).toMatch(/membagikan/i);
    await dismiss('cancel');
    expect(await demoLog(page)).toEqual([]);
    await act(page, 't1', 'share').click();
    await warned();
    await dismiss('proceed');
    expect(await demoLog(page)).toEqual(['share:t1']);
  });

  it('reply: the icon that opens the composer is warned; going ahead opens it once, and its send is the site’s', async () => {
    await fresh();
    await act(page, 't1', 'reply').click();
    expect(await warned()).toContain('Capres Contoh A (fiktif)');
    expect(await warning(page).dialog.innerText()).toMatch(/mengomentari|membalas/i);
    await dismiss('cancel');
    expect(await page.locator('[role="dialog"]').count()).toBe(0);
    await act(page, 't1', 'reply').click();
    await warned();
    await dismiss('proceed');
    const dialog = page.locator('[role="dialog"]');
    await dialog.waitFor();
    await dialog.locator('[role="textbox"]').fill('Semoga sukses');
    await dialog.locator('[data-demo-act="dialog-send"]').click();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['reply:t1', 'reply-sent:t1']);
  });

  it('the reply composer under a listed post: “Posting” and Ctrl+Enter are warned; Tetap lanjutkan sends once', async () => {
    await fresh('/@capres_contoh_a/post/DCapresA0001');
    const box = page.locator('#reply-composer [role="textbox"]');
    await box.fill('Setuju');
    await page.locator('#reply-composer [data-demo-act="send"]').click();
    expect(await warned()).toContain('Capres Contoh A (fiktif)');
    await dismiss('cancel');
    expect(await demoLog(page)).toEqual([]);
    await box.focus();
    await page.keyboard.press('Control+Enter');
    expect(await warned()).toContain('Capres Contoh A (fiktif)');
    await dismiss('proceed');
    expect(await demoLog(page)).toEqual(['reply-sent:t1']);
  });

  it('follow on a profile reached by in-page navigation from the feed; Mengikuti (undo) is not warned', async () => {
    await fresh();
    await post(page, 't1').locator('a.name').click();
    await page.waitForURL(/\/@capres_contoh_a$/);
    const follow = page.locator('#page-header [data-demo-act="follow"]');
    expect(await follow.innerText()).toBe('Ikuti');
    await follow.click();
    expect(await warned()).toContain('Capres Contoh A (fiktif)');
    expect(await warning(page).dialog.innerText()).toMatch(/mengikuti/i);
    await dismiss('proceed');
    expect(await follow.innerText()).toBe('Mengikuti');
    await follow.click();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['follow:capres_contoh_a', 'unfollow:capres_contoh_a']);
  });

  it('a repost and a quote by unlisted accounts name the listed original and quoted authors', async () => {
    await fresh();
    await act(page, 't3', 'like').click();
    const original = await warned();
    expect(original).toContain('Tim Pemenangan Contoh (fiktif)');
    expect(original).not.toContain('warga_biasa');
    await dismiss('cancel');
    await act(page, 't4', 'like').click();
    const quoted = await warned();
    expect(quoted).toContain('Capres Contoh A (fiktif)');
    await dismiss('cancel');
    expect(await demoLog(page)).toEqual([]);
  });

  it('leaves posts by accounts that are not listed untouched (a mention of a candidate included)', async () => {
    await fresh();
    await act(page, 't2', 'like').click();
    await act(page, 't5', 'share').click();
    await act(page, 't5', 'repost').click();
    await menuItem(page, 'repost-commit').click();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:t2', 'share:t5', 'repost:t5']);
  });

  it('guards Enter on a focused like button', async () => {
    await fresh();
    await act(page, 't1', 'like').focus();
    await page.keyboard.press('Enter');
    expect(await warned()).toContain('Capres Contoh A (fiktif)');
    await page.keyboard.press('Escape');
    await warning(page).host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
  });
});
