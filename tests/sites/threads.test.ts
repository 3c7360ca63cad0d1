/**
 * The Threads adapter against reconstructed Threads pages (tests/sites/threads/fixtures/, each
 * says where its shape comes from) and against the demo page (tests/fixtures/demo/threads.html);
 * and the canonical keys of Threads list rows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { siteForHost } from '../../lib/sites/registry';
import { threadsSite } from '../../lib/sites/threads';
import { bundledThreadsAdapter } from '../../lib/sites/threads/adapter';
import { canonicalThreads, threadsHandleFromPath } from '../../lib/sites/threads/urls';
import type { Identity, Resolution } from '../../lib/sites/types';

const adapter = bundledThreadsAdapter(threadsSite.hooks);

const FIXTURES = join(process.cwd(), 'tests/sites/threads/fixtures');
const DEMO = join(process.cwd(), 'tests/fixtures/demo/threads.html');

function bodyOf(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  return body.replace(/<script\b[\s\S]*?<\/script>/gi, '');
}
function load(name: string): void {
  document.body.innerHTML = bodyOf(readFileSync(join(FIXTURES, name), 'utf8'));
}

const at = (url: string) => new URL(url) as unknown as Location;
const HOME = at('https://www.threads.com/');

const POST = '[data-pressable-container="true"]';
/** The outermost posts, in document order. */
const posts = () => [...document.querySelectorAll(POST)].filter((p) => !p.parentElement?.closest(POST));
const post = (i: number) => posts()[i];
/** The role=button around the icon labelled `label` in `root` (outside quoted posts' own boxes). */
function button(root: ParentNode, label: string): Element {
  const icon = root.querySelector(`svg[aria-label="${label}"]`);
  const b = icon?.closest('[role="button"]') ?? root.querySelector(`[role="button"][aria-label="${label}"]`);
  if (!b) throw new Error(`no ${label} button`);
  return b;
}
function captioned(root: ParentNode, caption: string): Element {
  /** Its visible text: an icon's <title> is no caption. */
  const shown = (el: Element) => {
    const c = el.cloneNode(true) as Element;
    for (const t of c.querySelectorAll('svg')) t.remove();
    return (c.textContent ?? '').trim();
  };
  const b = [...root.querySelectorAll('[role="button"], [role="menuitem"]')].find((el) => shown(el) === caption);
  if (!b) throw new Error(`no "${caption}"`);
  return b;
}

function said(r: Resolution | null) {
  if (!r) return null;
  const ids = 'identities' in r ? r.identities.map(idn) : undefined;
  return { type: r.type, ...('action' in r ? { action: r.action } : {}), ...(ids ? { ids } : {}) };
}
const idn = (i: Identity) => `${i.relation} ${i.keys.join(' ')}`;
const click = (el: Element, url = HOME) => said(adapter.resolveControl(el, url));
const act = (action: string, ...ids: string[]) => ({ type: 'action', action, ids });

beforeEach(() => {
  (document.activeElement as HTMLElement | null)?.blur?.();
  document.body.innerHTML = '';
});

describe('Threads list rows: canonical keys (lib/sites/threads/urls.ts)', () => {
  it.each([
    ['@capres_contoh_a', '@capres_contoh_a'],
    ['capres_contoh_a', '@capres_contoh_a'],
    ['  @Capres_Contoh_A ', '@capres_contoh_a'],
    ['https://www.threads.net/@capres_contoh_a', '@capres_contoh_a'],
    ['https://www.threads.com/@capres_contoh_a', '@capres_contoh_a'],
    ['https://threads.net/@capres_contoh_a/', '@capres_contoh_a'],
    ['www.threads.com/@Capres_Contoh_A?igshid=abc&x=1', '@capres_contoh_a'],
    ['threads.net/@capres_contoh_a#top', '@capres_contoh_a'],
    ['http://www.threads.net/@tim.menang.contoh', '@tim.menang.contoh'],
    ['https://www.threads.com/@capres_contoh_a/post/DCapresA0001', '@capres_contoh_a'],
    ['https://www.threads.net/@capres_contoh_a/post/DCapresA0001?xmt=AQG', '@capres_contoh_a'],
    ['https://www.threads.com/%40capres_contoh_a', '@capres_contoh_a'],
  ])('%s → %s', (raw, key) => {
    expect(canonicalThreads(raw)?.key).toBe(key);
  });

  it.each([
    'https://www.threads.com/',
    'https://www.threads.com/search?q=capres',
    'https://www.threads.net/capres_contoh_a', // a Threads profile is always /@name
    'https://www.instagram.com/capres_contoh_a', // another site
    'https://x.com/capres_contoh_a',
    'https://www.threads.com/@', // no name
    '@capres contoh', // not a username
    '@' + 'a'.repeat(31), // too long
    'capres/contoh',
    '',
  ])('%s → nothing', (raw) => {
    expect(canonicalThreads(raw)).toBeNull();
  });

  it('shows the name as written, keyed in lower case', () => {
    expect(canonicalThreads('https://www.threads.net/@TimMenangContoh/')).toEqual({ key: '@timmenangcontoh', display: '@TimMenangContoh' });
  });

  it('reads the account of a page path', () => {
    expect(threadsHandleFromPath('/@Capres_Contoh_A')).toBe('@capres_contoh_a');
    expect(threadsHandleFromPath('/@capres_contoh_a/post/DCapresA0001')).toBe('@capres_contoh_a');
    expect(threadsHandleFromPath('/search')).toBeNull();
    expect(threadsHandleFromPath('/')).toBeNull();
  });
});

