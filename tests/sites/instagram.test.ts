/**
 * The Instagram adapter against reconstructed fixtures (tests/sites/instagram/fixtures/, each
 * says where its markup shape comes from) and the demo page's markup; the list canonicaliser
 * for `instagram` rows. happy-dom.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Resolution, SiteAdapter } from '../../lib/sites/types';
import { instagramSite } from '../../lib/sites/instagram';
import { bundledInstagramAdapter } from '../../lib/sites/instagram/adapter';
import { canonicalInstagram } from '../../lib/sites/instagram/urls';
import { canonicalThreads } from '../../lib/sites/threads/urls';

const ig: SiteAdapter = bundledInstagramAdapter(instagramSite.hooks);

// Paths, not file: URLs: happy-dom replaces the global URL, which node:fs does not accept.
const FIXTURES = join(__dirname, 'instagram/fixtures');
const DEMO = join(__dirname, '../fixtures/demo/instagram.html');
const HOME = 'https://www.instagram.com/';
const at = (url: string) => new URL(url) as unknown as Location;

function load(name: string): void {
  document.body.innerHTML = readFileSync(join(FIXTURES, name), 'utf8');
}

function $(selector: string, root: ParentNode = document): Element {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`fixture has no ${selector}`);
  return el;
}

function $$(selector: string, root: ParentNode = document): Element[] {
  return [...root.querySelectorAll(selector)];
}

/** A role=button whose visible text is `text`. */
function textButton(text: string, root: ParentNode = document): Element {
  const b = $$('[role="button"], button', root).find((el) => (el.textContent ?? '').trim() === text);
  if (!b) throw new Error(`no button "${text}"`);
  return b;
}

const post = (n: number) => ig.findPosts(document.body)[n];
const resolve = (target: Element, url = HOME) => ig.resolveControl(target, at(url));

/** `[action, [[relation, ...keys], …]]` of an action resolution, for compact assertions. */
function summary(res: Resolution | null): unknown {
  if (!res) return null;
  if (res.type !== 'action') return [res.type];
  return [res.action, res.identities.map((i) => [i.relation, ...i.keys])];
}

const CAPRES = [['author', '@capres_contoh_a']];

afterEach(() => {
  document.body.innerHTML = '';
});

describe('posts per fixture', () => {
  // prettier-ignore
  const posts: Record<string, number> = {
    'feed-id.html': 3, 'feed-en.html': 2, 'post-dialog.html': 2, 'profile-id.html': 0, 'reels.html': 0,
    'already-liked.html': 1, 'logged-out.html': 1, 'unknown.html': 0,
  };
  it('has a count for every fixture', () => {
    expect(readdirSync(FIXTURES).filter((f) => f.endsWith('.html')).sort()).toEqual(Object.keys(posts).sort());
  });
  it.each(Object.entries(posts))('%s', (fixture, n) => {
    load(fixture);
    expect(ig.findPosts(document.body).length).toBe(n);
  });
});

