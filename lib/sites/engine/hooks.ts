/**
 * A site's hooks (lib/hooks/types.ts SiteHooks), compiled once per hooks version into what
 * the adapter and the guard call: one joined selector per hook, its label words normalised,
 * its path templates compiled. The same compiled hook answers "is this element the like
 * button?" at click time and "how many like buttons are in this fixture?" in the tests, so
 * the tested data is the data the runtime uses.
 */
import { compileTemplate, type PathTemplate } from '../../hooks/templates';
import type { HookSpec, SiteHooks } from '../../hooks/types';
import type { SiteId } from '../../model';
import { isElement, queryAll, text } from './dom';
import { labelIs, normLabel, wordSet, type LabelForm } from './labels';

/** What may carry a label that names an action: the controls sites render. */
export const BUTTONISH = 'button, [role="button"]';
/** The selector of a hook with no selectors: valid, and matches nothing (so `closest` never throws). */
export const NEVER = ':not(*)';

export interface Hook {
  readonly name: string;
  /** The hook's valid selectors, joined (NEVER when it has none). */
  readonly sel: string;
  /** The same, one by one, most stable first. */
  readonly list: readonly string[];
  /** What the hook is for, from its document (undo hooks of this one, health requirement). */
  readonly spec: HookSpec | undefined;
  /** Its label words, normalised (empty when the hook has no `label`). */
  readonly words: readonly string[];
  readonly form: LabelForm;
  readonly caption: boolean;
  /** Whether `el` itself is this hook: by selector, else (a button) by aria-label, else by caption. */
  is(el: Element): boolean;
  /** `is` for one element read once (see `firstHook`): its normalised label, and its caption when asked. */
  byWords(label: string, caption: () => string): boolean;
  /** Visible texts longer than this are content, not a caption. */
  readonly maxCaption: number;
  /** `el` or its nearest ancestor that is this hook. */
  closest(el: Element): Element | null;
  /** Every element under `root` (root included) that is this hook, in document order. */
  all(root: Element | Document): Element[];
  first(root: Element | Document): Element | null;
}

export interface CompiledHooks {
  readonly site: SiteId;
  readonly version: number;
  /** The hook by name; a hook the document lacks is an inert hook that matches nothing. */
  hook(name: string): Hook;
  /** The label words of `labels[name]`, normalised. */
  words(name: string): readonly string[];
  /** The compiled templates of `paths[name]` (none when absent). */
  paths(name: string): readonly PathTemplate[];
  /** The first template of `paths[name]` that matches `path`. */
  matchPath(name: string, path: string): Record<string, string> | null;
  threshold(name: string, fallback: number): number;
  /** `shortcuts`: key → hook name. */
  readonly shortcuts: Readonly<Record<string, string>>;
  /** Hooks required for health (lib/sites/engine/health.ts), with their alternatives. */
  readonly required: readonly { name: string; kind: 'content' | 'control'; alternatives: readonly string[] }[];
  readonly healthPages: readonly PathTemplate[];
  /** Selectors the browser refused (dropped): `hook: selector`. The linter should have caught them. */
  readonly refused: readonly string[];
  readonly source: SiteHooks;
}

/** Whether this engine (the browser) accepts `sel`. */
function accepted(sel: string, probe: Element | null): boolean {
  if (!probe) return true; // no DOM to ask (a worker): trust the linter
  try {
    probe.matches(sel);
    return true;
  } catch {
    return false;
  }
}

function makeHook(name: string, spec: HookSpec | undefined, labels: SiteHooks['labels'], maxCaption: number, probe: Element | null, refused: string[]): Hook {
  const list = (spec?.css ?? []).filter((s) => {
    const ok = accepted(s, probe);
    if (!ok) refused.push(`${name}: ${s}`);
    return ok;
  });
  const sel = list.length ? list.join(', ') : NEVER;
  const words = spec?.label ? wordSet(labels[spec.label]) : [];
  const form: LabelForm = spec?.labelForm ?? 'exact';
  const caption = !!spec?.caption && words.length > 0;

  const byLabel = (el: Element): boolean => {
    if (!words.length || !el.matches(BUTTONISH)) return false;
    if (labelIs(normLabel(el.getAttribute('aria-label')), words, form)) return true;
    if (!caption) return false;
    const t = text(el);
    return t.length <= maxCaption && labelIs(normLabel(t), words, form);
  };
  const is = (el: Element): boolean => (list.length > 0 && el.matches(sel)) || byLabel(el);
  const byWords = (label: string, captionOf: () => string): boolean =>
    words.length > 0 && (labelIs(label, words, form) || (caption && labelIs(captionOf(), words, form)));
  const wide = words.length ? (list.length ? `${sel}, ${BUTTONISH}` : BUTTONISH) : list.length ? sel : '';
  return {
    name,
    sel,
    list,
    spec,
    words,
    form,
    caption,
    maxCaption,
    is,
    byWords,
    closest(el) {
      // The browser's own closest() for the selectors; a walk in JS only for labels, and only
      // up to where the selectors matched.
      const bySel = list.length ? el.closest(sel) : null;
      if (!words.length) return bySel;
      for (let e: Element | null = el; e && e !== bySel; e = e.parentElement) if (byLabel(e)) return e;
      return bySel;
    },
    all(root) {
      if (!wide) return [];
      const found = queryAll(root, wide);
      return words.length ? found.filter(is) : found;
    },
    first(root) {
      if (!wide) return null;
      if (!words.length) return isElement(root) && root.matches(wide) ? root : root.querySelector(wide);
      return this.all(root)[0] ?? null;
    },
  };
}

