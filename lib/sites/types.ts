import type { Action, PlatformId, SiteId } from '../model';

/**
 * A person, page, group or channel seen on the page, in canonical form. `keys` are the
 * aliases under which a list may hold it, most stable first (`id:123` before `@handle`).
 */
export interface Identity {
  keys: string[];
  /** What the page shows for it: `@handle`, a page name, a group slug. */
  display: string;
  /**
   * How it relates to the action: the post's author; the original author of a post someone
   * else reposted; the author of a quoted post; the profile/page/group being viewed; a
   * suggested account ("who to follow").
   */
  relation: 'author' | 'original' | 'quoted' | 'profile' | 'group' | 'suggested';
}

/** What a user input on the page would do, as the adapter reads the DOM at that moment. */
export type Resolution =
  /** A control that commits an action on these identities (the post's, the profile's, …). */
  | { type: 'action'; action: Action; control: Element; identities: Identity[] }
  /**
   * A control that only opens a menu whose items commit (X's repost button). Nothing is
   * stopped; the guard remembers the identities for the item that commits.
   */
  | { type: 'menu'; control: Element; identities: Identity[] }
  /** A menu item that commits `action` for whatever the last `menu` opened. */
  | { type: 'menu-commit'; action: Action; control: Element };

/**
 * One per site and tab, built by `lib/sites/<site>/adapter.ts` on the site's compiled hooks
 * (lib/sites/engine) and declared in the registry (lib/sites/registry.ts). Everything that knows a site's markup or URLs lives
 * behind this interface; the guard (`lib/guard/`) is site-agnostic. All methods are
 * synchronous DOM reads: they run inside an input event, before the page acts.
 * Unrecognised markup returns null / [] — never throws.
 */
export interface SiteAdapter {
  site: SiteId;
  platform: PlatformId;
  /** The `hooksVersion` of the hooks this adapter was built on (lib/sites/engine/hooks.ts). */
  hooksVersion: number;
  /**
   * `target` was clicked, tapped, or activated with Enter/Space. Returns what that does, or
   * null for anything that is not a guarded action (undo actions included).
   */
  resolveControl(target: Element, location: Location): Resolution | null;
  /**
   * A key press that is not on a button: the site's own keyboard shortcuts (X's `l`, `r`,
   * `t`). Returns null for keys the site does not bind, and for typing in text fields.
   */
  resolveShortcut(event: KeyboardEvent, location: Location): Resolution | null;
  /**
   * A double-click or double-tap on `target`: a like where the site likes on it (the media of
   * a post on Instagram, TikTok, Facebook photos); null elsewhere. The resolution's control
   * is the post's like button when there is one (what "go ahead" presses), else the media.
   */
  resolveDoubleTap(target: Element, location: Location): Resolution | null;
  /**
   * Enter pressed in the editable `target`: a comment when `target` is an always-visible
   * comment box of a post (sent without pressing any Comment button first); null for any
   * other text field. The control is the box itself.
   */
  resolveSend(target: Element, location: Location): Resolution | null;
  /**
   * The posts inside a subtree (the root itself included). The runtime's scan uses the
   * faster `scanKeys`; this is the plain, obviously-right form that the tests check
   * `scanKeys` against (together with `identitiesOf`) on every fixture.
   */
  findPosts(root: Element): Element[];
  /**
   * The scan's fast path: calls `visit(post, key)` for every canonical key of every post or
   * user cell inside `root` (the root itself included), or — when `root` lies inside a
   * post, e.g. a link whose href X changed while recycling a row — of that enclosing post.
   * As few DOM queries as the markup allows: a busy feed adds thousands of posts at once.
   * Keys only (author, original, quoted, suggested alike); relations do not matter here.
   */
  scanKeys(root: Element, visit: (post: Element, key: string) => void): void;
  /** The identities a post is about (author first). */
  identitiesOf(post: Element, location: Location): Identity[];
}