describe('feed in Indonesian (newer markup)', () => {
  it('resolves Suka, Komentar, Bagikan, Posting ulang and the header’s Ikuti to the author, from the icon or its button', () => {
    load('feed-id.html');
    const p = post(0);
    for (const [label, act] of [['Suka', 'like'], ['Komentar', 'comment'], ['Bagikan', 'share'], ['Posting ulang', 'share']] as const) {
      const icon = $(`svg[aria-label="${label}"]`, p);
      const res = resolve(icon.querySelector('path') ?? icon);
      expect(summary(res)).toEqual([act, CAPRES]);
      // The control is the button around the icon (what "go ahead" presses), also when the button is the target.
      expect(res?.type === 'action' && res.control).toBe(icon.closest('[role="button"]'));
      expect(summary(resolve(icon.closest('[role="button"]')!))).toEqual([act, CAPRES]);
    }
    expect(summary(resolve(textButton('Ikuti', p)))).toEqual(['follow', CAPRES]);
  });

  it('never takes the liker line, a mention or a hashtag for the author', () => {
    load('feed-id.html');
    expect(ig.identitiesOf(post(0), at(HOME))).toEqual([{ keys: ['@capres_contoh_a'], display: '@capres_contoh_a', relation: 'author' }]);
  });

  it('a collaboration names both authors, so a listed second author is found', () => {
    load('feed-id.html');
    const res = resolve($('svg[aria-label="Suka"]', post(1)));
    expect(summary(res)).toEqual(['like', [['author', '@berita_netral'], ['author', '@capres_contoh_a']]]);
  });

  it('a repost names the original author, not the reposter', () => {
    load('feed-id.html');
    expect(summary(resolve($('svg[aria-label="Suka"]', post(2))))).toEqual(['like', [['original', '@timmenangcontoh']]]);
    expect(summary(resolve($('svg[aria-label="Komentar"]', post(2))))).toEqual(['comment', [['original', '@timmenangcontoh']]]);
  });

  it('Ikuti on a "Disarankan untuk Anda" row follows that row’s account', () => {
    load('feed-id.html');
    const rows = $$('[role="button"]').filter((b) => b.textContent?.trim() === 'Ikuti' && !b.closest('article'));
    expect(rows.map((b) => summary(resolve(b)))).toEqual([
      ['follow', [['suggested', '@timmenangcontoh']]],
      ['follow', [['suggested', '@berita_netral']]],
    ]);
  });

  it('Enter in the comment box and its Kirim button comment on the author; other fields do not', () => {
    load('feed-id.html');
    const box = $('textarea[aria-label="Tambahkan komentar…"]');
    const send = ig.resolveSend(box, at(HOME));
    expect(summary(send)).toEqual(['comment', CAPRES]);
    expect(send?.type === 'action' && send.control).toBe(box);
    expect(summary(resolve(textButton('Kirim')))).toEqual(['comment', CAPRES]);
    const other = document.createElement('textarea');
    document.body.append(other);
    expect(ig.resolveSend(other, at(HOME))).toBeNull();
  });

  it('a double tap on the photo or video likes the post, and "go ahead" presses the post’s heart', () => {
    load('feed-id.html');
    const res = ig.resolveDoubleTap($('img[srcset]', post(0)), at(HOME));
    expect(summary(res)).toEqual(['like', CAPRES]);
    expect(res?.type === 'action' && res.control).toBe($('svg[aria-label="Suka"]', post(0)).closest('[role="button"]'));
    expect(summary(ig.resolveDoubleTap($('video', post(2)), at(HOME)))).toEqual(['like', [['original', '@timmenangcontoh']]]);
    // An avatar is no post media; nor is the header.
    expect(ig.resolveDoubleTap($('img[alt^="Foto profil"]', post(0)), at(HOME))).toBeNull();
    expect(ig.resolveDoubleTap($('time', post(0)), at(HOME))).toBeNull();
  });

  it('Simpan, Opsi lainnya, links and text are no guarded control', () => {
    load('feed-id.html');
    for (const sel of ['svg[aria-label="Simpan"]', 'svg[aria-label="Opsi lainnya"]', 'a[href="/capres_contoh_a/"]', 'time', '._aagu img']) {
      expect(resolve($(sel, post(0))), sel).toBeNull();
    }
  });
});

describe('feed in English (older markup: <header>, <button> icons)', () => {
  it('resolves Like, Comment, Share Post and Follow on the author’s post', () => {
    load('feed-en.html');
    const p = post(0);
    expect(summary(resolve($('svg[aria-label="Like"] path', p)))).toEqual(['like', CAPRES]);
    expect(resolve($('svg[aria-label="Like"]', p))?.type === 'action' && (resolve($('svg[aria-label="Like"]', p)) as { control: Element }).control.tagName).toBe('BUTTON');
    expect(summary(resolve($('svg[aria-label="Comment"]', p)))).toEqual(['comment', CAPRES]);
    expect(summary(resolve($('svg[aria-label="Share Post"]', p)))).toEqual(['share', CAPRES]);
    expect(summary(resolve(textButton('Follow', p)))).toEqual(['follow', CAPRES]);
    expect(summary(resolve(textButton('Post', p)))).toEqual(['comment', CAPRES]);
    expect(summary(ig.resolveSend($('textarea[aria-label="Add a comment…"]', p), at(HOME)))).toEqual(['comment', CAPRES]);
  });

  it('an unlisted author’s post resolves to that author (the list decides, not the adapter)', () => {
    load('feed-en.html');
    expect(summary(resolve($('svg[aria-label="Like"]', post(1))))).toEqual(['like', [['author', '@warga_biasa']]]);
  });
});

