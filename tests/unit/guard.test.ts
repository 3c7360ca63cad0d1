/**
 * The content-script runtime (lib/guard/runtime.ts) in happy-dom, driven by real DOM events
 * against a small fake site. The fake adapter stands in for a site adapter so these tests
 * are about the guard only: listening before the page, deciding, warning, replaying, and
 * reacting to list updates. The storage the tab reads is seeded exactly as the background
 * writes it (`jn.config` from effectiveConfig, `jn.shards.x` and the subject chunks from
 * compileList), and list updates reach the tab as the background's `jn.refresh` message.
 *
 * The decision is synchronous (the event is stopped before the page sees it); the warning
 * opens once the subject's details are read: at once when the scan prefetched them, else
 * after one storage read, so tests that click a just-added post wait for the dialog.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { MENU_CONTEXT_MS } from '../../lib/guard/decide';
import { runGuard, type GuardHandle, type GuardedSite } from '../../lib/guard/runtime';
import { REFRESH } from '../../lib/background/notify';
import { compileList } from '../../lib/list/compile';
import type { ListPayload } from '../../lib/list/types';
import { ACTIONS, type Action } from '../../lib/model';
import { effectiveConfig } from '../../lib/policy/effective';
import type { Policy } from '../../lib/policy/types';
import type { Identity, Resolution, SiteAdapter } from '../../lib/sites/types';
import { KEYS, type GuardEvent } from '../../lib/storage/items';
import { WARNING_TAG } from '../../lib/ui/warning/mount';

// ---------------------------------------------------------------------------------------
// The fake site: posts are <article data-author="@name"> with <button data-act="…">.
// A post may instead name its author with a link, <a data-author-link href="/name">, as a
// recycled X row does: then the link is the author (and changing its href changes it).
//   like | comment | share | follow  → an action on the post's author
//   unlike                           → an undo (the adapter returns null)
//   repost-menu                      → opens a menu (X's repost button)
//   menu-share (inside [role=menu])  → commits `share` for whatever the last menu opened

const POST = 'article[data-author]';

function authorOf(post: Element): string | null {
  const link = post.querySelector('a[data-author-link]');
  const href = link?.getAttribute('href');
  return href ? `@${href.replace(/^\//, '')}` : post.getAttribute('data-author');
}

function identitiesOf(post: Element): Identity[] {
  const a = authorOf(post);
  if (!a) return [];
  const out: Identity[] = [{ keys: [a.toLowerCase()], display: a, relation: 'author' }];
  // A quoted post's author (`data-quoted`), after the post's own.
  const q = post.getAttribute('data-quoted');
  if (q) out.push({ keys: [q.toLowerCase()], display: q, relation: 'quoted' });
  return out;
}

const fakeAdapter: SiteAdapter = {
  site: 'x',
  platform: 'x',
  hooksVersion: 1,
  resolveDoubleTap: () => null,
  resolveSend: () => null,
  resolveControl(target): Resolution | null {
    const control = target.closest('[data-act]');
    if (!control) return null;
    const act = control.getAttribute('data-act') ?? '';
    if (act === 'menu-share') return { type: 'menu-commit', action: 'share', control };
    const post = control.closest(POST);
    const identities = post ? identitiesOf(post) : [];
    if (act === 'repost-menu') return { type: 'menu', control, identities };
    if ((ACTIONS as readonly string[]).includes(act)) return { type: 'action', action: act as Action, control, identities };
    return null;
  },
  resolveShortcut: () => null,
  findPosts(root) {
    const out = root.matches(POST) ? [root] : [];
    return out.concat(Array.from(root.querySelectorAll(POST)));
  },
  scanKeys(root, visit) {
    // The post around root (root itself included, or e.g. an author link whose href
    // changed), else every post inside it.
    const around = root.closest(POST);
    for (const post of around ? [around] : Array.from(root.querySelectorAll(POST))) {
      for (const id of identitiesOf(post)) for (const key of id.keys) visit(post, key);
    }
  },
  identitiesOf,
};

/** The fake site as the runtime takes it: its hooks (none needed) and its adapter. */
const fakeSite: GuardedSite = {
  id: 'x',
  platform: 'x',
  hooks: { site: 'x', hooksVersion: 1, minEngine: 1, selectors: {}, labels: {}, paths: {}, shortcuts: {}, thresholds: {} },
  create: () => fakeAdapter,
};

// ---------------------------------------------------------------------------------------
// The list the tab holds.

const NOW = Date.parse('2029-03-10T09:00:00Z');
const SOURCE = 'https://lists.test/kpu.json';

const payload: ListPayload = {
  version: 3,
  issuer: 'Uji',
  createdAt: '2029-01-01T00:00:00Z',
  subjects: [
    ['Capres Contoh A (fiktif)', 'presiden', 'pemilu-2029', 'Partai Contoh', 'Nasional', '', '', ''],
    ['Cabup Lama (fiktif)', 'bupati', 'pilkada-2028', '', '', '2028-01-01', '2028-12-31', ''],
    ['Cabup Nanti (fiktif)', 'bupati', 'pilkada-2031', '', '', '2030-06-01', '2031-12-31', ''],
  ],
  entries: {
    x: { keys: ['@capres_a', '@cabup_lama', '@cabup_nanti'], subjects: [0, 1, 2] },
  },
};

