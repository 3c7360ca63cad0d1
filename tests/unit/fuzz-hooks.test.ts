// @vitest-environment node
/**
 * Fuzz (issue 11, item 7), suite 4: hostile hooks documents.
 *
 * 1. Signed hooks updates (lib/hooks/signed.ts parseSignedHooks → verifySignedHooks →
 *    checkEngine), made from the bundled hooks of X and Facebook with the publisher's own
 *    signHooks, then tampered, truncated, re-signed by a stranger, re-signed by the trusted
 *    key with a broken shape, given prototype-pollution keys, duplicate keys, deep nesting,
 *    huge strings. Only HooksError may be thrown; a document is accepted only if its payload
 *    (JSON.parse, then JSON.stringify: the signed bytes) is one the trusted key signed, and
 *    what comes out is clean (no forbidden keys, plain prototypes, lint-free).
 * 2. One site's hooks (lib/hooks/parse.ts parseSiteHooks), mutated from the bundled files:
 *    only HooksError; what is returned is a fresh, lint-free object.
 * 3. The background hooks sync (lib/background/hooks.ts syncHooks, fakeBrowser storage, the
 *    fetchImpl seam of background-hooks.test.ts): with a good update in force, a hostile one
 *    is refused with a reason and the hooks in force stay; a rollback is refused.
 * After every case, `({}).polluted` is undefined.
 *
 * FUZZ_N (cases, default 1200: 45% / 35% / 20%) and FUZZ_SEED: see tests/support/fuzz.ts.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, onTestFailed, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { syncHooks } from '../../lib/background/hooks';
import { HooksError } from '../../lib/hooks/errors';
import { lintSiteHooks, parseSiteHooks } from '../../lib/hooks/parse';
import { checkEngine, parseSignedHooks, serializeSignedHooks, signHooks, verifySignedHooks } from '../../lib/hooks/signed';
import { HOOKS_FORMAT, type HooksPayload, type SiteHooks } from '../../lib/hooks/types';
import { importPrivatePem, publicKeyFromPrivatePem, sign, type ListKeyPair } from '../../lib/list/signature';
import { PLATFORMS, type SiteId } from '../../lib/model';
import { KEYS, type HooksSourceStatus } from '../../lib/storage/items';
import {
  Entries,
  FuzzRun,
  Rng,
  ed25519Pem,
  hash32,
  PROTO_KEYS,
  RawJson,
  cloneJson,
  deepJson,
  edgeNumber,
  flipBytes,
  fuzzSettings,
  garbage,
  hugeString,
  mutateTree,
  polluted,
  timeoutFor,
  carriesTrustedSignature,
  toJson,
  truncate,
  utf8,
} from '../support/fuzz';

const settings = fuzzSettings(1200);
const N_SIGNED = Math.max(1, Math.round(settings.n * 0.45));
const N_SITE = Math.max(1, Math.round(settings.n * 0.35));
const N_SYNC = Math.max(1, settings.n - N_SIGNED - N_SITE);
const KEEP = 'Data situs yang sudah ada tetap dipakai';
const ROOT = resolve(__dirname, '../..');
const BUNDLED: Record<'x' | 'facebook', SiteHooks> = {
  x: JSON.parse(readFileSync(resolve(ROOT, 'lib/sites/x/hooks.json'), 'utf8')),
  facebook: JSON.parse(readFileSync(resolve(ROOT, 'lib/sites/facebook/hooks.json'), 'utf8')),
};

let trusted: ListKeyPair;
let trustedKey: CryptoKey;
let stranger: ListKeyPair;
let strangerKey: CryptoKey;
/** Every payload text the trusted key signed (JSON.stringify of the payload as parsed) → its signature bytes. */
const signedByTrusted = new Map<string, Buffer>();
let trustedRaw: Buffer;

/** A key pair from the seed, so every signature (and so every case) repeats with FUZZ_SEED. */
async function seededKeyPair(label: string): Promise<ListKeyPair> {
  const privatePem = ed25519Pem(new Rng(hash32(`${settings.seed}:hooks:${label}`)));
  return { privatePem, publicKey: await publicKeyFromPrivatePem(privatePem) };
}

beforeAll(async () => {
  trusted = await seededKeyPair('trusted');
  trustedKey = await importPrivatePem(trusted.privatePem);
  trustedRaw = Buffer.from(trusted.publicKey.slice('ed25519:'.length), 'base64');
  stranger = await seededKeyPair('stranger');
  strangerKey = await importPrivatePem(stranger.privatePem);
});

