/**
 * The publisher's side: CSV (INTERFACES.md §2) → a checked ListPayload → a SignedList.
 * Every row is checked, even after a quoting error (the parser resumes at the next line),
 * and every problem is reported (the first MAX_ERRORS in full, the rest counted) with its
 * line and column, so a publisher fixes the whole file in one go; a list with any error is
 * not built.
 */
import { CANONICALIZERS } from '../sites/canonical';
import { isPlatform, isRole, PLATFORMS, ROLES, type PlatformId } from '../model';
import { CsvError, forEachCsvRecord } from './csv';
import { sign } from './signature';
import { LIST_FORMAT, type ListPayload, type SignedList, type SubjectRecord } from './types';

export const MAX_ERRORS = 100;
export const MAX_NAME_CHARS = 200;

export const REQUIRED_COLUMNS = ['platform', 'account', 'name'] as const;
/** The columns that make a subject, in SubjectRecord order. */
export const SUBJECT_COLUMNS = ['name', 'role', 'election', 'party', 'region', 'valid_from', 'valid_until', 'source'] as const;
export const KNOWN_COLUMNS = [
  'platform', 'account', 'name', 'role', 'election', 'party', 'region', 'valid_from', 'valid_until', 'source',
] as const;
type Column = (typeof KNOWN_COLUMNS)[number];

export interface BuildError {
  /** Physical line in the file; the header is line 1. */
  line: number;
  /**
   * The header's name of the column the problem is in (a known column by its canonical
   * name), or null when that column has no name (see columnNumber) or the problem is the
   * whole file (empty, or an empty header row).
   */
  column: string | null;
  /** 1-based position of the column in the row, when known. */
  columnNumber?: number;
  message: string;
}

export interface BuildOptions {
  /** Positive safe integer; clients refuse a list older than the one they hold. */
  version: number;
  issuer: string;
  /** ISO time of the build. */
  createdAt: string;
}

export interface BuildStats {
  /** Data rows read (blank lines not counted). */
  rows: number;
  entries: number;
  subjects: number;
  /** Rows that repeated a (platform, key) of the same subject. */
  duplicates: number;
  perPlatform: Partial<Record<PlatformId, number>>;
}

export type BuildResult =
  | { ok: true; payload: ListPayload; warnings: string[]; stats: BuildStats }
  | {
      ok: false;
      /** The first MAX_ERRORS errors, in file order. */
      errors: BuildError[];
      warnings: string[];
      /** More errors were found than reported. */
      truncated: boolean;
      /** How many more (0 unless truncated). */
      more: number;
    };

// The compiled shard separates records with U+001E and fields with U+001F; no control
// character can reach the list (a line break in a name would also garble the warning).
const CONTROL = /[\u0000-\u001f\u007f]/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface PlatformEntries {
  keys: string[];
  subjects: number[];
  lines: number[];
  at: Map<string, number>;
}

export function buildPayload(csvText: string, options: BuildOptions): BuildResult {
  checkOptions(options);
  const b = new Builder();
  forEachCsvRecord(csvText, b.onRecord, b.onCsvError);
  return b.finish(options);
}

/**
 * One pass over the records. Per-row work is in methods, not closures made per row: at a
 * million rows the closures (and esbuild's `__name` wrapper on each) cost seconds.
 */
class Builder {
  readonly errors: BuildError[] = [];
  readonly warnings: string[] = [];
  /** Errors found beyond MAX_ERRORS. */
  more = 0;
  private col: Record<Column, number> | null = null;
  /** Each header field's name (trimmed as written; a known column by its canonical name), '' when it has none. */
  private names: string[] = [];
  private width = 0;
  private headerDone = false;
  private readonly subjects: SubjectRecord[] = [];
  /** hashRecord → subject index (or indices, on a collision). */
  private readonly subjectAt = new Map<number, number | number[]>();
  private readonly entries = new Map<PlatformId, PlatformEntries>();
  /** Dates already checked: a list repeats a handful of dates many times. */
  private readonly goodDates = new Set<string>();
  private lastSubject = -1;
  private rows = 0;
  private duplicates = 0;
  // The row being read.
  private line = 0;
  private rowOk = true;

