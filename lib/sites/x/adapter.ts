/**
 * The X (Twitter) adapter: reads, at the moment of an input, which guarded action a click or
 * key press would commit and on whose account.
 *
 * X recycles timeline rows: the same <article> and the same like button are filled with
 * another post as the user scrolls. So nothing here is cached per element; every call reads
 * the DOM again. Hooks live in ./selectors.ts; identities come out in the canonical form of
 * ./urls.ts (`@lowercasehandle`, `id:<numeric>`).
 */
import type { Identity, Resolution, SiteAdapter } from '../types';
import { X_CSS, X_POST_OR_CELL, X_SCAN, X_SHORTCUTS, X_WORDS, words, type Words } from './selectors';
import { xHandleFromPath, xHandleKey } from './urls';

/** `/<handle>` (one path segment) → handle. */
const PROFILE_HREF = /^\/([A-Za-z0-9_]{1,15})\/?$/;
/** `/<handle>/status/<id>…` → handle, id. Also `/i/web/status/<id>` (no handle). */
const STATUS_PATH = /^\/([A-Za-z0-9_]{1,15})\/(?:web\/)?status\/(\d{1,25})(?:\/|$)/;
const MEDIA_PATH = /^\/[A-Za-z0-9_]{1,15}\/status\/\d{1,25}\/(?:photo|video)\//;
const AT_HANDLE = /^@([A-Za-z0-9_]{1,15})$/;
/** `<id>-follow` / `<id>-unfollow` / `<id>-cancel`: the prefix is X's numeric user id. */
const FOLLOW_TESTID = /^(\d{1,20})-(?:follow|unfollow|cancel)$/;
/** Follow buttons in either state: both carry the user id. */
const FOLLOW_ANY = `${X_CSS.follow}, ${X_CSS.unfollow}`;

/** A handle as found on the page: canonical key plus the spelling shown. */
interface Handle {
  key: string;
  display: string;
}

type Kind = 'undo' | 'like' | 'reply' | 'repost' | 'follow' | 'menuFollow' | 'share' | 'inlineReply';

export const xAdapter: SiteAdapter = {
  site: 'x',
  platform: 'x',
  name: 'X (Twitter)',
  matches: [
    'https://x.com/*',
    'https://twitter.com/*',
    'https://mobile.x.com/*',
    'https://mobile.twitter.com/*',
  ],

  resolveControl(target, location) {
    return safely(() => resolveControl(target, location), null);
  },
  resolveShortcut(event, location) {
    return safely(() => resolveShortcut(event, location), null);
  },
  findPosts(root) {
    return safely(() => findPosts(root), []);
  },
  scanKeys(root, visit) {
    safely(() => scanKeys(root, visit), undefined);
  },
  identitiesOf(post, location) {
    return safely(() => identitiesOf(post, location), []);
  },
};

/**
 * The page is foreign markup read inside an input event: a throw there would let the action
 * through unchecked and log noise on every click, so the contract is null/[] instead.
 */
function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

// ---------------------------------------------------------------------------------------
// Controls

function resolveControl(target: Element, location: Location): Resolution | null {
  if (!isElement(target)) return null;
  // The innermost control around the target decides: an icon inside a like button is the
  // like button; a follow button inside a user cell is the follow button, not the cell.
  const inMenu = !!target.closest(X_CSS.menu);
  for (let el: Element | null = target; el; el = el.parentElement) {
    const kind = classify(el, inMenu);
    if (kind) return kind === 'undo' ? null : resolveKind(kind, el, location);
  }
  return null;
}

/** What `el` itself is, if it is a control we know (undo controls included, to stop there). */
function classify(el: Element, inMenu: boolean): Kind | null {
  if (el.matches(X_CSS.unlike) || el.matches(X_CSS.unrepost) || el.matches(X_CSS.unfollow)) return 'undo';
  if (el.matches(X_CSS.unrepostConfirm)) return 'undo';
  if (el.matches(X_CSS.like)) return 'like';
  if (el.matches(X_CSS.reply)) return 'reply';
  if (el.matches(X_CSS.repost)) return 'repost';
  if (el.matches(X_CSS.follow)) return 'follow';
  if (el.matches(X_CSS.repostConfirm)) return 'share';
  if (el.matches(X_CSS.inlineReplyButton)) return 'inlineReply';
  // Only inside a menu: the side bar's "Post" button is also a link to /compose/post.
  if (inMenu && el.closest(X_CSS.menu)) {
    if (el.matches(X_CSS.quoteItem)) return 'share';
    if (el.matches(X_CSS.menuItem)) return classifyMenuText(text(el));
  }
  return null;
}

