import { describe, expect, it } from 'vitest';
import { buildPayload, csvErrorToBuildError, formatBuildError, MAX_ERRORS, type BuildError, type BuildResult } from '../../lib/list/build';
import { CsvError } from '../../lib/list/csv';

const OPTS = { version: 7, issuer: 'KPU Contoh', createdAt: '2026-11-01T00:00:00.000Z' };
const HEADER = 'platform,account,name,role,election,party,region,valid_from,valid_until,source';

function ok(csv: string) {
  const r = buildPayload(csv, OPTS);
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.errors)}`);
  return r;
}
function errorsOf(csv: string): BuildError[] {
  const r = buildPayload(csv, OPTS);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
}
/** The errors as `LINE column: message` (`#N` for a column without a name), for compact assertions. */
function brief(r: BuildResult | BuildError[]): string[] {
  const errs = Array.isArray(r) ? r : r.ok ? [] : r.errors;
  return errs.map((e) => `${e.line} ${e.column ?? (e.columnNumber ? `#${e.columnNumber}` : '-')}: ${e.message}`);
}

describe('building a list payload from CSV', () => {
  it('canonicalises accounts and groups rows into subjects', () => {
    const r = ok(
      [
        HEADER,
        'x,@Capres_Contoh_A,Capres A,presiden,pemilu-2029,Partai P,Nasional,,,KPU-1',
        'x,https://twitter.com/capres_contoh_a/status/1,Capres A,presiden,pemilu-2029,Partai P,Nasional,,,KPU-1',
        'facebook,https://www.facebook.com/capres.contoh.a,Capres A,presiden,pemilu-2029,Partai P,Nasional,,,KPU-1',
        'x,id:1000000001,Capres A,presiden,pemilu-2029,Partai P,Nasional,,,KPU-1',
        'X,@cabup_c,Calon Bupati C,Bupati,pilkada-2031,,,2030-01-01,2031-12-31,',
      ].join('\n'),
    );
    expect(r.payload).toEqual({
      version: 7,
      issuer: 'KPU Contoh',
      createdAt: '2026-11-01T00:00:00.000Z',
      subjects: [
        ['Capres A', 'presiden', 'pemilu-2029', 'Partai P', 'Nasional', '', '', 'KPU-1'],
        ['Calon Bupati C', 'bupati', 'pilkada-2031', '', '', '2030-01-01', '2031-12-31', ''],
      ],
      entries: {
        x: { keys: ['@capres_contoh_a', 'id:1000000001', '@cabup_c'], subjects: [0, 0, 1] },
        facebook: { keys: ['@caprescontoha'], subjects: [0] },
      },
    });
    expect(r.stats).toMatchObject({ rows: 5, entries: 4, subjects: 2, duplicates: 1, perPlatform: { x: 3, facebook: 1 } });
    expect(r.warnings).toEqual([]);
  });

  it('accepts any column order, optional columns absent, quoted fields and a BOM', () => {
    const r = ok('\ufeffname,account,platform\r\n"Partai ""Contoh"", Bersatu",@partaicontoh,x\r\n');
    expect(r.payload.subjects).toEqual([['Partai "Contoh", Bersatu', '', '', '', '', '', '', '']]);
    expect(r.payload.entries).toEqual({ x: { keys: ['@partaicontoh'], subjects: [0] } });
  });

  it('treats rows that differ in any subject field as different subjects', () => {
    const r = ok('platform,account,name,party\nx,@a1,Budi,P1\nx,@a2,Budi,P2\nx,@a3,Budi,P1\n');
    expect(r.payload.subjects.map((s) => s[3])).toEqual(['P1', 'P2']);
    expect(r.payload.entries.x?.subjects).toEqual([0, 1, 0]);
  });

  it('skips blank lines (including empty spreadsheet rows) but keeps line numbers', () => {
    const r = buildPayload('platform,account,name\n\nx,@a1,A\n,,\n   \nx,not valid!,B\n', OPTS);
    expect(brief(r)).toEqual(['6 account: "not valid!" is not a valid x account']);
    expect(ok('platform,account,name\n\nx,@a1,A\n,,\n').stats.rows).toBe(1);
  });

  it('warns about each unknown column and ignores its content', () => {
    const r = ok('platform,account,name,notes,Twitter Followers\nx,@a1,A,"anything\ngoes",12\n');
    expect(r.warnings).toEqual(['line 1: unknown column "notes" is ignored', 'line 1: unknown column "Twitter Followers" is ignored']);
    expect(r.payload.subjects).toEqual([['A', '', '', '', '', '', '', '']]);
  });

  it('reads header names case-insensitively, ignoring surrounding spaces', () => {
    expect(ok(' Platform , ACCOUNT,Name\nx,@a1,A\n').stats.entries).toBe(1);
  });

  it('reports each missing required column on line 1', () => {
    const errs = errorsOf('platform,nama,handle\nx,A,@a\n');
    expect(brief(errs)).toEqual(['1 account: missing required column "account"', '1 name: missing required column "name"']);
  });

  it('reports a column given twice, and an empty file', () => {
    expect(brief(errorsOf('platform,account,name,name\n'))[0]).toMatch(/^1 name: column "name" appears twice/);
    expect(brief(errorsOf(''))).toEqual(['1 -: the file is empty; expected a header row with platform, account, name']);
  });

  it('collects every row error with its line and column before failing', () => {
    const csv = [
      HEADER, // 1
      'x,@ok_one,Good,,,,,,,', // 2
      'twitter,@a,A,,,,,,,', // 3
      'x,,B,,,,,,,', // 4
      'x,@b,,,,,,,,', // 5
      'x,@c,C,capres,,,,,,', // 6
      'x,@d,D,,,,,2029-02-30,,', // 7
      'x,@e,E,,,,,,31/12/2029,', // 8
      'x,@f,F,,,,,2030-01-02,2030-01-01,', // 9
      'x,@g,G,,,,', // 10
      'instagram,bad handle!,H,,,,,,,', // 11
      'x,"@h","Budi\tSantoso",,,,,,,', // 12
      `x,@ii,${'N'.repeat(201)},,,,,,,`, // 13
    ].join('\n');
    expect(brief(errorsOf(csv))).toEqual([
      '3 platform: unknown platform "twitter"; use one of x, facebook, instagram, tiktok, youtube, threads',
      '4 account: account is empty',
      '5 name: name is empty',
      expect.stringMatching(/^6 role: unknown role "capres"; use one of presiden, wakil-presiden,/),
      '7 valid_from: "2029-02-30" is not a real date',
      '8 valid_until: "31/12/2029" is not a date in the form YYYY-MM-DD',
      '9 valid_until: valid_until 2030-01-01 is before valid_from 2030-01-02',
      '10 valid_from: row has 7 fields; the header has 10: the row ends before this column (a missing comma, or a line break in an unquoted value?)',
      '11 account: "bad handle!" is not a valid instagram account',
      '12 name: contains a control character (U+0009) in "Budi\\tSantoso"',
      expect.stringMatching(/^13 name: name is 201 characters long; the limit is 200/),
    ]);
  });

  it('counts name length in characters, not UTF-16 units', () => {
    expect(ok(`platform,account,name\nx,@a,${'😀'.repeat(200)}\n`).stats.entries).toBe(1);
  });

  it('rejects line breaks and separators inside quoted fields (they would corrupt the shard)', () => {
    const errs = errorsOf('platform,account,name,source\nx,@a,"Two\nlines",\nx,@b,B,"a\u001eb"\n');
    expect(brief(errs)).toEqual([
      '2 name: contains a control character (U+000A) in "Two\\nlines"',
      '4 source: contains a control character (U+001E) in "a\\u001eb"',
    ]);
  });

  it('deduplicates a key repeated for the same subject', () => {
    const r = ok('platform,account,name\nx,@dup,A\nx,https://x.com/DUP,A\nx,@dup,A\n');
    expect(r.payload.entries.x).toEqual({ keys: ['@dup'], subjects: [0] });
    expect(r.stats.duplicates).toBe(2);
  });

  it('refuses one key for two different subjects, naming both lines and the difference', () => {
    const errs = errorsOf('platform,account,name,role\nx,@dup,Calon A,dpr\nx,@other,B,\nx,https://x.com/dup,Calon A,dpd\n');
    expect(brief(errs)).toEqual([
      '4 account: x account "@dup" is already listed on line 2 for a different subject (role "dpr" vs "dpd")',
    ]);
    // The same key on another platform is another account.
    expect(ok('platform,account,name\nx,@same,A\ninstagram,@same,B\n').stats.entries).toBe(2);
  });

  it('reports a CSV syntax error with its line and column, with the row errors before it', () => {
    const errs = errorsOf('platform,account,name\nx,,A\nx,@b,"unclosed\n');
    expect(brief(errs)).toEqual(['2 account: account is empty', '3 name: a quoted field opened on line 3 is never closed (missing ")']);
  });

  it('goes on after a quoting error at the next line, so every bad row is reported in one run', () => {
    const csv = [
      'platform,account,name,role,notes', // 1
      'x,@a1,A,,', // 2
      'x,@a2,"Unclosed,dpr,', // 3: never closed
      'x,,B,,', // 4
      'x,@a3,C,"dpr"x,', // 5: text after a closing quote
      'myspace,@a4,D,,', // 6
      'x,@a5,"Two', // 7: a quoted field over two lines…
      'lines"!,,', // 8: …with text after its closing quote
      'x,@a6,E,,"fine ""quoted"" note"', // 9
      'x,@a7,F,,"bad"note', // 10: in an unknown column
      'x,@a8,G,capres,', // 11
      'x,@a1,A,,', // 12: a duplicate of line 2, fine
    ].join('\n');
    const check = 'a quote inside a quoted field must be doubled ("")';
    expect(brief(errorsOf(csv))).toEqual([
      // The quote on line 3 is closed by the first quote on line 5: reported where it opened…
      `3 name: a quoted field opened on line 3 is not closed on that line; its closing quote was taken to be the one on line 5, which is followed by unexpected text "dpr\\"x,"; check the quotes on lines 3–5 (${check})`,
      // …and lines 4 and 5 are read again as rows of their own.
      '4 account: account is empty',
      `5 role: unexpected text after a closing quote: "x,"; ${check}`,
      '6 platform: unknown platform "myspace"; use one of x, facebook, instagram, tiktok, youtube, threads',
      `7 name: a quoted field opened on line 7 is not closed on that line; its closing quote was taken to be the one on line 8, which is followed by unexpected text "!,,"; check the quotes on lines 7–8 (${check})`,
      '8 role: row has 3 fields; the header has 5: the row ends before this column (a missing comma, or a line break in an unquoted value?)',
      `10 notes: unexpected text after a closing quote: "note"; ${check}`,
      expect.stringMatching(/^11 role: unknown role "capres"/),
    ]);
    // A quote never closed at all: the rows after it are read as well.
    expect(brief(errorsOf('platform,account,name\nx,@a,"Open\nx,,B\nx,@c,\n'))).toEqual([
      '2 name: a quoted field opened on line 2 is never closed (missing ")',
      '3 account: account is empty',
      '4 name: name is empty',
    ]);
  });

  it('names the column of every row error: by the header, or by position where the header has none', () => {
    const csv = ['platform,account,name,,source', 'x,@a,A,,', 'x,@b,B,,,extra', 'x,@c,C,"x"y,', 'x,@d'].join('\n');
    expect(brief(errorsOf(csv))).toEqual([
      '3 #6: row has 6 fields; the header has 5: this column and those after it have no header (an unquoted comma in a value?)',
      '4 #4: unexpected text after a closing quote: "y,"; a quote inside a quoted field must be doubled ("")',
      '5 name: row has 2 fields; the header has 5: the row ends before this column (a missing comma, or a line break in an unquoted value?)',
    ]);
    // A broken header: its line and position; no row can be read without it.
    expect(brief(errorsOf('platform,"account"x,name\nx,,A\n'))).toEqual([
      '1 #2: unexpected text after a closing quote: "x,name"; a quote inside a quoted field must be doubled ("")',
    ]);
    // Every error of a file names a column, but for the file as a whole.
    const all = errorsOf(['platform,account,name,valid_from', 'x,,,2029-13-01', 'y,"a"b,N,', 'x,@a,N', 'x,@b,N,,,'].join('\n'));
    expect(all).toHaveLength(6);
    for (const e of all) expect(e.column !== null || e.columnNumber !== undefined, JSON.stringify(e)).toBe(true);
    for (const e of all) expect(e.columnNumber, JSON.stringify(e)).toBeDefined();
  });

  it(`reports the first ${MAX_ERRORS} errors and counts the rest, reading the whole file`, () => {
    const rows = Array.from({ length: 150 }, (_, i) => (i === 120 ? 'x,"unclosed,N' : `x,not valid ${i},N`));
    const r = buildPayload(['platform,account,name', ...rows, 'x,@ok,N', 'x,,N'].join('\n'), OPTS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(MAX_ERRORS);
    expect(r.truncated).toBe(true);
    // 150 bad rows (one a quoting error) and the empty account after them.
    expect(r.more).toBe(51);
    expect(r.errors[99].line).toBe(101);
    const exactly = buildPayload(['platform,account,name', ...rows.slice(0, MAX_ERRORS)].join('\n'), OPTS);
    expect(!exactly.ok && [exactly.truncated, exactly.more]).toEqual([false, 0]);
  });

  it('warns, without failing, when there are no data rows', () => {
    const r = ok('platform,account,name\n');
    expect(r.payload.entries).toEqual({});
    expect(r.warnings).toEqual(['the file has no data rows; the list will be empty']);
  });

  it('checks its options', () => {
    expect(() => buildPayload('platform,account,name\n', { ...OPTS, version: 0 })).toThrow(/version/);
    expect(() => buildPayload('platform,account,name\n', { ...OPTS, version: 1.5 })).toThrow(/version/);
    expect(() => buildPayload('platform,account,name\n', { ...OPTS, createdAt: 'yesterday' })).toThrow(/createdAt/);
  });

  it('formats an error as FILE:LINE: column "COL": message', () => {
    expect(formatBuildError('a.csv', { line: 4, column: 'account', message: 'bad' })).toBe('a.csv:4: column "account": bad');
    expect(formatBuildError('a.csv', { line: 4, column: 'account', columnNumber: 2, message: 'bad' })).toBe('a.csv:4: column "account": bad');
    expect(formatBuildError('a.csv', { line: 5, column: null, columnNumber: 7, message: 'bad' })).toBe('a.csv:5: column 7: bad');
    expect(formatBuildError('a.csv', { line: 9, column: null, message: 'bad' })).toBe('a.csv:9: bad');
  });

  it('turns a "not UTF-8" CsvError into a BuildError with its line and column', () => {
    expect(csvErrorToBuildError(new CsvError(3, 'not UTF-8', 2, 'name'))).toEqual({ line: 3, column: 'name', columnNumber: 3, message: 'not UTF-8' });
    expect(csvErrorToBuildError(new CsvError(1, 'not UTF-8', 0))).toEqual({ line: 1, column: null, columnNumber: 1, message: 'not UTF-8' });
  });
});