describe('the site’s declaration', () => {
  it('runs on exactly www.threads.com and www.threads.net, one identity', () => {
    expect([...threadsSite.matches].sort()).toEqual(['https://www.threads.com/*', 'https://www.threads.net/*']);
    expect(siteForHost('www.threads.com')?.id).toBe('threads');
    expect(siteForHost('www.threads.net')?.id).toBe('threads');
    expect(siteForHost('threads.example.com')).toBeNull();
    expect(adapter.site).toBe('threads');
    expect(adapter.platform).toBe('threads');
  });

  it('the demo descriptors find what they say on the demo page', () => {
    document.body.innerHTML = bodyOf(readFileSync(DEMO, 'utf8'));
    const d = threadsSite.demo;
    const listed = document.querySelector(d.listedPost)!;
    expect(listed).not.toBeNull();
    expect(document.querySelectorAll(d.listedPost)).toHaveLength(1);
    expect(click(document.querySelector(d.listedLike)!)).toEqual(act('like', 'author @capres_contoh_a'));
    expect(document.querySelectorAll(d.ready).length).toBeGreaterThan(4);
    for (const k of d.listedKeys) expect(listed.outerHTML).toContain(k);
    // The feature's first step opens the menu (not warned); its item is in the page's menu template.
    expect(click(document.querySelector(d.feature!.steps[0].target)!)?.type).toBe('menu');
  });
});

describe('feed, Indonesian UI (2025 action bar)', () => {
  beforeEach(() => load('feed-id.html'));

  it('resolves every control of the listed candidate’s post to its author', () => {
    const p = post(0);
    expect(click(button(p, 'Suka'))).toEqual(act('like', 'author @capres_contoh_a'));
    expect(click(p.querySelector('svg[aria-label="Suka"] path')!)).toEqual(act('like', 'author @capres_contoh_a'));
    expect(click(button(p, 'Balas'))).toEqual(act('comment', 'author @capres_contoh_a'));
    expect(click(button(p, 'Bagikan'))).toEqual(act('share', 'author @capres_contoh_a'));
    expect(click(button(p, 'Ikuti'))).toEqual(act('follow', 'author @capres_contoh_a'));
    // The repost button only opens the menu: the guard remembers whose post it was.
    expect(click(button(p, 'Posting ulang'))).toEqual({ type: 'menu', ids: ['author @capres_contoh_a'] });
    // The count beside the icon is part of the button.
    expect(click(p.querySelector('.x17qophe')!)).toEqual(act('like', 'author @capres_contoh_a'));
  });

  it('the repost menu’s items commit a share; the menu itself is no control', () => {
    const menu = document.querySelector('[role="menu"]')!;
    expect(click(captioned(menu, 'Posting ulang'))).toEqual({ type: 'menu-commit', action: 'share' });
    expect(click(captioned(menu, 'Kutip').querySelector('span')!)).toEqual({ type: 'menu-commit', action: 'share' });
    expect(click(menu)).toBeNull();
  });

  it('a mention in the text does not make a post about the mentioned account', () => {
    expect(click(button(post(1), 'Suka'))).toEqual(act('like', 'author @warga_biasa'));
    expect(adapter.identitiesOf(post(1), HOME).map(idn)).toEqual(['author @warga_biasa']);
  });

  it('a repost by someone else is about the original author', () => {
    expect(click(button(post(2), 'Suka'))).toEqual(act('like', 'original @timmenangcontoh'));
    expect(click(button(post(2), 'Ikuti'))).toEqual(act('follow', 'author @timmenangcontoh'));
  });

  it('a quote names the quoting author, then the quoted one', () => {
    expect(click(button(post(3), 'Suka'))).toEqual(act('like', 'author @berita_netral', 'quoted @capres_contoh_a'));
    expect(click(button(post(3), 'Posting ulang'))).toEqual({ type: 'menu', ids: ['author @berita_netral', 'quoted @capres_contoh_a'] });
  });

  it('other buttons and plain content are no action', () => {
    expect(click(button(post(0), 'Lainnya'))).toBeNull();
    expect(click(post(0).querySelector('span[dir="auto"]')!)).toBeNull();
    expect(click(post(0).querySelector('time')!)).toBeNull();
    expect(click(post(0))).toBeNull();
  });
});