describe('a post opened as a dialog over the feed', () => {
  const URL_P = 'https://www.instagram.com/p/DEMOCODE001/';
  it('the dialog’s heart, comment, share and Ikuti are about the post’s author', () => {
    load('post-dialog.html');
    const d = $('[role="dialog"] article');
    const own = $$('svg[aria-label="Suka"][height="24"]', d)[0];
    expect(summary(resolve(own, URL_P))).toEqual(['like', CAPRES]);
    expect(summary(resolve($('svg[aria-label="Komentar"]', d), URL_P))).toEqual(['comment', CAPRES]);
    expect(summary(resolve($('svg[aria-label="Bagikan"]', d), URL_P))).toEqual(['share', CAPRES]);
    expect(summary(resolve(textButton('Ikuti', d), URL_P))).toEqual(['follow', CAPRES]);
    expect(summary(ig.resolveSend($('textarea', d), at(URL_P)))).toEqual(['comment', CAPRES]);
  });

  it('a comment’s small heart likes that comment: its author, not the post’s', () => {
    load('post-dialog.html');
    const small = $$('[role="dialog"] svg[aria-label="Suka"][height="12"]');
    expect(small.map((s) => summary(resolve(s, URL_P)))).toEqual([
      ['like', [['author', '@warga_biasa']]],
      ['like', [['author', '@timmenangcontoh']]],
    ]);
    expect(resolve(textButton('Balas'), URL_P)).toBeNull();
  });

  it('the feed underneath keeps its own author', () => {
    load('post-dialog.html');
    expect(summary(resolve($('main svg[aria-label="Suka"]'), URL_P))).toEqual(['like', [['author', '@warga_biasa']]]);
  });

  it('a double tap on the dialog’s photo presses the dialog post’s own heart, not a comment’s', () => {
    load('post-dialog.html');
    const res = ig.resolveDoubleTap($('[role="dialog"] img[srcset]'), at(URL_P));
    expect(summary(res)).toEqual(['like', CAPRES]);
    expect(res?.type === 'action' && res.control.querySelector('svg')?.getAttribute('height')).toBe('24');
  });
});

describe('profile page', () => {
  const PROFILE = 'https://www.instagram.com/capres_contoh_a/';
  it('Ikuti in the profile header follows the profile in the URL', () => {
    load('profile-id.html');
    expect(summary(resolve(textButton('Ikuti', $('header')), PROFILE))).toEqual(['follow', [['profile', '@capres_contoh_a']]]);
    expect(summary(resolve(textButton('Ikuti', $('header')), 'https://www.instagram.com/capres_contoh_a/reels/'))).toEqual(['follow', [['profile', '@capres_contoh_a']]]);
    expect(resolve(textButton('Kirim pesan'), PROFILE)).toBeNull();
  });

  it('a suggestion card’s Ikuti follows the card’s account; a followers-list row’s Ikuti Balik its row', () => {
    load('profile-id.html');
    const cards = $$('li [role="button"]').filter((b) => b.textContent?.trim() === 'Ikuti');
    expect(cards.map((b) => summary(resolve(b, PROFILE)))).toEqual([
      ['follow', [['suggested', '@timmenangcontoh']]],
      ['follow', [['suggested', '@berita_netral']]],
    ]);
    expect(summary(resolve(textButton('Ikuti Balik'), PROFILE))).toEqual(['follow', [['profile', '@calegcontohb']]]);
  });

  it('grid photos are no media to double tap (they open the post)', () => {
    load('profile-id.html');
    expect(ig.resolveDoubleTap($('a[href^="/p/"] img'), at(PROFILE))).toBeNull();
  });
});

describe('reels viewer (no <article>)', () => {
  const REELS = 'https://www.instagram.com/reels/DEMOREEL01/';
  it('each unit’s controls and video are about that unit’s author', () => {
    load('reels.html');
    const units = $$('main .x78zum5.xdt5ytf > div');
    expect(summary(resolve($('svg[aria-label="Suka"]', units[0]), REELS))).toEqual(['like', CAPRES]);
    expect(summary(resolve($('svg[aria-label="Komentar"]', units[0]), REELS))).toEqual(['comment', CAPRES]);
    expect(summary(resolve($('svg[aria-label="Posting ulang"]', units[0]), REELS))).toEqual(['share', CAPRES]);
    expect(summary(resolve($('svg[aria-label="Bagikan"]', units[0]), REELS))).toEqual(['share', CAPRES]);
    expect(summary(resolve(textButton('Ikuti', units[0]), REELS))).toEqual(['follow', [['suggested', '@capres_contoh_a']]]);
    const tap = ig.resolveDoubleTap($('video', units[0]), at(REELS));
    expect(summary(tap)).toEqual(['like', CAPRES]);
    expect(tap?.type === 'action' && tap.control).toBe($('svg[aria-label="Suka"]', units[0]).closest('[role="button"]'));
    expect(summary(resolve($('svg[aria-label="Suka"]', units[1]), REELS))).toEqual(['like', [['author', '@warga_biasa']]]);
  });
});

