/**
 * Managed policy end to end, from the real policy file each browser reads: Chromium's
 * /etc/chromium/policies/managed/*.json and Firefox's /etc/firefox/policies/policies.json.
 * Bad values are ignored with a visible note; locked settings say who set them. Chromium
 * picks a change up live (storage.onChanged 'managed'); Firefox reads policy once at start,
 * has no schema (values arrive as written, a GPO DWORD as 1), and throws from
 * storage.managed.get() when no policy is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePolicy } from '../support/browser';
import { BROWSERS, launchBrowser, waitForStorage, warning, type E2EBrowser } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { writeFirefoxPolicy } from '../support/firefox';
import { guardedBrowser, type Scenario } from '../support/scenario';

const POLICY = {
  mode: 'warn',
  lockUserSettings: true,
  organization: { name: 'Dinas Kominfo Contoh', contact: 'netralitas@contoh.go.id', helpUrl: 'javascript:alert(1)' },
  localClauses: [
    { id: 'se-bupati-contoh-2029', title: 'SE Bupati Contoh 800/1/2029', text: 'ASN dilarang menyukai unggahan peserta pemilu.', source: 'SE Bupati Contoh Nomor 800/1/2029', actions: ['like'] },
    { id: 'broken', title: 'tanpa teks', actions: ['like'] },
  ],
};

const config = async (b: E2EBrowser) => (await b.storage<{ 'jn.config'?: Record<string, any> }>(['jn.config']))['jn.config'];

describe.each(BROWSERS)('managed policy in real %s', (browserName) => {
  let s: Scenario;
  beforeAll(async () => {
    s = await guardedBrowser(browserName, { policy: POLICY });
  });
  afterAll(() => s?.close());

  it('ignores bad values with a note on the options page, and locks what policy set', async () => {
    const options = await s.browser.openOptions();
    const notes = options.locator('[data-status="policy-notes"]');
    await notes.waitFor();
    const text = await notes.innerText();
    expect(text).toMatch(/helpUrl/);
    expect(text).toMatch(/localClauses/);
    const body = await options.locator('body').innerText();
    expect(body).toContain('Diatur oleh organisasi Anda');
    expect(await options.locator('input[type="radio"][value="warn"]').first().isDisabled()).toBe(true);
    await options.close();
  });

  it('shows the organisation in the popup and its own circular in the warning, without a javascript: link', async () => {
    const popup = await s.browser.openPopup();
    await popup.locator('[data-status="managed"]').waitFor();
    expect(await popup.locator('[data-status="managed"]').innerText()).toContain('yes');
    expect(await popup.locator('body').innerText()).toContain('Dikelola oleh organisasi Anda: Dinas Kominfo Contoh');
    await popup.close();
    const page = await s.browser.openDemo('x');
    await waitForGuard(page);
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
});

describe.runIf(BROWSERS.includes('chromium'))('managed policy: live change in real chromium', () => {
  it('picks up a policy change live when Chromium reloads policy', async () => {
    const s = await guardedBrowser('chromium', { policy: POLICY });
    try {
      const written = { ...POLICY, listUrls: [s.listUrl], listPublicKeys: [s.publisher.publicKey] };
      writePolicy({ ...written, mode: 'block' });
      const admin = await s.browser.openUrl('chrome://policy');
      await admin.locator('#reload-policies').click();
      const deadline = Date.now() + 20_000;
      let mode = '';
      while (Date.now() < deadline && mode !== 'block') {
        mode = (await config(s.browser))?.mode;
        await admin.waitForTimeout(300);
      }
      expect(mode).toBe('block');
      const page = await s.browser.openDemo('x');
      await waitForGuard(page);
      await page.locator('article[data-demo-post="p1"] [data-testid="like"]').click();
      const w = warning(page);
      await w.dialog.waitFor();
      expect(await w.proceed.count()).toBe(0);
    } finally {
      await s.close();
    }
  });
});

describe.runIf(BROWSERS.includes('firefox'))('Firefox policies.json specifics in real firefox', () => {
  it('no policy at all (storage.managed.get() throws): unmanaged, no error, user settings apply', async () => {
    const b = await launchBrowser('firefox', { policy: null });
    try {
      const c = await waitForStorage(b, ['jn.config', 'jn.policy'], (st) => st['jn.policy'] !== undefined && st['jn.config'] !== undefined);
      expect(c['jn.policy'].managed).toBe(false);
      expect(c['jn.policy'].notes).toEqual([]);
      expect(c['jn.config'].mode).toBe('warn');
      const popup = await b.openPopup();
      await popup.locator('[data-status="managed"]').waitFor();
      expect((await popup.locator('[data-status="managed"]').innerText()).trim()).toBe('no');
      expect(await popup.locator('body').innerText()).not.toMatch(/Dikelola oleh/);
    } finally {
      await b.close();
    }
  });

  it('GPO-style values (DWORD 1, numbers as strings) are understood; policy is read once at start', async () => {
    // As Firefox's Windows GPO reader hands them over: a DWORD as 1, a REG_SZ number as text.
    const gpo = { mode: 'block', lockUserSettings: 1, syncIntervalMinutes: '30', organization: { name: 'Badan Kepegawaian Contoh' } };
    writeFirefoxPolicy(gpo);
    const b = await launchBrowser('firefox', { keepPolicyFile: true });
    try {
      await waitForStorage(b, ['jn.config'], (st) => st['jn.config']?.managed === true);
      const c = await config(b);
      expect(c).toMatchObject({ mode: 'block', locked: true, syncIntervalMinutes: 30, organization: { name: 'Badan Kepegawaian Contoh' } });
      const page = await b.openDemo('x');
      await waitForGuard(page);
      await page.locator('article[data-demo-post="p1"] [data-testid="like"]').click();
      await warning(page).dialog.waitFor();
      expect(await warning(page).proceed.count()).toBe(0);

      // Firefox does not re-read policies.json while it runs: a change waits for a restart.
      writeFirefoxPolicy({ ...gpo, mode: 'warn' });
      const popup = await b.openPopup();
      await popup.locator('[data-status="managed"]').waitFor();
      await popup.waitForTimeout(1500);
      expect((await config(b))?.mode).toBe('block');
    } finally {
      await b.close();
    }
    // After a restart the new file is in force.
    const again = await launchBrowser('firefox', { keepPolicyFile: true });
    try {
      await waitForStorage(again, ['jn.config'], (st) => st['jn.config']?.managed === true);
      expect((await config(again))?.mode).toBe('warn');
    } finally {
      await again.close();
      writeFirefoxPolicy(null);
    }
  });
});
