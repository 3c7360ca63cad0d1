/** Instagram usernames: `[a-z0-9._]{1,30}`, case-insensitive. URL `/<username>/`. */
import { firstSegment, instagramUsernameKey as instagramKey, parseUrlish, type CanonicalAccount } from '../../accounts/canonical';

export const INSTAGRAM_HOSTS = ['instagram.com'] as const;

export function canonicalInstagram(raw: string): CanonicalAccount | null {
  const url = parseUrlish(raw, INSTAGRAM_HOSTS);
  const name = url ? firstSegment(url) : raw.trim();
  const key = instagramKey(name);
  return key ? { key, display: `@${name.replace(/^@/, '')}` } : null;
}
