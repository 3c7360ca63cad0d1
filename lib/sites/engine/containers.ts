/**
 * Where a control belongs: its post (the outermost wrapper of nested ones), a layer rendered
 * outside any post (a reactions bar, a menu), a viewer dialog (photo theatre), a card or
 * hover card (the nearest link of the right kind above the button), or the page's owner
 * (the header holding the page title). Every site asks these questions; the answers only
 * differ in the hooks passed in.
 */
import type { Identity } from '../types';
import type { Hook } from './hooks';
import { normLabel } from './labels';

/** Links under `root`, the root included: the links a party may be named by. */
export function links(root: Element): HTMLAnchorElement[] {
  const out = [...root.querySelectorAll<HTMLAnchorElement>('a[href]')];
  if (root.matches('a[href]')) out.unshift(root as HTMLAnchorElement);
  return out;
}

/** What a link shows for the party: its text, else its aria-label, else `fallback`. */
export function displayOf(link: Element, fallback: string): string {
  const text = (link.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text || (link.getAttribute('aria-label') ?? '').trim() || fallback;
}

/** Stable ids first (`id:` before `@handle`), then the rest (groups); each key once. */
export function orderKeys(keys: Iterable<string | null | undefined>): string[] {
  const rank = (k: string) => (k.startsWith('id:') ? 0 : k.startsWith('@') ? 1 : 2);
  return [...new Set([...keys].filter((k): k is string => !!k))].sort((a, b) => rank(a) - rank(b));
}

/** An identity with its keys de-duplicated and empty ones dropped (order kept). */
export function identity(keys: Iterable<string | null | undefined>, display: string, relation: Identity['relation']): Identity {
  return { keys: [...new Set([...keys].filter((k): k is string => !!k))], display, relation };
}

/** The nearest of several container hooks around `el` (itself excluded): which one, and the element. */
export function nearestContainer(el: Element, hooks: readonly Hook[]): { hook: Hook; el: Element } | null {
  for (let p = el.parentElement; p; p = p.parentElement) {
    for (const h of hooks) if (h.is(p)) return { hook: h, el: p };
  }
  return null;
}

/**
 * A layer of choices rendered outside the post (a reactions bar): the nearest `layer` around
 * `control` holding at least `minItems` distinct item labels, and none of `notInside`
 * (a post viewer dialog holds a whole post and is no such layer).
 */
export function choiceLayer(control: Element, layer: Hook, item: Hook, minItems: number, notInside: string): Element | null {
  const found = layer.closest(control);
  if (!found || found.querySelector(notInside)) return null;
  const seen = new Set<string>();
  for (const b of item.all(found)) seen.add(normLabel(b.getAttribute('aria-label') ?? b.textContent));
  return seen.size >= minItems ? found : null;
}

/**
 * The page's owner header around a control (a profile, page or group header): the nearest
 * ancestor holding a `title` (the page's h1) within `maxClimb` steps, never crossing into
 * `stop` (side columns, posts, dialogs) nor past `main`.
 */
export function ownerHeader(control: Element, opts: { title: string; stop: string; main: string; maxClimb: number }): Element | null {
  let el: Element | null = control.parentElement;
  for (let i = 0; el && i < opts.maxClimb; i++, el = el.parentElement) {
    if (el.matches(opts.stop)) return null;
    if (el.querySelector(opts.title)) return el;
    if (el.matches(opts.main) || el === el.ownerDocument.body) return null;
  }
  return null;
}

/**
 * A card, hover card or list row: climbing from `control` at most `maxClimb` steps (and not
 * out of a `boundary` such as a dialog), the first link whose `pick` gives a key — the
 * account the card is about. Links inside the control itself do not count.
 */
export function nearestLink<T>(control: Element, maxClimb: number, boundary: string, pick: (a: HTMLAnchorElement, box: Element) => T | null): T | null {
  let el: Element | null = control.parentElement;
  for (let i = 0; el && i < maxClimb && el !== el.ownerDocument.body; i++, el = el.parentElement) {
    for (const a of links(el)) {
      if (control.contains(a)) continue;
      const got = pick(a, el);
      if (got !== null) return got;
    }
    if (el.matches(boundary)) break;
  }
  return null;
}

/**
 * The document-order batch scan every adapter's `scanKeys` runs: hits come in document order,
 * so the hits of one container are consecutive. Each hit is given to `collect` with its
 * container; `containerOf` is asked only when the current container does not hold the hit,
 * and `flush` runs once per container when its hits end. One query, one `closest` per
 * container: a busy feed adds thousands of posts at once.
 */
export function scanInOrder(
  hits: ArrayLike<Element> | Iterable<Element>,
  containerOf: (hit: Element) => Element | null,
  collect: (container: Element, hit: Element) => void,
  flush: (container: Element) => void,
): void {
  let current: Element | null = null;
  for (const hit of Array.from(hits as ArrayLike<Element>)) {
    if (!current?.contains(hit)) {
      if (current) flush(current);
      current = containerOf(hit);
    }
    if (current) collect(current, hit);
  }
  if (current) flush(current);
}
