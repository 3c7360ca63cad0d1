/**
 * Link path templates: how hooks say which links and pages matter (`/{handle}`,
 * `/{handle}/status/{id}/**`, `/@{handle}`) without shipping raw regular expressions in a
 * downloaded document. The RegExp is built here, only from escaped literals and the four
 * fixed placeholder patterns, so a hostile template can be wrong but never slow.
 *
 * Grammar:
 * - a template starts with `/`; `/` alone is the root page;
 * - each segment is a literal (`[A-Za-z0-9._~%@-]+`), or one placeholder with an optional
 *   literal prefix (`@{handle}`: TikTok and Threads put profiles at `/@handle`);
 * - placeholders: `{handle}` = `[A-Za-z0-9_.]{1,50}`, `{id}` = `[0-9]{1,25}`,
 *   `{slug}` = `[A-Za-z0-9._-]{1,100}`, `{any}` = any one non-empty segment; each at most
 *   once per template (the match is a record keyed by placeholder name);
 * - a final `/**` allows any number of further segments (none included);
 * - a trailing `/` on the matched path is always allowed, and the template has none.
 *
 * Literals match case-sensitively, as the sites' routers do for the paths we care about
 * (`/status/` on X); a site that folds case in its paths lists both spellings. Values are
 * returned as they appear in the path, percent-encoding included: callers canonicalise.
 * The query and fragment are not part of the path: callers pass `URL.pathname`; a path
 * containing `?` or `#` never matches, so a forgotten strip fails safe.
 */
import { HooksError } from './errors';

export interface PathTemplate {
  /** The template as written. */
  source: string;
  /** The placeholder values, or null when `path` does not match. */
  match(path: string): Record<string, string> | null;
}

export const MAX_TEMPLATE_LENGTH = 500;
/** Longer paths never match: no real profile or post URL comes close. */
const MAX_PATH_LENGTH = 4096;

export const PLACEHOLDERS = {
  handle: '[A-Za-z0-9_.]{1,50}',
  id: '[0-9]{1,25}',
  slug: '[A-Za-z0-9._-]{1,100}',
  any: '[^/]+',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;

// `@` too: TikTok and Threads profiles are `/@handle`, so it must be usable as a prefix.
const LITERAL = /^[A-Za-z0-9._~%@-]+$/;
const WITH_PLACEHOLDER = /^([A-Za-z0-9._~%@-]*)\{([^{}/]*)\}$/;

/** Throws HooksError('format', what is wrong) for a template outside the grammar. */
export function compileTemplate(t: string): PathTemplate {
  const bad = (why: string): never => {
    const shown = typeof t === 'string' && t.length > 60 ? `${t.slice(0, 57)}…` : t;
    throw new HooksError('format', `path template ${JSON.stringify(shown)}: ${why}`);
  };
  if (typeof t !== 'string') bad('not a string');
  if (t.length > MAX_TEMPLATE_LENGTH) bad(`longer than ${MAX_TEMPLATE_LENGTH} characters`);
  if (!t.startsWith('/')) bad('must start with "/"');

  let pattern = '';
  let rest = false;
  if (t !== '/') {
    const segments = t.slice(1).split('/');
    if (segments[segments.length - 1] === '**') {
      rest = true;
      segments.pop();
    }
    const seen = new Set<string>();
    for (let n = 0; n < segments.length; n++) {
      const seg = segments[n];
      if (seg === '') bad(n === segments.length - 1 ? 'ends with "/" (a trailing slash on the path is always allowed)' : 'has an empty segment ("//")');
      if (seg.includes('*')) bad('"**" may only be the last segment, on its own');
      if (LITERAL.test(seg)) {
        pattern += `/${escapeRegExp(seg)}`;
        continue;
      }
      const m = WITH_PLACEHOLDER.exec(seg);
      if (!m) bad(`segment ${JSON.stringify(seg)} is neither a literal ([A-Za-z0-9._~%@-]) nor one {placeholder} after an optional literal prefix`);
      const [, prefix, name] = m!;
      if (!Object.hasOwn(PLACEHOLDERS, name)) bad(`unknown placeholder {${name}}; use {handle}, {id}, {slug} or {any}`);
      if (seen.has(name)) bad(`placeholder {${name}} appears twice`);
      seen.add(name);
      pattern += `/${escapeRegExp(prefix)}(?<${name}>${PLACEHOLDERS[name as Placeholder]})`;
    }
  }
  // Root: exactly "/". Otherwise the segments, then (with /**) more, then an optional "/".
  const re = new RegExp(t === '/' ? '^/$' : `^${pattern}${rest ? '(?:/[^/]+)*' : ''}/?$`);
  const source = t;
  return {
    source,
    match(path: string): Record<string, string> | null {
      if (typeof path !== 'string' || path.length > MAX_PATH_LENGTH || path.includes('?') || path.includes('#')) return null;
      const m = re.exec(path);
      if (!m) return null;
      // A fresh object with only the placeholders: nothing from the path becomes a key.
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) out[k] = v;
      return out;
    },
  };
}

/** The placeholder values of the first template that matches `path`, or null. */
export function matchAny(templates: readonly PathTemplate[], path: string): Record<string, string> | null {
  for (const template of templates) {
    const params = template.match(path);
    if (params) return params;
  }
  return null;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
