/**
 * X (Twitter) identities and URLs. Pure functions: each carries example inputs in
 * tests/unit/canonical.test.ts.
 * - handles: `[A-Za-z0-9_]{1,15}`, case-insensitive → `@lowercase`
 * - numeric user ids: `id:<digits>` (X shows them in `data-testid="<id>-follow"`)
 * - twitter.com, x.com, mobile.x.com are the same site.
 */
import { explicitId, firstSegment, parseUrlish, type CanonicalAccount } from '../../accounts/canonical';

export const X_HOSTS = ['x.com', 'twitter.com'] as const;

const HANDLE = /^[A-Za-z0-9_]{1,15}$/;

/** First path segments that are X's own pages, never a user. */
export const X_RESERVED = new Set([
  'home', 'explore', 'search', 'notifications', 'messages', 'settings', 'i', 'compose',
  'login', 'logout', 'signup', 'tos', 'privacy', 'about', 'hashtag', 'intent', 'share',
  'jobs', 'lists', 'communities', 'premium', 'verified-choose', 'account', 'bookmarks',
  'grok', 'topics', 'help', 'download', 'connect_people', 'who_to_follow', 'ads',
  'display', 'keyboard_shortcuts', 'tweetdeck', 'undefined', 'x', 'twitter',
]);

export function xHandleKey(handle: string): string | null {
  const h = handle.replace(/^@/, '');
  if (!HANDLE.test(h) || X_RESERVED.has(h.toLowerCase())) return null;
  return `@${h.toLowerCase()}`;
}

/** The handle a path like `/Name`, `/Name/status/1` or `/Name/with_replies` belongs to. */
export function xHandleFromPath(pathname: string): string | null {
  const seg = pathname.split('/')[1] ?? '';
  return xHandleKey(seg);
}

export function canonicalX(raw: string): CanonicalAccount | null {
  const s = raw.trim();
  const id = explicitId(s);
  if (id !== null) return /^\d{1,20}$/.test(id) ? { key: `id:${id}`, display: `id:${id}` } : null;
  const url = parseUrlish(s, X_HOSTS);
  if (url) {
    // x.com/intent/user?user_id=123
    const uid = url.searchParams.get('user_id');
    if (/^\/intent\/(user|follow)/.test(url.pathname) && uid && /^\d+$/.test(uid)) {
      return { key: `id:${uid}`, display: `id:${uid}` };
    }
    const key = xHandleKey(firstSegment(url));
    return key ? { key, display: `@${firstSegment(url)}` } : null;
  }
  const key = xHandleKey(s);
  return key ? { key, display: s.startsWith('@') ? s : `@${s}` } : null;
}
