/**
 * The TikTok adapter against reconstructed fixtures (tests/sites/tiktok/fixtures/, each says
 * where its markup shape comes from and what is inferred) and the demo page's markup; the
 * list canonicaliser's examples. happy-dom.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Resolution, SiteAdapter } from '../../lib/sites/types';
import { tiktokSite } from '../../lib/sites/tiktok';
import { bundledTiktokAdapter } from '../../lib/sites/tiktok/adapter';
import { canonicalTiktok } from '../../lib/sites/tiktok/urls';
import { siteForHost } from '../../lib/sites/registry';
import { countQueries } from '../support/dom-queries';

const tt: SiteAdapter = bundledTiktokAdapter(tiktokSite.hooks);

// Paths, not file: URLs: happy-dom replaces the global URL, which node:fs does not accept.
const FIXTURES = join(__dirname, 'tiktok/fixtures');
const DEMO = join(__dirname, '../fixtures/demo/tiktok.html');

const HOME = 'https://www.tiktok.com/';
const VIDEO = 'https://www.tiktok.com/@capres_contoh_a/video/7400000000000000001';
const at = (url: string) => new URL(url) as unknown as Location;

function load(name: string): void {
  document.body.innerHTML = readFileSync(join(FIXTURES, name), 'utf8');
}

function loadDemo(): void {
  const html = readFileSync(DEMO, 'utf8');
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? '';
  // Without its script: the adapter must read the static markup by itself.
  document.body.innerHTML = body.replace(/<script[\s\S]*?<\/script>/gi, '');
}

function $(selector: string, root: ParentNode = document): Element {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`fixture has no ${selector}`);
  return el;
}

function button(caption: string, root: ParentNode = document): Element {
  const b = [...root.querySelectorAll('button, [role="button"]')].find((x) => x.textContent?.trim() === caption);
  if (!b) throw new Error(`no button "${caption}"`);
  return b;
}

const post = (n: number) => tt.findPosts(document.body)[n];
const resolve = (target: Element, url = HOME) => tt.resolveControl(target, at(url));

/** `[action, [[relation, ...keys], …]]` of a resolution, for compact assertions. */
function summary(res: Resolution | null): unknown {
  if (!res) return null;
  if (res.type === 'menu-commit') return ['menu-commit', res.action];
  if (res.type === 'menu') return ['menu'];
  return [res.action, res.identities.map((i) => [i.relation, ...i.keys])];
}

function key(k: string, init: KeyboardEventInit = {}, target: EventTarget = document.body): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init });
  Object.defineProperty(e, 'target', { value: target });
  return e;
}

afterEach(() => {
  document.body.innerHTML = '';
});

const CAPRES = [['author', '@capres_contoh_a']];

describe('video containers per fixture', () => {
  // prettier-ignore
  const posts: Record<string, number> = {
    'feed-id.html': 2, 'feed-en.html': 2, 'feed-old.html': 2, 'feed-aria-only.html': 1, 'video-page-id.html': 1,
    'logged-out.html': 1, 'profile-id.html': 0, 'profile-following-en.html': 0, 'live-id.html': 0, 'unknown-markup.html': 0,
  };
  it('has a count for every fixture', () => {
    expect(readdirSync(FIXTURES).filter((f) => f.endsWith('.html')).sort()).toEqual(Object.keys(posts).sort());
  });
  it.each(Object.entries(posts))('%s', (fixture, n) => {
    load(fixture);
    expect(tt.findPosts(document.body).length).toBe(n);
  });
});

