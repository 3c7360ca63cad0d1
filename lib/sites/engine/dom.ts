/**
 * DOM helpers every adapter shares. The page is foreign markup read inside an input event:
 * nothing here throws on shapes it does not expect.
 */

export function isElement(v: unknown): v is Element {
  return !!v && typeof (v as Element).closest === 'function' && typeof (v as Element).matches === 'function';
}

/** Visible text with runs of whitespace collapsed. */
export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** `root.querySelectorAll(sel)`, the root itself included when it matches (root-inclusive). */
export function queryAll(root: Element | Document, sel: string): Element[] {
  if (!sel || typeof (root as Element)?.querySelectorAll !== 'function') return [];
  const found = [...root.querySelectorAll(sel)];
  return isElement(root) && root.matches(sel) ? [root, ...found] : found;
}

/** The outermost element matching `sel` around `el` (itself included), within `limit` when given. */
export function outermost(el: Element, sel: string, limit?: Element | null): Element | null {
  let top: Element | null = el.matches(sel) ? el : el.closest(sel);
  if (!top) return null;
  for (let p = top.parentElement?.closest(sel); p && (!limit || limit.contains(p)); p = p.parentElement?.closest(sel)) top = p;
  return top;
}

/** Whether `el` is inside none of `boxes`. */
export function outside(boxes: readonly Element[], el: Element): boolean {
  return !boxes.some((b) => b.contains(el));
}

/**
 * The read runs; a throw gives the fallback. The public methods of every adapter are
 * wrapped (lib/sites/engine/adapter.ts `neverThrow`): a throw inside the guard's capture
 * listener would let the action through unchecked and log noise on every click.
 */
export function safely<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}

/**
 * A host test for a site's registrable domains (`['tiktok.com']`): the domain itself or any
 * subdomain (`www.`, `m.`), case-insensitive — the rule of `siteForHost` in the registry.
 */
export function onHosts(domains: readonly string[]): (host: string) => boolean {
  return (host) => {
    const h = host.toLowerCase();
    return domains.some((d) => h === d || h.endsWith(`.${d}`));
  };
}

/** A link's path on the site, whether written `/budi` or `https://x.com/budi`; null for other hosts. */
export function pathOfHref(href: string | null, hostOk: (host: string) => boolean): string | null {
  if (!href) return null;
  if (href.startsWith('/') && !href.startsWith('//')) return href.split(/[?#]/)[0];
  try {
    const url = new URL(href);
    return hostOk(url.hostname) ? url.pathname : null;
  } catch {
    return null;
  }
}

/** The element an event was aimed at, through open shadow roots. */
export function targetOf(e: Event): Element | null {
  const t = e.composedPath()[0] ?? e.target;
  return isElement(t) ? t : null;
}

/** Text fields: keys typed there are text, not shortcuts. */
export const TYPING = 'input, textarea, select, [contenteditable]:not([contenteditable="false"]), [role="textbox"]';
