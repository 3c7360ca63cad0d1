/**
 * The one way a hooks file is written, so that a review diff shows only what changed and a
 * test can demand `formatSiteHooks(parseSiteHooks(JSON.parse(file))) === file` (darkreader's
 * round-trip test: a file that survives it has no field the parser silently dropped).
 *
 * - Fields in the order of the SiteHooks / HookSpec / Words interfaces; optional fields
 *   only when present.
 * - Inside `selectors`, `labels`, `paths`, `shortcuts`, `thresholds` and `expect`, the
 *   document's own order (hooks are grouped by meaning, not alphabet). Caveat of JSON
 *   itself: keys that look like array indices ("1", "42") always come first.
 * - Exactly `JSON.stringify(…, null, 2)` plus a final newline: every array item on its own
 *   line. Denser layouts (short arrays on one line) read better but need a rule everyone's
 *   editor and script would have to reproduce; this one any tool writes unaided.
 */
import type { HookSpec, SiteHooks, Words } from './types';

export function formatSiteHooks(h: SiteHooks): string {
  return `${JSON.stringify(canonical(h), null, 2)}\n`;
}

/** Fresh objects with keys inserted in interface order; undefined fields left out. */
function canonical(h: SiteHooks): Record<string, unknown> {
  const out: Record<string, unknown> = {
    site: h.site,
    hooksVersion: h.hooksVersion,
    minEngine: h.minEngine,
    selectors: mapValues(h.selectors, spec),
    labels: mapValues(h.labels, (w: Words) => ({ id: w.id, en: w.en })),
    paths: h.paths,
    shortcuts: h.shortcuts,
    thresholds: h.thresholds,
  };
  if (h.healthPages !== undefined) out.healthPages = h.healthPages;
  return out;
}

function spec(s: HookSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { css: s.css };
  const rest: (keyof HookSpec)[] = ['label', 'labelForm', 'caption', 'required', 'orUndo', 'expect', 'note'];
  for (const k of rest) if (s[k] !== undefined) out[k] = s[k];
  return out;
}

function mapValues<T>(rec: Record<string, T>, f: (v: T) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(rec)) out[k] = f(rec[k]);
  return out;
}