describe('For You feed in Indonesian (newer markup: button[aria-pressed] around span[data-e2e])', () => {
  it('resolves like, comment, share and the avatar’s follow to the video’s owner, from the icon or the button', () => {
    load('feed-id.html');
    const p = post(0);
    for (const sel of ['[data-e2e="like-icon"]', '[data-e2e="like-icon"] svg', '[data-e2e="like-count"]']) expect(summary(resolve($(sel, p))), sel).toEqual(['like', CAPRES]);
    expect(summary(resolve($('[data-e2e="comment-icon"] svg', p)))).toEqual(['comment', CAPRES]);
    expect(summary(resolve($('[data-e2e="share-icon"]', p)))).toEqual(['share', CAPRES]);
    expect(summary(resolve($('[data-e2e="feed-follow"] svg', p)))).toEqual(['follow', CAPRES]);
  });

  it('returns the button that carries the state, and shows the handle the page shows', () => {
    load('feed-id.html');
    const res = resolve($('[data-e2e="like-icon"] svg', post(0)));
    expect(res?.type === 'action' && res.control).toBe($('button[aria-label^="Suka video"]', post(0)));
    expect(res?.type === 'action' && res.identities[0].display).toBe('@capres_contoh_a');
  });

  it('resolves each control from its own container: the same icons exist once per rendered video', () => {
    load('feed-id.html');
    expect(summary(resolve($('[data-e2e="like-icon"]', post(1))))).toEqual(['like', [['author', '@warga_biasa']]]);
    expect(summary(resolve($('[data-e2e="share-icon"]', post(1))))).toEqual(['share', [['author', '@warga_biasa']]]);
  });

  it('never takes an @mention in the caption for the owner', () => {
    load('feed-id.html');
    expect(JSON.stringify(summary(resolve($('[data-e2e="like-icon"]', post(0)))))).not.toContain('timmenangcontoh');
    expect(tt.identitiesOf(post(1), at(HOME)).flatMap((i) => i.keys)).toEqual(['@warga_biasa']);
  });

  it('gives a suggested account’s "Ikuti" to that account; "Mengikuti" is never guarded', () => {
    load('feed-id.html');
    expect(summary(resolve(button('Ikuti')))).toEqual(['follow', [['suggested', '@timmenangcontoh']]]);
    expect(resolve(button('Mengikuti'))).toBeNull();
  });

  it('takes the button around an icon, never a far clickable ancestor', () => {
    load('feed-id.html');
    const p = post(0);
    const follow = $('[data-e2e="feed-follow"]', p);
    // A card made clickable far above a bare icon (no button of its own).
    follow.outerHTML = '<div role="button" id="card"><div><div><div><span data-e2e="feed-follow" id="icon"></span></div></div></div></div>';
    expect(resolve($('#icon'))?.control).toBe($('#icon'));
    expect(summary(resolve($('#icon')))).toEqual(['follow', CAPRES]);
    expect(resolve($('[data-e2e="like-icon"] svg', p))?.control).toBe($('button[aria-label^="Suka video"]', p));
  });

  it('ignores what is not a guarded control: favourites, the video, the caption, links', () => {
    load('feed-id.html');
    const p = post(0);
    for (const sel of ['[data-e2e="undefined-icon"]', 'video', '[data-e2e="video-desc"] a', 'h3[data-e2e="video-author-uniqueid"]', 'input[type="search"]']) {
      expect(resolve($(sel, sel === 'input[type="search"]' ? document : p)), sel).toBeNull();
    }
  });

  it('follows the owner when the feed refills a container with the next video (virtualised feed)', () => {
    load('feed-id.html');
    const p = post(0);
    const like = $('[data-e2e="like-icon"]', p);
    expect(summary(resolve(like))).toEqual(['like', CAPRES]);
    // The feed scrolls on: TikTok keeps the container and its buttons, and refills the owner.
    for (const a of p.querySelectorAll('a[href="/@capres_contoh_a"]')) a.setAttribute('href', '/@berita_netral');
    $('[data-e2e="video-author-uniqueid"]', p).textContent = 'berita_netral';
    expect(summary(resolve(like))).toEqual(['like', [['author', '@berita_netral']]]);
    expect(tt.identitiesOf(p, at(HOME)).flatMap((i) => i.keys)).toEqual(['@berita_netral']);
    const seen: string[] = [];
    tt.scanKeys(like, (_p, k) => seen.push(k));
    expect(seen).toEqual(['@berita_netral']);
  });
});

