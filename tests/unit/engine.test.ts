/**
 * The site engine (lib/sites/engine): the one label rule, compiled hooks (selector, label and
 * caption matching, refused selectors, inert hooks), the innermost-control walk, the bounded
 * memo, detection health, and which hooks a tab runs (bundled or a newer signed update).
 */
import { describe, expect, it } from 'vitest';
import { hooksForTab } from '../../lib/guard/runtime';
import type { SiteHooks } from '../../lib/hooks/types';
import { ENGINE_VERSION } from '../../lib/hooks/types';
import { HealthMonitor, probeHealth } from '../../lib/sites/engine/health';
import { compileHooks, innermost, NEVER } from '../../lib/sites/engine/hooks';
import { handleAfter, labelIs, normLabel, wordSet } from '../../lib/sites/engine/labels';
import { onHosts, pathOfHref } from '../../lib/sites/engine/dom';
import { BoundedMemo } from '../../lib/sites/engine/memo';
import type { SiteHealth } from '../../lib/hooks/types';

const base = (over: Partial<SiteHooks> = {}): SiteHooks => ({
  site: 'x',
  hooksVersion: 1,
  minEngine: 1,
  selectors: {
    post: { css: ['article'], required: 'content' },
    like: { css: ['[data-testid="like"]'], label: 'like', labelForm: 'suffix', required: 'control', orUndo: ['unlike'] },
    unlike: { css: ['[data-testid="unlike"]'], label: 'unlike' },
    follow: { css: [], label: 'follow', caption: true },
  },
  labels: {
    like: { id: ['Suka'], en: ['Like'] },
    unlike: { id: ['Batal suka'], en: ['Unlike'] },
    follow: { id: ['Ikuti'], en: ['Follow'] },
  },
  paths: { status: ['/{handle}/status/{id}/**'] },
  shortcuts: { l: 'like' },
  thresholds: { maxCaption: 10, healthGraceMs: 1000, healthMinText: 10 },
  healthPages: ['/home'],
  ...over,
});

describe('labels: one rule', () => {
  it('ignores case, runs of whitespace and trailing punctuation', () => {
    expect(normLabel('  Batal   Suka. ')).toBe('batal suka');
    expect(normLabel('Tulis komentar…')).toBe('tulis komentar');
    expect(normLabel('Bagikan!')).toBe('bagikan');
    expect(normLabel(null)).toBe('');
  });
  it('keeps Indonesian first and each word once', () => {
    expect(wordSet({ id: ['Suka', 'suka.'], en: ['Like'] })).toEqual(['suka', 'like']);
  });
  it('compares in the four forms', () => {
    expect(labelIs('suka', ['suka'])).toBe(true);
    expect(labelIs('disukai', ['suka'])).toBe(false);
    expect(labelIs('12 suka. suka', ['suka'], 'suffix')).toBe(true);
    expect(labelIs('batal suka', ['suka'], 'suffix')).toBe(false);
    expect(labelIs('ikuti @budi', ['ikuti'], 'handle')).toBe(true);
    expect(labelIs('mengikuti @budi', ['ikuti'], 'handle')).toBe(false);
    expect(labelIs('hapus suka', ['hapus '], 'prefix')).toBe(true);
  });
  it('reads the handle after a word, as written', () => {
    expect(handleAfter('Ikuti @Budi_A', ['ikuti'])).toBe('Budi_A');
    expect(handleAfter('Mengikuti @Budi_A', ['ikuti'])).toBeNull();
  });
});

