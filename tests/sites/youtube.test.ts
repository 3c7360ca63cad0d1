/**
 * The YouTube adapter against reconstructed fixtures (tests/sites/youtube/fixtures/, each
 * says where its markup shape comes from), and YouTube's list canonicaliser. happy-dom.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compileHooks } from '../../lib/sites/engine/hooks';
import { probeHealth } from '../../lib/sites/engine/health';
import type { Resolution } from '../../lib/sites/types';
import { youtubeSite } from '../../lib/sites/youtube';
import { bundledYoutubeAdapter } from '../../lib/sites/youtube/adapter';
import { canonicalYoutube } from '../../lib/sites/youtube/urls';

const yt = bundledYoutubeAdapter(youtubeSite.hooks);

const FIXTURES = join(__dirname, 'youtube/fixtures');
const WATCH_A = 'https://www.youtube.com/watch?v=capresA0001';
const WATCH_T = 'https://www.youtube.com/watch?v=timMenang01';
const at = (url: string) => new URL(url) as unknown as Location;

function load(name: string): void {
  document.body.innerHTML = readFileSync(join(FIXTURES, name), 'utf8');
}

function $(selector: string, root: ParentNode = document): Element {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`fixture has no ${selector}`);
  return el;
}

/** `[action, [[relation, display, ...keys], …]]`, for compact assertions. */
function summary(res: Resolution | null): unknown {
  if (!res) return null;
  if (res.type !== 'action') return [res.type];
  return [res.action, res.identities.map((i) => [i.relation, i.display, ...i.keys])];
}
const resolve = (target: Element, url: string) => summary(yt.resolveControl(target, at(url)));

const CAPRES = ['author', 'Capres Contoh A (fiktif)', 'id:UCcapresContohA000000001', '@capres_contoh_a'];

afterEach(() => {
  document.body.innerHTML = '';
});

describe('canonical keys of list rows', () => {
  it.each([
    ['UCcapresContohA000000001', 'id:UCcapresContohA000000001'],
    ['id:UCcapresContohA000000001', 'id:UCcapresContohA000000001'],
    ['@Capres_Contoh_A', '@capres_contoh_a'],
    ['capres_contoh_a', '@capres_contoh_a'],
    ['https://www.youtube.com/channel/UCcapresContohA000000001', 'id:UCcapresContohA000000001'],
    ['https://m.youtube.com/channel/UCcapresContohA000000001/videos?view=0', 'id:UCcapresContohA000000001'],
    ['youtube.com/channel/UCcapresContohA000000001/', 'id:UCcapresContohA000000001'],
    ['https://www.youtube.com/@Capres_Contoh_A', '@capres_contoh_a'],
    ['https://youtube.com/@capres_contoh_a/videos', '@capres_contoh_a'],
    ['www.youtube.com/@capres_contoh_a/?si=abc#x', '@capres_contoh_a'],
    ['https://www.youtube.com/%40capres_contoh_a', '@capres_contoh_a'],
    ['https://www.youtube.com/c/CapresContohA', 'c:caprescontoha'],
    ['https://m.youtube.com/c/CapresContohA/featured/', 'c:caprescontoha'],
    ['c:CapresContohA', 'c:caprescontoha'],
    ['https://www.youtube.com/user/TimMenangContoh', 'user:timmenangcontoh'],
    ['http://youtube.com/user/TimMenangContoh/videos?flow=grid', 'user:timmenangcontoh'],
    ['user:TimMenangContoh', 'user:timmenangcontoh'],
  ])('%s → %s', (raw, key) => {
    expect(canonicalYoutube(raw)?.key).toBe(key);
  });

  it.each([
    'https://www.youtube.com/watch?v=capresA0001',
    'https://www.youtube.com/shorts/capresS0001',
    'https://www.youtube.com/channel/UCshort',
    'https://www.youtube.com/feed/subscriptions',
    'https://www.youtube.com/',
    'https://www.facebook.com/capres.contoh.a',
    'ab',
    '',
  ])('%s is no channel', (raw) => {
    expect(canonicalYoutube(raw)).toBeNull();
  });

  it('keeps the channel id’s case and tells /c/ and /user/ names from handles', () => {
    expect(canonicalYoutube('UCcapresContohA000000001')?.display).toBe('UCcapresContohA000000001');
    expect(canonicalYoutube('https://www.youtube.com/c/budi')?.key).not.toBe(canonicalYoutube('@budi')?.key);
    expect(canonicalYoutube('https://www.youtube.com/user/budi')?.key).not.toBe(canonicalYoutube('https://www.youtube.com/c/budi')?.key);
  });
});

