/**
 * The Facebook adapter: what a click on www./web./m.facebook.com would do, read from the DOM
 * at that moment. Facebook recycles and re-renders feed rows, so nothing is cached per
 * element: every call reads the author links again.
 *
 * Hooks (selectors, label words, thresholds) are data in ./hooks.json, compiled by the
 * engine (lib/sites/engine); URL rules are in ./urls.ts (pure). What stays here is
 * Facebook's own: shared-post zones, comment ownership, group posts, page headers, the
 * reactions layer. Everything is a synchronous DOM read that returns null / [] on markup it
 * does not recognise; the public methods are wrapped by the engine's `neverThrow`, because
 * a throw inside the guard's capture listener would leave the page without a guard.
 *
 * m.facebook.com serves a different ("Bloks", `data-mcomponent`) markup that is not
 * modelled here; only the parts it shares with www (links, ARIA labels) are recognised.
 */
import { stripHostPrefix } from '../../accounts/canonical';
import type { Action } from '../../model';
import { neverThrow } from '../engine/adapter';
import { compileHooks, firstHook, type CompiledHooks, type Hook } from '../engine/hooks';
import { choiceLayer, displayOf, links, nearestLink, orderKeys, ownerHeader } from '../engine/containers';
import { outermost } from '../engine/dom';
import { labelIs, normLabel as norm } from '../engine/labels';
import { BoundedMemo } from '../engine/memo';
import type { SiteHooks } from '../../hooks/types';
import type { Identity, Resolution, SiteAdapter } from '../types';
import { FACEBOOK_HOSTS, facebookKeyFromUrl } from './urls';

/** Anything Facebook makes clickable as a button. */
const BUTTON_SEL = '[role="button"],button';
/** Old markup carried the numeric id on the name link: `/ajax/hovercard/user.php?id=<n>`. */
const HOVERCARD_ATTR = 'data-hovercard';
/**
 * What relative links resolve against in the scan, which has no Location: the content
 * script runs on Facebook origins only, and keys do not depend on the host.
 */
const SCAN_BASE = { href: 'https://www.facebook.com/' };
/** The substring that makes a link a group member link (`/groups/<g>/user/<id>/`). */
const SCAN_MEMBER_HREF = '/user/';

/**
 * The scan's one query, built from the author headers of the hooks: links that may name a
 * party of a post, in document order (see `scanKeys`).
 * - inside an author header: the first person link of the first header is the author; the
 *   first one of a later header, naming someone else, is the shared post's original
 *   author. Group links (`g:`) count up to and including the author's header.
 * - with an aria-label: the avatar next to the name (often a numeric-id URL while the
 *   name links the vanity URL). Counted only when the label is a party's name.
 * - member links: the author of a group post whose header shows the group.
 * Measured in Chromium 156 on a 2,000-post batch (2026-11-22): a selector led by the tag
 * (`a:is(…)`) rejects the other 95 % of elements at once (4–5 ms), where a list of complex
 * selectors tested each one against every element (10–11 ms).
 */
function scanSelectors(headers: readonly string[]) {
  // Without entries another entry already covers (`h4[id]` is an `h4`).
  const own = headers.filter((h) => !headers.some((o) => o !== h && /^[a-z0-9]+$/.test(o) && h.startsWith(`${o}[`)));
  return {
    headers: own,
    links: `a:is([aria-label], [href*="${SCAN_MEMBER_HREF}"], ${own.map((h) => `${h} *`).join(', ')})`,
    /** For engines whose `:is()` takes compound selectors only (happy-dom): the same links, as a list. */
    compat: `a:is([aria-label], [href*="${SCAN_MEMBER_HREF}"]), :is(${own.join(', ')}) a`,
  };
}