  /**
   * Records an error at `where`: the column at that 0-based position (named by the header
   * when it can be), a column by name that the file lacks, or no column (`null`: the whole
   * file). Past MAX_ERRORS only counts it; the parse goes on, so the total is known.
   * Always true (the parse continues).
   */
  fail(line: number, where: number | Column | null, message: string): boolean {
    if (this.errors.length >= MAX_ERRORS) {
      this.more++;
      return true;
    }
    if (typeof where === 'number') {
      this.errors.push({ line, column: this.names[where] || null, columnNumber: where + 1, message });
    } else {
      this.errors.push({ line, column: where, message });
    }
    return true;
  }

  private err(column: Column, message: string): void {
    this.rowOk = false;
    this.fail(this.line, this.col![column], message);
  }

  /** A quoting error: reported with its line and column; the parser goes on at the next line. */
  readonly onCsvError = (e: CsvError): boolean => {
    if (!this.headerDone) {
      // Without a header, no row can be read.
      this.headerDone = true;
      this.fail(e.line, e.field ?? null, e.message);
      return false;
    }
    if (this.col === null) return false;
    this.rows++;
    this.fail(e.line, e.field ?? null, e.message);
    return true;
  };

  /**
   * The trimmed value of `column` in this row ('' if the file has no such column). Only
   * known columns are read and checked: an ignored column may hold anything, even line breaks.
   */
  private get(fields: string[], column: Column): string {
    const i = this.col![column];
    if (i < 0) return '';
    const raw = fields[i];
    const m = CONTROL.exec(raw);
    if (m) {
      const cp = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
      this.err(column, `contains a control character (U+${cp}) in ${quote(raw)}`);
      return '';
    }
    return raw.trim();
  }

  readonly onRecord = (fields: string[], line: number): boolean => {
    if (!this.headerDone) {
      this.headerDone = true;
      this.names = fields.map((f) => {
        const name = f.trim();
        return (KNOWN_COLUMNS as readonly string[]).includes(name.toLowerCase()) ? name.toLowerCase() : name;
      });
      this.col = readHeader(fields, line, (l, c, m) => this.fail(l, c, m), this.warnings);
      this.width = fields.length;
      return this.col !== null;
    }
    if (isBlank(fields)) return true;
    this.rows++;
    if (fields.length !== this.width) {
      const has = `row has ${fields.length} ${fields.length === 1 ? 'field' : 'fields'}; the header has ${this.width}`;
      // Point at the first column that is missing, or the first one too many.
      return fields.length < this.width
        ? this.fail(line, fields.length, `${has}: the row ends before this column (a missing comma, or a line break in an unquoted value?)`)
        : this.fail(line, this.width, `${has}: this column and those after it have no header (an unquoted comma in a value?)`);
    }
    this.line = line;
    this.rowOk = true;
    const platformText = this.get(fields, 'platform').toLowerCase();
    const accountText = this.get(fields, 'account');
    const name = this.get(fields, 'name');
    const role = this.get(fields, 'role').toLowerCase();
    const election = this.get(fields, 'election');
    const party = this.get(fields, 'party');
    const region = this.get(fields, 'region');
    const validFrom = this.get(fields, 'valid_from');
    const validUntil = this.get(fields, 'valid_until');
    const source = this.get(fields, 'source');
    if (!this.rowOk) return true;

    let platform: PlatformId | null = null;
    if (!platformText) this.err('platform', 'platform is empty');
    else if (!isPlatform(platformText)) this.err('platform', `unknown platform ${quote(platformText)}; use one of ${PLATFORMS.join(', ')}`);
    else platform = platformText;

    let key: string | null = null;
    if (!accountText) this.err('account', 'account is empty');
    else if (platform) {
      key = CANONICALIZERS[platform](accountText)?.key ?? null;
      // A key decoded from a URL (%0A) must not smuggle in a control character either.
      if (key === null || CONTROL.test(key)) {
        key = null;
        this.err('account', `${quote(accountText)} is not a valid ${platform} account`);
      }
    }

    if (!name) this.err('name', 'name is empty');
    else if (name.length > MAX_NAME_CHARS) {
      const chars = [...name].length; // code points, not UTF-16 units
      if (chars > MAX_NAME_CHARS) this.err('name', `name is ${chars} characters long; the limit is ${MAX_NAME_CHARS}: ${quote(name)}`);
    }

    if (role && !isRole(role)) this.err('role', `unknown role ${quote(role)}; use one of ${ROLES.join(', ')}`);
    const fromOk = this.checkDate(validFrom, 'valid_from');
    const untilOk = this.checkDate(validUntil, 'valid_until');
    // Same-length ISO dates compare correctly as strings.
    if (fromOk && untilOk && validFrom && validUntil && validFrom > validUntil) {
      this.err('valid_until', `valid_until ${validUntil} is before valid_from ${validFrom}`);
    }
    if (!this.rowOk || platform === null || key === null) return true;

    // Rows of one subject usually follow each other: compare with the last row's first.
    let si = this.lastSubject;
    const last = this.subjects[si];
    if (
      !last || last[0] !== name || last[1] !== role || last[2] !== election || last[3] !== party ||
      last[4] !== region || last[5] !== validFrom || last[6] !== validUntil || last[7] !== source
    ) {
      const record: SubjectRecord = [name, role, election, party, region, validFrom, validUntil, source];
      si = this.findOrAddSubject(record);
      this.lastSubject = si;
    }

    let pe = this.entries.get(platform);
    if (!pe) {
      pe = { keys: [], subjects: [], lines: [], at: new Map() };
      this.entries.set(platform, pe);
    }
    const prev = pe.at.get(key);
    if (prev === undefined) {
      pe.at.set(key, pe.keys.length);
      pe.keys.push(key);
      pe.subjects.push(si);
      pe.lines.push(line);
    } else if (pe.subjects[prev] === si) {
      this.duplicates++;
    } else {
      const first = this.subjects[pe.subjects[prev]];
      return this.fail(
        line,
        this.col!.account,
        `${platform} account ${quote(key)} is already listed on line ${pe.lines[prev]} for a different subject (${difference(first, this.subjects[si])})`,
      );
    }
    return true;
  };