export function compileHooks(doc: SiteHooks, dom: Document | null = typeof document === 'undefined' ? null : document): CompiledHooks {
  const probe = dom ? dom.createElement('div') : null;
  const maxCaption = num(doc.thresholds?.maxCaption, 40);
  const refused: string[] = [];
  const hooks = new Map<string, Hook>();
  for (const [name, spec] of Object.entries(doc.selectors ?? {})) hooks.set(name, makeHook(name, spec, doc.labels ?? {}, maxCaption, probe, refused));
  const inert = (name: string) => makeHook(name, undefined, {}, maxCaption, null, refused);
  const words = new Map<string, string[]>();
  const paths = new Map<string, PathTemplate[]>();
  for (const [name, list] of Object.entries(doc.paths ?? {})) paths.set(name, templates(list));
  const required = Object.entries(doc.selectors ?? {})
    .filter(([, s]) => s.required === 'content' || s.required === 'control')
    .map(([name, s]) => ({ name, kind: s.required as 'content' | 'control', alternatives: [name, ...(s.orUndo ?? [])] }));
  return {
    site: doc.site,
    version: doc.hooksVersion,
    source: doc,
    refused,
    required,
    healthPages: templates(doc.healthPages ?? []),
    shortcuts: { ...(doc.shortcuts ?? {}) },
    hook: (name) => hooks.get(name) ?? inert(name),
    words(name) {
      let w = words.get(name);
      if (!w) words.set(name, (w = wordSet(doc.labels?.[name])));
      return w;
    },
    paths: (name) => paths.get(name) ?? [],
    matchPath(name, path) {
      for (const t of paths.get(name) ?? []) {
        const m = t.match(path);
        if (m) return m;
      }
      return null;
    },
    threshold: (name, fallback) => num(doc.thresholds?.[name], fallback),
  };
}

function templates(list: readonly string[]): PathTemplate[] {
  const out: PathTemplate[] = [];
  for (const t of list) {
    try {
      out.push(compileTemplate(t));
    } catch {
      // The linter rejects bad templates before a document is accepted; a bundled one is tested.
    }
  }
  return out;
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
}

/**
 * The first of `hooks` that `el` is, in their order — the same answer as
 * `hooks.find((h) => h.is(el))`, with the element's aria-label and caption read and
 * normalised once instead of once per hook (this runs at click time, on every ancestor).
 */
export function firstHook(el: Element, hooks: readonly Hook[]): Hook | null {
  let buttonish: boolean | undefined;
  let label: string | undefined;
  let caption: string | undefined;
  const captionOf = () => {
    if (caption === undefined) {
      const t = text(el);
      caption = t.length <= (hooks[0]?.maxCaption ?? 40) ? normLabel(t) : '';
    }
    return caption;
  };
  for (const h of hooks) {
    if (h.list.length && el.matches(h.sel)) return h;
    if (!h.words.length) continue;
    if (buttonish === undefined) buttonish = el.matches(BUTTONISH);
    if (!buttonish) continue;
    if (label === undefined) label = normLabel(el.getAttribute('aria-label'));
    if (h.byWords(label, captionOf)) return h;
  }
  return null;
}

/**
 * The innermost control around `target`: walking up from it, the first element that is one
 * of `order`'s hooks (checked in that order at each element, so undo hooks listed first stop
 * the walk). An icon inside a like button is the like button.
 */
export function innermost(target: Element, hooks: CompiledHooks, order: readonly string[], maxDepth = 40): { name: string; el: Element } | null {
  const list = order.map((n) => hooks.hook(n));
  let depth = 0;
  for (let el: Element | null = target; el && depth < maxDepth; el = el.parentElement, depth++) {
    const h = firstHook(el, list);
    if (h) return { name: h.name, el };
  }
  return null;
}
