/**
 * The scan of what is added, only that: note which posts are of listed accounts and prefetch
 * their details, so a warning opens in the same frame as the click.
 *
 * Nothing is written to the site's DOM: an attribute on a post would tell the site's scripts
 * that this user runs the extension and which posts it considers listed. What the tab keeps
 * is in its TabState (a WeakSet: a post the site removes is forgotten with it).
 */
import { dayNumber } from '../model';
import { schedulePrewarm, type ShowContext } from './show';

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
        // The subject's chunk holds its full keys too: a click on this post can then confirm
        // (or rule out, for a fingerprint collision) the key without waiting.
        state.subjects.prefetch(index.match([key], t)!);
        // A warning may come: compile the dialog's code while idle (once per tab).
        if (!state.prewarmed) schedulePrewarm(c);
      }
    });
  }
  // A recycled row (X refills the same <article>) is read again: listed or no longer.
  for (const [post, listed] of seen) {
    if (listed) state.listedPosts.add(post);
    else state.listedPosts.delete(post);
  }
  return seen.size;
}