describe('undo is never warned', () => {
  it('Batal Suka, Mengikuti, the unfollow confirmation, a repost taken back and a liked comment resolve to nothing', () => {
    load('already-liked.html');
    expect(resolve($('svg[aria-label="Batal Suka"][height="24"]'))).toBeNull();
    expect(resolve($('svg[aria-label="Batal Suka"][height="24"]').closest('[role="button"]')!)).toBeNull();
    expect(resolve(textButton('Mengikuti'))).toBeNull();
    expect(resolve(textButton('Berhenti Mengikuti'))).toBeNull();
    expect(resolve(textButton('Batal'))).toBeNull();
    expect(resolve($('svg[aria-label="Posting ulang"]'))).toBeNull();
    expect(resolve($('svg[aria-label="Batal Suka"][height="12"]'))).toBeNull();
    // A double tap on a liked post does nothing more.
    expect(ig.resolveDoubleTap($('img[srcset]'), at(HOME))).toBeNull();
    // The comment icon is still a comment.
    expect(summary(resolve($('svg[aria-label="Komentar"]')))).toEqual(['comment', CAPRES]);
  });
});

describe('logged out', () => {
  it('the post page’s icons and Follow still name the author; no comment box to send from', () => {
    load('logged-out.html');
    const U = 'https://www.instagram.com/p/DEMOCODE002/';
    const T = [['author', '@timmenangcontoh']];
    expect(summary(resolve($('svg[aria-label="Like"]'), U))).toEqual(['like', T]);
    expect(summary(resolve($('svg[aria-label="Share"]'), U))).toEqual(['share', T]);
    expect(summary(resolve(textButton('Follow'), U))).toEqual(['follow', T]);
    expect(resolve(textButton('Log in'), U)).toBeNull();
    expect(resolve(textButton('Sign up'), U)).toBeNull();
  });
});

describe('unknown markup', () => {
  it('resolves nothing, finds no post, and never throws', () => {
    load('unknown.html');
    for (const el of $$('*')) {
      expect(resolve(el)).toBeNull();
      expect(ig.resolveDoubleTap(el, at(HOME))).toBeNull();
      expect(ig.resolveSend(el, at(HOME))).toBeNull();
    }
    expect(ig.findPosts(document.body)).toEqual([]);
    const seen: string[] = [];
    ig.scanKeys(document.body, (_p, k) => seen.push(k));
    expect(seen).toEqual([]);
  });

  it('hostile input is null, not a throw', () => {
    expect(ig.resolveControl(null as unknown as Element, at(HOME))).toBeNull();
    expect(ig.resolveDoubleTap({} as Element, at(HOME))).toBeNull();
    expect(ig.identitiesOf(undefined as unknown as Element, at(HOME))).toEqual([]);
    expect(ig.findPosts(null as unknown as Element)).toEqual([]);
    expect(() => ig.scanKeys(document.body, null as unknown as () => void)).not.toThrow();
    expect(ig.resolveShortcut(new KeyboardEvent('keydown', { key: 'l' }), at(HOME))).toBeNull();
  });
});

describe('scanKeys agrees with findPosts + identitiesOf on every fixture and the demo page', () => {
  const pages = [...readdirSync(FIXTURES).filter((f) => f.endsWith('.html')).map((f) => join(FIXTURES, f)), DEMO];
  it.each(pages.map((p) => [p.split('/').slice(-2).join('/'), p]))('%s', (_name, path) => {
    const html = readFileSync(path, 'utf8');
    document.body.innerHTML = (/<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html).replace(/<script\b[\s\S]*?<\/script>/gi, '');
    const want = new Map<Element, string[]>();
    for (const p of ig.findPosts(document.body)) {
      const keys = ig.identitiesOf(p, at(HOME)).flatMap((i) => i.keys);
      if (keys.length) want.set(p, keys);
    }
    const got = new Map<Element, string[]>();
    ig.scanKeys(document.body, (p, k) => got.set(p, [...(got.get(p) ?? []), k]));
    expect(got).toEqual(want);
    // From inside a post (a link whose href changed while a row was reused): that post.
    for (const [p, keys] of want) {
      const inner = p.querySelector('a[href]');
      if (!inner) continue;
      const again: string[] = [];
      ig.scanKeys(inner, (q, k) => {
        expect(q).toBe(p);
        again.push(k);
      });
      expect(again).toEqual(keys);
    }
  });
});

