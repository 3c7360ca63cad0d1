/**
 * The right rule for the right employee, end to end in real Chromium and real Firefox: the
 * agency's policy file sets `employeeStatus`, its list (built with the CLI, served over
 * HTTP) gives each demo account a role and an election, and the warning on the X demo page
 * cites only what binds that employee, leads in plain words, hedges for a party account,
 * cites SE B/71/2017 as a precedent only for a pilkada entry's share, and says when the same
 * account was warned about before.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BROWSERS, warning, type E2EPage as Page } from '../support/e2e';
import { waitForGuard } from '../support/ready';
import { guardedBrowser, type Scenario } from '../support/scenario';

/** The demo page's accounts, with the roles these tests need (fictional, like the demo list). */
const CSV = [
  'platform,account,name,role,election,party,region',
  'x,@capres_contoh_a,Capres Contoh A (fiktif),presiden,pemilu-2029,Partai Contoh Bersatu,Nasional',
  'x,@calegcontohb,Partai Contoh Sejahtera (fiktif),partai,pemilu-2029,Partai Contoh Sejahtera,Nasional',
  'x,@timmenangcontoh,Calon Bupati Contoh C (fiktif),bupati,pilkada-2031,Partai Contoh Sejahtera,Kabupaten Contoh',
].join('\n');

const post = (page: Page, id: string) => page.locator(`article[data-demo-post="${id}"]`);
const clauseIds = (page: Page) => warning(page).clauses.evaluateAll((els) => els.map((e) => e.getAttribute('data-clause')));

async function openOn(s: Scenario): Promise<Page> {
  const page = await s.browser.openDemo('x');
  await waitForGuard(page);
  return page;
}

async function cancel(page: Page): Promise<void> {
  const w = warning(page);
  await w.cancel.click();
  await w.host.waitFor({ state: 'detached' });
}

/** Reposts `id` through X's menu: the menu item is what commits, so that is what is guarded. */
async function repost(page: Page, id: string): Promise<void> {
  await post(page, id).locator('[data-testid="retweet"]').click();
  const confirm = page.locator('#layers [data-testid="retweetConfirm"]');
  await confirm.waitFor();
  await confirm.click();
  await warning(page).dialog.waitFor({ state: 'visible' });
}

describe.each(BROWSERS)('the warning cites what binds the employee, in real %s', (browserName) => {
  describe('employeeStatus: pppk', () => {
    let s: Scenario;
    let page: Page;
    beforeAll(async () => {
      s = await guardedBrowser(browserName, { csv: CSV, policy: { mode: 'warn', employeeStatus: 'pppk' } });
      page = await openOn(s);
    });
    afterAll(() => s?.close());

    it('leads in plain words for a PPPK, cites PP 49/2018 and no PNS-only clause', async () => {
      await post(page, 'p1').locator('[data-testid="like"]').click();
      const w = warning(page);
      await w.dialog.waitFor({ state: 'visible' });
      const lead = await w.host.locator('#jn-lead').innerText();
      expect(lead).toContain('Anda akan menyukai unggahan Capres Contoh A (fiktif), yang terdaftar sebagai calon presiden dalam Pemilu 2029.');
      expect(lead).toContain('Bagi PPPK, tindakan ini dilarang oleh aturan netralitas dan dapat berujung hukuman disiplin hingga pemutusan hubungan perjanjian kerja.');
      expect(await clauseIds(page)).toEqual(['skb-2022-medsos', 'uu-20-2023-pasal-24-1-d']);
      const text = await w.dialog.innerText();
      expect(text).toContain('PP 49/2018 tentang Manajemen PPPK');
      expect(text).not.toMatch(/PP 94\/2021|PP 42\/2004|B\/71|PPNPN/);
      await cancel(page);
    });

    it('hedges for a party account: "dapat dianggap", never "dilarang"', async () => {
      await post(page, 'p5').locator('[data-testid="like"]').click();
      const w = warning(page);
      await w.dialog.waitFor({ state: 'visible' });
      const lead = await w.host.locator('#jn-lead').innerText();
      expect(lead).toContain('yang terdaftar sebagai partai politik');
      expect(lead).toContain('Bagi PPPK, tindakan ini dapat dianggap melanggar aturan netralitas');
      expect(lead).not.toContain('dilarang');
      expect(await w.host.locator('#jn-law').innerText()).toBe('Aturan netralitas yang dapat dianggap berlaku');
      await cancel(page);
    });

    it('says so when the same account is warned about again, and leads with another wording', async () => {
      const w = warning(page);
      const titles: string[] = [];
      for (let i = 0; i < 2; i++) {
        await post(page, 'p4').locator('[data-testid="like"]').click();
        await w.dialog.waitFor({ state: 'visible' });
        titles.push(await w.host.locator('#jn-title').innerText());
        if (i === 1) expect(await w.host.locator('[data-repeat]').innerText()).toMatch(/^Ini peringatan ke-[3-9] untuk akun ini dalam 7 hari terakhir\.$/);
        await cancel(page);
      }
      expect(titles[0]).not.toBe(titles[1]);
    });
  });

  describe('employeeStatus: pns', () => {
    let s: Scenario;
    let page: Page;
    beforeAll(async () => {
      s = await guardedBrowser(browserName, { csv: CSV, policy: { mode: 'warn', employeeStatus: 'pns' } });
    });
    afterAll(() => s?.close());
    // A fresh tab per case: X's repost menu stays open after a cancelled repost.
    beforeEach(async () => {
      await page?.close();
      page = await openOn(s);
    });

    it('cites SE B/71/2017 as a precedent for a pilkada entry’s share, with its title and date', async () => {
      await repost(page, 'p2');
      const ids = await clauseIds(page);
      expect(ids).toContain('se-menpanrb-b71-2017');
      const w = warning(page);
      const b71 = await w.host.locator('[data-clause="se-menpanrb-b71-2017"]').innerText();
      expect(b71).toContain('Dikutip sebagai preseden');
      expect(b71).toContain('27 Desember 2017');
      expect(await w.host.locator('#jn-lead').innerText()).toContain('Bagi PNS, tindakan ini dilarang oleh aturan netralitas');
      await cancel(page);
    });

    it('does not cite SE B/71/2017 for a pemilu entry’s share', async () => {
      await repost(page, 'p1');
      const ids = await clauseIds(page);
      expect(ids).toContain('skb-2022-kampanye-online');
      expect(ids).not.toContain('se-menpanrb-b71-2017');
      expect(ids).toContain('pp-94-2021-pasal-1-angka-6');
      await cancel(page);
    });

    it('shows the same dialog in English, with the law still quoted in Indonesian', async () => {
      await post(page, 'p1').locator('[data-testid="like"]').click();
      const w = warning(page);
      await w.dialog.waitFor({ state: 'visible' });
      await w.host.locator('[data-action="toggle-language"]').click();
      expect(await w.host.locator('#jn-lead').innerText()).toContain('For PNS, this is prohibited by the neutrality rules');
      expect(await w.host.locator('[data-clause="skb-2022-medsos"] blockquote').innerText()).toContain('Membuat posting, comment, share, like');
      expect(await w.cancel.innerText()).toBe('Cancel');
      await cancel(page);
    });
  });
});