/** A menu item without a known testid, by its text ("Repost", "Kutipan", "Follow @budi"). */
function classifyMenuText(t: string): Kind | null {
  if (hasWord(t, X_WORDS.unrepost) || handleAfterWord(t, X_WORDS.unfollow)) return 'undo';
  if (hasWord(t, X_WORDS.repost) || hasWord(t, X_WORDS.quote)) return 'share';
  if (handleAfterWord(t, X_WORDS.follow)) return 'menuFollow';
  return null;
}

function resolveKind(kind: Kind, el: Element, location: Location): Resolution | null {
  switch (kind) {
    case 'share':
      return { type: 'menu-commit', action: 'share', control: el };
    case 'like':
    case 'reply':
    case 'repost': {
      const identities = controlPostIdentities(el, location);
      if (!identities.length) return null;
      if (kind === 'repost') return { type: 'menu', control: el, identities };
      return { type: 'action', action: kind === 'like' ? 'like' : 'comment', control: el, identities };
    }
    case 'follow': {
      const identities = followIdentities(el, location);
      return identities.length ? { type: 'action', action: 'follow', control: el, identities } : null;
    }
    case 'menuFollow': {
      // The post menu's "Follow @budi": the post's author, named in the item itself.
      const h = handleAfterWord(text(el), X_WORDS.follow);
      if (!h) return null;
      return { type: 'action', action: 'follow', control: el, identities: [identity([h.key], h.display, 'author')] };
    }
    case 'inlineReply': {
      // The composer under a status page's focal post replies to it; elsewhere (home) it
      // writes a new post, and a modal composer was opened by a reply button already guarded.
      if (el.closest(X_CSS.dialog)) return null;
      const post = focalPost(el.ownerDocument, location);
      const identities = post ? postIdentities(post) : [];
      return identities.length ? { type: 'action', action: 'comment', control: el, identities } : null;
    }
    default:
      return null;
  }
}

/** The post a like/reply/repost button belongs to. */
function controlPostIdentities(el: Element, location: Location): Identity[] {
  const post = el.closest(X_CSS.post);
  if (post) return postIdentities(post);
  // The media viewer (`/<handle>/status/<id>/photo/1`) shows the action bar in a modal,
  // outside any <article>; the URL names the post's author.
  if (el.closest(X_CSS.dialog) && MEDIA_PATH.test(location.pathname)) {
    const h = xHandleFromPath(location.pathname);
    if (h) return [identity([h], `@${location.pathname.split('/')[1]}`, 'author')];
  }
  return [];
}

/**
 * Who a follow button follows: the innermost user cell, hover card or post around it;
 * otherwise the profile being viewed. The button's own label ("Follow @budi") and testid
 * (`<id>-follow`) add the handle and the numeric id.
 */
function followIdentities(button: Element, location: Location): Identity[] {
  const id = userIdOf(button);
  const labelled = handleAfterWord(button.getAttribute('aria-label') ?? '', X_WORDS.follow);
  const withButton = (who: Handle | null, relation: Identity['relation']): Identity[] => {
    const display = who?.display ?? labelled?.display ?? id;
    return display ? [identity([id, who?.key, labelled?.key], display, relation)] : [];
  };

  for (let el = button.parentElement; el; el = el.parentElement) {
    if (el.matches(X_CSS.userCell)) return withButton(userOfBox(el), 'suggested');
    if (el.matches(X_CSS.hoverCard)) return withButton(userOfBox(el), 'profile');
    if (el.matches(X_CSS.post)) {
      // The focal post's "Follow" next to the author name.
      const quotes = quoteBoxes(el);
      return withButton(outside(quotes, button) ? ownAuthor(el, quotes) : null, 'author');
    }
  }
  // A profile page's header button: the profile is the first path segment (not a status
  // page, whose stray follow buttons would not belong to the post in the URL).
  if (STATUS_PATH.test(location.pathname)) return withButton(null, 'profile');
  const path = xHandleFromPath(location.pathname);
  if (!path) return withButton(null, 'profile');
  const header = button.ownerDocument.querySelector(X_CSS.profileName);
  const shown = header ? atHandleIn(header) : null;
  const display = shown?.key === path ? shown.display : `@${location.pathname.split('/')[1]}`;
  return [identity([id, path, shown?.key, labelled?.key], display, 'profile')];
}