describe('canonical keys of instagram list rows', () => {
  it.each([
    ['@capres_contoh_a', '@capres_contoh_a'],
    ['capres_contoh_a', '@capres_contoh_a'],
    ['  @Capres_Contoh_A ', '@capres_contoh_a'],
    ['https://www.instagram.com/capres_contoh_a/', '@capres_contoh_a'],
    ['https://instagram.com/capres_contoh_a', '@capres_contoh_a'],
    ['instagram.com/capres_contoh_a/', '@capres_contoh_a'],
    ['www.instagram.com/Capres_Contoh_A?igsh=MTc4MmM1YmI2Ng==', '@capres_contoh_a'],
    ['https://www.instagram.com/capres_contoh_a/?hl=id#top', '@capres_contoh_a'],
    ['https://m.instagram.com/capres_contoh_a/reels/', '@capres_contoh_a'],
    ['http://instagr.am/capres_contoh_a', '@capres_contoh_a'],
    ['https://www.instagram.com/_u/capres_contoh_a', '@capres_contoh_a'],
    ['tim.menang_2029', '@tim.menang_2029'],
  ])('%s → %s', (raw, key) => {
    expect(canonicalInstagram(raw)?.key).toBe(key);
  });

  it.each([
    'https://www.instagram.com/p/DEMOCODE001/',
    'https://www.instagram.com/reel/DEMOCODE001/',
    'https://www.instagram.com/explore/tags/pemilu/',
    'https://www.instagram.com/stories/capres_contoh_a/123/',
    'https://www.instagram.com/',
    'https://www.instagram.com/_u/',
    'https://www.facebook.com/capres_contoh_a',
    'capres-contoh-a',
    'a'.repeat(31),
    '',
    'reels',
  ])('%s → no key', (raw) => {
    expect(canonicalInstagram(raw)).toBeNull();
  });

  it('shows the handle as written', () => {
    expect(canonicalInstagram('https://www.instagram.com/Capres_Contoh_A/')).toEqual({ key: '@capres_contoh_a', display: '@Capres_Contoh_A' });
  });

  it('the page’s links and the list agree: a profile link’s key is the list row’s key', () => {
    document.body.innerHTML = '<article><a href="https://www.instagram.com/Capres_Contoh_A/">x</a><time></time></article>';
    expect(ig.identitiesOf(post(0), at(HOME))[0].keys).toEqual([canonicalInstagram('https://www.instagram.com/capres_contoh_a/')!.key]);
  });

  it('Threads keeps its own rules (same usernames)', () => {
    expect(canonicalThreads('https://www.threads.net/@capres_contoh_a')?.key).toBe('@capres_contoh_a');
  });
});

describe('the demo page’s descriptors (bench, readiness probe, signature gesture) fit its markup', () => {
  function loadDemo(): void {
    const html = readFileSync(DEMO, 'utf8');
    document.body.innerHTML = (/<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  }
  const demo = instagramSite.demo;

  it('listedLike is the listed candidate’s like button; listedPost holds listedKeys in its author links', () => {
    loadDemo();
    expect(summary(resolve($(demo.listedLike)))).toEqual(['like', CAPRES]);
    const p = $(demo.listedPost);
    expect(p.contains($(demo.listedLike))).toBe(true);
    for (const k of demo.listedKeys) expect(p.querySelector(`a[href="/${k}/"]`)).not.toBeNull();
    expect(ig.identitiesOf(p, at(HOME)).flatMap((i) => i.keys)).toEqual(demo.listedKeys.map((k) => `@${k}`));
  });

  it('ready matches every post’s like and comment buttons, and each resolves', () => {
    loadDemo();
    const ready = $$(demo.ready);
    expect(ready.length).toBe(2 * ig.findPosts(document.body).length);
    for (const el of ready) expect(resolve(el)?.type).toBe('action');
  });

  it('the signature gesture (a double click on the candidate’s photo) is a like on the candidate', () => {
    loadDemo();
    const steps = demo.feature!.steps;
    expect(steps.map((s) => s.gesture)).toEqual(['dblclick']);
    expect(summary(ig.resolveDoubleTap($(steps[0].target), at(HOME)))).toEqual(['like', CAPRES]);
  });
});
