/**
 * The Threads adapter: reads, at the moment of an input, which guarded action a click or key
 * press would commit and on whose account.
 *
 * Threads renders posts as generic nested divs (`data-pressable-container`), action icons as
 * `svg[aria-label]` inside `role=button` divs, and navigates client-side; feed rows are reused,
 * so nothing is cached per element: every call reads the DOM again. Hooks are data
 * (./hooks.json); keys come out in the form of ./urls.ts (`@username`). What stays here is
 * Threads' own: the author from the post's permalink (`/@author/post/<code>`, which names the
 * original author of a repost too), quoted posts nested inside a post, the repost menu, the
 * reply composer under a post page's focal post.
 */
import { identity, nearestLink, ownerHeader, scanInOrder } from '../engine/containers';
import { isElement, onHosts, outermost, outside, pathOfHref, text, TYPING } from '../engine/dom';
import { BUTTONISH, compileHooks, firstHook, type CompiledHooks } from '../engine/hooks';
import { labelIs, normLabel } from '../engine/labels';
import { BoundedMemo } from '../engine/memo';
import { neverThrow } from '../engine/adapter';
import type { Identity, Resolution, SiteAdapter } from '../types';
import type { SiteHooks } from '../../hooks/types';
import { THREADS_HOSTS, threadsHandleFromPath, threadsHandleKey } from './urls';

const isThreadsHost = onHosts(THREADS_HOSTS);

/** An account as found on the page: canonical key plus the spelling shown. */
interface Handle {
  key: string;
  display: string;
}

type Kind = 'undo' | 'like' | 'reply' | 'repost' | 'share' | 'follow' | 'send';

/** Hooks tried on a button (its own aria-label or caption), undo states first. */
const BUTTON_ORDER = ['unlike', 'unfollow', 'like', 'reply', 'repost', 'share', 'follow', 'composerSend'] as const;
/** Hooks tried on the button's icon (`svg[aria-label]`), undo states first. */
const ICON_ORDER = ['unlike', 'like', 'reply', 'repost', 'share', 'follow'] as const;
const KIND_OF: Record<(typeof BUTTON_ORDER)[number], Kind> = {
  unlike: 'undo', unfollow: 'undo',
  like: 'like', reply: 'reply', repost: 'repost', share: 'share', follow: 'follow', composerSend: 'send',
};

