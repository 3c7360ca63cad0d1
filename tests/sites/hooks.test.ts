/**
 * Every site's hooks against its fixtures, from the same compiled hooks the runtime uses
 * (lib/sites/engine/hooks.ts): each hook declares, in its site's hooks.json, the fixtures it
 * must match and how many times (refined-github's selector expectations). A hook that
 * matches a fixture it does not list, or a different number of times, fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileHooks } from '../../lib/sites/engine/hooks';
import { SITES } from '../../lib/sites/registry';

function load(path: string): void {
  const html = readFileSync(path, 'utf8');
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  document.body.innerHTML = body.replace(/<script\b[\s\S]*?<\/script>/gi, '');
}

describe.each(SITES.map((s) => [s.id, s] as const))('%s hooks', (_id, site) => {
  const dir = join(__dirname, site.id, 'fixtures');
  const fixtures = readdirSync(dir).filter((f) => f.endsWith('.html')).sort();
  const H = compileHooks(site.hooks);
  const names = Object.keys(site.hooks.selectors);

  it('every selector is accepted by the DOM', () => {
    expect(H.refused).toEqual([]);
  });

  it.each(fixtures)('%s: each hook matches as often as it declares', (fixture) => {
    load(join(dir, fixture));
    const got = Object.fromEntries(names.map((n) => [n, H.hook(n).all(document).length]));
    const want = Object.fromEntries(names.map((n) => [n, site.hooks.selectors[n].expect?.[fixture] ?? 0]));
    expect(got).toEqual(want);
  });

  it('declares only fixtures that exist, and every hook matches in at least one', () => {
    for (const n of names) {
      const exp = site.hooks.selectors[n].expect ?? {};
      for (const f of Object.keys(exp)) expect(fixtures, `${n} → ${f}`).toContain(f);
      expect(Object.values(exp).some((c) => c > 0), `${n} matches nowhere`).toBe(true);
    }
  });

  it('every required control has a content hook to be found in, and health pages compile', () => {
    const kinds = H.required.map((r) => r.kind);
    expect(kinds).toContain('content');
    expect(kinds).toContain('control');
    expect(H.healthPages.length).toBe((site.hooks.healthPages ?? []).length);
  });
});