describe('posts per fixture', () => {
  // prettier-ignore
  const posts: Record<string, number> = {
    'watch-id.html': 5, 'watch-en.html': 2, 'watch-old.html': 2, 'logged-out.html': 1, 'unknown.html': 0,
    'shorts.html': 2, 'channel.html': 1, 'mobile-watch.html': 2, 'watch-swap.html': 1, 'home-search.html': 4,
  };
  it('has a count for every fixture', () => {
    expect(readdirSync(FIXTURES).filter((f) => f.endsWith('.html')).sort()).toEqual(Object.keys(posts).sort());
  });
  it.each(Object.entries(posts))('%s', (fixture, n) => {
    load(fixture);
    expect(yt.findPosts(document.body).length).toBe(n);
  });
});

describe('watch page, Indonesian, newer markup', () => {
  const bar = () => $('ytd-watch-metadata');
  it('guards like, share, subscribe, join and Super Thanks on the owner of the video on screen', () => {
    load('watch-id.html');
    const ids = [CAPRES];
    expect(resolve($('like-button-view-model button', bar()), WATCH_A)).toEqual(['like', ids]);
    // The icon inside the button is the button.
    expect(resolve($('like-button-view-model path', bar()), WATCH_A)).toEqual(['like', ids]);
    expect(resolve($('button[aria-label="Bagikan"] div', bar()), WATCH_A)).toEqual(['share', ids]);
    expect(resolve($('ytd-subscribe-button-renderer button span', bar()), WATCH_A)).toEqual(['follow', ids]);
    expect(resolve($('#sponsor-button button', bar()), WATCH_A)).toEqual(['follow', ids]);
    expect(resolve($('button[aria-label="Thanks"]', bar()), WATCH_A)).toEqual(['comment', ids]);
  });

  it('never takes the channels linked in the description for the owner', () => {
    load('watch-id.html');
    expect(yt.identitiesOf(bar(), at(WATCH_A))).toEqual([{ keys: ['id:UCcapresContohA000000001', '@capres_contoh_a'], display: 'Capres Contoh A (fiktif)', relation: 'author' }]);
    expect(resolve($('#description a[href="/@timmenangcontoh"]'), WATCH_A)).toBeNull();
  });

  it('shows the owner by the name link, not by the avatar link (initials before the picture loads)', () => {
    load('watch-id.html');
    const avatar = $('ytd-video-owner-renderer a[tabindex="-1"]');
    avatar.replaceChildren(document.createTextNode('CA'));
    expect(yt.identitiesOf(bar(), at(WATCH_A))[0].display).toBe('Capres Contoh A (fiktif)');
  });

  it('leaves dislike, download, the menu, the comment box placeholder and Batal alone', () => {
    load('watch-id.html');
    for (const sel of ['dislike-button-view-model button', 'button[aria-label="Download"]', 'button[aria-label="Tindakan lainnya"]', '#simplebox-placeholder', '#placeholder-area', '#cancel-button button', '#contenteditable-root', 'h1']) {
      expect(resolve($(sel), WATCH_A), sel).toBeNull();
    }
  });

  it('guards the comment box’s Komentar on the video’s channel', () => {
    load('watch-id.html');
    const submit = $('ytd-comments-header-renderer #submit-button button');
    expect(resolve(submit, WATCH_A)).toEqual(['comment', [CAPRES]]);
    expect(resolve($('ytd-comments-header-renderer #submit-button .yt-spec-button-shape-next__button-text-content'), WATCH_A)).toEqual(['comment', [CAPRES]]);
  });

  it('a comment’s like is on its author; Balas only opens the reply box; its submit replies to the author on the video’s channel', () => {
    load('watch-id.html');
    const [top, reply] = [...document.querySelectorAll('ytd-comment-view-model')];
    expect(resolve($('#like-button button', top), WATCH_A)).toEqual(['like', [['author', '@warga_biasa', '@warga_biasa']]]);
    expect(resolve($('#reply-button-end button', top), WATCH_A)).toBeNull();
    expect(resolve($('#reply-dialog #submit-button button', top), WATCH_A)).toEqual(['comment', [['author', '@warga_biasa', '@warga_biasa'], ['profile', ...CAPRES.slice(1)]]]);
    // The candidate's own reply: a like on it is a like of the candidate.
    expect(resolve($('#like-button button', reply), WATCH_A)).toEqual(['like', [['author', '@capres_contoh_a', 'id:UCcapresContohA000000001', '@capres_contoh_a']]]);
    // A link in a comment's text is no author.
    expect(yt.identitiesOf(top, at(WATCH_A)).map((i) => i.keys)).toEqual([['@warga_biasa']]);
  });

  it('a side-column card is its channel’s; one without a channel link has none', () => {
    load('watch-id.html');
    expect(yt.identitiesOf($('yt-lockup-view-model'), at(WATCH_A))).toEqual([{ keys: ['@timmenangcontoh'], display: 'Tim Pemenangan Contoh (fiktif)', relation: 'author' }]);
    expect(yt.identitiesOf($('ytd-compact-video-renderer'), at(WATCH_A))).toEqual([]);
  });

  it('names no owner when the URL is not a watch page it can tie the owner to', () => {
    load('watch-id.html');
    expect(resolve($('like-button-view-model button'), 'https://www.youtube.com/watch?v=otherVideo1')).toBeNull();
  });
});

