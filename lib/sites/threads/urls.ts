/**
 * Threads identities and URLs. Threads uses Instagram usernames (`[a-z0-9._]{1,30}`,
 * case-insensitive → `@lowercase`); profiles live at `/@<username>`, posts at
 * `/@<username>/post/<code>`. threads.net and threads.com are the same site (`www.` folds in).
 * Pure functions: examples in tests/sites/threads.test.ts.
 */
import { firstSegment, instagramUsernameKey, parseUrlish, type CanonicalAccount } from '../../accounts/canonical';

export const THREADS_HOSTS = ['threads.com', 'threads.net'] as const;

/** A username as Threads shows it (`Budi.A`, `@budi.a`) → `@budi.a`, or null. */
export function threadsHandleKey(name: string): string | null {
  return instagramUsernameKey(name.trim());
}

/** The account a Threads path belongs to: `/@budi`, `/@budi/post/C1x…`, `/@budi/replies` → `@budi`. */
export function threadsHandleFromPath(pathname: string): string | null {
  const seg = pathname.split('/')[1] ?? '';
  let name = seg;
  try {
    name = decodeURIComponent(seg);
  } catch {
    // keep the raw segment
  }
  return name.startsWith('@') ? threadsHandleKey(name) : null;
}

/**
 * A list entry → its key. Accepts what a publisher pastes: `@handle`, `handle`, profile URLs
 * (threads.net or threads.com, with or without `www.` or a scheme, a trailing slash, a query
 * string or fragment), and a post URL `/@handle/post/<code>` (→ its author).
 */
export function canonicalThreads(raw: string): CanonicalAccount | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  const url = parseUrlish(s, THREADS_HOSTS);
  let name = s;
  if (url) {
    const seg = firstSegment(url);
    if (!seg.startsWith('@')) return null;
    name = seg;
  } else if (/[/?#:]/.test(s)) {
    return null; // a URL of another site, or junk
  }
  const key = threadsHandleKey(name);
  return key ? { key, display: `@${name.replace(/^@/, '')}` } : null;
}
