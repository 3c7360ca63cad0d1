/**
 * Managed policy validation (INTERFACES §3). Policy arrives from places we do not control:
 * Chrome's registry/plist loaders (numbers may come as strings, booleans as 1/0), Firefox's
 * policies.json (no schema enforcement at all), admin consoles. Each known key is accepted
 * only when its value is valid; anything else is dropped with a note in both languages so
 * the options page can tell the user (and IT) exactly what was ignored. Never throws.
 *
 * The per-value checks are exported so the options page applies the very same rules to
 * what the user types.
 */
import {
  ACTIONS,
  EMPLOYEE_STATUSES,
  EMPLOYEE_STATUS_SETTINGS,
  LOCALES,
  PLATFORMS,
  REPORT_FORMATS,
  isAction,
  isEmployeeStatus,
  isMode,
  isPlatform,
} from '../model';
import type { Action, EmployeeStatus, EmployeeStatusSetting, LocaleSetting, Mode, ReportFormat, SiteId } from '../model';
import type { Bilingual } from '../i18n/common';
import type { LocalClause, Organization, Policy, PolicyKey, PolicyNote } from './types';

export const POLICY_KEYS: readonly PolicyKey[] = [
  'listUrls',
  'listPublicKeys',
  'hooksUrls',
  'hooksPublicKeys',
  'syncIntervalMinutes',
  'mode',
  'actionModes',
  'sites',
  'organization',
  'localClauses',
  'reportUrl',
  'reportToken',
  'reportFormat',
  'locale',
  'employeeStatus',
  'lockUserSettings',
];

export const LIMITS = {
  listUrls: 20,
  listPublicKeys: 20,
  hooksUrls: 20,
  hooksPublicKeys: 20,
  urlLength: 2048,
  syncMin: 5,
  syncMax: 10080,
  orgField: 200,
  localClauses: 50,
  clauseTitle: 200,
  clauseText: 2000,
  clauseSource: 500,
  reportToken: 4096,
  /** Notes kept from one policy; the rest are counted in one more note. */
  notes: 50,
} as const;

export const CLAUSE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/i;
/** `ed25519:` + standard base64 of a 32-byte key (43 characters, then optional `=`). */
const PUBLIC_KEY = /^ed25519:([A-Za-z0-9+/]{43})(=?)$/;

/** Either the accepted value or why not (a phrase, no trailing punctuation). */
export type Check<T> = { ok: true; value: T } | { ok: false; problem: Bilingual };

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const bad = <T>(id: string, en: string): Check<T> => ({ ok: false, problem: { id, en } });