describe('watch page, English UI, already liked and subscribed', () => {
  it('never guards removing the like or unsubscribing', () => {
    load('watch-en.html');
    expect(resolve($('like-button-view-model button'), WATCH_T)).toBeNull();
    expect(resolve($('like-button-view-model svg'), WATCH_T)).toBeNull();
    expect(resolve($('ytd-subscribe-button-renderer button span'), WATCH_T)).toBeNull();
  });

  it('guards Share, Join and Comment with English labels', () => {
    load('watch-en.html');
    const ids = [['author', 'Tim Pemenangan Contoh (fiktif)', '@timmenangcontoh']];
    expect(resolve($('button[aria-label="Share"]'), WATCH_T)).toEqual(['share', ids]);
    expect(resolve($('button[aria-label="Join this channel"] span'), WATCH_T)).toEqual(['follow', ids]);
    expect(resolve($('#submit-button button'), WATCH_T)).toEqual(['comment', ids]);
    expect(resolve($('ytd-comment-view-model #like-button button'), WATCH_T)).toEqual(['like', [['author', '@berita_netral', '@berita_netral']]]);
    expect(resolve($('ytd-comment-view-model button[aria-label="Reply"]'), WATCH_T)).toBeNull();
    expect(resolve($('button[aria-label="Dislike this video"]'), WATCH_T)).toBeNull();
  });

  it('an unsubscribe confirmation and the notification menu are undo too', () => {
    load('watch-en.html');
    const dialog = document.createElement('div');
    dialog.innerHTML = '<yt-confirm-dialog-renderer><div id="confirm-button"><button aria-label="Unsubscribe">Unsubscribe</button></div></yt-confirm-dialog-renderer>';
    $('ytd-watch-metadata').appendChild(dialog);
    expect(resolve($('#confirm-button button'), WATCH_T)).toBeNull();
  });
});

describe('watch page, older markup generation', () => {
  it('guards the first toggle (like), share and the paper subscribe button; not the dislike', () => {
    load('watch-old.html');
    const ids = [['author', 'Capres Contoh A (fiktif)', 'id:UCcapresContohA000000001']];
    const toggles = document.querySelectorAll('#top-level-buttons-computed > ytd-toggle-button-renderer');
    expect(resolve($('yt-icon', toggles[0]), WATCH_A)).toEqual(['like', ids]);
    expect(resolve($('button', toggles[1]), WATCH_A)).toBeNull();
    expect(resolve($('button[aria-label="Bagikan"] yt-icon'), WATCH_A)).toEqual(['share', ids]);
    expect(resolve($('tp-yt-paper-button yt-formatted-string'), WATCH_A)).toEqual(['follow', ids]);
  });

  it('a subscribed paper button is undo', () => {
    load('watch-old.html');
    $('ytd-subscribe-button-renderer').setAttribute('subscribed', '');
    expect(resolve($('tp-yt-paper-button'), WATCH_A)).toBeNull();
  });
});

