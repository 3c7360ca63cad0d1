/**
 * A small seeded fuzzer for the fuzz suites (tests/unit/fuzz-*.test.ts): a deterministic
 * PRNG (mulberry32), generators of hostile values, and mutators of JSON documents and bytes.
 *
 * Knobs (environment):
 *   FUZZ_N     cases per suite (default: each suite's own, a few hundred to a thousand)
 *   FUZZ_SEED  the seed (decimal or 0x…; `random` for a fresh one); default a fixed seed, so
 *              `npm test` is repeatable. A failure prints the seed, N and the case to rerun.
 *   FUZZ_REPORT=1  print each suite's counts even when it passes (set implicitly by FUZZ_N).
 *
 * Nothing here knows the extension: the suites decide what a mutated document must do.
 */

// ---------------------------------------------------------------------------------------
// PRNG

/** mulberry32: 32-bit state, fast, good enough for fuzzing; same sequence on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of text (FNV-1a), to derive independent seeds from names. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class Rng {
  private readonly r: () => number;
  constructor(readonly seed: number) {
    this.r = mulberry32(seed);
  }
  /** [0, 1) */
  next(): number {
    return this.r();
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  /** Integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  bool(p = 0.5): boolean {
    return this.r() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  /** One of `choices`, each with its weight. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let x = this.r() * total;
    for (const [v, w] of choices) {
      x -= w;
      if (x < 0) return v;
    }
    return choices[choices.length - 1][0];
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
  /** An independent generator for `label` (a case, a sub-task). */
  fork(label: string | number): Rng {
    return new Rng(hash32(`${this.seed}:${label}`));
  }
}

// ---------------------------------------------------------------------------------------
// Settings and bookkeeping

export interface FuzzSettings {
  seed: number;
  /** Cases per suite. */
  n: number;
  /** Whether FUZZ_N was given (a long run). */
  custom: boolean;
  report: boolean;
}

/** FUZZ_SEED / FUZZ_N, with this suite's default N. */
export function fuzzSettings(defaultN: number): FuzzSettings {
  const env = process.env;
  let seed = 0x4a4e2029;
  const s = env.FUZZ_SEED?.trim();
  if (s) {
    if (s === 'random') seed = (Math.random() * 2 ** 32) >>> 0;
    else {
      const v = Number(s);
      if (!Number.isFinite(v)) throw new Error(`FUZZ_SEED must be a number or "random", got ${JSON.stringify(s)}`);
      seed = v >>> 0;
    }
  }
  let n = defaultN;
  const nt = env.FUZZ_N?.trim();
  if (nt) {
    n = Number(nt);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`FUZZ_N must be a positive integer, got ${JSON.stringify(nt)}`);
  }
  return { seed, n, custom: Boolean(nt), report: Boolean(nt) || env.FUZZ_REPORT === '1' };
}

/** The per-test time limit for `n` cases of about `msPerCase` each (generous: CI machines are slow). */
export function timeoutFor(n: number, msPerCase: number): number {
  return 60_000 + Math.ceil(n * msPerCase * 4);
}

/**
 * Counts and failures of one suite. A failure is recorded, not thrown, so one run reports
 * every kind of problem; `finish` fails the test with the seed and the first failures.
 */
export class FuzzRun {
  readonly counts: Record<string, number> = {};
  readonly byClass: Record<string, Record<string, number>> = {};
  readonly failures: string[] = [];
  private failureCount = 0;
  private readonly started = performance.now();
  /** The case in progress (for a timeout or a crash). */
  current = '';

  constructor(
    readonly suite: string,
    readonly settings: FuzzSettings,
  ) {}

  get rng(): Rng {
    return new Rng(hash32(`${this.settings.seed}:${this.suite}`));
  }

  /** A fresh generator for case `i`. */
  caseRng(i: number): Rng {
    return new Rng(hash32(`${this.settings.seed}:${this.suite}:${i}`));
  }

  count(what: string, cls?: string): void {
    this.counts[what] = (this.counts[what] ?? 0) + 1;
    if (cls !== undefined) {
      const c = (this.byClass[cls] ??= {});
      c[what] = (c[what] ?? 0) + 1;
    }
  }

  fail(i: number, cls: string, message: string, input?: unknown): void {
    this.failureCount++;
    this.count('failures', cls);
    if (this.failures.length >= 12) return;
    this.failures.push(`case ${i} [${cls}]: ${message}${input === undefined ? '' : `\n    input: ${excerpt(input)}`}`);
  }

