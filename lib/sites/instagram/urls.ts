/** Instagram usernames: `[a-z0-9._]{1,30}`, case-insensitive. URL `/<username>/`. */
import { firstSegment, parseUrlish, type CanonicalAccount } from '../../accounts/canonical';

export const INSTAGRAM_HOSTS = ['instagram.com'] as const;
const RESERVED = new Set(['p', 'reel', 'reels', 'explore', 'stories', 'direct', 'accounts', 'about', 'legal', 'tv', 'web']);
const NAME = /^[a-z0-9._]{1,30}$/;

export function instagramKey(name: string): string | null {
  const n = name.replace(/^@/, '').toLowerCase();
  return NAME.test(n) && !RESERVED.has(n) ? `@${n}` : null;
}

export function canonicalInstagram(raw: string): CanonicalAccount | null {
  const url = parseUrlish(raw, INSTAGRAM_HOSTS);
  const name = url ? firstSegment(url) : raw.trim();
  const key = instagramKey(name);
  return key ? { key, display: `@${name.replace(/^@/, '')}` } : null;
}