describe('Following feed in English (newer markup)', () => {
  it('folds the case of the handle and reads absolute profile links with a query', () => {
    load('feed-en.html');
    const ids = [['author', '@timmenangcontoh']];
    expect(summary(resolve($('[data-e2e="like-icon"]', post(0)), 'https://www.tiktok.com/following'))).toEqual(['like', ids]);
    expect(summary(resolve($('button[aria-label^="Read or add comments"]', post(0))))).toEqual(['comment', ids]);
    expect(summary(resolve($('[data-e2e="feed-follow"]', post(0))))).toEqual(['follow', ids]);
    const res = resolve($('[data-e2e="share-icon"]', post(0)));
    expect(res?.type === 'action' && res.identities[0].display).toBe('@TimMenangContoh');
  });

  it('never guards the heart of an already-liked video (aria-pressed), but still its comment and share', () => {
    load('feed-en.html');
    expect(resolve($('[data-e2e="like-icon"]', post(1)))).toBeNull();
    expect(resolve($('button[aria-pressed="true"]', post(1)))).toBeNull();
    expect(summary(resolve($('[data-e2e="comment-icon"]', post(1))))).toEqual(['comment', CAPRES]);
  });
});

describe('older markup generation (DivItemContainerV2, no aria-label on the buttons)', () => {
  it('resolves the icons and the "Follow" caption button to the owner', () => {
    load('feed-old.html');
    const p = post(0);
    expect(summary(resolve($('[data-e2e="like-icon"] svg', p)))).toEqual(['like', CAPRES]);
    expect(resolve($('[data-e2e="like-icon"]', p))?.control).toBe($('button.tiktok-bt-ButtonActionItem', p));
    expect(summary(resolve($('[data-e2e="comment-icon"]', p)))).toEqual(['comment', CAPRES]);
    expect(summary(resolve($('[data-e2e="share-icon"]', p)))).toEqual(['share', CAPRES]);
    expect(summary(resolve(button('Follow', p)))).toEqual(['follow', CAPRES]);
  });

  it('never guards "Following"', () => {
    load('feed-old.html');
    expect(resolve(button('Following'))).toBeNull();
    expect(summary(resolve($('[data-e2e="like-icon"]', post(1))))).toEqual(['like', [['author', '@berita_netral']]]);
  });
});

describe('labels only (no data-e2e): the fallbacks', () => {
  it('recognises the buttons by their Indonesian aria-labels and the owner by the first profile link', () => {
    load('feed-aria-only.html');
    const [like, comment, share, liked] = [...document.querySelectorAll('[role="button"]')];
    expect(summary(resolve(like.querySelector('svg')!))).toEqual(['like', CAPRES]);
    expect(summary(resolve(comment))).toEqual(['comment', CAPRES]);
    expect(summary(resolve(share))).toEqual(['share', CAPRES]);
    expect(resolve(liked)).toBeNull();
    expect(summary(resolve(button('Ikuti')))).toEqual(['follow', CAPRES]);
  });
});