describe('compiled hooks', () => {
  it('matches by selector, by aria-label on a button (in the hook’s form), and by a short caption', () => {
    document.body.innerHTML = `
      <article>
        <button data-testid="like" id="a"></button>
        <div role="button" aria-label="3 Suka. Suka" id="b"></div>
        <div role="button" aria-label="SUKA" id="c"></div>
        <span aria-label="Suka" id="d"></span>
        <div role="button" id="e">Ikuti</div>
        <div role="button" id="f">Ikuti semua kabar terbaru dari kami</div>
      </article>`;
    const H = compileHooks(base());
    const like = H.hook('like');
    expect(like.all(document).map((e) => e.id)).toEqual(['a', 'b', 'c']); // a span is no control
    expect(H.hook('follow').all(document).map((e) => e.id)).toEqual(['e']); // a caption over maxCaption is content
    expect(like.closest(document.querySelector('#b')!)?.id).toBe('b');
    expect(like.first(document.body)?.id).toBe('a');
  });

  it('drops what the browser refuses, and a hook the document lacks matches nothing without throwing', () => {
    const H = compileHooks(base({ selectors: { post: { css: ['article', 'div[[bad'] } } }));
    expect(H.refused).toEqual(['post: div[[bad']);
    expect(H.hook('post').sel).toBe('article');
    const missing = H.hook('nope');
    expect(missing.sel).toBe(NEVER);
    document.body.innerHTML = '<div></div>';
    expect(() => document.body.closest(missing.sel)).not.toThrow();
    expect(missing.all(document)).toEqual([]);
    expect(missing.is(document.body)).toBe(false);
  });

  it('matches path templates, shortcuts and thresholds from data', () => {
    const H = compileHooks(base());
    expect(H.matchPath('status', '/budi/status/123/photo/1')).toEqual({ handle: 'budi', id: '123' });
    expect(H.matchPath('status', '/budi')).toBeNull();
    expect(H.matchPath('nothing', '/x')).toBeNull();
    expect(H.shortcuts).toEqual({ l: 'like' });
    expect(H.threshold('maxCaption', 40)).toBe(10);
    expect(H.threshold('absent', 7)).toBe(7);
  });

  it('walks up to the innermost control, checking hooks in the given order (undo first)', () => {
    document.body.innerHTML = '<article><button data-testid="unlike" aria-label="Suka"><svg><path id="p"></path></svg></button></article>';
    const H = compileHooks(base());
    const path = document.querySelector('#p')!;
    expect(innermost(path, H, ['unlike', 'like'])?.name).toBe('unlike');
    expect(innermost(path, H, ['like'])?.name).toBe('like'); // its label alone says like
    expect(innermost(document.body, H, ['like'])).toBeNull();
  });
});

describe('links on a site', () => {
  it('takes the site’s domains and their subdomains, nothing that merely ends alike', () => {
    const threads = onHosts(['threads.com', 'threads.net']);
    for (const h of ['threads.com', 'www.threads.net', 'WWW.Threads.COM']) expect(threads(h)).toBe(true);
    for (const h of ['notthreads.com', 'threads.com.evil.test', 'threads.org', '']) expect(threads(h)).toBe(false);
  });

  it('reads the path of relative and absolute links, without query or fragment, only on the site', () => {
    const tiktok = onHosts(['tiktok.com']);
    expect(pathOfHref('/@budi?lang=en#x', tiktok)).toBe('/@budi');
    expect(pathOfHref('https://www.tiktok.com/@budi/video/1?is_from_webapp=1', tiktok)).toBe('/@budi/video/1');
    expect(pathOfHref('https://evil.test/@budi', tiktok)).toBeNull();
    expect(pathOfHref('//evil.test/@budi', tiktok)).toBeNull();
    expect(pathOfHref('javascript:alert(1)', tiktok)).toBeNull();
    expect(pathOfHref(null, tiktok)).toBeNull();
  });
});

describe('BoundedMemo', () => {
  it('computes once per key, null results included, and clears when full', () => {
    let calls = 0;
    const m = new BoundedMemo<string | null>((k) => {
      calls++;
      return k === 'none' ? null : k.toUpperCase();
    }, 2);
    expect(m.get('a')).toBe('A');
    expect(m.get('a')).toBe('A');
    expect(m.get('none')).toBeNull();
    expect(m.get('none')).toBeNull();
    expect(calls).toBe(2);
    m.get('b'); // full: cleared first
    expect(m.size).toBe(1);
  });
});

