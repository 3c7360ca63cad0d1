// @vitest-environment node
/**
 * Fuzz (issue 11, item 7), suite 2: malformed managed policies through validatePolicy and
 * effectiveConfig (lib/policy). Each case is a policy with random, broken or valid values for
 * every key, GPO-style spellings, JSON-in-a-string, random extra keys (prototype-pollution
 * keys among them) and a few values no JSON source can produce (NaN, getters that throw).
 *
 * Checked, independently of lib/policy's code, against the README's policy table:
 * - nothing throws, Object.prototype stays clean;
 * - every key with a non-null value is either in the validated policy or has a note, and an
 *   array (or object) that lost items has at least one note per lost item;
 * - every value that survives has the documented type and range;
 * - the effective config always has the documented types; with lockUserSettings, the user
 *   cannot switch protection off or narrow the sites;
 * - notes are short and never echo the report token.
 *
 * FUZZ_N (cases, default 1200) and FUZZ_SEED: see tests/support/fuzz.ts.
 */
import { expect, it, onTestFailed } from 'vitest';
import { ACTIONS, EMPLOYEE_STATUSES, EMPLOYEE_STATUS_SETTINGS, LOCALES, MODES, PLATFORMS, REPORT_FORMATS } from '../../lib/model';
import { effectiveConfig } from '../../lib/policy/effective';
import type { EffectiveConfig, Policy, PolicyNote, UserSettings } from '../../lib/policy/types';
import { POLICY_KEYS, validatePolicy } from '../../lib/policy/validate';
import {
  FuzzRun,
  JS_NUMBERS,
  PROTO_KEYS,
  fuzzSettings,
  hugeString,
  mutateTree,
  nastyString,
  polluted,
  randomJson,
  swapType,
  timeoutFor,
  toJson,
  type Rng,
} from '../support/fuzz';

const settings = fuzzSettings(1200);

const URL_KEYS = ['listUrls', 'hooksUrls'] as const;
const KEY_KEYS = ['listPublicKeys', 'hooksPublicKeys'] as const;
const ARRAY_KEYS = ['listUrls', 'hooksUrls', 'listPublicKeys', 'hooksPublicKeys', 'sites', 'localClauses'] as const;
const OBJECT_KEYS = ['actionModes', 'organization'] as const;

function publicKey(rng: Rng): string {
  return `ed25519:${Buffer.from(Array.from({ length: 32 }, () => rng.int(256))).toString('base64')}`;
}

function clause(rng: Rng, i: number): Record<string, unknown> {
  const c: Record<string, unknown> = {
    id: `se-${i}.${rng.int(100)}`,
    title: rng.pick(['SE Sekjen', 'Edaran Kepala Dinas', 'Circular']),
    text: rng.pick(['Dilarang menyukai unggahan calon.', 'Jangan membagikan materi kampanye.']),
    source: `SE ${rng.range(1, 9)}/2029`,
    actions: rng.shuffle([...ACTIONS]).slice(0, rng.range(1, 4)),
  };
  if (rng.bool(0.4)) c.appliesTo = rng.shuffle([...EMPLOYEE_STATUSES]).slice(0, rng.range(1, 3));
  return c;
}

/** A value the README's policy table allows (sometimes in GPO / registry spelling). */
function validValue(rng: Rng, key: string): unknown {
  switch (key) {
    case 'listUrls':
    case 'hooksUrls':
      return Array.from({ length: rng.range(0, 3) }, (_, i) => `${rng.pick(['https', 'http'])}://daftar${i}.contoh.go.id/${key}/${rng.int(1000)}.json`);
    case 'listPublicKeys':
    case 'hooksPublicKeys':
      return Array.from({ length: rng.range(0, 3) }, () => publicKey(rng));
    case 'syncIntervalMinutes': {
      const n = rng.pick([5, 30, 60, 10080, rng.range(5, 10080)]);
      return rng.bool(0.2) ? ` ${n} ` : n;
    }
    case 'mode':
      return rng.bool(0.2) ? ` ${rng.pick(MODES).toUpperCase()} ` : rng.pick(MODES);
    case 'actionModes':
      return Object.fromEntries(rng.shuffle([...ACTIONS]).slice(0, rng.range(0, 4)).map((a) => [a, rng.pick(MODES)]));
    case 'sites':
      return rng.shuffle([...PLATFORMS]).slice(0, rng.range(1, PLATFORMS.length));
    case 'organization':
      return { name: 'BKPSDM Kabupaten Contoh', contact: 'netralitas@contoh.go.id', helpUrl: 'https://contoh.go.id/netralitas' };
    case 'localClauses':
      return Array.from({ length: rng.range(0, 3) }, (_, i) => clause(rng, i));
    case 'reportUrl':
      return rng.pick(['https://audit.contoh.go.id/events', 'http://localhost:8080/e', 'http://127.0.0.1/x', 'http://[::1]:9/x']);
    case 'reportToken':
      return rng.pick(['s3cret-token-value', 'ApiKey abc123==', 'Basic dXNlcjpwdw==']);
    case 'reportFormat':
      return rng.pick(REPORT_FORMATS);
    case 'locale':
      return rng.pick(LOCALES);
    case 'employeeStatus':
      return rng.pick(EMPLOYEE_STATUS_SETTINGS);
    case 'lockUserSettings':
      return rng.pick([true, false, 1, 0, 'true', 'false', '1', '0']);
    default:
      return randomPlain(rng);
  }
}