  /** Records a failure unless `ok`. */
  check(ok: boolean, i: number, cls: string, message: () => string, input?: unknown): boolean {
    if (!ok) this.fail(i, cls, message(), input);
    return ok;
  }

  reproduce(): string {
    return `FUZZ_SEED=${this.settings.seed} FUZZ_N=${this.settings.n}`;
  }

  summary(): string {
    const ms = Math.round(performance.now() - this.started);
    const counts = Object.entries(this.counts)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    const classes = Object.entries(this.byClass)
      .map(([k, v]) => `    ${k}: ${Object.entries(v).map(([a, b]) => `${a} ${b}`).join(', ')}`)
      .join('\n');
    return `[fuzz ${this.suite}] seed ${this.settings.seed}, ${counts}; ${ms} ms\n${classes}`;
  }

  /** Prints the counts when asked (FUZZ_N / FUZZ_REPORT) and throws if anything failed. */
  finish(): void {
    if (this.settings.report || this.failureCount > 0) console.log(this.summary());
    if (this.failureCount > 0) {
      throw new Error(
        `[fuzz ${this.suite}] ${this.failureCount} failure(s); reproduce with ${this.reproduce()}\n  ${this.failures.join('\n  ')}`,
      );
    }
  }

  /** What to print when the test dies some other way (timeout, crash). */
  onAbort(): string {
    return `[fuzz ${this.suite}] aborted at ${this.current || 'start'}; reproduce with ${this.reproduce()}\n${this.summary()}`;
  }
}

/** A short, single-line view of an input for a failure message. */
export function excerpt(v: unknown, max = 300): string {
  let s: string;
  if (typeof v === 'string') s = JSON.stringify(v);
  else if (v instanceof Uint8Array) s = JSON.stringify(Buffer.from(v).toString('latin1'));
  else {
    try {
      s = toJson(v);
    } catch {
      s = String(v);
    }
  }
  return s.length > max ? `${s.slice(0, max)}… (${s.length} chars)` : s;
}

// ---------------------------------------------------------------------------------------
// Hostile values

/** Numbers at the edges of what code tends to assume (all JSON-representable). */
export const NUMERIC_EDGES: readonly number[] = [
  0, -0, 1, -1, 2, 0.5, -0.5, 1.5, 1e-7, 4.9e-324, Number.EPSILON, 2 ** 31 - 1, 2 ** 31, 2 ** 32, -(2 ** 31),
  2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, -1e21, 1e308, Number.MAX_VALUE, -Number.MAX_VALUE, 65535, 65536,
];
/** JavaScript-only numbers (a JSON document cannot carry them; a policy object can). */
export const JS_NUMBERS: readonly number[] = [NaN, Infinity, -Infinity];

export const PROTO_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/** Strings that broke something somewhere once. */
export const NASTY_STRINGS: readonly string[] = [
  '', ' ', '  x  ', '\u0000', '\t', '\n', '\r\n', '\r', '\u001e', '\u001f', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029',
  '\ufeff', '\ufffd', '\ud800', '\udfff', 'a\ud83dz', '😀', '👩‍👩‍👧', 'ﷺ', 'İ', 'ß', 'e\u0301', '\u202eevil', '\u200b', 'ａ',
  '%', '%zz', '%E0%A4%A', '%0A', '%00', '"', "'", '\\', '\\u0000', ',', '""', '","', '<script>alert(1)</script>',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'null', 'undefined', 'NaN', 'true',
  '1e999', '-0', '0x10', '007', ' 30 ', 'ed25519:', 'ed25519:AAAA', 'javascript:alert(1)', 'http://', 'https://',
  'https://[::1]/', 'http://user:pw@example.com/', 'file:///etc/passwd', 'data:,x', 'chrome://policy', '//example.com',
  '${x}', '{handle}', '**', '/', '#', '?', '*', '[', ']', '[[', ':is(', 'a'.repeat(257),
];

