/**
 * SiteHooks from untrusted JSON (a bundled `lib/sites/<site>/hooks.json`, or one site of a
 * downloaded signed document), in two steps as darkreader does with its site fixes:
 *
 * 1. shape (`readSiteHooks`): a FRESH object that copies only the fields SiteHooks has, each
 *    type-checked. Unknown keys are skipped (a newer publisher may add fields; `minEngine`
 *    says when old builds must not run them) and reported in `ignored`. `__proto__`,
 *    `constructor` and `prototype` are refused as keys anywhere: nothing in a document can
 *    reach an object's prototype, and no hook name can shadow a built-in property.
 *    A wrong type is a HooksError 'format'.
 * 2. lint (`lintSiteHooks`): the values make sense: selectors pass checkSelector, templates
 *    compile, names refer to things that exist, numbers are in range, sizes are bounded.
 *
 * `parseSiteHooks` does both and throws the first problem. Every message names the site and
 * the hook: `x: selectors.like.css[1]: unbalanced "["`.
 */
import { isPlatform, PLATFORMS, type SiteId } from '../model';
import { HooksError } from './errors';
import { checkSelector } from './selector';
import { compileTemplate } from './templates';
import type { HookProblem, HookSpec, SiteHooks, Words } from './types';

/** Most hooks, labels, paths, shortcuts, thresholds per site; most items in one array. */
export const MAX_ENTRIES = 200;
/** Longest string anywhere in a site's hooks (selectors have their own, lower limit). */
export const MAX_STRING = 2000;
/** Longest name (a key of selectors, labels, paths, …). */
export const MAX_NAME = 200;

export const LABEL_FORMS = ['exact', 'suffix', 'handle', 'prefix'] as const;
export const HOOK_REQUIREMENTS = ['content', 'control'] as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export interface ReadSiteHooks {
  /** A fresh object: nothing in it is shared with the input. */
  hooks: SiteHooks;
  /** lintSiteHooks(hooks). */
  problems: HookProblem[];
  /** Where unknown keys were skipped (`selectors.like.lable`), for tools that rewrite files. */
  ignored: string[];
}

/** One site's hooks; throws HooksError 'format' (wrong shape) or 'lint' (first problem). */
export function parseSiteHooks(data: unknown, site?: SiteId): SiteHooks {
  const { hooks, problems } = readSiteHooks(data, site);
  if (problems.length > 0) throw new HooksError('lint', formatHookProblem(problems[0]));
  return hooks;
}

/**
 * The shape step, then every lint problem (not just the first: the publisher's tool prints
 * them all). Throws HooksError 'format' for a wrong shape. `site`: the site the caller
 * expects (the key in a signed document); the file must say the same.
 */
export function readSiteHooks(data: unknown, site?: SiteId): ReadSiteHooks {
  const r = new Reader(site ?? guessSite(data));
  const hooks = r.siteHooks(data, site);
  return { hooks, problems: lintSiteHooks(hooks), ignored: r.ignored };
}

/** `site: where: message`, the form every tool prints. */
export function formatHookProblem(p: HookProblem): string {
  return `${p.site}: ${p.where ?? p.hook}: ${p.message}`;
}

// ---------------------------------------------------------------------------------------
// Shape

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Only for naming the site in messages before its field is checked. */
function guessSite(data: unknown): string {
  const s = isObject(data) && Object.hasOwn(data, 'site') ? data.site : undefined;
  return isPlatform(s) ? s : '?';
}

class Reader {
  readonly ignored: string[] = [];

  constructor(private readonly site: string) {}

  siteHooks(data: unknown, expected?: SiteId): SiteHooks {
    const o = this.object(data, '', ['site', 'hooksVersion', 'minEngine', 'selectors', 'labels', 'paths', 'shortcuts', 'thresholds', 'healthPages']);
    const site = o.site;
    if (!isPlatform(site)) this.fail('site', `${JSON.stringify(site) ?? 'missing'} is not a known site (${PLATFORMS.join(', ')})`);
    if (expected !== undefined && site !== expected) this.fail('site', `the hooks are for "${site}", expected "${expected}"`);
    const out: SiteHooks = {
      site,
      hooksVersion: this.number(o.hooksVersion, 'hooksVersion'),
      minEngine: this.number(o.minEngine, 'minEngine'),
      selectors: this.record(o.selectors, 'selectors', (v, w) => this.hookSpec(v, w)),
      labels: this.record(o.labels, 'labels', (v, w) => this.words(v, w)),
      paths: this.record(o.paths, 'paths', (v, w) => this.strings(v, w)),
      shortcuts: this.record(o.shortcuts, 'shortcuts', (v, w) => this.string(v, w)),
      thresholds: this.record(o.thresholds, 'thresholds', (v, w) => this.number(v, w)),
    };
    if (o.healthPages !== undefined) out.healthPages = this.strings(o.healthPages, 'healthPages');
    return out;
  }

