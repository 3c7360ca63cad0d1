import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { effectiveConfig } from '../../lib/policy/effective';
import type { EffectiveConfig, PolicyState } from '../../lib/policy/types';
import { KEYS } from '../../lib/storage/items';
import type { GuardEvent, ReportState, SourceStatus } from '../../lib/storage/items';
import { Popup } from '../../lib/ui/popup/Popup';
import { GUARDED_SITES } from '../../lib/sites/registry';

const T0 = Date.UTC(2029, 1, 10, 3, 4);

function config(over: Partial<EffectiveConfig> = {}): EffectiveConfig {
  return { ...effectiveConfig(undefined, undefined), ...over };
}

const healthy: SourceStatus = {
  url: 'https://lists.contoh.go.id/kandidat.json',
  version: 12,
  entries: 3456,
  syncedAt: T0,
  checkedAt: T0,
  error: '',
};

function event(i: number, over: Partial<GuardEvent> = {}): GuardEvent {
  return {
    at: T0 + i * 60_000,
    site: 'x',
    action: 'like',
    mode: 'warn',
    outcome: 'cancelled',
    entryId: `x:@calon_${i}`,
    name: `Calon Contoh ${i}`,
    listVersion: 12,
    clauseIds: [],
    ...over,
  };
}

let root: HTMLElement;

async function seed(values: Record<string, unknown>) {
  await fakeBrowser.storage.local.set(values);
}

function mount() {
  root = document.createElement('div');
  document.body.append(root);
  render(<Popup />, root);
}

const $ = (sel: string) => root.querySelector<HTMLElement>(sel);
const status = (name: string) => $(`[data-status="${name}"]`);
const text = () => root.textContent ?? '';

async function ready() {
  await vi.waitFor(() => expect(status('list-version')).not.toBeNull());
}

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

