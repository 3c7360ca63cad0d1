/**
 * Signed hooks updates: sign → file → parse → verify → engine check, and everything a
 * hostile or broken document can try on the way.
 */
import { describe, expect, it } from 'vitest';
import { describeHooksError, HOOKS_ERROR_CODES, HooksError, isHooksErrorCode } from '../../lib/hooks/errors';
import { checkEngine, MAX_HOOKS_BYTES, parseSignedHooks, serializeSignedHooks, signHooks, verifySignedHooks } from '../../lib/hooks/signed';
import { ENGINE_VERSION, HOOKS_FORMAT, type HooksPayload, type SiteHooks } from '../../lib/hooks/types';
import { generateKeyPair, importPrivatePem, sign } from '../../lib/list/signature';

/** Small valid hooks for site "x" (fictional). */
function xHooks(version = 5): SiteHooks {
  return {
    site: 'x',
    hooksVersion: version,
    minEngine: 1,
    selectors: {
      post: { css: ['article[data-testid="tweet"]'], required: 'content' },
      like: { css: ['[data-testid="like"]'], label: 'like', labelForm: 'suffix', required: 'control', orUndo: ['unlike'] },
      unlike: { css: ['[data-testid="unlike"]'], label: 'unlike' },
    },
    labels: { like: { id: ['Suka'], en: ['Like'] }, unlike: { id: ['Batal suka'], en: ['Unlike'] } },
    paths: { status: ['/{handle}/status/{id}/**'] },
    shortcuts: { l: 'like' },
    thresholds: { maxCaption: 40 },
    healthPages: ['/home'],
  };
}

function payload(over: Partial<HooksPayload> = {}): HooksPayload {
  return { hooksVersion: 5, minEngine: 1, issuer: 'Penerbit Uji', createdAt: '2026-12-01T00:00:00.000Z', sites: { x: xHooks() }, ...over };
}

async function caught(p: Promise<unknown> | (() => unknown)): Promise<HooksError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(HooksError);
    return e as HooksError;
  }
  throw new Error('expected a HooksError');
}

/** Signs `raw` as given (no checks, no re-ordering): documents our own signHooks would refuse to make. */
async function signRaw(raw: unknown, privatePem: string, publicKey: string): Promise<string> {
  const signature = await sign(new TextEncoder().encode(JSON.stringify(raw)), await importPrivatePem(privatePem));
  return JSON.stringify({ format: HOOKS_FORMAT, publicKey, signature, payload: raw });
}