describe('feed, English UI (2023 action bar)', () => {
  beforeEach(() => load('feed-en.html'));

  it('resolves like, reply, repost and share by the English icon labels', () => {
    const p = post(0);
    expect(click(button(p, 'Like'))).toEqual(act('like', 'author @capres_contoh_a'));
    expect(click(button(p, 'Reply'))).toEqual(act('comment', 'author @capres_contoh_a'));
    expect(click(button(p, 'Repost'))).toEqual({ type: 'menu', ids: ['author @capres_contoh_a'] });
    expect(click(button(p, 'Share'))).toEqual(act('share', 'author @capres_contoh_a'));
    expect(click(button(p, 'More'))).toBeNull();
  });

  it('“<name> reposted” with absolute links: the original author', () => {
    expect(click(button(post(1), 'Like'))).toEqual(act('like', 'original @timmenangcontoh'));
  });

  it('the older menu’s role=button items commit', () => {
    const menu = document.querySelector('[role="menu"]')!;
    expect(click(captioned(menu, 'Repost'))).toEqual({ type: 'menu-commit', action: 'share' });
    expect(click(captioned(menu, 'Quote'))).toEqual({ type: 'menu-commit', action: 'share' });
  });

  it('a suggested account’s Follow follows that account', () => {
    const rows = [...document.querySelectorAll('[role="main"] > div.x1n2onr6 > div')];
    expect(click(captioned(rows[0], 'Follow'))).toEqual(act('follow', 'suggested @timmenangcontoh'));
    expect(click(captioned(rows[1], 'Follow'))).toEqual(act('follow', 'suggested @berita_netral'));
  });
});

describe('an action bar labelled on its buttons (inferred newer generation)', () => {
  beforeEach(() => load('action-bar-labelled.html'));

  it('reads the button’s own aria-label', () => {
    expect(click(button(post(0), 'Suka'))).toEqual(act('like', 'author @capres_contoh_a'));
    expect(click(button(post(0), 'Balas').querySelector('svg')!)).toEqual(act('comment', 'author @capres_contoh_a'));
    expect(click(button(post(0), 'Posting ulang'))?.type).toBe('menu');
  });
  it('an already-liked post un-likes: never guarded', () => {
    expect(click(button(post(1), 'Batal suka'))).toBeNull();
  });
});