describe('detection health', () => {
  const feed = '<main><article><button data-testid="like"></button> Sebuah postingan yang cukup panjang.</article></main>';
  const renamed = '<main><article><button data-testid="heart"></button> Sebuah postingan yang cukup panjang.</article></main>';

  it('probes only pages that must show content, and only when they have some', () => {
    const H = compileHooks(base());
    document.body.innerHTML = renamed;
    expect(probeHealth(document, '/settings', H)).toEqual({ checked: false, missing: null });
    document.body.innerHTML = '<main>…</main>';
    expect(probeHealth(document, '/home', H)).toEqual({ checked: false, missing: null });
  });

  it('names the first required hook that found nothing: content first, then controls (an undo state counts)', () => {
    const H = compileHooks(base());
    document.body.innerHTML = '<main><p>Halaman dengan isi tetapi tanpa postingan.</p></main>';
    expect(probeHealth(document, '/home', H)).toEqual({ checked: true, missing: 'post' });
    document.body.innerHTML = renamed;
    expect(probeHealth(document, '/home', H)).toEqual({ checked: true, missing: 'like' });
    document.body.innerHTML = renamed.replace('heart', 'unlike');
    expect(probeHealth(document, '/home', H)).toEqual({ checked: true, missing: null });
    document.body.innerHTML = feed;
    expect(probeHealth(document, '/home', H)).toEqual({ checked: true, missing: null });
  });

  it('reports degraded only after the miss lasts its grace, recovers at once, and reports changes only', () => {
    let t = 0;
    const reports: SiteHealth[] = [];
    const m = new HealthMonitor((h) => reports.push(h), () => t);
    const H = compileHooks(base());
    expect(m.feed({ checked: true, missing: 'like' }, H)).toBe(1000); // re-probe in 1 s
    expect(reports).toEqual([]);
    t = 1000;
    expect(m.feed({ checked: true, missing: 'like' }, H)).toBe(0);
    expect(reports.map((r) => [r.status, r.hook, r.hooksVersion])).toEqual([['degraded', 'like', 1]]);
    t = 1500;
    m.feed({ checked: true, missing: 'like' }, H);
    m.feed({ checked: false, missing: null }, H); // not a content page: says nothing
    expect(reports).toHaveLength(1);
    t = 1600;
    m.feed({ checked: true, missing: null }, H);
    m.feed({ checked: true, missing: null }, H);
    expect(reports.map((r) => r.status)).toEqual(['degraded', 'ok']);
    expect(m.current?.status).toBe('ok');
  });
});

describe('which hooks a tab runs', () => {
  const bundled = base();
  it('a newer signed update for this site that this engine can run', () => {
    const update = base({ hooksVersion: 2 });
    expect(hooksForTab(bundled, { hooks: update, source: 'https://hooks.test/h.json' })).toBe(update);
  });
  it('else the bundled hooks: nothing stored, not newer, another site, or a newer engine needed', () => {
    expect(hooksForTab(bundled, undefined)).toBe(bundled);
    expect(hooksForTab(bundled, null)).toBe(bundled);
    expect(hooksForTab(bundled, { hooks: base({ hooksVersion: 1 }) })).toBe(bundled);
    expect(hooksForTab(bundled, { hooks: { ...base({ hooksVersion: 5 }), site: 'facebook' } })).toBe(bundled);
    expect(hooksForTab(bundled, { hooks: base({ hooksVersion: 5, minEngine: ENGINE_VERSION + 1 }) })).toBe(bundled);
    expect(hooksForTab(bundled, { hooks: 'junk' })).toBe(bundled);
  });
});

describe('the layout the registry promises', () => {
  it('sites never import each other, and only the registry lists them', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(process.cwd(), 'lib/sites');
    const sites = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'engine').map((d) => d.name);
    for (const site of sites) {
      for (const f of readdirSync(join(root, site)).filter((f) => f.endsWith('.ts'))) {
        const src = readFileSync(join(root, site, f), 'utf8');
        for (const other of sites.filter((o) => o !== site)) expect(src, `${site}/${f} imports ${other}`).not.toMatch(new RegExp(`from '\\.\\./${other}[/']`));
      }
    }
  });
});

