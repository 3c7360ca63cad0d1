/**
 * A conservative CSS selector checker for hooks. Pure string work, no DOM: it runs where
 * signed hooks updates are checked, the MV3 service worker, which has no `document` to ask.
 *
 * A selector from a downloaded document ends up in `querySelectorAll` on every page the
 * extension guards, so the checker accepts only the small subset real hooks need and
 * refuses anything that could be slow or surprising:
 *
 * - type selectors (`article`), `*`, `#id`, `.class` — ASCII identifiers, no escapes;
 * - attributes `[a]`, `[a="v"]` with `=` `^=` `$=` `*=` `~=` `|=`, the value quoted (single
 *   or double quotes, no backslash escapes: use the other quote), optional flag `i`; no
 *   spaces inside the brackets except before `i`;
 * - combinators: descendant (a space), `>`, `+`, `~`; selector lists with `,`;
 * - `:is()` `:not()` `:where()` `:has()` around selector lists, nested at most
 *   MAX_SELECTOR_NESTING deep, and never `:has` inside `:has` (browsers refuse it too);
 *   in `:has()` only the first selector may start with a combinator, `>` or `+`;
 * - `:first-child` `:last-child` `:nth-child(an+b)` `:empty` `:scope`.
 *
 * Everything else is refused: pseudo-elements, `:hover` and friends, namespaces, escapes,
 * tabs and newlines (hooks are one line), more than MAX_SELECTOR_LENGTH characters, more
 * than MAX_SELECTOR_PARTS selectors in one list.
 *
 * The subset is also what happy-dom, the DOM of the fixture tests, parses (21.0): it
 * refuses `[ a ]`, `[a="v" i ]`, `:has(~ p)` and `:has(a, > b)` that browsers accept, and a
 * hook the tests cannot run is a hook nobody checked. The parser is a single left-to-right pass
 * whose recursion is bounded by the nesting limit, so hostile input costs linear time.
 */

export const MAX_SELECTOR_LENGTH = 500;
/** Selectors in one comma list (top level, and each :is()/:has()/… list on its own). */
export const MAX_SELECTOR_PARTS = 16;
/** `:is(:not(:has(a)))` is depth 3. */
export const MAX_SELECTOR_NESTING = 3;

// Control characters, tab and newline included: a hook is one line of JSON text.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const NO_SPACES = 'no spaces inside [...] except before the i flag';
const SIMPLE_PSEUDO = new Set(['first-child', 'last-child', 'empty', 'scope']);
const LIST_PSEUDO = new Set(['is', 'not', 'where', 'has']);
// an+b as browsers accept it, with bounded digit runs; `of S` is not accepted.
const NTH = /^ *(?:odd|even|[+-]?\d{0,9}n(?: *[+-] *\d{1,9})?|[+-]?\d{1,9}) *$/;

/** null when `sel` is acceptable; otherwise a short English reason. */
export function checkSelector(sel: string): string | null {
  if (typeof sel !== 'string') return 'not a string';
  // Before anything else, so that a 10 MB string costs one comparison.
  if (sel.length > MAX_SELECTOR_LENGTH) return `longer than ${MAX_SELECTOR_LENGTH} characters`;
  if (CONTROL.test(sel)) return 'contains a control character (tab and newline included)';
  if (sel.trim() === '') return 'empty selector';
  const unbalanced = checkBalance(sel);
  if (unbalanced) return unbalanced;
  try {
    new Parser(sel).parseTop();
    return null;
  } catch (e) {
    if (e instanceof SyntaxProblem) return e.message;
    throw e;
  }
}

/**
 * Brackets and quotes first, so that the commonest typos get a reason that says so rather
 * than "unexpected character" somewhere later.
 */
function checkBalance(s: string): string | null {
  const stack: string[] = [];
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') return 'backslash escapes are not supported (use the other quote character)';
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') stack.push(c);
    else if (c === ']' || c === ')') {
      const open = c === ']' ? '[' : '(';
      if (stack.pop() !== open) return `unbalanced "${c}"`;
    }
  }
  if (quote) return `unbalanced quote (${quote})`;
  if (stack.length > 0) return `unbalanced "${stack[stack.length - 1]}"`;
  return null;
}

class SyntaxProblem extends Error {}

class Parser {
  private i = 0;

  constructor(private readonly s: string) {}

  parseTop(): void {
    this.parseList(0, false, false);
    if (this.i < this.s.length) this.unexpected();
  }

  /** A comma list, up to (not including) `)` or the end. */
  private parseList(depth: number, relative: boolean, inHas: boolean): void {
    let parts = 0;
    for (;;) {
      this.spaces();
      const c = this.peek();
      if (c === '' || c === ',' || c === ')') throw new SyntaxProblem('empty part in a selector list');
      // happy-dom parses a leading combinator only in the first part of a :has() list.
      this.parseComplex(depth, relative, parts === 0, inHas);
      if (++parts > MAX_SELECTOR_PARTS) throw new SyntaxProblem(`more than ${MAX_SELECTOR_PARTS} selectors in one list`);
      this.spaces();
      if (this.peek() !== ',') return;
      this.i++;
    }
  }

