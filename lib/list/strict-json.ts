/**
 * What JSON.parse cannot tell: whether an object repeats a key, and how deeply the text nests.
 *
 * A signed document with a duplicate key is ambiguous: JSON.parse keeps the last
 * `"entries"`, another tool may read the first, so two readers can see two different lists
 * behind one valid signature. And a document nested thousands of levels deep makes
 * recursive code (JSON.stringify of the payload, a structured clone) throw RangeError. So a
 * signed list (lib/list/verify.ts) and a signed hooks update (lib/hooks/signed.ts) go
 * through `parseStrictJson`: one pass of this scanner, then JSON.parse.
 *
 * The scanner is iterative (no recursion: any depth is safe), checks the structure
 * (brackets, colons, commas) and compares keys by their decoded value, so `"\u0065ntries"`
 * repeats `"entries"`. It leaves the inside of strings and the spelling of numbers to
 * JSON.parse, which runs next on the same text. Strings are skipped with indexOf, so a
 * 54 MB list of a million entries takes a fraction of what JSON.parse itself takes.
 */

/** Deeper than any document of ours (a list nests 5 levels, a hooks update 7). */
export const MAX_JSON_DEPTH = 64;

export type StrictJsonProblemKind = 'syntax' | 'depth' | 'duplicate-key';

/** Thrown by parseStrictJson. `message` is one line of English that says what and where. */
export class StrictJsonError extends Error {
  readonly kind: StrictJsonProblemKind;
  constructor(kind: StrictJsonProblemKind, message: string) {
    super(message);
    this.name = 'StrictJsonError';
    this.kind = kind;
  }
}

export interface StrictJsonProblem {
  kind: StrictJsonProblemKind;
  message: string;
  /** UTF-16 offset in the text where the problem was seen. */
  offset: number;
}

const OBJECT = 1;
const ARRAY = 2;

const QUOTE = 34; // "
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;

/**
 * The first duplicate key, nesting deeper than `maxDepth`, or structural error in `text`;
 * null when there is none. Never throws, whatever the text.
 */
export function findJsonProblem(text: string, maxDepth = MAX_JSON_DEPTH): StrictJsonProblem | null {
  return new Scanner(text, maxDepth).run();
}

/**
 * JSON.parse, after findJsonProblem. Throws StrictJsonError: 'depth' or 'duplicate-key'
 * (checked first, so deep text never reaches JSON.parse), or 'syntax' with JSON.parse's own
 * message. Never throws RangeError.
 */
export function parseStrictJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const problem = findJsonProblem(text, maxDepth);
  if (problem && problem.kind !== 'syntax') throw new StrictJsonError(problem.kind, problem.message);
  try {
    const value: unknown = JSON.parse(text);
    // The scanner saw a structural error JSON.parse did not: trust the stricter reading.
    if (problem) throw new StrictJsonError('syntax', problem.message);
    return value;
  } catch (e) {
    if (e instanceof StrictJsonError) throw e;
    if (e instanceof RangeError) throw new StrictJsonError('depth', 'the text is nested too deeply to read');
    throw new StrictJsonError('syntax', e instanceof Error ? e.message : String(e));
  }
}

class Scanner {
  private i = 0;
  private depth = 0;
  /** Per depth (1-based): OBJECT or ARRAY. */
  private readonly kinds: number[] = [0];
  /** Per depth: the current key (objects). */
  private readonly keys: string[] = [''];
  /** Per depth: the keys seen so far (objects). */
  private readonly seen: (Set<string> | null)[] = [null];
  /** Per depth: the index of the current element (arrays). */
  private readonly index: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  run(): StrictJsonProblem | null {
    const text = this.text;
    const n = text.length;
    let i = 0;
    // A BOM is not JSON; JSON.parse refuses it too.
    for (;;) {
      // ---- a value starts at i (after whitespace)
      i = skipWs(text, i);
      if (i >= n) return this.syntax(i, 'the text ends where a value was expected');
      let c = text.charCodeAt(i);
      if (c === LBRACE || c === LBRACKET) {
        const d = ++this.depth;
        if (d > this.maxDepth) {
          this.depth--;
          return { kind: 'depth', offset: i, message: `nested deeper than ${this.maxDepth} levels at ${this.path() || 'the top level'}` };
        }
        i = skipWs(text, i + 1);
        if (c === LBRACKET) {
          this.kinds[d] = ARRAY;
          this.index[d] = 0;
          if (text.charCodeAt(i) === RBRACKET) {
            this.depth--;
            i++;
          } else continue; // the first element
        } else {
          this.kinds[d] = OBJECT;
          this.seen[d] = null;
          if (text.charCodeAt(i) === RBRACE) {
            this.depth--;
            i++;
          } else {
            this.i = i;
            const p = this.key();
            if (p) return p;
            i = this.i;
            continue; // the first member's value
          }
        }
      } else if (c === QUOTE) {
        i = skipString(text, i);
        if (i < 0) return this.syntax(n, 'a string is never closed');
      } else {
        // A number, true, false or null: JSON.parse checks the spelling.
        const start = i;
        while (i < n) {
          c = text.charCodeAt(i);
          if (c === COMMA || c === RBRACKET || c === RBRACE || c === 32 || c === 10 || c === 13 || c === 9 || c === QUOTE || c === COLON || c === LBRACE || c === LBRACKET) break;
          i++;
        }
        if (i === start) return this.syntax(i, `unexpected ${JSON.stringify(text[i])}`);
      }

      // ---- after a value: a comma, or the end of its container (maybe of several)
      for (;;) {
        i = skipWs(text, i);
        const d = this.depth;
        if (d === 0) {
          if (i < n) return this.syntax(i, 'text after the end of the JSON value');
          return null;
        }
        if (i >= n) return this.syntax(i, 'the text ends inside an object or array');
        c = text.charCodeAt(i);
        if (c === COMMA) {
          i++;
          if (this.kinds[d] === ARRAY) {
            this.index[d]++;
          } else {
            this.i = skipWs(text, i);
            const p = this.key();
            if (p) return p;
            i = this.i;
          }
          break; // the next value
        }
        if ((c === RBRACKET && this.kinds[d] === ARRAY) || (c === RBRACE && this.kinds[d] === OBJECT)) {
          this.depth--;
          i++;
          continue;
        }
        return this.syntax(i, `unexpected ${JSON.stringify(text[i])}`);
      }
    }
  }