describe('a post page', () => {
  const URL_ = at('https://www.threads.com/@capres_contoh_a/post/DCapresA0001');
  beforeEach(() => load('post-page.html'));

  it('replies are their own posts, by their own authors', () => {
    expect(posts()).toHaveLength(3);
    expect(click(button(post(0), 'Suka'), URL_)).toEqual(act('like', 'author @capres_contoh_a'));
    expect(click(button(post(1), 'Suka'), URL_)).toEqual(act('like', 'author @warga_biasa'));
    expect(click(button(post(2), 'Balas'), URL_)).toEqual(act('comment', 'author @timmenangcontoh'));
  });

  it('the reply composer’s “Posting” replies to the focal post; elsewhere it writes a new post', () => {
    const send = captioned(document, 'Posting');
    expect(click(send, URL_)).toEqual(act('comment', 'author @capres_contoh_a'));
    expect(click(send.firstElementChild!, URL_)).toEqual(act('comment', 'author @capres_contoh_a'));
    expect(click(send, HOME)).toBeNull();
    expect(click(send, at('https://www.threads.com/@capres_contoh_a/post/OTHER'))).toBeNull();
  });

  it('Ctrl/Cmd+Enter in that composer sends; plain Enter and other keys are text', () => {
    const box = document.querySelector('[role="textbox"]')!;
    const key = (init: KeyboardEventInit) => {
      const e = new KeyboardEvent('keydown', { bubbles: true, ...init });
      Object.defineProperty(e, 'target', { value: box });
      return said(adapter.resolveShortcut(e, URL_));
    };
    expect(key({ key: 'Enter', ctrlKey: true })).toEqual(act('comment', 'author @capres_contoh_a'));
    expect(key({ key: 'Enter', metaKey: true })).toEqual(act('comment', 'author @capres_contoh_a'));
    expect(adapter.resolveShortcut(Object.defineProperty(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true }), 'target', { value: box }), HOME)).toBeNull();
    expect(key({ key: 'Enter' })).toBeNull();
    expect(key({ key: 'l' })).toBeNull();
    expect(said(adapter.resolveSend(box, URL_))).toBeNull();
  });

  it('binds no single-key shortcut (Threads lists none)', () => {
    (button(post(0), 'Suka') as HTMLElement).focus();
    for (const k of ['l', 'r', 't', 'j', 'k', ' ']) expect(adapter.resolveShortcut(new KeyboardEvent('keydown', { key: k }), URL_)).toBeNull();
    expect(threadsSite.hooks.shortcuts).toEqual({});
  });
});

describe('the modal reply composer', () => {
  it('its “Post” is not guarded again (the Reply icon that opened it was)', () => {
    load('reply-dialog.html');
    const dialog = document.querySelector('[role="dialog"]')!;
    expect(click(captioned(dialog, 'Post'), at('https://www.threads.com/@capres_contoh_a/post/DCapresA0001'))).toBeNull();
    expect(click(button(post(0), 'Reply'))).toEqual(act('comment', 'author @capres_contoh_a'));
  });
});

describe('a profile', () => {
  const PROFILE = at('https://www.threads.com/@capres_contoh_a');

  it('the header’s Ikuti follows the profile in the URL; a suggestion card’s follows its account', () => {
    load('profile-id.html');
    const [header, card] = [...document.querySelectorAll('[role="button"]')].filter((b) => b.textContent === 'Ikuti');
    expect(click(header, PROFILE)).toEqual(act('follow', 'profile @capres_contoh_a'));
    // A suggestion card under the header follows its own account, not the profile.
    expect(click(card, PROFILE)).toEqual(act('follow', 'suggested @timmenangcontoh'));
    expect(click(captioned(document, 'Sebut'), PROFILE)).toBeNull();
  });

  it('a repost BY the listed account is about the original author only', () => {
    load('profile-id.html');
    expect(click(button(post(1), 'Suka'), PROFILE)).toEqual(act('like', 'original @warga_biasa'));
  });

  it('undo states are never guarded', () => {
    load('undo-states.html');
    const url = at('https://www.threads.com/@timmenangcontoh');
    expect(click(captioned(document, 'Mengikuti'), url)).toBeNull();
    expect(click(captioned(document, 'Diminta'), url)).toBeNull();
    expect(click(button(post(0), 'Batal suka'), url)).toBeNull();
    expect(click(button(post(0), 'Batal suka').querySelector('path')!, url)).toBeNull();
    const menu = document.querySelector('[role="menu"]')!;
    expect(click(captioned(menu, 'Hapus'), url)).toBeNull();
    expect(click(captioned(menu, 'Kutip'), url)).toEqual({ type: 'menu-commit', action: 'share' });
    // What is not undone is still guarded.
    expect(click(button(post(0), 'Balas'), url)).toEqual(act('comment', 'author @timmenangcontoh'));
  });
});

describe('logged out', () => {
  it('posts still resolve; “Log in” is no follow', () => {
    load('logged-out.html');
    const url = at('https://www.threads.net/@capres_contoh_a');
    expect(click(button(post(0), 'Like'), url)).toEqual(act('like', 'author @capres_contoh_a'));
    expect(click(captioned(document, 'Log in'), url)).toBeNull();
    expect(click(document.querySelector('a[href="/login"]')!, url)).toBeNull();
  });
});

