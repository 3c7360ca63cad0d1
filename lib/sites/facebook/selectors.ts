/**
 * Facebook hooks (www., web., m.facebook.com), as data. Every list is ranked by stability,
 * most stable first: Facebook's own test/ad-rendering attributes (`data-pagelet`,
 * `data-ad-rendering-role`), then ARIA labels (Indonesian, then English), then structure.
 *
 * Provenance: none of this was checked against the live site (no internet here). The hooks
 * come from public extension and automation code of 2024–2026, summarised in the
 * project's platform research notes (kept outside this repository); the fixtures in tests/sites/facebook/fixtures/ are
 * reconstructions of the same shapes, and tests/sites/facebook.test.ts counts how many
 * elements each list matches in each of them. The values are plain strings on purpose, so
 * a later release can ship replacements with the list or the policy.
 *
 * m.facebook.com serves a different ("Bloks", `data-mcomponent`) markup that is not
 * modelled here; only the parts it shares with www (links, ARIA labels) are recognised.
 */

/**
 * Labels as Facebook writes them. The adapter compares case-insensitively after trimming,
 * collapsing spaces and dropping a trailing period, so "Batal suka" also matches
 * "Batal Suka". Indonesian first, English second.
 */
export const LABELS = {
  /** The post's like button, and a comment's "Suka" text button. */
  like: ['Suka', 'Like'],
  /** An already-liked button: pressing it removes the reaction, never guarded. */
  likeUndo: ['Batal suka', 'Hapus Suka', 'Unlike', 'Remove Like'],
  /**
   * After another reaction the button reads "Remove Love", "Change Love reaction" (seen in
   * English code); the Indonesian forms are guesses that follow "Hapus Suka".
   */
  likeUndoPrefixes: ['Batal ', 'Batalkan ', 'Hapus ', 'Ubah reaksi', 'Remove ', 'Change '],
  /** The items of the reactions bar (hover / long press on the like button). */
  reactions: ['Suka', 'Super', 'Peduli', 'Haha', 'Wow', 'Sedih', 'Marah', 'Like', 'Love', 'Care', 'Sad', 'Angry'],
  /** The post's comment button (aria-label, then the visible text). */
  comment: ['Beri komentar', 'Komentari', 'Leave a comment', 'Comment'],
  /** Reply under a comment: a comment on that comment's author. */
  reply: ['Balas', 'Reply'],
  /** The post's share button (aria-label, then the visible text). */
  share: ['Kirim ini ke teman atau posting di profil Anda.', 'Bagikan', 'Send this to friends or post it on your profile.', 'Share'],
  follow: ['Ikuti', 'Follow'],
  followUndo: ['Mengikuti', 'Berhenti mengikuti', 'Following', 'Unfollow'],
  /**
   * A friend request also follows the person. The Indonesian wording varies between app
   * versions; both forms seen in Indonesian UI texts are kept.
   */
  addFriend: ['Tambah teman', 'Tambahkan teman', 'Add friend'],
  join: ['Gabung ke grup', 'Bergabung dengan grup', 'Gabung grup', 'Join group'],
  /** "Bergabung" alone is the joined state (a menu with "Keluar dari grup"). */
  joinUndo: ['Keluar dari grup', 'Bergabung', 'Leave group', 'Joined'],
  /** How a comment article names itself: "Komentar oleh Budi 2 jam yang lalu". */
  commentArticlePrefixes: ['Komentar oleh', 'Balasan oleh', 'Comment by', 'Reply by'],
} as const;

/** `[role="button"][aria-label="X"]` and `button[aria-label="X"]` for each label. */
export function ariaButtons(labels: readonly string[]): string[] {
  return labels.flatMap((l) => [`[role="button"][aria-label="${l}"]`, `button[aria-label="${l}"]`]);
}

/** Anything Facebook makes clickable as a button. */
export const BUTTON = ['[role="button"]', 'button'] as const;

/**
 * A post. Wrappers nest (a FeedUnit pagelet holds an `aria-posinset` div that may hold a
 * role=article), and comments are role=article too, nested inside the post: the adapter
 * walks these from the inside out and picks the first one that has an author header.
 */
export const POST = [
  // The feed's pagelet per unit: FeedUnit_0, FeedUnit_1, …
  '[data-pagelet^="FeedUnit"]',
  // The feed's position index (aria-posinset="3"); also on posts of profile/group feeds.
  'div[aria-posinset]',
  // Posts on profile, page, group and permalink pages; also every comment (see COMMENT).
  'div[role="article"]',
] as const;

/**
 * A comment or reply inside a post: a role=article that names itself as a comment, or one
 * inside a list item (comments are `ul > li`) nested in a post.
 */
export const COMMENT = [
  ...LABELS.commentArticlePrefixes.map((p) => `div[role="article"][aria-label^="${p}"]`),
  'li div[role="article"]',
] as const;

/** The header that holds a post's author link (its first link). */
export const AUTHOR_HEADER = [
  // Facebook's rendering role for the name block.
  '[data-ad-rendering-role="profile_name"]',
  // The name heading; its id is what the post's aria-labelledby points at.
  'h4[id]',
  // Other layouts (profile/group feeds, older builds) put the name in these headings,
  // the link wrapped in strong/span.
  'h4',
  'h3',
  'h2',
] as const;