describe('the video page', () => {
  const OWNER = [['author', 'id:7000000000000000001', '@capres_contoh_a']];

  it('resolves the browse icons and the follow button to the owner, with the id its share link shows', () => {
    load('video-page-id.html');
    expect(summary(resolve($('[data-e2e="browse-like-icon"]'), VIDEO))).toEqual(['like', OWNER]);
    expect(summary(resolve($('[data-e2e="browse-comment-icon"]'), VIDEO))).toEqual(['comment', OWNER]);
    expect(summary(resolve($('[data-e2e="browse-share-icon"] svg'), VIDEO))).toEqual(['share', OWNER]);
    expect(summary(resolve($('[data-e2e="browse-follow"]'), VIDEO))).toEqual(['follow', OWNER]);
  });

  it('never takes a commenter or a mention for the owner; a comment’s own heart is not a video like', () => {
    load('video-page-id.html');
    const keys = tt.identitiesOf(post(0), at(VIDEO)).flatMap((i) => i.keys);
    expect(keys).toEqual(['id:7000000000000000001', '@capres_contoh_a']);
    expect(resolve($('[data-e2e="comment-like-icon"]'), VIDEO)).toBeNull();
  });

  it('Enter in the comment box, and its Post button, comment on the owner; go ahead sends to the editor', () => {
    load('video-page-id.html');
    const editor = $('[data-e2e="comment-input"] [contenteditable="true"]');
    const res = tt.resolveSend(editor.querySelector('span') ?? editor, at(VIDEO));
    expect(summary(res)).toEqual(['comment', OWNER]);
    expect(res?.control).toBe(editor);
    // Disabled while the box is empty (nothing to send), enabled once there is text.
    expect(resolve($('[data-e2e="comment-post"]'), VIDEO)).toBeNull();
    $('[data-e2e="comment-post"]').setAttribute('aria-disabled', 'false');
    expect(summary(resolve($('[data-e2e="comment-post"]'), VIDEO))).toEqual(['comment', OWNER]);
    // By its label, a Post button counts only beside a comment box.
    const labelled = $('[data-e2e="comment-post"]');
    labelled.removeAttribute('data-e2e');
    labelled.setAttribute('aria-label', 'Posting');
    expect(summary(resolve(labelled, VIDEO))).toEqual(['comment', OWNER]);
    document.body.insertAdjacentHTML('beforeend', '<main><section><div><div><div role="button" id="elsewhere" aria-label="Posting">Posting</div></div></div></section></main>');
    expect(resolve($('#elsewhere'), VIDEO)).toBeNull();
    // Other text fields are no comment box.
    document.body.insertAdjacentHTML('beforeend', '<input type="search" id="q">');
    expect(tt.resolveSend($('#q'), at(VIDEO))).toBeNull();
  });

  it('a double click on the video likes it; go ahead presses its like button', () => {
    load('video-page-id.html');
    const res = tt.resolveDoubleTap($('video'), at(VIDEO));
    expect(summary(res)).toEqual(['like', OWNER]);
    expect(res?.control).toBe($('button[aria-label^="Suka video"]'));
    expect(tt.resolveDoubleTap($('[data-e2e="browse-video-desc"]'), at(VIDEO))).toBeNull();
    $('button[aria-label^="Suka video"]').setAttribute('aria-pressed', 'true');
    expect(tt.resolveDoubleTap($('video'), at(VIDEO))).toBeNull(); // already liked: nothing to add
  });

  it('without an owner in the markup, the page’s /@handle/video/<id> names it', () => {
    load('video-page-id.html');
    for (const el of document.querySelectorAll('[data-e2e="browse-user-avatar"], [data-e2e="browse-username"]')) el.remove();
    for (const a of document.querySelectorAll('a[href="/@capres_contoh_a"], a[href*="/share/user/"]')) a.remove();
    expect(tt.identitiesOf(post(0), at(VIDEO))).toEqual([]); // not the mention, not a commenter
    expect(summary(resolve($('[data-e2e="browse-like-icon"]'), VIDEO))).toEqual(['like', CAPRES]);
  });
});

describe('logged out', () => {
  it('resolves the same controls (a warning before the login prompt is harmless); the login button is nothing', () => {
    load('logged-out.html');
    expect(summary(resolve($('[data-e2e="browse-like-icon"]'), VIDEO))).toEqual(['like', CAPRES]);
    expect(summary(resolve(button('Follow'), VIDEO))).toEqual(['follow', CAPRES]);
    expect(resolve($('[data-e2e="top-login-button"]'), VIDEO)).toBeNull();
    expect(tt.resolveSend($('a[href="/login"]'), at(VIDEO))).toBeNull();
  });
});

describe('profiles, cards and live rooms', () => {
  const PROFILE = 'https://www.tiktok.com/@timmenangcontoh';

  it('gives the profile’s follow button to the profile (location and h1)', () => {
    load('profile-id.html');
    const res = resolve($('[data-e2e="follow-button"]'), PROFILE);
    expect(summary(res)).toEqual(['follow', [['profile', '@timmenangcontoh']]]);
    expect(res?.type === 'action' && res.identities[0].display).toBe('@timmenangcontoh');
  });

  it('gives a suggested card’s and a hover card’s "Ikuti" to their account, not the profile', () => {
    load('profile-id.html');
    const [hover, side] = [...document.querySelectorAll('[role="dialog"] button, aside button')];
    expect(summary(resolve(hover, PROFILE))).toEqual(['follow', [['suggested', '@berita_netral']]]);
    expect(summary(resolve(side, PROFILE))).toEqual(['follow', [['suggested', '@capres_contoh_a']]]);
    expect(resolve(button('Mengikuti'), PROFILE)).toBeNull();
  });

  it('never guards "Following" on a followed profile', () => {
    load('profile-following-en.html');
    expect(resolve($('[data-e2e="follow-button"] span'), 'https://www.tiktok.com/@capres_contoh_a')).toBeNull();
    expect(resolve(button('Message'), 'https://www.tiktok.com/@capres_contoh_a')).toBeNull();
  });

  it('gives a live room’s "Ikuti" to its host', () => {
    load('live-id.html');
    const res = resolve(button('Ikuti'), 'https://www.tiktok.com/@capres_contoh_a/live');
    expect(summary(res)).toEqual(['follow', [['profile', '@capres_contoh_a']]]);
  });
});