  /**
   * The index of an identical subject, or of `record` added as a new one. Keyed by a 32-bit
   * hash of the fields, with the records compared on a hit: a joined string key would cost
   * a 100-byte string per row and seconds of hashing and GC at a million subjects.
   */
  private findOrAddSubject(record: SubjectRecord): number {
    const h = hashRecord(record);
    const hit = this.subjectAt.get(h);
    if (hit !== undefined) {
      if (typeof hit === 'number') {
        if (sameRecord(this.subjects[hit], record)) return hit;
      } else {
        for (const i of hit) if (sameRecord(this.subjects[i], record)) return i;
      }
    }
    const si = this.subjects.length;
    this.subjects.push(record);
    if (hit === undefined) this.subjectAt.set(h, si);
    else if (typeof hit === 'number') this.subjectAt.set(h, [hit, si]);
    else hit.push(si);
    return si;
  }

  private checkDate(v: string, column: Column): boolean {
    if (!v || this.goodDates.has(v)) return true;
    const m = ISO_DATE.exec(v);
    if (!m) {
      this.err(column, `${quote(v)} is not a date in the form YYYY-MM-DD`);
      return false;
    }
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (mo < 1 || mo > 12 || d < 1 || t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
      this.err(column, `${quote(v)} is not a real date`);
      return false;
    }
    this.goodDates.add(v);
    return true;
  }

  finish(options: BuildOptions): BuildResult {
    if (!this.headerDone) this.fail(1, null, 'the file is empty; expected a header row with platform, account, name');
    const { errors, warnings, more } = this;
    if (errors.length > 0) return { ok: false, errors, warnings, truncated: more > 0, more };
    if (this.rows === 0) warnings.push('the file has no data rows; the list will be empty');

    const payloadEntries: ListPayload['entries'] = {};
    const perPlatform: BuildStats['perPlatform'] = {};
    let total = 0;
    for (const p of PLATFORMS) {
      const pe = this.entries.get(p);
      if (!pe || pe.keys.length === 0) continue;
      payloadEntries[p] = { keys: pe.keys, subjects: pe.subjects };
      perPlatform[p] = pe.keys.length;
      total += pe.keys.length;
    }
    const payload: ListPayload = {
      version: options.version,
      issuer: options.issuer,
      createdAt: options.createdAt,
      subjects: this.subjects,
      entries: payloadEntries,
    };
    return {
      ok: true,
      payload,
      warnings,
      stats: { rows: this.rows, entries: total, subjects: this.subjects.length, duplicates: this.duplicates, perPlatform },
    };
  }
}

