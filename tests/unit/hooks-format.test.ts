/**
 * Hooks as data: the selector checker, path templates, the parser + linter, and the
 * formatter's round trip (darkreader's test: a file that survives it lost nothing).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HooksError } from '../../lib/hooks/errors';
import { formatSiteHooks } from '../../lib/hooks/format';
import { formatHookProblem, lintSiteHooks, parseSiteHooks, readSiteHooks } from '../../lib/hooks/parse';
import { checkSelector } from '../../lib/hooks/selector';
import { compileTemplate, matchAny } from '../../lib/hooks/templates';
import type { SiteHooks } from '../../lib/hooks/types';

const ROOT = resolve(__dirname, '../..');

/** A small, well-formatted hooks file for site "x" (fictional, not the bundled one). */
const FILE = `{
  "site": "x",
  "hooksVersion": 3,
  "minEngine": 1,
  "selectors": {
    "post": {
      "css": [
        "article[data-testid=\\"tweet\\"]",
        "[data-testid=\\"tweet\\"]"
      ],
      "required": "content",
      "expect": {
        "home.html": 3,
        "status.html": 1
      },
      "note": "A post: timeline row, reply, or the focal post of a status page."
    },
    "like": {
      "css": [
        "[data-testid=\\"like\\"]",
        "button[aria-label=\\"Suka\\"]",
        "[role=\\"button\\"]:is([aria-label=\\"Like\\"], [aria-label$=\\". Like\\"])"
      ],
      "label": "like",
      "labelForm": "suffix",
      "required": "control",
      "orUndo": [
        "unlike"
      ]
    },
    "unlike": {
      "css": [
        "[data-testid=\\"unlike\\"]"
      ],
      "label": "unlike",
      "labelForm": "suffix"
    },
    "follow": {
      "css": [],
      "label": "follow",
      "labelForm": "handle",
      "caption": false
    }
  },
  "labels": {
    "like": {
      "id": [
        "Suka",
        "Sukai"
      ],
      "en": [
        "Like"
      ]
    },
    "unlike": {
      "id": [
        "Batal suka",
        "Disukai"
      ],
      "en": [
        "Liked",
        "Unlike"
      ]
    },
    "follow": {
      "id": [
        "Ikuti"
      ],
      "en": [
        "Follow"
      ]
    }
  },
  "paths": {
    "profile": [
      "/{handle}"
    ],
    "status": [
      "/{handle}/status/{id}/**",
      "/i/web/status/{id}"
    ]
  },
  "shortcuts": {
    "l": "like"
  },
  "thresholds": {
    "maxCaption": 40,
    "doubleTapMs": 300
  },
  "healthPages": [
    "/home",
    "/{handle}"
  ]
}
`;

const fixture = (): Record<string, any> => JSON.parse(FILE);

function lintError(data: unknown): string {
  try {
    parseSiteHooks(data);
  } catch (e) {
    expect(e).toBeInstanceOf(HooksError);
    return `${(e as HooksError).code}: ${(e as HooksError).detail}`;
  }
  throw new Error('expected parseSiteHooks to throw');
}