function payloadOf(rng: Rng, version: number): HooksPayload {
  const sites: Partial<Record<SiteId, SiteHooks>> = {};
  const which = rng.pick([['x'], ['facebook'], ['x', 'facebook']] as const);
  for (const s of which) sites[s] = { ...cloneJson(BUNDLED[s]), hooksVersion: version };
  return { hooksVersion: version, minEngine: 1, issuer: rng.pick(['Penerbit Fuzz', '']), createdAt: '2029-01-01T00:00:00Z', sites };
}

/** Signed texts by (version, sites, issuer): signHooks lints every site, which is the slow part. */
const genuineCache = new Map<string, string>();

/** A genuine update, as `npm run hooks -- build` signs it (`doc` is a fresh parsed copy to mutate). */
async function genuine(rng: Rng, version: number): Promise<{ text: string; doc: ReturnType<typeof JSON.parse> }> {
  const payload = payloadOf(rng, version);
  const key = `${version}:${Object.keys(payload.sites).join('+')}:${payload.issuer}`;
  let text = genuineCache.get(key);
  if (text === undefined) {
    const doc = await signHooks(payload, trusted.privatePem);
    signedByTrusted.set(JSON.stringify(doc.payload), Buffer.from(doc.signature, 'base64'));
    text = serializeSignedHooks(doc);
    genuineCache.set(key, text);
  }
  return { text, doc: JSON.parse(text) };
}

async function signRaw(payloadText: string, key: CryptoKey, byTrusted: boolean): Promise<string> {
  let canonical: string;
  try {
    canonical = JSON.stringify(JSON.parse(payloadText));
  } catch {
    return 'AAAA';
  }
  const sig = await sign(utf8(canonical), key);
  if (byTrusted) signedByTrusted.set(canonical, Buffer.from(sig, 'base64'));
  return sig;
}

function envelope(publicKey: string, signature: string, payloadText: string): string {
  return `{"format":${JSON.stringify(HOOKS_FORMAT)},"publicKey":${JSON.stringify(publicKey)},"signature":${JSON.stringify(signature)},"payload":${payloadText}}`;
}

const CLASSES = [
  ['genuine', 6],
  ['byte-flip', 12],
  ['truncate', 5],
  ['garbage', 4],
  ['tree', 22],
  ['forged-version', 7],
  ['rollback', 6],
  ['untrusted', 8],
  ['signed-malformed', 16],
  ['proto', 8],
  ['dup-key', 4],
  ['huge', 2],
] as const;
type Cls = (typeof CLASSES)[number][0];

