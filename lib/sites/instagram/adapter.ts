/**
 * The Instagram adapter: what a click, double tap or Enter on www.instagram.com would do,
 * read from the DOM at that moment. Instagram virtualises its feed and reels viewer (rows are
 * reused for other posts), so nothing is cached per element: every call reads the author
 * links again.
 *
 * Hooks (selectors, label words, path templates, thresholds) are data in ./hooks.json,
 * compiled by the engine (lib/sites/engine); usernames are canonicalised by ./urls.ts. What
 * stays here is Instagram's own:
 * - a post's authors: the post header's profile links (two in a collaboration, "a dan b"),
 *   the header being the older markup's <header> or, in the newer feed, the first profile
 *   link's row (its nearest ancestor holding the post's <time>); a repost's "<name> reposted"
 *   line is skipped and the header then names the original author;
 * - a comment's author when a comment's small heart is pressed;
 * - Follow in a post header, a profile header (the profile in the URL), a suggestion card or
 *   a list row (the nearest profile link above the button);
 * - outside any <article> (the reels viewer, a post page drawn without one): the nearest
 *   profile link above the control, the way a card is read.
 * Icons are `svg[aria-label]` inside the button: the control is the button around the icon.
 */
import { instagramUsernameKey } from '../../accounts/canonical';
import type { Action } from '../../model';
import type { SiteHooks } from '../../hooks/types';
import { neverThrow } from '../engine/adapter';
import { identity, nearestLink } from '../engine/containers';
import { isElement, onHosts, pathOfHref, queryAll } from '../engine/dom';
import { BUTTONISH, compileHooks, firstHook, innermost, type CompiledHooks } from '../engine/hooks';
import { BoundedMemo } from '../engine/memo';
import type { Identity, Resolution, SiteAdapter } from '../types';
import { INSTAGRAM_HOSTS } from './urls';

type Kind = 'undo' | 'like' | 'comment' | 'share' | 'follow' | 'send';

/** Hook names in the order they are tried at each element, innermost first: undo states stop the walk. */
const CONTROL_ORDER = ['likeUndo', 'repostUndo', 'followUndo', 'like', 'comment', 'share', 'repost', 'follow', 'commentSend'] as const;
const KIND_OF: Record<(typeof CONTROL_ORDER)[number], Kind> = {
  likeUndo: 'undo', repostUndo: 'undo', followUndo: 'undo',
  like: 'like', comment: 'comment', share: 'share', repost: 'share', follow: 'follow', commentSend: 'send',
};

interface Account {
  key: string;
  display: string;
}

const isInstagramHost = onHosts(INSTAGRAM_HOSTS);