// ---------------------------------------------------------------------------------------
// Keyboard shortcuts

function resolveShortcut(event: KeyboardEvent, location: Location): Resolution | null {
  const doc = documentOf(event);
  const origin = isElement(event.target) ? event.target : null;
  const active = doc?.activeElement ?? null;
  if (event.isComposing) return null;

  // Ctrl/Cmd+Enter in the inline reply box under a status page's focal post sends the reply.
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey) {
    const box = [origin, active].find((el) => el?.closest(X_CSS.typing));
    if (!box || box.closest(X_CSS.dialog) || !doc) return null;
    const send = doc.querySelector(X_CSS.inlineReplyButton);
    return send && !send.closest(X_CSS.dialog) ? resolveKind('inlineReply', send, location) : null;
  }

  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  if (!Object.hasOwn(X_SHORTCUTS, event.key)) return null;
  const which = X_SHORTCUTS[event.key as keyof typeof X_SHORTCUTS];
  if ([origin, active].some((el) => el?.closest(X_CSS.typing))) return null;

  const post =
    origin?.closest(X_CSS.post) ?? active?.closest(X_CSS.post) ?? (doc ? focalPost(doc, location) : null);
  if (!post) return null;
  const quotes = quoteBoxes(post);
  const own = (css: string) => [...post.querySelectorAll(css)].find((b) => outside(quotes, b)) ?? null;
  const hook = which === 'like' ? X_CSS.like : which === 'reply' ? X_CSS.reply : X_CSS.repost;
  const undo = which === 'like' ? X_CSS.unlike : which === 'repost' ? X_CSS.unrepost : null;
  // Already liked / reposted: the key undoes, which is never guarded.
  if (undo && own(undo)) return null;
  const control = own(hook);
  const identities = control ? postIdentities(post) : [];
  if (!control || !identities.length) return null;
  if (which === 'repost') return { type: 'menu', control, identities };
  return { type: 'action', action: which === 'like' ? 'like' : 'comment', control, identities };
}

function documentOf(event: KeyboardEvent): Document | null {
  const t = event.target as Node | null;
  if (t && (t as Document).nodeType === 9) return t as Document;
  return t?.ownerDocument ?? (typeof document === 'undefined' ? null : document);
}