/** A value shown inside a note: short, single line, never the whole of a long string. */
export function showValue(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (v === undefined) s = 'undefined';
  else {
    try {
      s = JSON.stringify(v) ?? String(v);
    } catch {
      // A cycle, or nesting too deep for JSON.stringify: String() of an array that deep
      // overflows the stack too, so name the kind of value instead.
      s = Array.isArray(v) ? '[…]' : typeof v === 'object' && v !== null ? '{…}' : typeof v;
    }
  }
  s = s.replace(/\s+/g, ' ');
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** Enumerated values: a registry or admin console may add case or spaces ("Warn "). */
function enumValue(v: unknown): unknown {
  return typeof v === 'string' ? v.trim().toLowerCase() : v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---------------------------------------------------------------------------------------
// Single values (shared with the options page)

/** A list download address: http or https (the signature is what is trusted, not TLS). */
export function checkListUrl(raw: unknown): Check<string> {
  if (typeof raw !== 'string') return bad('bukan teks', 'not a string');
  const s = raw.trim();
  if (!s) return bad('kosong', 'empty');
  if (s.length > LIMITS.urlLength) return bad('alamat terlalu panjang', 'URL too long');
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return bad(`bukan alamat web yang valid ('${showValue(s)}')`, `not a valid URL ('${showValue(s)}')`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    return bad(`bukan alamat http atau https ('${showValue(s)}')`, `not an http or https URL ('${showValue(s)}')`);
  }
  // fetch() refuses URLs with credentials; say so here rather than at every sync.
  if (u.username || u.password) {
    return bad('alamat tidak boleh memuat nama pengguna atau kata sandi', 'the URL must not contain a user name or password');
  }
  return ok(u.href);
}

export function checkPublicKey(raw: unknown): Check<string> {
  if (typeof raw !== 'string') return bad('bukan teks', 'not a string');
  const s = raw.trim();
  const m = PUBLIC_KEY.exec(s);
  if (!m) {
    return bad(
      `bukan kunci publik 'ed25519:<base64 32 bita>' ('${showValue(s)}')`,
      `not an 'ed25519:<base64 of 32 bytes>' public key ('${showValue(s)}')`,
    );
  }
  // 32 bytes = 256 bits: the last of 43 characters carries 4 bits and 2 zero bits, so it
  // must be one of these 16 characters; anything else is a truncated or mangled key.
  if (!/[AEIMQUYcgkosw048]$/.test(m[1])) {
    return bad(`kunci publik rusak ('${showValue(s)}')`, `malformed public key ('${showValue(s)}')`);
  }
  return ok(`ed25519:${m[1]}=`);
}

/** Integer minutes 5..10080; a GPO may deliver "30" for 30. */
export function checkSyncInterval(raw: unknown): Check<number> {
  let n: number = NaN;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && /^\s*\d+\s*$/.test(raw)) n = Number(raw);
  if (!Number.isInteger(n)) {
    return bad(`bukan bilangan bulat menit ('${showValue(raw)}')`, `not a whole number of minutes ('${showValue(raw)}')`);
  }
  if (n < LIMITS.syncMin || n > LIMITS.syncMax) {
    return bad(
      `di luar rentang ${LIMITS.syncMin}–${LIMITS.syncMax} menit (${n})`,
      `outside ${LIMITS.syncMin}–${LIMITS.syncMax} minutes (${n})`,
    );
  }
  return ok(n);
}

/** true/false, 1/0 (registry DWORD), "true"/"false"/"1"/"0" (registry string). */
export function checkBoolean(raw: unknown): Check<boolean> {
  if (raw === true || raw === 1 || raw === 'true' || raw === '1') return ok(true);
  if (raw === false || raw === 0 || raw === 'false' || raw === '0') return ok(false);
  return bad(`bukan nilai benar/salah ('${showValue(raw)}')`, `not true/false ('${showValue(raw)}')`);
}

export function checkMode(raw: unknown): Check<Mode> {
  const v = enumValue(raw);
  if (isMode(v)) return ok(v);
  return bad(`mode tidak dikenal ('${showValue(raw)}')`, `unknown mode ('${showValue(raw)}')`);
}

/**
 * Audit endpoint: https, or http only to this machine (a local collector or a test): the
 * reports name the user's actions and carry a token, so they never cross a network in clear.
 */
export function checkReportUrl(raw: unknown): Check<string> {
  if (typeof raw !== 'string') return bad('bukan teks', 'not a string');
  const s = raw.trim();
  if (s.length > LIMITS.urlLength) return bad('alamat terlalu panjang', 'URL too long');
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return bad(`bukan alamat web yang valid ('${showValue(s)}')`, `not a valid URL ('${showValue(s)}')`);
  }
  // URL normalises the host ('LOCALHOST' → 'localhost', '[0:0::1]' → '[::1]').
  const local = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]';
  if (u.protocol === 'https:' || (u.protocol === 'http:' && local)) {
    if (u.username || u.password) {
      return bad('alamat tidak boleh memuat nama pengguna atau kata sandi', 'the URL must not contain a user name or password');
    }
    return ok(u.href);
  }
  return bad(
    `harus https (http hanya untuk localhost) ('${showValue(s)}')`,
    `must be https (http only for localhost) ('${showValue(s)}')`,
  );
}