/** randomJson as plain data (what a JSON policy source can deliver). */
function randomPlain(rng: Rng, depth = 3): unknown {
  return plain(randomJson(rng, depth));
}

/** A generated document as a policy source would hand it over: parsed JSON, or its text when it does not parse. */
function plain(v: unknown): unknown {
  const text = toJson(v);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Values no JSON source delivers; validatePolicy promises not to throw on them either. */
function jsOnly(rng: Rng, valid: unknown): unknown {
  switch (rng.int(11)) {
    case 0:
      return rng.pick(JS_NUMBERS);
    case 1:
      return Symbol('s');
    case 2:
      return 10n;
    case 3:
      return () => 1;
    case 4:
      return Object.assign(Object.create(null), typeof valid === 'object' && valid !== null ? valid : { value: valid });
    case 5: {
      const a: unknown[] = [];
      a[5] = Array.isArray(valid) ? valid[0] : valid; // holes
      return a;
    }
    case 6:
      return { length: 3, 0: 'https://a.example/x.json' };
    case 7:
      return new Proxy(Array.isArray(valid) ? valid : {}, {
        get() {
          throw new Error('proxy get');
        },
        ownKeys() {
          throw new Error('proxy ownKeys');
        },
      });
    case 8:
      return Object.defineProperty({}, 'name', {
        enumerable: true,
        get() {
          throw new Error('getter');
        },
      });
    case 9:
      return new Date(0);
    default: {
      // Nesting deeper than JSON.stringify can write (showValue must cope).
      let v: unknown = 'x';
      for (let i = 0; i < 20_000; i++) v = [v];
      return v;
    }
  }
}

/** A broken value for `key`, and its kind. */
function badValue(rng: Rng, key: string): { value: unknown; kind: string } {
  const valid = validValue(rng, key);
  const kind = rng.weighted([
    ['type-swap', 4],
    ['random', 4],
    ['mutated', 6],
    ['json-string', 3],
    ['nasty-string', 3],
    ['items', 5],
    ['too-many', 1],
    ['proto', 2],
    ['js-only', 1],
  ] as const);
  switch (kind) {
    case 'type-swap':
      return { value: plain(swapType(rng, valid)), kind };
    case 'random':
      return { value: randomPlain(rng), kind };
    case 'mutated':
      return { value: plain(mutateTree(rng, valid ?? null).doc), kind };
    case 'json-string': {
      const v = rng.bool(0.5) ? valid : plain(mutateTree(rng, valid ?? null).doc);
      const text = toJson(v);
      return { value: rng.bool(0.3) ? ` ${text.slice(0, Math.max(1, text.length - rng.range(0, 3)))}` : text, kind };
    }
    case 'nasty-string':
      return { value: rng.bool(0.1) ? hugeString(rng) : nastyString(rng), kind };
    case 'items': {
      // A list (or object) mixing good and bad items.
      if (Array.isArray(valid) || ARRAY_KEYS.includes(key as never)) {
        const good = Array.isArray(valid) ? valid : [];
        const items = [...good];
        const extra = rng.range(1, 4);
        for (let i = 0; i < extra; i++) {
          const bad = rng.pick([randomPlain(rng, 1), nastyString(rng), good[0] ?? null, rng.pick(PROTO_KEYS), validValue(rng, key)]);
          items.splice(rng.int(items.length + 1), 0, bad);
        }
        return { value: items, kind };
      }
      if (typeof valid === 'object' && valid !== null) {
        const o: Record<string, unknown> = { ...(valid as object) };
        for (let i = rng.range(1, 3); i > 0; i--) o[rng.bool(0.5) ? nastyString(rng) : rng.pick(['like', 'name', 'Share', 'helpUrl'])] = randomPlain(rng, 1);
        return { value: o, kind };
      }
      return { value: randomPlain(rng, 1), kind };
    }
    case 'too-many': {
      const n = rng.pick([21, 51, 1000]);
      const one = () => (Array.isArray(valid) && valid.length > 0 ? valid[0] : validValue(rng, key));
      return { value: Array.from({ length: n }, (_, i) => (key === 'localClauses' ? clause(rng, i) : URL_KEYS.includes(key as never) ? `https://x${i}.example/l.json` : KEY_KEYS.includes(key as never) ? publicKey(rng) : one())), kind };
    }
    case 'proto':
      return { value: JSON.parse(`{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"like":"block","name":"x"}`), kind };
    default:
      return { value: jsOnly(rng, valid), kind };
  }
}

/** Whether `v` nests arrays/objects more than `limit` levels (iteratively: `v` may be very deep). */
function nestedDeeperThan(v: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[v, 0]];
  let seen = 0;
  while (stack.length > 0 && seen++ < 200_000) {
    const [x, d] = stack.pop()!;
    if (d > limit) return true;
    if (x !== null && typeof x === 'object') for (const y of Object.values(x)) stack.push([y, d + 1]);
  }
  return false;
}