/** A Threads adapter on `H` (one per tab and hooks version: its memos live here, not in the module). */
export function createThreadsAdapter(H: CompiledHooks): SiteAdapter {
  const hook = (n: string) => H.hook(n);
  const css = {
    post: hook('post').sel,
    scanPost: hook('scanPost').sel,
    permalink: hook('permalink').sel,
    profileLink: hook('profileLink').sel,
    menu: hook('menu').sel,
    menuItem: hook('menuItem').sel,
    composer: hook('composer').sel,
    dialog: hook('dialog').sel,
    profileTitle: hook('profileTitle').sel,
  };
  const W = {
    repost: H.words('repost'),
    quote: H.words('quote'),
    unrepost: H.words('unrepost'),
    reposted: H.words('reposted'),
  };
  const buttonHooks = BUTTON_ORDER.map((n) => hook(n));
  const iconHooks = ICON_ORDER.map((n) => hook(n));
  const maxClimb = H.threshold('maxClimb', 6);

  /** href → the account a profile link points to (`/@budi`). */
  const profileOfHref = new BoundedMemo<Handle | null>((href) => {
    const path = pathOfHref(href, isThreadsHost);
    const m = path ? H.matchPath('profileLink', path) : null;
    return m?.handle ? asHandle(m.handle) : null;
  });
  /** href → the author and code of a post permalink (`/@budi/post/C1x…`). */
  const postOfHref = new BoundedMemo<(Handle & { code: string }) | null>((href) => {
    const path = pathOfHref(href, isThreadsHost);
    const m = path ? H.matchPath('post', path) : null;
    const h = m?.handle ? asHandle(m.handle) : null;
    return h && m?.slug ? { ...h, code: m.slug } : null;
  });

  function asHandle(name: string): Handle | null {
    const key = threadsHandleKey(name);
    return key ? { key, display: `@${name.replace(/^@/, '')}` } : null;
  }

  // ---------------------------------------------------------------------------------------
  // Which control was hit

  function resolveControl(target: Element, location: Location): Resolution | null {
    // The repost menu is a layer outside the post: its items commit for the post whose repost
    // button opened it (the guard remembers that `menu` resolution).
    const menu = target.closest(css.menu);
    if (menu) return menuItem(target, menu);
    const button = target.closest(BUTTONISH);
    if (!button || button.matches(css.scanPost) || button.querySelector(css.scanPost)) return null;
    const kind = classify(button);
    if (!kind || kind === 'undo') return null;
    switch (kind) {
      case 'like':
      case 'reply':
      case 'share': {
        const ids = postOf(button) ? controlIdentities(button) : [];
        return ids.length ? { type: 'action', action: kind === 'like' ? 'like' : kind === 'reply' ? 'comment' : 'share', control: button, identities: ids } : null;
      }
      case 'repost': {
        const ids = postOf(button) ? controlIdentities(button) : [];
        return ids.length ? { type: 'menu', control: button, identities: ids } : null;
      }
      case 'follow': {
        const ids = followIdentities(button, location);
        return ids.length ? { type: 'action', action: 'follow', control: button, identities: ids } : null;
      }
      case 'send':
        return replySend(button, location);
      default:
        return null;
    }
  }

  /** What a button is: by its own label or caption, else by its one labelled icon. */
  function classify(button: Element): Kind | null {
    const own = firstHook(button, buttonHooks);
    if (own) return KIND_OF[own.name as (typeof BUTTON_ORDER)[number]];
    const icons = button.querySelectorAll('svg[aria-label]');
    if (icons.length !== 1) return null;
    const h = firstHook(icons[0], iconHooks);
    return h ? KIND_OF[h.name as (typeof ICON_ORDER)[number]] : null;
  }

  /** An item of the repost menu: "Posting ulang" and "Kutip" commit a share; "Hapus" undoes. */
  function menuItem(target: Element, menu: Element): Resolution | null {
    const item = target.closest(css.menuItem);
    if (!item || !menu.contains(item)) return null;
    const icon = item.querySelector('svg[aria-label]');
    // What the item says: its caption (not its icon's <title>), else its own label, else the
    // icon's (the "Hapus" item keeps the repost icon: its caption decides).
    const said = normLabel(captionOf(item)) || normLabel(item.getAttribute('aria-label')) || normLabel(icon?.getAttribute('aria-label'));
    if (labelIs(said, W.unrepost)) return null;
    return labelIs(said, W.repost) || labelIs(said, W.quote) ? { type: 'menu-commit', action: 'share', control: item } : null;
  }

  /** An element's visible text without its icons' <title>s (a menu item is a few nodes). */
  function captionOf(el: Element): string {
    let out = '';
    for (const n of el.childNodes) {
      if (n.nodeType === 3) out += n.textContent ?? '';
      else if (isElement(n) && n.localName !== 'svg') out += ` ${captionOf(n)} `;
    }
    return out.replace(/\s+/g, ' ').trim();
  }

  // ---------------------------------------------------------------------------------------
  // Posts and their identities

  /** The post around `el`: the outermost container (a quoted post is nested inside its post). */
  function postOf(el: Element): Element | null {
    return outermost(el, css.post);
  }

  /** Containers nested inside `post`: quoted posts. */
  function quoteBoxes(post: Element): Element[] {
    return [...post.querySelectorAll(css.post)];
  }

  /** The identities of the post a control belongs to (an action bar of a quoted post has none). */
  function controlIdentities(control: Element): Identity[] {
    const post = postOf(control);
    return post ? postIdentities(post) : [];
  }

  /**
   * The author (under "<name> memposting ulang", the original author), then the quoted post's
   * author. Empty when the author cannot be read: an unknown post is not guessed at.
   */
  function postIdentities(post: Element): Identity[] {
    const quotes = quoteBoxes(post);
    const author = ownAuthor(post, quotes);
    if (!author) return [];
    const out = [identity([author.key], author.display, repostedByOther(post, quotes, author) ? 'original' : 'author')];
    for (const q of quotes) {
      if (quotes.some((o) => o !== q && o.contains(q))) continue; // only the outer quote boxes
      const quoted = ownAuthor(q, quoteBoxes(q));
      if (quoted && !out.some((i) => i.keys[0] === quoted.key && i.relation === 'quoted')) out.push(identity([quoted.key], quoted.display, 'quoted'));
    }
    return out;
  }

  /**
   * The post's author: the handle in its own permalink (the link around its <time>, outside
   * quoted posts): Threads writes it, and it names the original author of a repost. Else the
   * first profile link (the avatar) that is not the reposter's line.
   */
  function ownAuthor(post: Element, quotes: Element[]): Handle | null {
    const p = ownPermalink(post, quotes);
    if (p) return p;
    for (const a of post.querySelectorAll(css.profileLink)) {
      if (!outside(quotes, a) || isRepostLine(a)) continue;
      const h = profileOfHref.get(a.getAttribute('href') ?? '');
      if (h) return h;
    }
    return null;
  }

  function ownPermalink(post: Element, quotes: Element[]): (Handle & { code: string }) | null {
    for (const a of post.querySelectorAll(css.permalink)) {
      if (!outside(quotes, a) || !a.getElementsByTagName('time').length) continue;
      const m = postOfHref.get(a.getAttribute('href') ?? '');
      if (m) return m;
    }
    return null;
  }

  /** A profile link in a "<name> memposting ulang" / "<name> reposted" line. */
  function isRepostLine(a: Element): boolean {
    const t = normLabel(text(a.parentElement));
    return W.reposted.some((w) => t.includes(w));
  }

  /** Reposted by someone else: a repost line naming another account than the author. */
  function repostedByOther(post: Element, quotes: Element[], author: Handle): boolean {
    for (const a of post.querySelectorAll(css.profileLink)) {
      if (!outside(quotes, a) || !isRepostLine(a)) continue;
      const h = profileOfHref.get(a.getAttribute('href') ?? '');
      if (h && h.key !== author.key) return true;
    }
    return false;
  }

  /**
   * Who a follow button follows: inside a post (the "+" on the avatar), the post's author;
   * in a profile page's header, the profile in the URL; elsewhere (a suggested account, a
   * search result, a hover card), the nearest profile link around it.
   */
  function followIdentities(button: Element, location: Location): Identity[] {
    const post = postOf(button);
    if (post) {
      const quotes = quoteBoxes(post);
      const author = outside(quotes, button) ? ownAuthor(post, quotes) : null;
      return author ? [identity([author.key], author.display, 'author')] : [];
    }
    const pick = (a: HTMLAnchorElement) => profileOfHref.get(a.getAttribute('href') ?? '');
    const onProfile = H.matchPath('profilePage', location.pathname);
    const pageKey = onProfile ? threadsHandleFromPath(location.pathname) : null;
    // A card right around the button naming another account (a suggestion shown under the
    // header after a follow) is that account's, even inside the header.
    const card = cardAccount(button);
    if (card && card.key !== pageKey) return [identity([card.key], card.display, button.closest(css.dialog) ? 'profile' : 'suggested')];
    if (onProfile && ownerHeader(button, { title: css.profileTitle, stop: `${css.scanPost}, ${css.dialog}`, main: '[role="main"], main', maxClimb })) {
      const key = threadsHandleFromPath(location.pathname);
      return key ? [identity([key], `@${onProfile.handle}`, 'profile')] : [];
    }
    const who = nearestLink(button, maxClimb, css.dialog, pick);
    return who ? [identity([who.key], who.display, button.closest(css.dialog) ? 'profile' : 'suggested')] : [];
  }

  /**
   * The account of a small card around `button`: climbing at most `maxClimb` steps, the first
   * profile link, but never from a box that holds the page's title (the profile header itself).
   */
  function cardAccount(button: Element): Handle | null {
    let el: Element | null = button.parentElement;
    for (let i = 0; el && i < maxClimb; i++, el = el.parentElement) {
      if (el.querySelector(css.profileTitle) || el.matches(css.scanPost) || el.matches(css.dialog)) return null;
      for (const a of el.querySelectorAll(css.profileLink)) {
        const h = button.contains(a) ? null : profileOfHref.get(a.getAttribute('href') ?? '');
        if (h) return h;
      }
    }
    return null;
  }

  /**
   * The "Posting" button of the reply composer under a post page's focal post: a reply to it.
   * Not in a dialog (the modal composer opens from the reply icon, guarded already), and not
   * on other pages (the home composer writes a new post).
   */
  function replySend(button: Element, location: Location): Resolution | null {
    if (button.closest(css.dialog)) return null;
    const post = focalPost(button.ownerDocument, location);
    const ids = post ? postIdentities(post) : [];
    return ids.length ? { type: 'action', action: 'comment', control: button, identities: ids } : null;
  }

  /** On `/@<author>/post/<code>`, the post with that code (its own permalink, not a quote's). */
  function focalPost(doc: Document, location: Location): Element | null {
    const m = H.matchPath('post', location.pathname);
    if (!m?.slug) return null;
    for (const post of doc.querySelectorAll(css.post)) {
      if (post.parentElement?.closest(css.post)) continue;
      if (ownPermalink(post, quoteBoxes(post))?.code === m.slug) return post;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // Keys that are not a button press

  /**
   * Threads binds no single-key shortcut that likes, replies, reposts or follows (its web app
   * lists none; Enter or Space on a focused button reaches resolveControl). Ctrl/Cmd+Enter in
   * the reply composer under a post page's focal post sends the reply.
   */
  function resolveShortcut(event: KeyboardEvent, location: Location): Resolution | null {
    if (event.isComposing || event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey) return null;
    const origin = isElement(event.target) ? event.target : null;
    const doc = origin?.ownerDocument ?? (typeof document === 'undefined' ? null : document);
    const typing = `${css.composer}, ${TYPING}`;
    const box = [origin, doc?.activeElement ?? null].find((el) => !!el?.closest(typing))?.closest(typing);
    if (!box || box.closest(css.dialog)) return null;
    const send = sendButtonNear(box);
    return send ? replySend(send, location) : null;
  }

  /** The composer's "Posting" button: the nearest one climbing from the text field. */
  function sendButtonNear(box: Element): Element | null {
    let el: Element | null = box.parentElement;
    for (let i = 0; el && i < maxClimb; i++, el = el.parentElement) {
      if (el.matches(css.scanPost)) return null;
      const b = hook('composerSend').first(el);
      if (b) return b;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // The scan

  function findPosts(root: Element): Element[] {
    if (!isElement(root)) return [];
    const found = [...root.querySelectorAll(css.post)];
    if (root.matches(css.post)) found.unshift(root);
    // Keep the outermost within root: a nested container is a quoted post, part of its post.
    return found.filter((p) => {
      const outer = p.parentElement?.closest(css.post);
      return !(outer && (root === outer || root.contains(outer)));
    });
  }

  /**
   * `identitiesOf`'s keys for every post under `root`, at once: one query for the permalinks,
   * one climb per post. A post's own permalink (the link around its <time>) names its author,
   * or under "<name> memposting ulang" the original author; a quoted post's permalink names
   * the quoted author. Links come in document order: a post's come together. Where a post has
   * no permalink, identitiesOf falls back to its avatar's profile link; the scan does not.
   */
  function scanKeys(root: Element, visit: (post: Element, key: string) => void): void {
    if (!isElement(root) || typeof visit !== 'function') return;
    const scope = outermost(root, css.scanPost) ?? root;
    const hits = [...scope.querySelectorAll(css.permalink)];
    if (scope.matches(css.permalink)) hits.unshift(scope);
    let keys: string[] = [];
    scanInOrder(
      hits,
      (a) => {
        const p = outermost(a, css.scanPost);
        return p && p.matches(css.post) ? p : null;
      },
      (_post, a) => {
        if (!a.getElementsByTagName('time').length) return;
        const key = postOfHref.get(a.getAttribute('href') ?? '')?.key;
        if (key && !keys.includes(key)) keys.push(key);
      },
      (post) => {
        for (const k of keys) visit(post, k);
        keys = [];
      },
    );
  }

  function identitiesOf(post: Element, _location: Location): Identity[] {
    if (!isElement(post) || !post.matches(css.post)) return [];
    return postIdentities(post);
  }

  return neverThrow({
    site: 'threads',
    platform: 'threads',
    hooksVersion: H.version,
    resolveControl,
    resolveShortcut,
    /** Threads' web app likes on the heart only (no double-click like on media). */
    resolveDoubleTap: () => null,
    /** Enter in a Threads composer starts a new line; Ctrl/Cmd+Enter sends (resolveShortcut). */
    resolveSend: () => null,
    findPosts,
    scanKeys,
    identitiesOf,
  });
}

/** Threads' bundled hooks, compiled (tests and tools; a tab compiles the hooks in force itself). */
export function bundledThreadsAdapter(hooks: SiteHooks): SiteAdapter {
  return createThreadsAdapter(compileHooks(hooks));
}
