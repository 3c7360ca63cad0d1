/**
 * X (x.com, twitter.com, mobile.x.com) markup hooks, kept as data so that a later release
 * can ship replacements with the list or the policy instead of waiting for store review.
 *
 * Where they come from: public extension and automation code of 2024–2026, summarised in
 * the shared platforms notes. None was checked against the live site (no internet here);
 * tests/sites/x/fixtures/ holds reconstructed pages and tests/sites/x.test.ts counts how
 * often each hook matches in each of them.
 *
 * Every list is ranked most stable first: X's `data-testid`s (unchanged for years, and the
 * same in every UI language), then ARIA labels from the word table below (Indonesian
 * first), then structure. A lower-ranked entry exists for the day a higher one disappears.
 */

/** One word as X shows it, per UI language. Indonesian first: that is what our users see. */
export interface Words {
  id: readonly string[];
  en: readonly string[];
}

/**
 * What X writes on its buttons and menu items. The English words were seen in public code;
 * the Indonesian ones (except "Posting ulang" and "Kutipan") are our best reading of X's
 * Indonesian UI and are unverified — a miss there only loses a fallback, never a testid.
 */
export const X_WORDS = {
  /** Action-bar labels are "<word>" or, with a count, "<count> <noun>. <word>". */
  like: { id: ['Suka', 'Sukai'], en: ['Like'] },
  unlike: { id: ['Batal suka', 'Batal Suka', 'Disukai'], en: ['Liked', 'Unlike'] },
  reply: { id: ['Balas'], en: ['Reply'] },
  repost: { id: ['Posting ulang'], en: ['Repost', 'Retweet'] },
  unrepost: {
    id: ['Batalkan posting ulang', 'Diposting ulang'],
    en: ['Undo repost', 'Reposted', 'Undo Retweet', 'Retweeted'],
  },
  /** The second item of the repost menu. */
  quote: { id: ['Kutipan', 'Kutip'], en: ['Quote'] },
  /** Follow buttons and the post menu's follow item read "<word> @handle". */
  follow: { id: ['Ikuti'], en: ['Follow'] },
  unfollow: { id: ['Mengikuti', 'Berhenti mengikuti'], en: ['Following', 'Unfollow'] },
  /** socialContext lines that mean "someone else reposted this" ("Budi reposted"). */
  reposted: { id: ['memposting ulang', 'diposting ulang'], en: ['reposted', 'retweeted'] },
  /** socialContext lines that do not: the author is still the author. */
  notReposted: { id: ['Disematkan', 'Membalas', 'Dipromosikan'], en: ['Pinned', 'Replying to', 'Promoted'] },
} satisfies Record<string, Words>;

export function words(w: Words): string[] {
  return [...w.id, ...w.en];
}

/** A button (X renders both `<button role="button">` and older `<div role="button">`). */
const BUTTON = ['button', '[role="button"]'];

/** Buttons labelled `word` or `<count …>. word`. Exact and suffix matches only: "Like" must
 * not match "Liked", "Repost" must not match "Undo repost". */
function labelled(w: Words): string[] {
  return words(w).flatMap((word) =>
    BUTTON.flatMap((b) => [`${b}[aria-label="${word}"]`, `${b}[aria-label$=". ${word}"]`]),
  );
}

/** Buttons labelled `word @handle`. "Follow @" is not a prefix of "Following @". */
function labelledHandle(w: Words): string[] {
  return words(w).flatMap((word) => BUTTON.map((b) => `${b}[aria-label^="${word} @"]`));
}

/**
 * The hooks. Each value is a list of selectors, most stable first; code joins each list
 * into one selector (`X_CSS`), so any entry that matches counts.
 */
