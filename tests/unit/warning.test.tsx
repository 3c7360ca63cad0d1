import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Match } from '../../lib/model';
import { clausesFor } from '../../lib/clauses';
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
    clauses: clausesFor('share'),
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
    expect(title.textContent).toContain('Tunggu sebentar');
    expect(title.textContent).toContain('peserta atau tim kampanye pemilu');
    // aria-describedby is a list of ids: the description is their text together.
    const ids = d.getAttribute('aria-describedby')!.split(/\s+/);
    const desc = ids.map((id) => rootOf(h).getElementById(id)!.textContent).join(' ');
    expect(desc).toContain('membagikan / memposting ulang');
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
    expect(q(h, '#jn-title')!.textContent).toContain('unggahan ini berasal dari akun');
  });

  it('renders one [data-clause] per clause, the first in full and the rest folded', () => {
    const clauses = clausesFor('share');
    const h = open({ clauses });
    const els = Array.from(rootOf(h).querySelectorAll('[data-clause]'));
    expect(els.map((e) => e.getAttribute('data-clause'))).toEqual(clauses.map((c) => c.id));
    expect(els[0].closest('details')).toBeNull();
    for (const e of els.slice(1)) expect(e.closest('details')!.querySelector('summary')!.textContent).toContain('Dasar hukum lainnya');
    const first = els[0].textContent!;
    expect(first).toContain('1447.1');
    expect(first).toContain('Lampiran II');
    expect(first).toContain('bergabung/follow dalam grup/akun pemenangan');
    expect(first).toContain('Sumber: VS · keyakinan: tinggi');
  });

  it('states the sanction carefully and never threatens prison', () => {
    const h = open();
    const text = rootOf(h).textContent!;
    expect(text).toContain('dapat dikenai sanksi pelanggaran kode etik (sanksi moral) dan/atau hukuman disiplin hingga tingkat berat');
    expect(text).not.toMatch(/penjara|pidana/i);
    expect(rootOf(h).querySelectorAll('[data-sanction-basis]')).toHaveLength(2);
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
    expect(seen[0]).toBe(proceed);
    expect(seen[1]).toBe(toggle);
    expect(seen).toContain(q(h, 'a'));
    expect(seen.filter((e) => e.tagName === 'SUMMARY')).toHaveLength(3); // full title, more clauses, sanction basis
    // The last stop wraps to the first, and Shift+Tab wraps back.
    proceed.focus();
    key(proceed, 'Tab');
    expect(active(h)).toBe(toggle);
    key(toggle, 'Tab', { shiftKey: true });
    expect(active(h)).toBe(proceed);
    key(proceed, 'Tab', { shiftKey: true });
    expect(active(h)).toBe(cancel);
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
    expect(q(h, '#jn-title')!.textContent).toContain('Wait a moment');
    expect(q(h, '[data-action="cancel"]')!.textContent).toBe('Cancel');
    expect(q(h, '[data-action="proceed"]')!.textContent).toBe('Go ahead anyway');
    expect(q(h, '[data-account]')!.textContent).toContain('Candidate for the DPR');
    // Clause texts stay verbatim Indonesian.
    expect(q(h, '[data-clause="skb-2022-medsos"] blockquote')!.textContent).toContain('Membuat posting');
    expect(q(h, '[data-clause="skb-2022-medsos"]')!.textContent).toContain('Source: VS · confidence: high');
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
      clauses: [{ ...clausesFor('like')[0], id: 'evil', text: evil, article: evil }],
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
