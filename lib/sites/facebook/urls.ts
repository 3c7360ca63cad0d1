/**
 * Facebook identities and URLs. Pure functions.
 * - vanity names: Facebook ignores case and periods in usernames ("Periods and capitalization
 *   don't count as a part of a username", Facebook Help Center) → `@lowercase-without-dots`
 * - numeric ids: `profile.php?id=<n>`, `/people/<name>/<n>`, `/pages/<name>/<n>`,
 *   `id:<n>` → `id:<n>`
 * - groups: `/groups/<id-or-slug>` → `g:<lowercase>`
 * - www., m., web. are the same site; fb.com too.
 */
import { explicitId, parseUrlish, type CanonicalAccount } from '../../accounts/canonical';

export const FACEBOOK_HOSTS = ['facebook.com', 'fb.com'] as const;

/** First path segments that are Facebook's own pages. */
export const FACEBOOK_RESERVED = new Set([
  'home.php', 'watch', 'reel', 'reels', 'marketplace', 'gaming', 'events', 'photo',
  'photo.php', 'photos', 'story.php', 'stories', 'notifications', 'messages', 'settings',
  'help', 'login', 'login.php', 'logout.php', 'search', 'hashtag', 'friends', 'bookmarks',
  'saved', 'memories', 'privacy', 'policies', 'ads', 'business', 'pages', 'people',
  'permalink.php', 'sharer', 'sharer.php', 'share', 'dialog', 'l.php', 'video.php',
  'profile.php', 'groups', 'me', 'feeds', 'live', 'fundraisers', 'media', 'ajax', 'tr',
]);

const VANITY = /^[A-Za-z0-9.]{5,50}$/;

export function facebookVanityKey(name: string): string | null {
  const n = name.replace(/^@/, '');
  if (!VANITY.test(n) || FACEBOOK_RESERVED.has(n.toLowerCase())) return null;
  const key = n.toLowerCase().replace(/\./g, '');
  return key.length > 0 && !/^\d+$/.test(key) ? `@${key}` : null;
}

/**
 * The identity a Facebook URL (or URL-like string) points at: a profile/page (vanity or
 * numeric id) or a group. Query strings and fragments other than `id` are ignored.
 */
export function facebookKeyFromUrl(url: URL): CanonicalAccount | null {
  const parts = url.pathname.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const first = (parts[0] ?? '').toLowerCase();
  if (first === 'profile.php') {
    const id = url.searchParams.get('id');
    return id && /^\d{1,20}$/.test(id) ? { key: `id:${id}`, display: `id:${id}` } : null;
  }
  if (first === 'groups' && parts[1] && parts[1] !== 'feed' && parts[1] !== 'discover') {
    const g = parts[1].toLowerCase();
    return /^[a-z0-9.\-_]{1,80}$/.test(g) ? { key: `g:${g}`, display: `groups/${parts[1]}` } : null;
  }
  if ((first === 'people' || first === 'pages') && parts.length >= 3) {
    const id = parts[parts.length - 1];
    return /^\d{1,20}$/.test(id) ? { key: `id:${id}`, display: `id:${id}` } : null;
  }
  if (/^\d{5,20}$/.test(parts[0] ?? '')) return { key: `id:${parts[0]}`, display: `id:${parts[0]}` };
  const key = facebookVanityKey(parts[0] ?? '');
  return key ? { key, display: parts[0] } : null;
}

export function canonicalFacebook(raw: string): CanonicalAccount | null {
  const s = raw.trim();
  const id = explicitId(s);
  if (id !== null) return /^\d{1,20}$/.test(id) ? { key: `id:${id}`, display: `id:${id}` } : null;
  const url = parseUrlish(s, FACEBOOK_HOSTS);
  if (url) return facebookKeyFromUrl(url);
  if (/^(groups\/)/i.test(s)) return facebookKeyFromUrl(new URL(`https://facebook.com/${s}`));
  const key = facebookVanityKey(s);
  return key ? { key, display: s.replace(/^@/, '') } : null;
}
