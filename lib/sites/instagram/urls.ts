/**
 * Instagram identities and URLs. Pure functions.
 * - usernames: `[a-z0-9._]{1,30}`, case-insensitive → `@lowercase` (lib/accounts/canonical.ts
 *   `instagramUsernameKey`, shared with Threads; Instagram's own paths are reserved there)
 * - a list row may be `@handle`, `handle`, or a profile URL with or without scheme, `www.`
 *   or `m.`, trailing slash, query string or fragment (`?igsh=…` share links, `?hl=id`), and
 *   the app's deep link `instagram.com/_u/<handle>`;
 * - `instagr.am` is Instagram's own short domain (`instagr.am/p/<code>` share links): its
 *   profile URLs are the same paths.
 * A post URL (`/p/<code>/`, `/reel/<code>/`) names no account: null.
 */
import { firstSegment, instagramUsernameKey as instagramKey, parseUrlish, type CanonicalAccount } from '../../accounts/canonical';

export const INSTAGRAM_HOSTS = ['instagram.com', 'instagr.am'] as const;

/** The app's deep-link prefix: `instagram.com/_u/<handle>` opens that profile. */
const DEEP_LINK = '_u';

/** The username a profile URL names (`/budi/`, `/budi/reels/`, `/_u/budi`), or null. */
export function instagramUserFromUrl(url: URL): string | null {
  const first = firstSegment(url);
  if (first !== DEEP_LINK) return first || null;
  const second = url.pathname.split('/')[2] ?? '';
  try {
    return decodeURIComponent(second) || null;
  } catch {
    return second || null;
  }
}

export function canonicalInstagram(raw: string): CanonicalAccount | null {
  if (typeof raw !== 'string') return null;
  const url = parseUrlish(raw, INSTAGRAM_HOSTS);
  const name = url ? instagramUserFromUrl(url) : raw.trim();
  if (!name) return null;
  const key = instagramKey(name);
  return key ? { key, display: `@${name.replace(/^@/, '')}` } : null;
}