export function checkHelpUrl(raw: unknown): Check<string> {
  if (typeof raw !== 'string') return bad('bukan teks', 'not a string');
  const s = raw.trim();
  try {
    const u = new URL(s);
    if (u.protocol === 'https:' || u.protocol === 'http:') return ok(u.href);
  } catch {
    /* fall through */
  }
  return bad(`bukan alamat http atau https ('${showValue(s)}')`, `not an http or https URL ('${showValue(s)}')`);
}

export function checkReportFormat(raw: unknown): Check<ReportFormat> {
  const v = enumValue(raw);
  if (typeof v === 'string' && (REPORT_FORMATS as readonly string[]).includes(v)) return ok(v as ReportFormat);
  return bad(
    `format tidak dikenal ('${showValue(raw)}'; yang dikenal: ${REPORT_FORMATS.join(', ')})`,
    `unknown format ('${showValue(raw)}'; known: ${REPORT_FORMATS.join(', ')})`,
  );
}

function checkText(raw: unknown, max: number): Check<string> {
  if (typeof raw !== 'string') return bad('bukan teks', 'not a string');
  const s = raw.trim();
  if (!s) return bad('kosong', 'empty');
  if (s.length > max) return bad(`lebih dari ${max} karakter`, `longer than ${max} characters`);
  return ok(s);
}

// ---------------------------------------------------------------------------------------
// The whole policy

/**
 * The notes of one policy: the first LIMITS.notes, and then (by `done()`) one that counts
 * the rest — a policy with 100,000 bad items must not become 100,000 lines in the options
 * page or in storage.
 */
class Notes {
  private readonly kept: PolicyNote[] = [];
  private more = 0;
  /** `reason` is a full phrase; the note adds "; ignored." */
  add(key: string, reason: Bilingual): void {
    if (this.kept.length >= LIMITS.notes) {
      this.more++;
      return;
    }
    this.kept.push({ key, id: `${reason.id}; diabaikan.`, en: `${reason.en}; ignored.` });
  }
  /** The notes, with the count of those left out as the last one. */
  done(): PolicyNote[] {
    if (this.more === 0) return this.kept;
    const n = this.more;
    return [
      ...this.kept,
      { key: '', id: `… dan ${n} catatan lain (tidak ditampilkan).`, en: `… and ${n} more ${n === 1 ? 'note' : 'notes'} (not shown).` },
    ];
  }
  badValue(key: string, problem: Bilingual): void {
    this.add(key, { id: `Nilai '${key}' tidak valid: ${problem.id}`, en: `Invalid value for '${key}': ${problem.en}` });
  }
  badItem(key: string, index: number, problem: Bilingual): void {
    this.add(key, {
      id: `Butir ke-${index + 1} dari '${key}' tidak valid: ${problem.id}`,
      en: `Item ${index + 1} of '${key}' is invalid: ${problem.en}`,
    });
  }
  wrongType(key: string, expected: Bilingual, value: unknown): void {
    this.add(key, {
      id: `'${key}' harus berupa ${expected.id} ('${showValue(value)}')`,
      en: `'${key}' must be ${expected.en} ('${showValue(value)}')`,
    });
  }
}

const ARRAY: Bilingual = { id: 'daftar (array)', en: 'an array' };
const OBJECT: Bilingual = { id: 'objek', en: 'an object' };

/**
 * Some admin tools can only write a string (e.g. a REG_SZ holding JSON). Chrome converts
 * those by the schema itself; Firefox and others do not, so accept a JSON string where an
 * array or object is expected.
 */
function maybeJson(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const s = v.trim();
  if (!(s.startsWith('[') || s.startsWith('{'))) return v;
  try {
    return JSON.parse(s);
  } catch {
    return v;
  }
}

/** Validates each item; bad ones are dropped one by one. Undefined when nothing is left
 * of a non-empty input (so the default applies rather than an accidental empty list). */
