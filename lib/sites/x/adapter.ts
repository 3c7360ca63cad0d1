/**
 * The X (Twitter) adapter: reads, at the moment of an input, which guarded action a click or
 * key press would commit and on whose account.
 *
 * X recycles timeline rows: the same <article> and the same like button are filled with
 * another post as the user scrolls. So nothing here is cached per element; every call reads
 * the DOM again. Hooks (selectors, label words, path templates, shortcut keys) are data in
 * ./hooks.json, compiled by the engine; identities come out in the canonical form of
 * ./urls.ts (`@lowercasehandle`, `id:<numeric>`). What stays here is X's own: reposts and
 * quotes, the focal post of a status page, the follow button's numeric id, shortcuts.
 */
import { identity, nearestContainer, scanInOrder } from '../engine/containers';
import { isElement, onHosts, outside, pathOfHref, text } from '../engine/dom';
import { compileHooks, firstHook, type CompiledHooks } from '../engine/hooks';
import { handleAfter, labelIs, normLabel } from '../engine/labels';
import { BoundedMemo } from '../engine/memo';
import type { Identity, Resolution, SiteAdapter } from '../types';
import { neverThrow } from '../engine/adapter';
import { X_HOSTS, xHandleFromPath, xHandleKey } from './urls';

/** `<id>-follow` / `<id>-unfollow` / `<id>-cancel`: the prefix is X's numeric user id. */
const FOLLOW_TESTID = /^(\d{1,20})-(?:follow|unfollow|cancel)$/;
/** `@handle` as plain text (a quoted post's name block has no links). */
const AT_HANDLE = /^@([A-Za-z0-9_]{1,15})$/;
/** What may follow the last `-` of an avatar's `UserAvatar-Container-<handle>` testid (handles have no `-`). */
const HANDLE_CHARS = /^[A-Za-z0-9_]{1,15}$/;
const isXHost = onHosts(X_HOSTS);

/** A handle as found on the page: canonical key plus the spelling shown. */
interface Handle {
  key: string;
  display: string;
}

type Kind = 'undo' | 'like' | 'reply' | 'repost' | 'follow' | 'menuFollow' | 'share' | 'inlineReply';

/** The hooks' names, innermost-first check order at each element: undo states first. */
const CONTROL_ORDER = ['unlike', 'unrepost', 'unfollow', 'unrepostConfirm', 'like', 'reply', 'repost', 'follow', 'repostConfirm', 'inlineReplyButton'] as const;
const KIND_OF: Record<(typeof CONTROL_ORDER)[number], Kind> = {
  unlike: 'undo', unrepost: 'undo', unfollow: 'undo', unrepostConfirm: 'undo',
  like: 'like', reply: 'reply', repost: 'repost', follow: 'follow', repostConfirm: 'share', inlineReplyButton: 'inlineReply',
};


