/**
 * TikTok identities and URLs. Pure functions: examples in tests/sites/tiktok.test.ts.
 * - unique ids (handles): `[a-z0-9._]{2,24}`, case-insensitive → `@lowercase`; profile URLs
 *   `/@<handle>`, with `/video/<id>`, `/photo/<id>`, `/live` after it, belong to the handle;
 * - numeric user ids: `id:<digits>`, and the share links `tiktok.com/share/user/<digits>`
 *   → `id:<digits>`;
 * - www. and m. are the same site; short links (vm.tiktok.com/…) name no account: refused.
 */
import { explicitId, firstSegment, parseUrlish, type CanonicalAccount } from '../../accounts/canonical';

export const TIKTOK_HOSTS = ['tiktok.com'] as const;
const NAME = /^[a-z0-9._]{2,24}$/;
const USER_ID = /^\d{1,25}$/;

/** `@handle` (or `handle`) → `@lowercase`, or null for what cannot be a TikTok unique id. */
export function tiktokHandleKey(handle: string): string | null {
  const n = handle.replace(/^@/, '').toLowerCase();
  return NAME.test(n) ? `@${n}` : null;
}

/** A numeric user id → `id:<n>`, or null. */
export function tiktokIdKey(id: string): string | null {
  return USER_ID.test(id) ? `id:${id}` : null;
}

export function canonicalTiktok(raw: string): CanonicalAccount | null {
  const s = raw.trim();
  const id = explicitId(s);
  if (id !== null) {
    const key = tiktokIdKey(id);
    return key ? { key, display: key } : null;
  }
  const url = parseUrlish(s, TIKTOK_HOSTS);
  if (url) {
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] === 'share' && parts[1] === 'user' && parts[2]) {
      const key = tiktokIdKey(parts[2]);
      return key ? { key, display: key } : null;
    }
    const seg = firstSegment(url);
    if (!seg.startsWith('@')) return null;
    const key = tiktokHandleKey(seg);
    return key ? { key, display: seg } : null;
  }
  const key = tiktokHandleKey(s);
  return key ? { key, display: `@${s.replace(/^@/, '')}` } : null;
}
