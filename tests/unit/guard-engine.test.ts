/**
 * The guard on the real Facebook adapter and its bundled hooks, in happy-dom: the inputs
 * that are not a plain button press (a double click or double tap on a post's photo; Enter
 * in the always-visible comment box), hooks that change under an open tab (a signed update
 * written by the background, then `jn.refresh`), and the detection health the tab reports.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { REFRESH } from '../../lib/background/notify';
import { runGuard, type GuardHandle } from '../../lib/guard/runtime';
import type { SiteHealth, SiteHooks } from '../../lib/hooks/types';
import { compileList } from '../../lib/list/compile';
import type { ListPayload } from '../../lib/list/types';
import { effectiveConfig } from '../../lib/policy/effective';
import { facebookSite } from '../../lib/sites/facebook';
import { KEYS } from '../../lib/storage/items';
import { WARNING_TAG } from '../../lib/ui/warning/mount';

const NOW = Date.parse('2029-03-10T09:00:00Z');
const FIXTURE = join(__dirname, '../sites/facebook/fixtures/photo-comment-box.html');

const payload: ListPayload = {
  version: 1,
  issuer: 'Uji',
  createdAt: '2029-01-01T00:00:00Z',
  subjects: [['Capres Contoh A (fiktif)', 'presiden', 'pemilu-2029', '', '', '', '', '']],
  entries: { facebook: { keys: ['@caprescontoha'], subjects: [0] } },
};

let ctx: ContentScriptContext | null = null;
let page: AbortController;
let pageSaw: string[];
let sent: Array<{ type: string; payload: unknown }>;

async function start(isTrusted: (e: Event) => boolean = () => true): Promise<GuardHandle> {
  const { shards, chunks } = compileList(payload, 'https://lists.test/kpu.json');
  await fakeBrowser.storage.local.set({
    [KEYS.config]: effectiveConfig({ managed: true, policy: { mode: 'warn' }, notes: [], readAt: 0 }, undefined),
    ...chunks,
    [KEYS.shards('facebook')]: shards.filter((s) => s.platform === 'facebook'),
  });
  ctx = new ContentScriptContext('guard-engine-test');
  // The list's day, with time passing (detection health waits out its grace period).
  const t0 = Date.now();
  const handle = runGuard(ctx, facebookSite, { isTrusted, now: () => NOW + (Date.now() - t0) });
  await handle.ready;
  return handle;
}

const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
const warnings = () => Array.from(document.querySelectorAll(WARNING_TAG));
const dialog = () =>
  vi.waitFor(
    () => {
      expect(warnings()).toHaveLength(1);
      return warnings()[0].shadowRoot!;
    },
    { interval: 1, timeout: 1000 },
  );
const press = async (root: ShadowRoot, action: 'cancel' | 'proceed') => {
  (root.querySelector(`[data-action="${action}"]`) as HTMLElement).click();
  await vi.waitFor(() => expect(warnings()).toHaveLength(0), { interval: 1, timeout: 1000 });
};

function fire<T extends Event>(target: Element, e: T): T {
  target.dispatchEvent(e);
  return e;
}
const mouse = (type: string, detail = 1) => new MouseEvent(type, { bubbles: true, cancelable: true, composed: true, detail });
const touch = (type: string, x = 10, y = 10) => new PointerEvent(type, { bubbles: true, cancelable: true, composed: true, pointerType: 'touch', clientX: x, clientY: y });
const enter = (init: KeyboardEventInit = {}) => new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, composed: true, ...init });

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('id');
  vi.spyOn(console, 'debug').mockImplementation(() => {});
  sent = [];
  fakeBrowser.runtime.onMessage.addListener((msg: unknown) => {
    sent.push(msg as { type: string; payload: unknown });
    return Promise.resolve({ ok: true });
  });
  document.body.innerHTML = readFileSync(FIXTURE, 'utf8');
  page = new AbortController();
  pageSaw = [];
  // happy-dom follows a link on a click even when it was prevented: each test starts on the feed.
  (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL('https://www.facebook.com/');
  // The page's own reactions, as Facebook's scripts would react.
  for (const type of ['click', 'dblclick', 'mousedown', 'pointerdown', 'keydown']) {
    document.addEventListener(
      type,
      (e) => {
        const t = e.target as Element;
        const what = t.closest?.('[aria-label="Suka"]') ? 'like' : t.closest?.('img') ? 'photo' : t.closest?.('[role="textbox"]') ? 'box' : '-';
        if (what !== '-') pageSaw.push(`${type}:${what}${type === 'keydown' ? `:${(e as KeyboardEvent).key}` : ''}`);
      },
      { signal: page.signal },
    );
  }
});

afterEach(() => {
  ctx?.notifyInvalidated();
  ctx = null;
  page.abort();
  for (const w of warnings()) w.remove();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('a double click or double tap on a candidate’s photo', () => {
  it('mouse: the second press is stopped, the warning opens; cancel likes nothing, proceed presses Suka once', async () => {
    await start();
    const photo = $('img[data-visualcompletion]');
    fire(photo, mouse('mousedown', 1));
    fire(photo, mouse('click', 1));
    expect(warnings()).toHaveLength(0); // one click on a photo is no like
    const second = fire(photo, mouse('mousedown', 2));
    expect(second.defaultPrevented).toBe(true);
    fire(photo, mouse('click', 2));
    fire(photo, mouse('dblclick', 2));
    expect(pageSaw).toEqual(['mousedown:photo', 'click:photo']); // nothing of the second press reached the page
    await press(await dialog(), 'cancel');
    expect(pageSaw.filter((s) => s.endsWith(':like'))).toEqual([]);

    fire(photo, mouse('mousedown', 2));
    await press(await dialog(), 'proceed');
    expect(pageSaw.filter((s) => s.endsWith(':like'))).toEqual(['click:like']);
  });

  it('touch: two taps close in time and place are one double tap', async () => {
    await start();
    const photo = $('img[data-visualcompletion]');
    fire(photo, touch('pointerdown'));
    fire(photo, touch('pointerup'));
    expect(warnings()).toHaveLength(0);
    fire(photo, touch('pointerdown', 14, 12));
    fire(photo, mouse('click'));
    fire(photo, mouse('dblclick', 2));
    await dialog();
    expect(pageSaw).toEqual(['pointerdown:photo']); // the second tap, its click and dblclick were stopped
  });

  it('touch: one tap (pointerdown, then touchstart at the same point) is one tap, not a double tap', async () => {
    await start();
    const photo = $('img[data-visualcompletion]');
    fire(photo, touch('pointerdown'));
    fire(photo, new TouchEvent('touchstart', { bubbles: true, cancelable: true, composed: true }));
    fire(photo, touch('pointerup'));
    await new Promise((r) => setTimeout(r, 20));
    expect(warnings()).toHaveLength(0);
  });

  it('touch: two taps far apart are two taps', async () => {
    await start();
    const photo = $('img[data-visualcompletion]');
    fire(photo, touch('pointerdown', 0, 0));
    fire(photo, touch('pointerdown', 200, 200));
    await new Promise((r) => setTimeout(r, 20));
    expect(warnings()).toHaveLength(0);
  });
});

describe('a comment sent with Enter from the always-visible box', () => {
  it('is stopped before it is sent; cancel keeps the text; proceed sends it once', async () => {
    await start();
    const box = $('[data-comment-box]');
    box.textContent = 'Mantap, lanjutkan!';
    const e = fire(box, enter());
    expect(e.defaultPrevented).toBe(true);
    expect(pageSaw).toEqual([]);
    await press(await dialog(), 'cancel');
    expect(box.textContent).toBe('Mantap, lanjutkan!');
    expect(pageSaw).toEqual([]);

    fire(box, enter());
    await press(await dialog(), 'proceed');
    expect(pageSaw).toEqual(['keydown:box:Enter']);
  });

  it('a script’s Enter or double click is stopped silently; the user’s Enter warns and Proceed’s replayed keydown (a script’s) sends once', async () => {
    const byUser = new WeakSet<Event>();
    await start((e) => byUser.has(e));
    const box = $('[data-comment-box]');
    box.textContent = 'Mantap!';
    const scripted = fire(box, enter());
    expect(scripted.defaultPrevented).toBe(true);
    fire($('img[data-visualcompletion]'), mouse('dblclick', 2));
    await new Promise((r) => setTimeout(r, 20));
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual([]);
    expect(sent.filter((m) => m.type === 'event.record')).toEqual([]);

    const real = enter();
    byUser.add(real);
    fire(box, real);
    const root = await dialog();
    const proceed = root.querySelector('[data-action="proceed"]') as HTMLElement;
    const click = mouse('click');
    byUser.add(click);
    proceed.dispatchEvent(click);
    await vi.waitFor(() => expect(warnings()).toHaveLength(0), { interval: 1, timeout: 1000 });
    expect(pageSaw).toEqual(['keydown:box:Enter']);
  });

  it('Shift+Enter (a new line) and Enter in a text field that is no comment box pass', async () => {
    await start();
    expect(fire($('[data-comment-box]'), enter({ shiftKey: true })).defaultPrevented).toBe(false);
    expect(fire($('input[type="search"]'), enter()).defaultPrevented).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    expect(warnings()).toHaveLength(0);
  });

  it('the send button is guarded like the Comment button', async () => {
    await start();
    const e = fire($('#focused-state-composer-submit'), mouse('click'));
    expect(e.defaultPrevented).toBe(true);
    await dialog();
  });
});

describe('hooks that change under an open tab', () => {
  /** The bundled Facebook hooks, with the like marker and label Facebook "renamed" to. */
  function renamedHooks(version: number): SiteHooks {
    const h = structuredClone(facebookSite.hooks);
    h.hooksVersion = version;
    h.selectors.like.css = [...h.selectors.like.css, '[data-testid="heart"]'];
    h.selectors.likeMarker.css = [...h.selectors.likeMarker.css, '[data-testid="heart"]'];
    return h;
  }
  function renameLike() {
    const like = $('[aria-label="Suka"]');
    like.setAttribute('aria-label', 'Hati');
    like.querySelector('[data-ad-rendering-role]')!.outerHTML = '<span data-testid="heart"><span>Hati</span></span>';
    // The comments' own "Suka" text buttons too: nothing on the page reads "Suka" any more.
    for (const b of document.querySelectorAll('[role="article"] [role="button"]')) if (b.textContent === 'Suka') b.textContent = 'Hati';
    return like;
  }
  const reports = () => sent.filter((m) => m.type === 'health.report').map((m) => (m.payload as { health: SiteHealth }).health);

  it('a renamed control is not recognised and the tab reports its hook degraded; a newer signed update, on refresh, guards it again and recovers', { timeout: 15_000 }, async () => {
    const like = renameLike();
    const handle = await start();
    expect(fire(like, mouse('click')).defaultPrevented).toBe(false); // the honest state of a broken hook
    await vi.waitFor(() => expect(reports().at(-1)).toMatchObject({ site: 'facebook', status: 'degraded', hook: 'like', hooksVersion: 1 }), { timeout: 5000, interval: 50 });

    // The background accepted a signed update and wrote it for the tabs (lib/background/hooks.ts).
    await fakeBrowser.storage.local.set({ [KEYS.hooks('facebook')]: { hooks: renamedHooks(2), source: 'https://hooks.test/h.json' } });
    await fakeBrowser.runtime.onMessage.trigger({ type: REFRESH }, { id: fakeBrowser.runtime.id });
    await vi.waitFor(() => expect(handle.hooksVersion).toBe(2), { interval: 5, timeout: 1000 });
    expect(fire(like, mouse('click')).defaultPrevented).toBe(true);
    await dialog();
    await vi.waitFor(() => expect(reports().at(-1)).toMatchObject({ status: 'ok', hooksVersion: 2 }), { timeout: 5000, interval: 50 });
  });

  it('an update that is not newer than the bundled hooks is not used', async () => {
    const like = renameLike();
    await fakeBrowser.storage.local.set({ [KEYS.hooks('facebook')]: { hooks: renamedHooks(1), source: 'https://hooks.test/h.json' } });
    const handle = await start();
    expect(handle.hooksVersion).toBe(1);
    expect(fire(like, mouse('click')).defaultPrevented).toBe(false);
  });

  it('reports ok on a page whose hooks all match', async () => {
    await start();
    await vi.waitFor(() => expect(reports().at(-1)).toMatchObject({ site: 'facebook', status: 'ok', hooksVersion: 1 }), { timeout: 3000, interval: 50 });
    expect(JSON.stringify(reports())).not.toMatch(/Capres|caprescontoha|facebook\.com/); // no page text, no URL
  });
});