describe('logged out', () => {
  it('guards nothing: YouTube answers with its sign-in prompt', () => {
    load('logged-out.html');
    expect(resolve($('like-button-view-model button'), WATCH_A)).toBeNull();
    expect(resolve($('ytd-subscribe-button-renderer button'), WATCH_A)).toBeNull();
    // The page is still read (the scan prefetches nothing it would not use).
    expect(yt.identitiesOf($('ytd-watch-metadata'), at(WATCH_A)).map((i) => i.keys)).toEqual([['@capres_contoh_a']]);
  });
});

describe('unknown markup', () => {
  it.each([WATCH_A, 'https://www.youtube.com/', 'https://www.youtube.com/feed/trending'])('no control resolves, nothing throws (%s)', (url) => {
    load('unknown.html');
    for (const el of document.body.querySelectorAll('*')) expect(yt.resolveControl(el, at(url)), el.outerHTML.slice(0, 60)).toBeNull();
    expect(yt.findPosts(document.body)).toEqual([]);
    const seen: string[] = [];
    yt.scanKeys(document.body, (_p, k) => seen.push(k));
    expect(seen).toEqual([]);
  });

  it('nothing throws on hostile input', () => {
    expect(yt.resolveControl(null as unknown as Element, at(WATCH_A))).toBeNull();
    expect(yt.resolveControl({} as Element, at(WATCH_A))).toBeNull();
    expect(yt.findPosts(undefined as unknown as Element)).toEqual([]);
    expect(yt.identitiesOf(null as unknown as Element, at(WATCH_A))).toEqual([]);
    expect(() => yt.scanKeys(document.body, undefined as unknown as () => void)).not.toThrow();
    expect(yt.resolveSend(document.body, at(WATCH_A))).toBeNull();
    expect(yt.resolveDoubleTap(document.body, at(WATCH_A))).toBeNull();
  });
});

describe('Shorts', () => {
  const SHORT = 'https://www.youtube.com/shorts/capresS0001';
  it('like, share and subscribe in a Short are on its channel; the comments opener is no commit', () => {
    load('shorts.html');
    const [active, next] = [...document.querySelectorAll('ytd-reel-video-renderer')];
    const capres = [['author', '@capres_contoh_a', '@capres_contoh_a']];
    expect(resolve($('#like-button svg', active), SHORT)).toEqual(['like', capres]);
    expect(resolve($('#share-button button', active), SHORT)).toEqual(['share', capres]);
    expect(resolve($('yt-subscribe-button-view-model button div', active), SHORT)).toEqual(['follow', capres]);
    expect(resolve($('#comments-button button', active), SHORT)).toBeNull();
    expect(resolve($('#like-button button', next), SHORT)).toEqual(['like', [['author', '@warga_biasa', '@warga_biasa']]]);
  });

  it('the comments panel outside every Short belongs to the Short on screen', () => {
    load('shorts.html');
    expect(resolve($('#watch-while-engagement-panel #submit-button button'), SHORT)).toEqual(['comment', [['author', '@capres_contoh_a', '@capres_contoh_a']]]);
    // YouTube scrolls: the next Short is now on screen.
    const [a, b] = [...document.querySelectorAll('ytd-reel-video-renderer')];
    a.removeAttribute('is-active');
    b.setAttribute('is-active', '');
    expect(resolve($('#watch-while-engagement-panel #submit-button button'), 'https://www.youtube.com/shorts/wargaS00001')).toEqual(['comment', [['author', '@warga_biasa', '@warga_biasa']]]);
  });

  it('the @mention in a Short’s title is not its channel', () => {
    load('shorts.html');
    const active = $('ytd-reel-video-renderer[is-active]');
    expect(yt.identitiesOf(active, at(SHORT)).map((i) => i.keys)).toEqual([['@capres_contoh_a']]);
  });
});