function policyState(policy: Policy) {
  return { managed: true, policy, notes: [], readAt: 0 };
}

/** What the background writes for a list: the tab's shard and the subject chunks. */
function listStorage(list: ListPayload): Record<string, unknown> {
  const { shards, chunks } = compileList(list, SOURCE);
  return { ...chunks, [KEYS.shards('x')]: shards.filter((s) => s.platform === 'x') };
}

async function seed(policy: Policy = {}, list: ListPayload = payload) {
  await fakeBrowser.storage.local.set({
    [KEYS.config]: effectiveConfig(policyState(policy), undefined),
    ...listStorage(list),
  });
}

/** What the background does after it writes config or shards (lib/background/notify.ts). */
async function refreshFromBackground() {
  await fakeBrowser.runtime.onMessage.trigger({ type: REFRESH }, { id: fakeBrowser.runtime.id });
  await settle();
}

// ---------------------------------------------------------------------------------------
// Page and harness.

let ctx: ContentScriptContext | null = null;
let page: AbortController;
/** What the page's own listeners saw, in order: `<type>:<data-act>:<author>`. */
let pageSaw: string[];
/** Messages the content script sent to the background. */
let sent: Array<{ type: string; payload: unknown }>;

function post(author: string): HTMLElement {
  const a = document.createElement('article');
  a.setAttribute('data-author', author);
  for (const act of ['like', 'unlike', 'comment', 'share', 'follow', 'repost-menu']) {
    const b = document.createElement('button');
    b.setAttribute('data-act', act);
    // An icon inside the button, as real sites have: the target is the icon, not the button.
    const icon = document.createElement('span');
    icon.className = 'icon';
    b.append(icon);
    a.append(b);
  }
  document.body.append(a);
  return a;
}

function openMenu(): HTMLElement {
  const menu = document.createElement('div');
  menu.setAttribute('role', 'menu');
  const item = document.createElement('div');
  item.setAttribute('data-act', 'menu-share');
  item.textContent = 'Repost';
  menu.append(item);
  document.body.append(menu);
  return item;
}

const btn = (p: Element, act: string) => p.querySelector<HTMLElement>(`[data-act="${act}"]`)!;
const icon = (p: Element, act: string) => btn(p, act).querySelector<HTMLElement>('.icon')!;

function click(target: Element): MouseEvent {
  const e = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
  target.dispatchEvent(e);
  return e;
}
function keydown(target: Element, key: string): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, composed: true });
  target.dispatchEvent(e);
  return e;
}
function pointerdown(target: Element): Event {
  const e = new PointerEvent('pointerdown', { bubbles: true, cancelable: true, composed: true });
  target.dispatchEvent(e);
  return e;
}

const warnings = () => Array.from(document.querySelectorAll(WARNING_TAG));
const shadow = () => {
  const all = warnings();
  expect(all).toHaveLength(1);
  return all[0].shadowRoot!;
};
/** The one warning, once it has opened (after the subject's details were read). */
const dialog = () => vi.waitFor(shadow, { interval: 1, timeout: 1000 });
const tick = () => new Promise<void>((r) => setTimeout(r, 0));
async function settle() {
  for (let i = 0; i < 5; i++) await tick();
}
const outcomes = () =>
  sent.filter((m) => m.type === 'event.record').map((m) => (m.payload as { event: GuardEvent }).event.outcome);

/** The guard's clock; a test may move it. */
let clock = NOW;

async function start(opts: { now?: number; isTrusted?: (e: Event) => boolean } = {}): Promise<GuardHandle> {
  clock = opts.now ?? NOW;
  ctx = new ContentScriptContext('guard-test');
  const handle = runGuard(ctx, fakeSite, { isTrusted: opts.isTrusted ?? (() => true), now: () => clock });
  await handle.ready;
  return handle;
}

function pageListens(type: string) {
  document.addEventListener(
    type,
    (e) => {
      const t = e.target as Element;
      const control = t.closest?.('[data-act]');
      pageSaw.push(`${type}:${control?.getAttribute('data-act') ?? '-'}:${t.closest?.('article')?.getAttribute('data-author') ?? '-'}`);
    },
    { signal: page.signal },
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  // fakeBrowser leaves i18n unimplemented (it throws); the tab asks for the UI language.
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('id');
  // WXT logs every context invalidation at debug level.
  vi.spyOn(console, 'debug').mockImplementation(() => {});
  sent = [];
  fakeBrowser.runtime.onMessage.addListener((msg: unknown) => {
    sent.push(msg as { type: string; payload: unknown });
    return Promise.resolve({ ok: true });
  });
  page = new AbortController();
  pageSaw = [];
  pageListens('click');
});