/** On `/<handle>/status/<id>`, the post with that id (its own permalink, not a quote's). */
function focalPost(doc: Document, location: Location): Element | null {
  // `/i/web/status/<id>` matches too, with `i` as the "handle".
  const statusId = STATUS_PATH.exec(location.pathname)?.[2];
  if (!statusId) return null;
  for (const post of doc.querySelectorAll(X_CSS.post)) {
    const quotes = quoteBoxes(post);
    for (const a of post.querySelectorAll(X_CSS.permalink)) {
      if (outside(quotes, a) && STATUS_PATH.exec(pathOf(a) ?? '')?.[2] === statusId) return post;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Posts and their identities

function findPosts(root: Element): Element[] {
  if (typeof root?.querySelectorAll !== 'function') return [];
  const found = [...root.querySelectorAll(X_POST_OR_CELL)];
  return isElement(root) && root.matches(X_POST_OR_CELL) ? [root, ...found] : found;
}

/**
 * `identitiesOf` for every post and cell under `root` at once: one query for the elements
 * that carry keys (X_SCAN), one `closest` per post. Hits come in document order, so a
 * post's hits are consecutive: its keys are gathered, then visited when the next post
 * starts. Same keys as `identitiesOf` for every shape in the fixtures, except
 * where that one falls back (no name block: the permalink, or `@handle` text in the post's
 * own name block), which the scan does not try.
 */
function scanKeys(root: Element, visit: (post: Element, key: string) => void): void {
  if (!isElement(root) || typeof visit !== 'function') return;
  // A hit inside a post (a link whose href X changed while recycling the row): the post.
  const scope = root.closest(X_POST_OR_CELL) ?? root;
  const inScope = (sel: string): Element[] => {
    const found = [...scope.querySelectorAll(sel)];
    return scope.matches(sel) ? [scope, ...found] : found;
  };

  // Name blocks of posts: the post's own (the author; under "Budi reposted", the original
  // author) and those of quoted posts (plain `@handle` text). Queries and `closest` use single
  // attribute selectors only: Chromium answers those from a fast path, while selector lists
  // or compound selectors over a 2,000-post batch cost up to ten times more (measured
  // 2026-11-22). Blocks come in document order, so each post's blocks come together: one
  // `closest` per post, `contains` for the rest of its blocks.
  let post: Element | null = null;
  let keys: string[] = [];
  const flush = () => {
    if (post) for (const k of keys) visit(post, k);
    keys = [];
  };
  for (const sel of X_SCAN.nameBlock) {
    for (const block of inScope(sel)) {
      if (!post?.contains(block)) {
        flush();
        const p = block.closest(X_SCAN.post);
        post = p && p.localName === 'article' ? p : null; // hover cards, the profile header, menus
      }
      if (!post) continue;
      const key = atHandleIn(block)?.key;
      if (key && !keys.includes(key)) keys.push(key);
    }
    flush();
    post = null;
  }

  // User cells ("who to follow"): the first profile link, and the follow button's id.
  for (const sel of X_SCAN.cell) {
    for (const cell of inScope(sel)) {
      const who = userOfBox(cell);
      if (!who) continue;
      visit(cell, who.key);
      const button = cell.querySelector(FOLLOW_ANY);
      const id = userIdOf(button);
      if (id && button) {
        // As in identitiesOf: a follow button whose label names someone else is not theirs.
        const label = button.getAttribute('aria-label') ?? '';
        const named = handleAfterWord(label, X_WORDS.follow) ?? handleAfterWord(label, X_WORDS.unfollow);
        if (!named || named.key === who.key) visit(cell, id);
      }
    }
  }
}

function identitiesOf(post: Element, _location: Location): Identity[] {
  if (!isElement(post)) return [];
  if (post.matches(X_CSS.post)) return postIdentities(post);
  if (post.matches(X_CSS.userCell)) {
    const who = userOfBox(post);
    const id = userIdOf(post.querySelector(FOLLOW_ANY));
    return who ? [identity([id, who.key], who.display, 'suggested')] : [];
  }
  return [];
}

/**
 * The author (or, under "Budi reposted", the original author), then each quoted post's
 * author. Empty when the author cannot be read: an unknown post is not guessed at.
 */
function postIdentities(post: Element): Identity[] {
  const quotes = quoteBoxes(post);
  const author = ownAuthor(post, quotes);
  if (!author) return [];
  // A follow button in the post (the focal post has one) carries the author's numeric id.
  const button = [...post.querySelectorAll(FOLLOW_ANY)].find(
    (b) => outside(quotes, b) && labelAgrees(b, author),
  );
  const relation = isRepostedByOther(post, quotes) ? 'original' : 'author';
  const out = [identity([userIdOf(button ?? null), author.key], author.display, relation)];
  for (const q of quotes) {
    const quoted = atHandleIn(q.querySelector(X_CSS.userName) ?? q);
    if (quoted) out.push(identity([quoted.key], quoted.display, 'quoted'));
  }
  return out;
}

/**
 * Quoted posts inside `post`: link-role boxes with their own userName block, but not the
 * post's own (in case X ever wraps the whole post in such a box).
 */
function quoteBoxes(post: Element): Element[] {
  const boxes = [...post.querySelectorAll(X_CSS.quote)].filter((b) => b.querySelector(X_CSS.userName));
  const names = [...post.querySelectorAll(X_CSS.userName)];
  // Normally the first name block outside every box; if all are inside one, the outer one.
  const own = names.find((n) => outside(boxes, n)) ?? (names.length > 1 ? names[0] : null);
  return own ? boxes.filter((b) => !b.contains(own)) : boxes;
}

function outside(boxes: Element[], el: Element): boolean {
  return !boxes.some((b) => b.contains(el));
}

/** The post's own author: its userName block, else the handle in its own permalink. */
function ownAuthor(post: Element, quotes: Element[]): Handle | null {
  const block = [...post.querySelectorAll(X_CSS.userName)].find((n) => outside(quotes, n));
  const named = block ? atHandleIn(block) : null;
  if (named) return named;
  for (const a of post.querySelectorAll(X_CSS.permalink)) {
    if (!outside(quotes, a) || !a.querySelector('time')) continue;
    const m = STATUS_PATH.exec(pathOf(a) ?? '');
    const key = m ? xHandleKey(m[1]) : null;
    if (key && m) return { key, display: `@${m[1]}` };
  }
  return null;
}

/**
 * "Budi reposted" above the post: the name block shows the original author. Pinned,
 * promoted and "Replying to" lines keep the author as author. Read by its words, or, in a
 * UI language we have no words for, by the reposter's profile link X puts around the line.
 */
function isRepostedByOther(post: Element, quotes: Element[]): boolean {
  const line = [...post.querySelectorAll(X_CSS.socialContext)].find((s) => outside(quotes, s));
  if (!line) return false;
  const t = text(line).toLowerCase();
  if (words(X_WORDS.reposted).some((w) => t.includes(w.toLowerCase()))) return true;
  if (words(X_WORDS.notReposted).some((w) => t.includes(w.toLowerCase()))) return false;
  const link = line.closest('a[href]') ?? line.querySelector('a[href]');
  return !!link && post.contains(link) && !!handleOfLink(link);
}

/** The user a cell or hover card shows: its first profile link, else its `@handle` text. */
function userOfBox(box: Element): Handle | null {
  for (const a of box.getElementsByTagName('a')) {
    const h = handleOfLink(a);
    if (h) return h;
  }
  return atHandleIn(box);
}

/** A handle from a name block: a `/<handle>` link, else a `@handle` text (quoted posts). */
function atHandleIn(block: Element | null): Handle | null {
  if (!block) return null;
  // getElementsByTagName: cached live collections, far cheaper than a selector query when
  // the scan reads thousands of name blocks. Links first; a quoted post's block has none.
  for (const a of block.getElementsByTagName('a')) {
    const h = handleOfLink(a);
    if (h) return h;
  }
  for (const tag of ['span', 'div']) {
    for (const el of block.getElementsByTagName(tag)) {
      if (el.children.length) continue;
      const m = AT_HANDLE.exec(text(el));
      const key = m ? xHandleKey(m[1]) : null;
      if (key && m) return { key, display: `@${m[1]}` };
    }
  }
  return null;
}

/**
 * A feed repeats the same authors: remember what each href meant (a pure function of the
 * href), so a scan of thousands of posts does not re-parse and re-allocate for each link.
 * Bounded: cleared when it grows past HREF_MEMO_MAX.
 */
const hrefMemo = new Map<string, Handle | null>();
const HREF_MEMO_MAX = 4096;

function handleOfLink(a: Element): Handle | null {
  const href = a.getAttribute('href');
  if (!href) return null;
  const known = hrefMemo.get(href);
  if (known !== undefined) return known;
  const m = PROFILE_HREF.exec(pathOf(a) ?? '');
  const key = m ? xHandleKey(m[1]) : null;
  const h = key && m ? { key, display: `@${m[1]}` } : null;
  if (hrefMemo.size >= HREF_MEMO_MAX) hrefMemo.clear();
  hrefMemo.set(href, h);
  return h;
}

/** A link's path on X, whether written `/budi` or `https://x.com/budi`. */
function pathOf(a: Element): string | null {
  const href = a.getAttribute('href');
  if (!href) return null;
  if (href.startsWith('/') && !href.startsWith('//')) return href.split(/[?#]/)[0];
  try {
    const url = new URL(href);
    return /(^|\.)(x|twitter)\.com$/i.test(url.hostname) ? url.pathname : null;
  } catch {
    return null;
  }
}

/** `id:<n>` from a `<n>-follow` testid. */
function userIdOf(button: Element | null): string | null {
  const m = FOLLOW_TESTID.exec(button?.getAttribute('data-testid') ?? '');
  return m ? `id:${m[1]}` : null;
}

/** A follow button whose label names someone else is not the author's. */
function labelAgrees(button: Element, author: Handle): boolean {
  const label = button.getAttribute('aria-label') ?? '';
  const named =
    handleAfterWord(label, X_WORDS.follow) ?? handleAfterWord(label, X_WORDS.unfollow);
  return !named || named.key === author.key;
}

/** "Follow @budi" → @budi, for any of `w`'s words. */
function handleAfterWord(t: string, w: Words): Handle | null {
  for (const word of words(w)) {
    if (!t.startsWith(`${word} @`)) continue;
    const raw = t.slice(word.length + 2);
    const key = xHandleKey(raw);
    if (key) return { key, display: `@${raw}` };
  }
  return null;
}

function hasWord(t: string, w: Words): boolean {
  return words(w).includes(t);
}

function text(el: Element): string {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function identity(keys: (string | null | undefined)[], display: string, relation: Identity['relation']): Identity {
  return { keys: [...new Set(keys.filter((k): k is string => !!k))], display, relation };
}

function isElement(v: unknown): v is Element {
  return !!v && typeof (v as Element).closest === 'function' && typeof (v as Element).matches === 'function';
}
