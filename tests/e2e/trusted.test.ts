/**
 * Only a person's input counts, in real Chromium and real Firefox: a page script that clicks
 * like on a listed candidate's post (in the page's own world, as the site's scripts or an
 * injected one would) opens no warning, leaves no record on the device, and does not like
 * either. The user's own click on the same button is still warned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoLog, warning, type E2EPage as Page } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { guardedBrowser, type Scenario } from '../support/scenario';

const LIKE_P1 = 'article[data-demo-post="p1"] [data-testid="like"]';

describe.each(BROWSERS)('a page script’s input in real %s', (browserName) => {
  let s: Scenario;
  let page: Page;
  beforeAll(async () => {
    s = await guardedBrowser(browserName, { policy: { mode: 'warn' } });
  });
  afterAll(() => s?.close());
  const fresh = async () => {
    await page?.close();
    page = await s.browser.openDemo('x');
    await waitForGuard(page);
    return page;
  };
  const events = async () => ((await s.browser.storage<{ 'jn.events'?: unknown[] }>(['jn.events']))['jn.events'] ?? []).length;

  it('three likeButton.click() calls: no dialog, no record, no like', async () => {
    await fresh();
    const before = await events();
    await page.evaluate((sel: string) => {
      for (let i = 0; i < 3; i++) (document.querySelector(sel) as HTMLElement).click();
    }, LIKE_P1);
    await page.waitForTimeout(700);
    expect(await page.locator('jaga-netral-warning').count()).toBe(0);
    expect(await demoLog(page)).toEqual([]);
    expect(await events()).toBe(before);
  });

  it('a script’s shortcut key and dispatched presses on the listed post do nothing either', async () => {
    await fresh();
    const before = await events();
    await page.evaluate((sel: string) => {
      const like = document.querySelector(sel) as HTMLElement;
      const post = like.closest('article') as HTMLElement;
      post.focus();
      const init = { bubbles: true, cancelable: true, composed: true };
      post.dispatchEvent(new KeyboardEvent('keydown', { ...init, key: 'l' }));
      like.dispatchEvent(new KeyboardEvent('keydown', { ...init, key: 'Enter' }));
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup']) like.dispatchEvent(new PointerEvent(type, init));
      like.dispatchEvent(new MouseEvent('click', init));
    }, LIKE_P1);
    await page.waitForTimeout(700);
    expect(await page.locator('jaga-netral-warning').count()).toBe(0);
    expect(await demoLog(page)).toEqual([]);
    expect(await events()).toBe(before);
  });

  it('the user’s own click on the same button is still warned and recorded', async () => {
    await fresh();
    const before = await events();
    await page.locator(LIKE_P1).click();
    const w = warning(page);
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
    const end = Date.now() + 5000;
    while ((await events()) < before + 2 && Date.now() < end) await page.waitForTimeout(100);
    expect(await events()).toBe(before + 2); // warned, cancelled
  });
});
