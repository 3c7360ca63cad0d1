/**
 * The YouTube adapter (www.youtube.com, m.youtube.com): which guarded action a press would
 * commit, and on which channel, read from the DOM at the moment of the input.
 *
 * Whose a control is, by where it sits (innermost first):
 * - in a comment: the comment's author (a like); a reply sent from a comment's reply box is a
 *   comment on that author and on the video's channel;
 * - in a Short (`ytd-reel-video-renderer`): that Short's channel bar; on `/shorts/…`, a control
 *   outside every Short (the comments panel) belongs to the Short on screen (`[is-active]`);
 * - in a card (home, search, side column): the card's channel links;
 * - on `/watch`: the owner of the video on screen. YouTube swaps the page in place
 *   (`yt-navigate-finish`) and re-renders the owner row a moment after the URL changes. The
 *   isolated world cannot read the page's own objects (ytInitialPlayerResponse, the event's
 *   `detail`), and `<meta itemprop="channelId">` keeps the first video's channel. What ties
 *   the DOM to a video is `ytd-watch-flexy[video-id]`: when it names another video than the
 *   URL's `v=`, the page is mid-swap and no owner is named (no identity: no warning, never a
 *   stale one). m.youtube.com has no such attribute: its owner row is read as it is.
 * - on a channel page (`/@handle`, `/channel/UC…`, `/c/…`, `/user/…`): the URL's channel.
 *
 * Undo states (a pressed like, "Disubscribe"/"Subscribed", the unsubscribe confirmation) are
 * never guarded. Logged out (the masthead shows the sign-in button), a like or subscribe only
 * brings up YouTube's sign-in prompt: nothing is guarded then. Enter in a comment box inserts a
 * line break (the Komentar/Comment button sends), and YouTube binds no key to like or
 * subscribe: `resolveSend` and `resolveShortcut` answer null; a focused button's Enter/Space
 * reaches `resolveControl`.
 */
import type { SiteHooks } from '../../hooks/types';
import type { Action } from '../../model';
import { neverThrow } from '../engine/adapter';
import { identity, links } from '../engine/containers';
import { onHosts, pathOfHref, text } from '../engine/dom';
import { compileHooks, innermost, type CompiledHooks } from '../engine/hooks';
import { BoundedMemo } from '../engine/memo';
import type { Identity, Resolution, SiteAdapter } from '../types';
import { YOUTUBE_HOSTS, youtubeChannelIdKey, youtubeHandleKey } from './urls';

/** The name inside an owner link that also holds other lines (m.youtube.com). */
const NAME_IN_LINK = '.slim-owner-channel-name';
const isYtHost = onHosts(YOUTUBE_HOSTS);

type Kind = 'undo' | 'like' | 'share' | 'subscribe' | 'join' | 'thanks' | 'commentSubmit';

/** Checked in this order at each element from the target up: undo states first, so they stop the walk. */
const CONTROL_ORDER = ['likeUndo', 'subscribeUndo', 'like', 'share', 'subscribe', 'join', 'thanks', 'commentSubmit'] as const;
const KIND_OF: Record<(typeof CONTROL_ORDER)[number], Kind> = {
  likeUndo: 'undo', subscribeUndo: 'undo', like: 'like', share: 'share', subscribe: 'subscribe', join: 'join', thanks: 'thanks', commentSubmit: 'commentSubmit',
};
const ACTION_OF: Record<Exclude<Kind, 'undo'>, Action> = {
  like: 'like', share: 'share', subscribe: 'follow', join: 'follow', thanks: 'comment', commentSubmit: 'comment',
};

interface Channel {
  key: string;
  display: string;
}