/** A random code point of an interesting kind, as a string (may be a lone surrogate). */
export function oddChar(rng: Rng): string {
  switch (rng.int(8)) {
    case 0:
      return String.fromCharCode(rng.int(0x20)); // C0 control
    case 1:
      return String.fromCharCode(0x7f + rng.int(0x21)); // DEL, C1
    case 2:
      return String.fromCharCode(0xd800 + rng.int(0x800)); // lone surrogate
    case 3:
      return String.fromCodePoint(0x10000 + rng.int(0x100000)); // astral
    case 4:
      return rng.pick(['\u200b', '\u200d', '\u202e', '\u2028', '\u2029', '\ufeff', '\ufffe', '\uffff', '\u00a0', '\u0301']);
    case 5:
      return String.fromCharCode(0x80 + rng.int(0xd800 - 0x80));
    case 6:
      return rng.pick(['"', '\\', ',', '\n', '\r', '%', '@', '/', ':', '{', '}', '[', ']', '*', '<', '>', '&']);
    default:
      return String.fromCharCode(0x20 + rng.int(0x5f));
  }
}

/** A string of `len` odd characters. */
export function oddString(rng: Rng, len = rng.range(1, 12)): string {
  let s = '';
  for (let i = 0; i < len; i++) s += oddChar(rng);
  return s;
}

/** Long text: one character repeated, or a repeated odd chunk. 1 KB to `max` code units. */
export function hugeString(rng: Rng, max = 200_000): string {
  const len = rng.range(1024, max);
  const unit = rng.bool() ? rng.pick(['a', 'é', '😀', ' ', '\u0000', '"', '\\', 'ab,']) : oddString(rng, rng.range(1, 8));
  return unit.repeat(Math.ceil(len / unit.length)).slice(0, len);
}

/** A hostile string: nasty, odd, a real-looking one with odd characters, or (rarely) huge. */
export function nastyString(rng: Rng, hugeMax = 200_000): string {
  switch (rng.weighted([
    ['nasty', 5],
    ['odd', 3],
    ['spliced', 3],
    ['huge', 0.4],
  ] as const)) {
    case 'nasty':
      return rng.pick(NASTY_STRINGS);
    case 'odd':
      return oddString(rng);
    case 'spliced': {
      const base = rng.pick(['Capres Uji', '@capres_uji', 'https://example.com/a.json', 'warn', 'like', 'x', 'ed25519:']);
      const at = rng.int(base.length + 1);
      return base.slice(0, at) + oddString(rng, rng.range(1, 3)) + base.slice(at);
    }
    default:
      return hugeString(rng, hugeMax);
  }
}

/** A numeric edge, or a near miss of `near` (±1, negated, halved, as text). */
export function edgeNumber(rng: Rng, near?: number): number {
  if (near !== undefined && rng.bool()) {
    return rng.pick([near + 1, near - 1, -near, near + 0.5, near * 2 ** 32, 0, near + 2 ** 53]);
  }
  return rng.pick(NUMERIC_EDGES);
}

/**
 * Marks text that goes into a document verbatim (deep nesting that JSON.stringify could not
 * write back, a number spelled `1.0`, a string with an escaped lone surrogate).
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** An object written with exactly these entries, in this order: duplicate keys allowed. */
export class Entries {
  constructor(readonly entries: Array<[string, unknown]>) {}
}

/** JSON text nested `depth` levels deep (arrays, objects or both) around `leaf`. */
export function deepJson(rng: Rng, depth: number, leaf = '0'): RawJson {
  const kind = rng.int(3);
  if (kind === 0) return new RawJson('['.repeat(depth) + leaf + ']'.repeat(depth));
  if (kind === 1) return new RawJson('{"a":'.repeat(depth) + leaf + '}'.repeat(depth));
  return new RawJson('[{"a":'.repeat(depth >> 1) + leaf + '}]'.repeat(depth >> 1));
}

/** A random JSON value (RawJson and Entries included), `depth` levels at most. */
export function randomJson(rng: Rng, depth = 3): unknown {
  const kinds: Array<readonly [string, number]> = [
    ['null', 1],
    ['bool', 1],
    ['number', 2],
    ['string', 3],
    ['raw', 0.3],
  ];
  if (depth > 0) kinds.push(['array', 2], ['object', 2], ['deep', 0.15]);
  switch (rng.weighted(kinds)) {
    case 'null':
      return null;
    case 'bool':
      return rng.bool();
    case 'number':
      return rng.bool(0.3) ? rng.range(-5, 100) : edgeNumber(rng);
    case 'string':
      return nastyString(rng, 50_000);
    case 'raw':
      return new RawJson(rng.pick(['1.0', '1E3', '-0.0', '"\\ud800"', '"\\u0000"', '1e400', '-1e400', '0.1e1', '"\\/"']));
    case 'array': {
      const n = rng.range(0, 4);
      return Array.from({ length: n }, () => randomJson(rng, depth - 1));
    }
    case 'object': {
      const n = rng.range(0, 4);
      const entries: Array<[string, unknown]> = [];
      for (let i = 0; i < n; i++) {
        const key = rng.bool(0.2) ? rng.pick(PROTO_KEYS) : rng.bool(0.5) ? rng.pick(['a', 'id', 'x', 'version', 'css', 'name']) : nastyString(rng, 1000);
        entries.push([key, randomJson(rng, depth - 1)]);
      }
      return new Entries(entries);
    }
    default:
      return deepJson(rng, rng.pick([50, 1000, 12_000]));
  }
}

