/**
 * Canonical account keys. A key is what a list holds and what the page yields, in one form:
 *   `@handle`  a handle/username/vanity name, lowercased (platform rules below)
 *   `id:<id>`  a stable platform id (X/Facebook numeric id, YouTube `UC…` channel id)
 *   `g:<id>`   a Facebook group (numeric id or slug)
 * Each platform's rules live in `lib/sites/<platform>/urls.ts`; this module only holds
 * what they share.
 */

export interface CanonicalAccount {
  /** The key for this account form (one account may appear in several rows/forms). */
  key: string;
  /** The form to show a user. */
  display: string;
}

export type Canonicalizer = (raw: string) => CanonicalAccount | null;

/** Parses `raw` as a URL if it looks like one (with or without scheme); else null. */
export function parseUrlish(raw: string, hosts: readonly string[]): URL | null {
  const s = raw.trim();
  let candidate: string | null = null;
  if (/^https?:\/\//i.test(s)) candidate = s;
  else if (/^[a-z0-9.-]+\.[a-z]{2,}(\/|$)/i.test(s)) candidate = `https://${s}`;
  if (!candidate) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  const host = stripHostPrefix(url.hostname.toLowerCase());
  return hosts.includes(host) ? url : null;
}

/** `www.`, `m.`, `mobile.`, `web.` are the same site. */
export function stripHostPrefix(host: string): string {
  return host.replace(/^(?:www|m|mobile|web)\./, '');
}

/** The first path segment of a URL, decoded, or '' (for `/`). */
export function firstSegment(url: URL | Location): string {
  const seg = url.pathname.split('/')[1] ?? '';
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

/** `id:123` / `ID: 123` → the id, or null. */
export function explicitId(raw: string): string | null {
  const m = /^id\s*:\s*(\S+)$/i.exec(raw.trim());
  return m ? m[1] : null;
}

const INSTAGRAM_RESERVED = new Set(['p', 'reel', 'reels', 'explore', 'stories', 'direct', 'accounts', 'about', 'legal', 'tv', 'web']);
const INSTAGRAM_NAME = /^[a-z0-9._]{1,30}$/;

/**
 * An Instagram username (`[a-z0-9._]{1,30}`, case-insensitive) → `@name`. Here, not in a site
 * folder, because Threads uses the same usernames and sites never import each other.
 */
export function instagramUsernameKey(name: string): string | null {
  const n = name.replace(/^@/, '').toLowerCase();
  return INSTAGRAM_NAME.test(n) && !INSTAGRAM_RESERVED.has(n) ? `@${n}` : null;
}