/** An Instagram adapter on `H` (one per tab and hooks version: its memo lives here, not in the module). */
export function createInstagramAdapter(H: CompiledHooks): SiteAdapter {
  const hook = (n: string) => H.hook(n);
  const css = {
    post: hook('post').sel,
    postHeader: hook('postHeader').sel,
    time: hook('postTime').sel,
    repostBadge: hook('repostBadge').sel,
    commentItem: hook('commentItem').sel,
    commentBox: hook('commentBox').sel,
    profileHeader: hook('profileHeader').sel,
    dialog: hook('dialog').sel,
  };
  const MAX_CLIMB = H.threshold('maxClimb', 8);
  const HEADER_CLIMB = H.threshold('headerClimb', 6);
  const controlHooks = CONTROL_ORDER as readonly string[];
  const undoHooks = CONTROL_ORDER.filter((n) => KIND_OF[n] === 'undo').map((n) => hook(n));
  /** Every control hook's selectors (the icons), for a button pressed by key: its icon says what it is. */
  const ICONS = CONTROL_ORDER.flatMap((n) => hook(n).list).join(', ');

  /** href → the account a profile link names (`/budi/`, `https://www.instagram.com/budi`); memoised per href. */
  const hrefAccount = new BoundedMemo<Account | null>((href) => {
    const path = pathOfHref(href, isInstagramHost);
    const m = path ? H.matchPath('profile', path) : null;
    const key = m?.handle ? instagramUsernameKey(m.handle) : null;
    return key && m ? { key, display: `@${m.handle}` } : null;
  });
  const accountOf = (a: Element): Account | null => {
    const href = a.getAttribute('href');
    return href ? hrefAccount.get(href) : null;
  };

  // ---------------------------------------------------------------------------------------
  // Which control was hit

  function classify(target: Element): { kind: Kind; control: Element } | null {
    let hit = innermost(target, H, controlHooks, MAX_CLIMB * 3);
    const button = target.closest(BUTTONISH);
    if (!hit && button) {
      // Enter on a focused button: the target is the button, its icon inside it.
      const icon = ICONS ? button.querySelector(ICONS) : null;
      if (icon) hit = innermost(icon, H, controlHooks, MAX_CLIMB);
      if (hit && !button.contains(hit.el)) hit = null;
    }
    if (!hit) return null;
    const kind = KIND_OF[hit.name as (typeof CONTROL_ORDER)[number]];
    if (kind === 'undo') return null;
    const control = hit.el.matches(BUTTONISH) ? hit.el : (hit.el.closest(BUTTONISH) ?? hit.el);
    // The icon keeps its label in the done state on some controls (a repost): the button says undo.
    if (control !== hit.el && firstHook(control, undoHooks)) return null;
    if (kind === 'follow' && control.getAttribute('aria-pressed') === 'true') return null;
    return { kind, control };
  }

  // ---------------------------------------------------------------------------------------
  // Posts and their authors

  /** The post (article) a control is in; IG does not nest them. */
  const postOf = (el: Element): Element | null => el.closest(css.post);

  /**
   * The "<name> reposted" line of a repost: the repost icon's nearest ancestor (a few steps)
   * holding a profile link. Null when `badge` is no such icon (one inside a button is the
   * action bar's).
   */
  function lineOf(badge: Element, post: Element): Element | null {
    if (badge.closest(BUTTONISH)) return null;
    let el: Element | null = badge.parentElement;
    for (let i = 0; el && el !== post && i < HEADER_CLIMB; i++, el = el.parentElement) {
      const links = el.getElementsByTagName('a');
      for (let j = 0; j < links.length; j++) if (accountOf(links[j])) return el;
    }
    return null;
  }

  /**
   * A post's authors, and the repost line when one heads it: the first profile link outside
   * such a line, and the part of the post that heads it — the <header>, else the link's
   * nearest ancestor (a few steps) holding the post's <time>, else the link alone — with every
   * other profile link in that part (a collaboration, "a dan b"). Mentions, the liker line and
   * comments lie outside it. Each account once. Live tag collections, indexed, with early
   * exits: the scan runs this for thousands of posts at once (measured in Chromium 156 on
   * 2,000 clones of the demo's listed post, 2026-12-06: a scope-wide query for repost icons or
   * for every link cost 2–4× more than this).
   */
  function authorsOf(post: Element, line: Element | null = null): { authors: Account[]; line: Element | null } {
    const links = post.getElementsByTagName('a');
    let first: Element | null = null;
    let at = 0;
    for (; at < links.length; at++) {
      const a = links[at];
      if (accountOf(a) && !line?.contains(a)) {
        first = a;
        break;
      }
    }
    if (!first) return { authors: [], line };
    // One climb from the link towards the post (never past it, unlike `closest`): the first
    // <header> on the way, else the first ancestor holding the post's <time>.
    let zone: Element = first;
    const time = post.querySelector(css.time);
    let timeZone: Element | null = null;
    for (let el = first.parentElement, k = 0; el && el !== post; k++, el = el.parentElement) {
      if (el.matches(css.postHeader)) {
        zone = el;
        break;
      }
      if (timeZone || k >= HEADER_CLIMB || !time) continue;
      if (line && el.contains(line)) k = HEADER_CLIMB;
      else if (el.contains(time)) timeZone = el;
    }
    if (zone === first && timeZone) zone = timeZone;
    if (zone === first) {
      const only = accountOf(first);
      return { authors: only ? [only] : [], line };
    }
    if (!line) {
      // A repost: the line naming the reposter heads the header; read past it.
      const badge = zone.querySelector(css.repostBadge);
      const found = badge ? lineOf(badge, post) : null;
      if (found) return authorsOf(post, found);
    }
    // A subtree is contiguous in document order: the zone's other links follow `first`.
    const out: Account[] = [];
    for (let i = at; i < links.length; i++) {
      const a = links[i];
      if (!zone.contains(a)) break;
      if (line?.contains(a)) continue;
      const acc = accountOf(a);
      if (acc && !out.some((o) => o.key === acc.key)) out.push(acc);
    }
    return { authors: out, line };
  }

  /** Author(s) of a post: relation `original` when a "reposted" line heads it. */
  function postIdentities(post: Element): Identity[] {
    const { authors, line } = authorsOf(post);
    const relation = line ? 'original' : 'author';
    return authors.map((a) => identity([a.key], a.display, relation));
  }

  /** A comment's author: the first profile link of its list item. */
  function commentAuthor(item: Element): Identity[] {
    for (const a of item.getElementsByTagName('a')) {
      const acc = accountOf(a);
      if (acc) return [identity([acc.key], acc.display, 'author')];
    }
    return [];
  }

  /**
   * Outside an article (the reels viewer, a post page drawn without one, a story): the nearest
   * profile link above the control, and the box it was found in (the unit's other controls).
   */
  function looseUnit(control: Element): { box: Element; who: Account } | null {
    return nearestLink(control, MAX_CLIMB, css.dialog, (a, box) => {
      const who = accountOf(a);
      return who ? { box, who } : null;
    });
  }

  /** Who a like, comment, share or repost on `control` is about. */
  function contextIdentities(control: Element): Identity[] {
    const post = postOf(control);
    if (post) {
      const item = control.closest(css.commentItem);
      if (item && post.contains(item)) return commentAuthor(item);
      return postIdentities(post);
    }
    const unit = looseUnit(control);
    return unit ? [identity([unit.who.key], unit.who.display, 'author')] : [];
  }

  // ---------------------------------------------------------------------------------------
  // Follow

  /** The profile a page URL shows (`/budi/`, `/budi/reels/`), or null (feed, posts, Instagram's own pages). */
  function locationProfile(location: Location): Account | null {
    const m = H.matchPath('profilePage', location.pathname);
    const key = m?.handle ? instagramUsernameKey(m.handle) : null;
    return key && m ? { key, display: `@${m.handle}` } : null;
  }

  function followIdentities(control: Element, location: Location): Identity[] {
    const post = postOf(control);
    if (post) {
      const item = control.closest(css.commentItem);
      if (item && post.contains(item)) return commentAuthor(item);
      return postIdentities(post);
    }
    const inDialog = !!control.closest(css.dialog);
    const here = locationProfile(location);
    if (here && !inDialog && control.closest(css.profileHeader)) return [identity([here.key], here.display, 'profile')];
    const card = looseUnit(control);
    if (card) return [identity([card.who.key], card.who.display, inDialog ? 'profile' : 'suggested')];
    return [];
  }

  // ---------------------------------------------------------------------------------------
  // Resolutions

  function action(a: Action, control: Element, identities: Identity[]): Resolution | null {
    return identities.length ? { type: 'action', action: a, control, identities } : null;
  }

  function resolveControl(target: Element, location: Location): Resolution | null {
    const hit = classify(target);
    if (!hit) return null;
    const { kind, control } = hit;
    switch (kind) {
      case 'like':
      case 'comment':
      case 'share':
        return action(kind, control, contextIdentities(control));
      case 'follow':
        return action('follow', control, followIdentities(control, location));
      case 'send': {
        // "Kirim"/"Post" next to a post's comment box; the share sheet's "Kirim" is no comment.
        const post = postOf(control);
        const form = control.closest('form') ?? control.parentElement;
        if (!post || !form?.querySelector(css.commentBox)) return null;
        return action('comment', control, postIdentities(post));
      }
      default:
        return null;
    }
  }

  /** The post's own like button (not a comment's), and whether it is already liked. */
  function ownLike(box: Element): { button: Element | null; liked: boolean } {
    const own = (name: string) => hook(name).all(box).find((el) => !el.closest(css.commentItem) || !box.contains(el.closest(css.commentItem))) ?? null;
    if (own('likeUndo')) return { button: null, liked: true };
    const icon = own('like');
    return { button: icon ? (icon.closest(BUTTONISH) ?? icon) : null, liked: false };
  }

  /**
   * Outside an article, the author's box may hold the media and not the action column (the
   * reels viewer): the nearest ancestor (a few steps) holding a like control that belongs to
   * the same author, else the box itself.
   */
  function unitWithLike(box: Element, key: string): Element {
    let el: Element | null = box;
    for (let i = 0; el && i < HEADER_CLIMB && el !== el.ownerDocument.body; i++, el = el.parentElement) {
      const like = hook('like').first(el) ?? hook('likeUndo').first(el);
      if (like) return looseUnit(like)?.who.key === key ? el : box;
    }
    return box;
  }

  function resolveDoubleTap(target: Element, _location: Location): Resolution | null {
    const media = hook('mediaLike').closest(target);
    if (!media) return null;
    // An avatar or a link to a profile is no post media.
    const link = media.closest('a[href]');
    if (link && accountOf(link)) return null;
    const post = postOf(media);
    let box: Element | null = post;
    let identities: Identity[] = [];
    if (post) identities = postIdentities(post);
    else {
      const unit = looseUnit(media);
      if (unit) {
        box = unit.box;
        identities = [identity([unit.who.key], unit.who.display, 'author')];
      }
    }
    if (!box || !identities.length) return null;
    if (!post) box = unitWithLike(box, identities[0].keys[0]);
    const { button, liked } = ownLike(box);
    if (liked) return null; // a double tap on a liked post does nothing more
    return action('like', button ?? media, identities);
  }

  function resolveSend(target: Element, _location: Location): Resolution | null {
    const box = target.closest(css.commentBox);
    if (!box) return null;
    // Only a post's own box: outside an <article> (the reels viewer's comment drawer) the
    // nearest profile link above the box may be a commenter's, so such a box is not read
    // (the drawer's comment icon is guarded).
    const post = postOf(box);
    return post ? action('comment', box, postIdentities(post)) : null;
  }

  // ---------------------------------------------------------------------------------------
  // Scan

  function findPosts(root: Element): Element[] {
    return queryAll(root, css.post);
  }

  /**
   * Every post under `root` (or the post around it): its authors' keys, as `identitiesOf`
   * reads them (the same `authorsOf`): one query for the posts, then a few live-collection
   * reads per post.
   */
  function scanKeys(root: Element, visit: (post: Element, key: string) => void): void {
    const scope = root.closest(css.post) ?? root;
    const posts = queryAll(scope, css.post);
    for (let i = 0; i < posts.length; i++) {
      const post = posts[i];
      const { authors } = authorsOf(post);
      for (let j = 0; j < authors.length; j++) visit(post, authors[j].key);
    }
  }

  function identitiesOf(post: Element, _location: Location): Identity[] {
    return isElement(post) && post.matches(css.post) ? postIdentities(post) : [];
  }

  return neverThrow({
    site: 'instagram',
    platform: 'instagram',
    hooksVersion: H.version,
    resolveControl,
    /** Instagram's web app binds no single key that likes, comments, shares or follows. */
    resolveShortcut: () => null,
    resolveDoubleTap,
    resolveSend,
    findPosts,
    scanKeys,
    identitiesOf,
  });
}

/** Instagram's bundled hooks, compiled (tests and tools; a tab compiles the hooks in force itself). */
export function bundledInstagramAdapter(hooks: SiteHooks): SiteAdapter {
  return createInstagramAdapter(compileHooks(hooks));
}
