import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Match } from '../../lib/model';
import { lawFor } from '../../lib/clauses';
import { openWarning, type WarningHandle, type WarningOptions } from '../../lib/ui/warning/mount';

const match: Match = {
  subject: {
    index: 0,
    name: 'Budi Demo',
    role: 'dpr',
    election: 'pemilu-2029',
    party: 'Partai Contoh',
    region: 'Jawa Tengah I',
  },
  platform: 'x',
  key: '@budi_demo',
  listSource: 'bundled:demo',
  listVersion: 3,
  entryId: 'x:@budi_demo',
};

const handles: WarningHandle[] = [];
function open(over: Partial<WarningOptions> = {}): WarningHandle {
  const h = openWarning({
    action: 'share',
    match,
    shownAs: '@Budi_Demo',
    mode: 'warn',
    law: lawFor({ action: 'share', subject: match.subject }),
    organization: { name: 'BKD Kabupaten Contoh', contact: 'netralitas@contoh.go.id', helpUrl: 'https://contoh.go.id/netral' },
    locale: 'id',
    ...over,
  });
  handles.push(h);
  return h;
}
const rootOf = (h: WarningHandle) => h.host.shadowRoot!;
const q = <E extends Element = HTMLElement>(h: WarningHandle, sel: string) => rootOf(h).querySelector<E>(sel);
const active = (h: WarningHandle) => rootOf(h).activeElement;
const tick = () => new Promise((r) => setTimeout(r, 0));
const key = (target: Element, k: string, init: KeyboardEventInit = {}) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true, ...init }));
/** Whether the promise has settled, without waiting for it. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await tick();
  await tick();
  return done;
}
function typeReason(h: WarningHandle, text: string) {
  const ta = q<HTMLTextAreaElement>(h, '[data-field="justification"]')!;
  ta.value = text;
  ta.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

afterEach(() => {
  for (const h of handles.splice(0)) h.close();
  document.body.replaceChildren();
});

describe('warning mount', () => {
  it('renders into <jaga-netral-warning> on <html> with an open shadow root and scoped style', () => {
    const h = open();
    const host = document.querySelector('jaga-netral-warning');
    expect(host).toBe(h.host);
    expect(host!.parentElement).toBe(document.documentElement);
    expect(host!.shadowRoot).not.toBeNull();
    expect(host!.shadowRoot!.mode).toBe('open');
    const style = rootOf(h).querySelector('style')!;
    expect(style.textContent).toContain(':host { all: initial; }');
    expect(style.textContent).toContain('2147483647');
  });

  it('has one role=dialog, modal, named by its title and described', () => {
    const h = open();
    const dialogs = rootOf(h).querySelectorAll('[role="dialog"]');
    expect(dialogs).toHaveLength(1);
    const d = dialogs[0];
    expect(d.getAttribute('aria-modal')).toBe('true');
    const title = rootOf(h).getElementById(d.getAttribute('aria-labelledby')!)!;
    expect(title.textContent).toBe('Tunggu sebentar — Budi Demo ada dalam daftar akun kampanye pemilu');
    // aria-describedby is a list of ids: the description is their text together.
    const ids = d.getAttribute('aria-describedby')!.split(/\s+/);
    const desc = ids.map((id) => rootOf(h).getElementById(id)!.textContent).join(' ');
    expect(desc).toContain('Anda akan membagikan / memposting ulang unggahan Budi Demo');
    expect(desc).toContain('aturan netralitas');
  });

  it('shows the listed name, the matched handle, role, election, party and region in [data-account]', () => {
    const h = open();
    const acc = q(h, '[data-account]')!.textContent!;
    expect(acc).toContain('Budi Demo');
    expect(acc).toContain('@budi_demo');
    expect(acc).toContain('X (Twitter)');
    expect(acc).toContain('Calon anggota DPR');
    expect(acc).toContain('Pemilu 2029');
    expect(acc).toContain('Partai Contoh');
    expect(acc).toContain('Jawa Tengah I');
  });

  it('says a repost or quote is of the listed account’s post', () => {
    const h = open({ relation: 'original', shownAs: '@someone_else' });
    const acc = q(h, '[data-account]')!.textContent!;
    expect(acc).toContain('postingan ulang');
    expect(acc).toContain('Budi Demo');
    expect(acc).toContain('@someone_else');
    expect(q(h, '#jn-lead')!.textContent).toContain('unggahan Budi Demo yang diposting ulang akun lain');
  });

  it('says how the page shows the account only when that adds something', () => {
    const other = open({ shownAs: 'Budi (akun kedua)' });
    expect(q(other, '[data-account]')!.textContent).toContain('tampil di halaman sebagai “Budi (akun kedua)”');
    other.close();
    const same = open({ shownAs: 'budi demo' });
    expect(q(same, '[data-account]')!.textContent).not.toContain('tampil di halaman');
  });

  it('names the account, not a post, when the action is a follow or subscribe from a post or video', () => {
    for (const relation of ['author', 'original', 'quoted'] as const) {
      const h = open({ action: 'follow', relation });
      const lead = q(h, '#jn-lead')!.textContent!;
      expect(lead).toContain('mengikuti / bergabung dengan akun Budi Demo');
      expect(lead).not.toContain('unggahan');
      h.close();
    }
    const en = open({ action: 'follow', relation: 'author', locale: 'en' });
    expect(q(en, '#jn-lead')!.textContent).toContain('follow / join the account Budi Demo');
  });

  it('renders one visible [data-clause] per cited clause, each saying whom it binds', () => {
    const law = lawFor({ action: 'share', subject: match.subject, status: 'mixed' });
    const h = open({ law });
    const els = Array.from(rootOf(h).querySelectorAll('[data-clause]'));
    expect(els.map((e) => e.getAttribute('data-clause'))).toEqual(law.clauses.map((c) => c.id));
    for (const e of els) expect(e.closest('details')).toBeNull();
    const first = els[0].textContent!;
    expect(first).toContain('Keputusan Bersama tentang Netralitas ASN (SKB 2022)');
    expect(first).toContain('Lampiran II, tabel pelanggaran kode etik angka 4');
    expect(first).toContain('bergabung/follow dalam grup/akun pemenangan');
    expect(first).toContain('Berlaku bagi PNS dan PPPK');
    // The decree's full title and the source tags are not in the way: they sit in the
    // collapsed "Dasar hukum lengkap", in plain words.
    expect(first).not.toContain('1447.1');
    expect(first).not.toMatch(/\bVS\b|keyakinan/);
    const full = q(h, 'details[data-section="full-basis"]')!;
    expect(full.hasAttribute('open')).toBe(false);
    expect(full.querySelector('summary')!.textContent).toBe('Dasar hukum lengkap');
    const prov = full.querySelector('[data-provenance="skb-2022-medsos"]')!.textContent!;
    expect(prov).toContain('NOMOR 1447.1/PM.01/K.1/09/2022');
    expect(prov).toContain('Ditetapkan 22 September 2022');
    expect(prov).toContain('dikutip kata per kata dari laman pemerintah atau media berita');
    expect(prov).toContain('Tingkat keyakinan atas teks ini: tinggi.');
    expect(prov).toContain('Nomor pasal/butir belum dicocokkan dengan naskah aslinya');
    expect(q(h, '[data-clause="pp-94-2021-pasal-1-angka-6"]')!.textContent).toContain('Berlaku bagi PNS');
    expect(q(h, '[data-clause="se-menpanrb-01-2023"]')!.textContent).toContain('Berlaku bagi PPNPN (pegawai pemerintah non-ASN)');
    // A paraphrase is never dressed as a quotation.
    expect(q(h, '[data-clause="se-menpanrb-01-2023"] blockquote')).toBeNull();
    expect(q(h, '[data-clause="se-menpanrb-01-2023"]')!.textContent).toContain('Ringkasan isi (bukan kutipan kata per kata)');
  });

  it('mixed: states each status’s sanction carefully, labelled, and never threatens prison', () => {
    const h = open();
    const text = rootOf(h).textContent!;
    expect(q(h, '[data-sanction="pns"]')!.textContent).toContain('PNS: PNS yang melakukannya dapat dikenai sanksi pelanggaran kode etik (sanksi moral) dan/atau hukuman disiplin hingga tingkat berat');
    expect(q(h, '[data-sanction="pppk"]')!.textContent).toContain('pemutusan hubungan perjanjian kerja');
    expect(q(h, '[data-sanction="ppnpn"]')!.textContent).toContain('sebagaimana tercantum dalam perjanjian kerja');
    expect(text).not.toMatch(/penjara|pidana/i);
    expect(Array.from(rootOf(h).querySelectorAll('[data-sanction-basis]')).map((e) => e.getAttribute('data-sanction-basis'))).toEqual([
      'pp-42-2004-pasal-15',
      'pp-94-2021-pasal-8-4',
      'pp-49-2018-pasal-51-52',
      'pp-49-2018-pasal-53-2-b',
      'se-menpanrb-01-2023-sanksi',
    ]);
  });

  it('pppk: leads with PPPK, cites PP 49/2018 for the sanction and nothing that binds PNS only', () => {
    const h = open({ law: lawFor({ action: 'like', subject: match.subject, status: 'pppk' }), action: 'like' });
    const lead = q(h, '#jn-lead')!.textContent!;
    expect(lead).toBe(
      'Anda akan menyukai unggahan Budi Demo, yang terdaftar sebagai calon anggota DPR dalam Pemilu 2029. ' +
        'Bagi PPPK, tindakan ini dilarang oleh aturan netralitas dan dapat berujung hukuman disiplin hingga pemutusan hubungan perjanjian kerja.',
    );
    const text = rootOf(h).textContent!;
    expect(text).toContain('PP 49/2018 tentang Manajemen PPPK');
    expect(text).not.toMatch(/PP 94\/2021|PP 42\/2004|B\/71|PPNPN/);
    expect(Array.from(rootOf(h).querySelectorAll('[data-clause]')).map((e) => e.getAttribute('data-clause'))).toEqual([
      'skb-2022-medsos',
      'uu-20-2023-pasal-24-1-d',
    ]);
    expect(rootOf(h).querySelectorAll('[data-sanction]')).toHaveLength(1);
  });

  it('ppnpn: shows SE MenPANRB 01/2023 only, with the work-contract sanction', () => {
    const h = open({ law: lawFor({ action: 'follow', subject: match.subject, status: 'ppnpn' }), action: 'follow', relation: 'profile' });
    expect(Array.from(rootOf(h).querySelectorAll('[data-clause]')).map((e) => e.getAttribute('data-clause'))).toEqual(['se-menpanrb-01-2023']);
    const lead = q(h, '#jn-lead')!.textContent!;
    expect(lead).toContain('Anda akan mengikuti / bergabung dengan akun Budi Demo');
    expect(lead).toContain('Bagi PPNPN, tindakan ini dilarang oleh aturan netralitas dan dapat berujung sanksi bertingkat hingga pemutusan hubungan kerja sesuai perjanjian kerja.');
    expect(rootOf(h).textContent).not.toMatch(/PP 94\/2021|PP 42\/2004|PP 49\/2018|SKB 2022|UU 20\/2023/);
  });

  it('party account: the lead and the rules are hedged ("dapat dianggap"), never "dilarang"', () => {
    const subject = { ...match.subject, name: 'Partai Contoh', role: 'partai' as const };
    const h = open({ match: { ...match, subject }, action: 'like', law: lawFor({ action: 'like', subject, status: 'pns' }) });
    const lead = q(h, '#jn-lead')!.textContent!;
    expect(lead).toContain('yang terdaftar sebagai partai politik');
    expect(lead).toContain('Bagi PNS, tindakan ini dapat dianggap melanggar aturan netralitas');
    expect(lead).not.toContain('dilarang');
    expect(q(h, '#jn-law')!.textContent).toBe('Aturan netralitas yang dapat dianggap berlaku');
    expect(q(h, '[data-clause="skb-2022-medsos"] .hedged')!.textContent).toContain('terdaftar sebagai partai politik, jadi tindakan Anda dapat dianggap termasuk di dalamnya');
  });

  it('pilkada share cites SE B/71/2017 with its title and date, as a precedent', () => {
    const subject = { ...match.subject, role: 'bupati' as const, election: 'pilkada-2031' };
    const h = open({ match: { ...match, subject }, law: lawFor({ action: 'share', subject, status: 'pns' }) });
    const b71 = q(h, '[data-clause="se-menpanrb-b71-2017"]')!;
    expect(b71.textContent).toContain('Dikutip sebagai preseden');
    expect(b71.textContent).toContain('27 Desember 2017');
    expect(q(h, '[data-provenance="se-menpanrb-b71-2017"]')!.textContent).toContain(
      'tentang Pelaksanaan Netralitas bagi ASN pada Penyelenggaraan Pilkada Serentak 2018, Pileg 2019, Pilpres 2019',
    );
    h.close();
    const h2 = open({ law: lawFor({ action: 'share', subject: match.subject, status: 'pns' }) });
    expect(q(h2, '[data-clause="se-menpanrb-b71-2017"]')).toBeNull();
  });

  it('varies the headline with how often this account was warned about, and says how often', () => {
    const first = open({ action: 'like' });
    expect(q(first, '#jn-title')!.textContent).toBe('Tunggu sebentar — Budi Demo ada dalam daftar akun kampanye pemilu');
    expect(q(first, '[data-repeat]')).toBeNull();
    first.close();
    const second = open({ action: 'like', priorWarnings: 1 });
    expect(q(second, '#jn-title')!.textContent).toBe('Yakin ingin menyukai unggahan Budi Demo?');
    expect(q(second, '[data-repeat]')!.textContent).toBe('Ini peringatan ke-2 untuk akun ini dalam 7 hari terakhir.');
    second.close();
    const third = open({ action: 'like', priorWarnings: 2 });
    expect(q(third, '#jn-title')!.textContent).toBe('Sebelum melanjutkan: Budi Demo terdaftar sebagai calon anggota DPR');
    expect(q(third, '[data-repeat]')!.textContent).toContain('ke-3');
    third.close();
    const fourth = open({ action: 'like', priorWarnings: 3 });
    expect(q(fourth, '#jn-title')!.textContent).toBe('Tunggu sebentar — Budi Demo ada dalam daftar akun kampanye pemilu');
    expect(q(fourth, '[data-repeat]')!.textContent).toContain('ke-4');
  });

  it('puts the plain words, then Cancel and Proceed, before the legal basis', () => {
    const h = open();
    const order = ['#jn-title', '#jn-lead', '[data-account]', '[data-action="cancel"]', '[data-action="proceed"]', '[data-clause]', '[data-sanction]', 'details[data-section="full-basis"]'];
    const els = order.map((sel) => q(h, sel)!);
    for (let i = 1; i < els.length; i++) {
      expect(els[i - 1].compareDocumentPosition(els[i]) & Node.DOCUMENT_POSITION_FOLLOWING, `${order[i - 1]} before ${order[i]}`).toBeTruthy();
    }
  });

  it('focuses Cancel on open', () => {
    const h = open();
    const cancel = q(h, '[data-action="cancel"]')!;
    expect(active(h)).toBe(cancel);
    expect(cancel.textContent).toBe('Batalkan');
    expect(q(h, '[data-action="proceed"]')!.textContent).toBe('Tetap lanjutkan');
  });

  it('cancels on Escape', async () => {
    const h = open();
    key(active(h)!, 'Escape');
    await expect(h.result).resolves.toEqual({ decision: 'cancel' });
    expect(h.host.isConnected).toBe(false);
  });

  it('traps Tab and Shift+Tab inside the dialog', () => {
    const h = open({ proceedDelayMs: 0 });
    const dialog = q(h, '[role="dialog"]')!;
    const cancel = q(h, '[data-action="cancel"]')!;
    const proceed = q(h, '[data-action="proceed"]')!;
    const toggle = q(h, '[data-action="toggle-language"]')!;
    // Forward from Cancel: every stop is inside the dialog and the cycle comes back to Cancel.
    const seen: Element[] = [];
    for (let i = 0; i < 20 && seen.at(-1) !== cancel; i++) {
      key(active(h)!, 'Tab');
      expect(dialog.contains(active(h))).toBe(true);
      seen.push(active(h)!);
    }
    expect(seen.at(-1)).toBe(cancel);
    // Order: the decision first (Cancel, Proceed), then the help link, the collapsed full
    // basis, and round to the language toggle at the top.
    const summary = q(h, 'details[data-section="full-basis"] > summary')!;
    expect(seen).toEqual([proceed, q(h, 'a'), summary, toggle, cancel]);
    // The last stop wraps to the first, and Shift+Tab wraps back.
    summary.focus();
    key(summary, 'Tab');
    expect(active(h)).toBe(toggle);
    key(toggle, 'Tab', { shiftKey: true });
    expect(active(h)).toBe(summary);
    proceed.focus();
    key(proceed, 'Tab', { shiftKey: true });
    expect(active(h)).toBe(cancel);
    // Opening the full basis adds its contents' stops (none are links today) but keeps the trap.
    (summary.parentElement as HTMLDetailsElement).open = true;
    cancel.focus();
    for (let i = 0; i < 10; i++) {
      key(active(h)!, 'Tab');
      expect(dialog.contains(active(h))).toBe(true);
    }
  });

  it('cancel click resolves "cancel" and removes the host', async () => {
    const h = open();
    q(h, '[data-action="cancel"]')!.click();
    await expect(h.result).resolves.toEqual({ decision: 'cancel' });
    expect(document.querySelector('jaga-netral-warning')).toBeNull();
  });

  it('proceeds on an event the injected isTrusted accepts', async () => {
    const h = open({ isTrusted: () => true });
    q(h, '[data-action="proceed"]')!.click();
    await expect(h.result).resolves.toEqual({ decision: 'proceed' });
    expect(h.host.isConnected).toBe(false);
  });

  it('ignores a synthetic .click() or Enter on proceed with the default isTrusted', async () => {
    const h = open({ proceedDelayMs: 0 });
    const proceed = q<HTMLButtonElement>(h, '[data-action="proceed"]')!;
    expect(proceed.disabled).toBe(false);
    proceed.click();
    key(proceed, 'Enter');
    expect(await settled(h.result)).toBe(false);
    expect(h.host.isConnected).toBe(true);
  });

  it('keeps proceed disabled briefly after opening by default', async () => {
    vi.useFakeTimers();
    try {
      const h = open();
      const proceed = q<HTMLButtonElement>(h, '[data-action="proceed"]')!;
      expect(proceed.disabled).toBe(true);
      await vi.advanceTimersByTimeAsync(600);
      expect(q<HTMLButtonElement>(h, '[data-action="proceed"]')!.disabled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('block mode has no proceed button; cancel reads "Mengerti, batalkan"', async () => {
    const h = open({ mode: 'block', isTrusted: () => true });
    expect(q(h, '[data-action="proceed"]')).toBeNull();
    const cancel = q(h, '[data-action="cancel"]')!;
    expect(cancel.textContent).toBe('Mengerti, batalkan');
    expect(active(h)).toBe(cancel);
    expect(rootOf(h).querySelectorAll('button:not([data-action="toggle-language"])')).toHaveLength(1);
    cancel.click();
    await expect(h.result).resolves.toEqual({ decision: 'cancel' });
  });

  it('justify mode: proceed is disabled until a non-blank reason is typed, then returns it', async () => {
    const h = open({ mode: 'justify', isTrusted: () => true });
    const ta = q<HTMLTextAreaElement>(h, '[data-field="justification"]')!;
    expect(ta.tagName).toBe('TEXTAREA');
    const label = rootOf(h).querySelector(`label[for="${ta.id}"]`)!;
    expect(label.textContent).toContain('Alasan');
    const proceed = () => q<HTMLButtonElement>(h, '[data-action="proceed"]')!;
    expect(proceed().disabled).toBe(true);
    proceed().click();
    typeReason(h, '   ');
    await tick();
    expect(proceed().disabled).toBe(true);
    proceed().click();
    expect(await settled(h.result)).toBe(false);
    typeReason(h, ' Tugas pemantauan media dari atasan ');
    await tick();
    expect(proceed().disabled).toBe(false);
    proceed().click();
    await expect(h.result).resolves.toEqual({ decision: 'proceed', justification: 'Tugas pemantauan media dari atasan' });
  });

  it('keeps key, input and click events from inside the dialog away from the page', () => {
    const h = open({ mode: 'justify', isTrusted: () => true });
    const seen: string[] = [];
    const types = ['keydown', 'keyup', 'keypress', 'input', 'click', 'pointerdown'];
    const listener = (e: Event) => seen.push(e.type);
    for (const t of types) {
      document.addEventListener(t, listener);
      window.addEventListener(t, listener);
    }
    try {
      const ta = q(h, '[data-field="justification"]')!;
      for (const t of ['keydown', 'keyup', 'keypress']) {
        ta.dispatchEvent(new KeyboardEvent(t, { key: 'l', bubbles: true, composed: true }));
      }
      typeReason(h, 'l');
      q(h, '[data-action="toggle-language"]')!.click();
      ta.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      expect(seen).toEqual([]);
      expect(h.host.isConnected).toBe(true);
    } finally {
      for (const t of types) {
        document.removeEventListener(t, listener);
        window.removeEventListener(t, listener);
      }
    }
  });

  it('switches to English in place with the language toggle, and back', async () => {
    const h = open();
    const toggle = q(h, '[data-action="toggle-language"]')!;
    expect(toggle.textContent).toBe('English');
    toggle.click();
    await tick();
    expect(q(h, '[role="dialog"]')!.getAttribute('lang')).toBe('en');
    expect(q(h, '#jn-title')!.textContent).toBe('Wait a moment — Budi Demo is on the election campaign account list');
    expect(q(h, '#jn-lead')!.textContent).toContain('You are about to share / repost a post by Budi Demo, listed as a candidate for the DPR');
    expect(q(h, '[data-action="cancel"]')!.textContent).toBe('Cancel');
    expect(q(h, '[data-action="proceed"]')!.textContent).toBe('Go ahead anyway');
    expect(q(h, '[data-account]')!.textContent).toContain('Candidate for the DPR');
    // Clause texts stay verbatim Indonesian.
    expect(q(h, '[data-clause="skb-2022-medsos"] blockquote')!.textContent).toContain('Membuat posting');
    expect(q(h, '[data-clause="skb-2022-medsos"]')!.textContent).toContain('Applies to PNS and PPPK');
    expect(q(h, '[data-provenance="skb-2022-medsos"]')!.textContent).toContain('How sure we are of this text: high.');
    expect(q(h, '[data-action="toggle-language"]')).toBe(toggle); // same element: switched in place
    q(h, '[data-action="toggle-language"]')!.click();
    await tick();
    expect(q(h, '[data-action="cancel"]')!.textContent).toBe('Batalkan');
    expect(q(h, '[data-action="toggle-language"]')!.textContent).toBe('English');
  });

  it('links an http(s) helpUrl safely and shows the contact for reporting a wrong entry', () => {
    const h = open();
    const a = q<HTMLAnchorElement>(h, 'a')!;
    expect(a.getAttribute('href')).toBe('https://contoh.go.id/netral');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    const text = rootOf(h).textContent!;
    expect(text).toContain('BKD Kabupaten Contoh');
    expect(text).toContain('Jika menurut Anda akun ini salah dicantumkan, hubungi netralitas@contoh.go.id');
    expect(text).toContain('Keputusan ada di tangan Anda');
  });

  it('does not render a javascript: (or other non-http) helpUrl as a link', () => {
    for (const helpUrl of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', '/relative']) {
      const h = open({ organization: { name: 'Org', helpUrl } });
      expect(rootOf(h).querySelector('a')).toBeNull();
      expect(rootOf(h).querySelector('[href]')).toBeNull();
      expect(rootOf(h).textContent).not.toContain('javascript');
      h.close();
    }
  });

  it('falls back to a generic contact when the organisation gives none', () => {
    const h = open({ organization: {} });
    expect(rootOf(h).textContent).toContain('hubungi pengelola TI atau bagian kepegawaian di instansi Anda');
  });

  it('renders markup in list or page text as literal text', () => {
    const evil = '<img src=x onerror="globalThis.__pwned=1">';
    const h = open({
      shownAs: evil,
      match: { ...match, key: '@x', subject: { ...match.subject, name: evil, party: evil, source: evil } },
      organization: { name: evil, contact: evil },
      law: { ...lawFor({ action: 'like', subject: match.subject }), clauses: [{ ...lawFor({ action: 'like', subject: match.subject }).clauses[0], id: 'evil', text: evil, article: evil }] },
    });
    expect(rootOf(h).querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
    expect(q(h, '[data-account]')!.textContent).toContain(evil);
    expect(q(h, '[data-clause="evil"] blockquote')!.textContent).toBe(evil);
    expect((globalThis as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows one warning at a time: a second one cancels the first', async () => {
    const a = open();
    const b = open();
    await expect(a.result).resolves.toEqual({ decision: 'cancel' });
    expect(document.querySelectorAll('jaga-netral-warning')).toHaveLength(1);
    expect(b.host.isConnected).toBe(true);
  });

  it('returns focus to returnFocusTo on close, if it is still in the page', async () => {
    const btn = document.createElement('button');
    document.body.append(btn);
    const h = open({ returnFocusTo: btn });
    expect(document.activeElement).toBe(h.host);
    h.close();
    await expect(h.result).resolves.toEqual({ decision: 'cancel' });
    expect(document.activeElement).toBe(btn);

    const gone = document.createElement('button');
    const h2 = open({ returnFocusTo: gone });
    h2.close();
    await h2.result;
    expect(document.activeElement).not.toBe(gone);
  });

  it('makes the page inert while open and restores it after', async () => {
    const body = document.body as HTMLElement & { inert?: boolean };
    const h = open();
    // Applied once the warning's first frame is out (so Cancel's focus does not restyle the page).
    await vi.waitFor(() => expect(body.inert).toBe(true));
    h.close();
    await h.result;
    expect(body.inert).toBe(false);
  });

  it('resolves as cancel if the page removes the host', async () => {
    const h = open({ isTrusted: () => true });
    h.host.remove();
    await expect(h.result).resolves.toEqual({ decision: 'cancel' });
  });
});