/** What validatePolicy sees after the JSON-in-a-string step (README: "JSON string accepted"). */
function asContainer(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (!(s.startsWith('[') || s.startsWith('{'))) return v;
  try {
    return JSON.parse(s);
  } catch {
    return v;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isHttpUrl = (s: unknown, localOnlyHttp = false): boolean => {
  if (typeof s !== 'string' || s.length > 2100) return false;
  try {
    const u = new URL(s);
    if (u.username || u.password) return false;
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && (!localOnlyHttp || ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname));
  } catch {
    return false;
  }
};
const KEY_RE = /^ed25519:[A-Za-z0-9+/]{43}=$/;

/** What is wrong with a validated policy, by the README's table. */
function policyProblems(p: Policy): string[] {
  const out: string[] = [];
  const bad = (k: string, why: string) => out.push(`${k}: ${why}`);
  if (Object.getPrototypeOf(p) !== Object.prototype) bad('policy', 'prototype changed');
  for (const k of Object.keys(p)) if (!(POLICY_KEYS as readonly string[]).includes(k)) bad(k, 'not a policy key');
  for (const k of URL_KEYS) {
    const v = p[k];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.length > 20 || !v.every((u) => isHttpUrl(u)) || new Set(v).size !== v.length) bad(k, toJson(v).slice(0, 200));
  }
  for (const k of KEY_KEYS) {
    const v = p[k];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.length > 20 || !v.every((s) => typeof s === 'string' && KEY_RE.test(s)) || new Set(v).size !== v.length) bad(k, toJson(v).slice(0, 200));
  }
  if (p.syncIntervalMinutes !== undefined && !(Number.isInteger(p.syncIntervalMinutes) && p.syncIntervalMinutes >= 5 && p.syncIntervalMinutes <= 10080)) bad('syncIntervalMinutes', String(p.syncIntervalMinutes));
  if (p.mode !== undefined && !MODES.includes(p.mode)) bad('mode', String(p.mode));
  if (p.actionModes !== undefined) {
    if (!isObj(p.actionModes) || !Object.entries(p.actionModes).every(([a, m]) => ACTIONS.includes(a as never) && MODES.includes(m as never))) bad('actionModes', toJson(p.actionModes));
  }
  if (p.sites !== undefined && (!Array.isArray(p.sites) || !p.sites.every((s) => PLATFORMS.includes(s)) || new Set(p.sites).size !== p.sites.length)) bad('sites', toJson(p.sites));
  if (p.organization !== undefined) {
    const o = p.organization as Record<string, unknown>;
    if (!isObj(o)) bad('organization', 'not an object');
    else
      for (const [f, v] of Object.entries(o)) {
        if (!['name', 'contact', 'helpUrl'].includes(f) || typeof v !== 'string' || v.trim() === '' || v.length > 200) bad('organization', `${f}=${toJson(v).slice(0, 80)}`);
        if (f === 'helpUrl' && !isHttpUrl(v)) bad('organization', `helpUrl=${toJson(v).slice(0, 80)}`);
      }
  }
  if (p.localClauses !== undefined) {
    if (!Array.isArray(p.localClauses) || p.localClauses.length > 50) bad('localClauses', 'not an array of at most 50');
    else {
      const ids = new Set<string>();
      for (const c of p.localClauses) {
        const ok =
          isObj(c) &&
          typeof c.id === 'string' &&
          /^[a-z0-9][a-z0-9._-]{0,63}$/i.test(c.id) &&
          !ids.has(c.id) &&
          [c.title, c.text, c.source].every((t) => typeof t === 'string' && t.trim() !== '') &&
          c.title.length <= 200 &&
          c.text.length <= 2000 &&
          c.source.length <= 500 &&
          Array.isArray(c.actions) &&
          c.actions.length > 0 &&
          c.actions.every((a) => ACTIONS.includes(a)) &&
          (c.appliesTo === undefined || (Array.isArray(c.appliesTo) && c.appliesTo.length > 0 && c.appliesTo.every((s) => EMPLOYEE_STATUSES.includes(s))));
        if (!ok) bad('localClauses', toJson(c).slice(0, 200));
        if (isObj(c)) ids.add(c.id);
      }
    }
  }
  if (p.reportUrl !== undefined && !isHttpUrl(p.reportUrl, true)) bad('reportUrl', String(p.reportUrl));
  if (p.reportToken !== undefined && !(typeof p.reportToken === 'string' && /^[\x20-\x7e]{1,4096}$/.test(p.reportToken))) bad('reportToken', 'not printable ASCII');
  if (p.reportFormat !== undefined && !REPORT_FORMATS.includes(p.reportFormat)) bad('reportFormat', String(p.reportFormat));
  if ((p.reportToken !== undefined || p.reportFormat !== undefined) && p.reportUrl === undefined) bad('reportToken/reportFormat', 'kept without reportUrl');
  if (p.locale !== undefined && !LOCALES.includes(p.locale)) bad('locale', String(p.locale));
  if (p.employeeStatus !== undefined && !EMPLOYEE_STATUS_SETTINGS.includes(p.employeeStatus)) bad('employeeStatus', String(p.employeeStatus));
  if (p.lockUserSettings !== undefined && typeof p.lockUserSettings !== 'boolean') bad('lockUserSettings', String(p.lockUserSettings));
  return out;
}