function validateArray<T>(
  key: PolicyKey,
  raw: unknown,
  notes: Notes,
  check: (v: unknown, index: number) => Check<T>,
  max: number,
  sameAs: (a: T, b: T) => boolean = (a, b) => a === b,
): T[] | undefined {
  const v = maybeJson(raw);
  if (!Array.isArray(v)) {
    notes.wrongType(key, ARRAY, raw);
    return undefined;
  }
  const out: T[] = [];
  v.forEach((item, i) => {
    const c = check(item, i);
    if (!c.ok) return notes.badItem(key, i, c.problem);
    if (out.some((o) => sameAs(o, c.value))) {
      return notes.badItem(key, i, { id: `duplikat ('${showValue(item)}')`, en: `duplicate ('${showValue(item)}')` });
    }
    if (out.length >= max) {
      return notes.badItem(key, i, { id: `lebih dari ${max} butir`, en: `more than ${max} items` });
    }
    out.push(c.value);
  });
  if (out.length === 0 && v.length > 0) return undefined;
  return out;
}

function checkSite(raw: unknown): Check<SiteId> {
  const v = enumValue(raw);
  if (isPlatform(v)) return ok(v);
  return bad(
    `situs tidak dikenal ('${showValue(raw)}'; yang dikenal: ${PLATFORMS.join(', ')})`,
    `unknown site ('${showValue(raw)}'; known: ${PLATFORMS.join(', ')})`,
  );
}

function checkLocale(raw: unknown): Check<LocaleSetting> {
  const v = enumValue(raw);
  if (typeof v === 'string' && (LOCALES as readonly string[]).includes(v)) return ok(v as LocaleSetting);
  return bad(`nilai tidak dikenal ('${showValue(raw)}')`, `unknown value ('${showValue(raw)}')`);
}

function checkEmployeeStatus(raw: unknown): Check<EmployeeStatusSetting> {
  const v = enumValue(raw);
  if (typeof v === 'string' && (EMPLOYEE_STATUS_SETTINGS as readonly string[]).includes(v)) return ok(v as EmployeeStatusSetting);
  return bad(`nilai tidak dikenal ('${showValue(raw)}')`, `unknown value ('${showValue(raw)}')`);
}

function validateActionModes(raw: unknown, notes: Notes): Partial<Record<Action, Mode>> | undefined {
  const v = maybeJson(raw);
  if (!isPlainObject(v)) {
    notes.wrongType('actionModes', OBJECT, raw);
    return undefined;
  }
  const out: Partial<Record<Action, Mode>> = {};
  const entries = Object.entries(v);
  for (const [action, rawMode] of entries) {
    const mode = enumValue(rawMode);
    if (!isAction(action)) {
      notes.add('actionModes', {
        id: `Tindakan '${showValue(action)}' di 'actionModes' tidak dikenal (yang dikenal: ${ACTIONS.join(', ')})`,
        en: `Unknown action '${showValue(action)}' in 'actionModes' (known: ${ACTIONS.join(', ')})`,
      });
      continue;
    }
    if (!isMode(mode)) {
      notes.add('actionModes', {
        id: `Mode untuk '${action}' di 'actionModes' tidak dikenal ('${showValue(rawMode)}')`,
        en: `Unknown mode for '${action}' in 'actionModes' ('${showValue(rawMode)}')`,
      });
      continue;
    }
    out[action] = mode;
  }
  if (Object.keys(out).length === 0 && entries.length > 0) return undefined;
  return out;
}

const ORG_FIELDS = ['name', 'contact', 'helpUrl'] as const;