  private hookSpec(v: unknown, where: string): HookSpec {
    const o = this.object(v, where, ['css', 'label', 'labelForm', 'caption', 'required', 'orUndo', 'expect', 'note']);
    // Fields in the order of the HookSpec interface: formatSiteHooks writes them so.
    const out: HookSpec = { css: this.strings(o.css, `${where}.css`) };
    if (o.label !== undefined) out.label = this.string(o.label, `${where}.label`);
    // The enums are checked by lint, so that one message format covers every bad value.
    if (o.labelForm !== undefined) out.labelForm = this.string(o.labelForm, `${where}.labelForm`) as HookSpec['labelForm'];
    if (o.caption !== undefined) out.caption = this.boolean(o.caption, `${where}.caption`);
    if (o.required !== undefined) out.required = this.string(o.required, `${where}.required`) as HookSpec['required'];
    if (o.orUndo !== undefined) out.orUndo = this.strings(o.orUndo, `${where}.orUndo`);
    if (o.expect !== undefined) out.expect = this.record(o.expect, `${where}.expect`, (x, w) => this.number(x, w));
    if (o.note !== undefined) out.note = this.string(o.note, `${where}.note`);
    return out;
  }

  private words(v: unknown, where: string): Words {
    const o = this.object(v, where, ['id', 'en']);
    return { id: this.strings(o.id, `${where}.id`), en: this.strings(o.en, `${where}.en`) };
  }

  /**
   * The known fields of a fixed-shape object, read as own properties only (so a missing
   * `constructor` never reads Object.prototype's). Other keys are noted and skipped.
   */
  private object(v: unknown, where: string, fields: readonly string[]): Record<string, unknown> {
    if (!isObject(v)) this.fail(where, where ? 'is not an object' : 'the hooks are not a JSON object');
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      const at = where ? `${where}.${k}` : k;
      if (FORBIDDEN_KEYS.has(k)) this.fail(at, `the key "${k}" is not allowed`);
      if (fields.includes(k)) out[k] = v[k];
      else this.ignored.push(at);
    }
    return out;
  }

  private record<T>(v: unknown, where: string, each: (value: unknown, where: string) => T): Record<string, T> {
    if (!isObject(v)) this.fail(where, v === undefined ? 'is missing' : 'is not an object');
    const out: Record<string, T> = {};
    for (const k of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(k)) this.fail(`${where}.${k}`, `the key "${k}" is not allowed`);
      out[k] = each(v[k], `${where}.${k}`);
    }
    return out;
  }

  private strings(v: unknown, where: string): string[] {
    if (!Array.isArray(v)) this.fail(where, v === undefined ? 'is missing' : 'is not an array of strings');
    return v.map((s, i) => this.string(s, `${where}[${i}]`));
  }

  private string(v: unknown, where: string): string {
    if (typeof v !== 'string') this.fail(where, v === undefined ? 'is missing' : 'is not a string');
    return v;
  }

  private number(v: unknown, where: string): number {
    if (typeof v !== 'number') this.fail(where, v === undefined ? 'is missing' : 'is not a number');
    return v;
  }

  private boolean(v: unknown, where: string): boolean {
    if (typeof v !== 'boolean') this.fail(where, 'is not true or false');
    return v;
  }

  private fail(where: string, message: string): never {
    throw new HooksError('format', where ? `${this.site}: ${where}: ${message}` : `${this.site}: ${message}`);
  }
}

// ---------------------------------------------------------------------------------------
// Lint

