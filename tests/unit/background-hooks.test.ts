// @vitest-environment node
/**
 * Hooks sync (lib/background/hooks.ts) against a real HTTP server, with documents signed as
 * the publisher's `npm run hooks -- build` signs them (lib/hooks/signed.ts signHooks). The
 * last good document of a source stays in force whatever goes wrong with a newer one; per
 * site, `jn.hooks.<site>` holds the highest version any accepted document carries.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HOOKS_MAX_BYTES, createHooksSync, syncHooks } from '../../lib/background/hooks';
import { startBackground } from '../../lib/background/main';
import { REFRESH } from '../../lib/background/notify';
import { hooksInForce } from '../../lib/hooks/choose';
import { serializeSignedHooks, signHooks } from '../../lib/hooks/signed';
import { ENGINE_VERSION, type HooksInForce, type HooksPayload, type SiteHooks } from '../../lib/hooks/types';
import { DEMO_LIST_PATH } from '../../lib/list/demo';
import { generateKeyPair, type ListKeyPair } from '../../lib/list/signature';
import type { SiteId } from '../../lib/model';
import { effectiveConfig } from '../../lib/policy/effective';
import type { EffectiveConfig } from '../../lib/policy/types';
import { KEYS, type HooksSourceStatus } from '../../lib/storage/items';
import { startListServer, type ListServer } from '../support/list-server';

const KEEP = 'Data situs yang sudah ada tetap dipakai';

function siteHooks(site: SiteId, hooksVersion: number, css = 'article'): SiteHooks {
  return { site, hooksVersion, minEngine: 1, selectors: { post: { css: [css] } }, labels: {}, paths: {}, shortcuts: {}, thresholds: {} };
}

function payload(hooksVersion: number, sites: SiteId[] = ['x'], extra: Partial<HooksPayload> = {}): HooksPayload {
  return {
    hooksVersion,
    minEngine: 1,
    issuer: 'Publisher Uji',
    createdAt: '2029-01-01T00:00:00Z',
    sites: Object.fromEntries(sites.map((s) => [s, siteHooks(s, hooksVersion, `article.v${hooksVersion}`)])),
    ...extra,
  };
}

let server: ListServer;
let pub: ListKeyPair;
let stranger: ListKeyPair;
let n = 0;
let send: ReturnType<typeof vi.fn>;

beforeAll(async () => {
  server = await startListServer();
  pub = await generateKeyPair();
  stranger = await generateKeyPair();
});
afterAll(() => server.close());

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 1 }] as Awaited<ReturnType<typeof fakeBrowser.tabs.query>>);
  send = vi.fn().mockResolvedValue(undefined);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(send as never);
});
afterEach(() => {
  vi.restoreAllMocks();
});

const newPath = (name = 'hooks') => `/h${++n}/${name}.json`;
const requestsTo = (path: string) => server.requests.filter((r) => r.path === path && r.method === 'GET');

async function signed(p: HooksPayload, key: ListKeyPair = pub): Promise<string> {
  return serializeSignedHooks(await signHooks(p, key.privatePem));
}

/** The config the background would compute from this policy (hooks keys default to the list keys). */
function config(hooksUrls: string[], keys: { hooksPublicKeys?: string[]; listPublicKeys?: string[] } = { listPublicKeys: [pub.publicKey] }): EffectiveConfig {
  return effectiveConfig({ managed: true, policy: { hooksUrls, ...keys }, notes: [], readAt: 0 }, undefined);
}

async function inForce(site: SiteId = 'x'): Promise<HooksInForce | undefined> {
  return (await fakeBrowser.storage.local.get(KEYS.hooks(site)))[KEYS.hooks(site)] as HooksInForce | undefined;
}
async function sources(): Promise<HooksSourceStatus[]> {
  return ((await fakeBrowser.storage.local.get(KEYS.hooksSources))[KEYS.hooksSources] as HooksSourceStatus[] | undefined) ?? [];
}