function validateOrganization(raw: unknown, notes: Notes): Organization | undefined {
  const v = maybeJson(raw);
  if (!isPlainObject(v)) {
    notes.wrongType('organization', OBJECT, raw);
    return undefined;
  }
  const out: Organization = {};
  for (const [field, value] of Object.entries(v)) {
    if (!(ORG_FIELDS as readonly string[]).includes(field)) {
      notes.add('organization', {
        id: `Kolom '${showValue(field)}' di 'organization' tidak dikenal (yang dikenal: ${ORG_FIELDS.join(', ')})`,
        en: `Unknown field '${showValue(field)}' in 'organization' (known: ${ORG_FIELDS.join(', ')})`,
      });
      continue;
    }
    let c = checkText(value, LIMITS.orgField);
    if (c.ok && field === 'helpUrl') c = checkHelpUrl(c.value);
    if (!c.ok) {
      notes.add('organization', {
        id: `Nilai 'organization.${field}' tidak valid: ${c.problem.id}`,
        en: `Invalid value for 'organization.${field}': ${c.problem.en}`,
      });
      continue;
    }
    out[field as (typeof ORG_FIELDS)[number]] = c.value;
  }
  if (Object.keys(out).length === 0 && Object.keys(v).length > 0) return undefined;
  return out;
}

/**
 * A local clause's optional `appliesTo`: whom the circular binds. Unlike the rest of the
 * clause, a bad value here does not drop the clause: the circular still binds someone, and
 * showing it to every status errs on the safe side. Unknown items are dropped one by one
 * (each reported through `warn`); with nothing valid left, or an empty list, the field is
 * dropped so the clause applies to all (an empty list must not mean "binds nobody").
 */
function checkAppliesTo(raw: unknown, id: string, warn: (problem: Bilingual) => void): EmployeeStatus[] | undefined {
  const known = EMPLOYEE_STATUSES.join(', ');
  const all: Bilingual = { id: 'ketentuan ini berlaku bagi semua pegawai', en: 'the clause applies to every employee' };
  const v = maybeJson(raw);
  if (!Array.isArray(v)) {
    warn({
      id: `'appliesTo' dari '${id}' harus daftar dari ${known} ('${showValue(raw)}'; ${all.id})`,
      en: `'appliesTo' of '${id}' must be a list of ${known} ('${showValue(raw)}'; ${all.en})`,
    });
    return undefined;
  }
  const good = v.map(enumValue).filter(isEmployeeStatus);
  if (good.length === 0) {
    warn({
      id: `'appliesTo' dari '${id}' tidak menyebut ${known} ('${showValue(raw)}'; ${all.id})`,
      en: `'appliesTo' of '${id}' names none of ${known} ('${showValue(raw)}'; ${all.en})`,
    });
    return undefined;
  }
  for (const item of v) {
    if (isEmployeeStatus(enumValue(item))) continue;
    warn({
      id: `status '${showValue(item)}' di 'appliesTo' dari '${id}' tidak dikenal (yang dikenal: ${known})`,
      en: `unknown status '${showValue(item)}' in 'appliesTo' of '${id}' (known: ${known})`,
    });
  }
  // Canonical order, no duplicates (as for `actions`).
  return EMPLOYEE_STATUSES.filter((s) => good.includes(s));
}

/**
 * `warn` receives problems that leave the clause in force (an `appliesTo` value dropped);
 * without it they pass silently.
 */
