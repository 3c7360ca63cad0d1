/**
 * YouTube channels. Channel ids `UC` + 22 characters are stable (`id:UC…`, case kept);
 * handles `@name` (3–30 of letters, digits, `_`, `-`, `.`) are aliases, lowercased.
 * URLs: `/channel/UC…`, `/@handle`.
 */
import { parseUrlish, type CanonicalAccount } from '../../accounts/canonical';

export const YOUTUBE_HOSTS = ['youtube.com'] as const;
const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;
const HANDLE = /^@?([A-Za-z0-9_.-]{3,30})$/;

export function canonicalYoutube(raw: string): CanonicalAccount | null {
  const s = raw.trim();
  const url = parseUrlish(s, YOUTUBE_HOSTS);
  let token = s.replace(/^id\s*:\s*/i, '');
  if (url) {
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'channel' && parts[1]) token = parts[1];
    else if (parts[0]?.startsWith('@')) token = decodeURIComponent(parts[0]);
    else return null;
  }
  if (CHANNEL_ID.test(token)) return { key: `id:${token}`, display: token };
  const m = HANDLE.exec(token);
  return m ? { key: `@${m[1].toLowerCase()}`, display: `@${m[1]}` } : null;
}