  /** A member's key and its colon, at this.i; records it, or returns the problem. */
  private key(): StrictJsonProblem | null {
    const text = this.text;
    const start = this.i;
    if (text.charCodeAt(start) !== QUOTE) return this.syntax(start, 'expected a key in double quotes');
    const end = skipString(text, start);
    if (end < 0) return this.syntax(text.length, 'a key is never closed');
    let key = text.slice(start + 1, end - 1);
    if (key.indexOf('\\') >= 0) {
      try {
        key = JSON.parse(text.slice(start, end)) as string;
      } catch {
        return this.syntax(start, 'a key is not a valid string');
      }
    }
    const d = this.depth;
    let seen = this.seen[d];
    if (seen === null) {
      seen = new Set();
      this.seen[d] = seen;
    }
    if (seen.has(key)) {
      const where = this.path(d - 1);
      return {
        kind: 'duplicate-key',
        offset: start,
        message: `duplicate key ${JSON.stringify(key)} ${where ? `in ${where}` : 'at the top level'} (another reader may take the other one)`,
      };
    }
    seen.add(key);
    this.keys[d] = key;
    const colon = skipWs(text, end);
    if (text.charCodeAt(colon) !== COLON) return this.syntax(colon, `expected ":" after the key ${JSON.stringify(key)}`);
    this.i = colon + 1;
    return null;
  }

  /**
   * Where the scanner is, through depth `last`: `payload.entries.x.keys[3]` (each open
   * container's current key or index).
   */
  private path(last = this.depth): string {
    const parts: string[] = [];
    for (let d = 1; d <= last; d++) {
      if (this.kinds[d] === ARRAY) {
        parts.push(`[${this.index[d]}]`);
      } else {
        const k = this.keys[d];
        parts.push(/^[A-Za-z_$][\w$]*$/.test(k) ? `${d > 1 ? '.' : ''}${k}` : `[${JSON.stringify(k.length > 40 ? `${k.slice(0, 37)}…` : k)}]`);
      }
    }
    const all = parts.join('');
    if (all.length <= 100) return all;
    // A path 64 levels deep is mostly "[0]": keep its two ends, whole steps only.
    let head = '';
    let h = 0;
    while (h < parts.length && head.length + parts[h].length <= 60) head += parts[h++];
    let tail = '';
    for (let t = parts.length - 1; t > h && tail.length + parts[t].length <= 30; t--) tail = parts[t] + tail;
    return `${head}…${tail}`;
  }

  private syntax(offset: number, what: string): StrictJsonProblem {
    return { kind: 'syntax', offset, message: `not valid JSON at position ${offset}: ${what}` };
  }
}

function skipWs(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** The offset just past the string that opens at `i`, or -1 when it is never closed. */
function skipString(text: string, i: number): number {
  let q = text.indexOf('"', i + 1);
  while (q >= 0 && text.charCodeAt(q - 1) === BACKSLASH) {
    // An odd run of backslashes escapes the quote; an even one is escaped backslashes.
    let b = q - 1;
    while (text.charCodeAt(b - 1) === BACKSLASH) b--;
    if ((q - b) % 2 === 0) break;
    q = text.indexOf('"', q + 1);
  }
  return q < 0 ? -1 : q + 1;
}
