/**
 * X end to end, in real Chromium and real Firefox: the agency's list (built with the CLI,
 * served over HTTP, named in a real managed-policy file) guards the X demo page served on
 * https://x.com.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoLog, warning, type E2EPage as Page } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { DEMO_CSV, guardedBrowser, type Scenario } from '../support/scenario';

const post = (page: Page, id: string) => page.locator(`article[data-demo-post="${id}"]`);
const noWarningFor = async (page: Page, ms = 400) => {
  await page.waitForTimeout(ms);
  return (await page.locator('jaga-netral-warning').count()) === 0;
};

describe.each(BROWSERS)('X: the guard in real %s', (browserName) => {
  let s: Scenario;
  let page: Page;
  beforeAll(async () => {
    s = await guardedBrowser(browserName, { hasTouch: true, policy: { mode: 'warn', organization: { name: 'BKPSDM Kabupaten Contoh', contact: 'netralitas@contoh.go.id', helpUrl: 'https://contoh.go.id/netralitas' } } });
  });
  afterAll(() => s?.close());
  const fresh = async () => {
    await page?.close();
    page = await s.browser.openDemo('x');
    await waitForGuard(page);
    return page;
  };

  it('stops a like on a listed candidate’s post and explains why, in Indonesian', async () => {
    await fresh();
    await post(page, 'p1').locator('[data-testid="like"]').click();
    const w = warning(page);
    await w.dialog.waitFor({ state: 'visible' });
    const account = await w.account.innerText();
    expect(account).toContain('Capres Contoh A (fiktif)');
    expect(account).toContain('@capres_contoh_a');
    const clauseIds = await w.clauses.evaluateAll((els) => els.map((e) => e.getAttribute('data-clause')));
    expect(clauseIds).toContain('skb-2022-medsos');
    const text = await w.dialog.innerText();
    expect(text).toMatch(/menyukai/i);
    expect(text).toContain('BKPSDM Kabupaten Contoh');
    expect(await w.dialog.getAttribute('aria-labelledby') ?? await w.dialog.getAttribute('aria-label')).toBeTruthy();
    // Cancel is the default and has focus.
    expect(await page.evaluate(() => document.querySelector('jaga-netral-warning')?.shadowRoot?.activeElement?.getAttribute('data-action'))).toBe('cancel');
    expect(await demoLog(page)).toEqual([]);
  });

  it('Cancel (and Escape) leave the page as if nothing happened', async () => {
    await fresh();
    const like = post(page, 'p1').locator('[data-testid="like"]');
    await like.click();
    const w = warning(page);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    await like.click();
    await w.dialog.waitFor();
    await page.keyboard.press('Escape');
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
    expect(await post(page, 'p1').locator('[data-testid="like"]').count()).toBe(1);
    expect(await post(page, 'p1').locator('[data-testid="unlike"]').count()).toBe(0);
  });

  it('Proceed performs the like exactly once, and the undo is never warned', async () => {
    await fresh();
    await post(page, 'p1').locator('[data-testid="like"]').click();
    const w = warning(page);
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect(await demoLog(page)).toEqual(['like:p1']);
    await post(page, 'p1').locator('[data-testid="unlike"]').click();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:p1', 'unlike:p1']);
  });

  it('leaves posts by accounts that are not listed untouched', async () => {
    await fresh();
    // Nothing on the page tells the site which posts are listed (nor that the guard runs).
    expect(await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /jaga/i.test(a.name + a.value))).length)).toBe(0);
    await post(page, 'p3').locator('[data-testid="like"]').click();
    await post(page, 'p7').locator('[data-testid="reply"]').click();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:p3', 'reply:p7']);
  });

  it('guards a tap on a touch screen the same way', async () => {
    await fresh();
    await post(page, 'p1').locator('[data-testid="like"]').tap();
    const w = warning(page);
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    await w.cancel.tap();
    await w.host.waitFor({ state: 'detached' });
    await post(page, 'p3').locator('[data-testid="like"]').tap();
    expect(await noWarningFor(page)).toBe(true);
    expect(await demoLog(page)).toEqual(['like:p3']);
  });

  it('guards X’s keyboard shortcuts (l, r) and Enter on a focused button', async () => {
    await fresh();
    const w = warning(page);
    await post(page, 'p1').focus();
    await page.keyboard.press('l');
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A');
    await page.keyboard.press('Escape');
    await w.host.waitFor({ state: 'detached' });
    await post(page, 'p2').focus();
    await page.keyboard.press('r');
    await w.dialog.waitFor();
    expect(await w.dialog.innerText()).toMatch(/mengomentari|membalas/i);
    await page.keyboard.press('Escape');
    await w.host.waitFor({ state: 'detached' });
    await post(page, 'p5').locator('[data-testid="like"]').focus();
    await page.keyboard.press('Enter');
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Caleg DPR Contoh B');
    // While the warning is open, the site's own hotkeys do not fire.
    await page.keyboard.press('l');
    await page.keyboard.press('Escape');
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(page)).toEqual([]);
  });

  it('guards the repost at the step that commits, and replays it once', async () => {
    await fresh();
    await post(page, 'p1').locator('[data-testid="retweet"]').click();
    const confirm = page.locator('#layers [data-testid="retweetConfirm"]');
    await confirm.waitFor();
    expect(await noWarningFor(page, 200)).toBe(true); // opening the menu is not the act
    await confirm.click();
    const w = warning(page);
    await w.dialog.waitFor();
    expect(await w.dialog.innerText()).toMatch(/membagikan|memposting ulang/i);
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect(await demoLog(page)).toEqual(['repost:p1']);
  });

  it('names the listed original author for a repost and a quote by someone else', async () => {
    await fresh();
    const w = warning(page);
    await post(page, 'p4').locator('[data-testid="like"]').click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    await post(page, 'p6').locator('[data-testid="like"]').first().click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Caleg DPR Contoh B (fiktif)');
    await w.cancel.click();
    expect(await demoLog(page)).toEqual([]);
  });

  it('guards follow in “who to follow”, and on a profile reached by in-page navigation', async () => {
    await fresh();
    const w = warning(page);
    await page.locator('[data-testid="1000000001-follow"]').first().click();
    await w.dialog.waitFor();
    expect(await w.dialog.innerText()).toMatch(/mengikuti/i);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    await page.locator('[data-testid="2000000001-follow"]').first().click(); // @warga_biasa
    expect(await noWarningFor(page)).toBe(true);

    await post(page, 'p1').locator('[data-testid="User-Name"] a').first().click();
    await page.waitForURL('https://x.com/capres_contoh_a');
    await page.locator('[data-testid="UserName"]').waitFor();
    await page.locator('main [data-testid$="-follow"]').first().click();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await page.waitForTimeout(300);
    expect(await demoLog(page)).toEqual(['follow:warga_biasa', 'follow:capres_contoh_a']);
  });

  it('resolves the author at the moment of the click when X recycles a row', async () => {
    await fresh();
    await page.locator('#demo-recycle').click();
    const first = page.locator('article[data-testid="tweet"]').first();
    await first.locator('[data-testid="like"]').click();
    expect(await noWarningFor(page)).toBe(true);
    expect((await demoLog(page)).length).toBe(1);
  });

  it('never counts a page script’s synthetic click on Proceed as the user’s choice', async () => {
    await fresh();
    // The user's click opens the warning (a script's click would open nothing: trusted.test.ts).
    await post(page, 'p1').locator('[data-testid="like"]').click();
    const w = warning(page);
    await w.dialog.waitFor();
    await page.waitForTimeout(700);
    await page.evaluate(() => {
      const p = document.querySelector('jaga-netral-warning')!.shadowRoot!.querySelector('[data-action="proceed"]') as HTMLElement;
      p.click();
      p.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    await page.waitForTimeout(300);
    expect(await w.dialog.isVisible()).toBe(true);
    expect(await demoLog(page)).toEqual([]);
    await w.cancel.click();
  });

  it('records warnings locally and shows the list status in the popup', async () => {
    const popup = await s.browser.openPopup();
    await popup.locator('[data-status="list-version"]').waitFor();
    expect(await popup.locator('[data-status="list-version"]').innerText()).toContain('5');
    expect(Number((await popup.locator('[data-status="list-entries"]').innerText()).replace(/\D/g, ''))).toBe(DEMO_CSV.trim().split('\n').length - 1); // one entry per row
    expect((await popup.locator('[data-status="list-error"]').innerText()).trim()).toBe('');
    expect((await popup.locator('[data-status="managed"]').innerText()).trim()).toContain('yes');
    const body = await popup.locator('body').innerText();
    expect(body).toContain('Capres Contoh A (fiktif)');
    await popup.close();
  });
});
