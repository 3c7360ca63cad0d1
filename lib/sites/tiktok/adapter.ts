/**
 * The TikTok adapter: what a click, double click, key or Enter on www.tiktok.com would do,
 * read from the DOM at that moment.
 *
 * TikTok virtualises its feeds (For You, Following): one video is on screen, the same icons
 * exist once per rendered item, and an item's container is refilled with another video as
 * the user scrolls. So nothing is cached per element: every call reads the clicked
 * control's own video container again, and a key press goes to the video on screen.
 *
 * Hooks (selectors, label words, path templates, the like key) are data in ./hooks.json,
 * compiled by the engine (lib/sites/engine); canonical keys come from ./urls.ts. What stays
 * here is TikTok's own: which link in a video container is its owner (not a mention in the
 * caption, not a commenter), the video on screen, the profile and live pages, suggested
 * accounts. Everything is a synchronous DOM read that returns null / [] on markup it does
 * not recognise; the public methods go through the engine's `neverThrow`.
 */
import type { Action } from '../../model';
import type { SiteHooks } from '../../hooks/types';
import { neverThrow } from '../engine/adapter';
import { displayOf, nearestLink, orderKeys, ownerHeader, scanInOrder } from '../engine/containers';
import { isElement, onHosts, pathOfHref, text, TYPING } from '../engine/dom';
import { compileHooks, firstHook, type CompiledHooks, type Hook } from '../engine/hooks';
import { BoundedMemo } from '../engine/memo';
import type { Identity, Resolution, SiteAdapter } from '../types';
import { TIKTOK_HOSTS, tiktokHandleKey, tiktokIdKey } from './urls';

const BUTTON = 'button, [role="button"]';
const isTiktokHost = onHosts(TIKTOK_HOSTS);
/** The substring that makes a link a share-by-id link (`/share/user/<n>`, paths.userById). */
const SHARE_HINT = '/share/user/';

type Kind = 'like' | 'comment' | 'share' | 'follow' | 'send';

/** The account a video container (or page) is about: canonical keys and what the page shows. */
interface Owner {
  keys: string[];
  display: string;
}

