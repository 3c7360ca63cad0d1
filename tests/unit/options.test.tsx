import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { effectiveConfig } from '../../lib/policy/effective';
import type { Policy, PolicyState, UserSettings } from '../../lib/policy/types';
import { validatePolicy } from '../../lib/policy/validate';
import { KEYS } from '../../lib/storage/items';
import type { GuardEvent, SourceStatus } from '../../lib/storage/items';
import { Options, originCovered } from '../../lib/ui/options/Options';

const T0 = Date.UTC(2029, 1, 10, 3, 4);
const KEY = `ed25519:${Buffer.alloc(32, 9).toString('base64')}`;

let root: HTMLElement;

function policyState(raw: Record<string, unknown>): PolicyState {
  const { policy, notes } = validatePolicy(raw);
  return { managed: Object.keys(raw).length > 0, policy, notes, readAt: T0 };
}

async function seed(policy: PolicyState | undefined, user: UserSettings = {}, extra: Record<string, unknown> = {}) {
  await fakeBrowser.storage.local.set({
    ...(policy ? { [KEYS.policy]: policy } : {}),
    [KEYS.user]: user,
    [KEYS.config]: effectiveConfig(policy, user),
    ...extra,
  });
}

async function mount() {
  root = document.createElement('div');
  document.body.append(root);
  render(<Options />, root);
  await vi.waitFor(() => expect(root.querySelector('form')).not.toBeNull());
}

const $ = <E extends Element = HTMLElement>(sel: string) => root.querySelector<E>(sel)!;
const field = (name: string) => $(`[data-field="${name}"]`);
const text = () => root.textContent ?? '';

/** Disabled itself or through a disabled fieldset. */
function isDisabled(el: Element): boolean {
  return (el as HTMLInputElement).disabled || !!el.closest('fieldset[disabled]');
}