/** Serves v3 for x at a new path and syncs it into force. */
async function acceptV3(sites: SiteId[] = ['x']): Promise<{ path: string; url: string }> {
  const path = newPath();
  server.put(path, await signed(payload(3, sites)));
  const url = server.url(path);
  const [st] = await syncHooks(config([url]));
  expect(st).toMatchObject({ url, hooksVersion: 3, sites, error: '', publicKey: pub.publicKey });
  expect((await inForce())?.hooks.hooksVersion).toBe(3);
  return { path, url };
}

describe('syncHooks', () => {
  it('accepts a signed document: each site it carries is in force with its source URL; tabs are told', async () => {
    const { url } = await acceptV3(['x', 'facebook']);
    const x = await inForce('x');
    expect(x).toEqual({ hooks: siteHooks('x', 3, 'article.v3'), source: url });
    expect((await inForce('facebook'))?.source).toBe(url);
    expect(await inForce('tiktok')).toBeUndefined();
    const [st] = await sources();
    expect(st).toMatchObject({ url, hooksVersion: 3, sites: ['x', 'facebook'], error: '' });
    expect(st.etag).toBeTruthy();
    expect(st.syncedAt).toBe(st.checkedAt);
    expect(send.mock.calls).toEqual([[1, { type: REFRESH }]]);
  });

  it('with no hooksUrls and nothing stored: fetches nothing, writes nothing', async () => {
    const before = await fakeBrowser.storage.local.get(null);
    expect(await syncHooks(config([]))).toEqual([]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
    expect(send).not.toHaveBeenCalled();
  });

  it('trusts listPublicKeys for hooks when hooksPublicKeys is not set, and only hooksPublicKeys when it is', async () => {
    expect(config(['https://a.example/h.json']).hooksPublicKeys).toEqual([pub.publicKey]);
    const path = newPath();
    server.put(path, await signed(payload(3)));
    const [st] = await syncHooks(config([server.url(path)], { listPublicKeys: [pub.publicKey], hooksPublicKeys: [stranger.publicKey] }));
    expect(st).toMatchObject({ errorCode: 'untrusted-key' });
    expect(await inForce()).toBeUndefined();
  });

  it('a tampered document is refused as altered; the last good stays, the reason is in words', async () => {
    const { path, url } = await acceptV3();
    const doc = JSON.parse(await signed(payload(4)));
    doc.payload.sites.x.selectors.post.css = ['div.evil'];
    server.put(path, JSON.stringify(doc));
    send.mockClear();
    const [st] = await syncHooks(config([url]));
    expect(st).toMatchObject({ url, hooksVersion: 3, errorCode: 'bad-signature' });
    expect(st.error).toContain('Tanda tangan pembaruan data situs tidak valid');
    expect(st.error).toContain(KEEP);
    expect((await inForce())?.hooks).toEqual(siteHooks('x', 3, 'article.v3'));
    expect(send).not.toHaveBeenCalled();
  });

  it('an older version is refused as a rollback (older); so is other content under the same version', async () => {
    const { path, url } = await acceptV3();
    server.put(path, await signed(payload(2)));
    const [older] = await syncHooks(config([url]));
    expect(older).toMatchObject({ hooksVersion: 3, errorCode: 'older', errorDetail: '2 < 3' });
    expect(older.error).toContain('(2) lebih lama dari yang sudah dipakai (3)');
    expect((await inForce())?.hooks.hooksVersion).toBe(3);

    const same = payload(3);
    same.sites.x = siteHooks('x', 3, 'article.other');
    server.put(path, await signed(same));
    const [changed] = await syncHooks(config([url]));
    expect(changed).toMatchObject({ hooksVersion: 3, errorCode: 'older' });
    expect((await inForce())?.hooks.selectors.post.css).toEqual(['article.v3']);

    // A newer one is accepted, and the error clears.
    server.put(path, await signed(payload(5)));
    const [newer] = await syncHooks(config([url]));
    expect(newer).toMatchObject({ hooksVersion: 5, error: '' });
    expect(newer.errorCode).toBeUndefined();
    expect((await inForce())?.hooks.hooksVersion).toBe(5);
  });

  it('the very same document served again without an ETag is confirmed, not refused', async () => {
    const { url } = await acceptV3();
    const [st0] = await sources();
    await fakeBrowser.storage.local.set({ [KEYS.hooksSources]: [{ ...st0, etag: undefined }] });
    const [st] = await syncHooks(config([url]));
    expect(st).toMatchObject({ hooksVersion: 3, error: '' });
  });

  it('a document that needs a newer engine (minEngine) is refused with the reason; the last good stays', async () => {
    const { path, url } = await acceptV3();
    // As a newer publisher tool would write it (this build's signHooks checks for its own
    // engine); the engine is checked before the signature, so the reason is the engine.
    const doc = JSON.parse(await signed(payload(4)));
    doc.payload.minEngine = ENGINE_VERSION + 1;
    server.put(path, JSON.stringify(doc));
    const [st] = await syncHooks(config([url]));
    expect(st).toMatchObject({ hooksVersion: 3, errorCode: 'engine' });
    expect(st.error).toContain('memerlukan Jaga Netral versi lebih baru');
    expect(st.error).toContain(`mesin ${ENGINE_VERSION + 1}`);
    expect((await inForce())?.hooks.hooksVersion).toBe(3);
  });

  it('an outage (HTTP 500, refused connection) keeps the last good document', async () => {
    const { path, url } = await acceptV3();
    server.fail(path, 500);
    const [down] = await syncHooks(config([url]));
    expect(down).toMatchObject({ hooksVersion: 3, errorCode: 'http', errorDetail: 'HTTP 500' });
    expect(down.error).toContain('Server data situs menjawab dengan galat (HTTP 500)');
    expect((await inForce())?.hooks.hooksVersion).toBe(3);
    server.fail(path, null);

    const refused = vi.fn(async () => {
      throw new TypeError('fetch failed');
    });
    const [net] = await syncHooks(config([url]), { fetchImpl: refused as unknown as typeof fetch });
    expect(net).toMatchObject({ hooksVersion: 3, errorCode: 'network' });
    expect(net.error).toContain('tidak dapat dihubungi');
    expect((await inForce())?.hooks.hooksVersion).toBe(3);
  });

  it('a server that never answers times out; the last good document stays', async () => {
    const { url } = await acceptV3();
    const hang = (_url: unknown, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)));
    const [st] = await syncHooks(config([url]), { fetchImpl: hang as typeof fetch, timeoutMs: 50 });
    expect(st).toMatchObject({ hooksVersion: 3, errorCode: 'timeout' });
    expect(st.error).toContain('terlalu lama menjawab');
    expect((await inForce())?.hooks.hooksVersion).toBe(3);
  });

  it('a file over 1 MB is refused as too large', async () => {
    const { path, url } = await acceptV3();
    server.put(path, Buffer.alloc(HOOKS_MAX_BYTES + 10, 0x20));
    const [st] = await syncHooks(config([url]));
    expect(st).toMatchObject({ hooksVersion: 3, errorCode: 'too-large' });
    expect((await inForce())?.hooks.hooksVersion).toBe(3);
  });

  it('asks with If-None-Match; a 304 confirms the document and changes nothing tabs read', async () => {
    const { path, url } = await acceptV3();
    const [st0] = await sources();
    await fakeBrowser.storage.local.set({ [KEYS.hooksSources]: [{ ...st0, syncedAt: 1000, checkedAt: 1000 }] });
    send.mockClear();
    const written: string[][] = [];
    fakeBrowser.storage.onChanged.addListener((changes) => written.push(Object.keys(changes)));
    const [st] = await syncHooks(config([url]));
    const last = requestsTo(path).at(-1)!;
    expect(last.headers['if-none-match']).toBe(st0.etag);
    expect(last.status).toBe(304);
    expect(st).toMatchObject({ hooksVersion: 3, error: '', etag: st0.etag });
    expect(st.syncedAt).toBeGreaterThan(1000);
    expect(written).toEqual([[KEYS.hooksSources]]);
    expect(send).not.toHaveBeenCalled();
  });

  it('a document signed by a key no longer trusted goes out of force, even when unchanged', async () => {
    const { path, url } = await acceptV3();
    send.mockClear();
    const gets = requestsTo(path).length;
    const [st] = await syncHooks(config([url], { listPublicKeys: [pub.publicKey], hooksPublicKeys: [stranger.publicKey] }));
    // Downloaded again unconditionally and checked against the keys now trusted.
    expect(requestsTo(path)).toHaveLength(gets + 1);
    expect(requestsTo(path).at(-1)!.headers['if-none-match']).toBeUndefined();
    expect(st).toMatchObject({ url, errorCode: 'untrusted-key' });
    expect(st.hooksVersion).toBeUndefined();
    expect(await inForce()).toBeUndefined();
    expect(send.mock.calls).toEqual([[1, { type: REFRESH }]]);
  });

  it('a revoked key’s document goes out of force even when the server is down', async () => {
    const { path, url } = await acceptV3();
    server.fail(path, 503);
    const [st] = await syncHooks(config([url], { listPublicKeys: [stranger.publicKey] }));
    expect(st).toMatchObject({ errorCode: 'http' });
    expect(st.hooksVersion).toBeUndefined();
    expect(await inForce()).toBeUndefined();
    server.fail(path, null);
  });

  it('a site the new document no longer carries, or a removed URL, is taken out of force', async () => {
    const { path, url } = await acceptV3(['x', 'facebook']);
    server.put(path, await signed(payload(4, ['x'])));
    send.mockClear();
    await syncHooks(config([url]));
    expect((await inForce('x'))?.hooks.hooksVersion).toBe(4);
    expect(await inForce('facebook')).toBeUndefined();
    expect(send).toHaveBeenCalledTimes(1);

    send.mockClear();
    expect(await syncHooks(config([]))).toEqual([]);
    expect(await inForce('x')).toBeUndefined();
    expect(await sources()).toEqual([]);
    expect((await fakeBrowser.storage.local.get(KEYS.hooksDocs))[KEYS.hooksDocs]).toEqual({});
    expect(send.mock.calls).toEqual([[1, { type: REFRESH }]]);
  });

  it('several sources: per site the highest version wins; when it fails the other stays in force', async () => {
    const a = newPath('a');
    const b = newPath('b');
    server.put(a, await signed(payload(5, ['x', 'facebook'])));
    server.put(b, await signed(payload(7, ['x'])));
    const urls = [server.url(a), server.url(b)];
    await syncHooks(config(urls));
    expect(await inForce('x')).toMatchObject({ source: urls[1], hooks: { hooksVersion: 7 } });
    expect(await inForce('facebook')).toMatchObject({ source: urls[0], hooks: { hooksVersion: 5 } });

    // B now serves a v8 signed by a key nobody trusts: refused, B's v7 stays in force.
    server.put(b, await signed(payload(8, ['x']), stranger));
    const [, stB] = await syncHooks(config(urls));
    expect(stB).toMatchObject({ hooksVersion: 7, errorCode: 'untrusted-key' });
    expect(await inForce('x')).toMatchObject({ source: urls[1], hooks: { hooksVersion: 7 } });
    // B removed from policy: x falls back to A's document, without downloading A again.
    await syncHooks(config([urls[0]]));
    expect(await inForce('x')).toMatchObject({ source: urls[0], hooks: { hooksVersion: 5 } });
    expect(requestsTo(a).at(-1)!.status).toBe(304);
  });

  it('runs one sync at a time through createHooksSync', async () => {
    const path = newPath();
    server.put(path, await signed(payload(3)));
    let active = 0;
    let most = 0;
    const slow = async (input: RequestInfo | URL, init?: RequestInit) => {
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, 20));
      try {
        return await fetch(input, init);
      } finally {
        active--;
      }
    };
    const run = createHooksSync({ fetchImpl: slow as typeof fetch });
    const c = config([server.url(path)]);
    const [r1, r2] = await Promise.all([run(c), run(c)]);
    expect(most).toBe(1);
    expect(r1[0]).toMatchObject({ hooksVersion: 3, error: '' });
    expect(r2[0]).toMatchObject({ hooksVersion: 3, error: '' });
  });
});