describe('signed hooks', () => {
  it('sign → serialize → parse → verify gives back the payload; checkEngine passes', async () => {
    const k = await generateKeyPair();
    const doc = await signHooks(payload(), k.privatePem);
    expect(doc.format).toBe(HOOKS_FORMAT);
    expect(doc.publicKey).toBe(k.publicKey);
    const text = serializeSignedHooks(doc);
    const parsed = parseSignedHooks(text);
    const got = await verifySignedHooks(parsed, ['ed25519:not-a-key', k.publicKey]);
    expect(got).toEqual(payload());
    expect(() => checkEngine(got)).not.toThrow();
    // A document built in code verifies too.
    await expect(verifySignedHooks(doc, [k.publicKey])).resolves.toEqual(payload());
  });

  it('signHooks checks every site and signs canonical order, so any build re-creates the bytes', async () => {
    const k = await generateKeyPair();
    const h = xHooks();
    const shuffled = Object.fromEntries(Object.entries(h).reverse()) as unknown as SiteHooks;
    const doc = await signHooks(payload({ sites: { x: shuffled } }), k.privatePem);
    expect(Object.keys(doc.payload.sites.x!)).toEqual(Object.keys(h));
    const bad = xHooks();
    bad.selectors.like.css = ['[data-testid="like"'];
    const e = await caught(signHooks(payload({ sites: { x: bad } }), k.privatePem));
    expect(e.code).toBe('lint');
    expect(e.detail).toBe('x: selectors.like.css[0]: unbalanced "["');
    expect((await caught(signHooks(payload({ sites: {} }), k.privatePem))).detail).toMatch(/payload\.sites is empty/);
    expect((await caught(signHooks(payload({ sites: { x: xHooks(4) } }), k.privatePem))).detail).toMatch(/x: hooksVersion is 4, but the document's is 5/);
  });

  it('a payload changed by one character fails with bad-signature', async () => {
    const k = await generateKeyPair();
    const text = serializeSignedHooks(await signHooks(payload(), k.privatePem));
    const tampered = text.replace('[data-testid=\\"like\\"]', '[data-testid=\\"like \\"]');
    expect(tampered).not.toBe(text);
    const e = await caught(verifySignedHooks(parseSignedHooks(tampered), [k.publicKey]));
    expect(e.code).toBe('bad-signature');
    // A replayed document with its version raised (every site's too, so it parses).
    const v = await caught(verifySignedHooks(parseSignedHooks(text.replace(/"hooksVersion":5/g, '"hooksVersion":6')), [k.publicKey]));
    expect(v.code).toBe('bad-signature');
  });

  it('a document signed by another key is untrusted; no key at all is untrusted too', async () => {
    const k = await generateKeyPair();
    const other = await generateKeyPair();
    const doc = parseSignedHooks(serializeSignedHooks(await signHooks(payload(), k.privatePem)));
    expect((await caught(verifySignedHooks(doc, [other.publicKey]))).code).toBe('untrusted-key');
    expect((await caught(verifySignedHooks(doc, []))).code).toBe('untrusted-key');
    expect((await caught(verifySignedHooks(doc, ['ed25519:short']))).code).toBe('untrusted-key');
    // Swapping in the trusted key without re-signing does not help.
    const swapped = { ...doc, publicKey: other.publicKey };
    expect((await caught(verifySignedHooks(swapped, [other.publicKey]))).code).toBe('bad-signature');
  });

  it('minEngine above this build is "engine", for the document or one site, even with hooks this build cannot lint', async () => {
    const k = await generateKeyPair();
    const future = ENGINE_VERSION + 1;
    const e1 = await caught(async () => parseSignedHooks(serializeSignedHooks(await signHooks(payload({ minEngine: future }), k.privatePem))));
    expect(e1.code).toBe('engine');
    expect(e1.detail).toBe(`needs engine ${future}, this build has ${ENGINE_VERSION}`);

    // A newer engine's site with a labelForm this build does not know: 'engine', not 'lint'.
    const site = { ...xHooks(), minEngine: future } as Record<string, any>;
    site.selectors.like.labelForm = 'regex';
    const text = await signRaw({ ...payload(), sites: { x: site } }, k.privatePem, k.publicKey);
    const e2 = await caught(() => parseSignedHooks(text));
    expect(e2.code).toBe('engine');
    expect(e2.detail).toBe(`x: needs engine ${future}, this build has ${ENGINE_VERSION}`);

    // checkEngine on its own, with an explicit engine number.
    const p = payload({ sites: { x: { ...xHooks(), minEngine: 3 } } });
    expect((await caught(() => checkEngine(p, 2))).detail).toBe('x: needs engine 3, this build has 2');
    expect((await caught(() => checkEngine(payload({ minEngine: 4 }), 3))).code).toBe('engine');
    expect(() => checkEngine(p, 3)).not.toThrow();
  });

  it('a newer publisher’s extra fields still verify, and do not reach the caller', async () => {
    const k = await generateKeyPair();
    const site = { ...xHooks(), futureField: { x: 1 } } as Record<string, any>;
    site.selectors.like.alsoNew = true;
    const raw = { hooksVersion: 5, minEngine: 1, issuer: 'Penerbit Uji', createdAt: '2026-12-01T00:00:00.000Z', rollout: 0.5, sites: { x: site } };
    const doc = parseSignedHooks(await signRaw(raw, k.privatePem, k.publicKey));
    const got = await verifySignedHooks(doc, [k.publicKey]);
    expect(got).toEqual(payload());
    expect('rollout' in got).toBe(false);
    expect('futureField' in got.sites.x!).toBe(false);
  });

  it('refuses a 10 MB document as too large, before parsing' /* speed belongs to the bench; a hang fails on the test timeout */, async () => {
    const big = `{"format":"${HOOKS_FORMAT}","payload":"${'a'.repeat(10 * 1024 * 1024)}"}`;
    const e = await caught(() => parseSignedHooks(big));
    expect(e.code).toBe('too-large');
    // Bytes, not characters: 600,000 "é" are 1.2 MB of UTF-8.
    expect((await caught(() => parseSignedHooks(`"${'é'.repeat(600_000)}"`))).code).toBe('too-large');
    expect((await caught(() => parseSignedHooks(`"${'😀'.repeat(300_000)}"`))).code).toBe('too-large');
    expect((await caught(() => parseSignedHooks('"' + 'é'.repeat(400_000) + '"'))).code).toBe('format');
    expect((await caught(() => parseSignedHooks('{"a":1}', 3))).code).toBe('too-large');
    expect(MAX_HOOKS_BYTES).toBe(1_048_576);
  });

  it('survives JSON nested a million levels deep: refused, no crash', async () => {
    for (const text of ['['.repeat(1_000_000), `${'['.repeat(500_000)}${']'.repeat(500_000)}`, `${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`]) {
      const e = await caught(() => parseSignedHooks(text, 2_000_000));
      expect(['not-json', 'format']).toContain(e.code);
    }
  });

  it('refuses what is not a hooks document, saying where', async () => {
    const k = await generateKeyPair();
    const good = JSON.parse(serializeSignedHooks(await signHooks(payload(), k.privatePem)));
    const cases: [unknown, string, RegExp][] = [
      ['<html></html>', 'not-json', /./],
      ['[]', 'format', /not a JSON object/],
      [{ ...good, format: 'jaga-netral-list/1' }, 'format', /format is "jaga-netral-list\/1"; expected "jaga-netral-hooks\/1"/],
      [{ ...good, publicKey: 'ed25519:short' }, 'format', /public key/],
      [{ ...good, signature: '' }, 'format', /signature is missing/],
      [{ ...good, payload: { ...good.payload, hooksVersion: 0 } }, 'format', /payload\.hooksVersion must be a positive whole number/],
      [{ ...good, payload: { ...good.payload, issuer: 'a\nb' } }, 'format', /payload\.issuer/],
      [{ ...good, payload: { ...good.payload, sites: { myspace: xHooks() } } }, 'format', /unknown site "myspace"/],
      [{ ...good, payload: { ...good.payload, sites: { facebook: xHooks() } } }, 'format', /^facebook: site: the hooks are for "x", expected "facebook"$/],
      [{ ...good, payload: { ...good.payload, sites: {} } }, 'format', /payload\.sites is empty/],
      [{ ...good, payload: { ...good.payload, sites: { x: { ...xHooks(), selectors: { like: { css: 'a' } } } } } }, 'format', /^x: selectors\.like\.css: is not an array of strings$/],
      [{ ...good, payload: { ...good.payload, sites: { x: { ...xHooks(), paths: { status: ['/{handle}/status/{ID}'] } } } } }, 'lint', /^x: paths\.status\[0\]: .*unknown placeholder \{ID\}/],
    ];
    for (const [doc, code, detail] of cases) {
      const e = await caught(() => parseSignedHooks(typeof doc === 'string' ? doc : JSON.stringify(doc)));
      expect(e.code, JSON.stringify(doc).slice(0, 100)).toBe(code);
      expect(e.detail).toMatch(detail);
    }
  });

  it('a HOSTILE document: catastrophic selectors, huge lists, prototype keys — refused quickly, nothing polluted', async () => {
    const k = await generateKeyPair();
    const withCss = (css: string[]) => ({ ...xHooks(), selectors: { ...xHooks().selectors, like: { css } } });
    const attacks: [Record<string, unknown>, string, RegExp][] = [
      [withCss([`${':has('.repeat(50)}a${')'.repeat(50)}`]), 'lint', /x: selectors\.like\.css\[0\]: (nested deeper than 3|:has\(\) inside :has\(\))/],
      [withCss([`${':is('.repeat(90)}a${')'.repeat(90)}`]), 'lint', /x: selectors\.like\.css\[0\]: nested deeper than 3/],
      [withCss([Array.from({ length: 10_000 }, (_, i) => `.c${i}`).join(',')]), 'lint', /x: selectors\.like\.css\[0\]: longer than 500 characters/],
      [withCss(Array.from({ length: 10_000 }, () => 'a')), 'lint', /x: selectors\.like\.css: more than 200 selectors/],
      [withCss([`*${' *'.repeat(240)}`, ':has(:has(:has(*)))']), 'lint', /x: selectors\.like\.css\[1\]: :has\(\) inside :has\(\)/],
      [withCss(['a'.repeat(100_000)]), 'lint', /longer than 500/],
      [{ ...xHooks(), thresholds: { maxCaption: 40, huge: -5 } }, 'lint', /x: thresholds\.huge: must be a finite number/],
    ];
    for (const [site, code, detail] of attacks) {
      const text = await signRaw({ ...payload(), sites: { x: site } }, k.privatePem, k.publicKey);
      const e = await caught(() => parseSignedHooks(text));
      expect(e.code).toBe(code);
      expect(e.detail).toMatch(detail);
    }

    // Prototype keys, as the JSON text of a signed document carries them.
    const base = await signRaw(payload(), k.privatePem, k.publicKey);
    const poisoned = [
      base.replace('"selectors":{', '"selectors":{"__proto__":{"css":["a"],"polluted":true},'),
      base.replace('"selectors":{', '"selectors":{"constructor":{"css":["a"],"polluted":true},'),
      base.replace('"labels":{', '"labels":{"prototype":{"id":["a"],"en":[],"polluted":true},'),
      base.replace('"sites":{', '"sites":{"__proto__":{"polluted":true},'),
      base.replace('"payload":{', '"payload":{"__proto__":{"polluted":true},'),
      base.replace('{"format"', '{"__proto__":{"polluted":true},"format"'),
      base.replace('"shortcuts":{', '"shortcuts":{"constructor":"like",'),
    ];
    for (const text of poisoned) {
      expect(text).not.toBe(base);
      const e = await caught(() => parseSignedHooks(text));
      expect(e.code).toBe('format');
      expect(e.detail).toMatch(/the key "(__proto__|constructor|prototype)" is not allowed/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('css');
  });
});

describe('signed hooks: one reading, one spelling', () => {
  it('refuses a key given twice anywhere in the document, naming the key and where', async () => {
    const k = await generateKeyPair();
    const base = await signRaw(payload(), k.privatePem, k.publicKey);
    const cases: [string, string][] = [
      // A "sites" injected before the real one: JSON.parse would keep the real one and the signature hold.
      [base.replace('"payload":{', '"payload":{"sites":{"x":{}},'), 'duplicate key "sites" in payload'],
      [base.replace('"like":{', '"like":{"label":"unlike",'), 'duplicate key "label" in payload.sites.x.selectors.like'],
      [base.replace('"shortcuts":{', '"shortcuts":{"l":"unlike",'), 'duplicate key "l" in payload.sites.x.shortcuts'],
      [base.replace('"shortcuts":{', '"shortcuts":{"\\u006c":"unlike",'), 'duplicate key "l" in payload.sites.x.shortcuts'],
      [base.replace('{"format"', '{"publicKey":"x","format"'), 'duplicate key "publicKey" at the top level'],
    ];
    for (const [text, detail] of cases) {
      expect(text).not.toBe(base);
      const e = await caught(() => parseSignedHooks(text));
      expect(e.code).toBe('format');
      expect(e.detail).toBe(`${detail} (another reader may take the other one)`);
    }
    // The untouched document still goes through.
    await expect(verifySignedHooks(parseSignedHooks(base), [k.publicKey])).resolves.toEqual(payload());
  });

  it('refuses nesting deeper than the limit with a reason', async () => {
    const k = await generateKeyPair();
    const base = await signRaw(payload(), k.privatePem, k.publicKey);
    const text = base.replace('"payload":{', `"payload":{"rollout":${'['.repeat(100)}${']'.repeat(100)},`);
    const e = await caught(() => parseSignedHooks(text));
    expect(e.code).toBe('format');
    expect(e.detail).toMatch(/^nested deeper than 64 levels at payload\.rollout\[0\]/);
  });

  it('refuses the signature re-encoded (URL-safe, other padding, white space) with its own code', async () => {
    const k = await generateKeyPair();
    const good = JSON.parse(await signRaw(payload(), k.privatePem, k.publicKey));
    expect(good.signature).toMatch(/^[A-Za-z0-9+/]{85}[AQgw]==$/);
    const urlSafe = (b: string) => (/[+/]/.test(b) ? b : `${b.slice(0, 10)}/${b.slice(11)}`).replace(/\+/g, '-').replace(/\//g, '_');
    const respelled: [string, RegExp][] = [
      [urlSafe(good.signature), /URL-safe/],
      [good.signature.replace(/=+$/, ''), /padded differently/],
      [`${good.signature.slice(0, 40)} ${good.signature.slice(40)}`, /white space/],
      ['AAAA', /encodes 3 bytes/],
    ];
    for (const [signature, detail] of respelled) {
      const e = await caught(() => parseSignedHooks(JSON.stringify({ ...good, signature })));
      expect(e.code).toBe('signature-encoding');
      expect(e.detail).toMatch(detail);
    }
    const doc = parseSignedHooks(JSON.stringify(good));
    const e = await caught(verifySignedHooks({ ...doc, signature: good.signature.replace(/=+$/, '') }, [k.publicKey]));
    expect(e.code).toBe('signature-encoding');
    expect(describeHooksError(e, 'id')).toMatch(/^Tanda tangan pembaruan data situs tidak ditulis dalam bentuk baku/);
    expect(describeHooksError(e, 'en')).toMatch(/^The site data update's signature is not written in the standard form/);
  });
});

describe('describeHooksError', () => {
  it('has a plain Indonesian and English sentence for every code, saying the hooks in force stay', () => {
    for (const code of HOOKS_ERROR_CODES) {
      expect(isHooksErrorCode(code)).toBe(true);
      const e = new HooksError(code, 'x: selectors.like.css[1]: unbalanced "["');
      const id = describeHooksError(e, 'id');
      const en = describeHooksError(e, 'en');
      expect(id).toMatch(/tetap dipakai\.$/);
      expect(en).toMatch(/stays in use\.$/);
      expect(id).not.toBe(en);
    }
    expect(describeHooksError(new HooksError('engine', 'needs engine 2, this build has 1'), 'id')).toContain('mesin 2; versi ini 1');
    expect(describeHooksError(new HooksError('engine', 'needs engine 2, this build has 1'), 'en')).toContain('engine 2; this one has 1');
    expect(describeHooksError({ code: 'older', detail: '3 < 5' }, 'id')).toContain('(3) lebih lama dari yang sudah dipakai (5)');
    expect(describeHooksError({ code: 'lint', detail: 'x: selectors.like.css[1]: unbalanced "["' }, 'en')).toContain('(x: selectors.like.css[1]: unbalanced "[")');
    expect(describeHooksError({ code: 'from-the-future' }, 'en')).toMatch(/refused \(from-the-future\)/);
    expect(isHooksErrorCode('nope')).toBe(false);
  });
});
