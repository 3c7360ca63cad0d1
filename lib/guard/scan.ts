/**
 * The scan of what is added, only that: mark posts of listed accounts (a QA hook; no visual
 * change) and prefetch their details, so a warning opens in the same frame as the click.
 */
import { dayNumber } from '../model';
import { schedulePrewarm, type ShowContext } from './show';

export const LISTED_ATTR = 'data-jaga-netral';

/** Scans `roots` with the adapter's fast path; returns how many posts it looked at. */
export function scanAdded(c: ShowContext, roots: Iterable<Element>): number {
  const { state } = c;
  const index = state.index;
  if (!index || !state.config) return 0;
  const t = state.now();
  const today = dayNumber(t);
  const seen = new Map<Element, boolean>();
  const prefetched = new Set<string>(); // a feed repeats its authors: once per key
  for (const root of roots) {
    state.adapter.scanKeys(root, (post, key) => {
      if (seen.get(post)) return;
      const listed = index.has(key, today);
      seen.set(post, listed);
      if (listed && !prefetched.has(key)) {
        prefetched.add(key);
        state.subjects.prefetch(index.match([key], t)!);
        // A warning may come: compile the dialog's code while idle (once per tab).
        if (!state.prewarmed) schedulePrewarm(c);
      }
    });
  }
  for (const [post, listed] of seen) {
    if (listed) {
      if (post.getAttribute(LISTED_ATTR) !== 'listed') post.setAttribute(LISTED_ATTR, 'listed');
    } else if (post.hasAttribute(LISTED_ATTR)) post.removeAttribute(LISTED_ATTR); // a recycled row
  }
  return seen.size;
}
