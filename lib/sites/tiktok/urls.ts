/** TikTok unique ids: `[a-z0-9._]{2,24}`, case-insensitive. URL `/@<handle>[/video/<id>]`. */
import { firstSegment, parseUrlish, type CanonicalAccount } from '../../accounts/canonical';

export const TIKTOK_HOSTS = ['tiktok.com'] as const;
const NAME = /^[a-z0-9._]{2,24}$/;

export function canonicalTiktok(raw: string): CanonicalAccount | null {
  const url = parseUrlish(raw, TIKTOK_HOSTS);
  let name = raw.trim();
  if (url) {
    const seg = firstSegment(url);
    if (!seg.startsWith('@')) return null;
    name = seg;
  }
  const n = name.replace(/^@/, '').toLowerCase();
  return NAME.test(n) ? { key: `@${n}`, display: `@${name.replace(/^@/, '')}` } : null;
}
