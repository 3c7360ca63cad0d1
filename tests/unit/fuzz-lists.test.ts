// @vitest-environment node
/**
 * Fuzz (issue 11, item 7), suite 1: tampered, rolled-back and malformed signed lists through
 * the real background list sync (lib/background/lists.ts syncLists, fakeBrowser storage),
 * served by a real HTTP server as in background-lists.test.ts.
 *
 * A good list is in force; each case serves a mutated document at the same URL and syncs.
 * The verdict is computed independently of lib/list: a document may come into force only if
 * the payload it carries (JSON.parse, then JSON.stringify, as the format defines the signed
 * bytes) is one the trusted key really signed, its version is higher than the one in force,
 * and it has the documented shape. Otherwise the source's status must carry an error code
 * and a reason that says the old list stays, and the data in force must not change.
 * A genuine newer list (also re-indented) must be accepted.
 *
 * FUZZ_N (cases, default 700) and FUZZ_SEED: see tests/support/fuzz.ts.
 */
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ListIndex } from '../../lib/accounts/shard-index';
import { SubjectStore } from '../../lib/accounts/subjects';
import { syncLists } from '../../lib/background/lists';
import { buildPayload, serializeSignedList, signPayload } from '../../lib/list/build';
import { importPrivatePem, publicKeyFromPrivatePem, sign, type ListKeyPair } from '../../lib/list/signature';
import { LIST_FORMAT, type ListPayload, type WireShard } from '../../lib/list/types';
import { PLATFORMS } from '../../lib/model';
import { effectiveConfig } from '../../lib/policy/effective';
import type { EffectiveConfig } from '../../lib/policy/types';
import { KEYS, type SourceStatus } from '../../lib/storage/items';
import {
  Entries,
  FuzzRun,
  Rng,
  ed25519Pem,
  hash32,
  RawJson,
  cloneJson,
  edgeNumber,
  flipBytes,
  fuzzSettings,
  garbage,
  mutateTree,
  polluted,
  timeoutFor,
  carriesTrustedSignature,
  toJson,
  truncate,
  utf8,
} from '../support/fuzz';
import { startListServer, type ListServer } from '../support/list-server';

const settings = fuzzSettings(700);
const KEEP = 'Daftar lama tetap dipakai';

const HEADER = 'platform,account,name,role,election,party,region,valid_from,valid_until,source';
/** Rows with distinct accounts, so any subset builds. */
const ROWS = [
  'x,@capres_fuzz_a,Capres Fuzz A,presiden,pemilu-2029,Partai Uji,Nasional,,,KPU-1',
  'x,id:3000000001,Capres Fuzz A,presiden,pemilu-2029,Partai Uji,Nasional,,,KPU-1',
  'facebook,capres.fuzz.a,Capres Fuzz A,presiden,pemilu-2029,Partai Uji,Nasional,,,KPU-1',
  'x,@caleg_fuzz_b,Caleg Fuzz B,dpr,pemilu-2029,Partai Uji,Dapil I,,,KPU-2',
  'x,@caleg_fuzz_c,"Caleg Fuzz C, S.H.",dpr,pemilu-2029,Partai Lain,Dapil II,,,KPU-3',
  'facebook,caleg.fuzz.d,Caleg Fuzz D — “Bu D”,dprd-provinsi,pemilu-2029,,Jawa Barat,,,',
  'instagram,@timses_fuzz_e,Tim Kampanye Fuzz E,tim-kampanye,,,,,,',
  'x,@bupati_fuzz_f,Cabup Fuzz F,bupati,pilkada-2031,,Kab. Contoh,,,KPU-9',
  'tiktok,@relawan_fuzz_g,Relawan Fuzz G 😀,relawan,,,,,,',
  'youtube,UCabcdefghijklmnopqrstuv,Kanal Fuzz H,lainnya,,,,,,',
];

interface Doc {
  text: string;
  payload: ListPayload;
  /** JSON.stringify(payload): the signed bytes. */
  signed: string;
}

let server: ListServer;
let trusted: ListKeyPair;
let trustedKey: CryptoKey;
let stranger: ListKeyPair;
let strangerKey: CryptoKey;
let trustedRaw: Buffer;
/** Every payload text the trusted key has signed, whatever its shape → the signature bytes it made. */
const signedByTrusted = new Map<string, Buffer>();
/** Genuine documents signed so far (rollback material). */
const history: Doc[] = [];
const PATH = '/fuzz/list.json';

