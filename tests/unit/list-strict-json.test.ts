/**
 * The strict JSON pass signed documents go through: duplicate keys, nesting depth, and
 * nothing JSON.parse accepts is refused otherwise.
 */
import { describe, expect, it } from 'vitest';
import { findJsonProblem, MAX_JSON_DEPTH, parseStrictJson, StrictJsonError } from '../../lib/list/strict-json';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0) / 2 ** 32);
}

/** A random JSON value with tricky strings (escaped quotes, backslashes, unicode), no duplicate keys. */
function randomValue(rand: () => number, depth: number): unknown {
  const pick = rand();
  const strings = ['', 'a', 'say "hi"', 'back\\slash\\', '\\"', 'é—😀', 'line\nbreak', '\u0000\u001f', '{"not":"a key"}', '[1,2]'];
  if (depth > 6 || pick < 0.35) {
    const r = rand();
    if (r < 0.2) return Math.floor(rand() * 1e6) - 5e5;
    if (r < 0.3) return rand() * 1e-9;
    if (r < 0.4) return rand() < 0.5;
    if (r < 0.45) return null;
    return strings[Math.floor(rand() * strings.length)] + String(Math.floor(rand() * 10));
  }
  if (pick < 0.65) return Array.from({ length: Math.floor(rand() * 5) }, () => randomValue(rand, depth + 1));
  const o: Record<string, unknown> = {};
  const n = Math.floor(rand() * 5);
  for (let i = 0; i < n; i++) o[strings[Math.floor(rand() * strings.length)] + String(i)] = randomValue(rand, depth + 1);
  return o;
}

function problemOf(text: string, maxDepth?: number) {
  const p = findJsonProblem(text, maxDepth);
  return p && { kind: p.kind, message: p.message };
}