describe('containers', () => {
  it('scanInOrder: one container lookup per run of hits, each container flushed once with its hits', async () => {
    const { scanInOrder } = await import('../../lib/sites/engine/containers');
    document.body.innerHTML = '<article id="a"><b></b><b></b></article><div><b id="loose"></b></div><article id="c"><b></b></article>';
    let lookups = 0;
    const got: string[] = [];
    let run: number[] = [];
    scanInOrder(
      document.querySelectorAll('b'),
      (hit) => {
        lookups++;
        return hit.closest('article');
      },
      (_c, hit) => run.push([...document.querySelectorAll('b')].indexOf(hit as HTMLElement)),
      (c) => {
        got.push(`${c.id}:${run.join(',')}`);
        run = [];
      },
    );
    expect(got).toEqual(['a:0,1', 'c:3']);
    expect(lookups).toBe(3); // a, the loose one (none), c
  });

  it('orderKeys and identity: stable ids first, each key once, empties dropped', async () => {
    const { identity, orderKeys } = await import('../../lib/sites/engine/containers');
    expect(orderKeys(['g:grup', '@budi', null, 'id:1', '@budi'])).toEqual(['id:1', '@budi', 'g:grup']);
    expect(identity([null, 'id:1', 'id:1', '@b'], '@b', 'author')).toEqual({ keys: ['id:1', '@b'], display: '@b', relation: 'author' });
  });

  it('choiceLayer: a layer with enough distinct choices and no post inside', async () => {
    const { choiceLayer } = await import('../../lib/sites/engine/containers');
    const H = compileHooks(
      base({
        selectors: { layer: { css: ['[role="toolbar"]'] }, item: { css: [], label: 'r' }, post: { css: ['article'] } },
        labels: { r: { id: ['Suka', 'Super', 'Haha'], en: [] } },
      }),
    );
    document.body.innerHTML = '<div role="toolbar"><button aria-label="Suka" id="s"></button><button aria-label="Super"></button><button aria-label="Haha"></button></div>';
    const s = document.querySelector('#s')!;
    expect(choiceLayer(s, H.hook('layer'), H.hook('item'), 3, 'article')).toBe(document.querySelector('[role="toolbar"]'));
    expect(choiceLayer(s, H.hook('layer'), H.hook('item'), 4, 'article')).toBeNull();
    document.querySelector('[role="toolbar"]')!.append(document.createElement('article'));
    expect(choiceLayer(s, H.hook('layer'), H.hook('item'), 3, 'article')).toBeNull();
  });

  it('ownerHeader and nearestLink: the page title’s header, and a card’s own link, within bounds', async () => {
    const { nearestLink, ownerHeader } = await import('../../lib/sites/engine/containers');
    document.body.innerHTML = `
      <main><header id="h"><h1>Capres</h1><div><button id="f">Ikuti</button></div></header>
      <aside><div class="card"><a href="/budi">Budi</a><span><button id="g">Ikuti</button></span></div></aside></main>`;
    const opts = { title: 'h1', stop: 'aside', main: 'main', maxClimb: 16 };
    expect(ownerHeader(document.querySelector('#f')!, opts)?.id).toBe('h');
    expect(ownerHeader(document.querySelector('#g')!, opts)).toBeNull(); // the side column is no header
    expect(nearestLink(document.querySelector('#g')!, 8, 'aside', (a) => a.getAttribute('href'))).toBe('/budi');
    expect(nearestLink(document.querySelector('#g')!, 1, 'aside', (a) => a.getAttribute('href'))).toBeNull();
  });
});

describe('firstHook', () => {
  it('gives the same answer as trying each hook’s is() in order, on every element of every site fixture', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { SITES } = await import('../../lib/sites/registry');
    const { firstHook } = await import('../../lib/sites/engine/hooks');
    let checked = 0;
    for (const site of SITES) {
      const H = compileHooks(site.hooks);
      const hooks = Object.keys(site.hooks.selectors).map((n) => H.hook(n));
      const dir = join(process.cwd(), 'tests/sites', site.id, 'fixtures');
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.html'))) {
        document.body.innerHTML = readFileSync(join(dir, f), 'utf8').replace(/<script\b[\s\S]*?<\/script>/gi, '');
        for (const el of document.body.querySelectorAll('*')) {
          expect(firstHook(el, hooks)?.name, `${site.id}/${f}`).toBe(hooks.find((h) => h.is(el))?.name);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
