// @vitest-environment node
/**
 * Fuzz (issue 11, item 7), suite 3: malformed CSVs through the list builder, buildPayload
 * (lib/list/build.ts), the function `npm run list -- build` runs; one failing case per
 * thousand also goes through the CLI itself, which must write nothing.
 *
 * Each case is a valid CSV (random column order, quoting, line endings, BOM, blank lines,
 * an unknown multi-line column), then either:
 * - targeted faults (1–3 rows, one fault each, or a quoting error, or a header fault) whose
 *   line — and column — are known: the build must fail and name each faulty line (and the
 *   column, when the error object carries one), and no other line;
 * - random damage (byte flips, truncation, garbage, huge or odd text): the verdict is not
 *   known, but an error must name a line of the file, and a build that succeeds must make a
 *   list the extension accepts (parseSignedList + verifySignedList).
 * Nothing may throw.
 *
 * FUZZ_N (cases, default 1200) and FUZZ_SEED: see tests/support/fuzz.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it, onTestFailed } from 'vitest';
import { buildPayload, KNOWN_COLUMNS, MAX_ERRORS, signPayload, type BuildError, type BuildResult } from '../../lib/list/build';
import { importPrivatePem, publicKeyFromPrivatePem, type ListKeyPair } from '../../lib/list/signature';
import { parseSignedList, verifySignedList } from '../../lib/list/verify';
import { ROLES } from '../../lib/model';
import { ROOT } from '../support/cli';
import { FuzzRun, Rng, ed25519Pem, flipBytes, fuzzSettings, hash32, hugeString, oddString, polluted, timeoutFor, truncate, utf8 } from '../support/fuzz';

const settings = fuzzSettings(1200);
const OPTS = { version: 9, issuer: 'KPU Fuzz', createdAt: '2029-01-01T00:00:00Z' };
const REQUIRED = ['platform', 'account', 'name'] as const;
const OPTIONAL = ['role', 'election', 'party', 'region', 'valid_from', 'valid_until', 'source'] as const;
/** An unknown column: a warning, and it may hold anything, line breaks included. */
const NOTE = 'catatan';

let keys: ListKeyPair;
let privateKey: CryptoKey;
beforeAll(async () => {
  const privatePem = ed25519Pem(new Rng(hash32(`${settings.seed}:csv:key`)));
  keys = { privatePem, publicKey: await publicKeyFromPrivatePem(privatePem) };
  privateKey = await importPrivatePem(keys.privatePem);
});

type Row = Record<string, string>;

const NAMES = ['Budi Santoso', 'Capres Fuzz, S.H.', 'Siti “Bu Siti” Aminah', 'Partai "Maju"', 'Kanal 😀 Rakyat', 'Dr. H. Ahmad, M.Si.', 'İbrahim Ölçer', 'نور'];
const TEXTS = ['', 'pemilu-2029', 'Partai Uji', 'Dapil I, Jawa', 'KPU "Pusat"', 'Kab. Contoh', 'Tim — Relawan', ' spasi '];

function validRow(rng: Rng, i: number, cols: string[]): Row {
  const platform = rng.pick(['x', 'facebook', 'X', ' facebook ']);
  const tag = `${String(i).padStart(2, '0')}${String(rng.int(100_000)).padStart(5, '0')}`;
  const account = platform.trim().toLowerCase() === 'x'
    ? rng.pick([`@fz${tag}`, `https://x.com/fz${tag}`, `id:${tag}`, `https://twitter.com/fz${tag}/status/1`])
    : rng.pick([`fuzz.row${tag}`, `https://www.facebook.com/fuzz.row${tag}`, `id:${tag}`]);
  const row: Row = { platform, account, name: rng.pick(NAMES) };
  if (cols.includes('role')) row.role = rng.bool(0.7) ? rng.pick(ROLES) : rng.pick(['', 'DPR', ' Bupati ']);
  for (const c of ['election', 'party', 'region', 'source']) if (cols.includes(c)) row[c] = rng.pick(TEXTS);
  if (cols.includes('valid_from')) row.valid_from = rng.pick(['', '2029-01-01', '2028-02-29']);
  if (cols.includes('valid_until')) row.valid_until = rng.pick(['', '2030-12-31', '2029-03-01']);
  if (cols.includes(NOTE)) row[NOTE] = rng.pick(['', 'baris\nkedua', 'a,b', 'x"y', 'satu\r\ndua\rtiga', '\u0007 control ok here']);
  return row;
}