  /** Compounds joined by combinators. `relative`: in :has(), where the first may start with one. */
  private parseComplex(depth: number, relative: boolean, first: boolean, inHas: boolean): void {
    if (relative && first && (this.peek() === '>' || this.peek() === '+')) {
      this.i++;
      this.spaces();
    } else if (isCombinator(this.peek())) {
      throw new SyntaxProblem(
        relative ? `in :has(), only the first selector may start with a combinator, and only ">" or "+"` : `unexpected "${this.peek()}" at ${this.i}`,
      );
    }
    this.parseCompound(depth, inHas);
    for (;;) {
      const spaced = this.spaces();
      const c = this.peek();
      if (isCombinator(c)) {
        this.i++;
        this.spaces();
        if (this.peek() === '' || this.peek() === ',' || this.peek() === ')') throw new SyntaxProblem(`nothing after combinator "${c}"`);
        this.parseCompound(depth, inHas);
      } else if (c === '' || c === ',' || c === ')') {
        return;
      } else if (spaced) {
        this.parseCompound(depth, inHas);
      } else {
        this.unexpected();
      }
    }
  }

  private parseCompound(depth: number, inHas: boolean): void {
    const start = this.i;
    if (this.peek() === '*') this.i++;
    else if (this.identStarts()) this.ident();
    for (;;) {
      const c = this.peek();
      if (c === '#' || c === '.') {
        this.i++;
        if (!this.identStarts()) throw new SyntaxProblem(`"${c}" must be followed by a name`);
        this.ident();
      } else if (c === '[') {
        this.attribute();
      } else if (c === ':') {
        this.pseudo(depth, inHas);
      } else {
        break;
      }
    }
    if (this.i === start) this.unexpected();
  }

  private attribute(): void {
    this.i++; // [
    if (this.peek() === ' ') throw new SyntaxProblem(NO_SPACES);
    if (!this.identStarts()) throw new SyntaxProblem('an attribute selector needs a name');
    this.ident();
    if (this.peek() === ' ') throw new SyntaxProblem(NO_SPACES);
    if (this.peek() === ']') {
      this.i++;
      return;
    }
    let op = this.peek();
    if ('^$*~|'.includes(op) && op !== '') {
      this.i++;
      op += this.peek();
    }
    if (!op.endsWith('=')) throw new SyntaxProblem(`unknown attribute operator at ${this.i}`);
    this.i++;
    const q = this.peek();
    if (q !== '"' && q !== "'") throw new SyntaxProblem('attribute values must be quoted');
    const end = this.s.indexOf(q, this.i + 1);
    // checkBalance saw the closing quote; the guard is for the type checker's sake.
    if (end < 0) throw new SyntaxProblem(`unbalanced quote (${q})`);
    this.i = end + 1;
    if (this.s.startsWith(' i]', this.i)) this.i += 2;
    else if (this.peek() === 'i') this.i++;
    else if (this.peek() === ' ') throw new SyntaxProblem(NO_SPACES);
    if (this.peek() !== ']') throw new SyntaxProblem(`expected "]" at ${this.i}`);
    this.i++;
  }

  private pseudo(depth: number, inHas: boolean): void {
    this.i++; // :
    if (this.peek() === ':') throw new SyntaxProblem('pseudo-elements (::) are not supported');
    const start = this.i;
    while (/[a-zA-Z-]/.test(this.peek())) this.i++;
    const name = this.s.slice(start, this.i);
    if (name === '') throw new SyntaxProblem('":" must be followed by a pseudo-class name');
    if (SIMPLE_PSEUDO.has(name)) {
      if (this.peek() === '(') throw new SyntaxProblem(`:${name} takes no argument`);
      return;
    }
    if (name === 'nth-child') {
      if (this.peek() !== '(') throw new SyntaxProblem(':nth-child needs an argument');
      const close = this.s.indexOf(')', this.i);
      const arg = this.s.slice(this.i + 1, close);
      if (close < 0 || !NTH.test(arg)) throw new SyntaxProblem(`:nth-child(${arg.slice(0, 20)}) is not an+b`);
      this.i = close + 1;
      return;
    }
    if (LIST_PSEUDO.has(name)) {
      if (this.peek() !== '(') throw new SyntaxProblem(`:${name} needs a selector list in parentheses`);
      if (depth + 1 > MAX_SELECTOR_NESTING) throw new SyntaxProblem(`nested deeper than ${MAX_SELECTOR_NESTING}`);
      if (name === 'has' && inHas) throw new SyntaxProblem(':has() inside :has() is not allowed');
      this.i++;
      this.parseList(depth + 1, name === 'has', inHas || name === 'has');
      if (this.peek() !== ')') this.unexpected();
      this.i++;
      return;
    }
    throw new SyntaxProblem(`unsupported pseudo-class ":${name}"`);
  }

  /** ASCII CSS identifiers only: `-?[A-Za-z_][A-Za-z0-9_-]*` or `--…`. */
  private identStarts(): boolean {
    const a = this.s[this.i] ?? '';
    const b = this.s[this.i + 1] ?? '';
    if (/[A-Za-z_]/.test(a)) return true;
    return a === '-' && /[A-Za-z_-]/.test(b);
  }

  private ident(): void {
    this.i++;
    while (/[A-Za-z0-9_-]/.test(this.peek())) this.i++;
  }

  /** Skips spaces; whether there were any. */
  private spaces(): boolean {
    const start = this.i;
    while (this.s[this.i] === ' ') this.i++;
    return this.i > start;
  }

  private peek(): string {
    return this.s[this.i] ?? '';
  }

  private unexpected(): never {
    const c = this.peek();
    throw new SyntaxProblem(c === '' ? 'unexpected end' : `unexpected "${c}" at ${this.i}`);
  }
}

function isCombinator(c: string): boolean {
  return c === '>' || c === '+' || c === '~';
}
