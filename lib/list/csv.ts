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
 * text after a closing quote (`"ab"c`) and an unclosed quote are errors. Given an `onError`,
 * the parser reports such an error, skips the broken record and goes on at the next line,
 * so one run finds every bad row.
 */

export class CsvError extends Error {
  readonly line: number;
  /** 0-based index of the field the problem is in, within its record; undefined when unknown. */
  readonly field: number | undefined;
  /** The header's name for that field, when the thrower knows it (decodeUtf8 does). */
  readonly column: string | undefined;
  constructor(line: number, message: string, field?: number, column?: string) {
    super(message);
    this.name = 'CsvError';
    this.line = line;
    this.field = field;
    this.column = column;
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
 *
 * On malformed quoting: without `onError`, throws CsvError (line and field). With it, calls
 * `onError` instead (returning `false` stops the parse), drops the broken record and
 * resumes at the start of the next line: after an unclosed quote, the line after the one
 * it opened on; after text following a closing quote, the line after that text.
 */
export function forEachCsvRecord(
  text: string,
  onRecord: (fields: string[], line: number) => void | boolean,
  onError?: (error: CsvError) => void | boolean,
): void {
  const n = text.length;
  let i = n > 0 && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  records: while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        const open = i;
        let value = '';
        let seg = i + 1;
        let p = seg;
        for (;;) {
          const q = text.indexOf('"', p);
          if (q === -1) {
            const e = new CsvError(openLine, `a quoted field opened on line ${openLine} is never closed (missing ")`, fields.length);
            if (!onError || onError(e) === false) {
              if (!onError) throw e;
              return;
            }
            // Resume after the line the quote opened on.
            i = nextLine(text, open);
            line = openLine + 1;
            continue records;
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
            const after = JSON.stringify(text.slice(i, Math.min(i + 20, lineEnd(text, i))));
            const double = 'a quote inside a quoted field must be doubled ("")';
            // Over several lines, the likelier mistake is a quote left open on the first:
            // report it there and read on from the next line, so the rows it swallowed are checked.
            const spans = openLine < line;
            const e = spans
              ? new CsvError(
                  openLine,
                  `a quoted field opened on line ${openLine} is not closed on that line; its closing quote was taken to be the one on line ${line}, which is followed by unexpected text ${after}; check the quotes on lines ${openLine}–${line} (${double})`,
                  fields.length - 1,
                )
              : new CsvError(line, `unexpected text after a closing quote: ${after}; ${double}`, fields.length - 1);
            if (!onError || onError(e) === false) {
              if (!onError) throw e;
              return;
            }
            if (spans) {
              i = nextLine(text, open);
              line = openLine + 1;
            } else {
              i = nextLine(text, i);
              line++;
            }
            continue records;
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

/** The offset of the first line break at or after `from` (the text's length if none). */
function lineEnd(text: string, from: number): number {
  const n = text.length;
  for (let k = from; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === LF || c === CR) return k;
  }
  return n;
}

/** The offset just past the first line break at or after `from` (the text's end if none). */
function nextLine(text: string, from: number): number {
  const n = text.length;
  for (let k = from; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === LF) return k + 1;
    if (c === CR) return k + 1 < n && text.charCodeAt(k + 1) === LF ? k + 2 : k + 1;
  }
  return n;
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
 * (a spreadsheet saved as "CSV" in a legacy code page rather than "CSV UTF-8"), and the
 * field it is in (`field`, and `column`: the header's name for it, when it has one).
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const at = Math.max(0, loose.indexOf('\ufffd'));
    const line = countLineBreaks(loose, 0, at) + 1;
    const field = fieldAt(loose, at);
    let column: string | undefined;
    if (line > 1) {
      forEachCsvRecord(loose, (header) => {
        column = header[field]?.trim() || undefined;
        return false;
      }, () => false);
    }
    throw new CsvError(line, 'the file is not UTF-8 text; save it as "CSV UTF-8"', field, column);
  }
}

/** The 0-based index, within its record, of the field that holds `offset` (quote-aware, as the parser reads). */
function fieldAt(text: string, offset: number): number {
  let field = 0;
  let inQuotes = false;
  let fieldStart = true;
  for (let k = text.charCodeAt(0) === 0xfeff ? 1 : 0; k < offset; k++) {
    const c = text.charCodeAt(k);
    if (inQuotes) {
      if (c === QUOTE) {
        if (text.charCodeAt(k + 1) === QUOTE) k++;
        else inQuotes = false;
      }
    } else if (c === COMMA) {
      field++;
      fieldStart = true;
      continue;
    } else if (c === LF || c === CR) {
      field = 0;
      fieldStart = true;
      continue;
    } else if (c === QUOTE && fieldStart) {
      inQuotes = true;
    }
    fieldStart = false;
  }
  return field;
}