describe('the like key', () => {
  it('`l` likes the video on screen (TikTok marks it active); go ahead presses its like button', () => {
    load('feed-id.html');
    const res = tt.resolveShortcut(key('l'), at(HOME));
    expect(summary(res)).toEqual(['like', CAPRES]);
    expect(res?.control).toBe($('button[aria-label^="Suka video"]', post(0)));
    expect(summary(tt.resolveShortcut(key('L', { shiftKey: true }), at(HOME)))).toEqual(['like', CAPRES]);
  });

  it('follows the active mark when the next video is on screen', () => {
    load('feed-id.html');
    const mark = $('[data-e2e="feed-active-video"]');
    $('section', post(1)).prepend(mark);
    expect(summary(tt.resolveShortcut(key('l'), at(HOME)))).toEqual(['like', [['author', '@warga_biasa']]]);
  });

  it('is nothing while typing, with a modifier, for other keys, or when the video is already liked', () => {
    load('video-page-id.html');
    const editor = $('[contenteditable="true"]');
    expect(summary(tt.resolveShortcut(key('l'), at(VIDEO)))).toEqual(['like', [['author', 'id:7000000000000000001', '@capres_contoh_a']]]);
    expect(tt.resolveShortcut(key('l', {}, editor), at(VIDEO))).toBeNull();
    expect(tt.resolveShortcut(key('l', { ctrlKey: true }), at(VIDEO))).toBeNull();
    expect(tt.resolveShortcut(key('k'), at(VIDEO))).toBeNull();
    $('button[aria-label^="Suka video"]').setAttribute('aria-pressed', 'true');
    expect(tt.resolveShortcut(key('l'), at(VIDEO))).toBeNull();
  });

  it('is nothing when no video can be told to be on screen', () => {
    load('feed-en.html'); // two videos, no active mark, no layout in happy-dom
    expect(tt.resolveShortcut(key('l'), at(HOME))).toBeNull();
    load('profile-id.html');
    expect(tt.resolveShortcut(key('l'), at('https://www.tiktok.com/@timmenangcontoh'))).toBeNull();
  });
});

describe('double tap in the feed', () => {
  it('on a feed video likes that video’s owner; elsewhere nothing', () => {
    load('feed-id.html');
    expect(summary(tt.resolveDoubleTap($('video', post(1)), at(HOME)))).toEqual(['like', [['author', '@warga_biasa']]]);
    expect(tt.resolveDoubleTap($('[data-e2e="like-icon"]', post(0)), at(HOME))).toBeNull();
    expect(tt.resolveDoubleTap($('[data-e2e="video-desc"]', post(0)), at(HOME))).toBeNull();
  });
});