/** A hostile (or, for 'genuine', a good) document against `cur`, the version in force. */
async function hostile(rng: Rng, cur: number): Promise<{ cls: Cls; body: Uint8Array; note: string; version?: number }> {
  const cls: Cls = rng.weighted(CLASSES);
  const newer = () => genuine(rng, cur + rng.range(1, 3));
  let note = '';
  switch (cls) {
    case 'genuine': {
      const g = await newer();
      return { cls, body: utf8(rng.bool(0.3) ? JSON.stringify(g.doc, null, 2) : g.text), note, version: g.doc.payload.hooksVersion };
    }
    case 'byte-flip': {
      const f = flipBytes(rng, utf8((await newer()).text));
      return { cls, body: f.bytes, note: `at ${f.at.join(',')}` };
    }
    case 'truncate':
      return { cls, body: truncate(rng, utf8((await newer()).text)), note };
    case 'garbage':
      return { cls, body: garbage(rng, utf8((await newer()).text)), note };
    case 'tree': {
      const m = mutateTree(rng, (await newer()).doc, undefined, rng.bool(0.85) ? ['payload'] : undefined);
      return { cls, body: utf8(toJson(m.doc)), note: `${m.op} at ${JSON.stringify(m.path)}` };
    }
    case 'forged-version': {
      const g = await newer();
      const v = rng.pick([cur + 10, 2 ** 53 - 1, edgeNumber(rng, cur)]);
      g.doc.payload.hooksVersion = v;
      // The sites too, or only the document: either way not what was signed.
      if (rng.bool(0.7)) for (const s of Object.keys(g.doc.payload.sites)) g.doc.payload.sites[s].hooksVersion = v;
      if (rng.bool(0.2)) g.doc.payload.minEngine = new RawJson('1.0');
      return { cls, body: utf8(toJson(g.doc)), note: `version ${v}` };
    }
    case 'rollback': {
      const g = await genuine(rng, rng.range(1, Math.max(1, cur)));
      return { cls, body: utf8(g.text), note: `version ${g.doc.payload.hooksVersion}`, version: g.doc.payload.hooksVersion };
    }
    case 'untrusted': {
      const g = await newer();
      const payloadText = rng.bool(0.5) ? JSON.stringify(g.doc.payload) : toJson(mutateTree(rng, g.doc.payload).doc);
      const sig = await signRaw(payloadText, strangerKey, false);
      return { cls, body: utf8(envelope(rng.bool(0.7) ? stranger.publicKey : trusted.publicKey, sig, payloadText)), note };
    }
    case 'signed-malformed': {
      const g = await newer();
      let doc: unknown = g.doc.payload;
      const ops = rng.range(1, 2);
      for (let k = 0; k < ops; k++) {
        const m = mutateTree(rng, doc, undefined, rng.bool(0.8) ? ['sites'] : undefined);
        doc = m.doc;
        note += `${m.op} at ${JSON.stringify(m.path)}; `;
      }
      const payloadText = toJson(doc);
      return { cls, body: utf8(envelope(trusted.publicKey, await signRaw(payloadText, trustedKey, true), payloadText)), note };
    }
    case 'proto': {
      const g = await newer();
      const m = mutateTree(rng, g.doc, 'proto-key', rng.pick([['payload'], ['payload', 'sites'], undefined]));
      note = `at ${JSON.stringify(m.path)}`;
      const d = m.doc as { payload?: unknown };
      if (rng.bool(0.5) && !(d instanceof Entries) && d.payload !== undefined) {
        const payloadText = toJson(d.payload);
        return { cls, body: utf8(envelope(trusted.publicKey, await signRaw(payloadText, trustedKey, true), payloadText)), note: `${note}, re-signed` };
      }
      return { cls, body: utf8(toJson(m.doc)), note };
    }
    case 'dup-key': {
      const g = await newer();
      const evil = cloneJson(g.doc.payload);
      const site = Object.keys(evil.sites)[0];
      evil.sites[site].selectors = { post: { css: ['body'] } };
      const which = rng.pick(['payload', 'signature', 'publicKey']);
      const other = { payload: evil, signature: 'AAAA', publicKey: stranger.publicKey }[which];
      const first = rng.bool();
      const entries = Object.entries(g.doc).flatMap(([k, v]): Array<[string, unknown]> => (k !== which ? [[k, v]] : first ? [[k, other], [k, v]] : [[k, v], [k, other]]));
      return { cls, body: utf8(toJson(new Entries(entries))), note: `${which} twice` };
    }
    case 'huge': {
      const g = await newer();
      const d = g.doc;
      const site = Object.keys(d.payload.sites)[0];
      if (rng.bool()) d.payload.sites[site].selectors.post.css.push(hugeString(rng, 1_200_000));
      else d.payload.issuer = deepJson(rng, 100_000, '"x"');
      return { cls, body: utf8(toJson(d)), note };
    }
  }
}

/** Forbidden keys anywhere, or objects whose prototype is not Object.prototype / Array.prototype. */
function unclean(v: unknown): string | null {
  const stack: Array<[unknown, string]> = [[v, '']];
  while (stack.length > 0) {
    const [x, at] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    const proto = Object.getPrototypeOf(x);
    if (proto !== Object.prototype && proto !== Array.prototype) return `${at || 'root'} has another prototype`;
    for (const k of Object.keys(x)) {
      if (PROTO_KEYS.includes(k)) return `${at}.${k}`;
      stack.push([(x as Record<string, unknown>)[k], `${at}.${k}`]);
    }
  }
  return null;
}

/**
 * The payload text of a document if it is the trusted key's, judged without lib/hooks: the
 * payload (as JSON.parse reads it) is one the trusted key signed, the document names the
 * trusted key and carries that very signature (base64 compared as bytes). Else null.
 */
function trustedPayloadText(body: Uint8Array): string | null {
  try {
    const d = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    const text = JSON.stringify(d.payload) ?? null;
    const ok = carriesTrustedSignature(d, HOOKS_FORMAT, text, signedByTrusted, trustedRaw);
    return ok ? text : null;
  } catch {
    return null;
  }
}

