// @vitest-environment node
/**
 * Background list sync (lib/background/lists.ts) against a real HTTP server, with lists
 * built from CSV and signed exactly as the publisher's CLI does (lib/list/build.ts).
 *
 * Node's environment gives the real fetch; the WxtVitest plugin still backs `browser` with
 * fakeBrowser (its alias and setup file do not depend on the environment). The one URL node
 * cannot fetch is the packaged demo list (`chrome-extension://…/demo-list.json`): fetch is
 * wrapped to read that from public/ and to pass everything else to the real fetch.
 */
import { COMPILE_VERSION } from '../../lib/list/compile';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ListIndex } from '../../lib/accounts/shard-index';
import { SubjectStore } from '../../lib/accounts/subjects';
import { syncLists } from '../../lib/background/lists';
import { DEMO_SOURCE } from '../../lib/list/demo';
import { REFRESH } from '../../lib/background/notify';
import { buildPayload, serializeSignedList, signPayload } from '../../lib/list/build';
import { DEMO_LIST_PATH, DEMO_LIST_PUBLIC_KEY } from '../../lib/list/demo';
import { generateKeyPair, importPrivatePem, type ListKeyPair } from '../../lib/list/signature';
import type { SubjectChunk, WireShard } from '../../lib/list/types';
import type { PlatformId } from '../../lib/model';
import { effectiveConfig } from '../../lib/policy/effective';
import type { EffectiveConfig } from '../../lib/policy/types';
import { KEYS, type Committed, type SourceStatus } from '../../lib/storage/items';
import { startListServer, type ListServer } from '../support/list-server';

const ROOT = resolve(__dirname, '../..');
const DEMO_TEXT = readFileSync(resolve(ROOT, `public${DEMO_LIST_PATH}`), 'utf8');
/** The packaged demo list as the fetch stub serves it (a test may ship "an update"). */
let demoText = DEMO_TEXT;
const KEEP = 'Daftar lama tetap dipakai';
const NONE = 'Belum ada daftar valid dari sumber ini';

const HEADER = 'platform,account,name,role,election,party,region,valid_from,valid_until,source';
const CSV_A = [
  HEADER,
  'x,@capres_uji_a,Capres Uji A,presiden,pemilu-2029,Partai Uji,Nasional,,,KPU-1',
  'x,id:2000000001,Capres Uji A,presiden,pemilu-2029,Partai Uji,Nasional,,,KPU-1',
  'facebook,capres.uji.a,Capres Uji A,presiden,pemilu-2029,Partai Uji,Nasional,,,KPU-1',
  'x,@caleg_uji_b,Caleg Uji B,dpr,pemilu-2029,Partai Uji,Dapil I,,,KPU-2',
].join('\n');
const CSV_A_MORE = `${CSV_A}\nx,@caleg_uji_c,Caleg Uji C,dpr,pemilu-2029,Partai Uji,Dapil II,,,KPU-3`;
const CSV_B = [
  HEADER,
  'x,@bupati_uji_d,Cabup Uji D,bupati,pilkada-2031,,Kab. Contoh,,,KPU-9',
  // Also in list A, for another subject: the first list in listUrls order wins.
  'x,@capres_uji_a,Nama Lain di Daftar B,lainnya,,,,,,',
].join('\n');

interface Publisher {
  keys: ListKeyPair;
  build(csv: string, version: number): Promise<string>;
}

async function newPublisher(): Promise<Publisher> {
  const keys = await generateKeyPair();
  const privateKey = await importPrivatePem(keys.privatePem);
  return {
    keys,
    async build(csv, version) {
      const r = buildPayload(csv, { version, issuer: 'KPU Uji', createdAt: '2029-01-01T00:00:00Z' });
      if (!r.ok) throw new Error(`build failed: ${JSON.stringify(r.errors)}`);
      return serializeSignedList(await signPayload(r.payload, privateKey, keys.publicKey));
    },
  };
}