describe('unknown or changed markup', () => {
  it('resolves nothing, finds no video, scans nothing and never throws', () => {
    load('unknown-markup.html');
    for (const el of [document.body, ...document.body.querySelectorAll('*')]) {
      expect(resolve(el)).toBeNull();
      expect(tt.resolveDoubleTap(el, at(HOME))).toBeNull();
      expect(tt.resolveSend(el, at(HOME))).toBeNull();
      let visits = 0;
      tt.scanKeys(el, () => visits++);
      expect(visits).toBe(0);
    }
    expect(tt.findPosts(document.body)).toEqual([]);
    expect(tt.resolveShortcut(key('l'), at(HOME))).toBeNull();
  });

  it('survives junk: detached elements, odd hrefs and locations, non-elements', () => {
    const junk = [null, undefined, document, document.createTextNode('x'), {}] as unknown as Element[];
    for (const j of junk) {
      expect(() => tt.resolveControl(j, at(HOME))).not.toThrow();
      expect(tt.resolveControl(j, at(HOME))).toBeNull();
      expect(tt.findPosts(j)).toEqual([]);
      expect(tt.identitiesOf(j, at(HOME))).toEqual([]);
      expect(() => tt.scanKeys(j, () => {})).not.toThrow();
    }
    const div = document.createElement('div');
    div.innerHTML =
      '<article data-e2e="recommend-list-item-container"><a href="javascript:void(0)">x</a><a href="http://[bad">y</a><a href="https://example.com/@capres_contoh_a">z</a><a href="/@x">one letter</a><button aria-pressed="false"><span data-e2e="like-icon"></span></button></article>';
    expect(tt.resolveControl($('[data-e2e="like-icon"]', div), at(HOME))).toBeNull();
    expect(tt.resolveControl($('[data-e2e="like-icon"]', div), { href: '::' } as Location)).toBeNull();
    let visits = 0;
    tt.scanKeys(div, () => visits++);
    expect(visits).toBe(0);
  });
});

describe('scanKeys: the scan’s fast path', () => {
  function scan(root: Element): Map<Element, string[]> {
    const got = new Map<Element, string[]>();
    tt.scanKeys(root, (p, k) => got.set(p, [...(got.get(p) ?? []), k]));
    return got;
  }
  const FILES = readdirSync(FIXTURES).filter((f) => f.endsWith('.html')).sort();
  const pages = [...FILES.map((f) => [f, () => load(f)] as const), ['demo tiktok.html', loadDemo] as const];

  it.each(pages)('%s: each video’s keys equal identitiesOf’s, each once', (_name, open) => {
    open();
    const posts = tt.findPosts(document.body);
    const got = scan(document.body);
    for (const p of got.keys()) expect(posts).toContain(p);
    for (const p of posts) {
      const want = tt.identitiesOf(p, at(HOME)).flatMap((i) => i.keys);
      const have = got.get(p) ?? [];
      expect(new Set(have)).toEqual(new Set(want));
      expect(have.length).toBe(new Set(have).size);
    }
  });

  it('reads owners, not mentions or commenters, and the id a share link shows', () => {
    load('feed-id.html');
    expect([...scan(document.body).values()]).toEqual([['@capres_contoh_a'], ['@warga_biasa']]);
    load('video-page-id.html');
    expect([...scan(document.body).values()]).toEqual([['id:7000000000000000001', '@capres_contoh_a']]);
  });

  it('makes one query for a whole feed', () => {
    loadDemo();
    expect(countQueries(() => scan(document.body))).toBe(1);
    load('feed-id.html');
    expect(countQueries(() => scan(document.body))).toBe(1);
  });

  it('scans the root itself, or the container around a root inside it', () => {
    load('feed-id.html');
    const p = post(0);
    const want = [[p, ['@capres_contoh_a']]];
    expect([...scan(p)]).toEqual(want);
    for (const el of [$('[data-e2e="video-author-uniqueid"]', p), $('[data-e2e="video-desc"] a', p), $('[data-e2e="like-icon"]', p)]) expect([...scan(el)]).toEqual(want);
    expect(scan($('nav')).size).toBe(0);
  });
});