/** A TikTok adapter on `H` (one per tab and hooks version: its memo lives here, not in the module). */
export function createTiktokAdapter(H: CompiledHooks): SiteAdapter {
  const hook = (n: string) => H.hook(n);
  const POST = hook('post').sel;
  const AUTHOR = hook('author').sel;
  /** Links in the caption (mentions) and in the comments (commenters) never name the owner. */
  const NOT_OWNER = [hook('videoText').sel, hook('commentArea').sel].join(', ');
  const ACTIVE = hook('activeVideo').sel;
  const TITLE = hook('profileTitle').sel;
  const SIDE = hook('sideRegion').sel;
  const DIALOG = hook('dialog').sel;
  const MAIN = hook('main').sel;
  const MAX_CLIMB = H.threshold('maxClimb', 8);
  /** The scan's one query: the owner hooks, profile links and share-by-id links. */
  const SCAN = `${AUTHOR}, a[href*="/@"], a[href*="${SHARE_HINT}"]`;

  /** Hooks by which a control is recognised: their selectors (the data-e2e markers) first. */
  const MARKERS: [Hook, Kind][] = [
    [hook('like'), 'like'],
    [hook('comment'), 'comment'],
    [hook('share'), 'share'],
    [hook('follow'), 'follow'],
    [hook('commentSend'), 'send'],
  ];
  const MARKER_SEL = MARKERS.map(([h]) => h.list.join(', ')).filter(Boolean).join(', ');
  /** By label on a button, undo states first so they stop the walk. */
  const LABEL_ORDER: [Hook, Kind | 'undo'][] = [[hook('followUndo'), 'undo'], [hook('likeUndo'), 'undo'], ...MARKERS];
  const LABEL_HOOKS = LABEL_ORDER.map(([h]) => h);
  const LABEL_KIND = new Map(LABEL_ORDER);
  const MARKER_HOOKS = MARKERS.map(([h]) => h);
  const KIND_OF = new Map(MARKERS);

  /**
   * What a link names, read once per distinct href: `handle` for any link under `/@h`
   * (`/@h`, `/@h/video/1`, `/@h/live`), `profile` only for the profile itself (`/@h`: it names
   * an owner when no owner hook does), `id` for a share-by-id link (`/share/user/<n>`).
   */
  const NO_LINK = { handle: null, profile: null, id: null } as const;
  const hrefLink = new BoundedMemo<{ handle: string | null; profile: string | null; id: string | null }>((href) => {
    const path = pathOfHref(href, isTiktokHost);
    if (!path) return NO_LINK;
    const profile = H.matchPath('profile', path);
    const m = profile ?? H.matchPath('video', path) ?? H.matchPath('live', path);
    const handle = m?.handle ? tiktokHandleKey(decode(m.handle)) : null;
    if (handle) return { handle, profile: profile ? handle : null, id: null };
    const byId = H.matchPath('userById', path);
    return byId?.id ? { handle: null, profile: null, id: tiktokIdKey(byId.id) } : NO_LINK;
  });

  // ---------------------------------------------------------------------------------------
  // Which control was hit

  function isLikeUndo(control: Element): boolean {
    return control.getAttribute('aria-pressed') === 'true' || hook('likeUndo').is(control);
  }

  function isFollowUndo(control: Element): boolean {
    return control.getAttribute('aria-pressed') === 'true' || hook('followUndo').is(control);
  }

  /** The button a few levels around an icon (not a far ancestor that happens to be clickable). */
  function buttonAround(icon: Element): Element | null {
    let el: Element | null = icon.parentElement;
    for (let i = 0; el && i < 3; i++, el = el.parentElement) if (el.matches(BUTTON)) return el;
    return null;
  }

  function nearCommentBox(control: Element): boolean {
    let el: Element | null = control.parentElement;
    for (let i = 0; el && i < 3 && el !== el.ownerDocument.body; i++, el = el.parentElement) if (hook('commentBox').first(el)) return true;
    return false;
  }

  function classify(target: Element): { kind: Kind; control: Element } | null {
    const marker = MARKER_SEL ? target.closest(MARKER_SEL) : null;
    let kind: Kind | null = null;
    let control: Element | null = null;
    if (marker) {
      kind = KIND_OF.get(firstHook(marker, MARKER_HOOKS)!) ?? null;
      // The icon sits inside the button that carries the state (aria-pressed, its label).
      const button = marker.matches(BUTTON) ? marker : buttonAround(marker);
      control = button && button.querySelectorAll(MARKER_SEL).length <= 1 ? button : marker;
    } else {
      control = target.closest(BUTTON);
      if (!control) return null;
      const hit = firstHook(control, LABEL_HOOKS);
      const k = hit ? LABEL_KIND.get(hit) : undefined;
      if (!k || k === 'undo') return null;
      // A "Post" label means the comment box's button only next to a comment box.
      if (k === 'send' && !nearCommentBox(control)) return null;
      kind = k;
    }
    if (!kind || !control) return null;
    if (kind === 'like' && isLikeUndo(control)) return null;
    if (kind === 'follow' && isFollowUndo(control)) return null;
    // An empty comment box's Post button is disabled: pressing it sends nothing.
    if (kind === 'send' && (control.getAttribute('aria-disabled') === 'true' || control.matches(':disabled'))) return null;
    return { kind, control };
  }

  // ---------------------------------------------------------------------------------------
  // Owners

  /**
   * The owner of a video container from its hits (owner hooks, profile links, share-by-id
   * links, in document order) — the one rule `identitiesOf` and the scan both run on, so they
   * agree. The first owner hook that names a handle wins; without one, the first link to a
   * profile. Hits in the caption or the comments are skipped. No owner, no keys (a share-by-id
   * link alone names no one).
   */
  function ownerFrom(post: Element, hits: ArrayLike<Element>, withDisplay = true): Owner | null {
    let handle: string | null = null;
    let shown = '';
    let fallback: string | null = null;
    const ids: string[] = [];
    const owned = (h: Element) => {
      const off = NOT_OWNER ? h.closest(NOT_OWNER) : null;
      return !off || !post.contains(off);
    };
    for (let i = 0; i < hits.length; i++) {
      const h = hits[i];
      const href = h.getAttribute('href');
      // Cheap string tests first: a feed adds thousands of containers at once.
      if (href !== null && href.includes(SHARE_HINT)) {
        const id = hrefLink.get(href).id;
        if (id && !ids.includes(id) && owned(h)) ids.push(id);
        continue;
      }
      if (handle) continue;
      // Owner hooks are never in the caption or the comments.
      if (h.matches(AUTHOR)) {
        const got = handleOfAuthor(h, post, withDisplay);
        if (got) {
          handle = got.key;
          shown = got.display;
        }
        continue;
      }
      if (!fallback && href !== null && owned(h)) fallback = hrefLink.get(href).profile;
    }
    const key = handle ?? fallback;
    if (!key) return null;
    return { keys: ids.length ? orderKeys([...ids, key]) : [key], display: shown || key };
  }

  /** What an owner hook names: its link (itself or around it, inside the post), else its text (`@h` or `h`). */
  function handleOfAuthor(el: Element, post: Element, withDisplay: boolean): { key: string; display: string } | null {
    const shown = (k: string) => ({ key: k, display: withDisplay ? shownHandle(el, k) : '' });
    const a = el.closest('a[href]');
    if (a && post.contains(a)) {
      const k = hrefLink.get(a.getAttribute('href') ?? '').handle;
      if (k) return shown(k);
    }
    const inner = el.querySelector('a[href]');
    if (inner) {
      const k = hrefLink.get(inner.getAttribute('href') ?? '').handle;
      if (k) return shown(k);
    }
    const t = text(el);
    const k = /^@?[A-Za-z0-9._]{2,24}$/.test(t) ? tiktokHandleKey(t) : null;
    return k ? shown(k) : null;
  }

  /** `@Handle` as the page spells it when its text is the handle, else `@handle`. */
  function shownHandle(el: Element, key: string): string {
    const t = text(el).replace(/^@/, '');
    return t.toLowerCase() === key.slice(1) ? `@${t}` : key;
  }

  function ownerOf(post: Element): Owner | null {
    return ownerFrom(post, post.querySelectorAll(SCAN));
  }

  function postOf(el: Element): Element | null {
    return POST ? el.closest(POST) : null;
  }

  /** The handle of the page: `/@h`, `/@h/video/<id>`, `/@h/photo/<id>`, `/@h/live`. */
  function locationOwner(location: Location, which: readonly string[] = ['profile', 'video', 'live']): Owner | null {
    const path = location.pathname;
    for (const name of which) {
      const m = H.matchPath(name, path);
      const key = m?.handle ? tiktokHandleKey(decode(m.handle)) : null;
      if (key) return { keys: [key], display: `@${decode(m!.handle)}` };
    }
    return null;
  }

  /**
   * The video on screen: the one TikTok marks active, else the only video container, else
   * the one across the middle of the viewport.
   */
  function onScreen(doc: Document): Element | null {
    const active = ACTIVE ? doc.querySelector(ACTIVE) : null;
    const fromActive = active ? (postOf(active) ?? (active.matches(POST) ? active : null)) : null;
    if (fromActive) return fromActive;
    const posts = POST ? doc.querySelectorAll(POST) : [];
    if (posts.length === 1) return posts[0];
    const mid = (doc.defaultView?.innerHeight ?? 0) / 2;
    for (const p of posts) {
      const r = p.getBoundingClientRect();
      if (r.height > 0 && r.top <= mid && r.bottom >= mid) return p;
    }
    return null;
  }

  const asIdentity = (o: Owner | null, relation: Identity['relation']): Identity[] => (o ? [{ keys: o.keys, display: o.display, relation }] : []);

  /** A post's owner, else — on a video page — the handle in its URL. */
  function postIdentities(post: Element | null, location: Location): Identity[] {
    const o = post ? ownerOf(post) : null;
    return asIdentity(o ?? locationOwner(location, ['video']), 'author');
  }

  /** A follow outside any video: the profile header, a suggested account's card, else the page itself. */
  function followTarget(control: Element, location: Location): Identity[] {
    const here = locationOwner(location);
    const inSide = SIDE ? !!control.closest(SIDE) : false;
    if (here && !inSide) {
      const header = ownerHeader(control, { title: TITLE, stop: `${SIDE}, ${POST}, ${DIALOG}`, main: MAIN, maxClimb: MAX_CLIMB });
      if (header) {
        const h1 = header.querySelector(TITLE);
        const titled = h1 ? tiktokHandleKey(text(h1)) : null;
        return [{ keys: orderKeys([here.keys[0], titled]), display: h1 ? `@${text(h1).replace(/^@/, '')}` : here.display, relation: 'profile' }];
      }
      // A live room's follow button follows its host: the page's account.
      if (!control.closest(DIALOG) && locationOwner(location, ['live'])) return asIdentity(here, 'profile');
    }
    const card = nearestLink(control, MAX_CLIMB, DIALOG, (a) => {
      const k = hrefLink.get(a.getAttribute('href') ?? '').profile;
      return k ? { keys: [k], display: displayOf(a, k), relation: 'suggested' as const } : null;
    });
    if (card) return [card];
    return here && !inSide ? asIdentity(here, 'profile') : [];
  }

  function action(a: Action, control: Element, identities: Identity[]): Resolution | null {
    return identities.length ? { type: 'action', action: a, control, identities } : null;
  }

  /** The comment box's (or its Post button's) video: its own container, the video on screen, or the page's. */
  function commentTarget(el: Element, location: Location): Identity[] {
    const post = postOf(el) ?? onScreen(el.ownerDocument);
    return postIdentities(post, location);
  }

  function resolveControl(target: Element, location: Location): Resolution | null {
    const hit = classify(target);
    if (!hit) return null;
    const { kind, control } = hit;
    const post = postOf(control);
    switch (kind) {
      case 'like':
      case 'comment':
      case 'share':
        return action(kind, control, postIdentities(post, location));
      case 'send':
        return action('comment', control, commentTarget(control, location));
      case 'follow':
        return action('follow', control, post ? postIdentities(post, location) : followTarget(control, location));
      default:
        return null;
    }
  }

  /** The like button of `post` (the button around its like icon), or null. */
  function likeOf(post: Element): Element | null {
    const like = hook('like').first(post);
    if (!like) return null;
    const button = like.matches(BUTTON) ? like : buttonAround(like);
    return button && post.contains(button) ? button : like;
  }

  /** A double click / double tap on the video likes it; go ahead presses its like button. */
  function resolveDoubleTap(target: Element, location: Location): Resolution | null {
    const media = hook('media').closest(target);
    if (!media) return null;
    const post = postOf(media);
    if (!post) return null;
    const like = likeOf(post);
    if (like && isLikeUndo(like)) return null; // already liked: a double tap adds nothing
    return action('like', like ?? media, postIdentities(post, location));
  }

  /** Enter in the comment box posts the comment (TikTok's editor sends on Enter). */
  function resolveSend(target: Element, location: Location): Resolution | null {
    const box = hook('commentBox').closest(target);
    if (!box) return null;
    // The editor itself (Draft.js listens on the contenteditable inside the box): what go ahead sends Enter to.
    const editor = target.closest(TYPING);
    return action('comment', editor && box.contains(editor) ? editor : box, commentTarget(box, location));
  }

  /** TikTok's `l` likes the video on screen (hooks.json `shortcuts`); typing is never a shortcut. */
  function resolveShortcut(event: KeyboardEvent, location: Location): Resolution | null {
    if (event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return null;
    if (!Object.hasOwn(H.shortcuts, event.key) || H.shortcuts[event.key] !== 'like') return null;
    const t = event.target as Node | null;
    const doc = t && (t as Document).nodeType === 9 ? (t as Document) : (t?.ownerDocument ?? (typeof document === 'undefined' ? null : document));
    if (!doc) return null;
    const origin = isElement(t) ? t : null;
    if ([origin, doc.activeElement].some((el) => el?.closest(TYPING))) return null;
    const post = (origin && postOf(origin)) ?? onScreen(doc);
    if (!post) return null;
    const like = likeOf(post);
    if (!like || isLikeUndo(like)) return null;
    return action('like', like, postIdentities(post, location));
  }

  function findPosts(root: Element): Element[] {
    if (!POST) return [];
    const found = [...root.querySelectorAll(POST)];
    if (root.matches(POST)) found.unshift(root);
    return found.filter((p) => {
      const outer = p.parentElement?.closest(POST);
      return !(outer && root.contains(outer));
    });
  }

  /**
   * One query for the whole subtree; hits come in document order, so one container's hits
   * are consecutive (`scanInOrder`). A root inside a video container scans that container.
   */
  function scanKeys(root: Element, visit: (post: Element, key: string) => void): void {
    if (!POST) return;
    const around = root.parentElement?.closest(POST);
    const scope = around ?? root;
    let hits: Element[] = [];
    const containerOf = (hit: Element) => {
      const p = hit.closest(POST);
      return p && (p === scope || scope.contains(p)) ? p : null;
    };
    scanInOrder(
      scope.querySelectorAll(SCAN),
      containerOf,
      (_p, hit) => hits.push(hit),
      (p) => {
        const owner = ownerFrom(p, hits, false);
        hits = [];
        if (owner) for (const k of owner.keys) visit(p, k);
      },
    );
  }

  function identitiesOf(post: Element, _location: Location): Identity[] {
    const p = post.matches(POST) ? post : findPosts(post)[0];
    return p ? asIdentity(ownerOf(p), 'author') : [];
  }

  return neverThrow({
    site: 'tiktok',
    platform: 'tiktok',
    hooksVersion: H.version,
    resolveControl,
    resolveShortcut,
    resolveDoubleTap,
    resolveSend,
    findPosts,
    scanKeys,
    identitiesOf,
  });
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** TikTok's bundled hooks, compiled (tests and tools; a tab compiles the hooks in force itself). */
export function bundledTiktokAdapter(hooks: SiteHooks): SiteAdapter {
  return createTiktokAdapter(compileHooks(hooks));
}