export function checkLocalClause(raw: unknown, warn: (problem: Bilingual) => void = () => {}): Check<LocalClause> {
  if (!isPlainObject(raw)) return bad(`bukan objek ('${showValue(raw)}')`, `not an object ('${showValue(raw)}')`);
  const { id, title, text, source, actions, appliesTo } = raw;
  if (typeof id !== 'string' || !CLAUSE_ID.test(id)) {
    return bad(
      `'id' harus huruf/angka, '.', '_' atau '-', paling banyak 64 karakter ('${showValue(id)}')`,
      `'id' must be letters/digits, '.', '_' or '-', at most 64 characters ('${showValue(id)}')`,
    );
  }
  const fields: Array<[string, unknown, number]> = [
    ['title', title, LIMITS.clauseTitle],
    ['text', text, LIMITS.clauseText],
    ['source', source, LIMITS.clauseSource],
  ];
  const values: string[] = [];
  for (const [name, value, max] of fields) {
    const c = checkText(value, max);
    if (!c.ok) return bad(`'${name}' dari '${id}' ${c.problem.id}`, `'${name}' of '${id}' is ${c.problem.en}`);
    values.push(c.value);
  }
  const acts = maybeJson(actions);
  if (!Array.isArray(acts) || acts.length === 0 || !acts.every(isAction)) {
    return bad(
      `'actions' dari '${id}' harus daftar tak kosong dari ${ACTIONS.join(', ')} ('${showValue(actions)}')`,
      `'actions' of '${id}' must be a non-empty list of ${ACTIONS.join(', ')} ('${showValue(actions)}')`,
    );
  }
  const clause: LocalClause = {
    id,
    title: values[0],
    text: values[1],
    source: values[2],
    actions: ACTIONS.filter((a) => (acts as string[]).includes(a)),
  };
  // Checked last, so a clause that is dropped anyway says only why it was dropped.
  if (appliesTo !== undefined && appliesTo !== null) {
    const to = checkAppliesTo(appliesTo, id, warn);
    if (to) clause.appliesTo = to;
  }
  return ok(clause);
}

export function validatePolicy(raw: unknown): { policy: Policy; notes: PolicyNote[] } {
  const notes = new Notes();
  const policy: Policy = {};
  if (raw === undefined || raw === null) return { policy, notes: notes.done() };
  if (!isPlainObject(raw)) {
    notes.add('', { id: `Kebijakan bukan objek ('${showValue(raw)}')`, en: `Policy is not an object ('${showValue(raw)}')` });
    return { policy, notes: notes.done() };
  }

  let keys: string[];
  try {
    keys = Object.keys(raw);
  } catch {
    keys = [];
  }
  for (const key of keys) {
    try {
      validateKey(key, raw[key], policy, notes);
    } catch {
      // Defensive: a getter or proxy from an odd source must not break start-up.
      notes.add(key, { id: `Nilai '${key}' tidak dapat dibaca`, en: `Value of '${key}' could not be read` });
    }
  }
  // The token and the format only matter with an endpoint: say so rather than keep them
  // silently (the usual cause is a reportUrl that was refused above).
  if (!policy.reportUrl) {
    for (const key of ['reportToken', 'reportFormat'] as const) {
      if (policy[key] === undefined) continue;
      delete policy[key];
      notes.add(key, {
        id: `'${key}' tidak berlaku tanpa 'reportUrl' yang valid`,
        en: `'${key}' has no effect without a valid 'reportUrl'`,
      });
    }
  }
  return { policy, notes: notes.done() };
}