/** What is wrong with an effective config, by the types the README documents. */
function configProblems(c: EffectiveConfig, p: Policy, user: UserSettings | undefined): string[] {
  const out: string[] = [];
  const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
  for (const k of ['listUrls', 'listPublicKeys', 'hooksUrls', 'hooksPublicKeys'] as const) if (!strings(c[k])) out.push(`${k} is not an array of strings`);
  if (!(Number.isInteger(c.syncIntervalMinutes) && c.syncIntervalMinutes >= 5 && c.syncIntervalMinutes <= 10080)) out.push(`syncIntervalMinutes ${c.syncIntervalMinutes}`);
  if (!MODES.includes(c.mode)) out.push(`mode ${String(c.mode)}`);
  if (!isObj(c.actionModes) || !Object.entries(c.actionModes).every(([a, m]) => ACTIONS.includes(a as never) && MODES.includes(m as never))) out.push('actionModes');
  if (!Array.isArray(c.sites) || !c.sites.every((s) => PLATFORMS.includes(s))) out.push('sites');
  if (!isObj(c.organization)) out.push('organization');
  if (!Array.isArray(c.localClauses)) out.push('localClauses');
  if (!LOCALES.includes(c.locale)) out.push(`locale ${String(c.locale)}`);
  if (!EMPLOYEE_STATUS_SETTINGS.includes(c.employeeStatus)) out.push(`employeeStatus ${String(c.employeeStatus)}`);
  if (c.managed !== true) out.push('managed');
  if (c.locked !== (p.lockUserSettings === true)) out.push(`locked ${c.locked} with lockUserSettings ${p.lockUserSettings}`);
  if (!Array.isArray(c.policyKeys) || !c.policyKeys.every((k) => (POLICY_KEYS as readonly string[]).includes(k))) out.push('policyKeys');
  if ((c.reportUrl === undefined) !== (c.reportFormat === undefined)) out.push('reportUrl and reportFormat not together');
  if (c.reportUrl !== undefined && (c.reportUrl !== p.reportUrl || !REPORT_FORMATS.includes(c.reportFormat!))) out.push('reportUrl/reportFormat');
  if ('reportToken' in c) out.push('the config carries the report token');
  if (JSON.stringify(c.hooksPublicKeys) !== JSON.stringify(p.hooksPublicKeys ?? p.listPublicKeys ?? [])) out.push('hooksPublicKeys not the policy’s (or its listPublicKeys)');
  if (c.locked) {
    if (c.mode === 'off' && p.mode !== 'off') out.push('locked, yet the user switched the mode off');
    for (const a of ACTIONS) if (c.actionModes[a] === 'off' && p.actionModes?.[a] !== 'off') out.push(`locked, yet the user switched ${a} off`);
    if (JSON.stringify(c.sites) !== JSON.stringify(p.sites ?? PLATFORMS)) out.push('locked, yet the sites are not the policy’s');
  }
  if (user && !c.locked && user.mode !== undefined && c.mode !== user.mode) out.push('an unlocked user mode did not win');
  try {
    if (JSON.stringify(JSON.parse(JSON.stringify(c))) !== JSON.stringify(c)) out.push('not plain JSON');
  } catch {
    out.push('not serialisable');
  }
  return out;
}