describe('channel page', () => {
  it.each([
    ['https://www.youtube.com/@capres_contoh_a', ['@capres_contoh_a']],
    ['https://www.youtube.com/@capres_contoh_a/videos', ['@capres_contoh_a']],
    ['https://www.youtube.com/channel/UCcapresContohA000000001/featured', ['id:UCcapresContohA000000001']],
    ['https://www.youtube.com/c/CapresContohA', ['c:caprescontoha']],
    ['https://www.youtube.com/user/caprescontoha', ['user:caprescontoha']],
  ])('subscribe and join on %s follow the channel in the URL', (url, keys) => {
    load('channel.html');
    for (const sel of ['yt-subscribe-button-view-model button div', '#sponsor-button button']) {
      const res = yt.resolveControl($(sel), at(url));
      expect(res?.type === 'action' && res.action).toBe('follow');
      expect(res?.type === 'action' && res.identities.map((i) => [i.relation, i.keys])).toEqual([['profile', keys]]);
    }
  });

  it('a page that is no channel’s names nobody', () => {
    load('channel.html');
    expect(resolve($('yt-subscribe-button-view-model button'), 'https://www.youtube.com/feed/subscriptions')).toBeNull();
  });
});

describe('m.youtube.com watch page', () => {
  const M = 'https://m.youtube.com/watch?v=capresA0001';
  it('like, share and subscribe are on the slim owner row’s channel', () => {
    load('mobile-watch.html');
    const ids = [['author', 'Capres Contoh A (fiktif)', '@capres_contoh_a']];
    expect(resolve($('like-button-view-model button'), M)).toEqual(['like', ids]);
    expect(resolve($('button[aria-label="Bagikan"]'), M)).toEqual(['share', ids]);
    expect(resolve($('ytm-subscribe-button-renderer button'), M)).toEqual(['follow', ids]);
    expect(resolve($('dislike-button-view-model button'), M)).toBeNull();
  });
});

describe('in-page navigation to another owner’s video', () => {
  const WATCH_W = 'https://www.youtube.com/watch?v=wargaB00001';
  it('names no owner while the page still shows the previous video, and the new owner once YouTube re-renders', () => {
    load('watch-swap.html');
    const like = () => $('like-button-view-model button');
    expect(resolve(like(), WATCH_A)).toEqual(['like', [CAPRES]]);
    // yt-navigate-start: the URL names the next video, the page still the old one.
    expect(resolve(like(), WATCH_W)).toBeNull();
    expect(yt.identitiesOf($('ytd-watch-metadata'), at(WATCH_W))).toEqual([]);
    // yt-navigate-finish: YouTube sets video-id and re-renders the owner row in place.
    $('ytd-watch-flexy').setAttribute('video-id', 'wargaB00001');
    const owner = $('ytd-video-owner-renderer');
    owner.querySelector('a')!.setAttribute('href', '/@warga_biasa');
    const name = owner.querySelector('ytd-channel-name a')!;
    name.setAttribute('href', '/@warga_biasa');
    name.textContent = 'Warga Biasa';
    expect(resolve(like(), WATCH_W)).toEqual(['like', [['author', 'Warga Biasa', '@warga_biasa']]]);
    expect(resolve($('ytd-subscribe-button-renderer button'), WATCH_W)).toEqual(['follow', [['author', 'Warga Biasa', '@warga_biasa']]]);
    // Back to the first video (popstate): the URL is ahead again until the page re-renders.
    expect(resolve(like(), WATCH_A)).toBeNull();
  });

  it('the scan follows an href YouTube changes in place to the enclosing video block', () => {
    load('watch-swap.html');
    const link = $('ytd-channel-name a');
    link.setAttribute('href', '/@warga_biasa');
    const got: [string, string][] = [];
    yt.scanKeys(link, (p, k) => got.push([p.localName, k]));
    expect(got).toEqual([['ytd-watch-metadata', 'id:UCcapresContohA000000001'], ['ytd-watch-metadata', '@warga_biasa']]);
  });
});

