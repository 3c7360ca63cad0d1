/**
 * The hooks engine end to end (issue 8), in real Chromium and real Firefox:
 *  - detection health and a signed hooks fix: X "renames" its like control (the demo page's
 *    `?demo=heart` variant), the guard goes quiet and the popup says so; a hooks update built
 *    and signed with the real CLI, served by a local HTTP server named in a real policy file,
 *    fixes the open tab without a reload; a tampered update is refused and says why;
 *  - inputs that are not a button press, on the Facebook demo page: a double click / double
 *    tap on a listed candidate's photo, and Enter in the always-open comment box.
 * One browser per run of the suite, shared by its cases (they run in order).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoLog, warning, type E2EPage as Page } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { bundledHooks, newHooksPublisher, type HooksPublisher } from '../support/hooks-publisher';
import { startListServer, type ListServer } from '../support/list-server';
import { guardedBrowser, type Scenario } from '../support/scenario';

const HOOKS_PATH = '/hooks/jaga-netral-hooks.json';
const HEALTH_TIMEOUT = 15_000;

const noWarningFor = async (page: Page, ms = 400) => {
  await page.waitForTimeout(ms);
  return (await page.locator('jaga-netral-warning').count()) === 0;
};

/** The bundled X hooks with the renamed like control added, as a publisher's fix would. */
function fixedXHooks(version: number) {
  const x = bundledHooks('x');
  x.hooksVersion = version;
  x.selectors.like.css.push('[data-testid="heart"]');
  return x;
}