const errText = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

it(`signed hooks: ${N_SIGNED} hostile documents; only HooksError, no tampered document verifies`, { timeout: timeoutFor(N_SIGNED, 8) }, async () => {
  const run = new FuzzRun('hooks-signed', settings);
  onTestFailed(() => console.error(run.onAbort()));
  const CUR = 5;
  for (let i = 0; i < N_SIGNED; i++) {
    const rng = run.caseRng(i);
    const h = await hostile(rng, CUR);
    const cls = h.cls;
    run.current = `case ${i} [${cls}]`;
    const text = new TextDecoder().decode(h.body);
    let accepted: HooksPayload | null = null;
    try {
      const doc = parseSignedHooks(text);
      accepted = await verifySignedHooks(doc, ['ed25519:broken', trusted.publicKey]);
      checkEngine(accepted);
    } catch (e) {
      if (!(e instanceof HooksError)) {
        run.count('exceptions', cls);
        run.fail(i, cls, `threw ${errText(e)}, not a HooksError (${h.note})`, text);
      } else {
        run.count('refused', cls);
        run.count(`refused:${e.code}`);
        if (cls === 'genuine') run.fail(i, cls, `a genuine update was refused: ${e.code}: ${e.detail}`, text);
      }
      accepted = null;
    }
    run.count('cases', cls);
    if (polluted()) run.fail(i, cls, 'Object.prototype was polluted', text);
    if (accepted) {
      const p = trustedPayloadText(h.body);
      const dirty = unclean(accepted);
      const lint = Object.values(accepted.sites).flatMap((s) => lintSiteHooks(s!));
      const ok =
        run.check(p !== null, i, cls, () => `a document the trusted key did not sign was verified (${h.note})`, text) &&
        run.check(dirty === null, i, cls, () => `the verified payload is not clean: ${dirty}`, text) &&
        run.check(lint.length === 0, i, cls, () => `the verified payload has lint problems: ${JSON.stringify(lint[0])}`, text);
      run.count(ok ? 'accepted-valid' : 'accepted-invalid', cls);
    }
  }
  run.finish();
});

it(`site hooks: ${N_SITE} mutated hooks files; only HooksError, what parses is fresh and clean`, { timeout: timeoutFor(N_SITE, 4) }, () => {
  const run = new FuzzRun('hooks-site', settings);
  onTestFailed(() => console.error(run.onAbort()));
  for (const s of ['x', 'facebook'] as const) expect(parseSiteHooks(cloneJson(BUNDLED[s]), s)).toEqual(BUNDLED[s]);
  for (let i = 0; i < N_SITE; i++) {
    const rng = run.caseRng(i);
    const site = rng.pick(['x', 'facebook'] as const);
    let doc: unknown = BUNDLED[site];
    let note = '';
    for (let k = rng.range(1, 3); k > 0; k--) {
      const m = mutateTree(rng, doc, undefined, rng.bool(0.5) ? [rng.pick(['selectors', 'labels', 'paths', 'shortcuts', 'thresholds', 'healthPages'])] : undefined);
      doc = m.doc;
      note += `${m.op} at ${JSON.stringify(m.path)}; `;
    }
    const text = toJson(doc);
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      input = text; // not a document any more: hand over the text itself
    }
    const cls = note.split(' ')[0];
    run.current = `case ${i} [${note}]`;
    const expected = rng.bool(0.9) ? site : rng.pick(PLATFORMS);
    let out: SiteHooks | null = null;
    try {
      out = parseSiteHooks(input, expected);
    } catch (e) {
      if (!(e instanceof HooksError)) {
        run.count('exceptions', cls);
        run.fail(i, cls, `threw ${errText(e)}, not a HooksError (${note})`, text);
      } else run.count('refused', cls);
    }
    run.count('cases', cls);
    if (polluted()) run.fail(i, cls, 'Object.prototype was polluted', text);
    if (out) {
      const dirty = unclean(out);
      const ok =
        run.check(out !== input, i, cls, () => 'parseSiteHooks returned its input') &&
        run.check(out.site === expected, i, cls, () => `hooks for ${out!.site} accepted as ${expected}`, text) &&
        run.check(dirty === null, i, cls, () => `the parsed hooks are not clean: ${dirty} (${note})`, text) &&
        run.check(lintSiteHooks(out).length === 0, i, cls, () => 'the parsed hooks have lint problems', text) &&
        run.check(JSON.stringify(JSON.parse(JSON.stringify(out))) === JSON.stringify(out), i, cls, () => 'not plain JSON');
      run.count(ok ? 'accepted-valid' : 'accepted-invalid', cls);
    }
  }
  run.finish();
});

