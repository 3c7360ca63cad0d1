import { describe, expect, it } from 'vitest';
import { buildPayload, formatBuildError, MAX_ERRORS, type BuildError, type BuildResult } from '../../lib/list/build';

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
/** The errors as `LINE column: message`, for compact assertions. */
function brief(r: BuildResult | BuildError[]): string[] {
  const errs = Array.isArray(r) ? r : r.ok ? [] : r.errors;
  return errs.map((e) => `${e.line} ${e.column ?? '-'}: ${e.message}`);
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
      '10 -: row has 7 fields; the header has 10',
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

  it('reports a CSV syntax error with its line, with the row errors before it', () => {
    const errs = errorsOf('platform,account,name\nx,,A\nx,@b,"unclosed\n');
    expect(brief(errs)).toEqual(['2 account: account is empty', '3 -: a quoted field opened on line 3 is never closed (missing ")']);
  });

  it(`stops after ${MAX_ERRORS} errors and says so`, () => {
    const rows = Array.from({ length: 150 }, (_, i) => `x,not valid ${i},N`);
    const r = buildPayload(['platform,account,name', ...rows].join('\n'), OPTS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(MAX_ERRORS);
    expect(r.truncated).toBe(true);
    expect(r.errors[99].line).toBe(101);
    const exactly = buildPayload(['platform,account,name', ...rows.slice(0, MAX_ERRORS)].join('\n'), OPTS);
    expect(!exactly.ok && exactly.truncated).toBe(false);
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
    expect(formatBuildError('a.csv', { line: 9, column: null, message: 'bad' })).toBe('a.csv:9: bad');
  });
});