/** An X adapter on `H` (one per tab and hooks version: its memo lives here, not in the module). */
export function createXAdapter(H: CompiledHooks): SiteAdapter {
  const hook = (n: string) => H.hook(n);
  /** Pure-selector hooks, joined: the ones code passes to `closest` / `querySelectorAll`. */
  const css = {
    post: hook('post').sel,
    userName: hook('userName').sel,
    socialContext: hook('socialContext').sel,
    quote: hook('quote').sel,
    permalink: hook('permalink').sel,
    avatar: hook('avatar').sel,
    menu: hook('menu').sel,
    menuItem: hook('menuItem').sel,
    quoteItem: hook('quoteItem').sel,
    userCell: hook('userCell').sel,
    hoverCard: hook('hoverCard').sel,
    profileName: hook('profileName').sel,
    inlineReplyButton: hook('inlineReplyButton').sel,
    dialog: hook('dialog').sel,
    typing: hook('typing').sel,
  };
  const postOrCell = [css.post, css.userCell].filter(Boolean).join(', ');
  /** The scan's post query: one attribute selector (see hooks.json `scanPost`). */
  const scanPost = hook('scanPost').sel;
  const W = {
    repost: H.words('repost'),
    unrepost: H.words('unrepost'),
    quote: H.words('quote'),
    follow: H.words('follow'),
    unfollow: H.words('unfollow'),
    reposted: H.words('reposted'),
    notReposted: H.words('notReposted'),
  };
  /** href → the handle it links to; pure, so memoised per distinct href. */
  const hrefHandles = new BoundedMemo<Handle | null>((href) => {
    const path = pathOfHref(href, isXHost);
    const m = path ? H.matchPath('profile', path) : null;
    const key = m?.handle ? xHandleKey(m.handle) : null;
    return key && m ? { key, display: `@${m.handle}` } : null;
  });
  /** The handle and status id of a status path (`/i/web/status/<id>` gives handle `i`). */
  const statusOf = (path: string | null) => {
    const m = path ? H.matchPath('status', path) : null;
    return m ? { handle: m.handle, id: m.id } : null;
  };
  const pathOf = (a: Element) => pathOfHref(a.getAttribute('href'), isXHost);
  /** Follow buttons in either state: both carry the user id. */
  const followAnyIn = (root: Element): Element[] => {
    const all = [...hook('follow').all(root), ...hook('unfollow').all(root)];
    return all.length > 1 ? all.sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1)) : all;
  };
  /** "Follow @budi" → @budi, for any of the words. */
  const handleAfterWord = (t: string, words: readonly string[]): Handle | null => {
    const raw = handleAfter(t, words);
    const key = raw ? xHandleKey(raw) : null;
    return key && raw ? { key, display: `@${raw}` } : null;
  };
  const hasWord = (t: string, words: readonly string[]) => labelIs(normLabel(t), words);

  function resolveControl(target: Element, location: Location): Resolution | null {
    if (!isElement(target)) return null;
    // The innermost control around the target decides: an icon inside a like button is the
    // like button; a follow button inside a user cell is the follow button, not the cell.
    const inMenu = !!target.closest(css.menu);
    for (let el: Element | null = target; el; el = el.parentElement) {
      const kind = classify(el, inMenu);
      if (kind) return kind === 'undo' ? null : resolveKind(kind, el, location);
    }
    return null;
  }

  const controlHooks = CONTROL_ORDER.map((n) => hook(n));
  /** What `el` itself is, if it is a control we know (undo controls included, to stop there). */
  function classify(el: Element, inMenu: boolean): Kind | null {
    const h = firstHook(el, controlHooks);
    if (h) return KIND_OF[h.name as (typeof CONTROL_ORDER)[number]];
    // Only inside a menu: the side bar's "Post" button is also a link to /compose/post.
    if (inMenu && el.closest(css.menu)) {
      if (el.matches(css.quoteItem)) return 'share';
      if (el.matches(css.menuItem)) return classifyMenuText(text(el));
    }
    return null;
  }

  /** A menu item without a known testid, by its text ("Repost", "Kutipan", "Follow @budi"). */
  function classifyMenuText(t: string): Kind | null {
    if (hasWord(t, W.unrepost) || handleAfterWord(t, W.unfollow)) return 'undo';
    if (hasWord(t, W.repost) || hasWord(t, W.quote)) return 'share';
    if (handleAfterWord(t, W.follow)) return 'menuFollow';
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
        const h = handleAfterWord(text(el), W.follow);
        if (!h) return null;
        return { type: 'action', action: 'follow', control: el, identities: [identity([h.key], h.display, 'author')] };
      }
      case 'inlineReply': {
        // The composer under a status page's focal post replies to it; elsewhere (home) it
        // writes a new post, and a modal composer was opened by a reply button already guarded.
        if (el.closest(css.dialog)) return null;
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
    const post = el.closest(css.post);
    if (post) return postIdentities(post);
    // The media viewer (`/<handle>/status/<id>/photo/1`) shows the action bar in a modal,
    // outside any <article>; the URL names the post's author.
    if (el.closest(css.dialog) && H.matchPath('media', location.pathname)) {
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
    const labelled = handleAfterWord(button.getAttribute('aria-label') ?? '', W.follow);
    const withButton = (who: Handle | null, relation: Identity['relation']): Identity[] => {
      const display = who?.display ?? labelled?.display ?? id;
      return display ? [identity([id, who?.key, labelled?.key], display, relation)] : [];
    };

    const around = nearestContainer(button, [hook('userCell'), hook('hoverCard'), hook('post')]);
    if (around?.hook.name === 'userCell') return withButton(userOfBox(around.el), 'suggested');
    if (around?.hook.name === 'hoverCard') return withButton(userOfBox(around.el), 'profile');
    if (around) {
      // The focal post's "Follow" next to the author name.
      const quotes = quoteBoxes(around.el);
      return withButton(outside(quotes, button) ? ownAuthor(around.el, quotes) : null, 'author');
    }
    // A profile page's header button: the profile is the first path segment (not a status
    // page, whose stray follow buttons would not belong to the post in the URL).
    if (statusOf(location.pathname)) return withButton(null, 'profile');
    const path = xHandleFromPath(location.pathname);
    if (!path) return withButton(null, 'profile');
    const header = button.ownerDocument.querySelector(css.profileName);
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
      const box = [origin, active].find((el) => el?.closest(css.typing));
      if (!box || box.closest(css.dialog) || !doc) return null;
      const send = doc.querySelector(css.inlineReplyButton);
      return send && !send.closest(css.dialog) ? resolveKind('inlineReply', send, location) : null;
    }

    if (event.ctrlKey || event.altKey || event.metaKey) return null;
    if (!Object.hasOwn(H.shortcuts, event.key)) return null;
    const which = H.shortcuts[event.key];
    if (which !== 'like' && which !== 'reply' && which !== 'repost') return null;
    if ([origin, active].some((el) => el?.closest(css.typing))) return null;

    const post =
      origin?.closest(css.post) ?? active?.closest(css.post) ?? (doc ? focalPost(doc, location) : null);
    if (!post) return null;
    const quotes = quoteBoxes(post);
    const own = (name: string) => hook(name).all(post).find((b) => outside(quotes, b)) ?? null;
    // Already liked / reposted (the hook's undo state is there): the key undoes, never guarded.
    if ((hook(which).spec?.orUndo ?? []).some((undo) => own(undo))) return null;
    const control = own(which);
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
    const statusId = statusOf(location.pathname)?.id;
    if (!statusId) return null;
    for (const post of doc.querySelectorAll(css.post)) {
      const quotes = quoteBoxes(post);
      for (const a of post.querySelectorAll(css.permalink)) {
        if (outside(quotes, a) && statusOf(pathOf(a))?.id === statusId) return post;
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------
  // Posts and their identities

  function findPosts(root: Element): Element[] {
    if (typeof root?.querySelectorAll !== 'function') return [];
    const found = [...root.querySelectorAll(postOrCell)];
    return isElement(root) && root.matches(postOrCell) ? [root, ...found] : found;
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
    const scope = root.closest(postOrCell) ?? root;
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
    let keys: string[] = [];
    for (const sel of hook('userName').list) {
      scanInOrder(
        inScope(sel),
        (block) => {
          const p = block.closest(scanPost);
          return p && p.localName === 'article' ? p : null; // hover cards, the profile header, menus
        },
        (_post, block) => {
          const key = atHandleIn(block)?.key;
          if (key && !keys.includes(key)) keys.push(key);
        },
        (post) => {
          for (const k of keys) visit(post, k);
          keys = [];
        },
      );
    }

    // User cells ("who to follow"): the first profile link, and the follow button's id.
    for (const sel of hook('userCell').list) {
      for (const cell of inScope(sel)) {
        const who = userOfBox(cell);
        if (!who) continue;
        visit(cell, who.key);
        const button = followAnyIn(cell)[0] ?? null;
        const id = userIdOf(button);
        if (id && button) {
          // As in identitiesOf: a follow button whose label names someone else is not theirs.
          const label = button.getAttribute('aria-label') ?? '';
          const named = handleAfterWord(label, W.follow) ?? handleAfterWord(label, W.unfollow);
          if (!named || named.key === who.key) visit(cell, id);
        }
      }
    }
  }

  function identitiesOf(post: Element, _location: Location): Identity[] {
    if (!isElement(post)) return [];
    if (post.matches(css.post)) return postIdentities(post);
    if (post.matches(css.userCell)) {
      const who = userOfBox(post);
      const id = userIdOf(followAnyIn(post)[0] ?? null);
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
    const button = followAnyIn(post).find(
      (b) => outside(quotes, b) && labelAgrees(b, author),
    );
    const relation = isRepostedByOther(post, quotes) ? 'original' : 'author';
    const out = [identity([userIdOf(button ?? null), author.key], author.display, relation)];
    for (const q of quotes) {
      // quoteBoxes keeps only boxes with a name block.
      const quoted = atHandleIn(q.querySelector(css.userName));
      if (quoted) out.push(identity([quoted.key], quoted.display, 'quoted'));
    }
    return out;
  }

  /**
   * Quoted posts inside `post`: link-role boxes with their own userName block, but not the
   * post's own (in case X ever wraps the whole post in such a box).
   */
  function quoteBoxes(post: Element): Element[] {
    const boxes = [...post.querySelectorAll(css.quote)].filter((b) => b.querySelector(css.userName));
    const names = [...post.querySelectorAll(css.userName)];
    // Normally the first name block outside every box; if all are inside one, the outer one.
    const own = names.find((n) => outside(boxes, n)) ?? (names.length > 1 ? names[0] : null);
    return own ? boxes.filter((b) => !b.contains(own)) : boxes;
  }


  /** The post's own author: its userName block, else the handle in its own permalink. */
  function ownAuthor(post: Element, quotes: Element[]): Handle | null {
    const block = [...post.querySelectorAll(css.userName)].find((n) => outside(quotes, n));
    const named = block ? atHandleIn(block) : null;
    if (named) return named;
    for (const a of post.querySelectorAll(css.permalink)) {
      if (!outside(quotes, a) || !a.querySelector('time')) continue;
      const m = statusOf(pathOf(a));
      const key = m ? xHandleKey(m.handle) : null;
      if (key && m) return { key, display: `@${m.handle}` };
    }
    return null;
  }

  /**
   * "Budi reposted" above the post: the name block shows the original author. Pinned,
   * promoted and "Replying to" lines keep the author as author. Read by its words, or, in a
   * UI language we have no words for, by the reposter's profile link X puts around the line.
   */
  function isRepostedByOther(post: Element, quotes: Element[]): boolean {
    const line = [...post.querySelectorAll(css.socialContext)].find((s) => outside(quotes, s));
    if (!line) return false;
    const t = text(line).toLowerCase();
    if (W.reposted.some((w) => t.includes(w))) return true;
    if (W.notReposted.some((w) => t.includes(w))) return false;
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

  /**
   * A handle from a name block: a `/<handle>` link. A quoted post's block has none (the whole
   * quote is one link-role box without href): then what X itself wrote into the quote (its
   * permalink, its avatar), and only then the `@handle` line of the block. Never the display
   * name, which its owner chooses: "@capres_contoh_a" is a valid display name for anyone.
   */
  function atHandleIn(block: Element | null): Handle | null {
    if (!block) return null;
    // getElementsByTagName: cached live collections, far cheaper than a selector query when
    // the scan reads thousands of name blocks. Links first; a quoted post's block has none.
    for (const a of block.getElementsByTagName('a')) {
      const h = handleOfLink(a);
      if (h) return h;
    }
    // Only link-less blocks get here (quotes, rare in a feed): one `closest` each.
    const box = block.closest(css.quote);
    return (box && quoteLinkHandle(box)) ?? handleLineIn(block);
  }

  /**
   * A quote's author from what X generates, not what users type: the quote's own permalink
   * (the link around its <time>, if X renders one), else its avatar, as a profile link or by
   * its `UserAvatar-Container-<handle>` testid (tests/sites/x/fixtures/quote.html).
   */
  function quoteLinkHandle(box: Element): Handle | null {
    for (const a of box.querySelectorAll(css.permalink)) {
      if (!a.querySelector('time')) continue;
      const m = statusOf(pathOf(a));
      const key = m ? xHandleKey(m.handle) : null;
      if (key && m) return { key, display: `@${m.handle}` };
    }
    for (const av of box.querySelectorAll(css.avatar)) {
      for (const a of av.getElementsByTagName('a')) {
        const h = handleOfLink(a);
        if (h) return h;
      }
      const id = av.getAttribute('data-testid') ?? '';
      const raw = id.slice(id.lastIndexOf('-') + 1);
      const key = HANDLE_CHARS.test(raw) ? xHandleKey(raw) : null;
      if (key) return { key, display: `@${raw}` };
    }
    return null;
  }

  /**
   * The `@handle` line of a name block, by its place: X renders the display name first and
   * the `@handle` line after it (quote.html, profile.html). So the first row is skipped,
   * whatever it says; with no second row the block says nothing we can trust.
   */
  function handleLineIn(block: Element): Handle | null {
    // Down through single wrappers to where the rows part.
    let rows: Element = block;
    while (rows.children.length === 1) rows = rows.children[0];
    if (rows.children.length < 2) return null;
    const nameRow = rows.children[0];
    for (const tag of ['span', 'div']) {
      for (const el of rows.getElementsByTagName(tag)) {
        if (el.children.length || nameRow.contains(el)) continue;
        const m = AT_HANDLE.exec(text(el));
        const key = m ? xHandleKey(m[1]) : null;
        if (key && m) return { key, display: `@${m[1]}` };
      }
    }
    return null;
  }


  function handleOfLink(a: Element): Handle | null {
    const href = a.getAttribute('href');
    return href ? hrefHandles.get(href) : null;
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
      handleAfterWord(label, W.follow) ?? handleAfterWord(label, W.unfollow);
    return !named || named.key === author.key;
  }

  return neverThrow(
    {
      site: 'x',
      platform: 'x',
      hooksVersion: H.version,
      resolveControl,
      resolveShortcut,
      resolveDoubleTap: () => null,
      resolveSend: () => null,
      findPosts,
      scanKeys,
      identitiesOf,
    },
  );
}

/** X's bundled hooks, compiled (tests and tools; a tab compiles the hooks in force itself). */
export function bundledXAdapter(hooks: import('../../hooks/types').SiteHooks): SiteAdapter {
  return createXAdapter(compileHooks(hooks));
}