/** A key pair from the seed, so every signature (and so every case) repeats with FUZZ_SEED. */
async function seededKeyPair(label: string): Promise<ListKeyPair> {
  const privatePem = ed25519Pem(new Rng(hash32(`${settings.seed}:lists:${label}`)));
  return { privatePem, publicKey: await publicKeyFromPrivatePem(privatePem) };
}

beforeAll(async () => {
  server = await startListServer();
  trusted = await seededKeyPair('trusted');
  trustedKey = await importPrivatePem(trusted.privatePem);
  trustedRaw = Buffer.from(trusted.publicKey.slice('ed25519:'.length), 'base64');
  stranger = await seededKeyPair('stranger');
  strangerKey = await importPrivatePem(stranger.privatePem);
});
afterAll(() => server?.close());

function genuinePayload(rng: Rng, version: number): ListPayload {
  const rows = rng.shuffle([...ROWS]).slice(0, rng.range(1, ROWS.length));
  const r = buildPayload([HEADER, ...rows].join(rng.pick(['\n', '\r\n'])), {
    version,
    issuer: rng.pick(['KPU Fuzz', 'Bawaslu Uji', '']),
    createdAt: '2029-01-01T00:00:00Z',
  });
  if (!r.ok) throw new Error(`build failed: ${JSON.stringify(r.errors)}`);
  return r.payload;
}

async function genuine(rng: Rng, version: number): Promise<Doc> {
  const payload = genuinePayload(rng, version);
  const list = await signPayload(payload, trustedKey, trusted.publicKey);
  const signed = JSON.stringify(payload);
  signedByTrusted.set(signed, Buffer.from(list.signature, 'base64'));
  const doc = { text: serializeSignedList(list), payload, signed };
  history.push(doc);
  return doc;
}

/** Signs the payload text as the verifier will re-create it; records it when the key is trusted. */
async function signRawPayload(payloadText: string, key: CryptoKey, byTrusted: boolean): Promise<string> {
  let canonical: string;
  try {
    canonical = JSON.stringify(JSON.parse(payloadText));
  } catch {
    return 'AAAA'; // cannot be re-created (deep nesting): any signature will do
  }
  const sig = await sign(utf8(canonical), key);
  if (byTrusted) signedByTrusted.set(canonical, Buffer.from(sig, 'base64'));
  return sig;
}

function envelope(publicKey: string, signature: string, payloadText: string): string {
  return `{"format":${JSON.stringify(LIST_FORMAT)},"publicKey":${JSON.stringify(publicKey)},"signature":${JSON.stringify(signature)},"payload":${payloadText}}`;
}

function config(url: string): EffectiveConfig {
  // A malformed key next to the trusted one: it must be skipped, never match.
  return effectiveConfig({ managed: true, policy: { listUrls: [url], listPublicKeys: ['ed25519:not-a-key', trusted.publicKey] }, notes: [], readAt: 0 }, undefined);
}

/** The data in force, from the public storage keys and the keys the shards point at. */
async function inForceData(): Promise<{ text: string; shards: Record<string, WireShard[]> }> {
  const all = await fakeBrowser.storage.local.get(null);
  const shards: Record<string, WireShard[]> = {};
  const prefixes = new Set<string>();
  const tables = new Set<string>();
  for (const p of PLATFORMS) {
    const arr = (all[KEYS.shards(p)] as WireShard[] | undefined) ?? [];
    shards[p] = arr;
    for (const s of arr) {
      prefixes.add(s.subjectsKey);
      tables.add(s.subjectOfKey);
    }
  }
  const picked: Record<string, unknown> = { shards };
  for (const k of Object.keys(all).sort()) {
    if (tables.has(k) || [...prefixes].some((p) => k.startsWith(p))) picked[k] = all[k];
  }
  return { text: JSON.stringify(picked), shards };
}