describe('background hooks sync', () => {
  let served: Uint8Array = new Uint8Array();
  const etagOf = (b: Uint8Array) => `"${b.length}-${b.reduce((h, x) => Math.imul(h ^ x, 16777619) >>> 0, 2166136261)}"`;
  const fetchImpl = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    const etag = etagOf(served);
    if (new Headers(init?.headers).get('If-None-Match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
    return new Response(served as Uint8Array<ArrayBuffer>, { status: 200, headers: { ETag: etag, 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;

  beforeEach(() => {
    fakeBrowser.reset();
  });

  it(`hooks sync: ${N_SYNC} hostile updates with a good one in force; refused with a reason, the hooks in force stay`, { timeout: timeoutFor(N_SYNC, 15) }, async () => {
    const run = new FuzzRun('hooks-sync', settings);
    onTestFailed(() => console.error(run.onAbort()));
    const url = 'https://hooks.contoh.go.id/fuzz.json';
    const cfg = { hooksUrls: [url], hooksPublicKeys: ['ed25519:broken', trusted.publicKey] };
    const rng0 = run.rng;
    const inForce = async () => {
      const got = await fakeBrowser.storage.local.get(PLATFORMS.map((s) => KEYS.hooks(s)));
      return JSON.stringify(PLATFORMS.map((s) => got[KEYS.hooks(s)] ?? null));
    };

    let g = await genuine(rng0, 3);
    served = utf8(g.text);
    const [first] = await syncHooks(cfg, { fetchImpl });
    expect(first).toMatchObject({ url, hooksVersion: 3, error: '' });
    let cur = 3;
    let curPayload = JSON.stringify(g.doc.payload);
    let before = await inForce();

    for (let i = 0; i < N_SYNC; i++) {
      const rng = run.caseRng(i);
      const h = await hostile(rng, cur);
      const cls = h.cls;
      run.current = `case ${i} [${cls}]`;
      served = h.body;
      let statuses: HooksSourceStatus[];
      try {
        statuses = await syncHooks(cfg, { fetchImpl });
      } catch (e) {
        run.count('exceptions', cls);
        run.fail(i, cls, `syncHooks threw ${errText(e)} (${h.note})`, h.body);
        continue;
      }
      run.count('cases', cls);
      if (polluted()) run.fail(i, cls, 'Object.prototype was polluted', h.body);
      const st = statuses.find((s) => s.url === url);
      const after = await inForce();
      if (!st) {
        run.fail(i, cls, 'no status for the source');
        continue;
      }
      const p = trustedPayloadText(h.body);
      if (st.errorCode) {
        run.count('refused', cls);
        run.count(`refused:${st.errorCode}`);
        run.check(st.hooksVersion === cur, i, cls, () => `refused, but the status says version ${st.hooksVersion}, want ${cur}`);
        run.check(st.error.includes(KEEP), i, cls, () => `refused without the "${KEEP}" reason: ${JSON.stringify(st.error)}`);
        run.check(after === before, i, cls, () => `refused (${st.errorCode}) but the hooks in force changed (${h.note})`, h.body);
        if (cls === 'genuine') run.fail(i, cls, `a genuine newer update was refused: ${st.errorCode}: ${st.errorDetail}`, h.body);
      } else if (st.hooksVersion === cur && after === before) {
        run.count('confirmed', cls);
        run.check(p === curPayload, i, cls, () => `a changed document was confirmed without an error (${h.note})`, h.body);
      } else {
        const v = st.hooksVersion!;
        const ok =
          run.check(p !== null, i, cls, () => `a document the trusted key did not sign came into force (${h.note})`, h.body) &&
          run.check(v > cur, i, cls, () => `version ${v} came into force over ${cur}`, h.body);
        run.count(ok ? 'accepted-valid' : 'accepted-invalid', cls);
        cur = v;
        curPayload = p ?? '';
      }
      before = after;
    }
    run.finish();
  });
});