describe('checkSelector', () => {
  const GOOD = [
    'article[data-testid="tweet"]',
    '[data-testid="tweet"]',
    '*',
    'div',
    '#layers [data-testid="Dropdown"]',
    'div[role="link"][tabindex="0"]',
    'a[href*="/status/"]',
    "a[href^='/compose/post?']",
    'button[aria-label$=". Like"]',
    '[aria-label="suka" i]',
    '[aria-label="suka"i]',
    '[lang|="id"]',
    '[class~="x1"]',
    'a[href]',
    'li div[role="article"]',
    'ul > li + li ~ li',
    'ul>li+li~li',
    'div:is([role="article"], [aria-posinset])',
    ':scope > div',
    'div:not(.a, .b)',
    'div:where(.a)',
    'div:has(> a[href])',
    'div:has(+ span, p)',
    'div:has(> a ~ b)',
    'li:nth-child(2n + 1)',
    'li:first-child',
    'li:last-child',
    'li:nth-child(2n+1)',
    'li:nth-child(odd)',
    'li:nth-child(even)',
    'li:nth-child(-n+3)',
    'li:nth-child(3)',
    'p:empty',
    ':is(:not(:has(a)))',
    ':has(:is(:not(a)))',
    'a , b',
    '.x1n2onr6.x1ja2u2z',
    '.-foo',
    '._a',
    'h4[id]',
    '[data-ad-rendering-role="like_button"]',
    '[aria-label="Ikuti \'budi\' — sekarang"]',
    Array.from({ length: 16 }, (_, i) => `.c${i}`).join(','),
  ];

  it.each(GOOD)('accepts %s, and the DOM parses it', (sel) => {
    expect(checkSelector(sel)).toBeNull();
    expect(() => document.querySelector(sel)).not.toThrow();
    expect(() => document.createElement('div').matches(sel)).not.toThrow();
  });

  const BAD: [string, RegExp][] = [
    ['', /empty selector/],
    ['   ', /empty selector/],
    ['a,,b', /empty part/],
    ['a,', /empty part/],
    [',a', /empty part/],
    ['[data-testid="x"', /unbalanced "\["/],
    ['div[a="x]', /unbalanced quote/],
    ['a)', /unbalanced "\)"/],
    [':is(a', /unbalanced "\("/],
    ['a]', /unbalanced "\]"/],
    ['a::before', /pseudo-elements/],
    ['a:hover', /unsupported pseudo-class ":hover"/],
    ['a:nth-of-type(2)', /unsupported pseudo-class/],
    ['a:nth-child(2n+1 of .x)', /not an\+b/],
    ['a:nth-child()', /not an\+b/],
    ['a:nth-child', /needs an argument/],
    ['div:first-child(2)', /takes no argument/],
    [':is(:is(:is(:is(a))))', /nested deeper than 3/],
    [':has(:has(a))', /:has\(\) inside :has\(\)/],
    [':has(:is(:has(a)))', /:has\(\) inside :has\(\)/],
    ['a\tb', /control character/],
    ['a\nb', /control character/],
    ['a\u0000', /control character/],
    ['x'.repeat(501), /longer than 500/],
    [Array.from({ length: 17 }, (_, i) => `.c${i}`).join(','), /more than 16/],
    [`:is(${Array.from({ length: 17 }, (_, i) => `.c${i}`).join(',')})`, /more than 16/],
    ['[a=b]', /must be quoted/],
    ['[a!="b"]', /unknown attribute operator/],
    ['[="b"]', /needs a name/],
    ['[a="b" x]', /no spaces inside/],
    ['[a="b"x]', /expected "\]"/],
    ['[ data-x ]', /no spaces inside/],
    ['[data-x ]', /no spaces inside/],
    ['[a = "b"]', /no spaces inside/],
    ['[a="b" i ]', /no spaces inside/],
    ['div:has(~ p)', /only the first selector may start with a combinator, and only ">" or "\+"/],
    ['div:has(a, > b)', /only the first selector may start with a combinator/],
    ['a > ', /nothing after combinator/],
    ['a >', /nothing after combinator/],
    ['> a', /unexpected ">"/],
    [':is(> a)', /unexpected ">"/],
    ['a >> b', /unexpected ">"/],
    ['#1a', /must be followed by a name/],
    ['.', /must be followed by a name/],
    ['svg|path', /unexpected "\|"/],
    ['\\31 23', /backslash/],
    ['[a="\\""]', /backslash/],
    ['a:is()', /empty part/],
    ['é', /unexpected "é"/],
    ['a{}', /unexpected "\{"/],
    ['a;b', /unexpected ";"/],
    ['<script>', /unexpected "<"/],
    [':IS(a)', /unsupported pseudo-class/],
    [':', /must be followed by a pseudo-class name/],
    ['a:not(b) c:first-child(', /unbalanced "\("/],
    ['a\u00a0b', /unexpected/],
    ['a\u2028b', /unexpected/],
  ];

  it.each(BAD)('rejects %j', (sel, reason) => {
    expect(checkSelector(sel)).toMatch(reason);
  });

  it('rejects catastrophic input quickly: 10,000-part lists, deep nesting, 10 MB', () => {
    expect(checkSelector(Array.from({ length: 10_000 }, () => 'a').join(','))).toMatch(/longer than 500/);
    expect(checkSelector(`${':is('.repeat(60)}a${')'.repeat(60)}`)).toMatch(/nested deeper than 3/);
    expect(checkSelector(`${':has('.repeat(60)}a${')'.repeat(60)}`)).toMatch(/nested deeper|:has\(\) inside/);
    expect(checkSelector('('.repeat(400))).toMatch(/unbalanced "\("/);
    expect(checkSelector('a '.repeat(240))).toBeNull(); // 240 descendants: legal, bounded by length
    expect(checkSelector('x'.repeat(10 * 1024 * 1024))).toMatch(/longer than 500/);
    expect(checkSelector(`[a="${'"'.repeat(400)}"]`)).not.toBeNull();
  });

  it('does not touch the DOM (it runs in the service worker)', () => {
    // Code only: the comments may mention the DOM.
    const src = readFileSync(join(ROOT, 'lib/hooks/selector.ts'), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(src).not.toMatch(/\b(document|window|querySelector|CSS\.)\b/);
  });
});

describe('path templates', () => {
  it('matches placeholders, a trailing slash, and /** for more segments', () => {
    const profile = compileTemplate('/{handle}');
    expect(profile.source).toBe('/{handle}');
    expect(profile.match('/budi')).toEqual({ handle: 'budi' });
    expect(profile.match('/budi/')).toEqual({ handle: 'budi' });
    expect(profile.match('/Budi_99.x')).toEqual({ handle: 'Budi_99.x' });
    for (const p of ['/budi/x', '/', '', 'budi', '/bu di', '/budi//', `/${'a'.repeat(51)}`, '/budi?x=1', '/budi#top']) {
      expect(profile.match(p), p).toBeNull();
    }

    const status = compileTemplate('/{handle}/status/{id}/**');
    expect(status.match('/budi/status/123')).toEqual({ handle: 'budi', id: '123' });
    expect(status.match('/budi/status/123/')).toEqual({ handle: 'budi', id: '123' });
    expect(status.match('/budi/status/123/photo/1')).toEqual({ handle: 'budi', id: '123' });
    expect(status.match('/budi/status/abc')).toBeNull();
    expect(status.match('/budi/status/123//x')).toBeNull();
    expect(status.match('/budi/Status/123')).toBeNull(); // literals are case-sensitive

    expect(compileTemplate('/@{handle}').match('/@budi')).toEqual({ handle: 'budi' });
    expect(compileTemplate('/@{handle}').match('/budi')).toBeNull();
    expect(compileTemplate('/@{handle}/video/{id}').match('/@budi.x/video/7301')).toEqual({ handle: 'budi.x', id: '7301' });
    expect(compileTemplate('/').match('/')).toEqual({});
    expect(compileTemplate('/').match('/home')).toBeNull();
    expect(compileTemplate('/**').match('/a/b/c')).toEqual({});
    expect(compileTemplate('/p/{slug}').match('/p/C0d3-x_y.z')).toEqual({ slug: 'C0d3-x_y.z' });
    expect(compileTemplate('/groups/{any}').match('/groups/a%20b')).toEqual({ any: 'a%20b' });
    expect(compileTemplate('/a.b').match('/aXb')).toBeNull(); // the dot is a literal, not "any character"
    expect(compileTemplate('/profile.php').match('/profile.php')).toEqual({});
  });

  it('matchAny returns the first match', () => {
    const ts = ['/i/web/status/{id}', '/{handle}/status/{id}/**', '/{handle}'].map(compileTemplate);
    expect(matchAny(ts, '/i/web/status/9')).toEqual({ id: '9' });
    expect(matchAny(ts, '/budi/status/9/photo/1')).toEqual({ handle: 'budi', id: '9' });
    expect(matchAny(ts, '/budi')).toEqual({ handle: 'budi' });
    expect(matchAny(ts, '/a/b')).toBeNull();
    expect(matchAny([], '/a')).toBeNull();
  });

  const BAD: [string, RegExp][] = [
    ['', /must start with "\/"/],
    ['budi', /must start with "\/"/],
    ['/a//b', /empty segment/],
    ['/a/', /ends with "\/"/],
    ['/{foo}', /unknown placeholder \{foo\}/],
    ['/{id}/{id}', /\{id\} appears twice/],
    ['/**/a', /"\*\*" may only be the last segment/],
    ['/a*', /"\*\*" may only be the last segment/],
    ['/{handle}x', /is neither a literal .* nor one \{placeholder\}/],
    ['/{handle}{id}', /is neither a literal/],
    ['/a b', /is neither a literal/],
    ['/(.*)', /"\*\*" may only be the last segment/],
    ['/[a-z]+', /is neither a literal/],
    ['/{Handle}', /unknown placeholder \{Handle\}/],
    [`/${'a'.repeat(600)}`, /longer than 500/],
  ];
  it.each(BAD)('rejects %j saying what is wrong', (t, reason) => {
    let err: unknown;
    try {
      compileTemplate(t);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HooksError);
    expect((err as HooksError).code).toBe('format');
    expect((err as HooksError).detail).toMatch(reason);
  });

  it('cannot be made slow by the path', () => {
    const t = compileTemplate('/{any}/{slug}/{handle}/**');
    for (let i = 0; i < 50; i++) t.match(`/${'a/'.repeat(2000)}!`);
    expect(t.match(`/${'a'.repeat(5000)}`)).toBeNull();
  });
});

describe('parseSiteHooks and lintSiteHooks', () => {
  it('parses the fixture, lints clean', () => {
    const h = parseSiteHooks(fixture(), 'x');
    expect(h.site).toBe('x');
    expect(Object.keys(h.selectors)).toEqual(['post', 'like', 'unlike', 'follow']);
    expect(h.selectors.like.orUndo).toEqual(['unlike']);
    expect(lintSiteHooks(h)).toEqual([]);
  });

  it('builds a fresh object: unknown keys ignored, nothing shared with the input', () => {
    const data = fixture();
    data.future = { anything: 1 };
    data.selectors.like.lable = 'typo';
    data.labels.like.ms = ['Suka'];
    const r = readSiteHooks(data);
    expect(r.problems).toEqual([]);
    expect(r.ignored).toEqual(['future', 'selectors.like.lable', 'labels.like.ms']);
    expect('future' in r.hooks).toBe(false);
    expect('lable' in r.hooks.selectors.like).toBe(false);
    expect('ms' in r.hooks.labels.like).toBe(false);
    data.selectors.like.css.push('[oops');
    data.labels.like.id[0] = 'changed';
    expect(r.hooks.selectors.like.css).toHaveLength(3);
    expect(r.hooks.labels.like.id[0]).toBe('Suka');
  });

  it('names the site and the hook of a bad selector', () => {
    const data = fixture();
    data.selectors.like.css[1] = 'button[aria-label="Suka"';
    expect(lintError(data)).toBe('lint: x: selectors.like.css[1]: unbalanced "["');
    const data2 = fixture();
    data2.selectors.post.css.push(':has(:has(a))');
    expect(lintError(data2)).toBe('lint: x: selectors.post.css[2]: :has() inside :has() is not allowed');
  });

  it('names the path of a bad template', () => {
    const data = fixture();
    data.paths.status[0] = '/{handle}/status/{nope}';
    expect(lintError(data)).toMatch(/^lint: x: paths\.status\[0\]: path template "\/\{handle\}\/status\/\{nope\}": unknown placeholder \{nope\}/);
    const data2 = fixture();
    data2.healthPages = ['/home', 'home'];
    expect(lintError(data2)).toMatch(/^lint: x: healthPages\[1\]: .*must start with "\/"/);
  });

  it('reports every kind of problem, each naming where', () => {
    const h = parseSiteHooks(fixture());
    h.hooksVersion = 0;
    h.minEngine = 1.5;
    h.selectors.like.label = 'suka';
    h.selectors.like.labelForm = 'regex' as never;
    h.selectors.like.required = 'always' as never;
    h.selectors.like.orUndo = ['unlike', 'nothing', 'like'];
    h.selectors.post.expect = { 'home.html': -1 };
    h.selectors.empty = { css: [] };
    h.shortcuts.r = 'reply';
    h.thresholds.maxCaption = -1;
    h.thresholds.doubleTapMs = Infinity;
    h.labels.follow = { id: [], en: [] };
    h.labels.unlike.en.push(' ');
    h.paths.none = [];
    h.selectors.post.note = 'n'.repeat(2001);
    const got = lintSiteHooks(h).map(formatHookProblem);
    expect(got).toEqual([
      'x: hooksVersion: must be a positive whole number, got 0',
      'x: minEngine: must be a positive whole number, got 1.5',
      'x: selectors.post.expect.home.html: a match count must be a whole number ≥ 0, got -1',
      'x: selectors.post.note: the note is longer than 2000 characters',
      'x: selectors.like.label: refers to labels.suka, which does not exist',
      'x: selectors.like.labelForm: "regex" is not one of exact, suffix, handle, prefix',
      'x: selectors.like.required: "always" is not one of content, control',
      'x: selectors.like.orUndo[1]: refers to selectors.nothing, which does not exist',
      'x: selectors.like.orUndo[2]: a hook cannot be its own undo',
      'x: selectors.empty: has neither css nor a label',
      'x: labels.unlike.en[2]: a word is empty',
      'x: labels.follow: has no words',
      'x: paths.none: has no templates',
      'x: shortcuts.r: refers to selectors.reply, which does not exist',
      'x: thresholds.maxCaption: must be a finite number ≥ 0, got -1',
      'x: thresholds.doubleTapMs: must be a finite number ≥ 0, got Infinity',
    ]);
    const p = lintSiteHooks(h).find((x) => x.where === 'selectors.like.orUndo[1]');
    expect(p).toMatchObject({ site: 'x', hook: 'like' });
  });

  it('limits counts: more than 200 hooks or labels', () => {
    const data = fixture();
    for (let i = 0; i < 200; i++) data.selectors[`h${i}`] = { css: ['a'] };
    expect(lintError(data)).toBe('lint: x: selectors: more than 200 hooks (204)');
    const data2 = fixture();
    for (let i = 0; i < 201; i++) data2.labels[`w${i}`] = { id: ['a'], en: [] };
    expect(lintError(data2)).toBe('lint: x: labels: more than 200 labels (204)');
  });

  it('a threshold of 1e999 (Infinity after JSON.parse) is refused', () => {
    expect(lintError(JSON.parse(FILE.replace('"maxCaption": 40', '"maxCaption": 1e999')))).toMatch(/thresholds\.maxCaption: must be a finite number/);
  });

  it('refuses wrong types as format errors naming the field', () => {
    const cases: [(d: Record<string, any>) => void, string][] = [
      [(d) => (d.selectors.like.css = '[data-testid="like"]'), 'x: selectors.like.css: is not an array of strings'],
      [(d) => (d.selectors.like.css[0] = 3), 'x: selectors.like.css[0]: is not a string'],
      [(d) => delete d.labels, 'x: labels: is missing'],
      [(d) => (d.shortcuts = []), 'x: shortcuts: is not an object'],
      [(d) => (d.thresholds.maxCaption = '40'), 'x: thresholds.maxCaption: is not a number'],
      [(d) => (d.selectors.follow.caption = 'yes'), 'x: selectors.follow.caption: is not true or false'],
      [(d) => (d.labels.like.id = 'Suka'), 'x: labels.like.id: is not an array of strings'],
      [(d) => (d.site = 'myspace'), '?: site: "myspace" is not a known site (x, facebook, instagram, tiktok, youtube, threads)'],
      [(d) => (d.hooksVersion = '3'), 'x: hooksVersion: is not a number'],
    ];
    for (const [change, detail] of cases) {
      const d = fixture();
      change(d);
      expect(lintError(d)).toBe(`format: ${detail}`);
    }
    expect(lintError(null)).toBe('format: ?: the hooks are not a JSON object');
    expect(lintError([])).toBe('format: ?: the hooks are not a JSON object');
    expect(() => parseSiteHooks(fixture(), 'facebook')).toThrow('facebook: site: the hooks are for "x", expected "facebook"');
  });

  it('refuses __proto__, constructor and prototype as keys, naming them, and pollutes nothing', () => {
    const texts = [
      FILE.replace('"selectors": {', '"selectors": {"__proto__": {"css": ["a"], "polluted": true},'),
      FILE.replace('"selectors": {', '"selectors": {"constructor": {"css": ["a"]},'),
      FILE.replace('"labels": {', '"labels": {"prototype": {"id": ["a"], "en": []},'),
      FILE.replace('"thresholds": {', '"thresholds": {"__proto__": 1,'),
      FILE.replace('"maxCaption": 40', '"maxCaption": 40, "constructor": 1'),
      FILE.replace('"site": "x",', '"site": "x", "__proto__": {"polluted": true},'),
      FILE.replace('"required": "content",', '"required": "content", "__proto__": {"polluted": true},'),
      FILE.replace('"home.html": 3,', '"__proto__": 3, "home.html": 3,'),
    ];
    for (const text of texts) {
      const data = JSON.parse(text);
      let err: unknown;
      try {
        parseSiteHooks(data);
      } catch (e) {
        err = e;
      }
      expect(err, text.slice(0, 80)).toBeInstanceOf(HooksError);
      expect((err as HooksError).code).toBe('format');
      expect((err as HooksError).detail).toMatch(/the key "(__proto__|constructor|prototype)" is not allowed/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('css');
  });

  it('a space-bar shortcut (event.key " ") is a valid name; a hook name with spaces around is not', () => {
    const h = parseSiteHooks(fixture());
    h.shortcuts[' '] = 'like';
    expect(lintSiteHooks(h)).toEqual([]);
    h.selectors[' like'] = { css: ['a'] };
    expect(lintSiteHooks(h).map(formatHookProblem)).toEqual(['x: selectors. like: a name must not be empty or start or end with a space']);
  });

  it('a hook named like a built-in property is checked as an own key', () => {
    const h = parseSiteHooks(fixture());
    h.shortcuts.t = 'toString';
    h.selectors.like.label = 'hasOwnProperty';
    const got = lintSiteHooks(h).map(formatHookProblem);
    expect(got).toContain('x: shortcuts.t: refers to selectors.toString, which does not exist');
    expect(got).toContain('x: selectors.like.label: refers to labels.hasOwnProperty, which does not exist');
  });
});

describe('formatSiteHooks', () => {
  it('round-trips a well-formatted file exactly', () => {
    expect(formatSiteHooks(parseSiteHooks(JSON.parse(FILE)))).toBe(FILE);
  });

  it('is canonical: any layout and key order of the same hooks formats the same', () => {
    const data = fixture();
    const shuffled = {
      thresholds: data.thresholds,
      healthPages: data.healthPages,
      selectors: Object.fromEntries(
        Object.entries(data.selectors).map(([k, v]) => [k, Object.fromEntries(Object.entries(v as object).reverse())]),
      ),
      labels: Object.fromEntries(Object.entries(data.labels).map(([k, v]) => [k, { en: (v as any).en, id: (v as any).id }])),
      paths: data.paths,
      minEngine: 1,
      shortcuts: data.shortcuts,
      site: 'x',
      hooksVersion: 3,
    };
    expect(formatSiteHooks(parseSiteHooks(JSON.parse(JSON.stringify(shuffled))))).toBe(FILE);
    expect(formatSiteHooks(parseSiteHooks(JSON.parse(JSON.stringify(data, null, 4))))).toBe(FILE);
    expect(formatSiteHooks(parseSiteHooks(JSON.parse(FILE.replace(/\n\s*/g, ''))))).toBe(FILE);
    expect(formatSiteHooks(parseSiteHooks(JSON.parse(JSON.stringify(data))))).toBe(FILE);
  });

  it('keeps the hooks in document order, leaves out absent fields, writes {} and []', () => {
    const h: SiteHooks = {
      site: 'facebook',
      hooksVersion: 1,
      minEngine: 1,
      selectors: { zeta: { css: ['a'] }, alpha: { css: ['b'] } },
      labels: {},
      paths: {},
      shortcuts: {},
      thresholds: {},
    };
    const text = formatSiteHooks(h);
    expect(text).toBe(
      [
        '{',
        '  "site": "facebook",',
        '  "hooksVersion": 1,',
        '  "minEngine": 1,',
        '  "selectors": {',
        '    "zeta": {',
        '      "css": [',
        '        "a"',
        '      ]',
        '    },',
        '    "alpha": {',
        '      "css": [',
        '        "b"',
        '      ]',
        '    }',
        '  },',
        '  "labels": {},',
        '  "paths": {},',
        '  "shortcuts": {},',
        '  "thresholds": {}',
        '}',
        '',
      ].join('\n'),
    );
    expect(formatSiteHooks(parseSiteHooks(JSON.parse(text)))).toBe(text);
  });
});

// The bundled hooks files (written alongside this code): each must parse, lint clean and be
// in canonical form, so that what is reviewed is exactly what ships.
const bundled = existsSync(join(ROOT, 'lib/sites'))
  ? readdirSync(join(ROOT, 'lib/sites'))
      .filter((d) => existsSync(join(ROOT, 'lib/sites', d, 'hooks.json')))
      .map((d) => [d, join(ROOT, 'lib/sites', d, 'hooks.json')] as const)
  : [];

describe.runIf(bundled.length > 0)('bundled lib/sites/*/hooks.json', () => {
  it.each(bundled)('%s parses, lints clean and round-trips through the formatter', (site, path) => {
    const text = readFileSync(path, 'utf8');
    const r = readSiteHooks(JSON.parse(text), site as SiteHooks['site']);
    expect(r.problems.map(formatHookProblem)).toEqual([]);
    expect(r.ignored).toEqual([]);
    expect(formatSiteHooks(r.hooks)).toBe(text);
  });
});
