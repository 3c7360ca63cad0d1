/**
 * Managed policy end to end: a real policy file in Chromium's policy directory. Bad values
 * are ignored with a visible note; locked settings say who set them; a policy change is
 * picked up live (storage.onChanged 'managed') when Chromium reloads policy.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_ID, openDemo, openPopup, warning, writePolicy } from '../support/browser';
import { guardedBrowser, type Scenario } from '../support/scenario';

describe('managed policy in real Chromium', () => {
  let s: Scenario;
  let policy: Record<string, unknown>;
  beforeAll(async () => {
    s = await guardedBrowser({
      policy: {
        mode: 'warn',
        lockUserSettings: true,
        organization: { name: 'Dinas Kominfo Contoh', contact: 'netralitas@contoh.go.id', helpUrl: 'javascript:alert(1)' },
        localClauses: [
          { id: 'se-bupati-contoh-2029', title: 'SE Bupati Contoh 800/1/2029', text: 'ASN dilarang menyukai unggahan peserta pemilu.', source: 'SE Bupati Contoh Nomor 800/1/2029', actions: ['like'] },
          { id: 'broken', title: 'tanpa teks', actions: ['like'] },
        ],
      },
    });
    // What the test wrote, to change it later.
    policy = JSON.parse(readFileSync('/etc/chromium/policies/managed/jaga-netral-test.json', 'utf8'))['3rdparty'].extensions[EXTENSION_ID];
  });
  afterAll(() => s?.close());

  it('ignores bad values with a note on the options page, and locks what policy set', async () => {
    const options = await s.browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    const notes = options.locator('[data-status="policy-notes"]');
    await notes.waitFor();
    const text = await notes.innerText();
    expect(text).toMatch(/helpUrl/);
    expect(text).toMatch(/localClauses/);
    const body = await options.locator('body').innerText();
    expect(body).toContain('Diatur oleh organisasi Anda');
    const modeInputs = options.locator('input[type="radio"][value="warn"]');
    expect(await modeInputs.first().isDisabled()).toBe(true);
    await options.close();
  });

  it('shows the organisation in the popup and its own circular in the warning, without a javascript: link', async () => {
    const popup = await openPopup(s.browser.context);
    await popup.locator('[data-status="managed"]').waitFor();
    expect(await popup.locator('body').innerText()).toContain('Dinas Kominfo Contoh');
    await popup.close();
    const page = await openDemo(s.browser.context, 'x');
    await page.waitForSelector('article[data-jaga-netral="listed"]');
    await page.locator('article[data-demo-post="p1"] [data-testid="like"]').click();
    const w = warning(page);
    await w.dialog.waitFor();
    const ids = await w.clauses.evaluateAll((els) => els.map((e) => e.getAttribute('data-clause')));
    expect(ids).toContain('se-bupati-contoh-2029');
    expect(ids).not.toContain('broken');
    expect(await w.dialog.innerText()).toContain('netralitas@contoh.go.id');
    expect(await w.host.locator('a[href^="javascript:"]').count()).toBe(0);
    await w.cancel.click();
    await page.close();
  });

  it('picks up a policy change live when Chromium reloads policy', async () => {
    writePolicy({ ...policy, mode: 'block' });
    const admin = await s.browser.context.newPage();
    await admin.goto('chrome://policy');
    await admin.locator('#reload-policies').click();
    const deadline = Date.now() + 20_000;
    let mode = '';
    while (Date.now() < deadline && mode !== 'block') {
      mode = await s.browser.worker.evaluate(() => (globalThis as any).chrome.storage.local.get('jn.config').then((r: any) => r['jn.config']?.mode));
      await admin.waitForTimeout(300);
    }
    expect(mode).toBe('block');
    const page = await openDemo(s.browser.context, 'x');
    await page.waitForSelector('article[data-jaga-netral="listed"]');
    await page.locator('article[data-demo-post="p1"] [data-testid="like"]').click();
    const w = warning(page);
    await w.dialog.waitFor();
    expect(await w.proceed.count()).toBe(0);
  });
});