describe.each(BROWSERS)('hooks engine in real %s', (browserName) => {
  let s: Scenario;
  let hooksServer: ListServer;
  let publisher: HooksPublisher;
  let hooksUrl: string;
  let popup: Page;
  let x: Page;
  let fb: Page;

  beforeAll(async () => {
    publisher = newHooksPublisher();
    hooksServer = await startListServer(); // nothing published yet: 404
    hooksUrl = hooksServer.url(HOOKS_PATH);
    s = await guardedBrowser(browserName, {
      hasTouch: true,
      policy: { mode: 'warn', hooksUrls: [hooksUrl], hooksPublicKeys: [publisher.publicKey] },
    });
    popup = await s.browser.openPopup();
  });
  afterAll(async () => {
    await s?.close();
    await hooksServer?.close();
  });

  const hooksX = () => popup.locator('[data-status="hooks-x"]');
  const hooksError = async () => (await popup.locator('[data-status="hooks-error"]').innerText()).trim();
  const waitHealth = (value: string) =>
    popup.locator(`[data-status="hooks-x"][data-health="${value}"]`).waitFor({ state: 'attached', timeout: HEALTH_TIMEOUT });
  /** "Periksa sekarang" in the popup, and wait until it is done. */
  const syncNow = async () => {
    const before = hooksServer.requests.length;
    await popup.locator('[data-action="sync"]').click();
    await popup.waitForFunction(() => !document.querySelector('[data-action="sync"][aria-busy="true"]'));
    await popup.waitForTimeout(300);
    expect(hooksServer.requests.length).toBeGreaterThan(before);
  };
  const xPost = (id: string) => x.locator(`article[data-demo-post="${id}"]`);

  // -- (a) detection health and a signed hooks fix ----------------------------------------

  it('a renamed like goes unwarned, and the popup says detection of X is degraded: like', async () => {
    x = await s.browser.openDemo('x', '/home?demo=heart');
    await waitForGuard(x);
    expect(await xPost('p1').locator('[data-testid="like"]').count()).toBe(0);
    await xPost('p1').locator('[data-testid="heart"]').click();
    expect(await noWarningFor(x)).toBe(true);
    expect(await demoLog(x)).toEqual(['like:p1']); // the honest state of a broken hook
    await xPost('p1').locator('[data-testid="unheart"]').click(); // the user takes it back
    expect(await demoLog(x)).toEqual(['like:p1', 'unlike:p1']);

    await waitHealth('degraded: like');
    const line = await hooksX().innerText();
    expect(line).toMatch(/terganggu/i);
    expect(line).toContain('versi 1 (bawaan)');
    expect(await hooksError()).toMatch(/HTTP 404/); // nothing published yet
  });

  it('a signed hooks update fixes the open tab without a reload, and the popup returns to ok', async () => {
    hooksServer.put(HOOKS_PATH, publisher.build({ x: fixedXHooks(2) }, 2));
    await x.evaluate(() => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true));
    await syncNow();
    await waitHealth('ok');
    expect(await hooksX().innerText()).toContain(`versi 2 dari ${hooksUrl}`);
    expect(await hooksError()).toBe('');

    const heart = xPost('p1').locator('[data-testid="heart"]');
    await heart.click();
    const w = warning(x);
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    expect(await w.dialog.innerText()).toMatch(/menyukai/i);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(x)).toEqual(['like:p1', 'unlike:p1']);
    await heart.click();
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await x.waitForTimeout(300);
    expect(await demoLog(x)).toEqual(['like:p1', 'unlike:p1', 'like:p1']);
    expect(await x.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });

  it('refuses a tampered hooks update, says why in the popup, and the tab keeps the hooks in force', async () => {
    // A v3 that drops the fix, its payload changed after signing.
    const doc = JSON.parse(publisher.build({ x: fixedXHooks(3) }, 3));
    const like = doc.payload.sites.x.selectors.like;
    like.css = like.css.filter((c: string) => !c.includes('heart'));
    hooksServer.put(HOOKS_PATH, JSON.stringify(doc));
    await syncNow();
    expect(await hooksError()).toMatch(/tanda tangan/i);
    expect(await hooksError()).toMatch(/tetap dipakai/i);
    expect(await hooksX().getAttribute('data-health')).toBe('ok');
    expect(await hooksX().innerText()).toContain('versi 2 dari');

    await xPost('p2').locator('[data-testid="heart"]').click();
    const w = warning(x);
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Tim Pemenangan Contoh (fiktif)');
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(x)).toEqual(['like:p1', 'unlike:p1', 'like:p1']);
    await x.close();
  });

  // -- (b) double click / double tap on a candidate's photo --------------------------------

  const fbPost = (id: string) => fb.locator(`[data-demo-post="${id}"]`);
  const photo = () => fbPost('f8').locator('img[data-visualcompletion="media-vc-image"]');
  const f8Like = () => fbPost('f8').locator('.actions [role="button"][data-demo-act="like"]');
  const freshFacebook = async () => {
    await fb?.close();
    fb = await s.browser.openDemo('facebook');
    await waitForGuard(fb, 'facebook');
  };

  it('a double click on a listed candidate’s photo is warned; Batalkan leaves it; Tetap lanjutkan likes once', async () => {
    await freshFacebook();
    const w = warning(fb);
    await photo().dblclick();
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    expect(await w.dialog.innerText()).toMatch(/menyukai/i);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    await fb.waitForTimeout(900); // what is left of the stopped double click has passed
    expect(await demoLog(fb)).toEqual([]);
    expect(await f8Like().getAttribute('aria-pressed')).toBe('false');
    expect(fb.url()).toBe('https://www.facebook.com/'); // still on the feed

    await photo().dblclick();
    await w.dialog.waitFor();
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await fb.waitForTimeout(900);
    expect(await demoLog(fb)).toEqual(['like:f8']);
    expect(await f8Like().getAttribute('aria-label')).toBe('Batal suka');
    expect(await fbPost('f8').locator('[data-demo-count]').innerText()).toBe('78');
    expect(fb.url()).toBe('https://www.facebook.com/');
  });

  it('one tap on the photo is not a like; two quick taps are warned the same way', async () => {
    await freshFacebook();
    const w = warning(fb);
    await photo().tap(); // on Facebook this opens the photo: nothing to warn about
    expect(await noWarningFor(fb, 500)).toBe(true);
    await fb.waitForTimeout(400); // past the double-tap window
    await photo().tap();
    await photo().tap();
    await w.dialog.waitFor({ timeout: 5000 });
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    expect(await w.dialog.innerText()).toMatch(/menyukai/i);
    await w.cancel.tap();
    await w.host.waitFor({ state: 'detached' });
    await fb.waitForTimeout(900);
    expect(await demoLog(fb)).toEqual([]);
    expect(await f8Like().getAttribute('aria-pressed')).toBe('false');
    expect(fb.url()).toBe('https://www.facebook.com/');
  });

  // -- (c) Enter in the always-open comment box --------------------------------------------

  const box = () => fbPost('f8').locator('[role="textbox"][contenteditable="true"][aria-label="Tulis komentar…"]');
  const sent = () => fbPost('f8').locator('[data-demo-sent]');

  it('Enter in the comment box of a listed candidate’s post is warned before it is sent', async () => {
    await freshFacebook();
    const w = warning(fb);
    await box().click();
    await box().pressSequentially('Semoga sukses');
    await fb.keyboard.press('Enter');
    await w.dialog.waitFor();
    expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
    expect(await w.dialog.innerText()).toMatch(/mengomentari/i);
    expect(await sent().count()).toBe(0);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(fb)).toEqual([]);
    expect(await sent().count()).toBe(0);
    expect((await box().innerText()).trim()).toBe('Semoga sukses');

    // Focus is back in the box: Enter again, and this time go ahead.
    await fb.keyboard.press('Enter');
    await w.dialog.waitFor();
    await w.proceed.click();
    await w.host.waitFor({ state: 'detached' });
    await fb.waitForTimeout(300);
    expect(await demoLog(fb)).toEqual(['comment-sent:f8']);
    expect(await sent().count()).toBe(1);
    expect((await sent().innerText()).trim()).toContain('Semoga sukses');
    expect((await box().innerText()).trim()).toBe('');
  });

  it('the Kirim komentar button is warned too', async () => {
    await freshFacebook();
    const w = warning(fb);
    await box().click();
    await box().pressSequentially('Maju terus');
    await fbPost('f8').locator('[role="button"][aria-label="Kirim komentar"]').click();
    await w.dialog.waitFor();
    expect(await w.dialog.innerText()).toMatch(/mengomentari/i);
    await w.cancel.click();
    await w.host.waitFor({ state: 'detached' });
    expect(await demoLog(fb)).toEqual([]);
    expect(await sent().count()).toBe(0);
    expect((await box().innerText()).trim()).toBe('Maju terus');
    await fb.close();
  });
});