/** A hostile object value for the prototype-pollution keys. */
export function pollutionPayload(): Entries {
  return new Entries([
    ['polluted', 'yes'],
    ['__proto__', new Entries([['polluted', 'yes']])],
    ['prototype', new Entries([['polluted', 'yes']])],
  ]);
}

/** Whether something set `polluted` on Object.prototype (or Array's). */
export function polluted(): boolean {
  return ({} as Record<string, unknown>).polluted !== undefined || ([] as unknown as Record<string, unknown>).polluted !== undefined;
}

// ---------------------------------------------------------------------------------------
// Writing documents

/**
 * JSON.stringify's output for plain data, plus RawJson (verbatim) and Entries (duplicate keys,
 * own `__proto__` keys kept as keys). Iterative for nesting is not needed: deep nesting only
 * comes as RawJson.
 */
export function toJson(v: unknown): string {
  try {
    return write(v);
  } catch (e) {
    // Only a case's input shown in a message: nested deeper than the stack, or a getter that throws.
    return JSON.stringify(`<cannot write: ${e instanceof Error ? e.message : String(e)}>`);
  }
}

function write(v: unknown): string {
  if (v instanceof RawJson) return v.text;
  if (v instanceof Entries) return `{${v.entries.map(([k, x]) => `${JSON.stringify(k)}:${write(x)}`).join(',')}}`;
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : write(x))).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const parts: string[] = [];
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined || typeof x === 'function') continue;
      parts.push(`${JSON.stringify(k)}:${write(x)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** A deep copy of JSON data (own `__proto__` keys stay own keys; RawJson is shared, Entries copied). */
export function cloneJson<T>(v: T): T {
  if (v instanceof RawJson) return v;
  if (v instanceof Entries) return new Entries(v.entries.map(([k, x]) => [k, cloneJson(x)])) as T;
  if (Array.isArray(v)) return v.map((x) => cloneJson(x)) as T;
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      Object.defineProperty(out, k, { value: cloneJson((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    }
    return out as T;
  }
  return v;
}

// ---------------------------------------------------------------------------------------
// Mutating documents

export type Path = Array<string | number>;

/** Paths to every node of plain JSON data (RawJson / Entries are leaves), at most `max`. */
export function pathsOf(v: unknown, max = 5000): Path[] {
  const out: Path[] = [[]];
  const stack: Array<[unknown, Path]> = [[v, []]];
  while (stack.length > 0 && out.length < max) {
    const [node, path] = stack.pop()!;
    if (node instanceof RawJson || node instanceof Entries || node === null || typeof node !== 'object') continue;
    const keys: Array<string | number> = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    for (const k of keys) {
      const p = [...path, k];
      out.push(p);
      stack.push([(node as Record<string | number, unknown>)[k], p]);
    }
  }
  return out;
}

function getAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  return v;
}

/** Replaces the node at `path` (the root when empty); returns the new root. */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const k = path[path.length - 1];
  if (Array.isArray(parent)) parent[k as number] = value;
  else Object.defineProperty(parent, k, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

export const TREE_OPS = [
  'delete',
  'duplicate',
  'type-swap',
  'numeric-edge',
  'huge-string',
  'deep-nesting',
  'proto-key',
  'unicode',
  'rename-key',
  'add-key',
  'empty',
] as const;
export type TreeOp = (typeof TREE_OPS)[number];

/** A value of another type than `v` (a number as text, text as a list, …). */
export function swapType(rng: Rng, v: unknown): unknown {
  const options: unknown[] = [null, true, false, 0, 1, -1, '', '1', [], {}, [v], new Entries([['value', v as never]])];
  if (typeof v === 'number') options.push(String(v), [v], v !== 0);
  if (typeof v === 'string') options.push(Number(v) || 7, [v], v.length);
  if (typeof v === 'boolean') options.push(v ? 1 : 0, String(v));
  if (Array.isArray(v)) options.push(v.length, v.join(','), Object.fromEntries(v.map((x, i) => [i, x])));
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) options.push(Object.values(v), toJson(v), 1);
  let out = rng.pick(options);
  for (let i = 0; i < 4 && typeof out === typeof v && Array.isArray(out) === Array.isArray(v) && (out === null) === (v === null); i++) {
    out = rng.pick(options);
  }
  return out;
}

/**
 * One structural mutation of plain JSON data `doc` (not changed: a mutated copy is returned),
 * at a random node or one of `prefer` (paths of interest, e.g. under `payload`).
 */
export function mutateTree(rng: Rng, doc: unknown, op: TreeOp = rng.pick(TREE_OPS), within?: Path): { doc: unknown; op: TreeOp; path: Path } {
  let root = cloneJson(doc);
  let paths = pathsOf(root);
  if (within) {
    const inside = paths.filter((p) => within.every((k, i) => p[i] === k));
    if (inside.length > 0) paths = inside;
  }
  const path = rng.pick(paths);
  const node = getAt(root, path);
  const parentPath = path.slice(0, -1);
  const parent = path.length > 0 ? getAt(root, parentPath) : undefined;
  const key = path[path.length - 1];
  const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x) && !(x instanceof RawJson) && !(x instanceof Entries);
  switch (op) {
    case 'delete':
      if (path.length === 0) root = rng.pick([null, {}, [], '']);
      else if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, unknown>)[key as string];
      break;
    case 'duplicate':
      if (path.length === 0) root = new RawJson(`${toJson(root)}${rng.pick(['', ' ', '\n'])}${toJson(root)}`);
      else if (Array.isArray(parent)) parent.splice(key as number, 0, cloneJson(node));
      else {
        // The same key twice in the text: the original and another value, in either order.
        const other = rng.bool(0.5) ? swapType(rng, node) : randomJson(rng, 2);
        const entries: Array<[string, unknown]> = Object.keys(parent as object).flatMap((k): Array<[string, unknown]> => {
          const v = (parent as Record<string, unknown>)[k];
          if (k !== key) return [[k, v]];
          return rng.bool() ? [[k, v], [k, other]] : [[k, other], [k, v]];
        });
        root = setAt(root, parentPath, new Entries(entries));
      }
      break;
    case 'type-swap':
      root = setAt(root, path, swapType(rng, node));
      break;
    case 'numeric-edge':
      root = setAt(root, path, rng.bool(0.15) ? new RawJson(rng.pick(['1.0', '1e400', '-1e400', '3.0', '0.0', '-0', '1E0'])) : edgeNumber(rng, typeof node === 'number' ? node : undefined));
      break;
    case 'huge-string':
      root = setAt(root, path, hugeString(rng));
      break;
    case 'deep-nesting':
      root = setAt(root, path, deepJson(rng, rng.pick([100, 5000, 12_000])));
      break;
    case 'proto-key': {
      const target = isObj(node) ? path : isObj(parent) ? parentPath : path;
      const obj = getAt(root, target);
      const k = rng.pick(PROTO_KEYS);
      const value = rng.bool(0.7) ? pollutionPayload() : randomJson(rng, 1);
      if (isObj(obj)) {
        const entries: Array<[string, unknown]> = Object.keys(obj).map((x) => [x, obj[x]]);
        entries.splice(rng.int(entries.length + 1), 0, [k, value]);
        root = setAt(root, target, new Entries(entries));
      } else root = setAt(root, target, new Entries([[k, value]]));
      break;
    }
    case 'unicode':
      if (typeof node === 'string') {
        const at = rng.int(node.length + 1);
        root = setAt(root, path, rng.bool(0.3) ? nastyString(rng, 5000) : node.slice(0, at) + oddString(rng, rng.range(1, 4)) + node.slice(at));
      } else root = setAt(root, path, nastyString(rng, 5000));
      break;
    case 'rename-key':
      if (isObj(parent)) {
        const name = rng.bool(0.3) ? rng.pick(PROTO_KEYS) : rng.bool(0.5) ? `${String(key)}${oddChar(rng)}` : nastyString(rng, 200);
        const entries: Array<[string, unknown]> = Object.keys(parent).map((k) => [k === key ? name : k, parent[k]]);
        root = setAt(root, parentPath, new Entries(entries));
      } else root = setAt(root, path, swapType(rng, node));
      break;
    case 'add-key': {
      const target = isObj(node) ? path : isObj(parent) ? parentPath : null;
      if (target) {
        const obj = getAt(root, target) as Record<string, unknown>;
        const entries: Array<[string, unknown]> = Object.keys(obj).map((x) => [x, obj[x]]);
        entries.splice(rng.int(entries.length + 1), 0, [rng.bool(0.5) ? rng.pick(['extra', 'version', 'x', 'sites', 'note']) : nastyString(rng, 200), randomJson(rng, 2)]);
        root = setAt(root, target, new Entries(entries));
      } else if (Array.isArray(parent)) parent.push(randomJson(rng, 2));
      else root = setAt(root, path, randomJson(rng, 2));
      break;
    }
    case 'empty':
      root = setAt(root, path, Array.isArray(node) ? [] : isObj(node) ? {} : typeof node === 'string' ? '' : null);
      break;
  }
  return { doc: root, op, path };
}

// ---------------------------------------------------------------------------------------
// Bytes

/** `count` random bit flips or byte replacements in a copy of `bytes`. */
export function flipBytes(rng: Rng, bytes: Uint8Array, count = rng.range(1, 3)): { bytes: Uint8Array; at: number[] } {
  const out = new Uint8Array(bytes);
  const at: number[] = [];
  for (let i = 0; i < count && out.length > 0; i++) {
    const p = rng.int(out.length);
    at.push(p);
    if (rng.bool(0.7)) out[p] ^= 1 << rng.int(8);
    else out[p] = rng.int(256);
  }
  return { bytes: out, at };
}

/** A copy cut short: anywhere, at 0, or one byte before the end. */
export function truncate<T extends string | Uint8Array>(rng: Rng, v: T): T {
  const len = v.length;
  const at = rng.weighted([
    [rng.int(Math.max(1, len)), 6],
    [0, 1],
    [Math.max(0, len - 1), 2],
  ] as const);
  return v.slice(0, at) as T;
}

/** Random bytes inserted somewhere, or the text replaced with garbage. */
export function garbage(rng: Rng, bytes: Uint8Array): Uint8Array {
  const junk = new Uint8Array(rng.range(1, 64)).map(() => rng.int(256));
  if (rng.bool(0.3)) return junk;
  const at = rng.int(bytes.length + 1);
  const out = new Uint8Array(bytes.length + junk.length);
  out.set(bytes.subarray(0, at));
  out.set(junk, at);
  out.set(bytes.subarray(at), at + junk.length);
  return out;
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * An Ed25519 private key (PKCS#8 PEM, as `npm run list -- keygen` writes) from 32 bytes of
 * `rng`: with the seed, every key, and so every signature (Ed25519 is deterministic), and so
 * every case, is the same from run to run.
 */
export function ed25519Pem(rng: Rng): string {
  const prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  const seed = Buffer.from(Array.from({ length: 32 }, () => rng.int(256)));
  const b64 = Buffer.concat([prefix, seed]).toString('base64');
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

/**
 * The fuzz suites' own oracle for "signed by the trusted key": the document has `format`,
 * names the trusted key, and carries exactly the signature the trusted key made over
 * `payloadText` (Ed25519 signatures are deterministic; base64 is compared as bytes, spelling
 * aside). Independent of the code under test.
 */
export function carriesTrustedSignature(
  d: Record<string, unknown>,
  format: string,
  payloadText: string | null,
  signedByTrusted: ReadonlyMap<string, Buffer | Uint8Array>,
  trustedRaw: Buffer | Uint8Array,
): boolean {
  const sig = payloadText === null ? undefined : signedByTrusted.get(payloadText);
  const key = typeof d.publicKey === 'string' ? /^\s*ed25519:(.*?)\s*$/i.exec(d.publicKey)?.[1] : undefined;
  return (
    sig !== undefined &&
    d.format === format &&
    key !== undefined &&
    Buffer.from(key, 'base64').equals(Buffer.from(trustedRaw)) &&
    typeof d.signature === 'string' &&
    Buffer.from(d.signature, 'base64').equals(Buffer.from(sig))
  );
}
