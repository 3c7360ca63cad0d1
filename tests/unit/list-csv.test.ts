import { describe, expect, it } from 'vitest';
import { CsvError, decodeUtf8, forEachCsvRecord, parseCsv } from '../../lib/list/csv';

const rows = (text: string) => parseCsv(text).map((r) => r.fields);
const lines = (text: string) => parseCsv(text).map((r) => r.line);

describe('CSV parser (RFC 4180)', () => {
  it('splits plain fields and records, with LF or CRLF', () => {
    expect(rows('a,b,c\n1,2,3\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(rows('a,b,c\r\n1,2,3\r\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
    expect(rows('a,b\r1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(rows('a,,c\n,,\n1,2,')).toEqual([['a', '', 'c'], ['', '', ''], ['1', '2', '']]);
  });

  it('does not make a record of the final line break, but reports blank lines', () => {
    expect(rows('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
    expect(rows('')).toEqual([]);
  });

  it('strips a UTF-8 BOM and keeps non-ASCII text', () => {
    expect(rows('\ufeffplatform,name\nx,Budi Santoso — “Pak Budi” é\n')).toEqual([
      ['platform', 'name'],
      ['x', 'Budi Santoso — “Pak Budi” é'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(rows('"a,b","say ""hi""","line1\nline2","",x\n')).toEqual([['a,b', 'say "hi"', 'line1\nline2', '', 'x']]);
    expect(rows('"solo"')).toEqual([['solo']]);
    expect(rows('"crlf\r\ninside"\r\nnext')).toEqual([['crlf\r\ninside'], ['next']]);
  });

  it('numbers each record by the physical line it starts on', () => {
    const text = 'h1,h2\n"multi\nline\nvalue",b\nc,d\n\ne,"f\r\ng"\r\nlast,x';
    expect(lines(text)).toEqual([1, 2, 5, 6, 7, 9]);
    expect(rows(text)[5]).toEqual(['last', 'x']);
  });

  it('keeps a stray quote inside an unquoted field as text', () => {
    expect(rows('ab"c,d\n')).toEqual([['ab"c', 'd']]);
  });

  it('rejects an unclosed quote, naming the line where it opened', () => {
    const text = 'a,b\nc,d\ne,"never closed\nmore\n';
    expect(() => parseCsv(text)).toThrow(CsvError);
    try {
      parseCsv(text);
    } catch (e) {
      expect((e as CsvError).line).toBe(3);
      expect((e as CsvError).message).toContain('line 3');
    }
    expect(() => parseCsv('"a""')).toThrow(/never closed/);
  });

  it('rejects text after a closing quote, on its line', () => {
    try {
      parseCsv('a\n"b"c,d\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvError);
      expect((e as CsvError).line).toBe(2);
      expect((e as CsvError).message).toContain('"c,d');
    }
  });

  it('names the field of a quoting error', () => {
    const fieldOf = (text: string) => {
      try {
        parseCsv(text);
      } catch (e) {
        return (e as CsvError).field;
      }
      return undefined;
    };
    expect(fieldOf('a,b,"c')).toBe(2);
    expect(fieldOf('"a"x,b')).toBe(0);
    expect(fieldOf('a,"b"x')).toBe(1);
  });

  it('with onError, reports each quoting error and goes on at the next line', () => {
    const errors: [number, number | undefined, string][] = [];
    const records: [number, string[]][] = [];
    forEachCsvRecord(
      'h1,h2\n"ab"c,d\ne,f\ng,"never closed\nh,i\r\n"x"y\rj,"k\nl"m\nn,o\n',
      (fields, line) => {
        records.push([line, fields]);
      },
      (e) => {
        errors.push([e.line, e.field, e.message.slice(0, 41)]);
      },
    );
    expect(errors).toEqual([
      [2, 0, 'unexpected text after a closing quote: "c'],
      // Closed by the first quote on line 6: reported on line 4, and lines 5 and 6 read again.
      [4, 1, 'a quoted field opened on line 4 is not cl'],
      [6, 0, 'unexpected text after a closing quote: "y'],
      [7, 1, 'a quoted field opened on line 7 is not cl'],
    ]);
    expect(records).toEqual([
      [1, ['h1', 'h2']],
      [3, ['e', 'f']],
      [5, ['h', 'i']],
      [8, ['l"m']],
      [9, ['n', 'o']],
    ]);
    // Returning false from onError stops the parse.
    const seen: number[] = [];
    forEachCsvRecord('"a"b\nc\n', (_f, line) => void seen.push(line), () => false);
    expect(seen).toEqual([]);
  });

  it('stops when the callback returns false', () => {
    const seen: number[] = [];
    forEachCsvRecord('a\nb\nc\nd\n', (_f, line) => {
      seen.push(line);
      return line < 2;
    });
    expect(seen).toEqual([1, 2]);
  });

  it('parses 200,000 records with quoted fields and tracks the last line exactly', () => {
    const n = 200_000;
    const parts: string[] = ['platform,account,name\n'];
    for (let i = 0; i < n; i++) parts.push(i % 1000 === 0 ? `x,@a${i},"Name, ""${i}""\nsecond line"\n` : `x,@a${i},Name ${i}\n`);
    const text = parts.join('');
    let count = 0;
    let lastLine = 0;
    let lastFields: string[] = [];
    forEachCsvRecord(text, (fields, line) => {
      count++;
      lastLine = line;
      lastFields = fields;
    });
    expect(count).toBe(n + 1);
    // 200 quoted names each add one physical line.
    expect(lastLine).toBe(n + 1 + n / 1000);
    expect(lastFields).toEqual(['x', `@a${n - 1}`, `Name ${n - 1}`]);
    expect(parseCsv(text)[1001].fields[2]).toBe('Name, "1000"\nsecond line');
  });
});

describe('UTF-8 decoding', () => {
  it('decodes UTF-8 and drops the BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a,é\n')]);
    expect(decodeUtf8(bytes)).toBe('a,é\n');
  });

  it('names the first line that is not UTF-8 (a legacy code page export)', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('a,b\nc,d\n'), 0x63, 0xe9, 0x0a]); // "cé" in Windows-1252
    try {
      decodeUtf8(bytes);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvError);
      expect((e as CsvError).line).toBe(3);
      expect((e as CsvError).message).toMatch(/UTF-8/);
      // Line 3 is "cé": the first field, and the header names it "a".
      expect([(e as CsvError).field, (e as CsvError).column]).toEqual([0, 'a']);
    }
  });

  it('names the column of the first byte that is not UTF-8, reading quotes as the parser does', () => {
    const at = (prefix: string, suffix = '\n') => {
      try {
        decodeUtf8(new Uint8Array([...new TextEncoder().encode(prefix), 0xe9, ...new TextEncoder().encode(suffix)]));
      } catch (e) {
        return [(e as CsvError).line, (e as CsvError).field, (e as CsvError).column];
      }
      return null;
    };
    expect(at('platform,account,name\nx,@a,Jos')).toEqual([2, 2, 'name']);
    expect(at('platform,account,name\nx,"@a,\nb",Jos')).toEqual([3, 2, 'name']);
    expect(at('platform,account,name,"no\ntes"\nx,@a,"a "", b",')).toEqual([3, 3, 'no\ntes']);
    expect(at('platform,acc')).toEqual([1, 1, undefined]);
    expect(at('platform,account\nx,@a,extra')).toEqual([2, 2, undefined]);
  });
});
