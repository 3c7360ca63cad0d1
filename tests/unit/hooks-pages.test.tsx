/**
 * Detection health and hooks updates as the popup and the options page show them
 * (lib/ui/pages/Hooks.tsx): per guarded site `[data-status="hooks-<site>"]` with
 * `data-health` = `ok` / `degraded: <hook>` / `unknown`, plain words with the token, the
 * hooks version in force and its source, and a refused update's reason under
 * `[data-status="hooks-error"]`. Live on storage changes; text only, never markup.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { HooksInForce, SiteHealth, SiteHooks } from '../../lib/hooks/types';
import { effectiveConfig } from '../../lib/policy/effective';
import type { EffectiveConfig, PolicyState } from '../../lib/policy/types';
import { validatePolicy } from '../../lib/policy/validate';
import { KEYS, type HooksSourceStatus } from '../../lib/storage/items';
import { Options } from '../../lib/ui/options/Options';
import { Popup } from '../../lib/ui/popup/Popup';
import { GUARDED_SITES } from '../../lib/sites/registry';

const T0 = Date.UTC(2029, 1, 10, 3, 4);
const KEY = `ed25519:${Buffer.alloc(32, 9).toString('base64')}`;
const HOOKS_URL = 'https://daftar.contoh.go.id/jaga-netral/hooks.json';

const okX: SiteHealth = { site: 'x', status: 'ok', hooksVersion: 3, at: T0 };
const degradedFb: SiteHealth = { site: 'facebook', status: 'degraded', hook: 'like', hooksVersion: 7, at: T0 };
const fbUpdate: HooksInForce = {
  source: HOOKS_URL,
  hooks: { site: 'facebook', hooksVersion: 7, minEngine: 1, selectors: { post: { css: ['article'] } }, labels: {}, paths: {}, shortcuts: {}, thresholds: {} } as SiteHooks,
};
const olderRefused: HooksSourceStatus = {
  url: HOOKS_URL,
  hooksVersion: 7,
  sites: ['facebook'],
  checkedAt: T0,
  syncedAt: T0,
  error: 'Versi pembaruan data situs (5) lebih lama dari yang sudah dipakai (7); ditolak. Data situs yang sudah ada tetap dipakai.',
  errorCode: 'older',
  errorDetail: '5 < 7',
};

function managedPolicy(raw: Record<string, unknown>): PolicyState {
  const { policy, notes } = validatePolicy(raw);
  return { managed: true, policy, notes, readAt: T0 };
}

let root: HTMLElement;
const $ = (sel: string) => root.querySelector<HTMLElement>(sel);
const line = (site: string) => $(`[data-status="hooks-${site}"]`);

async function seed(values: Record<string, unknown>, config: EffectiveConfig = effectiveConfig(undefined, undefined)) {
  await fakeBrowser.storage.local.set({ [KEYS.config]: config, ...values });
}

async function mount(page: 'popup' | 'options') {
  root = document.createElement('div');
  document.body.append(root);
  render(page === 'popup' ? <Popup /> : <Options />, root);
  await vi.waitFor(() => expect(line('x')).not.toBeNull());
}

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.restoreAllMocks();
});

describe.each(['popup', 'options'] as const)('%s: detection health per site', (page) => {
  it('ok and degraded, in Indonesian, with the token, the version in force and its source', async () => {
    await seed({ [KEYS.health]: { x: okX, facebook: degradedFb }, [KEYS.hooks('facebook')]: fbUpdate });
    await mount(page);

    const x = line('x')!;
    expect(x.getAttribute('data-health')).toBe('ok');
    expect(x.textContent).toBe('X (Twitter): berfungsi (ok) · data situs versi 3 (bawaan)');

    const fb = line('facebook')!;
    expect(fb.getAttribute('data-health')).toBe('degraded: like');
    expect(fb.textContent).toBe(
      `Facebook: terganggu (degraded: like) — tombol untuk aksi ini tidak lagi dikenali, jadi peringatan bisa tidak muncul. Beri tahu TI instansi Anda. · data situs versi 7 dari ${HOOKS_URL}`,
    );
    expect(fb.className).toContain('jn-health-degraded');
    expect($('[data-status="hooks-error"]')!.textContent).toBe('');
    // Only the sites of this release (the registry’s), each once.
    const lines = [...document.querySelectorAll('.jn-health[data-status^="hooks-"]')].map((el) => el.getAttribute('data-status'));
    expect(lines).toEqual(GUARDED_SITES.map((site) => `hooks-${site}`));
  });

  it('in English when the page is', async () => {
    // The options page computes the config from the user's settings; the popup reads the cached one.
    await seed({ [KEYS.health]: { x: okX, facebook: degradedFb }, [KEYS.user]: { locale: 'en' } }, effectiveConfig(undefined, { locale: 'en' }));
    await mount(page);
    expect(line('x')!.textContent).toBe('X (Twitter): working (ok) · site data version 3 (bundled)');
    expect(line('facebook')!.textContent).toContain('impaired (degraded: like) — the button for this action is no longer recognised');
    expect(line('facebook')!.textContent).toContain('Tell your agency’s IT.');
  });

  it('a site no tab has reported yet: nothing alarming', async () => {
    await seed({ [KEYS.health]: { x: okX } });
    await mount(page);
    const fb = line('facebook')!;
    expect(fb.getAttribute('data-health')).toBe('unknown');
    expect(fb.textContent).toContain('Facebook: belum diperiksa');
    expect(fb.className).not.toContain('degraded');
    expect(fb.textContent).not.toMatch(/terganggu|degraded/);
  });

  it('a refused hooks update is shown in words, saying the hooks in use stay', async () => {
    await seed({ [KEYS.health]: { facebook: degradedFb }, [KEYS.hooks('facebook')]: fbUpdate, [KEYS.hooksSources]: [olderRefused] });
    await mount(page);
    const err = $('[data-status="hooks-error"]')!;
    expect(err.textContent).toContain(HOOKS_URL);
    expect(err.textContent).toContain('(5) lebih lama dari yang sudah dipakai (7); ditolak');
    expect(err.textContent).toContain('Data situs yang sudah ada tetap dipakai.');

    await fakeBrowser.storage.local.set({
      [KEYS.hooksSources]: [{ ...olderRefused, errorCode: 'engine', errorDetail: 'needs engine 3, this build has 1' }],
    });
    await vi.waitFor(() => expect(err.textContent).toContain('memerlukan Jaga Netral versi lebih baru (mesin 3; versi ini 1)'));
    await fakeBrowser.storage.local.set({ [KEYS.hooksSources]: [{ ...olderRefused, errorCode: 'bad-signature', errorDetail: '' }] });
    await vi.waitFor(() => expect(err.textContent).toContain('isinya mungkin diubah'));
  });

  it('updates live when a tab reports', async () => {
    await seed({ [KEYS.health]: { x: okX } });
    await mount(page);
    expect(line('x')!.getAttribute('data-health')).toBe('ok');
    await fakeBrowser.storage.local.set({ [KEYS.health]: { x: { ...okX, status: 'degraded', hook: 'post' } } });
    await vi.waitFor(() => expect(line('x')!.getAttribute('data-health')).toBe('degraded: post'));
    expect(line('x')!.textContent).toContain('terganggu (degraded: post)');
  });

  it('never renders stored text as markup', async () => {
    await seed({
      [KEYS.health]: { x: okX },
      [KEYS.hooksSources]: [{ url: '<img src=x onerror=alert(1)>', error: '<b>x</b>', errorCode: 'from-a-newer-build' }],
    });
    await mount(page);
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('[data-status="hooks-error"] b')).toBeNull();
    expect($('[data-status="hooks-error"]')!.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('options: the organisation’s hooks updates, read-only', () => {
  it('lists hooksUrls with their state, and says the list keys are trusted when hooksPublicKeys is not set', async () => {
    const policy = managedPolicy({ hooksUrls: [HOOKS_URL], listPublicKeys: [KEY] });
    const config = effectiveConfig(policy, {});
    await seed({ [KEYS.policy]: policy, [KEYS.user]: {}, [KEYS.hooksSources]: [{ ...olderRefused, error: '', errorCode: undefined, errorDetail: undefined }] }, config);
    await mount('options');
    const urls = $('[data-policy="hooksUrls"]')!;
    expect(urls.textContent).toContain(HOOKS_URL);
    expect(urls.textContent).toContain('Versi 7');
    expect(urls.textContent).toContain('Facebook');
    expect(urls.querySelector('input, textarea')).toBeNull();
    const keys = $('[data-policy="hooksPublicKeys"]')!;
    expect(keys.textContent).toContain(KEY);
    expect(keys.textContent).toContain('sama dengan kunci daftar (listPublicKeys)');
  });

  it('with no hooksUrls: the bundled site data is used', async () => {
    await seed({});
    await mount('options');
    expect($('[data-policy="hooksUrls"]')!.textContent).toContain('data situs bawaan ekstensi yang dipakai');
  });
});