/** Signs `JSON.stringify(payload)`, exactly what verifySignedList re-creates and checks. */
export async function signPayload(payload: ListPayload, privateKey: CryptoKey, publicKey: string): Promise<SignedList> {
  const signature = await sign(new TextEncoder().encode(JSON.stringify(payload)), privateKey);
  return { format: LIST_FORMAT, publicKey, signature, payload };
}

/** The file a publisher puts online: one line of JSON, keys in this order. */
export function serializeSignedList(list: SignedList): string {
  return JSON.stringify({ format: list.format, publicKey: list.publicKey, signature: list.signature, payload: list.payload });
}

/**
 * `FILE:LINE: column "COL": message`, as the CLI prints it; `column N` for a column the
 * header does not name; no column for a problem of the whole file.
 */
export function formatBuildError(file: string, e: BuildError): string {
  if (e.column) return `${file}:${e.line}: column "${e.column}": ${e.message}`;
  if (e.columnNumber !== undefined) return `${file}:${e.line}: column ${e.columnNumber}: ${e.message}`;
  return `${file}:${e.line}: ${e.message}`;
}

/** The BuildError of a CsvError (decodeUtf8's "not UTF-8" names its line and column). */
export function csvErrorToBuildError(e: CsvError): BuildError {
  const err: BuildError = { line: e.line, column: e.column ?? null, message: e.message };
  if (e.field !== undefined) err.columnNumber = e.field + 1;
  return err;
}

function checkOptions(o: BuildOptions): void {
  if (!Number.isSafeInteger(o.version) || o.version < 1) throw new TypeError(`version must be a positive integer, got ${o.version}`);
  if (typeof o.issuer !== 'string' || CONTROL.test(o.issuer)) throw new TypeError('issuer must be text without control characters');
  if (typeof o.createdAt !== 'string' || !Number.isFinite(Date.parse(o.createdAt))) {
    throw new TypeError(`createdAt must be an ISO time, got ${o.createdAt}`);
  }
}

function readHeader(
  fields: string[],
  line: number,
  fail: (line: number, where: number | Column | null, message: string) => boolean,
  warnings: string[],
): Record<Column, number> | null {
  const col = Object.fromEntries(KNOWN_COLUMNS.map((k) => [k, -1])) as Record<Column, number>;
  let ok = true;
  if (isBlank(fields)) {
    fail(line, null, 'the header row is empty; expected column names such as platform, account, name');
    return null;
  }
  fields.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (!name) {
      warnings.push(`line ${line}: column ${i + 1} has no name and is ignored`);
    } else if ((KNOWN_COLUMNS as readonly string[]).includes(name)) {
      const k = name as Column;
      if (col[k] >= 0) {
        ok = false;
        fail(line, i, `column "${k}" appears twice (columns ${col[k] + 1} and ${i + 1})`);
      } else col[k] = i;
    } else {
      warnings.push(`line ${line}: unknown column ${quote(raw.trim())} is ignored`);
    }
  });
  for (const k of REQUIRED_COLUMNS) {
    if (col[k] < 0) {
      ok = false;
      fail(line, k, `missing required column "${k}"`);
    }
  }
  return ok ? col : null;
}

function isBlank(fields: string[]): boolean {
  for (const f of fields) if (f.trim() !== '') return false;
  return true;
}

/** FNV-1a over the fields, with a separator between them (fields hold no control characters). */
function hashRecord(r: SubjectRecord): number {
  let h = 0x811c9dc5;
  for (let f = 0; f < r.length; f++) {
    const s = r[f];
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x1f, 0x01000193);
  }
  return h >>> 0;
}

function sameRecord(a: SubjectRecord, b: SubjectRecord): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What tells two subjects apart, for the duplicate-key error. */
function difference(a: SubjectRecord, b: SubjectRecord): string {
  for (let i = 0; i < SUBJECT_COLUMNS.length; i++) {
    if (a[i] !== b[i]) return `${SUBJECT_COLUMNS[i]} ${quote(a[i])} vs ${quote(b[i])}`;
  }
  return 'same fields';
}

function quote(s: string): string {
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}…` : s);
}
