/** Threads uses Instagram usernames. URL `/@<username>`; threads.net = threads.com. */
import { firstSegment, instagramUsernameKey as instagramKey, parseUrlish, type CanonicalAccount } from '../../accounts/canonical';

export const THREADS_HOSTS = ['threads.com', 'threads.net'] as const;

export function canonicalThreads(raw: string): CanonicalAccount | null {
  const url = parseUrlish(raw, THREADS_HOSTS);
  let name = raw.trim();
  if (url) {
    const seg = firstSegment(url);
    if (!seg.startsWith('@')) return null;
    name = seg;
  }
  const key = instagramKey(name);
  return key ? { key, display: `@${name.replace(/^@/, '')}` } : null;
}