/** The first link inside an author header is the author. */
export const AUTHOR_LINK = AUTHOR_HEADER.map((h) => `${h} a[href]`);

/** The post's text: links inside it (mentions, hashtags) are never the author. */
export const STORY_MESSAGE = [
  '[data-ad-rendering-role="story_message"]',
  '[data-ad-comet-preview="message"]',
  '[data-ad-preview="message"]',
] as const;

/** Language-independent markers inside the action bar buttons (a span inside the button). */
export const MARKER = {
  like: '[data-ad-rendering-role="like_button"]',
  comment: '[data-ad-rendering-role="comment_button"]',
  share: '[data-ad-rendering-role="share_button"]',
} as const;

export const LIKE_BUTTON = [MARKER.like, ...ariaButtons(LABELS.like)] as const;
export const LIKE_UNDO = ['[role="button"][aria-pressed="true"]', ...ariaButtons(LABELS.likeUndo)] as const;
export const COMMENT_BUTTON = [MARKER.comment, ...ariaButtons(LABELS.comment)] as const;
/**
 * The share button opens a sheet ("Bagikan sekarang", "Bagikan ke Feed", Messenger, …)
 * whose markup no public code we found describes. So the share button itself is treated as
 * the committing step: the warning comes one step early rather than not at all.
 */
export const SHARE_BUTTON = [MARKER.share, ...ariaButtons(LABELS.share)] as const;
/** Follow also appears as a plain text button ("· Ikuti" in post headers): matched in code. */
export const FOLLOW_BUTTON = [...ariaButtons(LABELS.follow), ...ariaButtons(LABELS.addFriend)] as const;
export const JOIN_BUTTON = ariaButtons(LABELS.join);

/**
 * Layers the reactions bar is rendered into, outside the post. A layer only counts when it
 * holds several reaction items, so a lone "Suka" in some other dialog is not taken for it.
 */
export const REACTION_LAYER = ['[role="toolbar"]', '[role="dialog"]'] as const;
export const REACTION_ITEM = ariaButtons(LABELS.reactions);
/** How many distinct reaction items make a layer a reactions bar. */
export const REACTION_LAYER_MIN_ITEMS = 3;

/** Hovercards, post viewers, share sheets. */
export const DIALOG = '[role="dialog"]';

/** Regions where a follow button belongs to a card, never to the page being viewed. */
export const SIDE_REGIONS = ['[role="complementary"]', '[role="navigation"]', '[role="banner"]'] as const;

/** Old markup carried the numeric id on the name link: `/ajax/hovercard/user.php?id=<n>`. */
export const HOVERCARD_ATTR = 'data-hovercard';

// ---------------------------------------------------------------------------------------
// The scan (`scanKeys`): one query for the links that name a post's parties, then one
// `closest` per link. Measured in Chromium 156 on a 2,000-post batch (2026-11-22): a
// selector that starts from the tag (`a:is(…)`) rejects the other 95 % of elements at
// once (4–5 ms), where a list of three complex selectors tested each one against every
// element (10–11 ms); every call into the DOM costs ~0.3 µs, a `closest` with a selector
// list ~1 µs, so the scan makes as few per link as it can, and none per other link.

/** AUTHOR_HEADER without entries another entry already covers (`h4[id]` is an `h4`). */
const SCAN_HEADERS = AUTHOR_HEADER.filter((h) => !AUTHOR_HEADER.some((o) => o !== h && /^[a-z0-9]+$/.test(o) && h.startsWith(`${o}[`)));

/**
 * The scan's one query: links that may name a party of a post, in document order.
 * - inside an author header: the first person link of the first header is the author; the
 *   first one of a later header, naming someone else, is the shared post's original
 *   author. Group links (`g:`) count up to and including the author's header.
 * - with an aria-label: the avatar next to the name (often a numeric-id URL while the
 *   name links the vanity URL). Counted only when the label is a party's name.
 * - member links (`/groups/<g>/user/<id>/`): the author of a group post whose header
 *   shows the group. Used only when no header names a person, and never from the text.
 * Links without href are dropped in code. One compound selector led by the tag.
 */
export const SCAN_LINKS = `a:is([aria-label], [href*="/user/"], ${SCAN_HEADERS.map((h) => `${h} *`).join(', ')})`;
/**
 * SCAN_LINKS for engines whose `:is()` takes compound selectors only (happy-dom, older
 * builds): the same links, as a list (twice as slow in Chromium). Chosen once, by a probe.
 */
export const SCAN_LINKS_COMPAT = `a:is([aria-label], [href*="/user/"]), :is(${SCAN_HEADERS.join(', ')}) a`;
/**
 * What each link climbs to with one `closest`: its post wrapper (POST) or, nearer, its
 * author header (AUTHOR_HEADER), from which a second `closest(POST)` finds the post.
 */
export const SCAN_STOP = [...POST, ...SCAN_HEADERS] as const;
/** The substring that makes a link a member link (see SCAN_LINKS). */
export const SCAN_MEMBER_HREF = '/user/';