describe('strict JSON', () => {
  it('accepts what JSON.parse accepts, in any layout, and returns the same value', () => {
    const rand = rng(7);
    for (let i = 0; i < 2000; i++) {
      const v = randomValue(rand, 0);
      for (const text of [JSON.stringify(v), JSON.stringify(v, null, i % 2 ? 2 : '\t'), ` \r\n${JSON.stringify(v)}\n `]) {
        expect(problemOf(text), text).toBeNull();
        expect(parseStrictJson(text)).toEqual(v);
      }
    }
    for (const text of ['0', '-1.5e+10', 'true', 'null', '""', '"\\\\"', '[]', '{}', '[[],{}]', '{"":{"":[]}}', '{"a":"\\"","b":"\\\\"}']) {
      expect(problemOf(text), text).toBeNull();
    }
  });

  it('finds a duplicate key at any level, comparing decoded keys', () => {
    expect(problemOf('{"a":1,"a":2}')).toEqual({ kind: 'duplicate-key', message: 'duplicate key "a" at the top level (another reader may take the other one)' });
    expect(problemOf('{"p":{"entries":{},"x":[1,{"k":1}],"entries":{}}}')?.message).toBe(
      'duplicate key "entries" in p (another reader may take the other one)',
    );
    expect(problemOf('{"p":[{"a":1},{"b":1,"b":2}]}')?.message).toMatch(/^duplicate key "b" in p\[1\] /);
    expect(problemOf('{"e":1,"\\u0065":2}')?.message).toMatch(/^duplicate key "e" at the top level/);
    expect(problemOf('{"a\\"b":1,"a\\u0022b":2}')?.message).toMatch(/^duplicate key "a\\"b"/);
    expect(problemOf('{"odd key":{"x":1,"x":1}}')?.message).toMatch(/^duplicate key "x" in \["odd key"\] /);
    // The same key in two different objects is fine; so is a key that equals a value.
    expect(problemOf('{"a":{"a":"a"},"b":{"a":1},"c":[{"a":1},{"a":2}]}')).toBeNull();
    // "__proto__" is a key like any other (JSON.parse makes it an own property).
    expect(problemOf('{"__proto__":1,"__proto__":2}')?.kind).toBe('duplicate-key');
    expect(() => parseStrictJson('{"a":1,"a":2}')).toThrow(StrictJsonError);
  });

  it('refuses nesting deeper than the limit, whatever the depth, without recursion', () => {
    expect(MAX_JSON_DEPTH).toBe(64);
    const nest = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    expect(problemOf(nest(64))).toBeNull();
    expect(problemOf(nest(65))?.message).toMatch(/^nested deeper than 64 levels at \[0\]/);
    expect(problemOf(nest(3), 2)?.message).toBe('nested deeper than 2 levels at [0][0]');
    expect(problemOf('{"a":{"b":[{"c":1}]}}', 3)?.message).toBe('nested deeper than 3 levels at a.b[0]');
    for (const text of ['['.repeat(5_000_000), `${'{"a":'.repeat(1_000_000)}1${'}'.repeat(1_000_000)}`, nest(2_000_000)]) {
      const p = findJsonProblem(text);
      expect(p?.kind).toBe('depth');
      expect(p!.message.length).toBeLessThan(140);
      try {
        parseStrictJson(text);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(StrictJsonError);
        expect((e as StrictJsonError).kind).toBe('depth');
      }
    }
  });

  it('reports malformed text as "syntax" with JSON.parse’s own message, and never throws anything else', () => {
    const bad = ['', ' ', '<html>', '{', '[', '[1,]', '{"a":1,}', '{"a" 1}', '{a:1}', '[1 2]', '{"a":1}}', '[]]', '"open', '{"a":"open}', '\ufeff{}', '[1,,2]', '{,}', '{"a":1 "b":2}', 'nul', '01', '[-]', '{"a":[}'];
    for (const text of bad) {
      let native = '';
      try {
        JSON.parse(text);
      } catch (e) {
        native = (e as Error).message;
      }
      expect(native, text).not.toBe('');
      try {
        parseStrictJson(text);
        expect.unreachable(text);
      } catch (e) {
        expect(e, text).toBeInstanceOf(StrictJsonError);
        expect((e as StrictJsonError).kind, text).toBe('syntax');
        expect((e as StrictJsonError).message, text).toBe(native);
      }
    }
    // Random damage: the scanner never throws, and never calls valid text a duplicate or too deep.
    const rand = rng(11);
    const base = JSON.stringify({ format: 'f', payload: { a: [1, 'x"y', { b: null }], c: { d: [[], {}] } } });
    for (let i = 0; i < 5000; i++) {
      const at = Math.floor(rand() * base.length);
      const chars = '{}[]",:\\ a1';
      const t = rand() < 0.5 ? base.slice(0, at) + chars[Math.floor(rand() * chars.length)] + base.slice(at) : base.slice(0, at) + base.slice(at + 1);
      const p = findJsonProblem(t);
      let valid = true;
      try {
        JSON.parse(t);
      } catch {
        valid = false;
      }
      if (valid) expect(p?.kind === 'syntax', t).toBe(false);
      expect(() => {
        try {
          parseStrictJson(t);
        } catch (e) {
          if (!(e instanceof StrictJsonError)) throw e;
        }
      }).not.toThrow();
    }
  });

  it('finds nothing wrong in a large list-shaped file (its cost is measured by npm run bench)', () => {
    const n = 30_000;
    const subjects = Array.from({ length: n / 3 }, (_, i) => [`Calon Uji ${i} (fiktif)`, 'dpr', 'pemilu-2029', `Partai ${i % 18}`, `Dapil ${i % 84}`, '', '', 'bench']);
    const keys = Array.from({ length: n }, (_, i) => `@caleg_uji_${i}`);
    const text = JSON.stringify({ format: 'jaga-netral-list/1', publicKey: 'k', signature: 's', payload: { version: 1, subjects, entries: { x: { keys, subjects: keys.map((_, i) => Math.floor(i / 3)) } } } });
    expect(findJsonProblem(text)).toBeNull();
    // One duplicate key deep inside it is found.
    expect(findJsonProblem(text.replace('"entries":{', '"entries":{"x":1,'))).not.toBeNull();
  });
});