describe('popup', () => {
  it('shows the list in force, healthy, unmanaged, nothing reported', async () => {
    await seed({ [KEYS.config]: config(), [KEYS.sources]: [healthy], [KEYS.events]: [] });
    mount();
    await ready();
    expect(status('list-version')!.textContent).toBe('12');
    expect(status('list-entries')!.textContent).toBe('3456');
    expect(status('list-synced-at')!.textContent).toContain('2029');
    expect(status('list-synced-at')!.textContent).toMatch(/Feb/);
    expect(status('list-error')!.textContent).toBe('');
    expect(status('list-error')!.childNodes).toHaveLength(0);
    expect(status('managed')!.textContent).toBe('no');
    expect(status('reporting')!.textContent).toBe('off');
    expect(text()).toContain('Tidak ada data penjelajahan yang dikirim dari perangkat ini');
    expect(text()).not.toContain('Pelaporan aktif');
    expect(status('report-pending')).toBeNull();
    expect(text()).toContain('Peringatkan');
    expect($('h1')!.textContent).toBe('Jaga Netral');
  });

  it('lists each list version and totals the entries of several lists', async () => {
    const second: SourceStatus = { ...healthy, url: 'https://pemda.example/l.json', version: 7, entries: 44, syncedAt: T0 + 3_600_000 };
    await seed({ [KEYS.config]: config(), [KEYS.sources]: [healthy, second] });
    mount();
    await ready();
    expect(status('list-version')!.textContent).toBe('12, 7');
    expect(status('list-entries')!.textContent).toBe('3500');
    // the most recent of the two; the test machine's time zone decides the hour shown
    const shown = status('list-synced-at')!.textContent;
    expect(shown).toBe(new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short' }).format(T0 + 3_600_000));
  });

  it('names a failing source, its reason, and that the last good list stays', async () => {
    // no (known) errorCode: the stored sentence is shown as it is
    const failing: SourceStatus = { ...healthy, error: 'Tanda tangan daftar tidak valid', errorCode: 'from-a-newer-build' };
    await seed({ [KEYS.config]: config(), [KEYS.sources]: [failing] });
    mount();
    await ready();
    const err = status('list-error')!.textContent!;
    expect(err).toContain('Tanda tangan daftar tidak valid');
    expect(err).toContain('lists.contoh.go.id');
    expect(err).toContain('tetap berlaku');
    expect(status('list-version')!.textContent).toBe('12');
  });

  it('rebuilds a known error code in the page language', async () => {
    const failing: SourceStatus = {
      ...healthy,
      error: 'Tanda tangan daftar tidak valid — daftar ini mungkin diubah. Daftar lama tetap dipakai.',
      errorCode: 'bad-signature',
    };
    await seed({ [KEYS.config]: config({ locale: 'en' }), [KEYS.sources]: [failing] });
    mount();
    await ready();
    expect(status('list-error')!.textContent).toContain("The list's signature is not valid");
    expect(status('list-error')!.textContent).toContain('stays in use');
  });

  it('a source that never had a good list says so', async () => {
    await seed({
      [KEYS.config]: config(),
      [KEYS.sources]: [{ url: 'https://down.example/l.json', error: 'Server tidak dapat dihubungi' }],
    });
    mount();
    await ready();
    expect(status('list-error')!.textContent).toContain('Server tidak dapat dihubungi');
    expect(status('list-error')!.textContent).toContain('Belum ada daftar valid');
    expect(status('list-version')!.textContent).toBe('Belum ada daftar');
  });

  it('labels the bundled demo list as fictitious', async () => {
    await seed({
      [KEYS.config]: config(),
      [KEYS.sources]: [{ url: 'bundled:demo', version: 1, entries: 12, error: '' }],
    });
    mount();
    await ready();
    expect(status('list-version')!.textContent).toBe('1');
    expect(text()).toContain('Daftar contoh (fiktif)');
    expect(status('list-synced-at')!.textContent).toBe('belum pernah');
  });

  it('shows managed with the organisation ("Dikelola oleh …") and says whether anything is reported', async () => {
    const policy: PolicyState = {
      managed: true,
      policy: { organization: { name: 'Kementerian Contoh' }, lockUserSettings: true },
      notes: [],
      readAt: T0,
    };
    await seed({ [KEYS.config]: effectiveConfig(policy, undefined), [KEYS.policy]: policy, [KEYS.sources]: [healthy] });
    mount();
    await ready();
    expect(status('managed')!.textContent).toBe('yes');
    expect(text()).toContain('Dikelola oleh organisasi Anda: Kementerian Contoh');
    expect(status('reporting')!.textContent).toBe('off');
    expect(text()).toContain('Tidak ada data penjelajahan');
  });

  it('reporting on: says to whom, what is and is not sent, and how delivery goes; never the token', async () => {
    const policy: PolicyState = {
      managed: true,
      policy: {
        organization: { name: 'Kementerian Contoh' },
        reportUrl: 'https://audit.contoh.go.id:8443/jaga-netral',
        reportToken: 'rahasia-token-123',
      },
      notes: [],
      readAt: T0,
    };
    const report: ReportState = { target: 'x', pending: 7, attempts: 0, nextAttemptAt: 0, sent: 40, rejected: 0, lastSentAt: T0 };
    await seed({
      [KEYS.config]: effectiveConfig(policy, undefined),
      [KEYS.policy]: policy,
      [KEYS.sources]: [healthy],
      [KEYS.reportState]: report,
    });
    mount();
    await ready();
    expect(status('reporting')!.textContent).toBe('on');
    expect(text()).toContain(
      'Pelaporan aktif: tindakan Anda pada akun yang terdaftar dilaporkan ke Kementerian Contoh (audit.contoh.go.id:8443).',
    );
    expect(text()).toContain('Yang dikirim: tindakan');
    expect(text()).toContain('Tidak dikirim: alamat halaman, isi unggahan');
    expect(text()).not.toContain('Tidak ada data penjelajahan');
    expect(status('report-pending')!.textContent).toBe('7');
    expect(status('report-sent-at')!.textContent).toBe(
      new Intl.DateTimeFormat('id-ID', { dateStyle: 'medium', timeStyle: 'short' }).format(T0),
    );
    expect(status('report-error')!.textContent).toBe('');
    expect(root.innerHTML).not.toContain('rahasia-token-123');
  });

  it('reporting on: a refused delivery and dropped reports are shown, in English too', async () => {
    const policy: PolicyState = { managed: true, policy: { reportUrl: 'https://audit.contoh.go.id/e', locale: 'en' }, notes: [], readAt: T0 };
    const report: ReportState = {
      target: 'x', pending: 5000, attempts: 3, nextAttemptAt: T0 + 3_600_000, sent: 0, rejected: 0, errorCode: 'refused', errorDetail: 'HTTP 401',
    };
    await seed({
      [KEYS.config]: effectiveConfig(policy, undefined),
      [KEYS.policy]: policy,
      [KEYS.reportState]: report,
      [KEYS.reportDropped]: 12,
    });
    mount();
    await ready();
    expect(status('reporting')!.textContent).toBe('on');
    // no organisation name in policy
    expect(text()).toContain('Reporting is on: your actions on listed accounts are reported to your organisation (audit.contoh.go.id).');
    expect(status('report-pending')!.textContent).toBe('5000');
    expect(status('report-sent-at')!.textContent).toBe('never');
    expect(status('report-error')!.textContent).toContain('The reporting server refused the reports (HTTP 401)');
    expect(status('report-error')!.textContent).toContain("check 'reportUrl' and 'reportToken'");
    expect(text()).toContain('12 reports were dropped because the queue on this device was full');
  });

  it('says clearly when protection is off', async () => {
    await seed({ [KEYS.config]: config({ mode: 'off' }), [KEYS.sources]: [healthy] });
    mount();
    await ready();
    expect($('[data-mode]')!.textContent).toBe('Nonaktif');
    expect(text()).toContain('tidak ada tindakan yang diperingatkan');
  });

  it('lists only guarded sites that the config keeps', async () => {
    // Facebook is guarded but not kept; of the kept platforms, only those with an adapter show.
    const kept = ['x', 'instagram', 'tiktok', 'youtube', 'threads'] as const;
    await seed({ [KEYS.config]: config({ sites: [...kept] }), [KEYS.sources]: [healthy] });
    mount();
    await ready();
    const sites = [...root.querySelectorAll('[data-site]')].map((e) => e.getAttribute('data-site'));
    expect(sites).toEqual(GUARDED_SITES.filter((s) => (kept as readonly string[]).includes(s)));
    expect(sites).toContain('x');
    expect(sites).not.toContain('facebook');
    expect(text()).toContain('X (Twitter)');
    expect(text()).not.toContain('Facebook');
  });

  it('lists the ten most recent warnings with action, name and outcome', async () => {
    const events = Array.from({ length: 12 }, (_, i) => event(i));
    events[11] = event(11, { action: 'share', outcome: 'proceeded', name: 'Paslon Terakhir' });
    await seed({ [KEYS.config]: config(), [KEYS.sources]: [healthy], [KEYS.events]: events });
    mount();
    await ready();
    const items = [...root.querySelectorAll('[data-status="recent-events"] li')];
    expect(items).toHaveLength(10);
    expect(items[0].textContent).toContain('Paslon Terakhir');
    expect(items[0].textContent).toContain('Bagikan');
    expect(items[0].textContent).toContain('Tetap dilanjutkan');
    expect(items[1].textContent).toContain('Calon Contoh 10');
    expect(items[1].textContent).toContain('Suka');
    expect(items[1].textContent).toContain('Dibatalkan');
    expect(text()).not.toContain('Calon Contoh 1 ');
    expect(text()).not.toContain('Calon Contoh 0');
  });

  it('copes with a fresh install (nothing stored yet)', async () => {
    mount();
    await ready();
    expect(status('list-version')!.textContent).toBe('Belum ada daftar');
    expect(status('list-entries')!.textContent).toBe('0');
    expect(status('list-error')!.textContent).toBe('');
    expect(status('managed')!.textContent).toBe('no');
    expect(text()).toContain('Belum ada peringatan');
  });

  it('uses English when the config says so', async () => {
    await seed({ [KEYS.config]: config({ locale: 'en' }), [KEYS.sources]: [healthy] });
    mount();
    await ready();
    expect(text()).toContain('Synchronise now');
    expect(text()).toContain('No browsing data is sent from this device');
  });

  it('syncs on request with a busy state, then shows the new data', async () => {
    await seed({ [KEYS.config]: config(), [KEYS.sources]: [healthy] });
    let release!: () => void;
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener(async (msg: unknown) => {
      received.push(msg);
      await new Promise<void>((r) => (release = r));
      await fakeBrowser.storage.local.set({ [KEYS.sources]: [{ ...healthy, version: 13 }] });
      return { sources: [] };
    });
    mount();
    await ready();
    const button = $('[data-action="sync"]') as HTMLButtonElement;
    expect(button.textContent).toBe('Sinkronkan sekarang');
    button.click();
    await vi.waitFor(() => expect(button.disabled).toBe(true));
    expect(button.textContent).toBe('Menyinkronkan…');
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(received).toEqual([{ type: 'lists.sync', payload: {} }]);
    release();
    await vi.waitFor(() => expect(button.disabled).toBe(false));
    await vi.waitFor(() => expect(status('list-version')!.textContent).toBe('13'));
  });

  it('says so when the background does not answer', async () => {
    await seed({ [KEYS.config]: config(), [KEYS.sources]: [healthy] });
    mount();
    await ready();
    ($('[data-action="sync"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(text()).toContain('Sinkronisasi tidak dapat dijalankan'));
  });

  it('updates live when storage changes', async () => {
    await seed({ [KEYS.config]: config(), [KEYS.sources]: [healthy] });
    mount();
    await ready();
    await fakeBrowser.storage.local.set({ [KEYS.sources]: [{ ...healthy, error: 'Jaringan putus' }] });
    await vi.waitFor(() => expect(status('list-error')!.textContent).toContain('Jaringan putus'));
  });

  it('opens the options page through the API when there is one', async () => {
    await seed({ [KEYS.config]: config() });
    const open = vi.spyOn(fakeBrowser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    mount();
    await ready();
    const link = root.querySelector('footer a') as HTMLAnchorElement;
    expect(link.textContent).toBe('Pengaturan');
    link.click();
    expect(open).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(close).toHaveBeenCalled());
  });

  it('never renders stored text as HTML', async () => {
    await seed({
      [KEYS.config]: config(),
      [KEYS.sources]: [{ ...healthy, error: '<img src=x onerror=alert(1)>' }],
      [KEYS.events]: [event(1, { name: '<b>bold</b>' })],
    });
    mount();
    await ready();
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
    expect(text()).toContain('<b>bold</b>');
  });
});