function validateKey(key: string, value: unknown, policy: Policy, notes: Notes): void {
  // Chrome reports an unset-but-declared policy as absent; null can come from JSON files.
  if (value === null || value === undefined) return;
  switch (key as PolicyKey) {
    case 'listUrls': {
      const v = validateArray('listUrls', value, notes, checkListUrl, LIMITS.listUrls);
      if (v) policy.listUrls = v;
      return;
    }
    case 'listPublicKeys': {
      const v = validateArray('listPublicKeys', value, notes, checkPublicKey, LIMITS.listPublicKeys);
      if (v) policy.listPublicKeys = v;
      return;
    }
    case 'hooksUrls': {
      // Same rules as list URLs: http or https, the signature is what is trusted.
      const v = validateArray('hooksUrls', value, notes, checkListUrl, LIMITS.hooksUrls);
      if (v) policy.hooksUrls = v;
      return;
    }
    case 'hooksPublicKeys': {
      const v = validateArray('hooksPublicKeys', value, notes, checkPublicKey, LIMITS.hooksPublicKeys);
      if (v) policy.hooksPublicKeys = v;
      return;
    }
    case 'syncIntervalMinutes': {
      const c = checkSyncInterval(value);
      if (c.ok) policy.syncIntervalMinutes = c.value;
      else notes.badValue(key, c.problem);
      return;
    }
    case 'mode': {
      const c = checkMode(value);
      if (c.ok) policy.mode = c.value;
      else
        notes.add(key, {
          id: `Nilai 'mode' tidak dikenal ('${showValue(value)}')`,
          en: `Unknown value for 'mode' ('${showValue(value)}')`,
        });
      return;
    }
    case 'actionModes': {
      const v = validateActionModes(value, notes);
      if (v) policy.actionModes = v;
      return;
    }
    case 'sites': {
      const v = validateArray('sites', value, notes, checkSite, PLATFORMS.length);
      if (v) policy.sites = PLATFORMS.filter((p) => v.includes(p));
      return;
    }
    case 'organization': {
      const v = validateOrganization(value, notes);
      if (v) policy.organization = v;
      return;
    }
    case 'localClauses': {
      const v = validateArray(
        'localClauses',
        value,
        notes,
        (item, i) =>
          checkLocalClause(item, (p) =>
            notes.add(key, { id: `Butir ke-${i + 1} dari 'localClauses': ${p.id}`, en: `Item ${i + 1} of 'localClauses': ${p.en}` }),
          ),
        LIMITS.localClauses,
        (a, b) => a.id === b.id,
      );
      if (v) policy.localClauses = v;
      return;
    }
    case 'reportUrl': {
      const c = checkReportUrl(value);
      if (!c.ok) return notes.badValue(key, c.problem);
      policy.reportUrl = c.value;
      return;
    }
    case 'reportToken': {
      // Never echo the token itself into a note: notes are shown in the options page.
      // It goes into an HTTP header: printable ASCII only (a line break or a non-Latin
      // character would make every send fail).
      const v = typeof value === 'string' ? value.trim() : '';
      if (v && v.length <= LIMITS.reportToken && /^[\x20-\x7e]+$/.test(v)) {
        policy.reportToken = v;
      } else {
        notes.add(key, {
          id: `Nilai 'reportToken' harus teks tak kosong berhuruf ASCII tanpa ganti baris, paling banyak ${LIMITS.reportToken} karakter`,
          en: `'reportToken' must be a non-empty string of printable ASCII without line breaks, at most ${LIMITS.reportToken} characters`,
        });
      }
      return;
    }
    case 'reportFormat': {
      const c = checkReportFormat(value);
      if (c.ok) policy.reportFormat = c.value;
      else notes.badValue(key, c.problem);
      return;
    }
    case 'locale': {
      const c = checkLocale(value);
      if (c.ok) policy.locale = c.value;
      else
        notes.add(key, {
          id: `Nilai 'locale' tidak dikenal ('${showValue(value)}')`,
          en: `Unknown value for 'locale' ('${showValue(value)}')`,
        });
      return;
    }
    case 'employeeStatus': {
      const c = checkEmployeeStatus(value);
      if (c.ok) policy.employeeStatus = c.value;
      else
        notes.add(key, {
          id: `Nilai 'employeeStatus' tidak dikenal ('${showValue(value)}'; yang dikenal: ${EMPLOYEE_STATUS_SETTINGS.join(', ')})`,
          en: `Unknown value for 'employeeStatus' ('${showValue(value)}'; known: ${EMPLOYEE_STATUS_SETTINGS.join(', ')})`,
        });
      return;
    }
    case 'lockUserSettings': {
      const c = checkBoolean(value);
      if (c.ok) policy.lockUserSettings = c.value;
      else notes.badValue(key, c.problem);
      return;
    }
    default:
      notes.add(key, {
        id: `'${showValue(key)}' bukan kunci kebijakan Jaga Netral`,
        en: `'${showValue(key)}' is not a Jaga Netral policy key`,
      });
  }
}
