/**
 * List sync end to end: the extension fetches the agency's signed list from a real local
 * HTTP server; tampered, older, failing and unchanged lists are handled as an IT admin and
 * a civil servant would expect, with the reason in the popup and the last good list in force.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, demoLog, warning, type E2EPage as Page } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { guardedBrowser, type Scenario } from '../support/scenario';

const HEADER = 'platform,account,name,role,election,party,region,valid_from,valid_until,source\n';
const V3 = HEADER + 'x,@berita_netral,Akun Uji Daftar Instansi (fiktif),tim-kampanye,pemilu-2029,,,,,uji e2e\n' +
  'x,@calegcontohb,Caleg DPR Contoh B (fiktif),dpr,pemilu-2029,,,,,uji e2e\n';
const V4 = V3 + 'x,@warga_biasa,Relawan Baru (fiktif),relawan,pemilu-2029,,,,,uji e2e\n';
const PATH = '/lists/nasional.json';

describe.each(BROWSERS)('list sync in real %s', (browserName) => {
  let s: Scenario;
  let popup: Page;
  let x: Page;

  const status = async (hook: string) => (await popup.locator(`[data-status="${hook}"]`).innerText()).trim();
  const syncNow = async () => {
    const before = s.server.requests.length;
    await popup.locator('[data-action="sync"]').click();
    await popup.waitForFunction(() => !document.querySelector('[data-action="sync"][aria-busy="true"]'));
    await popup.waitForTimeout(300);
    expect(s.server.requests.length).toBeGreaterThan(before);
  };
  /** On a freshly loaded page (what an earlier unwarned act opened is gone). */
  const warnedOn = async (postId: string, control = 'like') => {
    await x.reload();
    await waitForGuard(x);
    await x.locator(`article[data-demo-post="${postId}"] [data-testid="${control}"]`).click();
    const w = warning(x);
    const shown = await w.dialog.waitFor({ timeout: 3000 }).then(() => true, () => false);
    if (shown) {
      await w.cancel.click();
      await w.host.waitFor({ state: 'detached' });
    }
    return shown;
  };

  beforeAll(async () => {
    s = await guardedBrowser(browserName, { csv: V3, version: 3, policy: { mode: 'warn', organization: { name: 'Dinas Kominfo Contoh' } } });
    popup = await s.browser.openPopup();
    x = await s.browser.openDemo('x');
    await waitForGuard(x);
  });
  afterAll(() => s?.close());

  it('uses the fetched list, not the bundled demo list, and shows it in the popup', async () => {
    await popup.locator('[data-status="list-version"]').waitFor();
    expect(await status('list-version')).toContain('3');
    expect(await status('list-entries')).toMatch(/\b2\b/);
    expect(await status('list-error')).toBe('');
    expect(await status('list-synced-at')).not.toMatch(/belum/i);
    expect(await status('managed')).toContain('yes');
    expect(await popup.locator('body').innerText()).toContain('Dinas Kominfo Contoh');
    expect(await warnedOn('p7')).toBe(true); // @berita_netral is on the agency list
    expect(await warnedOn('p1')).toBe(false); // @capres_contoh_a is only on the demo list
    expect(await demoLog(x)).toEqual(['like:p1']); // the site acted, once
  });

  it('asks again with If-None-Match and accepts 304 Not Modified', async () => {
    await syncNow();
    const last = s.server.requests.filter((r) => r.path === PATH && r.method === 'GET').at(-1)!;
    expect(last.headers['if-none-match']).toBeTruthy();
    expect(last.status).toBe(304);
    expect(await status('list-error')).toBe('');
  });

  it('refuses a tampered list, says why, and keeps the last good one', async () => {
    const good = s.publisher.build(V4, 4);
    s.server.put(PATH, good.replace('Relawan Baru', 'Relawan Baik'));
    await syncNow();
    expect(await status('list-error')).toMatch(/tanda tangan/i);
    expect(await status('list-error')).toMatch(/daftar lama tetap dipakai/i);
    expect(await status('list-version')).toContain('3');
    expect(await warnedOn('p7')).toBe(true);
    expect(await warnedOn('p3', 'reply')).toBe(false);
  });

  it('refuses an older list', async () => {
    s.server.put(PATH, s.publisher.build(V4, 2));
    await syncNow();
    expect(await status('list-error')).toMatch(/lebih lama/i);
    expect(await status('list-version')).toContain('3');
  });

  it('keeps the last good list through a server outage', async () => {
    s.server.fail(PATH, 500);
    await syncNow();
    expect(await status('list-error')).toMatch(/HTTP 500/);
    expect(await status('list-version')).toContain('3');
    expect(await warnedOn('p7')).toBe(true);
    s.server.fail(PATH, null);
  });

  it('takes a newer good list, and open tabs use it without a reload', async () => {
    s.server.put(PATH, s.publisher.build(V4, 4));
    await syncNow();
    expect(await status('list-error')).toBe('');
    expect(await status('list-version')).toContain('4');
    expect(await status('list-entries')).toMatch(/\b3\b/);
    expect(await warnedOn('p3', 'reply')).toBe(true); // @warga_biasa joined the list in v4
  });
});