describe('hooksInForce', () => {
  it('per site the highest version; on a tie the earlier source; too-new engines skipped', () => {
    const docs = [
      { source: 'a', payload: payload(5, ['x', 'facebook']) },
      { source: 'b', payload: payload(5, ['x']) },
      { source: 'c', payload: payload(9, ['facebook'], { minEngine: ENGINE_VERSION + 1 }) },
    ];
    const chosen = hooksInForce(docs);
    expect(chosen.x?.source).toBe('a');
    expect(chosen.facebook?.source).toBe('a');
    expect(chosen.tiktok).toBeUndefined();
    expect(hooksInForce(docs, ENGINE_VERSION + 1).facebook?.source).toBe('c');
  });
});

describe('in the background (lib/background/main.ts)', () => {
  const DEMO_TEXT = readFileSync(resolve(__dirname, `../../public${DEMO_LIST_PATH}`), 'utf8');
  const popup = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };

  beforeEach(() => {
    const realFetch = globalThis.fetch;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url === fakeBrowser.runtime.getURL(DEMO_LIST_PATH)) return Promise.resolve(new Response(DEMO_TEXT, { status: 200 }));
      return realFetch(input, init);
    });
  });
  afterEach(() => {
    fakeBrowser.runtime.onMessage.removeAllListeners();
    fakeBrowser.alarms.onAlarm.removeAllListeners();
    fakeBrowser.storage.onChanged.removeAllListeners();
    fakeBrowser.runtime.onStartup.removeAllListeners();
  });

  async function start(policy: Record<string, unknown>) {
    await fakeBrowser.storage.managed.set(policy);
    const { reporter, ready } = startBackground();
    await ready;
    return reporter;
  }

  it('syncs hooks at start-up, on "Sinkronkan sekarang" (lists.sync, answer unchanged) and on the sync alarm', async () => {
    const path = newPath();
    server.put(path, await signed(payload(3)));
    const reporter = await start({ hooksUrls: [server.url(path)], listPublicKeys: [pub.publicKey] });
    expect((await inForce())?.hooks.hooksVersion).toBe(3);
    expect(requestsTo(path)).toHaveLength(1);

    server.put(path, await signed(payload(4)));
    const [answer] = (await fakeBrowser.runtime.onMessage.trigger({ type: 'lists.sync', payload: {} }, popup)) as unknown as [{ sources: unknown[] }];
    expect(Object.keys(answer)).toEqual(['sources']);
    expect(answer.sources).toEqual([expect.objectContaining({ url: expect.stringContaining('demo') })]);
    expect((await inForce())?.hooks.hooksVersion).toBe(4);

    server.put(path, await signed(payload(5)));
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'jn.sync', scheduledTime: Date.now() });
    await vi.waitFor(async () => expect((await inForce())?.hooks.hooksVersion).toBe(5));
    reporter.dispose();
  });

  it('syncs again when policy changes hooksPublicKeys or hooksUrls', async () => {
    const path = newPath();
    server.put(path, await signed(payload(3)));
    const reporter = await start({ hooksUrls: [server.url(path)], listPublicKeys: [pub.publicKey] });
    expect((await inForce())?.hooks.hooksVersion).toBe(3);

    await fakeBrowser.storage.managed.set({ hooksPublicKeys: [stranger.publicKey] });
    await vi.waitFor(async () => expect(await inForce()).toBeUndefined());
    expect((await sources())[0]).toMatchObject({ errorCode: 'untrusted-key' });

    await fakeBrowser.storage.managed.remove('hooksUrls');
    await vi.waitFor(async () => expect(await sources()).toEqual([]));
    reporter.dispose();
  });
});