/** Problems with a payload that came into force, by the documented format (lib/list/types.ts). */
function payloadProblems(p: unknown): string[] {
  const out: string[] = [];
  const CONTROL = /[\u0000-\u001f\u007f]/;
  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(p)) return ['payload is not an object'];
  if (!Number.isSafeInteger(p.version) || (p.version as number) < 1) out.push(`version ${String(p.version)}`);
  if (typeof p.issuer !== 'string') out.push('issuer');
  if (typeof p.createdAt !== 'string') out.push('createdAt');
  const subjects = p.subjects;
  if (!Array.isArray(subjects)) return [...out, 'subjects'];
  subjects.forEach((s, i) => {
    if (!Array.isArray(s) || s.length !== 8 || !s.every((f) => typeof f === 'string' && !CONTROL.test(f))) out.push(`subjects[${i}]`);
    else if (s[0] === '' || (s[5] !== '' && !DATE.test(s[5])) || (s[6] !== '' && !DATE.test(s[6]))) out.push(`subjects[${i}] fields`);
  });
  if (!isObj(p.entries)) return [...out, 'entries'];
  for (const [platform, e] of Object.entries(p.entries)) {
    if (!(PLATFORMS as readonly string[]).includes(platform)) out.push(`platform ${platform}`);
    if (!isObj(e) || !Array.isArray(e.keys) || !Array.isArray(e.subjects) || e.keys.length !== e.subjects.length) {
      out.push(`entries.${platform}`);
      continue;
    }
    (e.keys as unknown[]).forEach((k, i) => {
      if (typeof k !== 'string' || k === '' || CONTROL.test(k)) out.push(`entries.${platform}.keys[${i}]`);
      const s = (e.subjects as unknown[])[i];
      if (!Number.isInteger(s) || (s as number) < 0 || (s as number) >= subjects.length) out.push(`entries.${platform}.subjects[${i}]`);
    });
  }
  return out;
}

function parseBody(body: Uint8Array): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body)) };
  } catch {
    return { ok: false };
  }
}

/**
 * Whether a parsed document is the trusted key's, judged without lib/list: its payload is one
 * the trusted key signed, it names the trusted key, and it carries that very signature
 * (Ed25519 signatures are deterministic; base64 is compared as bytes, spelling aside).
 */
function isTrusted(doc: unknown): { ok: boolean; payloadText: string | null } {
  if (typeof doc !== 'object' || doc === null) return { ok: false, payloadText: null };
  const d = doc as Record<string, unknown>;
  const payloadText = d.payload === undefined ? null : stringifyOr(d.payload);
  const ok = carriesTrustedSignature(d, LIST_FORMAT, payloadText, signedByTrusted, trustedRaw);
  return { ok, payloadText };
}

function stringifyOr(v: unknown): string | null {
  try {
    return JSON.stringify(v) ?? null;
  } catch {
    return null;
  }
}

/** Behaviour a tab sees: a few listed keys match with the version in force and name their subject. */
async function checkLookups(shards: WireShard[], payload: ListPayload, rng: Rng): Promise<string | null> {
  const x = payload.entries.x;
  if (!x || x.keys.length === 0) return shards.length === 0 ? null : 'x shards without x entries';
  const index = ListIndex.fromWire('x', shards);
  const store = new SubjectStore();
  for (let k = 0; k < 3; k++) {
    const i = rng.int(x.keys.length);
    const hit = index.match([x.keys[i]]);
    if (!hit) return `no match for ${x.keys[i]}`;
    if (hit.listVersion !== payload.version) return `match for ${x.keys[i]} has version ${hit.listVersion}, want ${payload.version}`;
    const name = (await store.load(hit))?.name;
    if (name !== payload.subjects[x.subjects[i]][0]) return `name of ${x.keys[i]} is ${name}, want ${payload.subjects[x.subjects[i]][0]}`;
  }
  return null;
}

const CLASSES = [
  ['genuine', 6],
  ['byte-flip', 14],
  ['truncate', 6],
  ['garbage', 4],
  ['tree', 22],
  ['forged-version', 7],
  ['rollback', 10],
  ['untrusted', 8],
  ['signed-malformed', 14],
  ['proto', 5],
  ['dup-key', 6],
] as const;
type Cls = (typeof CLASSES)[number][0];