describe('unknown markup', () => {
  it('gives nothing and throws nothing', () => {
    load('unknown-markup.html');
    const url = at('https://www.threads.com/@capres_contoh_a/post/DCapresA0001');
    for (const el of document.body.querySelectorAll('*')) {
      expect(adapter.resolveControl(el, url)).toBeNull();
      expect(adapter.resolveDoubleTap(el, url)).toBeNull();
      expect(adapter.resolveSend(el, url)).toBeNull();
    }
    expect(adapter.findPosts(document.body)).toEqual([]);
    const keys: string[] = [];
    adapter.scanKeys(document.body, (_p, k) => keys.push(k));
    expect(keys).toEqual([]);
  });

  it('survives junk input', () => {
    for (const j of [null, undefined, 1, 'x', {}, document, document.createTextNode('t')] as unknown as Element[]) {
      expect(adapter.resolveControl(j, HOME)).toBeNull();
      expect(adapter.findPosts(j)).toEqual([]);
      expect(adapter.identitiesOf(j, HOME)).toEqual([]);
      expect(() => adapter.scanKeys(j, () => {})).not.toThrow();
    }
    expect(adapter.resolveShortcut({} as KeyboardEvent, HOME)).toBeNull();
  });
});

describe('findPosts, scanKeys and identitiesOf agree on every page', () => {
  const pages = [
    ...readdirSync(FIXTURES).filter((f) => f.endsWith('.html')).sort().map((name) => [name, () => load(name)] as const),
    ['demo threads.html', () => (document.body.innerHTML = bodyOf(readFileSync(DEMO, 'utf8')))] as const,
  ];

  it.each(pages)('%s', (_name, open) => {
    open();
    const found = adapter.findPosts(document.body);
    expect(found).toEqual(posts());
    const got = new Map<Element, string[]>();
    adapter.scanKeys(document.body, (p, k) => got.set(p, [...(got.get(p) ?? []), k]));
    for (const p of got.keys()) expect(found).toContain(p);
    for (const p of found) {
      const want = adapter.identitiesOf(p, HOME).flatMap((i) => i.keys);
      const have = got.get(p) ?? [];
      expect(new Set(have), p.outerHTML.slice(0, 80)).toEqual(new Set(want));
      expect(have.length).toBe(new Set(have).size);
    }
    // A subtree inside a post (a link Threads re-rendered) scans as its post.
    const first = found[0];
    if (first) {
      const inner: string[] = [];
      adapter.scanKeys(first.querySelector('a')!, (p, k) => (expect(p).toBe(first), inner.push(k)));
      expect(new Set(inner)).toEqual(new Set(adapter.identitiesOf(first, HOME).flatMap((i) => i.keys)));
    }
  });

  it('visits the original author of a repost, not the reposter; both authors of a quote', () => {
    load('feed-id.html');
    const keys = (p: Element) => {
      const out: string[] = [];
      adapter.scanKeys(p, (_q, k) => out.push(k));
      return out;
    };
    expect(keys(post(2))).toEqual(['@timmenangcontoh']);
    expect(keys(post(3))).toEqual(['@berita_netral', '@capres_contoh_a']);
    expect(adapter.findPosts(post(3))).toEqual([post(3)]);
  });

  it('falls back to the avatar’s profile link when a post has no permalink', () => {
    load('feed-id.html');
    const p = post(1);
    p.querySelector('a[href*="/post/"]')!.remove();
    expect(adapter.identitiesOf(p, HOME).map(idn)).toEqual(['author @warga_biasa']);
    const q = post(2);
    q.querySelector('a[href*="/post/"]')!.remove();
    // The reposter's line is skipped: the avatar is the original author's.
    expect(adapter.identitiesOf(q, HOME).map(idn)).toEqual(['original @timmenangcontoh']);
  });

  it('reads the DOM at the moment of the action (a recycled row names its new author)', () => {
    load('feed-id.html');
    const like = button(post(1), 'Suka');
    expect(click(like)).toEqual(act('like', 'author @warga_biasa'));
    for (const a of post(1).querySelectorAll('a[href^="/@warga_biasa"]')) a.setAttribute('href', a.getAttribute('href')!.replace('warga_biasa', 'capres_contoh_a'));
    expect(click(like)).toEqual(act('like', 'author @capres_contoh_a'));
  });
});