export const X_SELECTORS = {
  /** A post: timeline row, reply, or the focal post of a status page. */
  post: [
    'article[data-testid="tweet"]',
    // The same testid if X ever stops rendering posts as <article>.
    '[data-testid="tweet"]',
  ],
  /**
   * The name block of a post: display name, `@handle`, timestamp. In a post it holds
   * `a[href="/<handle>"]` links; inside a quoted post it holds plain spans (the whole quote
   * is one link), so code reads either. No label fallback: the block has no label.
   */
  userName: ['[data-testid="User-Name"]'],
  /** The line above a post: "Budi reposted", "Pinned", "Promoted". */
  socialContext: ['[data-testid="socialContext"]'],
  /**
   * A quoted post inside a post: a focusable link-role box that has its own userName
   * (code checks that part; X gives the box no testid).
   */
  quote: ['div[role="link"][tabindex="0"]'],
  /**
   * The post's permalink: the link around its `<time>`. Last-rank fallback for the author
   * when userName is gone. (Not "any `/<handle>` link": @mentions in the text look the same.)
   */
  permalink: ['a[href*="/status/"]'],

  like: ['[data-testid="like"]', ...labelled(X_WORDS.like)],
  /** Already liked: clicking un-likes. Never guarded. */
  unlike: ['[data-testid="unlike"]', ...labelled(X_WORDS.unlike)],
  reply: ['[data-testid="reply"]', ...labelled(X_WORDS.reply)],
  /** Opens the repost menu (Repost / Quote); the menu item commits. */
  repost: ['[data-testid="retweet"]', ...labelled(X_WORDS.repost)],
  /** Already reposted: opens the "Undo repost" menu. Never guarded. */
  unrepost: ['[data-testid="unretweet"]', ...labelled(X_WORDS.unrepost)],

  /** The open menu: desktop dropdown in `#layers`, mobile bottom sheet, any ARIA menu. */
  menu: [
    '#layers [data-testid="Dropdown"]',
    '[data-testid="Dropdown"]',
    '[data-testid="sheetDialog"]',
    '[role="menu"]',
  ],
  /** Any item of such a menu; code compares its text with X_WORDS when testids are missing. */
  menuItem: ['[role="menuitem"]'],
  /** Repost menu → "Repost" (commits a share). `repostConfirm` is the name X's rebrand may use. */
  repostConfirm: ['[data-testid="retweetConfirm"]', '[data-testid="repostConfirm"]'],
  /** Undo-repost menu → "Undo repost". Never guarded. */
  unrepostConfirm: ['[data-testid="unretweetConfirm"]', '[data-testid="unrepostConfirm"]'],
  /** Repost menu → "Quote": a link to the composer (only counted inside `menu`). */
  quoteItem: ['a[href="/compose/post"]', 'a[href="/compose/tweet"]', 'a[href^="/compose/post?"]'],

  /** Follow button; the testid prefix is the numeric user id (`1000000001-follow`). */
  follow: ['[data-testid$="-follow"]', ...labelledHandle(X_WORDS.follow)],
  /**
   * Following: a click unfollows. Never guarded. (A pending request's `<id>-cancel` is not
   * listed: `$="-cancel"` also matches X's `sheetDialog-cancel`, and it is no follow anyway.)
   */
  unfollow: ['[data-testid$="-unfollow"]', ...labelledHandle(X_WORDS.unfollow)],

  /** A user row: "Who to follow", follower lists, search people. */
  userCell: ['[data-testid="UserCell"]'],
  /** The profile card shown while hovering a name (rendered in `#layers`). */
  hoverCard: ['[data-testid="HoverCard"]', '[data-testid="hoverCardParent"]'],
  /** A profile page's header name block (display name and `@handle`). */
  profileName: ['[data-testid="UserName"]'],

  /** The inline composer's submit button: under the focal post it sends a reply. */
  inlineReplyButton: ['[data-testid="tweetButtonInline"]'],
  /** Modal layers: the reply composer, the media viewer. */
  dialog: ['[role="dialog"]', '[aria-modal="true"]'],
  /** Where keys are text, not shortcuts. X's composer is a contenteditable `role=textbox`. */
  typing: [
    'input',
    'textarea',
    'select',
    '[contenteditable]:not([contenteditable="false"])',
    '[role="textbox"]',
    '[data-testid^="tweetTextarea_"]',
  ],
} satisfies Record<string, readonly string[]>;

export type XHook = keyof typeof X_SELECTORS;

/** Each hook's list joined into one selector, for `matches` / `closest` / `querySelectorAll`. */
export const X_CSS = Object.fromEntries(
  Object.entries(X_SELECTORS).map(([k, list]) => [k, list.join(', ')]),
) as Record<XHook, string>;

/** X's keyboard shortcuts that commit or start a guarded action (`event.key`, no modifiers). */
export const X_SHORTCUTS = { l: 'like', r: 'reply', t: 'repost' } as const;

/** Where an identity lives: a post or a user cell (`findPosts` lists both). */
export const X_POST_OR_CELL = [...X_SELECTORS.post, ...X_SELECTORS.userCell].join(', ');

/**
 * What the scan (`scanKeys`) queries: each a single attribute selector, queried on its own —
 * Chromium answers a single attribute selector from a fast path (~1 ms over a 2,000-post
 * batch) but a selector list, or a descendant selector, costs up to ten times more
 * (measured in Chromium 156, 2026-11-22). Follow buttons are not queried: a suffix match
 * over every post costs more than the rest of the scan; their `id:<n>` is read per user cell,
 * and for posts at click time (resolveControl), where it matters.
 */
export const X_SCAN = {
  /** Posts by their testid alone (a single attribute selector; the tag is checked after). */
  post: '[data-testid="tweet"]',
  /** Name blocks: a post's own (its first `/<handle>` link) and a quoted post's (`@handle` text). */
  nameBlock: X_SELECTORS.userName,
  /** "Who to follow" cells: the first profile link is the user. */
  cell: X_SELECTORS.userCell,
} satisfies Record<string, string | readonly string[]>;