/** A YouTube adapter on `H` (one per tab and hooks version: its memo lives here). */
export function createYoutubeAdapter(H: CompiledHooks): SiteAdapter {
  const hook = (n: string) => H.hook(n);
  const css = {
    watchFlexy: hook('watchFlexy').sel,
    watchMetadata: hook('watchMetadata').sel,
    watchOwner: hook('watchOwner').sel,
    reel: hook('reel').sel,
    activeReel: hook('activeReel').sel,
    reelChannel: hook('reelChannel').sel,
    card: hook('card').sel,
    comment: hook('comment').sel,
    commentAuthor: hook('commentAuthor').sel,
    commentBox: hook('commentBox').sel,
    signIn: hook('signIn').sel,
  };
  /** What the scan and findPosts call a post: a video block, a Short, a card, a comment. */
  const POST_SEL = [css.watchMetadata, css.reel, css.card, css.comment].join(', ');

  /** A channel path → its canonical key (paths in hooks.json; keys as ./urls.ts makes them). */
  function channelOfPath(path: string): Channel | null {
    let m = H.matchPath('channelId', path);
    if (m) {
      const key = youtubeChannelIdKey(m.slug);
      return key ? { key, display: m.slug } : null;
    }
    m = H.matchPath('handle', path);
    if (m) {
      let h = m.any;
      try {
        h = decodeURIComponent(h);
      } catch {
        // keep it as written
      }
      const key = youtubeHandleKey(h);
      return key ? { key, display: `@${h}` } : null;
    }
    m = H.matchPath('custom', path);
    if (m) return { key: `c:${m.slug.toLowerCase()}`, display: m.slug };
    m = H.matchPath('legacyUser', path);
    if (m) return { key: `user:${m.slug.toLowerCase()}`, display: m.slug };
    return null;
  }

  /** href → the channel it links to; pure, so memoised per distinct href. */
  const hrefChannel = new BoundedMemo<Channel | null>((href) => {
    const path = pathOfHref(href, isYtHost);
    return path ? channelOfPath(path) : null;
  });
  const channelOfLink = (a: Element): Channel | null => {
    const href = a.getAttribute('href');
    return href ? hrefChannel.get(href) : null;
  };

  /**
   * One channel from the links under `box` (avatar and name link of one owner row): every key
   * they give, ids first; shown by the name link's text (else the first key's form).
   */
  function channelIn(box: Element | null, relation: Identity['relation'], skip?: (a: Element) => boolean): Identity | null {
    return box ? channelOf(links(box), relation, skip) : null;
  }

  function channelOf(list: Iterable<Element>, relation: Identity['relation'], skip?: (a: Element) => boolean): Identity | null {
    const keys: string[] = [];
    let shown = '';
    let fallback = '';
    for (const a of list) {
      if (skip?.(a)) continue;
      const c = channelOfLink(a);
      if (!c) continue;
      keys.push(c.key);
      // The name link, not the avatar's (`tabindex="-1"`, an image, or initials where the
      // picture has not loaded). m.youtube.com's owner link holds the name and the subscriber count.
      if (!shown && a.getAttribute('tabindex') !== '-1') shown = text(a.querySelector(NAME_IN_LINK) ?? a);
      if (!fallback) fallback = c.display;
    }
    if (!keys.length) return null;
    keys.sort((x, y) => rank(x) - rank(y));
    return identity(keys, shown || fallback, relation);
  }
  const rank = (k: string) => (k.startsWith('id:') ? 0 : k.startsWith('@') ? 1 : 2);

  // ---------------------------------------------------------------------------------------
  // Owners

  /** The owner of the video on a watch page, or null when the page is mid-swap or shows none. */
  function watchOwner(doc: Document, location: Location): Identity | null {
    const flexy = doc.querySelector(css.watchFlexy);
    if (midSwap(flexy, location)) return null;
    const owner = (flexy ?? doc).querySelector(css.watchOwner) ?? (flexy ? doc.querySelector(css.watchOwner) : null);
    return channelIn(owner, 'author');
  }

  /** The URL and the rendered video disagree: YouTube is swapping the page. */
  function midSwap(flexy: Element | null, location: Location): boolean {
    const shown = flexy?.getAttribute('video-id');
    const wanted = videoIdOf(location);
    return !!shown && !!wanted && shown !== wanted;
  }

  function videoIdOf(location: Location): string | null {
    try {
      return new URLSearchParams(location.search).get('v');
    } catch {
      return null;
    }
  }

  /**
   * A Short's channel: its channel bar, else only the first channel link in it (comments
   * aside): the title below it may @mention other channels.
   */
  function reelOwner(reel: Element): Identity | null {
    const bar = reel.querySelector(css.reelChannel);
    const named = channelIn(bar, 'author');
    if (named) return named;
    const first = links(reel).find((a) => !a.closest(css.comment) && channelOfLink(a));
    return first ? channelOf([first], 'author') : null;
  }

  /** The comment's author links (avatar, name), not those of a reply nested in it (older markup). */
  function commentAuthor(comment: Element): Identity | null {
    const own = [...comment.querySelectorAll(css.commentAuthor)].filter((a) => a.closest(css.comment) === comment);
    return channelOf(own.flatMap((el) => links(el)), 'author');
  }

  /** The channel page in the URL: `/@handle`, `/channel/UC…`, `/c/Name`, `/user/Name`. */
  function pageChannel(location: Location): Identity | null {
    const c = channelOfPath(location.pathname);
    return c ? identity([c.key], c.display, 'profile') : null;
  }

  /** Who a control's action is about, by where it sits (see the file's head). */
  function ownersOf(control: Element, kind: Kind, location: Location): Identity[] {
    const comment = control.closest(css.comment);
    if (comment) {
      const author = commentAuthor(comment);
      if (!author) return [];
      if (kind !== 'commentSubmit') return [author];
      // A reply under a comment: on that comment's author, on the video's channel too.
      const video = videoOwnerAround(comment, location);
      return video && !video.keys.some((k) => author.keys.includes(k)) ? [author, { ...video, relation: 'profile' }] : [author];
    }
    const reel = control.closest(css.reel);
    const card = reel ? null : control.closest(css.card);
    const owner = reel ? reelOwner(reel) : card ? channelIn(card, 'author') : (videoOwnerAround(control, location) ?? pageChannel(location));
    return owner ? [owner] : [];
  }

  /** The video the page is about: the Short on screen on `/shorts/…`, the watched video on `/watch`. */
  function videoOwnerAround(el: Element, location: Location): Identity | null {
    const doc = el.ownerDocument;
    if (H.matchPath('shorts', location.pathname)) {
      const reel = el.closest(css.reel) ?? doc.querySelector(css.activeReel);
      return reel ? reelOwner(reel) : null;
    }
    if (H.matchPath('watch', location.pathname)) return watchOwner(doc, location);
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // Controls

  function resolveControl(target: Element, location: Location): Resolution | null {
    const hit = innermost(target, H, CONTROL_ORDER);
    if (!hit) return null;
    const kind = KIND_OF[hit.name as (typeof CONTROL_ORDER)[number]];
    if (kind === 'undo') return null;
    const control = hit.el;
    // A comment box's submit only inside a comment box (the same words open the Shorts
    // comments panel and a comment's reply box: neither commits anything).
    if (kind === 'commentSubmit' && !control.closest(css.commentBox)) return null;
    // Super Thanks only under a video (its words are common ones).
    if (kind === 'thanks' && !(control.closest(css.watchMetadata) || control.closest(css.reel))) return null;
    // Logged out, YouTube answers a like or subscribe with its sign-in prompt.
    if (control.ownerDocument.querySelector(css.signIn)) return null;
    const identities = ownersOf(control, kind, location);
    return identities.length ? { type: 'action', action: ACTION_OF[kind], control, identities } : null;
  }

  // ---------------------------------------------------------------------------------------
  // Posts and their keys

  type PostKind = 'comment' | 'reel' | 'watchMetadata' | 'card';
  /**
   * How posts are found, per kind: selectors that are a bare element name are read with
   * getElementsByTagName (an index lookup: a 2,000-video batch holds some 100,000 elements,
   * and one querySelectorAll with the sixteen post selectors took 18 ms of the scan's budget
   * of 20 in Chromium, 2026-12-06); anything else with querySelectorAll.
   */
  const POST_KINDS: PostKind[] = ['comment', 'reel', 'watchMetadata', 'card'];
  const BY_TAG: [string, PostKind][] = [];
  const BY_QUERY: [string, PostKind][] = [];
  for (const kind of POST_KINDS) {
    for (const sel of hook(kind).list) (/^[a-z][a-z0-9-]*$/i.test(sel) ? BY_TAG : BY_QUERY).push([sel, kind]);
  }
  const kindOf = (el: Element): PostKind | null => POST_KINDS.find((k) => el.matches(css[k])) ?? null;

  /** The posts under `scope` (itself included), outermost only, with their kinds; in no set order. */
  function postsIn(scope: Element): Map<Element, PostKind> {
    const found = new Map<Element, PostKind>();
    const own = kindOf(scope);
    if (own) found.set(scope, own);
    for (const [tag, kind] of BY_TAG) {
      const list = scope.getElementsByTagName(tag);
      for (let i = 0; i < list.length; i++) if (!found.has(list[i])) found.set(list[i], kind);
    }
    for (const [sel, kind] of BY_QUERY) for (const el of scope.querySelectorAll(sel)) if (!found.has(el)) found.set(el, kind);
    // Nested posts (a lockup inside a rich item, a comment inside a Short) belong to the outer one.
    for (const el of [...found.keys()]) {
      for (let p = el === scope ? null : el.parentElement; p; p = p === scope ? null : p.parentElement) {
        if (found.has(p)) {
          found.delete(el);
          break;
        }
      }
    }
    return found;
  }

  /** Posts under `root` (root included), outermost only, in document order. */
  function findPosts(root: Element): Element[] {
    const posts = [...postsIn(root).keys()];
    return posts.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 ? -1 : 1));
  }

  /** The channel of a post, no location needed. */
  function postKeys(post: Element, kind: PostKind | null): Identity[] {
    let id: Identity | null = null;
    if (kind === 'comment') id = commentAuthor(post);
    else if (kind === 'reel') id = reelOwner(post);
    // The owner row only: the description may link other channels.
    else if (kind === 'watchMetadata') id = channelIn(ownerRowIn(post), 'author');
    else if (kind === 'card') id = channelIn(post, 'author');
    return id ? [id] : [];
  }

  const OWNER_TAGS = hook('watchOwner').list.filter((sel) => /^[a-z][a-z0-9-]*$/i.test(sel));
  /** A video block's owner row: by element name where the hook has one (fast), else by query. */
  function ownerRowIn(post: Element): Element | null {
    if (post.matches(css.watchOwner)) return post;
    for (const tag of OWNER_TAGS) {
      const row = post.getElementsByTagName(tag)[0];
      if (row) return row;
    }
    return post.querySelector(css.watchOwner);
  }

  /**
   * `postKeys` as the scan needs it: keys only (no names, no identity objects), links read
   * through a live collection and the memo. Same keys, same order.
   */
  function scanPostKeys(post: Element, kind: PostKind): string[] {
    if (kind === 'watchMetadata') return keysIn(ownerRowIn(post));
    if (kind === 'card') return keysIn(post);
    return postKeys(post, kind).flatMap((i) => i.keys);
  }

  function keysIn(box: Element | null): string[] {
    if (!box) return [];
    const keys: string[] = [];
    const add = (a: Element) => {
      const c = channelOfLink(a);
      if (c && !keys.includes(c.key)) keys.push(c.key);
    };
    if (box.localName === 'a') add(box);
    const list = box.getElementsByTagName('a');
    for (let i = 0; i < list.length; i++) add(list[i]);
    return keys.length > 1 ? keys.sort((x, y) => rank(x) - rank(y)) : keys;
  }

  /**
   * The scan: the posts (see `postsIn`), then each post's owner links through the memo. A root
   * inside a post (a link whose href YouTube changed in place) scans that post.
   */
  function scanKeys(root: Element, visit: (post: Element, key: string) => void): void {
    const scope = root.closest(POST_SEL) ?? root;
    for (const [post, kind] of postsIn(scope)) for (const k of scanPostKeys(post, kind)) visit(post, k);
  }

  function identitiesOf(post: Element, location: Location): Identity[] {
    const kind = kindOf(post);
    if (!kind) return [];
    // On a watch page the block is only named for the video on screen.
    if (kind === 'watchMetadata' && H.matchPath('watch', location.pathname) && midSwap(post.ownerDocument.querySelector(css.watchFlexy), location)) return [];
    return postKeys(post, kind);
  }

  return neverThrow({
    site: 'youtube',
    platform: 'youtube',
    hooksVersion: H.version,
    resolveControl,
    resolveShortcut: () => null,
    resolveDoubleTap: () => null,
    resolveSend: () => null,
    findPosts,
    scanKeys,
    identitiesOf,
  });
}

/** YouTube's bundled hooks, compiled (tests and tools; a tab compiles the hooks in force itself). */
export function bundledYoutubeAdapter(hooks: SiteHooks): SiteAdapter {
  return createYoutubeAdapter(compileHooks(hooks));
}