it(`list sync: ${settings.n} mutated signed lists; none tampered is accepted, the last good list stays`, { timeout: timeoutFor(settings.n, 15) }, async () => {
  const run = new FuzzRun('lists', settings);
  onTestFailed(() => console.error(run.onAbort()));
  fakeBrowser.reset();
  const url = server.url(PATH);
  const cfg = config(url);
  const rng0 = run.rng;

  // A good list in force.
  let current = await genuine(rng0, 3);
  server.put(PATH, current.text);
  const [first] = await syncLists(cfg);
  expect(first).toMatchObject({ url, version: 3, error: '' });
  let before = await inForceData();
  expect(await checkLookups(before.shards.x, current.payload, rng0)).toBeNull();

  for (let i = 0; i < settings.n; i++) {
    const rng = run.caseRng(i);
    const cls: Cls = rng.weighted(CLASSES);
    run.current = `case ${i} [${cls}]`;
    const cur = current.payload.version;
    const newer = () => genuine(rng, cur + rng.range(1, 3));
    let body: Uint8Array | undefined;
    let note = '';
    switch (cls) {
      case 'genuine': {
        const d = await newer();
        body = utf8(rng.bool(0.3) ? JSON.stringify(JSON.parse(d.text), null, rng.pick([1, 2, '\t'])) : d.text);
        break;
      }
      case 'byte-flip': {
        const f = flipBytes(rng, utf8((await newer()).text));
        body = f.bytes;
        note = `flipped at ${f.at.join(',')}`;
        break;
      }
      case 'truncate':
        body = truncate(rng, utf8((await newer()).text));
        break;
      case 'garbage':
        body = garbage(rng, utf8((await newer()).text));
        break;
      case 'tree': {
        const d = await newer();
        const m = mutateTree(rng, JSON.parse(d.text), undefined, rng.bool(0.8) ? ['payload'] : undefined);
        note = `${m.op} at ${JSON.stringify(m.path)}`;
        body = utf8(toJson(m.doc));
        break;
      }
      case 'forged-version': {
        const d = rng.bool(0.7) ? await newer() : current;
        const doc = JSON.parse(d.text);
        doc.payload.version = rng.pick([cur + 1, cur + 1000, 2 ** 53 - 1, d.payload.version + 1, edgeNumber(rng, cur)]);
        if (rng.bool(0.3)) doc.payload.version = new RawJson(rng.pick([`${cur + 1}.0`, `${cur + 1}e0`, `${cur}.0000001`]));
        body = utf8(toJson(doc));
        note = `version ${toJson(doc.payload.version)}`;
        break;
      }
      case 'rollback': {
        const older = history.filter((h) => h.payload.version <= cur);
        if (older.length > 0 && rng.bool(0.5)) body = utf8(rng.pick(older).text);
        else body = utf8((await genuine(rng, rng.range(1, cur))).text);
        break;
      }
      case 'untrusted': {
        const d = await newer();
        const payloadText = rng.bool(0.5) ? d.signed : toJson(mutateTree(rng, d.payload).doc);
        const sig = await signRawPayload(payloadText, strangerKey, false);
        // Signed by a stranger: as the stranger, or claiming the trusted key.
        body = utf8(envelope(rng.bool(0.7) ? stranger.publicKey : trusted.publicKey, sig, payloadText));
        break;
      }
      case 'signed-malformed': {
        // Signed by the trusted key, so only the shape check stands between it and the tabs.
        const d = await newer();
        const m = mutateTree(rng, d.payload);
        note = `${m.op} at ${JSON.stringify(m.path)}`;
        const payloadText = toJson(m.doc);
        body = utf8(envelope(trusted.publicKey, await signRawPayload(payloadText, trustedKey, true), payloadText));
        break;
      }
      case 'proto': {
        const d = await newer();
        const m = mutateTree(rng, JSON.parse(d.text), 'proto-key', rng.bool(0.7) ? ['payload'] : undefined);
        note = `at ${JSON.stringify(m.path)}`;
        const doc = m.doc as { payload?: unknown };
        if (rng.bool(0.4) && doc.payload !== undefined && !(doc instanceof Entries)) {
          // Re-signed by the trusted key: the keys themselves must not get through.
          const payloadText = toJson(doc.payload);
          body = utf8(envelope(trusted.publicKey, await signRawPayload(payloadText, trustedKey, true), payloadText));
        } else body = utf8(toJson(doc));
        break;
      }
      case 'dup-key': {
        const d = await newer();
        const doc = JSON.parse(d.text);
        const evil = cloneJson(doc.payload);
        evil.version = cur + 50;
        evil.subjects = [['Penyusup', '', '', '', '', '', '', '']];
        evil.entries = { x: { keys: ['@korban'], subjects: [0] } };
        const which = rng.pick(['payload', 'version', 'signature', 'publicKey', 'format']);
        const other: unknown = {
          payload: evil,
          version: cur + 50,
          signature: (rng.pick(history) ?? d).text.match(/"signature":"([^"]*)"/)?.[1] ?? 'AAAA',
          publicKey: stranger.publicKey,
          format: 'jaga-netral-list/2',
        }[which];
        const first = rng.bool();
        const dup = (entries: Array<[string, unknown]>, key: string, value: unknown) =>
          new Entries(entries.flatMap(([k, v]): Array<[string, unknown]> => (k !== key ? [[k, v]] : first ? [[k, value], [k, v]] : [[k, v], [k, value]])));
        if (which === 'version') doc.payload = dup(Object.entries(doc.payload), 'version', other);
        else body = utf8(toJson(dup(Object.entries(doc), which, other)));
        body ??= utf8(toJson(doc));
        note = `${which} twice, ${first ? 'other first' : 'other last'}`;
        break;
      }
    }

    server.put(PATH, Buffer.from(body!));
    let statuses: SourceStatus[];
    try {
      statuses = await syncLists(cfg);
    } catch (e) {
      run.count('exceptions', cls);
      run.fail(i, cls, `syncLists threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)} (${note})`, body!);
      // Start again from a clean state.
      fakeBrowser.reset();
      server.put(PATH, current.text);
      await syncLists(cfg);
      before = await inForceData();
      continue;
    }
    run.count('cases', cls);
    if (polluted()) run.fail(i, cls, 'Object.prototype was polluted', body!);

    const st = statuses.find((s) => s.url === url);
    const after = await inForceData();
    const stored = (await fakeBrowser.storage.local.get(KEYS.sources))[KEYS.sources];
    run.check(JSON.stringify(stored) === JSON.stringify(statuses), i, cls, () => 'stored statuses differ from the returned ones');
    if (!st) {
      run.fail(i, cls, 'no status for the source');
      continue;
    }
    const parsed = parseBody(body!);
    const p = parsed.ok && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as { payload?: unknown }).payload : undefined;
    const { ok: authentic, payloadText } = parsed.ok ? isTrusted(parsed.value) : { ok: false, payloadText: null };
    const dataChanged = after.text !== before.text;

    if (st.errorCode) {
      run.count('refused', cls);
      run.count(`refused:${st.errorCode}`);
      run.check(st.version === cur, i, cls, () => `refused (${st.errorCode}) but the status version is ${st.version}, want ${cur}`, body!);
      run.check(typeof st.error === 'string' && st.error.includes(KEEP), i, cls, () => `refused without the "${KEEP}" reason: ${JSON.stringify(st.error)}`);
      run.check(!dataChanged, i, cls, () => `refused (${st.errorCode}: ${st.errorDetail}) but the data in force changed (${note})`, body!);
      if (cls === 'genuine') run.fail(i, cls, `a genuine newer list was refused: ${st.errorCode}: ${st.errorDetail}`, body!);
      if (i % 50 === 0) {
        const why = await checkLookups(after.shards.x, current.payload, rng);
        run.check(why === null, i, cls, () => `after a refusal the list in force does not answer: ${why}`);
      }
    } else if (st.version === cur && !dataChanged) {
      // The same list again (304, or the same payload and signature in other bytes).
      run.count('confirmed', cls);
      run.check(authentic && payloadText === current.signed, i, cls, () => `a changed document was confirmed without an error (${note})`, body!);
    } else {
      // Something came into force: it must be the trusted key's, newer, and well formed.
      const problems = payloadProblems(p);
      const ok =
        run.check(authentic, i, cls, () => `a document that is not the trusted key's came into force (${note})`, body!) &&
        run.check(st.version === (p as ListPayload).version && st.version! > cur, i, cls, () => `accepted version ${st.version} (payload ${(p as ListPayload).version}) over ${cur}`, body!) &&
        run.check(problems.length === 0, i, cls, () => `a malformed payload came into force: ${problems.slice(0, 5).join('; ')}`, body!) &&
        run.check(after.shards.x.every((s) => s.listVersion === st.version), i, cls, () => 'shards of another version in force');
      run.count(ok ? 'accepted-valid' : 'accepted-invalid', cls);
      // Follow what is in force, right or wrong, so one failure does not cascade.
      current = { text: new TextDecoder().decode(body!), payload: { ...(p as ListPayload), version: st.version ?? cur }, signed: payloadText ?? '' };
      if (ok) {
        if (cls === 'genuine') {
          const why = await checkLookups(after.shards.x, current.payload, rng);
          run.check(why === null, i, cls, () => `the accepted list does not answer lookups: ${why}`);
        }
      }
    }
    before = after;
  }
  run.finish();
});