let server: ListServer;
let pub: Publisher;
let stranger: Publisher;
let realFetch: typeof fetch;
/** Every URL fetch was asked for, in order. */
let fetched: string[];
let n = 0;

beforeAll(async () => {
  server = await startListServer();
  pub = await newPublisher();
  stranger = await newPublisher();
  realFetch = globalThis.fetch;
});
afterAll(() => server.close());

beforeEach(() => {
  fakeBrowser.reset();
  demoText = DEMO_TEXT;
  fetched = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    fetched.push(url);
    if (url.startsWith('chrome-extension://')) {
      return Promise.resolve(
        url === fakeBrowser.runtime.getURL(DEMO_LIST_PATH) ? new Response(demoText, { status: 200 }) : new Response('', { status: 404 }),
      );
    }
    return realFetch(input, init);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A fresh path on the server for each test, so no ETag or file carries over. */
function newPath(name = 'list'): string {
  return `/t${++n}/${name}.json`;
}

function config(listUrls: string[], listPublicKeys: string[] = [pub.keys.publicKey]): EffectiveConfig {
  return effectiveConfig({ managed: true, policy: { listUrls, listPublicKeys }, notes: [], readAt: 0 }, undefined);
}

async function stored() {
  const got = await fakeBrowser.storage.local.get([KEYS.sources, KEYS.shards('x'), KEYS.shards('facebook')]);
  return {
    sources: (got[KEYS.sources] as SourceStatus[] | undefined) ?? [],
    x: (got[KEYS.shards('x')] as WireShard[] | undefined) ?? [],
    facebook: (got[KEYS.shards('facebook')] as WireShard[] | undefined) ?? [],
  };
}
const sourcesOf = (shards: WireShard[]) => shards.map((s) => s.source);
const index = (shards: WireShard[], platform: PlatformId = 'x') => ListIndex.fromWire(platform, shards);
/** The name a tab would show for `key`: matched in the shards, read from the stored chunks. */
async function nameOf(shards: WireShard[], key: string, platform: PlatformId = 'x'): Promise<string | undefined> {
  const hit = index(shards, platform).match([key]);
  return hit ? (await new SubjectStore().load(hit))?.name : undefined;
}
/**
 * The numbered subject chunks in storage.local, the per-platform position → subject tables
 * (`…of-<platform>`), and the record of those in force (the committed pointer's `chunks`).
 */
async function chunks(): Promise<{ keys: string[]; tables: string[]; inForce: Record<string, number>; all: Record<string, unknown> }> {
  const all = await fakeBrowser.storage.local.get(null);
  const subj = Object.keys(all).filter((k) => k.startsWith('jn.subj.')).sort();
  return {
    keys: subj.filter((k) => /\.\d+$/.test(k)),
    tables: subj.filter((k) => /\.of-[a-z]+$/.test(k)),
    inForce: (all[KEYS.state] as Committed | undefined)?.chunks ?? {},
    all,
  };
}
const requestsTo = (path: string) => server.requests.filter((r) => r.path === path && r.method === 'GET');

/** Serves list A v3 at a new path and syncs it into force. */
async function acceptV3(): Promise<{ path: string; url: string; text: string; before: Awaited<ReturnType<typeof stored>> }> {
  const path = newPath();
  const text = await pub.build(CSV_A, 3);
  server.put(path, text);
  const statuses = await syncLists(config([server.url(path)]));
  expect(statuses).toHaveLength(1);
  expect(statuses[0]).toMatchObject({ version: 3, error: '' });
  return { path, url: server.url(path), text, before: await stored() };
}

describe('with no list configured', () => {
  it('puts the bundled demo list in force, read from the extension package', async () => {
    const statuses = await syncLists(config([], []));
    expect(fetched).toEqual([fakeBrowser.runtime.getURL(DEMO_LIST_PATH)]);
    expect(statuses).toEqual([expect.objectContaining({ url: DEMO_SOURCE, version: 1, error: '', entries: 23 })]);
    const s = await stored();
    expect(s.sources).toEqual(statuses);
    expect(sourcesOf(s.x)).toEqual([DEMO_SOURCE]);
    expect(sourcesOf(s.facebook)).toEqual([DEMO_SOURCE]);
    expect(await nameOf(s.x, '@capres_contoh_a')).toBe('Capres Contoh A (fiktif)');
  });
});

describe('one configured list', () => {
  it('a good list v3 replaces the demo list', async () => {
    await syncLists(config([], []));
    expect(sourcesOf((await stored()).x)).toEqual([DEMO_SOURCE]);

    const { url, before: s } = await acceptV3();
    expect(s.sources).toEqual([
      expect.objectContaining({ url, version: 3, issuer: 'KPU Uji', entries: 4, error: '', etag: expect.stringMatching(/^"/) }),
    ]);
    expect(s.sources[0].errorCode).toBeUndefined();
    expect(s.x.map((w) => [w.source, w.listVersion, w.count])).toEqual([[url, 3, 3]]);
    expect(s.facebook.map((w) => [w.source, w.listVersion, w.count])).toEqual([[url, 3, 1]]);
    const m = index(s.x).match(['id:2000000001']);
    expect(m).toMatchObject({ listSource: url, listVersion: 3, entryId: 'x:id:2000000001' });
    expect(await nameOf(s.x, 'id:2000000001')).toBe('Capres Uji A');
    expect(index(s.x).match(['@capres_contoh_a'])).toBeNull();
  });

  it('a tampered list (one character of a name changed) is refused; v3 stays in force', async () => {
    const { path, text, before } = await acceptV3();
    const tampered = text.replace('Caleg Uji B', 'Caleg Uji C');
    expect(tampered).not.toBe(text);
    server.put(path, tampered);
    const [st] = await syncLists(config([server.url(path)]));
    expect(st).toMatchObject({ version: 3, errorCode: 'bad-signature' });
    expect(st.error).toContain(KEEP);
    const after = await stored();
    expect(after.x).toEqual(before.x);
    expect(after.facebook).toEqual(before.facebook);
    expect(await nameOf(after.x, '@caleg_uji_b')).toBe('Caleg Uji B');
  });

  it('a validly signed older version (v2) is refused as "older"', async () => {
    const { path, before } = await acceptV3();
    server.put(path, await pub.build(CSV_A_MORE, 2));
    const [st] = await syncLists(config([server.url(path)]));
    expect(st).toMatchObject({ version: 3, errorCode: 'older', errorDetail: '2 < 3' });
    expect(st.error).toContain(KEEP);
    const after = await stored();
    expect(after.x).toEqual(before.x);
    expect(index(after.x).match(['@caleg_uji_c'])).toBeNull();
  });

  it('the same version with other content (validly signed) is refused as "changed-same-version"', async () => {
    const { path, before } = await acceptV3();
    server.put(path, await pub.build(CSV_A_MORE, 3));
    const [st] = await syncLists(config([server.url(path)]));
    expect(st).toMatchObject({ version: 3, errorCode: 'changed-same-version' });
    expect(st.error).toContain(KEEP);
    expect((await stored()).x).toEqual(before.x);
  });

  it('a newer version (v4) is accepted and replaces v3', async () => {
    const { path } = await acceptV3();
    server.put(path, await pub.build(CSV_A_MORE, 4));
    const [st] = await syncLists(config([server.url(path)]));
    expect(st).toMatchObject({ version: 4, error: '', entries: 5 });
    expect(st.errorCode).toBeUndefined();
    const after = await stored();
    expect(after.x.map((w) => [w.listVersion, w.count])).toEqual([[4, 4]]);
    expect(await nameOf(after.x, '@caleg_uji_c')).toBe('Caleg Uji C');
  });

  it('a server error keeps the last good list, and the error clears once the server is back', async () => {
    const { path, url, before } = await acceptV3();
    server.fail(path, 500);
    const [down] = await syncLists(config([url]));
    expect(down).toMatchObject({ version: 3, errorCode: 'http', errorDetail: 'HTTP 500' });
    expect(down.error).toContain('500');
    expect(down.error).toContain(KEEP);
    expect((await stored()).x).toEqual(before.x);

    server.fail(path, null);
    const [up] = await syncLists(config([url]));
    expect(up).toMatchObject({ version: 3, error: '' });
    expect(up.errorCode).toBeUndefined();
    expect(up.errorDetail).toBeUndefined();
  });

  it('an unchanged file is asked for with If-None-Match, answered 304, and syncedAt moves on', async () => {
    const { path, url, before } = await acceptV3();
    const etag = before.sources[0].etag!;
    // Date the last confirmation in the past, so "moved on" cannot be an accident of timing.
    await fakeBrowser.storage.local.set({ [KEYS.sources]: [{ ...before.sources[0], syncedAt: 1000, checkedAt: 1000 }] });
    const written: string[][] = [];
    fakeBrowser.storage.onChanged.addListener((changes) => written.push(Object.keys(changes)));

    const [st] = await syncLists(config([url]));
    const last = requestsTo(path).at(-1)!;
    expect(last.headers['if-none-match']).toBe(etag);
    expect(last.status).toBe(304);
    expect(st).toMatchObject({ version: 3, error: '', etag });
    expect(st.syncedAt).toBeGreaterThan(1000);
    expect(st.checkedAt).toBe(st.syncedAt);
    // Nothing changed for the tabs: only the status is written, not the shards.
    expect(written).toEqual([[KEYS.sources]]);
    expect((await stored()).x).toEqual(before.x);
  });

  it('a list signed with a key that is not in listPublicKeys is refused, and the demo list stays', async () => {
    await syncLists(config([], []));
    const path = newPath();
    server.put(path, await stranger.build(CSV_A, 7));
    const statuses = await syncLists(config([server.url(path)], [pub.keys.publicKey]));
    expect(statuses).toEqual([
      expect.objectContaining({ url: server.url(path), errorCode: 'untrusted-key' }),
      expect.objectContaining({ url: DEMO_SOURCE, version: 1, error: '' }),
    ]);
    expect(statuses[0].version).toBeUndefined();
    const s = await stored();
    expect(sourcesOf(s.x)).toEqual([DEMO_SOURCE]);
    expect(index(s.x).match(['@capres_uji_a'])).toBeNull();
    expect(index(s.x).match(['@capres_contoh_a'])).not.toBeNull();
  });

  it('a list whose signing key is removed from listPublicKeys goes out of force, even when unchanged (304)', async () => {
    const { path, url } = await acceptV3();
    const gets = requestsTo(path).length;
    const statuses = await syncLists(config([url], [stranger.keys.publicKey]));
    // Downloaded again unconditionally and checked against the keys now trusted.
    expect(requestsTo(path)).toHaveLength(gets + 1);
    expect(requestsTo(path).at(-1)!.headers['if-none-match']).toBeUndefined();
    expect(statuses[0]).toMatchObject({ url, errorCode: 'untrusted-key' });
    expect(statuses[0].version).toBeUndefined();
    expect(statuses[0].error).not.toContain(KEEP);
    const s = await stored();
    expect(sourcesOf(s.x)).toEqual([DEMO_SOURCE]);
    expect(sourcesOf(s.facebook)).toEqual([DEMO_SOURCE]);
    expect(index(s.x).match(['@capres_uji_a'])).toBeNull();
  });

  it('a revoked key’s list goes out of force even when the server is down', async () => {
    const { path, url } = await acceptV3();
    server.fail(path, 500);
    const [st] = await syncLists(config([url], [stranger.keys.publicKey]));
    expect(st).toMatchObject({ errorCode: 'http' });
    expect(st.version).toBeUndefined();
    expect(st.error).toContain(NONE);
    expect(index((await stored()).x).match(['@capres_uji_a'])).toBeNull();
  });

  it('adding a second trusted key (rotation) keeps the list in force without downloading it again', async () => {
    const { path, url, before } = await acceptV3();
    const [st] = await syncLists(config([url], [stranger.keys.publicKey, pub.keys.publicKey]));
    expect(st).toMatchObject({ version: 3, error: '' });
    expect(requestsTo(path).at(-1)!.status).toBe(304);
    expect((await stored()).x).toEqual(before.x);
  });

  it('a status stored without its signer is verified again with an unconditional download', async () => {
    const { path, url, before } = await acceptV3();
    const { publicKey: _signer, ...old } = before.sources[0] as SourceStatus & { publicKey?: string };
    expect(_signer).toBe(pub.keys.publicKey);
    await fakeBrowser.storage.local.set({ [KEYS.sources]: [old] });
    const [st] = await syncLists(config([url]));
    expect(requestsTo(path).at(-1)).toMatchObject({ status: 200 });
    expect(requestsTo(path).at(-1)!.headers['if-none-match']).toBeUndefined();
    expect(st).toMatchObject({ version: 3, error: '', publicKey: pub.keys.publicKey });
    expect((await stored()).x).toEqual(before.x);
  });

  it('a list compiled by an older layout (an extension update) is downloaded and compiled again, same version', async () => {
    const { path, url, before } = await acceptV3();
    const { compiledWith, ...old } = before.sources[0];
    expect(compiledWith).toBe(COMPILE_VERSION);
    await fakeBrowser.storage.local.set({ [KEYS.sources]: [old] });
    const [st] = await syncLists(config([url]));
    expect(requestsTo(path).at(-1)).toMatchObject({ status: 200 });
    expect(requestsTo(path).at(-1)!.headers['if-none-match']).toBeUndefined();
    expect(st).toMatchObject({ version: 3, error: '', compiledWith: COMPILE_VERSION });
    // Compiled anew: every subject chunk carries the subjects' full keys (exact matches).
    const after = await chunks();
    const inForce = after.keys.filter((k) => Object.keys(after.inForce).some((p) => k.startsWith(p)));
    expect(inForce.length).toBeGreaterThan(0);
    for (const k of inForce) expect((after.all[k] as { keys?: unknown }).keys).toBeDefined();
    expect(await nameOf((await stored()).x, '@capres_uji_a')).toBe('Capres Uji A');
    // And a second sync leaves it alone (304 or unchanged).
    const [again] = await syncLists(config([url]));
    expect(again).toMatchObject({ version: 3, error: '', compiledWith: COMPILE_VERSION });
  });

  it('the demo list returns when the only configured list is removed', async () => {
    const { url } = await acceptV3();
    expect(sourcesOf((await stored()).x)).toEqual([url]);
    const statuses = await syncLists(config([], []));
    expect(statuses.map((s) => s.url)).toEqual([DEMO_SOURCE]);
    expect(sourcesOf((await stored()).x)).toEqual([DEMO_SOURCE]);
  });
});

describe('several lists', () => {
  it('keeps every source’s shards in listUrls order; removing one drops its shards', async () => {
    const pa = newPath('a');
    const pb = newPath('b');
    server.put(pa, await pub.build(CSV_A, 3));
    server.put(pb, await pub.build(CSV_B, 11));
    const a = server.url(pa);
    const b = server.url(pb);

    const statuses = await syncLists(config([a, b]));
    expect(statuses.map((s) => [s.url, s.version, s.error])).toEqual([
      [a, 3, ''],
      [b, 11, ''],
    ]);
    let s = await stored();
    expect(sourcesOf(s.x)).toEqual([a, b]);
    expect(sourcesOf(s.facebook)).toEqual([a]); // B has no Facebook entries
    expect(index(s.x).match(['@capres_uji_a'])?.listSource).toBe(a);
    expect(index(s.x).match(['@bupati_uji_d'])?.listSource).toBe(b);

    // Reversed order: same lists (304), shards reordered, so B now wins the shared key.
    await syncLists(config([b, a]));
    s = await stored();
    expect(sourcesOf(s.x)).toEqual([b, a]);
    expect(await nameOf(s.x, '@capres_uji_a')).toBe('Nama Lain di Daftar B');

    const after = await syncLists(config([a]));
    expect(after.map((st) => st.url)).toEqual([a]);
    s = await stored();
    expect(sourcesOf(s.x)).toEqual([a]);
    expect(index(s.x).match(['@bupati_uji_d'])).toBeNull();
    expect(s.sources.map((st) => st.url)).toEqual([a]);
  });

  it('one good source is in force while another fails; no demo list is added', async () => {
    const pa = newPath('a');
    const pb = newPath('b');
    server.put(pa, await pub.build(CSV_A, 3));
    server.fail(pb, 503);
    const statuses = await syncLists(config([server.url(pa), server.url(pb)]));
    expect(statuses.map((st) => [st.version, st.errorCode])).toEqual([
      [3, undefined],
      [undefined, 'http'],
    ]);
    expect(sourcesOf((await stored()).x)).toEqual([server.url(pa)]);
    expect(fetched.some((u) => u.startsWith('chrome-extension://'))).toBe(false);
  });
});

describe('error texts', () => {
  it('a source that never had a list does not claim an old list stays in use', async () => {
    const path = newPath();
    server.fail(path, 500);
    const [st] = await syncLists(config([server.url(path)]));
    expect(st.errorCode).toBe('http');
    expect(st.error).toContain(NONE);
    expect(st.error).not.toContain(KEEP);

    server.fail(path, null);
    server.put(path, 'this is not json');
    const [bad] = await syncLists(config([server.url(path)]));
    expect(bad.errorCode).toBe('not-json');
    expect(bad.error).toContain(NONE);
    expect(bad.error).not.toContain(KEEP);
  });

  it('a source with a list in force says the old list stays in use', async () => {
    const { path, url } = await acceptV3();
    server.put(path, 'this is not json');
    const [st] = await syncLists(config([url]));
    expect(st).toMatchObject({ version: 3, errorCode: 'not-json' });
    expect(st.error).toContain(KEEP);
    expect(st.error).not.toContain(NONE);
  });

  it('no public key configured: "no-keys", and the list is not used', async () => {
    const path = newPath();
    server.put(path, await pub.build(CSV_A, 3));
    const [st] = await syncLists(config([server.url(path)], []));
    expect(st.errorCode).toBe('no-keys');
    expect(st.version).toBeUndefined();
    expect(sourcesOf((await stored()).x)).toEqual([DEMO_SOURCE]);
  });
});

describe('subject chunks', () => {
  it('are written with the shards and recorded in the committed pointer; the demo list’s go when it leaves force', async () => {
    await syncLists(config([], []));
    const demo = (await stored()).x[0].subjectsKey;
    expect((await chunks()).inForce).toEqual({ [demo]: 1 });
    expect((await chunks()).keys).toEqual([`${demo}0`]);

    const { url, before: s } = await acceptV3();
    const prefix = s.x[0].subjectsKey;
    // One prefix per list: every platform's shard of the list points at the same chunks.
    expect(s.facebook[0].subjectsKey).toBe(prefix);
    const c = await chunks();
    expect(c.inForce).toEqual({ [prefix]: 1 });
    expect(c.keys).toEqual([`${prefix}0`]);
    const chunk = c.all[`${prefix}0`] as SubjectChunk;
    expect(chunk.listVersion).toBe(3);
    expect(chunk.subjects.map((r) => r[0])).toEqual(expect.arrayContaining(['Capres Uji A', 'Caleg Uji B']));
    expect(s.sources.map((st) => st.url)).toEqual([url]);
  });

  it('of the old version are removed when a newer version is accepted', async () => {
    const { path, before } = await acceptV3();
    const v3 = before.x[0].subjectsKey;
    expect((await chunks()).keys).toEqual([`${v3}0`]);

    server.put(path, await pub.build(CSV_A_MORE, 4));
    await syncLists(config([server.url(path)]));
    const after = await stored();
    const v4 = after.x[0].subjectsKey;
    expect(v4).not.toBe(v3);
    const c = await chunks();
    expect(c.keys).toEqual([`${v4}0`]);
    // The position → subject tables go with their list too: only the new version's remain.
    expect(c.tables.length).toBeGreaterThan(0);
    expect(c.tables.every((k) => k.startsWith(v4))).toBe(true);
    expect(c.inForce).toEqual({ [v4]: 1 });
    expect(await nameOf(after.x, '@caleg_uji_c')).toBe('Caleg Uji C');
  });

  it('are kept while their list stays in force (304, a refused newer file, a server error)', async () => {
    const { path, url, before } = await acceptV3();
    const kept = await chunks();
    await syncLists(config([url])); // 304
    server.put(path, await pub.build(CSV_A_MORE, 2)); // older: refused
    await syncLists(config([url]));
    server.fail(path, 500);
    await syncLists(config([url]));
    expect((await chunks()).keys).toEqual(kept.keys);
    expect((await chunks()).inForce).toEqual(kept.inForce);
    expect(await nameOf(before.x, '@caleg_uji_b')).toBe('Caleg Uji B');
  });

  it('of a source removed from the config are removed', async () => {
    const pa = newPath('a');
    const pb = newPath('b');
    server.put(pa, await pub.build(CSV_A, 3));
    server.put(pb, await pub.build(CSV_B, 11));
    const a = server.url(pa);
    const b = server.url(pb);
    await syncLists(config([a, b]));
    const s = await stored();
    const [ka, kb] = s.x.map((w) => w.subjectsKey);
    expect(ka).not.toBe(kb);
    expect((await chunks()).keys).toEqual([`${ka}0`, `${kb}0`].sort());
    expect((await chunks()).inForce).toEqual({ [ka]: 1, [kb]: 1 });

    await syncLists(config([a]));
    expect((await chunks()).keys).toEqual([`${ka}0`]);
    expect((await chunks()).inForce).toEqual({ [ka]: 1 });
  });

  it('are rewritten when an updated extension ships other demo content under the same version', async () => {
    await syncLists(config([], []));
    const before = await stored();
    expect(await nameOf(before.x, '@capres_contoh_a')).toBe('Capres Contoh A (fiktif)');

    // The update's demo list: one more subject first, so every subject index moves; still v1.
    const csv = readFileSync(resolve(ROOT, 'scripts/demo/demo-list.csv'), 'utf8').trim().split('\n');
    const updated = [csv[0], 'x,@warga_demo_baru,Warga Demo Baru (fiktif),dpr,pemilu-2029,,,,,', ...csv.slice(1)].join('\n');
    const built = buildPayload(updated, { version: 1, issuer: 'Jaga Netral — daftar contoh (fiktif)', createdAt: '2026-12-01T00:00:00Z' });
    if (!built.ok) throw new Error(JSON.stringify(built.errors));
    const key = await importPrivatePem(readFileSync(resolve(ROOT, 'scripts/demo/demo-list-key.pem'), 'utf8'));
    demoText = serializeSignedList(await signPayload(built.payload, key, DEMO_LIST_PUBLIC_KEY));

    await syncLists(config([], []));
    const after = await stored();
    // Under keys of the new generation: the old chunks stay whole until the switch.
    expect(after.x[0].subjectsKey).not.toBe(before.x[0].subjectsKey);
    // Facebook's demo shard did not change and keeps its chunks: each prefix in force has its own.
    const inForce = [...new Set([...after.x, ...after.facebook].map((w) => w.subjectsKey))].sort();
    expect(Object.keys((await chunks()).inForce).sort()).toEqual(inForce);
    expect((await chunks()).keys).toEqual(inForce.map((p) => `${p}0`));
    expect(after.x[0].count).toBe(before.x[0].count + 1);
    expect(await nameOf(after.x, '@capres_contoh_a')).toBe('Capres Contoh A (fiktif)');
    expect(await nameOf(after.x, '@warga_demo_baru')).toBe('Warga Demo Baru (fiktif)');
  });

  it('of a list whose signing key is no longer trusted are removed', async () => {
    const { url, before } = await acceptV3();
    const prefix = before.x[0].subjectsKey;
    await syncLists(config([url], [stranger.keys.publicKey]));
    const c = await chunks();
    expect(c.keys.some((k) => k.startsWith(prefix))).toBe(false);
    expect(prefix in c.inForce).toBe(false);
  });
});

describe('one generation switch per change (issue 11)', () => {
  it('writes the new chunks under new keys, then switches shards, sources and pointer in one set, then deletes the old', async () => {
    const { path, url, before } = await acceptV3();
    const v3 = before.x[0].subjectsKey;
    const gen = ((await fakeBrowser.storage.local.get(KEYS.state))[KEYS.state] as Committed).gen;
    const writes: string[][] = [];
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    const remove = fakeBrowser.storage.local.remove.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      writes.push(['set', ...Object.keys(items).sort()]);
      return set(items);
    });
    vi.spyOn(fakeBrowser.storage.local, 'remove').mockImplementation(async (keys) => {
      writes.push(['remove', ...([] as string[]).concat(keys).sort()]);
      return remove(keys);
    });

    server.put(path, await pub.build(CSV_A_MORE, 4));
    await syncLists(config([url]));
    const after = await stored();
    const v4 = after.x[0].subjectsKey;
    expect(v4).toMatch(new RegExp(`\\.g${gen + 1}\\.$`));
    expect(writes.map((w) => w.filter((k) => !k.startsWith('jn.subj.')))).toEqual([
      ['set', KEYS.pending],
      ['set'], // the chunks, under keys no pointer names yet
      ['set', ...[KEYS.schema, KEYS.sources, KEYS.state, KEYS.shards('facebook'), KEYS.shards('x')].sort()],
      ['remove'], // the v3 chunks, after the switch
    ]);
    expect(writes[1].slice(1).every((k) => k.startsWith(v4))).toBe(true);
    expect(writes[3].slice(1).every((k) => k.startsWith(v3))).toBe(true);
    const pointer = (await fakeBrowser.storage.local.get(KEYS.state))[KEYS.state] as Committed;
    expect(pointer).toMatchObject({ gen: gen + 1, chunks: { [v4]: 1 }, retired: { [v3]: 1 } });
  });
});

describe('telling the tabs', () => {
  let send: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 1 }] as Awaited<ReturnType<typeof fakeBrowser.tabs.query>>);
    send = vi.fn().mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(send as never);
  });

  it('sends jn.refresh when the shards change, and nothing on a 304 or an error', async () => {
    const { path, url } = await acceptV3();
    expect(send.mock.calls).toEqual([[1, { type: REFRESH }]]);

    send.mockClear();
    await syncLists(config([url])); // 304: nothing changed for the tabs
    expect(requestsTo(path).at(-1)!.status).toBe(304);
    server.fail(path, 500);
    await syncLists(config([url])); // the last good list stays
    expect(send).not.toHaveBeenCalled();

    server.fail(path, null);
    server.put(path, await pub.build(CSV_A_MORE, 4));
    await syncLists(config([url]));
    expect(send.mock.calls).toEqual([[1, { type: REFRESH }]]);
  });

  it('a tab that cannot be told does not fail the sync (a rejection, or an API that throws)', async () => {
    vi.mocked(fakeBrowser.tabs.query).mockResolvedValue([{ id: 1 }, { id: 2 }, {}] as Awaited<ReturnType<typeof fakeBrowser.tabs.query>>);
    send.mockImplementation((id: number) => {
      if (id === 1) throw new Error('Error in invocation of tabs.sendMessage');
      return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    });
    const { before } = await acceptV3();
    expect(before.x).toHaveLength(1);
    expect(send.mock.calls.map((c) => c[0])).toEqual([1, 2]);
  });
});