/** A Facebook adapter on `H` (one per tab and hooks version: its memos live here, not in the module). */
export function createFacebookAdapter(H: CompiledHooks): SiteAdapter {
  const hook = (n: string) => H.hook(n);
  const POST_SEL = hook('post').sel;
  const HEADER_SEL = hook('authorHeader').sel;
  const MESSAGE_SEL = hook('storyMessage').sel;
  const MARKER_SEL = [hook('likeMarker').sel, hook('commentMarker').sel, hook('shareMarker').sel].join(',');
  const SIDE_SEL = hook('sideRegion').sel;
  const DIALOG = hook('dialog').sel;
  const MAIN_SEL = hook('main').sel;
  const MAX_CLIMB = H.threshold('maxClimb', 8);
  const SCAN = scanSelectors(hook('authorHeader').list);
  const SCAN_LINKS = SCAN.links;
  const SCAN_LINKS_COMPAT = SCAN.compat;
  /** What each scanned link climbs to with one `closest`: its post wrapper or, nearer, its author header. */
  const STOP_SEL = [...hook('post').list, ...SCAN.headers].join(',');

  type Kind = 'like' | 'reaction' | 'comment' | 'share' | 'follow' | 'join';

  interface Hit {
    kind: Kind;
    control: Element;
  }

  // ---------------------------------------------------------------------------------------
  // Which control was hit

  /** Label hooks in the order they are tried on a button: undo states first, so they stop the walk. */
    const LABEL_ORDER: [Hook, Kind | 'undo'][] = [
      [hook('likeUndo'), 'undo'],
      [hook('followUndo'), 'undo'],
      [hook('joinUndo'), 'undo'],
      [hook('like'), 'like'],
      [hook('comment'), 'comment'],
      [hook('reply'), 'comment'],
      [hook('share'), 'share'],
      [hook('follow'), 'follow'],
      [hook('addFriend'), 'follow'],
      [hook('join'), 'join'],
      [hook('reaction'), 'reaction'],
      [hook('commentSend'), 'comment'],
      [hook('likeUndoPrefix'), 'undo'],
    ];
    const LABEL_HOOKS = LABEL_ORDER.map(([h]) => h);
  const LIKE_UNDO_HOOKS = [hook('likeUndo'), hook('likeUndoPrefix')];
  const LABEL_KIND = new Map(LABEL_ORDER);
  const MARKER_KIND: [Hook, Kind][] = [
      [hook('likeMarker'), 'like'],
      [hook('commentMarker'), 'comment'],
      [hook('shareMarker'), 'share'],
    ];

    /** An already-reacted like button: pressed, or its aria-label says "remove". */
    function isLikeUndo(control: Element): boolean {
      return firstHook(control, LIKE_UNDO_HOOKS) !== null;
    }

    function classify(target: Element): Hit | null {
      const button = target.closest(BUTTON_SEL);
      // 1. Facebook's own markers, language-independent. The marker is a span inside the
      //    role=button; the button carries the state (aria-label "Hapus Suka", aria-pressed).
      let marker = target.closest(MARKER_SEL);
      let control: Element | null = button;
      if (marker) {
        control = button && marker.contains(button) ? button : (marker.closest(BUTTON_SEL) ?? marker);
      } else if (button) {
        const inside = button.querySelectorAll(MARKER_SEL);
        if (inside.length === 1) marker = inside[0];
      }
      if (marker && control) {
        const m = marker;
        const kind = MARKER_KIND.find(([h]) => h.is(m))?.[1] ?? null;
        if (kind === 'like' && isLikeUndo(control)) return null;
        if (kind) return { kind, control };
      }
      if (!button) return null;
      // 2. ARIA label, then the visible caption (comment-level "Suka"/"Balas" have no label).
      const hit = firstHook(button, LABEL_HOOKS);
    const kind = hit ? (LABEL_KIND.get(hit) ?? null) : null;
      if (!kind || kind === 'undo') return null;
      if ((kind === 'like' || kind === 'reaction') && isLikeUndo(button)) return null;
      if ((kind === 'follow' || kind === 'join') && button.getAttribute('aria-pressed') === 'true') return null;
      return { kind, control: button };
    }

  // ---------------------------------------------------------------------------------------
  // URLs → keys

  function fbUrl(href: string | null, location: Pick<Location, 'href'>): URL | null {
    if (!href || href.startsWith('#') || /^javascript:/i.test(href)) return null;
    try {
      const url = new URL(href, location.href);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
      return (FACEBOOK_HOSTS as readonly string[]).includes(stripHostPrefix(url.hostname.toLowerCase())) ? url : null;
    } catch {
      return null;
    }
  }

  /** A person or page (`id:` / `@`) a URL points at; null for groups and Facebook's own pages. */
  function personKey(url: URL | null): string | null {
    if (!url) return null;
    // Group posts link their authors as `/groups/<g>/user/<numeric id>/` (paths.groupMember).
    const member = H.matchPath('groupMember', url.pathname);
    if (member) return `id:${member.id}`;
    const k = facebookKeyFromUrl(url);
    return k && !k.key.startsWith('g:') ? k.key : null;
  }

  function groupKey(url: URL | null): string | null {
    if (!url) return null;
    const k = facebookKeyFromUrl(url);
    return k && k.key.startsWith('g:') ? k.key : null;
  }

  /** A cheap string test before a link is parsed: could it be a post permalink? */
  const PERMALINK_HINT = /\/(?:posts|videos|photos)\/|(?:permalink|story)\.php/;

  /**
   * The owner id in a post permalink (paths.permalinkOwner: `/<n>/posts/…`, `/<n>/videos/…`;
   * paths.permalinkWithId: `/permalink.php?story_fbid=…&id=<n>`, `/story.php?…&id=<n>`).
   */
  function permalinkOwner(url: URL | null): string | null {
    if (!url) return null;
    const m = H.matchPath('permalinkOwner', url.pathname);
    if (m && m.id.length >= 5) return `id:${m.id}`;
    if (H.matchPath('permalinkWithId', url.pathname)) {
      const id = url.searchParams.get('id');
      if (id && /^\d{1,20}$/.test(id)) return `id:${id}`;
    }
    return null;
  }

  /** `/ajax/hovercard/user.php?id=<n>` (older markup) on the name link. */
  function hovercardId(el: Element): string | null {
    const m = /[?&]id=(\d{1,20})/.exec(el.getAttribute(HOVERCARD_ATTR) ?? '');
    return m ? `id:${m[1]}` : null;
  }

  // ---------------------------------------------------------------------------------------
  // Posts and comments

  function isCommentArticle(el: Element): boolean {
    if (!el.matches('[role="article"]')) return false;
    const label = norm(el.getAttribute('aria-label'));
    if (labelIs(label, H.words('commentArticle'), 'prefix')) return true;
    // Comments are list items nested in a post.
    const li = el.parentElement?.closest('li');
    return !!li && !!li.parentElement?.closest(POST_SEL);
  }

  /** `el` belongs to `post` itself, not to a comment nested in it. */
  function ownedBy(el: Element, post: Element): boolean {
    // Only role=article ancestors can be comments: jump between them, not node by node.
    for (let a = el.parentElement?.closest('[role="article"]'); a && a !== post && post.contains(a); a = a.parentElement?.closest('[role="article"]')) {
      if (isCommentArticle(a)) return false;
    }
    return true;
  }

  interface Party {
    /** The header (or comment) element the party was read from. */
    from: Element;
    link: Element;
    keys: string[];
    display: string;
  }

  interface PostParts {
    author: Party | null;
    /** The author of a shared post embedded in this one, and the block that embeds it. */
    original: (Party & { zone: Element }) | null;
    groups: { key: string; display: string }[];
  }

  /** Author headers owned by the post, outermost only, in document order. */
  function headersOf(post: Element): Element[] {
    const all = [...post.querySelectorAll(HEADER_SEL)].filter((h) => ownedBy(h, post));
    return all.filter((h) => !all.some((o) => o !== h && o.contains(h)));
  }

  /** The largest block around `el` inside `post` that does not contain `other`. */
  function zoneOf(el: Element, post: Element, other: Element): Element {
    let z = el;
    while (z.parentElement && z.parentElement !== post && !z.parentElement.contains(other)) z = z.parentElement;
    return z;
  }

  /**
   * More keys for the party named `name`: the avatar link (same name in its aria-label or
   * text, often a numeric-id URL), the permalink under the name (`/<id>/posts/…`) and an old
   * hovercard attribute. Pages show numeric ids in posts and vanity names in links; a list
   * may hold either.
   */
  function aliasKeys(scope: Element, name: string, skip: (a: Element) => boolean, location: Location): string[] {
    const keys: string[] = [];
    const n = norm(name);
    for (const a of links(scope)) {
      const href = a.getAttribute('href') ?? '';
      const named = !!n && (norm(a.getAttribute('aria-label')) === n || norm(a.textContent) === n);
      // Cheap string checks first: a feed unit has dozens of links (comments, reactions).
      if ((!named && !PERMALINK_HINT.test(href)) || skip(a)) continue;
      const url = fbUrl(href, location);
      if (!url) continue;
      const owner = permalinkOwner(url);
      if (owner) keys.push(owner);
      else if (named) {
        const k = personKey(url);
        if (k) keys.push(k);
      }
      if (named) keys.push(hovercardId(a) ?? '');
    }
    return keys.filter(Boolean);
  }

  function partyFrom(header: Element, location: Location): Party | null {
    for (const a of links(header)) {
      const url = fbUrl(a.getAttribute('href'), location);
      const key = personKey(url);
      if (!key) continue;
      const display = displayOf(a, key);
      return { from: header, link: a, keys: orderKeys([key, hovercardId(a)]), display };
    }
    return null;
  }

  function postParts(post: Element, location: Location): PostParts {
    const parts: PostParts = { author: null, original: null, groups: [] };
    const headers = headersOf(post);
    const inMessage = (a: Element) => !!a.parentElement?.closest(MESSAGE_SEL) && post.contains(a.parentElement!.closest(MESSAGE_SEL));
    const addGroup = (a: Element) => {
      const g = groupKey(fbUrl(a.getAttribute('href'), location));
      if (g && !parts.groups.some((x) => x.key === g)) parts.groups.push({ key: g, display: displayOf(a, g.slice(2)) });
    };

    let authorHeader: Element | null = null;
    for (const h of headers) {
      const p = partyFrom(h, location);
      // A group post in the feed may head with the group's name: remember it, read on.
      for (const a of links(h)) if (!p || a !== p.link) addGroup(a);
      if (p) {
        parts.author = p;
        authorHeader = h;
        break;
      }
    }
    if (!parts.author) {
      // Group feed units that show the group in the heading carry the author as a group-user link.
      const a = [...post.querySelectorAll('a[href*="/user/"]')].find((x) => ownedBy(x, post) && !inMessage(x));
      const key = a ? personKey(fbUrl(a.getAttribute('href'), location)) : null;
      if (a && key) parts.author = { from: a, link: a, keys: [key], display: displayOf(a, key) };
      authorHeader = a ?? null;
    }
    if (!parts.author || !authorHeader) return parts;

    // A shared post: a later header, in a block apart from the author's, naming someone else.
    for (const h of headers) {
      if (h === authorHeader || h.contains(authorHeader) || authorHeader.contains(h)) continue;
      const p = partyFrom(h, location);
      if (!p || p.keys.some((k) => parts.author!.keys.includes(k))) continue;
      const zone = zoneOf(h, post, authorHeader);
      if (zone.contains(authorHeader)) continue;
      const skip = (a: Element) => !ownedBy(a, post) || (inMessage(a) && !h.contains(a));
      p.keys = orderKeys([...p.keys, ...aliasKeys(zone, p.display, skip, location)]);
      parts.original = { ...p, zone };
      break;
    }

    // The author's avatar and permalink sit in the header row, before the post's text; links
    // after it (attachments, link previews) may name other people.
    const zone = parts.original?.zone;
    const isBoundary = (m: Element | null) => !!m && ownedBy(m, post) && !(zone && zone.contains(m));
    const firstMark = post.querySelector(`${MESSAGE_SEL},${MARKER_SEL}`);
    const boundary = isBoundary(firstMark) ? firstMark : [...post.querySelectorAll(`${MESSAGE_SEL},${MARKER_SEL}`)].find(isBoundary);
    const before = (a: Element) => !boundary || !!(a.compareDocumentPosition(boundary) & Node.DOCUMENT_POSITION_FOLLOWING);
    const skipOuter = (a: Element) => !ownedBy(a, post) || inMessage(a) || (!!zone && zone.contains(a)) || !before(a);
    parts.author.keys = orderKeys([...parts.author.keys, ...aliasKeys(post, parts.author.display, skipOuter, location)]);
    return parts;
  }

  /**
   * A comment's author: its first profile link (the avatar, then the name above the text);
   * the name shown is the first link to the same profile that has text.
   */
  function commentAuthor(comment: Element, location: Location): Party | null {
    let first: Party | null = null;
    for (const a of links(comment)) {
      if (!ownedBy(a, comment)) continue;
      const key = personKey(fbUrl(a.getAttribute('href'), location));
      if (!key) continue;
      if (!first) first = { from: comment, link: a, keys: orderKeys([key, hovercardId(a)]), display: '' };
      else if (!first.keys.includes(key)) break; // another person (a mention): stop
      const text = (a.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) {
        first.display = text;
        break;
      }
    }
    if (first && !first.display) first.display = displayOf(first.link, first.keys[0]);
    return first;
  }

  /** A post (read once: its parts) or a comment. */
  type Context = { type: 'post'; el: Element; parts: PostParts } | { type: 'comment'; el: Element };

  /** `el` as a post, if it has an author. */
  function asPost(el: Element, location: Location): Context | null {
    const parts = postParts(el, location);
    return parts.author ? { type: 'post', el, parts } : null;
  }

  /** A like button inside a dialog makes the dialog a post viewer (photo/video theatre). */
  function isPostViewer(dialog: Element): boolean {
    return !!dialog.querySelector(`${hook('likeMarker').sel},${hook('commentMarker').sel}`) || hook('like').all(dialog).length > 0;
  }

  /** The post or comment a control belongs to: the innermost candidate with an author. */
  function contextOf(control: Element, location: Location): Context | null {
    for (let c = control.closest(POST_SEL); c; c = c.parentElement?.closest(POST_SEL) ?? null) {
      if (isCommentArticle(c)) return commentAuthor(c, location) ? { type: 'comment', el: c } : null;
      const post = asPost(c, location);
      if (post) return post;
    }
    const dialog = control.closest(DIALOG);
    return dialog && isPostViewer(dialog) ? asPost(dialog, location) : null;
  }

  // ---------------------------------------------------------------------------------------
  // The scan: keys of every post under a root, from one live collection of its links

  /**
   * What relative links resolve against in the scan, which has no Location: the content
   * script runs on Facebook origins only, and keys do not depend on the host.
   */


  /** The outermost post wrapper around `el` (`findPosts` lists those). */
  const outermostPost = (el: Element): Element => outermost(el, POST_SEL) ?? el;

  /** What an href names, for the scan: a person or page (`id:`/`@`), or a group (`g:`). */
  interface HrefKeys {
    person: string | null;
    group: string | null;
  }

  /**
   * href → keys, memoised by the href string: a feed repeats its authors, and parsing a URL
   * is the dearest step per link. Pure (the scan resolves against SCAN_BASE), so never stale;
   * cleared when full.
   */
  const hrefKeys = new BoundedMemo<HrefKeys>((href) => {
    const url = fbUrl(href, SCAN_BASE);
    return { person: personKey(url), group: groupKey(url) };
  });
  const scanHref = (href: string): HrefKeys => hrefKeys.get(href);

  /** A person link in an author header (the member link, for a group post's author). */
  interface ScanParty {
    header: Element | null;
    link: Element;
    keys: string[];
  }

  /** SCAN_LINKS where the engine matches it (a complex selector inside `:is`), else SCAN_LINKS_COMPAT. */
  let scanSel: string | null = null;
  function scanSelector(doc: Document): string {
    if (scanSel === null) {
      const h = doc.createElement('h4');
      const a = h.appendChild(doc.createElement('a'));
      let full = false;
      try {
        full = a.matches(SCAN_LINKS);
      } catch {
        // no complex selectors in :is()
      }
      scanSel = full ? SCAN_LINKS : SCAN_LINKS_COMPAT;
    }
    return scanSel;
  }

  /** norm, memoised: feeds repeat their names. */
  const normMemo = new BoundedMemo<string>(norm);
  const normOnce = (s: string): string => normMemo.get(s);

  /** `norm(displayOf(link, ''))`: the name a party's link shows, else its aria-label. */
  function shownName(link: Element): string {
    const text = link.textContent ?? '';
    return normOnce(text.trim() ? text : (link.getAttribute('aria-label') ?? ''));
  }

  /** Where a link's climb stopped: its post (null: none), and its header inside that post. */
  interface Stop {
    post: Element | null;
    header: Element | null;
  }

  /**
   * `identitiesOf` for every post under `root` at once, from the links of SCAN_LINKS. Hits
   * come in document order, so a post's hits are consecutive (comments nested in it are
   * skipped): its parties are gathered, then its keys visited when the next post starts.
   * Each hit climbs once (`closest(SCAN_STOP)`): to its post, or to its innermost header and
   * from there to the post; the outermost wrapper is looked up once per wrapper.
   *
   * Same keys as `identitiesOf` for the shapes in the fixtures, except: the owner id of a
   * permalink (`/<n>/posts/…`, `permalink.php?id=<n>`), which `identitiesOf` adds as an
   * alias, is not read (telling the post's own permalink from a link preview to someone
   * else's takes the boundary walk the scan avoids); and the group of a `/groups/<g>` page,
   * which comes from the location, not the markup.
   */
  function scanKeys(root: Element, visit: (post: Element, key: string) => void): void {
    const enclosing = root.closest(POST_SEL);
    const scope = enclosing ? outermostPost(enclosing) : root;
    // A scope that is a post is the outermost post of all it holds; one that is not has no
    // post around it either, so climbs for the outermost wrapper stop at its edge.
    const scopeIsPost = !!enclosing || root.matches(POST_SEL);
    const outermostIn = (c: Element): Element => {
      if (scopeIsPost) return scope;
      let top = c;
      for (let parent = top.parentElement; parent && parent !== scope; parent = top.parentElement) {
        const p = parent.closest(POST_SEL);
        if (!p) break;
        top = p;
      }
      return top;
    };
    /** Climbs already made, by the element they stopped at. */
    const stops = new Map<Element, Stop>();
    const stopAt = (s: Element): Stop => {
      let stop = stops.get(s);
      if (!stop) {
        // A post, which may itself be a header; else the innermost header, below its post.
        if (s.matches(POST_SEL)) stop = { post: s, header: s.matches(HEADER_SEL) ? s : null };
        else stop = { post: s.parentElement?.closest(POST_SEL) ?? null, header: s };
        stops.set(s, stop);
      }
      return stop;
    };

    let inner: Element | null = null;
    /** The outermost post around `inner`, or null when `inner` is a comment. */
    let outer: Element | null = null;
    let post: Element | null = null;
    let parties: ScanParty[] = [];
    let groups: string[] = [];
    let named: Element[] = [];
    let members: Element[] = [];

    const flush = () => {
      if (!post) return;
      const p = post;
      let author: ScanParty | null = parties[0] ?? null;
      if (!author) {
        // As `postParts`: a member link outside the post's text, when no header names a person.
        for (const a of members) {
          const m = a.parentElement?.closest(MESSAGE_SEL);
          const key = m && p.contains(m) ? null : scanHref(a.getAttribute('href') ?? '').person;
          if (key) {
            author = { header: null, link: a, keys: [key] };
            break;
          }
        }
      }
      // No author, no identities (as `identitiesOf`): the groups alone are not read either.
      if (!author) return;
      const a = author;
      const original = parties.find(
        (o) =>
          o !== a &&
          !o.keys.some((k) => a.keys.includes(k)) &&
          !(a.header && o.header && (o.header.contains(a.header) || a.header.contains(o.header))),
      );
      const keys = original ? [...a.keys, ...original.keys, ...groups] : [...a.keys, ...groups];
      if (named.length) {
        const names = [shownName(a.link)];
        if (original) names.push(shownName(original.link));
        for (const n of named) {
          if (!names.includes(normOnce(n.getAttribute('aria-label') ?? ''))) continue;
          const person = scanHref(n.getAttribute('href') ?? '').person;
          if (person) keys.push(person);
          const hover = hovercardId(n);
          if (hover) keys.push(hover);
        }
      }
      // Each key once (a post has a handful: a list beats a Set).
      const done: string[] = [];
      for (const k of keys) {
        if (!k || done.includes(k)) continue;
        done.push(k);
        visit(p, k);
      }
    };

    const hits = scope.querySelectorAll(scanSelector(scope.ownerDocument));
    for (let i = 0; i < hits.length; i++) {
      const a = hits[i];
      const href = a.getAttribute('href');
      if (href === null) continue;
      const s = a.closest(STOP_SEL);
      if (!s) continue;
      const { post: c, header } = stopAt(s);
      if (!c) continue;
      const isMember = !header && href.includes(SCAN_MEMBER_HREF);
      const isNamed = !header && a.hasAttribute('aria-label');
      if (!header && !isNamed && !isMember) continue; // under a header outside its post
      if (c !== inner) {
        inner = c;
        outer = isCommentArticle(c) ? null : outermostIn(c);
      }
      if (!outer) continue; // a comment's links
      if (outer !== post) {
        flush();
        post = outer;
        parties = [];
        groups = [];
        named = [];
        members = [];
      }
      if (header) {
        const { person, group } = scanHref(href);
        if (person) {
          // A later person link in the author's header (a tagged person, "… bersama Budi") is
          // no original author: `original` skips parties of the author's header.
          const hover = hovercardId(a);
          parties.push({ header, link: a, keys: hover ? orderKeys([person, hover]) : [person] });
          continue;
        }
        // Groups heading the post, or in the author's own header (as `postParts`).
        if (group && (!parties.length || parties[0].header === header) && !groups.includes(group)) groups.push(group);
        continue;
      }
      if (isNamed) named.push(a);
      if (isMember) members.push(a);
    }
    flush();
  }

  // ---------------------------------------------------------------------------------------
  // Locations

  function locationUrl(location: Location): URL | null {
    try {
      return new URL(location.href);
    } catch {
      return null;
    }
  }

  /** `g:<x>` on `/groups/<x>/…`. */
  function locationGroup(location: Location): { key: string; display: string } | null {
    const url = locationUrl(location);
    const k = url ? facebookKeyFromUrl(url) : null;
    return k && k.key.startsWith('g:') ? k : null;
  }

  /** The profile or page being viewed: `/capres.contoh.a`, `/profile.php?id=…`, `/people/N/123`. */
  function locationPerson(location: Location): { key: string; display: string } | null {
    const url = locationUrl(location);
    const k = url ? facebookKeyFromUrl(url) : null;
    return k && !k.key.startsWith('g:') ? k : null;
  }

  function withLocationGroup(ids: Identity[], location: Location): Identity[] {
    const g = locationGroup(location);
    if (g && !ids.some((i) => i.keys.includes(g.key))) ids.push({ keys: [g.key], display: g.display, relation: 'group' });
    return ids;
  }

  /**
   * The identities a post or comment is about. A post in a group carries the group as well:
   * the SKB forbids "posting, comment, share, like … dalam grup/akun pemenangan"
   * (lib/clauses/sources.md, skb-2022-medsos), so a like inside a listed group is guarded too.
   */
  function contextIdentities(ctx: Context, location: Location): Identity[] {
    if (ctx.type === 'comment') {
      const a = commentAuthor(ctx.el, location);
      return withLocationGroup(a ? [{ keys: a.keys, display: a.display, relation: 'author' }] : [], location);
    }
    const { parts } = ctx;
    const ids: Identity[] = [];
    if (parts.author) ids.push({ keys: parts.author.keys, display: parts.author.display, relation: 'author' });
    if (parts.original) ids.push({ keys: parts.original.keys, display: parts.original.display, relation: 'original' });
    for (const g of parts.groups) ids.push({ keys: [g.key], display: g.display, relation: 'group' });
    return withLocationGroup(ids, location);
  }

  /**
   * The page header around a control: the nearest ancestor holding the page's h1, never
   * crossing into the side columns, a post or a dialog. Name links in the h1 (and links
   * repeating its text, like the avatar) give more keys.
   */
  const headerAround = (control: Element): Element | null =>
    ownerHeader(control, { title: hook('pageTitle').sel, stop: `${SIDE_SEL},${POST_SEL},${DIALOG}`, main: MAIN_SEL, maxClimb: MAX_CLIMB * 2 });

  function headerNameKeys(header: Element, location: Location, person: boolean): { keys: string[]; name: string } {
    const h1 = header.querySelector(hook('pageTitle').sel);
    const name = (h1?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const keys: string[] = [];
    for (const a of links(header)) {
      const inH1 = !!h1 && h1.contains(a);
      const same = !!name && (norm(a.textContent) === norm(name) || norm(a.getAttribute('aria-label')) === norm(name));
      if (!inH1 && !same) continue;
      const url = fbUrl(a.getAttribute('href'), location);
      keys.push((person ? personKey(url) : groupKey(url)) ?? '');
    }
    return { keys: keys.filter(Boolean), name };
  }

  /** A card, hovercard or list row: the nearest link of the right kind above the button. */
  function cardIdentity(control: Element, location: Location, join: boolean): Identity | null {
    return nearestLink(control, MAX_CLIMB, DIALOG, (a, box) => {
      const url = fbUrl(a.getAttribute('href'), location);
      const key = join ? groupKey(url) : personKey(url);
      if (!key) return null;
      const relation = join ? 'group' : box.closest(DIALOG) ? 'profile' : 'suggested';
      return { keys: [key], display: displayOf(a, key), relation };
    });
  }

  /** Follow / add friend / join outside a post: the page header, else a card, else the page. */
  function pageTarget(control: Element, location: Location, join: boolean): Identity[] {
    const here = join ? locationGroup(location) : locationPerson(location);
    const inDialog = !!control.closest(DIALOG);
    const relation = join ? 'group' : 'profile';
    if (here && !inDialog) {
      const header = headerAround(control);
      if (header) {
        const { keys, name } = headerNameKeys(header, location, !join);
        return [{ keys: orderKeys([here.key, ...keys]), display: name || here.display, relation }];
      }
    }
    const card = cardIdentity(control, location, join);
    if (card) return [card];
    return here && !inDialog ? [{ keys: [here.key], display: here.display, relation }] : [];
  }

  function followInPost(ctx: Context, control: Element, location: Location): Identity[] {
    if (ctx.type === 'comment') {
      const a = commentAuthor(ctx.el, location);
      return a ? [{ keys: a.keys, display: a.display, relation: 'author' }] : [];
    }
    const { parts } = ctx;
    // "· Ikuti" next to the embedded post's author follows that author, not the sharer.
    if (parts.original && parts.original.zone.contains(control)) {
      return [{ keys: parts.original.keys, display: parts.original.display, relation: 'original' }];
    }
    return parts.author ? [{ keys: parts.author.keys, display: parts.author.display, relation: 'author' }] : [];
  }

  /**
   * A layer of reaction choices: several distinct reaction labels among its buttons, and no
   * post or author header inside (a post viewer dialog is not a reactions bar).
   */
  const reactionLayer = (control: Element): Element | null =>
    choiceLayer(control, hook('reactionLayer'), hook('reaction'), H.threshold('reactionLayerMinItems', 3), `${POST_SEL},${HEADER_SEL}`);

  function action(action: Action, control: Element, identities: Identity[]): Resolution | null {
    return identities.length > 0 ? { type: 'action', action, control, identities } : null;
  }

  function resolve(target: Element, location: Location): Resolution | null {
    const hit = classify(target);
    if (!hit) return null;
    const { kind, control } = hit;
    const layer = kind === 'like' || kind === 'reaction' ? reactionLayer(control) : null;
    // Reaction names ("Wow", "Haha") mean nothing outside a reactions bar.
    if (kind === 'reaction' && !layer) return null;
    const ctx = contextOf(control, location);
    // A reactions bar rendered in a layer outside the post: the guard maps the choice to the
    // post whose like button was last pressed or hovered (that button's `action` resolution).
    if (layer && !ctx) return { type: 'menu-commit', action: 'like', control };
    switch (kind) {
      case 'like':
      case 'reaction':
      case 'comment':
      case 'share':
        return ctx ? action(kind === 'reaction' ? 'like' : kind, control, contextIdentities(ctx, location)) : null;
      case 'follow':
        return action('follow', control, ctx ? followInPost(ctx, control, location) : pageTarget(control, location, false));
      case 'join': {
        // Joining is following a group. Inside a post (a suggested group's post), the post's group.
        if (ctx) {
          const g = ctx.type === 'post' ? ctx.parts.groups[0] : null;
          if (g) return action('follow', control, [{ keys: [g.key], display: g.display, relation: 'group' }]);
        }
        return action('follow', control, pageTarget(control, location, true));
      }
      default:
        return null;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Inputs that are not a button press

  /** A double tap on a post's photo likes the post. Go ahead presses the post's like button. */
  function resolveDoubleTap(target: Element, location: Location): Resolution | null {
    const media = hook('mediaLike').closest(target);
    if (!media) return null;
    const ctx = contextOf(media, location);
    if (!ctx || ctx.type !== 'post') return null;
    const like = hook('like').all(ctx.el).find((b) => ownedBy(b, ctx.el)) ?? null;
    const control = like ? (like.closest(BUTTON_SEL) ?? like) : media;
    if (like && isLikeUndo(control)) return null; // already liked: a double tap does nothing more
    return action('like', control, contextIdentities(ctx, location));
  }

  /**
   * Enter in a post's always-visible comment box sends the comment: a comment on the post's
   * parties (or, in a reply box under a comment, on that comment's author).
   */
  function resolveSend(target: Element, location: Location): Resolution | null {
    const box = hook('commentBox').closest(target) ?? target.closest(hook('commentBox').sel);
    if (!box) return null;
    const ctx = contextOf(box, location);
    return ctx ? action('comment', box, contextIdentities(ctx, location)) : null;
  }

    return neverThrow({
    site: 'facebook',
    platform: 'facebook',
    hooksVersion: H.version,
    resolveDoubleTap,
    resolveSend,

    resolveControl(target, location) {
      try {
        return resolve(target, location);
      } catch {
        return null;
      }
    },

    /**
     * Facebook binds no single-key shortcut that likes, comments, shares or follows (its
     * keyboard shortcuts, listed under "?", only move between posts and open menus; Enter or
     * Space on a focused button reaches resolveControl). Typing in a comment box is out of
     * scope: the comment button, not each keystroke, is the guarded step.
     */
    resolveShortcut() {
      return null;
    },

    findPosts(root) {
      try {
        const found = [...root.querySelectorAll(POST_SEL)];
        if (root.matches(POST_SEL)) found.unshift(root);
        // Wrappers nest (FeedUnit > aria-posinset > role=article): keep the outermost within
        // root. Comments are nested too, so this also drops them; the check keeps it linear.
        return found.filter((el) => {
          const outer = el.parentElement?.closest(POST_SEL);
          return !(outer && root.contains(outer)) && !isCommentArticle(el);
        });
      } catch {
        return [];
      }
    },

    scanKeys(root, visit) {
      try {
        if (typeof root?.closest !== 'function' || typeof root.querySelectorAll !== 'function') return;
        scanKeys(root, visit);
      } catch {
        // Foreign markup: a scan that cannot read it marks nothing.
      }
    },

    identitiesOf(post, location) {
      try {
        if (isCommentArticle(post)) return contextIdentities({ type: 'comment', el: post }, location);
        // The given element, else the first wrapper inside it that has an author.
        const ctx = asPost(post, location) ?? [...post.querySelectorAll(POST_SEL)].reduce<Context | null>((found, c) => found ?? (isCommentArticle(c) ? null : asPost(c, location)), null);
        return ctx ? contextIdentities(ctx, location) : [];
      } catch {
        return [];
      }
    },
  });
}

/** Facebook's bundled hooks, compiled (tests and tools; a tab compiles the hooks in force itself). */
export function bundledFacebookAdapter(hooks: SiteHooks): SiteAdapter {
  return createFacebookAdapter(compileHooks(hooks));
}
