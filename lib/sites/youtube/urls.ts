/**
 * YouTube channels. Pure functions (examples in tests/sites/youtube.test.ts).
 * - channel ids `UC` + 22 characters are stable: `id:UC…`, case kept;
 * - handles `@name` (3–30 of letters, digits, `_`, `-`, `.`) are aliases, lowercased;
 * - legacy custom URLs `/c/Name` → `c:name` and `/user/Name` → `user:name` (lowercased: YouTube
 *   resolves them case-insensitively). They are separate namespaces from handles: `/c/Budi`
 *   and `/@budi` may be different channels, so they never fold into `@`.
 * - URLs: `/channel/UC…`, `/@handle`, `/c/Name`, `/user/Name`, on youtube.com with or without
 *   `www.`/`m.`, with any trailing segment (`/videos`, `/featured`), query or fragment.
 * - `youtube,c:Name` and `youtube,user:Name` are accepted in lists as written forms too.
 */
import { parseUrlish, type CanonicalAccount } from '../../accounts/canonical';

export const YOUTUBE_HOSTS = ['youtube.com'] as const;
const CHANNEL_ID = /^UC[A-Za-z0-9_-]{22}$/;
const HANDLE = /^@?([A-Za-z0-9_.-]{3,30})$/;
/** Legacy custom and user names: letters and digits (YouTube allowed no other characters there). */
const LEGACY = /^[A-Za-z0-9_.-]{1,100}$/;

function decoded(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

export function youtubeHandleKey(raw: string): string | null {
  const m = HANDLE.exec(raw);
  return m ? `@${m[1].toLowerCase()}` : null;
}

export function youtubeChannelIdKey(raw: string): string | null {
  return CHANNEL_ID.test(raw) ? `id:${raw}` : null;
}

/**
 * The channel a path on youtube.com names: `/channel/UC…` → `id:UC…`, `/@handle` → `@handle`,
 * `/c/Name` → `c:name`, `/user/Name` → `user:name`; any further segments are ignored
 * (`/@budi/videos`). Null for every other path (`/watch`, `/shorts/…`, `/feed/…`).
 */
export function youtubeKeyFromPath(pathname: string): CanonicalAccount | null {
  const parts = pathname.split(/[?#]/)[0].split('/').filter(Boolean);
  const [first, second] = parts;
  if (!first) return null;
  if (first.startsWith('@') || first.startsWith('%40')) {
    const h = decoded(first);
    const key = youtubeHandleKey(h);
    return key && h.startsWith('@') ? { key, display: h } : null;
  }
  if (!second) return null;
  const name = decoded(second);
  if (first === 'channel') {
    const key = youtubeChannelIdKey(name);
    return key ? { key, display: name } : null;
  }
  if ((first === 'c' || first === 'user') && LEGACY.test(name)) return { key: `${first}:${name.toLowerCase()}`, display: name };
  return null;
}

export function canonicalYoutube(raw: string): CanonicalAccount | null {
  const s = raw.trim();
  const url = parseUrlish(s, YOUTUBE_HOSTS);
  if (url) return youtubeKeyFromPath(url.pathname);
  const legacy = /^(c|user)\s*:\s*(\S+)$/i.exec(s);
  if (legacy) {
    const name = legacy[2];
    return LEGACY.test(name) ? { key: `${legacy[1].toLowerCase()}:${name.toLowerCase()}`, display: name } : null;
  }
  const token = s.replace(/^id\s*:\s*/i, '');
  const id = youtubeChannelIdKey(token);
  if (id) return { key: id, display: token };
  const key = youtubeHandleKey(token);
  return key ? { key, display: `@${token.replace(/^@/, '')}` } : null;
}