describe('home and search cards', () => {
  it('each card is its channel’s, by every link form', () => {
    load('home-search.html');
    const ids = yt.findPosts(document.body).map((p) => yt.identitiesOf(p, at('https://www.youtube.com/results?search_query=kampanye')).map((i) => i.keys));
    expect(ids).toEqual([[['id:UCcapresContohA000000001', '@capres_contoh_a']], [['@warga_biasa']], [['c:caprescontoha']], [['user:timmenangcontoh']]]);
  });

  it('subscribe on a channel result follows that channel', () => {
    load('home-search.html');
    expect(resolve($('ytd-channel-renderer ytd-subscribe-button-renderer button'), 'https://www.youtube.com/results?search_query=capres')).toEqual(['follow', [['author', 'Capres Contoh A (fiktif)', 'c:caprescontoha']]]);
  });
});

describe('scanKeys agrees with findPosts and identitiesOf on every fixture', () => {
  const URLS: Record<string, string> = {
    'watch-id.html': WATCH_A, 'watch-en.html': WATCH_T, 'watch-old.html': WATCH_A, 'logged-out.html': WATCH_A, 'unknown.html': WATCH_A,
    'shorts.html': 'https://www.youtube.com/shorts/capresS0001', 'channel.html': 'https://www.youtube.com/@capres_contoh_a',
    'mobile-watch.html': 'https://m.youtube.com/watch?v=capresA0001', 'watch-swap.html': WATCH_A, 'home-search.html': 'https://www.youtube.com/',
  };
  it.each(Object.entries(URLS))('%s', (fixture, url) => {
    load(fixture);
    const got = new Map<Element, string[]>();
    yt.scanKeys(document.body, (p, k) => got.set(p, [...(got.get(p) ?? []), k]));
    const want = new Map<Element, string[]>();
    for (const p of yt.findPosts(document.body)) {
      const keys = yt.identitiesOf(p, at(url)).flatMap((i) => i.keys);
      if (keys.length) want.set(p, keys);
    }
    expect(got).toEqual(want);
    // Each post, scanned alone, gives the same.
    for (const [p, keys] of want) {
      const alone: string[] = [];
      yt.scanKeys(p, (q, k) => q === p && alone.push(k));
      expect(alone).toEqual(keys);
    }
  });
});

describe('detection health', () => {
  const H = compileHooks(youtubeSite.hooks);
  /** Fixtures are short: health only looks at pages with some text. */
  const withText = () => document.body.appendChild(document.createElement('p')).append('x'.repeat(300));
  it.each([
    ['watch-id.html', '/watch'],
    ['watch-en.html', '/watch'],
    ['watch-old.html', '/watch'],
    ['mobile-watch.html', '/watch'],
    ['shorts.html', '/shorts/capresS0001'],
  ])('%s on %s: the video block and its like and subscribe buttons are found', (fixture, path) => {
    load(fixture);
    withText();
    expect(probeHealth(document, path, H)).toEqual({ checked: true, missing: null });
  });

  it('unknown markup on a watch page is reported; a channel page is not checked', () => {
    load('unknown.html');
    withText();
    expect(probeHealth(document, '/watch', H)).toEqual({ checked: true, missing: 'watchMetadata' });
    expect(probeHealth(document, '/@capres_contoh_a', H).checked).toBe(false);
  });
});

describe('a Short without a known channel bar', () => {
  it('is its first channel link’s, not the channels its title mentions', () => {
    load('shorts.html');
    const active = $('ytd-reel-video-renderer[is-active]');
    // A redesigned channel bar the hooks do not know.
    const bar = $('yt-reel-channel-bar-view-model', active);
    const renamed = document.createElement('yt-reel-channel-bar-v2');
    renamed.innerHTML = bar.innerHTML;
    bar.replaceWith(renamed);
    expect(resolve($('#like-button button', active), 'https://www.youtube.com/shorts/capresS0001')).toEqual(['like', [['author', '@capres_contoh_a', '@capres_contoh_a']]]);
    expect(yt.identitiesOf(active, at('https://www.youtube.com/shorts/capresS0001')).map((i) => i.keys)).toEqual([['@capres_contoh_a']]);
  });
});