function type(el: HTMLTextAreaElement | HTMLInputElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

function submit() {
  $<HTMLFormElement>('form').dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

async function storedUser(): Promise<UserSettings | undefined> {
  return (await fakeBrowser.storage.local.get(KEYS.user))[KEYS.user] as UserSettings | undefined;
}

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

describe('options: policy', () => {
  const lockedPolicy: Policy & Record<string, unknown> = {
    listUrls: ['https://lists.contoh.go.id/k.json'],
    listPublicKeys: [KEY],
    mode: 'block',
    organization: { name: 'Kementerian Contoh' },
    lockUserSettings: true,
  };

  it('disables what a locked policy sets, with "Diatur oleh organisasi Anda", and shows its values', async () => {
    await seed(policyState(lockedPolicy));
    await mount();
    const urls = $<HTMLTextAreaElement>('#jn-listUrls');
    expect(urls.value).toBe('https://lists.contoh.go.id/k.json');
    expect(isDisabled(urls)).toBe(true);
    expect(isDisabled($('#jn-listPublicKeys'))).toBe(true);
    expect(isDisabled($('input[name="mode"][value="warn"]'))).toBe(true);
    expect($<HTMLInputElement>('input[name="mode"][value="block"]').checked).toBe(true);
    for (const k of ['listUrls', 'listPublicKeys', 'mode']) {
      expect(field(k).textContent).toContain('Diatur oleh organisasi Anda');
    }
    // a locked config keeps the user from removing guarded sites
    expect(isDisabled($('input[name="sites"][value="x"]'))).toBe(true);
    // what the policy leaves alone stays editable
    expect(isDisabled($('#jn-syncIntervalMinutes'))).toBe(false);
    expect(field('syncIntervalMinutes').textContent).not.toContain('Diatur oleh organisasi Anda');
    expect(isDisabled($('#jn-locale'))).toBe(false);
    expect(text()).toContain('Kementerian Contoh');
    expect($('[data-status="managed"]').textContent).toBe('yes');
  });

  it('says "Set by your organisation" in English', async () => {
    await seed(policyState({ ...lockedPolicy, locale: 'en' }));
    await mount();
    expect(field('listUrls').textContent).toContain('Set by your organisation');
  });

  it('under lock the user cannot choose "off" even where the policy sets no mode', async () => {
    await seed(policyState({ lockUserSettings: true }));
    await mount();
    expect(isDisabled($('input[name="mode"][value="off"]'))).toBe(true);
    expect(isDisabled($('input[name="mode"][value="audit"]'))).toBe(false);
    expect($<HTMLOptionElement>('#jn-actionModes-like option[value="off"]').disabled).toBe(true);
  });

  it('leaves everything editable when the policy does not lock', async () => {
    await seed(policyState({ listUrls: ['https://lists.contoh.go.id/k.json'], mode: 'block' }));
    await mount();
    const urls = $<HTMLTextAreaElement>('#jn-listUrls');
    expect(urls.value).toBe('https://lists.contoh.go.id/k.json');
    expect(isDisabled(urls)).toBe(false);
    expect(isDisabled($('input[name="mode"][value="off"]'))).toBe(false);
    expect(isDisabled($('input[name="sites"][value="x"]'))).toBe(false);
    expect(text()).not.toContain('Diatur oleh organisasi Anda');
    expect(field('listUrls').textContent).toContain('Nilai awal dari organisasi Anda');
  });

  it('lists policy notes under "Catatan kebijakan"', async () => {
    await seed(policyState({ mode: 'loud', listUrl: 'x', sites: ['x'] }));
    await mount();
    const notes = root.querySelector('[data-status="policy-notes"]')!;
    expect(text()).toContain('Catatan kebijakan');
    expect(notes.textContent).toContain("Nilai 'mode' tidak dikenal ('loud'); diabaikan.");
    expect(notes.textContent).toContain('bukan kunci kebijakan Jaga Netral');
    expect(notes.querySelectorAll('li')).toHaveLength(2);
  });

  it('shows policy notes in English when the locale is English', async () => {
    await seed(policyState({ mode: 'loud', locale: 'en' }));
    await mount();
    expect(text()).toContain('Policy notes');
    expect(text()).toContain("Unknown value for 'mode' ('loud'); ignored.");
  });

  it('has no notes section without notes', async () => {
    await seed(undefined);
    await mount();
    expect(text()).not.toContain('Catatan kebijakan');
    expect($('[data-status="managed"]').textContent).toBe('no');
  });
});

describe('options: saving', () => {
  it('a bad URL prevents saving, with a message naming the line', async () => {
    await seed(undefined, { mode: 'justify' });
    await mount();
    type($('#jn-listUrls'), 'https://ok.example/l.json\nftp://bad.example/l.json');
    submit();
    await vi.waitFor(() => expect($('[data-error="listUrls"]')).not.toBeNull());
    expect($('[data-error="listUrls"]').textContent).toContain('Baris 2');
    expect($('[data-error="listUrls"]').textContent).toContain('ftp://bad.example/l.json');
    expect($('#jn-listUrls').getAttribute('aria-invalid')).toBe('true');
    expect($('[data-status="save"]').textContent).toContain('Belum disimpan');
    expect(await storedUser()).toEqual({ mode: 'justify' });
  });

  it('a bad public key or interval prevents saving', async () => {
    await seed(undefined);
    await mount();
    type($('#jn-listPublicKeys'), 'ed25519:tooshort');
    type($('#jn-syncIntervalMinutes'), '2');
    submit();
    await vi.waitFor(() => expect($('[data-error="listPublicKeys"]')).not.toBeNull());
    expect($('[data-error="syncIntervalMinutes"]').textContent).toContain('5–10080');
    expect(await storedUser()).toEqual({});
  });

  it('a good save writes jn.user with only what differs from the defaults', async () => {
    await seed(undefined);
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    await mount();
    type($('#jn-listUrls'), '  https://lists.contoh.go.id/k.json  \n\n');
    type($('#jn-listPublicKeys'), KEY);
    type($('#jn-syncIntervalMinutes'), '30');
    $<HTMLInputElement>('input[name="mode"][value="justify"]').click();
    const share = $<HTMLSelectElement>('#jn-actionModes-share');
    share.value = 'block';
    share.dispatchEvent(new Event('change', { bubbles: true }));
    $<HTMLInputElement>('input[name="sites"][value="facebook"]').click();
    submit();
    await vi.waitFor(async () => expect(await storedUser()).toEqual({
      listUrls: ['https://lists.contoh.go.id/k.json'],
      listPublicKeys: [KEY],
      syncIntervalMinutes: 30,
      mode: 'justify',
      actionModes: { share: 'block' },
      sites: ['x', 'instagram', 'tiktok', 'youtube', 'threads'],
    }));
    expect(request).toHaveBeenCalledWith({ origins: ['https://lists.contoh.go.id/*'] });
    await vi.waitFor(() => expect($('[data-status="save"]').textContent).toContain('Pengaturan disimpan'));
  });

  it('does not ask for a permission it already has, and says CORS is needed when refused', async () => {
    await seed(undefined);
    vi.spyOn(fakeBrowser.permissions, 'getAll').mockResolvedValue({ origins: ['https://granted.example/*'], permissions: [] });
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    await mount();
    type($('#jn-listUrls'), 'https://granted.example/a.json');
    await new Promise((r) => setTimeout(r, 0));
    submit();
    await vi.waitFor(async () => expect((await storedUser())?.listUrls).toEqual(['https://granted.example/a.json']));
    expect(request).not.toHaveBeenCalled();

    type($('#jn-listUrls'), 'https://granted.example/a.json\nhttp://other.example:8080/b.json');
    submit();
    await vi.waitFor(() => expect($('[data-status="save"]').textContent).toContain('CORS'));
    expect(request).toHaveBeenCalledWith({ origins: ['http://other.example:8080/*'] });
    // refused permission does not stop the save
    expect((await storedUser())?.listUrls).toHaveLength(2);
  });

  it('saves even where the permissions API is missing (fake browser throws)', async () => {
    await seed(undefined);
    await mount();
    type($('#jn-listUrls'), 'https://a.example/l.json');
    submit();
    await vi.waitFor(async () => expect((await storedUser())?.listUrls).toEqual(['https://a.example/l.json']));
    await vi.waitFor(() => expect($('[data-status="save"]').textContent).toContain('CORS'));
  });

  it('under lock saves only the keys the user may set, and keeps earlier values of locked keys', async () => {
    const p = policyState({ mode: 'block', listUrls: ['https://org.example/l.json'], lockUserSettings: 'true' });
    await seed(p, { listUrls: ['https://mine.example/l.json'] });
    await mount();
    type($('#jn-syncIntervalMinutes'), '120');
    submit();
    await vi.waitFor(async () =>
      expect(await storedUser()).toEqual({ listUrls: ['https://mine.example/l.json'], syncIntervalMinutes: 120 }),
    );
  });

  it('unlocked: leaving the organisation’s value as it is stores nothing for it', async () => {
    await seed(policyState({ mode: 'block' }));
    await mount();
    expect($<HTMLInputElement>('input[name="mode"][value="block"]').checked).toBe(true);
    $<HTMLInputElement>('input[name="mode"][value="off"]').click();
    submit();
    await vi.waitFor(async () => expect(await storedUser()).toEqual({ mode: 'off' }));
    await vi.waitFor(() => expect($<HTMLInputElement>('input[name="mode"][value="off"]').checked).toBe(true));
    $<HTMLInputElement>('input[name="mode"][value="block"]').click();
    submit();
    await vi.waitFor(async () => expect(await storedUser()).toEqual({}));
  });
});

describe('options: employment status', () => {
  function choose(value: string) {
    const sel = $<HTMLSelectElement>('#jn-employeeStatus');
    sel.value = value;
    sel.dispatchEvent(new Event('change', { bubbles: true }));
  }

  it('offers the four statuses, "Campuran atau tidak diketahui" by default, with a line on why it matters', async () => {
    await seed(undefined);
    await mount();
    const f = field('employeeStatus');
    expect(f.querySelector('label')!.textContent).toBe('Status kepegawaian');
    const options = [...f.querySelectorAll('option')].map((o) => [o.value, o.textContent]);
    expect(options).toEqual([
      ['pns', 'PNS'],
      ['pppk', 'PPPK'],
      ['ppnpn', 'PPNPN (pegawai pemerintah non-ASN)'],
      ['mixed', 'Campuran atau tidak diketahui'],
    ]);
    const sel = $<HTMLSelectElement>('#jn-employeeStatus');
    expect(sel.value).toBe('mixed');
    expect(isDisabled(sel)).toBe(false);
    expect($('#jn-employeeStatus-help').textContent).toContain('peringatan hanya menampilkan aturan');
    expect(sel.getAttribute('aria-describedby')).toBe('jn-employeeStatus-help');
  });

  it('saves the chosen status as the user setting, and nothing once it is back to the default', async () => {
    await seed(undefined, { mode: 'justify' });
    await mount();
    choose('pppk');
    submit();
    await vi.waitFor(async () => expect(await storedUser()).toEqual({ mode: 'justify', employeeStatus: 'pppk' }));
    await vi.waitFor(() => expect($<HTMLSelectElement>('#jn-employeeStatus').value).toBe('pppk'));
    choose('mixed');
    submit();
    await vi.waitFor(async () => expect(await storedUser()).toEqual({ mode: 'justify' }));
  });

  it('shows the organisation’s status as a starting value the user may change when not locked', async () => {
    await seed(policyState({ employeeStatus: 'pns' }));
    await mount();
    const sel = $<HTMLSelectElement>('#jn-employeeStatus');
    expect(sel.value).toBe('pns');
    expect(isDisabled(sel)).toBe(false);
    expect(field('employeeStatus').textContent).toContain('Nilai awal dari organisasi Anda');
    choose('ppnpn');
    submit();
    await vi.waitFor(async () => expect(await storedUser()).toEqual({ employeeStatus: 'ppnpn' }));
  });

  it('is locked, "Diatur oleh organisasi Anda", when the policy sets it and locks', async () => {
    await seed(policyState({ employeeStatus: 'ppnpn', lockUserSettings: true }), { employeeStatus: 'pns' });
    await mount();
    const sel = $<HTMLSelectElement>('#jn-employeeStatus');
    expect(sel.value).toBe('ppnpn');
    expect(isDisabled(sel)).toBe(true);
    expect(field('employeeStatus').textContent).toContain('Diatur oleh organisasi Anda');
    expect($('[data-locked="employeeStatus"]')).not.toBeNull();
    expect(sel.getAttribute('aria-describedby')).toBe('jn-employeeStatus-help jn-employeeStatus-lock');
    // saving something else keeps the user's earlier (overridden) value as it was
    type($('#jn-syncIntervalMinutes'), '90');
    submit();
    await vi.waitFor(async () => expect(await storedUser()).toEqual({ employeeStatus: 'pns', syncIntervalMinutes: 90 }));
  });

  it('a lock without a status from policy leaves it to the user', async () => {
    await seed(policyState({ mode: 'block', lockUserSettings: true }));
    await mount();
    expect(isDisabled($('#jn-employeeStatus'))).toBe(false);
    expect(field('employeeStatus').textContent).not.toContain('Diatur oleh organisasi Anda');
  });

  it('speaks English when the locale is English', async () => {
    await seed(policyState({ locale: 'en', employeeStatus: 'pppk', lockUserSettings: true }));
    await mount();
    expect(field('employeeStatus').querySelector('label')!.textContent).toBe('Employment status');
    expect($('#jn-employeeStatus option[value="ppnpn"]').textContent).toBe('PPNPN (non-ASN government staff)');
    expect(field('employeeStatus').textContent).toContain('Set by your organisation');
  });
});

describe('options: sources, record, privacy', () => {
  const sources: SourceStatus[] = [
    { url: 'https://lists.contoh.go.id/k.json', version: 12, entries: 3456, syncedAt: T0, checkedAt: T0, error: '', issuer: 'KPU Contoh' },
    { url: 'https://down.example/l.json', error: 'Server tidak dapat dihubungi', checkedAt: T0 },
    { url: 'bundled:demo', version: 1, entries: 12, error: '' },
  ];
  const events: GuardEvent[] = [
    { at: T0, site: 'x', action: 'like', mode: 'justify', outcome: 'proceeded', entryId: 'x:@calon_a', name: 'Calon A', listVersion: 12, clauseIds: [], justification: 'Tugas kehumasan' },
    { at: T0 + 1000, site: 'facebook', action: 'follow', mode: 'warn', outcome: 'cancelled', entryId: 'facebook:@calon_b', name: 'Calon B', listVersion: 12, clauseIds: [] },
  ];

  it('shows each source in detail', async () => {
    await seed(undefined, {}, { [KEYS.sources]: sources });
    await mount();
    const rows = [...root.querySelectorAll('[data-status="sources"] tbody tr')];
    expect(rows).toHaveLength(3);
    expect(rows[0].textContent).toContain('https://lists.contoh.go.id/k.json');
    expect(rows[0].textContent).toContain('12');
    expect(rows[0].textContent).toContain('3456');
    expect(rows[0].textContent).toContain('2029');
    expect(rows[0].textContent).toContain('Baik');
    expect(rows[1].textContent).toContain('Server tidak dapat dihubungi');
    expect(rows[2].textContent).toContain('Daftar contoh (fiktif)');
  });

  it('shows the whole warning record and clears it', async () => {
    await seed(undefined, {}, { [KEYS.events]: events });
    fakeBrowser.runtime.onMessage.addListener(async (msg: unknown) => {
      if ((msg as { type: string }).type === 'events.clear') {
        await fakeBrowser.storage.local.set({ [KEYS.events]: [] });
        return { ok: true };
      }
    });
    await mount();
    const rows = [...root.querySelectorAll('[data-status="events"] tbody tr')];
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Calon B'); // newest first
    expect(rows[0].textContent).toContain('Ikuti / gabung');
    expect(rows[1].textContent).toContain('Tugas kehumasan');
    expect(rows[1].textContent).toContain('Tetap dilanjutkan');
    const clear = $<HTMLButtonElement>('[data-action="clear-events"]');
    expect(clear.textContent).toBe('Hapus riwayat');
    clear.click();
    await vi.waitFor(() => expect(root.querySelector('[data-status="events"]')).toBeNull());
    expect(text()).toContain('Riwayat dihapus');
  });

  it('states what leaves the device, with reporting off and on, and never shows the token', async () => {
    await seed(undefined);
    await mount();
    expect(text()).toContain('Privasi');
    expect(text()).toContain('Yang keluar dari perangkat ini hanyalah permintaan unduhan daftar akun');
    expect(text()).toContain('Pelaporan audit tidak aktif');
    expect($('[data-status="reporting"]').textContent).toBe('off');
    expect(text()).toContain('Catatan ini hanya disimpan di perangkat ini.');

    render(null, root);
    root.remove();
    fakeBrowser.reset();
    await seed(
      policyState({
        reportUrl: 'https://audit.contoh.go.id/e',
        reportToken: 'rahasia-token-123',
        organization: { name: 'BKPSDM Kabupaten Contoh' },
      }),
      {},
      {
        [KEYS.events]: [],
        [KEYS.reportState]: { target: 'x', pending: 3, attempts: 2, nextAttemptAt: T0, sent: 9, rejected: 0, lastSentAt: T0, errorCode: 'network', errorDetail: 'fetch failed' },
      },
    );
    await mount();
    expect($('[data-status="reporting"]').textContent).toBe('on');
    // the statement that only lists leave the device would now be false: it is replaced
    expect(text()).not.toContain('hanyalah permintaan unduhan daftar akun');
    expect(text()).toContain('laporan tindakan Anda pada akun yang terdaftar ke audit.contoh.go.id');
    expect(text()).toContain('Riwayat penjelajahan dan isi halaman tidak pernah dikirim');
    expect(text()).toContain('dilaporkan ke BKPSDM Kabupaten Contoh (audit.contoh.go.id)');
    expect(text()).not.toContain('Catatan ini hanya disimpan di perangkat ini.');
    expect(text()).toContain('Karena pelaporan aktif, tindakan yang sama juga dilaporkan ke organisasi Anda');
    expect($('[data-status="report-pending"]').textContent).toBe('3');
    expect($('[data-status="report-error"]').textContent).toContain('Server pelaporan tidak dapat dihubungi (fetch failed)');
    // a valid policy: no notes (v1's "not active" note is gone)
    expect(root.querySelector('[data-status="policy-notes"]')).toBeNull();
    expect(root.innerHTML).not.toContain('rahasia-token-123');
  });
});

describe('originCovered', () => {
  it('matches host permission patterns', () => {
    expect(originCovered('https://a.example', ['https://*/*'])).toBe(true);
    expect(originCovered('http://a.example', ['https://*/*'])).toBe(false);
    expect(originCovered('http://a.example:8080', ['*://a.example/*'])).toBe(true);
    expect(originCovered('https://x.a.example', ['https://*.a.example/*'])).toBe(true);
    expect(originCovered('https://b.example', ['https://a.example/*'])).toBe(false);
    expect(originCovered('https://b.example', ['<all_urls>'])).toBe(true);
  });
});