/** Every problem, in document order. Empty: the hooks can be used. */
export function lintSiteHooks(h: SiteHooks): HookProblem[] {
  const site = String(h.site);
  const out: HookProblem[] = [];
  const add = (hook: string, message: string, where?: string) => {
    out.push(where === undefined || where === hook ? { site, hook, message } : { site, hook, message, where });
  };
  const text = (hook: string, where: string, s: string, what = 'text') => {
    if (s.length > MAX_STRING) add(hook, `${what} is longer than ${MAX_STRING} characters`, where);
  };
  // `spaceOk`: shortcut keys are `event.key` values, and the space bar's is " ".
  const names = (field: string, rec: Record<string, unknown>, what: string, spaceOk = false) => {
    const keys = Object.keys(rec);
    if (keys.length > MAX_ENTRIES) add(field, `more than ${MAX_ENTRIES} ${what} (${keys.length})`);
    for (const k of keys) {
      if (k === '' || (!spaceOk && k.trim() !== k)) add(`${field}.${k}`, 'a name must not be empty or start or end with a space');
      else if (k.length > MAX_NAME) add(`${field}.${k.slice(0, 40)}…`, `a name is longer than ${MAX_NAME} characters`);
      else if (CONTROL.test(k)) add(`${field}.${JSON.stringify(k)}`, 'a name contains a control character');
    }
    return keys;
  };
  const positiveInt = (field: 'hooksVersion' | 'minEngine') => {
    const v = h[field];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) add(field, `must be a positive whole number, got ${String(v)}`);
  };

  positiveInt('hooksVersion');
  positiveInt('minEngine');

  const hookNames = names('selectors', h.selectors, 'hooks');
  const isHook = (n: string) => Object.hasOwn(h.selectors, n);
  names('labels', h.labels, 'labels');
  for (const name of hookNames) {
    const spec = h.selectors[name];
    const at = `selectors.${name}`;
    if (spec.css.length > MAX_ENTRIES) add(name, `more than ${MAX_ENTRIES} selectors`, `${at}.css`);
    spec.css.forEach((sel, i) => {
      const why = checkSelector(sel);
      if (why) add(name, why, `${at}.css[${i}]`);
    });
    if (spec.css.length === 0 && spec.label === undefined) add(name, 'has neither css nor a label', at);
    if (spec.label !== undefined && !Object.hasOwn(h.labels, spec.label)) {
      add(name, `refers to labels.${spec.label}, which does not exist`, `${at}.label`);
    }
    if (spec.labelForm !== undefined && !(LABEL_FORMS as readonly string[]).includes(spec.labelForm)) {
      add(name, `${JSON.stringify(spec.labelForm)} is not one of ${LABEL_FORMS.join(', ')}`, `${at}.labelForm`);
    }
    if (spec.required !== undefined && !(HOOK_REQUIREMENTS as readonly string[]).includes(spec.required)) {
      add(name, `${JSON.stringify(spec.required)} is not one of ${HOOK_REQUIREMENTS.join(', ')}`, `${at}.required`);
    }
    (spec.orUndo ?? []).forEach((other, i) => {
      if (other === name) add(name, 'a hook cannot be its own undo', `${at}.orUndo[${i}]`);
      else if (!isHook(other)) add(name, `refers to selectors.${other}, which does not exist`, `${at}.orUndo[${i}]`);
    });
    if (spec.orUndo && spec.orUndo.length > MAX_ENTRIES) add(name, `more than ${MAX_ENTRIES} entries`, `${at}.orUndo`);
    if (spec.expect) {
      const fixtures = Object.keys(spec.expect);
      if (fixtures.length > MAX_ENTRIES) add(name, `more than ${MAX_ENTRIES} fixtures`, `${at}.expect`);
      for (const f of fixtures) {
        const n = spec.expect[f];
        if (!Number.isSafeInteger(n) || n < 0) add(name, `a match count must be a whole number ≥ 0, got ${String(n)}`, `${at}.expect.${f}`);
        text(name, `${at}.expect`, f, 'a fixture name');
      }
    }
    if (spec.label !== undefined) text(name, `${at}.label`, spec.label);
    if (spec.note !== undefined) text(name, `${at}.note`, spec.note, 'the note');
  }

  for (const key of Object.keys(h.labels)) {
    const w = h.labels[key];
    const hook = `labels.${key}`;
    if (w.id.length === 0 && w.en.length === 0) add(hook, 'has no words');
    for (const lang of ['id', 'en'] as const) {
      if (w[lang].length > MAX_ENTRIES) add(hook, `more than ${MAX_ENTRIES} words`, `${hook}.${lang}`);
      w[lang].forEach((word, i) => {
        const where = `${hook}.${lang}[${i}]`;
        if (word.trim() === '') add(hook, 'a word is empty', where);
        else if (CONTROL.test(word)) add(hook, 'a word contains a control character', where);
        text(hook, where, word, 'a word');
      });
    }
  }

  const template = (hook: string, where: string, t: string) => {
    try {
      compileTemplate(t);
    } catch (e) {
      if (!(e instanceof HooksError)) throw e;
      add(hook, e.detail, where);
    }
  };
  for (const key of names('paths', h.paths, 'path names')) {
    const hook = `paths.${key}`;
    const list = h.paths[key];
    if (list.length === 0) add(hook, 'has no templates');
    if (list.length > MAX_ENTRIES) add(hook, `more than ${MAX_ENTRIES} templates`);
    list.forEach((t, i) => template(hook, `${hook}[${i}]`, t));
  }

  for (const key of names('shortcuts', h.shortcuts, 'shortcuts', true)) {
    const target = h.shortcuts[key];
    if (!isHook(target)) add(`shortcuts.${key}`, `refers to selectors.${target}, which does not exist`);
  }

  for (const key of names('thresholds', h.thresholds, 'thresholds')) {
    const n = h.thresholds[key];
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) add(`thresholds.${key}`, `must be a finite number ≥ 0, got ${String(n)}`);
  }

  if (h.healthPages) {
    if (h.healthPages.length > MAX_ENTRIES) add('healthPages', `more than ${MAX_ENTRIES} templates`);
    h.healthPages.forEach((t, i) => template('healthPages', `healthPages[${i}]`, t));
  }
  return out;
}