function userSettings(rng: Rng): UserSettings | undefined {
  if (rng.bool(0.5)) return undefined;
  const u: UserSettings = {};
  if (rng.bool()) u.mode = rng.pick(MODES);
  if (rng.bool()) u.actionModes = Object.fromEntries(ACTIONS.filter(() => rng.bool()).map((a) => [a, rng.pick(MODES)]));
  if (rng.bool()) u.sites = PLATFORMS.filter(() => rng.bool());
  if (rng.bool()) u.syncIntervalMinutes = rng.range(5, 10080);
  if (rng.bool()) u.locale = rng.pick(LOCALES);
  if (rng.bool()) u.employeeStatus = rng.pick(EMPLOYEE_STATUS_SETTINGS);
  if (rng.bool(0.3)) u.listUrls = ['https://user.example/list.json'];
  return u;
}

it(`policy: ${settings.n} malformed policies; no exception, every bad value noted, the config always well typed`, { timeout: timeoutFor(settings.n, 3) }, () => {
  const run = new FuzzRun('policy', settings);
  onTestFailed(() => console.error(run.onAbort()));

  for (let i = 0; i < settings.n; i++) {
    const rng = run.caseRng(i);
    const raw: Record<string, unknown> = {};
    const kinds: Record<string, string> = {};
    const allValid = rng.bool(0.1);
    for (const key of rng.shuffle([...POLICY_KEYS])) {
      if (rng.bool(0.4)) continue;
      if (allValid || rng.bool(0.35)) {
        raw[key] = validValue(rng, key);
        kinds[key] = 'valid';
      } else {
        const b = badValue(rng, key);
        raw[key] = b.value;
        kinds[key] = b.kind;
      }
    }
    for (let e = allValid ? 0 : rng.weighted([[0, 5], [1, 3], [3, 1]] as const); e > 0; e--) {
      const name = rng.weighted([
        [rng.pick(PROTO_KEYS), 2],
        [rng.pick(POLICY_KEYS).toUpperCase(), 1],
        [`${rng.pick(POLICY_KEYS)} `, 1],
        [nastyString(rng, 5000), 2],
        [rng.pick(['ListUrls', 'list_urls', 'policy', '3rdparty', 'toString', 'hasOwnProperty']), 1],
      ] as const);
      Object.defineProperty(raw, name, { value: randomPlain(rng, 2), enumerable: true, writable: true, configurable: true });
      kinds[name] = 'extra';
    }
    const cls = Object.values(kinds).includes('js-only') ? 'js-only' : Object.values(kinds).every((k) => k === 'valid') ? 'all-valid' : 'mixed';
    run.current = `case ${i} [${cls}]`;
    const user = userSettings(rng);

    let policy: Policy;
    let notes: PolicyNote[];
    let config: EffectiveConfig;
    try {
      ({ policy, notes } = validatePolicy(raw));
      config = effectiveConfig({ managed: true, policy, notes, readAt: 0 }, user);
    } catch (e) {
      run.count('exceptions', cls);
      run.fail(i, cls, `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`, raw);
      continue;
    }
    run.count('cases', cls);
    if (polluted()) run.fail(i, cls, 'Object.prototype was polluted', raw);

    const pp = policyProblems(policy);
    run.check(pp.length === 0, i, cls, () => `a bad value got through validation: ${pp.slice(0, 4).join('; ')}`, raw);
    const cp = configProblems(config, policy, user);
    run.check(cp.length === 0, i, cls, () => `effective config: ${cp.slice(0, 4).join('; ')}`, raw);

    const notesFor = (k: string) => notes.filter((n) => n.key === k).length;
    // A policy with very many bad items gets its first notes and one that counts the rest
    // (key ''): per-key counts are then unknowable, but the total must still cover them.
    const summary = notes.find((n) => n.key === '');
    const more = summary ? Number(/\d+/.exec(summary.en)?.[0] ?? NaN) : 0;
    const capped = summary !== undefined;
    let dropped = 0;
    let lostItems = 0;
    for (const key of Object.keys(raw)) {
      let value: unknown;
      try {
        value = raw[key];
      } catch {
        continue;
      }
      if (value === null || value === undefined) continue;
      const kept = (policy as Record<string, unknown>)[key] !== undefined;
      if (!kept) dropped++;
      if (capped) continue;
      run.check(kept || notesFor(key) > 0, i, cls, () => `'${key.slice(0, 40)}' (${kinds[key]}) was dropped without a note: ${toJson(value).slice(0, 120)}`);
      if (kinds[key] === 'js-only') continue;
      // Items lost from a list or an object: one note each at least.
      const c = asContainer(value);
      const k = key as keyof Policy;
      if (nestedDeeperThan(c, 1000)) run.count('deep-items', cls); // counted, and checked like the rest
      if (Array.isArray(c) && (ARRAY_KEYS as readonly string[]).includes(key)) {
        const lost = c.length - ((policy[k] as unknown[] | undefined)?.length ?? 0);
        run.check(notesFor(key) >= lost, i, cls, () => `'${key}' lost ${lost} of ${c.length} items with ${notesFor(key)} notes: ${toJson(c).slice(0, 160)}`);
      }
      if (isObj(c) && (OBJECT_KEYS as readonly string[]).includes(key)) {
        const lost = Object.keys(c).length - Object.keys((policy[k] as object | undefined) ?? {}).length;
        run.check(notesFor(key) >= lost, i, cls, () => `'${key}' lost ${lost} fields with ${notesFor(key)} notes: ${toJson(c).slice(0, 160)}`);
      }
      if (kinds[key] === 'valid' && !['reportToken', 'reportFormat'].includes(key)) {
        run.check(kept, i, cls, () => `a valid '${key}' was refused: ${toJson(value).slice(0, 120)} (${notes.filter((n) => n.key === key).map((n) => n.en).join(' | ')})`);
      }
    }
    if (capped) {
      run.count('notes-capped', cls);
      run.check(Number.isNaN(more) || notes.length - 1 + more >= dropped, i, cls, () => `${dropped} keys dropped but only ${notes.length - 1} + ${more} notes`);
    }
    void lostItems;
    for (const n of notes) {
      const ok = typeof n.key === 'string' && typeof n.id === 'string' && typeof n.en === 'string' && n.id !== '' && n.en !== '' && n.en.length <= 1000 && n.id.length <= 1000;
      if (!run.check(ok, i, cls, () => `a note is empty or too long (${n.en?.length} chars): ${String(n.en).slice(0, 160)}`)) break;
    }
    const token = raw.reportToken;
    if (typeof token === 'string' && token.trim().length >= 6) {
      // Notes are shown in the options page: the token's own note never quotes it, and a
      // distinctive token appears in no note at all.
      const t = token.trim();
      const echoes = (n: PolicyNote) => n.id.includes(t) || n.en.includes(t);
      run.check(!notes.some((n) => n.key === 'reportToken' && echoes(n)), i, cls, () => 'the reportToken note echoes the token');
      if (kinds.reportToken === 'valid') run.check(!notes.some(echoes), i, cls, () => 'a note echoes the report token');
    }
    if (cls === 'all-valid') {
      const unexpected = notes.filter((n) => !(n.key === 'reportToken' || n.key === 'reportFormat') || policy.reportUrl !== undefined || raw.reportUrl !== undefined);
      run.check(unexpected.length === 0, i, cls, () => `a valid policy got notes: ${unexpected.map((n) => n.en).join(' | ').slice(0, 300)}`, raw);
    }
    run.count(dropped > 0 ? 'refused' : 'accepted-valid', cls);
  }
  run.finish();
  expect(run.counts.cases).toBe(settings.n);
});