describe('the demo page (tests/fixtures/demo/tiktok.html), markup only', () => {
  it('shows the demo banner and the log, and marks each container', () => {
    loadDemo();
    expect(document.body.textContent).toContain('Halaman demo — bukan tiktok.com sungguhan. Semua akun fiktif.');
    expect(document.querySelector('ol#demo-log')).not.toBeNull();
    expect(tt.findPosts(document.body).map((p) => p.getAttribute('data-demo-post'))).toEqual(['v1', 'v2']);
  });

  it('resolves each video’s controls, double click and the like key to its owner', () => {
    loadDemo();
    const want: Record<string, unknown> = { v1: CAPRES, v2: [['author', '@warga_biasa']] };
    for (const [id, ids] of Object.entries(want)) {
      const p = $(`[data-demo-post="${id}"]`);
      expect(summary(resolve($('[data-e2e="like-icon"]', p))), id).toEqual(['like', ids]);
      expect(summary(resolve($('[data-e2e="comment-icon"]', p))), id).toEqual(['comment', ids]);
      expect(summary(resolve($('[data-e2e="share-icon"]', p))), id).toEqual(['share', ids]);
      expect(summary(resolve($('[data-e2e="feed-follow"]', p))), id).toEqual(['follow', ids]);
      expect(summary(tt.resolveDoubleTap($('[data-e2e="feed-video"] .xgplayer', p), at(HOME))), id).toEqual(['like', ids]);
    }
    expect(summary(tt.resolveShortcut(key('l'), at(HOME)))).toEqual(['like', CAPRES]);
    expect(summary(resolve(button('Ikuti')))).toEqual(['follow', [['suggested', '@timmenangcontoh']]]);
  });

  it('the registry’s demo selectors find the listed candidate’s video, its like and the double-tap target', () => {
    loadDemo();
    const { listedPost, listedLike, ready, feature } = tiktokSite.demo;
    expect(document.querySelectorAll(listedPost).length).toBe(1);
    expect(summary(resolve($(listedLike)))).toEqual(['like', CAPRES]);
    expect(document.querySelectorAll(ready).length).toBe(4);
    const target = $(feature!.steps[0].target);
    expect(summary(tt.resolveDoubleTap(target, at(HOME)))).toEqual(['like', CAPRES]);
    for (const k of tiktokSite.demo.listedKeys) expect($(listedPost).outerHTML).toContain(k);
  });
});

describe('the registry entry', () => {
  it('runs on www.tiktok.com only, and finds the site by host', () => {
    expect(tiktokSite.matches).toEqual(['https://www.tiktok.com/*']);
    expect(siteForHost('www.tiktok.com')?.id).toBe('tiktok');
    expect(siteForHost('tiktok.com.evil.example')).toBeNull();
  });
});

describe('canonicalTiktok examples', () => {
  const cases: [string, string | null][] = [
    ['@capres_contoh_a', '@capres_contoh_a'],
    ['Capres_Contoh_A', '@capres_contoh_a'],
    ['  @tim.menang  ', '@tim.menang'],
    ['https://www.tiktok.com/@capres_contoh_a', '@capres_contoh_a'],
    ['https://tiktok.com/@Capres_Contoh_A/', '@capres_contoh_a'],
    ['www.tiktok.com/@capres_contoh_a?lang=id&is_from_webapp=1', '@capres_contoh_a'],
    ['tiktok.com/@capres_contoh_a/video/7400000000000000001', '@capres_contoh_a'],
    ['https://m.tiktok.com/@capres_contoh_a/video/7400000000000000001?_r=1#x', '@capres_contoh_a'],
    ['https://www.tiktok.com/@timmenangcontoh/live', '@timmenangcontoh'],
    ['id:7000000000000000001', 'id:7000000000000000001'],
    ['ID: 7000000000000000001', 'id:7000000000000000001'],
    ['https://www.tiktok.com/share/user/7000000000000000001', 'id:7000000000000000001'],
    ['id:abc', null],
    ['https://www.tiktok.com/foryou', null],
    ['https://www.tiktok.com/tag/pemilu', null],
    ['https://vm.tiktok.com/ZMabc123/', null],
    ['https://www.instagram.com/@capres_contoh_a', null],
    ['@a', null],
    ['@nama-dengan-strip', null],
    ['@' + 'a'.repeat(25), null],
    ['', null],
  ];
  it.each(cases)('%s → %s', (raw, want) => {
    expect(canonicalTiktok(raw)?.key ?? null).toBe(want);
  });
  it('keeps the spelling for display', () => {
    expect(canonicalTiktok('https://www.tiktok.com/@Capres_Contoh_A')?.display).toBe('@Capres_Contoh_A');
    expect(canonicalTiktok('Capres_Contoh_A')?.display).toBe('@Capres_Contoh_A');
  });
});