/** A field as a spreadsheet writes it: quoted when it must be (and sometimes when not). */
function field(rng: Rng, v: string): string {
  if (/[",\r\n]/.test(v) || rng.bool(0.1)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

/** Line breaks as the parser counts them: CRLF, LF and a lone CR once each. */
function lineBreaks(s: string): number {
  let n = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 10) n++;
    else if (c === 13 && s.charCodeAt(k + 1) !== 10) n++;
  }
  return n;
}

interface Csv {
  text: string;
  /** The physical line each data row starts on. */
  lines: number[];
}

/** Writes header + rows; `raw` overrides a row's whole serialised text (for faults). */
function write(rng: Rng, header: string[], rows: Array<Row | string>, eol: string): Csv {
  let text = rng.bool(0.1) ? '\ufeff' : '';
  text += header.map((h) => field(rng, h)).join(',');
  let line = 1 + lineBreaks(text);
  const lines: number[] = [];
  for (const r of rows) {
    while (rng.bool(0.08)) {
      text += eol;
      line++;
    }
    text += eol;
    line++;
    const s = typeof r === 'string' ? r : header.map((h) => field(rng, r[h.trim().toLowerCase()] ?? '')).join(',');
    lines.push(line);
    text += s;
    line += lineBreaks(s);
  }
  if (rng.bool(0.5)) text += eol;
  return { text, lines };
}

interface Expect {
  line: number;
  /** The column the error must name when it names one; null: any (or none). */
  column: string | null;
  /** 1-based position of that column in the header. */
  columnNumber?: number;
  fault: string;
}

/** One fault in `row` (in place); returns what the error must say, or null if none applies. */
function faultRow(rng: Rng, row: Row, cols: string[], earlier: Row[]): { column: string | null; fault: string; raw?: string } | null {
  const has = (c: string) => cols.includes(c);
  const options: string[] = ['platform', 'platform-empty', 'account', 'account-empty', 'name-empty', 'name-long', 'control', 'fields-more', 'fields-less'];
  if (has('role')) options.push('role');
  if (has('valid_from')) options.push('date', 'date-unreal');
  if (has('valid_from') && has('valid_until')) options.push('date-order');
  if (earlier.length > 0) options.push('duplicate');
  const fault = rng.pick(options);
  switch (fault) {
    case 'platform':
      row.platform = rng.pick(['myspace', 'twitter', 'x.com', 'fb', 'ｘ', '😀']);
      return { column: 'platform', fault };
    case 'platform-empty':
      row.platform = rng.pick(['', '  ']);
      return { column: 'platform', fault };
    case 'account':
      row.platform = 'x';
      row.account = rng.pick(['@', '@with space', 'id:12ab', 'id:', 'https://example.com/somebody', '@a/b', 'id:123456789012345678901']);
      return { column: 'account', fault };
    case 'account-empty':
      row.account = '';
      return { column: 'account', fault };
    case 'name-empty':
      row.name = rng.pick(['', '   ']);
      return { column: 'name', fault };
    case 'name-long':
      row.name = rng.pick(['é', '😀', 'a', 'ب']).repeat(rng.range(201, 400));
      return { column: 'name', fault };
    case 'control': {
      const c = rng.pick(cols.filter((x) => x !== NOTE && row[x] !== undefined && x !== 'valid_from' && x !== 'valid_until'));
      const v = row[c] || 'x';
      const at = rng.int(v.length + 1);
      row[c] = v.slice(0, at) + rng.pick(['\u0000', '\u0001', '\t', '\u001e', '\u001f', '\u007f', '\u000b', '\u000c']) + v.slice(at);
      return { column: c, fault: `control in ${c}` };
    }
    case 'role':
      row.role = rng.pick(['raja', 'presiden!', 'capres', 'wakil presiden']);
      return { column: 'role', fault };
    case 'date':
      row.valid_from = rng.pick(['2029/01/01', '29-01-01', '2029-1-1', 'besok', '2029-01-01T00:00']);
      return { column: 'valid_from', fault };
    case 'date-unreal':
      row.valid_from = rng.pick(['2029-02-30', '2029-13-01', '2029-00-10', '2029-04-31', '2029-02-29']);
      return { column: 'valid_from', fault };
    case 'date-order':
      row.valid_from = '2030-05-02';
      row.valid_until = '2030-05-01';
      return { column: 'valid_until', fault };
    case 'duplicate': {
      const first = rng.pick(earlier);
      row.platform = first.platform;
      row.account = first.account;
      row.name = `${first.name.trim()} Lain`;
      return { column: 'account', fault };
    }
    default:
      return { column: null, fault };
  }
}

type Mode = 'rows' | 'quote' | 'header' | 'random';

interface Case {
  text: string;
  mode: Mode;
  /** For the targeted modes: the errors that must be reported, and no others. */
  expect?: Expect[];
  note: string;
}

function makeCase(rng: Rng): Case {
  const optional = OPTIONAL.filter(() => rng.bool(0.6));
  const cols: string[] = rng.shuffle([...REQUIRED, ...optional, ...(rng.bool(0.3) ? [NOTE] : [])]);
  const header = cols.map((c) => (rng.bool(0.15) ? c.toUpperCase() : rng.bool(0.1) ? ` ${c} ` : c));
  const eol = rng.pick(['\n', '\r\n', '\r']);
  const n = rng.range(1, 8);
  const rows: Row[] = Array.from({ length: n }, (_, i) => validRow(rng, i, cols));
  const mode: Mode = rng.weighted([
    ['rows', 50],
    ['quote', 12],
    ['header', 10],
    ['random', 28],
  ] as const);

  if (mode === 'rows') {
    const picked = rng.shuffle(rows.map((_, i) => i)).slice(0, rng.range(1, Math.min(3, n)));
    const faults = new Map<number, { column: string | null; fault: string }>();
    const raw = new Map<number, string>();
    for (const i of picked.sort((a, b) => a - b)) {
      const earlier = rows.slice(0, i).filter((_, j) => !faults.has(j) && !picked.includes(j));
      const f = faultRow(rng, rows[i], cols, earlier);
      if (!f) continue;
      faults.set(i, f);
      if (f.fault === 'fields-more') raw.set(i, `${cols.map((c) => field(rng, rows[i][c] ?? '')).join(',')},${rng.pick(['x', '', '"y"'])}`);
      if (f.fault === 'fields-less') raw.set(i, cols.slice(0, cols.length - 1).map((c) => field(rng, rows[i][c] || 'x')).join(','));
    }
    const csv = write(rng, header, rows.map((r, i) => raw.get(i) ?? r), eol);
    if (faults.size === 0) return { text: csv.text, mode: 'random', note: 'no fault applied' };
    const expect: Expect[] = [...faults].map(([i, f]) => ({
      line: csv.lines[i],
      column: f.column,
      columnNumber: f.column === null ? undefined : cols.indexOf(f.column) + 1,
      fault: f.fault,
    }));
    return { text: csv.text, mode, expect, note: expect.map((e) => `${e.fault}@${e.line}`).join(', ') };
  }

  if (mode === 'quote') {
    // An unclosed quote in the last row (so no quote follows it), or text after a closing
    // quote. Every other field is written plainly, so no other quote can pair with the stray one.
    const unclosed = rng.bool();
    const i = unclosed ? n - 1 : rng.int(n);
    const c = rng.int(cols.length);
    const clean = (v: string) => v.replace(/["\r\n,]/g, ' ');
    const cells = cols.map((col) => clean(rows[i][col] ?? ''));
    cells[c] = unclosed ? `"${rng.pick(['abc', 'tanpa penutup', ''])}` : `"${rng.pick(['ab', 'Budi'])}"${rng.pick(['x', ' ', 'c"d'])}`;
    let text = cols.join(',');
    rows.forEach((r, j) => {
      text += eol + (j === i ? cells.join(',') : cols.map((col) => clean(r[col] ?? '')).join(','));
    });
    if (rng.bool()) text += eol;
    return { text, mode, expect: [{ line: i + 2, column: null, fault: unclosed ? 'unclosed quote' : 'text after closing quote' }], note: `quote@${i + 2}` };
  }

  if (mode === 'header') {
    const kind = rng.pick(['missing', 'twice', 'empty-file', 'blank-header']);
    if (kind === 'missing') {
      const gone = rng.pick(REQUIRED);
      const keep = cols.filter((c) => c !== gone);
      const csv = write(rng, keep, rows, eol);
      return { text: csv.text, mode, expect: [{ line: 1, column: gone, fault: `missing ${gone}` }], note: `missing ${gone}` };
    }
    if (kind === 'twice') {
      const twice = rng.pick(cols.filter((c) => c !== NOTE));
      const h = [...cols, twice];
      const csv = write(rng, h, rows, eol);
      return { text: csv.text, mode, expect: [{ line: 1, column: twice, columnNumber: h.length, fault: `${twice} twice` }], note: `${twice} twice` };
    }
    if (kind === 'empty-file') return { text: rng.pick(['', '\ufeff']), mode, expect: [{ line: 1, column: null, fault: 'empty file' }], note: 'empty' };
    return { text: `${rng.pick(['', ' ', ',,', ' , '])}${eol}${eol}x,@a,B`, mode, expect: [{ line: 1, column: null, fault: 'blank header' }], note: 'blank header' };
  }

  // Random damage to a valid file.
  const csv = write(rng, header, rows, eol);
  const how = rng.pick(['flip', 'truncate', 'garbage', 'odd', 'huge', 'shuffle', 'dup-line', 'quote']);
  let text = csv.text;
  switch (how) {
    case 'flip':
      text = new TextDecoder().decode(flipBytes(rng, utf8(text), rng.range(1, 4)).bytes);
      break;
    case 'truncate':
      text = truncate(rng, text);
      break;
    case 'garbage': {
      const at = rng.int(text.length + 1);
      text = text.slice(0, at) + oddString(rng, rng.range(1, 20)) + text.slice(at);
      break;
    }
    case 'odd': {
      const at = rng.int(text.length + 1);
      text = text.slice(0, at) + rng.pick([',', '"', '\n', '\r', '""', '",', ',"', '\u0000', '\ufeff', '\u2028']) + text.slice(at);
      break;
    }
    case 'huge': {
      const at = text.lastIndexOf(',') + 1;
      text = text.slice(0, at) + hugeString(rng, 300_000) + text.slice(at);
      break;
    }
    case 'shuffle': {
      const parts = text.split(eol);
      text = [parts[0], ...rng.shuffle(parts.slice(1))].join(eol);
      break;
    }
    case 'dup-line': {
      const parts = text.split(eol);
      const k = rng.int(parts.length);
      parts.splice(k, 0, parts[k]);
      text = parts.join(eol);
      break;
    }
    default:
      text = text.replace(/"/g, () => (rng.bool(0.3) ? '' : '"'));
  }
  return { text, mode: 'random', note: how };
}

/** Problems with a failed result's errors, whatever the input. */
function errorShapeProblems(r: Extract<BuildResult, { ok: false }>, text: string): string[] {
  const out: string[] = [];
  const maxLine = 1 + lineBreaks(text);
  if (!Array.isArray(r.errors) || r.errors.length === 0) return ['a failed build without errors'];
  if (r.errors.length > MAX_ERRORS) out.push(`${r.errors.length} errors, more than MAX_ERRORS`);
  if ('payload' in r) out.push('a failed build carries a payload');
  for (const e of r.errors) {
    if (!Number.isInteger(e.line) || e.line < 1 || e.line > maxLine) out.push(`line ${e.line} is not a line of the file (1–${maxLine})`);
    if (typeof e.message !== 'string' || e.message === '') out.push('an error without a message');
    if (e.column !== null && e.column !== undefined && (typeof e.column !== 'string' || e.column === '')) out.push(`column ${JSON.stringify(e.column)}`);
    const num = (e as BuildError & { columnNumber?: unknown }).columnNumber;
    if (num !== undefined && (!Number.isInteger(num) || (num as number) < 1)) out.push(`columnNumber ${String(num)}`);
  }
  return out;
}

it(`list builder: ${settings.n} malformed CSVs; every bad CSV is refused with its lines, nothing throws`, { timeout: timeoutFor(settings.n, 4) }, async () => {
  const run = new FuzzRun('csv', settings);
  onTestFailed(() => console.error(run.onAbort()));
  const cliBudget = Math.max(1, Math.round(settings.n / 1000));
  const forCli: Case[] = [];

  for (let i = 0; i < settings.n; i++) {
    const rng = run.caseRng(i);
    const c = makeCase(rng);
    const cls = c.mode;
    run.current = `case ${i} [${cls}: ${c.note}]`;
    let r: BuildResult;
    try {
      r = buildPayload(c.text, OPTS);
    } catch (e) {
      run.count('exceptions', cls);
      run.fail(i, cls, `buildPayload threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} (${c.note})`, c.text);
      continue;
    }
    run.count('cases', cls);
    if (polluted()) run.fail(i, cls, 'Object.prototype was polluted', c.text);

    if (!r.ok) {
      run.count('refused', cls);
      const shape = errorShapeProblems(r, c.text);
      run.check(shape.length === 0, i, cls, () => `${shape.slice(0, 3).join('; ')} (${c.note})`, c.text);
    }
    if (c.expect) {
      if (r.ok) {
        run.fail(i, cls, `a CSV with ${c.note} was built`, c.text);
        continue;
      }
      for (const want of c.expect) {
        const at = r.errors.filter((e) => e.line === want.line);
        if (!run.check(at.length > 0, i, cls, () => `no error names line ${want.line} (${want.fault}); got ${r.errors.map((e) => `${e.line}:${e.column}`).join(', ')}`, c.text)) continue;
        // The column, when the error object names one (a known column by its canonical name).
        const named = at.filter((e) => e.column);
        if (want.column !== null && named.length > 0) {
          run.check(named.some((e) => e.column!.trim().toLowerCase() === want.column), i, cls, () => `line ${want.line} (${want.fault}): column ${named.map((e) => e.column).join('/')}, want ${want.column}`, c.text);
        }
        const numbered = at.filter((e) => (e as { columnNumber?: number }).columnNumber !== undefined);
        if (want.columnNumber !== undefined && want.column !== null && numbered.length > 0 && c.mode === 'rows') {
          run.check(numbered.some((e) => (e as { columnNumber?: number }).columnNumber === want.columnNumber), i, cls, () => `line ${want.line} (${want.fault}): column number ${numbered.map((e) => (e as { columnNumber?: number }).columnNumber).join('/')}, want ${want.columnNumber}`, c.text);
        }
      }
      const lines = new Set(c.expect.map((e) => e.line));
      const stray = r.errors.filter((e) => !lines.has(e.line));
      run.check(stray.length === 0, i, cls, () => `errors on lines without a fault: ${stray.map((e) => `${e.line}: ${e.message}`).join(' | ').slice(0, 300)} (${c.note})`, c.text);
      if (forCli.length < cliBudget && c.text.length < 10_000) forCli.push(c);
      continue;
    }
    if (r.ok) {
      // Whatever got through must make a list the extension accepts.
      try {
        const signed = await signPayload(r.payload, privateKey, keys.publicKey);
        await verifySignedList(parseSignedList(JSON.stringify(signed)), [keys.publicKey]);
        run.count('accepted-valid', cls);
      } catch (e) {
        run.count('accepted-invalid', cls);
        run.fail(i, cls, `built a list the extension refuses: ${e instanceof Error ? e.message : String(e)} (${c.note})`, c.text);
      }
    }
  }

  // The CLI itself: exit status 1, every faulty line printed, nothing written.
  const dir = mkdtempSync(join(tmpdir(), 'jn-fuzz-csv-'));
  writeFileSync(join(dir, 'key.pem'), keys.privatePem, { mode: 0o600 });
  for (const [k, c] of forCli.entries()) {
    const inPath = join(dir, `in-${k}.csv`);
    const outPath = join(dir, `out-${k}.json`);
    writeFileSync(inPath, c.text);
    const p = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/list.ts'), 'build', '--in', inPath, '--key', join(dir, 'key.pem'), '--out', outPath, '--version', '9', '--issuer', 'Fuzz'], { encoding: 'utf8', cwd: ROOT });
    run.count('cli-cases', 'cli');
    run.check(p.status === 1, -1, 'cli', () => `npm run list -- build exited ${p.status} for ${c.note}: ${p.stderr.slice(0, 300)}`, c.text);
    run.check(!existsSync(outPath), -1, 'cli', () => `npm run list -- build wrote ${outPath} for ${c.note}`, c.text);
    for (const e of c.expect!) run.check(p.stderr.includes(`${inPath}:${e.line}:`), -1, 'cli', () => `the CLI did not print line ${e.line} (${e.fault}): ${p.stderr.slice(0, 300)}`, c.text);
  }
  run.finish();
  expect(KNOWN_COLUMNS).toContain('platform');
});