afterEach(() => {
  ctx?.notifyInvalidated();
  ctx = null;
  page.abort();
  for (const w of warnings()) w.remove();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

// ---------------------------------------------------------------------------------------

describe('a click on a guarded action of a listed account', () => {
  it('is stopped before the page sees it and opens the warning naming the account', async () => {
    await seed();
    await start();
    const p = post('@Capres_A');
    const e = click(icon(p, 'like'));
    expect(e.defaultPrevented).toBe(true);
    expect(pageSaw).toEqual([]);
    const root = await dialog();
    expect(root.querySelector('[role="dialog"]')).not.toBeNull();
    expect(root.querySelector('[data-account]')?.textContent).toContain('Capres Contoh A (fiktif)');
    expect(root.querySelector('[data-account]')?.textContent).toContain('@capres_a');
    expect(root.querySelector('[data-action="proceed"]')).not.toBeNull();
    await settle();
    expect(outcomes()).toEqual(['warned']);
    const ev = (sent[0].payload as { event: GuardEvent }).event;
    expect(ev).toMatchObject({ site: 'x', action: 'like', mode: 'warn', entryId: 'x:@capres_a', listVersion: 3, name: 'Capres Contoh A (fiktif)' });
    // The record names exactly the clauses the dialog showed.
    const shown = Array.from(root.querySelectorAll('[data-clause]')).map((el) => el.getAttribute('data-clause'));
    expect(shown.length).toBeGreaterThan(0);
    expect(ev.clauseIds).toEqual(shown);
  });

  it('cancel closes the warning and the page never acts', async () => {
    await seed();
    await start();
    const p = post('@capres_a');
    click(icon(p, 'like'));
    const root = await dialog();
    const shown = Array.from(root.querySelectorAll('[data-clause]')).map((el) => el.getAttribute('data-clause'));
    root.querySelector<HTMLElement>('[data-action="cancel"]')!.click();
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual([]);
    expect(outcomes()).toEqual(['warned', 'cancelled']);
    for (const m of sent) expect((m.payload as { event: GuardEvent }).event.clauseIds).toEqual(shown);
  });

  it('proceed replays the click once, and the replay is not intercepted again', async () => {
    await seed();
    await start();
    const p = post('@capres_a');
    click(icon(p, 'like'));
    (await dialog()).querySelector<HTMLElement>('[data-action="proceed"]')!.click();
    await settle();
    expect(pageSaw).toEqual(['click:like:@capres_a']);
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(outcomes()).toEqual(['warned', 'proceeded']);
  });

  it('a later click on the same control is guarded again (proceed is for one action)', async () => {
    await seed();
    await start();
    const p = post('@capres_a');
    click(icon(p, 'like'));
    (await dialog()).querySelector<HTMLElement>('[data-action="proceed"]')!.click();
    await settle();
    const again = click(icon(p, 'like'));
    expect(again.defaultPrevented).toBe(true);
    // The subject's details are in memory since the first warning: no read, no wait.
    expect(warnings()).toHaveLength(1);
    expect(pageSaw).toEqual(['click:like:@capres_a']);
  });

  it('proceed after the site removed the control lets the user’s next try through once', async () => {
    await seed();
    await start();
    const p = post('@capres_a');
    click(icon(p, 'like'));
    const root = await dialog();
    p.remove(); // the site re-rendered the row while the warning was open
    root.querySelector<HTMLElement>('[data-action="proceed"]')!.click();
    await settle();
    expect(pageSaw).toEqual([]); // nothing to replay onto

    const rerendered = post('@capres_a');
    const retry = click(icon(rerendered, 'like'));
    expect(retry.defaultPrevented).toBe(false);
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual(['click:like:@capres_a']);
    // Only once, and only for that action.
    click(icon(rerendered, 'like'));
    expect(warnings()).toHaveLength(1);
    expect(pageSaw).toEqual(['click:like:@capres_a']);
  });

  it('Enter on the control is stopped before the page’s key handler and warns', async () => {
    await seed();
    await start();
    pageListens('keydown');
    const p = post('@capres_a');
    const e = keydown(btn(p, 'comment'), 'Enter');
    expect(e.defaultPrevented).toBe(true);
    expect(pageSaw).toEqual([]);
    expect((await dialog()).querySelector('[data-account]')?.textContent).toContain('Capres Contoh A (fiktif)');
    // A key that is neither an activation nor a site shortcut is the page's.
    keydown(btn(p, 'comment'), 'x');
    expect(pageSaw).toEqual(['keydown:comment:@capres_a']);
  });

  it('a second click while the warning is open does nothing and opens no second warning', async () => {
    await seed();
    await start();
    const p = post('@capres_a');
    click(icon(p, 'like'));
    // While the details are being read the action is already held: a click meanwhile is
    // stopped and opens no second warning either.
    const meanwhile = click(icon(p, 'like'));
    expect(meanwhile.defaultPrevented).toBe(true);
    await dialog();
    const first = warnings()[0];
    const second = click(icon(p, 'like'));
    expect(second.defaultPrevented).toBe(true);
    // Another guarded control, even of an unlisted post, is also held while the dialog is up.
    const other = post('@warga_biasa');
    click(icon(other, 'follow'));
    expect(warnings()).toEqual([first]);
    expect(pageSaw).toEqual([]);
    first.shadowRoot!.querySelector<HTMLElement>('[data-action="cancel"]')!.click();
    await settle();
    expect(pageSaw).toEqual([]);
    expect(outcomes()).toEqual(['warned', 'cancelled']);
  });
});

describe('what is left alone', () => {
  it('an unlisted author: the page acts and no warning opens', async () => {
    await seed();
    await start();
    const p = post('@warga_biasa');
    const e = click(icon(p, 'like'));
    expect(e.defaultPrevented).toBe(false);
    expect(pageSaw).toEqual(['click:like:@warga_biasa']);
    await settle();
    expect(warnings()).toHaveLength(0);
    await settle();
    expect(outcomes()).toEqual([]);
  });

  it('an undo control (the adapter returns null) on a listed post is untouched', async () => {
    await seed();
    await start();
    const p = post('@capres_a');
    const e = click(icon(p, 'unlike'));
    expect(e.defaultPrevented).toBe(false);
    expect(pageSaw).toEqual(['click:unlike:@capres_a']);
    await settle();
    expect(warnings()).toHaveLength(0);
  });

  it('an entry outside its valid_from/valid_until window is not matched', async () => {
    await seed();
    await start({ now: NOW });
    const expired = post('@cabup_lama');
    const future = post('@cabup_nanti');
    click(icon(expired, 'like'));
    click(icon(future, 'like'));
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual(['click:like:@cabup_lama', 'click:like:@cabup_nanti']);
  });

  it('the same entry inside its window is matched', async () => {
    await seed();
    await start({ now: Date.parse('2028-06-01T09:00:00Z') });
    click(icon(post('@cabup_lama'), 'like'));
    expect((await dialog()).querySelector('[data-account]')?.textContent).toContain('Cabup Lama (fiktif)');
    expect(pageSaw).toEqual([]);
  });

  it('with no list in storage the guard lets everything through', async () => {
    await fakeBrowser.storage.local.set({ [KEYS.config]: effectiveConfig(policyState({}), undefined) });
    await start();
    click(icon(post('@capres_a'), 'like'));
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual(['click:like:@capres_a']);
  });
});

describe('policy modes', () => {
  it('audit: no warning, the page acts, and an "audited" event is recorded', async () => {
    await seed({ mode: 'audit' });
    await start();
    const e = click(icon(post('@capres_a'), 'share'));
    expect(e.defaultPrevented).toBe(false);
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual(['click:share:@capres_a']);
    await settle();
    expect(outcomes()).toEqual(['audited']);
    expect((sent[0].payload as { event: GuardEvent }).event).toMatchObject({ action: 'share', mode: 'audit', entryId: 'x:@capres_a' });
  });

  it('justify: "warned", then "proceeded" carrying the reason typed (what audit reporting sends)', async () => {
    await seed({ mode: 'justify' });
    await start();
    click(icon(post('@capres_a'), 'like'));
    const root = await dialog();
    const reason = root.querySelector<HTMLTextAreaElement>('[data-field="justification"]')!;
    reason.value = 'Tugas pemantauan media';
    reason.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await settle();
    root.querySelector<HTMLElement>('[data-action="proceed"]')!.click();
    await settle();
    expect(pageSaw).toEqual(['click:like:@capres_a']);
    expect(outcomes()).toEqual(['warned', 'proceeded']);
    const events = sent.map((m) => (m.payload as { event: GuardEvent }).event);
    expect(events[0]).toMatchObject({ mode: 'justify', outcome: 'warned' });
    expect(events[0].justification).toBeUndefined();
    expect(events[1]).toMatchObject({ mode: 'justify', outcome: 'proceeded', justification: 'Tugas pemantauan media', entryId: 'x:@capres_a' });
  });

  it('block: the warning has no proceed button and the page never acts', async () => {
    await seed({ mode: 'block' });
    await start();
    click(icon(post('@capres_a'), 'like'));
    const root = await dialog();
    expect(root.querySelector('[data-action="cancel"]')).not.toBeNull();
    expect(root.querySelector('[data-action="proceed"]')).toBeNull();
    root.querySelector<HTMLElement>('[data-action="cancel"]')!.click();
    await settle();
    expect(pageSaw).toEqual([]);
    expect(outcomes()).toEqual(['blocked']);
  });

  it('actionModes like:"off" leaves likes alone while follow is still warned', async () => {
    await seed({ actionModes: { like: 'off' } });
    await start();
    const p = post('@capres_a');
    click(icon(p, 'like'));
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual(['click:like:@capres_a']);
    const f = click(icon(p, 'follow'));
    expect(f.defaultPrevented).toBe(true);
    await dialog();
    expect(pageSaw).toEqual(['click:like:@capres_a']);
  });

  it('mode "off" leaves everything alone', async () => {
    await seed({ mode: 'off' });
    await start();
    click(icon(post('@capres_a'), 'follow'));
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual(['click:follow:@capres_a']);
  });

  it('sites without "x": this site is not guarded', async () => {
    await seed({ sites: ['facebook'] });
    await start();
    click(icon(post('@capres_a'), 'like'));
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual(['click:like:@capres_a']);
  });
});

describe('menus (a control that opens a menu whose item commits)', () => {
  it('the opener passes and records the post; the menu item is intercepted with that identity', async () => {
    await seed();
    await start();
    const p = post('@capres_a');
    const opener = click(icon(p, 'repost-menu'));
    expect(opener.defaultPrevented).toBe(false);
    expect(pageSaw).toEqual(['click:repost-menu:@capres_a']);
    await settle();
    expect(warnings()).toHaveLength(0);
    const commit = click(openMenu());
    expect(commit.defaultPrevented).toBe(true);
    expect(pageSaw).toEqual(['click:repost-menu:@capres_a']);
    const account = (await dialog()).querySelector('[data-account]')?.textContent ?? '';
    expect(account).toContain('Capres Contoh A (fiktif)');
    await settle();
    expect((sent[0].payload as { event: GuardEvent }).event).toMatchObject({ action: 'share', entryId: 'x:@capres_a' });
  });

  it('a menu opened on an unlisted post commits untouched', async () => {
    await seed();
    await start();
    click(icon(post('@warga_biasa'), 'repost-menu'));
    click(openMenu());
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual(['click:repost-menu:@warga_biasa', 'click:menu-share:-']);
  });

  it('a menu item chosen long after the opener (over MENU_CONTEXT_MS) is not tied to that post', async () => {
    await seed();
    await start();
    click(icon(post('@capres_a'), 'repost-menu'));
    clock += MENU_CONTEXT_MS + 1;
    click(openMenu());
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual(['click:repost-menu:@capres_a', 'click:menu-share:-']);
  });

  it('the menu context is that of the last opener, not an earlier one', async () => {
    await seed();
    await start();
    click(icon(post('@capres_a'), 'repost-menu'));
    click(icon(post('@warga_biasa'), 'repost-menu'));
    click(openMenu());
    await settle();
    expect(warnings()).toHaveLength(0);
  });
});

describe('presses before the click', () => {
  it('pointerdown on a listed control does not reach the page; on an unlisted one it does', async () => {
    await seed();
    await start();
    pageListens('pointerdown');
    pointerdown(icon(post('@capres_a'), 'like'));
    expect(pageSaw).toEqual([]);
    // A press alone opens nothing: the warning comes with the click.
    await settle();
    expect(warnings()).toHaveLength(0);
    pointerdown(icon(post('@warga_biasa'), 'like'));
    expect(pageSaw).toEqual(['pointerdown:like:@warga_biasa']);
  });

  it('a tap (touchstart, touchend, then the click it makes) is stopped before the page and warns', async () => {
    await seed();
    await start();
    pageListens('touchstart');
    pageListens('touchend');
    pageListens('click');
    const target = icon(post('@capres_a'), 'like');
    for (const type of ['touchstart', 'touchend']) {
      // happy-dom has no TouchEvent constructor with touches; the guard reads only the target.
      target.dispatchEvent(new Event(type, { bubbles: true, cancelable: true, composed: true }));
    }
    const c = click(target);
    expect(c.defaultPrevented).toBe(true);
    expect(pageSaw).toEqual([]);
    (await dialog()).querySelector<HTMLElement>('[data-action="cancel"]')!.click();
    await settle();
    expect(warnings()).toHaveLength(0);
    // The same tap on an unlisted post reaches the page untouched.
    const other = icon(post('@warga_biasa'), 'like');
    for (const type of ['touchstart', 'touchend']) other.dispatchEvent(new Event(type, { bubbles: true, cancelable: true, composed: true }));
    expect(pageSaw).toEqual(['touchstart:like:@warga_biasa', 'touchend:like:@warga_biasa']);
  });

  it('pointerdown on an undo control of a listed post reaches the page', async () => {
    await seed();
    await start();
    pageListens('pointerdown');
    pointerdown(icon(post('@capres_a'), 'unlike'));
    expect(pageSaw).toEqual(['pointerdown:unlike:@capres_a']);
  });
});

/** List v4: v3 plus `@warga_baru`, who now stands for election. */
const v4: ListPayload = {
  ...payload,
  version: 4,
  subjects: [...payload.subjects, ['Warga Baru Mencalonkan (fiktif)', 'dpr', 'pemilu-2029', '', '', '', '', '']],
  entries: { x: { keys: [...payload.entries.x!.keys, '@warga_baru'], subjects: [0, 1, 2, 3] } },
};

/** A post that names its author by a link, as a recycled X row does. */
function linkedPost(handle: string): { post: HTMLElement; link: HTMLAnchorElement } {
  const p = post('');
  const link = document.createElement('a');
  link.setAttribute('data-author-link', '');
  link.setAttribute('href', `/${handle}`);
  p.prepend(link);
  return { post: p, link };
}

describe('list updates and the scan', () => {
  it('a list update takes effect without reload once the background says so (jn.refresh)', async () => {
    await seed();
    const handle = await start();
    const p = post('@warga_baru');
    click(icon(p, 'like'));
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual(['click:like:@warga_baru']);

    // The background writes the new chunks and shard, then messages the tabs.
    await fakeBrowser.storage.local.set(listStorage(v4));
    await refreshFromBackground();

    // The post already on the page is found listed by the rescan that follows the update.
    expect(handle.isListed(p)).toBe(true);
    const e = click(icon(p, 'like'));
    expect(e.defaultPrevented).toBe(true);
    expect((await dialog()).querySelector('[data-account]')?.textContent).toContain('Warga Baru Mencalonkan (fiktif)');
    expect(pageSaw).toEqual(['click:like:@warga_baru']);
  });

  it('a config update (mode → audit) takes effect without reload', async () => {
    await seed();
    await start();
    await fakeBrowser.storage.local.set({ [KEYS.config]: effectiveConfig(policyState({ mode: 'audit' }), undefined) });
    await refreshFromBackground();
    click(icon(post('@capres_a'), 'like'));
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual(['click:like:@capres_a']);
  });

  it('re-reads only on the background’s message: not on a storage write, a page’s or another extension’s message', async () => {
    await seed();
    const handle = await start();
    const p = post('@warga_baru');
    await fakeBrowser.storage.local.set(listStorage(v4));
    await settle();
    // A content script or page (the sender has a tab) and another extension are not the background.
    await fakeBrowser.runtime.onMessage.trigger({ type: REFRESH }, {
      id: fakeBrowser.runtime.id,
      tab: { id: 7, index: 0, active: true, highlighted: false, pinned: false, incognito: false },
    });
    await fakeBrowser.runtime.onMessage.trigger({ type: REFRESH }, { id: 'another-extension-id' });
    await settle();
    expect(handle.isListed(p)).toBe(false);
    const before = click(icon(p, 'like'));
    expect(before.defaultPrevented).toBe(false);
    expect(pageSaw).toEqual(['click:like:@warga_baru']);

    await refreshFromBackground();
    expect(handle.isListed(p)).toBe(true);
    const after = click(icon(p, 'like'));
    expect(after.defaultPrevented).toBe(true);
    await dialog();
    expect(pageSaw).toEqual(['click:like:@warga_baru']);
  });

  it('prefetches the details of a listed post when it is added, so its warning opens within the click', async () => {
    await seed();
    const handle = await start();
    const hit = handle.index!.match(['@capres_a'], NOW)!;
    expect(hit).not.toBeNull();
    expect(handle.subjects.peek(hit)).toBeNull();

    const p = post('@capres_a');
    await settle(); // the scan sees the post and reads its chunk
    expect(handle.subjects.peek(hit)?.name).toBe('Capres Contoh A (fiktif)');

    const e = click(icon(p, 'like'));
    expect(e.defaultPrevented).toBe(true);
    // No await: the dialog is there when the click returns.
    expect(shadow().querySelector('[data-account]')?.textContent).toContain('Capres Contoh A (fiktif)');
    await settle();
    expect(handle.stats.lastClickToDialogMs).toBeGreaterThanOrEqual(0);
  });

  it('notes listed posts when they are added to the page, and not unlisted ones', async () => {
    await seed();
    const before = post('@capres_a');
    const handle = await start();
    // Posts present at start are scanned once the list is ready.
    expect(handle.isListed(before)).toBe(true);

    const listed = post('@Capres_A');
    const unlisted = post('@warga_biasa');
    const wrapper = document.createElement('section');
    const nested = document.createElement('article');
    nested.setAttribute('data-author', '@capres_a');
    wrapper.append(nested);
    document.body.append(wrapper);
    await settle();
    expect(handle.isListed(listed)).toBe(true);
    expect(handle.isListed(nested)).toBe(true);
    expect(handle.isListed(unlisted)).toBe(false);
  });

  it('a recycled row (its author link’s href rewritten in place) is read again', async () => {
    await seed();
    const handle = await start();
    const { post: row, link } = linkedPost('capres_a');
    await settle();
    expect(handle.isListed(row)).toBe(true);

    // The site reuses the row for an unlisted account: only the href changes.
    link.setAttribute('href', '/warga_biasa');
    await settle();
    expect(handle.isListed(row)).toBe(false);
    const e = click(icon(row, 'like'));
    expect(e.defaultPrevented).toBe(false);
    expect(pageSaw).toEqual(['click:like:']); // (pageSaw shows data-author, empty on this row)

    // And back to a listed one.
    link.setAttribute('href', '/capres_a');
    await settle();
    expect(handle.isListed(row)).toBe(true);
  });

  it('stops listening when the content script context is invalidated', async () => {
    await seed();
    await start();
    ctx!.notifyInvalidated();
    click(icon(post('@capres_a'), 'like'));
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual(['click:like:@capres_a']);
  });

  it('a warning still waiting for the subject’s details does not open once the context is invalidated', async () => {
    await seed();
    await start();
    const e = click(icon(post('@capres_a'), 'like'));
    expect(e.defaultPrevented).toBe(true);
    ctx!.notifyInvalidated();
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(outcomes()).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// Exact matches: a tab decides on a 48-bit fingerprint; only the full key names a subject.

/**
 * What the background would write if `colliding` keys had the same 48-bit fingerprints as
 * keys of `subject`: the shard (and its position → subject table) of a list that also holds
 * their fingerprints, with the subject chunks (names and full keys) of the real list. That is
 * exactly what a tab sees for an unlisted handle found by searching for a collision.
 */
function collidingStorage(colliding: string[], subject = 0, list: ListPayload = payload): Record<string, unknown> {
  const x = list.entries.x!;
  const forged: ListPayload = { ...list, entries: { x: { keys: [...x.keys, ...colliding], subjects: [...x.subjects, ...colliding.map(() => subject)] } } };
  const real = compileList(list, SOURCE);
  const f = compileList(forged, SOURCE);
  const shard = f.shards.find((sh) => sh.platform === 'x')!;
  return { ...real.chunks, [shard.subjectOfKey]: f.chunks[shard.subjectOfKey], [KEYS.shards('x')]: [shard] };
}

async function seedColliding(policy: Policy = {}, colliding = ['@warga_kembar']) {
  await fakeBrowser.storage.local.set({ [KEYS.config]: effectiveConfig(policyState(policy), undefined), ...collidingStorage(colliding) });
}

describe('a fingerprint that matches an unlisted key (a collision)', () => {
  it('the tab’s index does find it: the fingerprint alone would name the listed candidate', async () => {
    await seedColliding();
    const handle = await start();
    const hit = handle.index!.match(['@warga_kembar'], NOW);
    expect(hit?.entryId).toBe('x:@warga_kembar');
    // Its subject, by position, is the candidate, whose full keys do not hold it.
    const listed = await handle.subjects.load(hit!);
    expect(listed?.name).toBe('Capres Contoh A (fiktif)');
    expect(listed?.keys).toEqual(['x:@capres_a']);
  });

  it('details already prefetched: the click is not even stopped, nothing is shown or recorded', async () => {
    await seedColliding();
    await start();
    const p = post('@warga_kembar');
    await settle(); // the scan prefetched the chunk (names and full keys)
    const e = click(icon(p, 'like'));
    expect(e.defaultPrevented).toBe(false);
    expect(pageSaw).toEqual(['click:like:@warga_kembar']);
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(outcomes()).toEqual([]);
  });

  it('details not yet read: the click is held, then let through once, with nothing shown or recorded', async () => {
    await seedColliding();
    await start();
    const p = post('@warga_kembar');
    const e = click(icon(p, 'like')); // before the scan has run: the decision is the fingerprint's
    expect(e.defaultPrevented).toBe(true);
    expect(pageSaw).toEqual([]);
    await settle();
    expect(pageSaw).toEqual(['click:like:@warga_kembar']);
    expect(warnings()).toHaveLength(0);
    expect(outcomes()).toEqual([]);
    // And the next click is neither held nor warned.
    expect(click(icon(p, 'like')).defaultPrevented).toBe(false);
    await settle();
    expect(pageSaw).toEqual(['click:like:@warga_kembar', 'click:like:@warga_kembar']);
    expect(warnings()).toHaveLength(0);
    expect(outcomes()).toEqual([]);
  });

  it('the real candidate next to it is still warned, with its name', async () => {
    await seedColliding();
    await start();
    click(icon(post('@capres_a'), 'like'));
    expect((await dialog()).querySelector('[data-account]')?.textContent).toContain('Capres Contoh A (fiktif)');
    await settle();
    expect(outcomes()).toEqual(['warned']);
  });

  it('a colliding author quoting a real candidate: the warning is about the quoted candidate', async () => {
    await seedColliding();
    await start();
    const p = post('@warga_kembar');
    p.setAttribute('data-quoted', '@capres_a');
    click(icon(p, 'like'));
    const root = await dialog();
    expect(root.querySelector('[data-account]')?.textContent).toContain('@capres_a');
    await settle();
    expect(outcomes()).toEqual(['warned']);
    expect((sent[0].payload as { event: GuardEvent }).event.entryId).toBe('x:@capres_a');
  });

  it('audit: nothing is recorded for a collision; the real candidate is', async () => {
    await seedColliding({ mode: 'audit' });
    await start();
    click(icon(post('@warga_kembar'), 'like'));
    await settle();
    expect(outcomes()).toEqual([]);
    click(icon(post('@capres_a'), 'like'));
    await settle();
    expect(outcomes()).toEqual(['audited']);
    expect(pageSaw).toEqual(['click:like:@warga_kembar', 'click:like:@capres_a']);
  });

  it('follows a menu commit too: a repost opened on a colliding post commits untouched', async () => {
    await seedColliding();
    await start();
    click(icon(post('@warga_kembar'), 'repost-menu'));
    const commit = click(openMenu());
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(outcomes()).toEqual([]);
    // Held while the key was confirmed, then replayed once.
    expect(commit.defaultPrevented).toBe(true);
    expect(pageSaw).toEqual(['click:repost-menu:@warga_kembar', 'click:menu-share:-']);
  });
});

// ---------------------------------------------------------------------------------------
// Only a person's input counts.

describe('input a script made (isTrusted false)', () => {
  /** Events the "user" made; everything else (dispatched by the page, our replay) is a script's. */
  let byUser: WeakSet<Event>;
  const startReal = () => start({ isTrusted: (e) => byUser.has(e) });
  const user = <T extends Event>(target: Element, e: T): T => {
    byUser.add(e);
    target.dispatchEvent(e);
    return e;
  };
  const init = { bubbles: true, cancelable: true, composed: true };
  beforeEach(() => {
    byUser = new WeakSet();
  });

  it('three likeButton.click() calls on a listed post: stopped, no dialog, no record', async () => {
    await seed();
    await startReal();
    const p = post('@capres_a');
    await settle();
    for (let i = 0; i < 3; i++) btn(p, 'like').click();
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(pageSaw).toEqual([]); // the site does not act on the script's behalf either
    expect(outcomes()).toEqual([]);
  });

  it('a script’s pointer, key and touch events on a listed post’s controls are stopped silently', async () => {
    await seed();
    await startReal();
    for (const type of ['pointerdown', 'mousedown', 'touchstart', 'touchend', 'keydown']) pageListens(type);
    const p = post('@capres_a');
    await settle();
    const pd = new PointerEvent('pointerdown', init);
    icon(p, 'like').dispatchEvent(pd);
    icon(p, 'like').dispatchEvent(new MouseEvent('mousedown', init));
    for (const type of ['touchstart', 'touchend']) icon(p, 'comment').dispatchEvent(new Event(type, init));
    const enter = keydown(btn(p, 'comment'), 'Enter');
    const space = keydown(btn(p, 'follow'), ' ');
    expect(pd.defaultPrevented).toBe(true);
    expect(enter.defaultPrevented).toBe(true);
    expect(space.defaultPrevented).toBe(true);
    click(icon(p, 'share'));
    await settle();
    expect(pageSaw).toEqual([]);
    expect(warnings()).toHaveLength(0);
    expect(outcomes()).toEqual([]);
  });

  it('a script’s input on an unlisted post, or on an undo, is the page’s', async () => {
    await seed();
    await startReal();
    const other = post('@warga_biasa');
    btn(other, 'like').click();
    btn(post('@capres_a'), 'unlike').click();
    await settle();
    expect(pageSaw).toEqual(['click:like:@warga_biasa', 'click:unlike:@capres_a']);
    expect(outcomes()).toEqual([]);
  });

  it('audit: a script’s click is stopped and not recorded; the user’s is recorded and passes', async () => {
    await seed({ mode: 'audit' });
    await startReal();
    const p = post('@capres_a');
    btn(p, 'like').click();
    await settle();
    expect(outcomes()).toEqual([]);
    expect(pageSaw).toEqual([]);
    user(icon(p, 'like'), new MouseEvent('click', init));
    await settle();
    expect(outcomes()).toEqual(['audited']);
    expect(pageSaw).toEqual(['click:like:@capres_a']);
  });

  it('the user’s click warns; a script cannot open a second one, and Proceed’s replay (a script click) passes once', async () => {
    await seed();
    await startReal();
    const p = post('@capres_a');
    const e = user(icon(p, 'like'), new MouseEvent('click', init));
    expect(e.defaultPrevented).toBe(true);
    const root = await dialog();
    btn(p, 'follow').click(); // a script, while the warning is open
    expect(warnings()).toHaveLength(1);
    user(root.querySelector<HTMLElement>('[data-action="proceed"]')!, new MouseEvent('click', init));
    await settle();
    expect(pageSaw).toEqual(['click:like:@capres_a']);
    expect(outcomes()).toEqual(['warned', 'proceeded']);
  });

  it('a script cannot set the menu context a user’s repost is judged by', async () => {
    await seed();
    await startReal();
    btn(post('@capres_a'), 'repost-menu').click(); // a script "opens" a listed post's menu
    user(btn(post('@warga_biasa'), 'repost-menu'), new MouseEvent('click', init));
    user(openMenu(), new MouseEvent('click', init));
    await settle();
    expect(warnings()).toHaveLength(0);
    expect(outcomes()).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// Invisible to the page.

describe('the site’s DOM', () => {
  it('is exactly as it was after the scan: no mark on any post, listed or not', async () => {
    await seed();
    post('@capres_a');
    post('@warga_biasa');
    linkedPost('capres_a');
    const atStart = document.documentElement.outerHTML;
    const handle = await start();
    await settle();
    expect(document.documentElement.outerHTML).toBe(atStart);

    const added = post('@Capres_A');
    const nested = document.createElement('section');
    nested.append(Object.assign(document.createElement('article'), {}));
    nested.firstElementChild!.setAttribute('data-author', '@capres_a');
    document.body.append(nested);
    const { link } = linkedPost('warga_biasa');
    const afterAdding = document.documentElement.outerHTML;
    await settle();
    link.setAttribute('href', '/capres_a'); // a recycled row
    const afterRecycling = document.documentElement.outerHTML;
    await settle();
    expect(document.documentElement.outerHTML).toBe(afterRecycling);
    expect(afterRecycling).toBe(afterAdding.replace('href="/warga_biasa"', 'href="/capres_a"'));
    // The scan did run: the tab knows, the page does not.
    expect(handle.isListed(added)).toBe(true);
    expect(handle.isListed(nested.firstElementChild!)).toBe(true);
    expect(document.querySelectorAll('[data-jaga-netral]')).toHaveLength(0);
  });
});
