/**
 * Crash-safe state (issue 11): a worker killed at ANY storage write of a change leaves tabs
 * enforcing exactly the last committed generation — list, config and hooks together — and
 * able to name the person; after a restart the change completes.
 *
 * The harness runs the real background (lib/background/main.ts) over fakeBrowser with every
 * storage.local / storage.session write counted. For each change (a list update, the demo
 * list giving way to the agency's, a policy switch to `block`, a hooks update) a clean run
 * first records how many writes it makes and which of them switch the committed pointer,
 * with what tabs should then see. Then, for every write N of the change, the change is run
 * again and the worker "killed" at write N: the write never returns, either before it lands
 * or after it landed, and the dead worker never touches storage again (each worker's calls
 * are told apart by an AsyncLocalStorage context, so a dead worker's later continuations are
 * caught too). What a tab then enforces — the real runtime `runGuard` on a fake site, and its
 * start-up read for the config — is checked three times:
 *  - at once, while the worker is dead;
 *  - after a restart: (a) of the worker only (session storage kept), (b) of the browser
 *    (session storage emptied), once the new worker's start-up reconcile has run;
 *  - after the restarted worker's full start-up and a "sync now": the change's final state.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ListIndex } from '../../lib/accounts/shard-index';
import { reconcile } from '../../lib/background/generation';
import { startBackground } from '../../lib/background/main';
import { hooksForTab, readStartup, runGuard, type GuardedSite } from '../../lib/guard/runtime';
import { serializeSignedHooks, signHooks } from '../../lib/hooks/signed';
import type { HooksPayload, SiteHooks } from '../../lib/hooks/types';
import { buildPayload, serializeSignedList, signPayload } from '../../lib/list/build';
import { DEMO_LIST_PATH, DEMO_LIST_PUBLIC_KEY } from '../../lib/list/demo';
import { generateKeyPair, importPrivatePem, type ListKeyPair } from '../../lib/list/signature';
import type { WireShard } from '../../lib/list/types';
import { effectiveConfig } from '../../lib/policy/effective';
import type { EffectiveConfig } from '../../lib/policy/types';
import type { SiteAdapter } from '../../lib/sites/types';
import { KEYS, SCHEMA_VERSION, type Committed } from '../../lib/storage/items';

const ROOT = resolve(__dirname, '../..');
const DEMO_TEXT = readFileSync(resolve(ROOT, `public${DEMO_LIST_PATH}`), 'utf8');
/** The packaged demo list as served (a change may ship "an extension update" with another). */
let demoText = DEMO_TEXT;
const LIST_URL = 'https://lists.test/nasional.json';
const OTHER_URL = 'https://lists.test/provinsi.json';
const HOOKS_URL = 'https://hooks.test/hooks.json';

const HEADER = 'platform,account,name,role,election,party,region,valid_from,valid_until,source';
const CSV_V3 = [HEADER, 'x,@capres_uji_a,Capres Uji A,presiden,pemilu-2029,Partai Uji,Nasional,,,KPU-1', 'x,@caleg_uji_b,Caleg Uji B,dpr,pemilu-2029,,Dapil I,,,KPU-2'].join('\n');
const CSV_V4 = `${CSV_V3}\nx,@caleg_uji_c,Caleg Uji C,dpr,pemilu-2029,,Dapil II,,,KPU-3`;
/** Keys whose hits tell the lists apart: the agency's v3 and v4, the bundled demo list and its update. */
const CANDIDATES = ['@capres_uji_a', '@caleg_uji_c', '@capres_contoh_a', '@warga_demo_baru'];
/** The name the warning must show for each: a wrong one means chunks of another generation. */
const NAMES: Record<string, string> = { '@capres_uji_a': 'Capres Uji A', '@caleg_uji_c': 'Caleg Uji C', '@capres_contoh_a': 'Capres Contoh A (fiktif)',
  '@warga_demo_baru': 'Warga Demo Baru (fiktif)',
};

// ---------------------------------------------------------------------------------------
// The fake site (as in guard.test.ts): the runtime only needs an adapter that finds nothing.

const noAdapter: SiteAdapter = {
  site: 'x',
  platform: 'x',
  hooksVersion: 1,
  resolveDoubleTap: () => null,
  resolveSend: () => null,
  resolveControl: () => null,
  resolveShortcut: () => null,
  findPosts: () => [],
  scanKeys: () => {},
  identitiesOf: () => [],
};
const fakeSite: GuardedSite = {
  id: 'x',
  platform: 'x',
  hooks: { site: 'x', hooksVersion: 1, minEngine: 1, selectors: {}, labels: {}, paths: {}, shortcuts: {}, thresholds: {} },
  create: () => noAdapter,
};

// ---------------------------------------------------------------------------------------
// What is served: lists over a stubbed fetch (with ETags), hooks through the sync's fetchImpl.

const served = new Map<string, { status: number; body: string }>();

function response(status: number, body: string, etag?: string): Response {
  const bytes = new TextEncoder().encode(body);
  const headers = new Map<string, string>(etag ? [['etag', etag]] : []);
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: { get: (k: string) => headers.get(k.toLowerCase()) ?? null },
    text: async () => body,
    body: new ReadableStream<Uint8Array>({
      start(c) {
        if (bytes.length) c.enqueue(bytes);
        c.close();
      },
    }),
  } as unknown as Response;
}

const serve: typeof fetch = async (input, init) => {
  const url = String(input instanceof Request ? input.url : input);
  if (url === fakeBrowser.runtime.getURL(DEMO_LIST_PATH)) return response(200, demoText);
  const f = served.get(url);
  if (!f) return response(404, '');
  if (f.status !== 200) return response(f.status, '');
  const etag = `"${createHash('sha256').update(f.body).digest('hex').slice(0, 16)}"`;
  const inm = (init?.headers as Record<string, string> | undefined)?.['If-None-Match'];
  return inm === etag ? response(304, '') : response(200, f.body, etag);
};

// ---------------------------------------------------------------------------------------
// The harness.

const workers = new AsyncLocalStorage<number>();
const hang = () => new Promise<never>(() => {});

interface Snap {
  mode: string;
  /** Per candidate key: `<source>#<version>` of the list that holds it, or '-'. */
  hits: string[];
  hooks: number;
}

const h = {
  writes: 0,
  killAt: 0,
  landed: false,
  dead: new Set<number>(),
  /** Writes of the clean run that switched the pointer, and what tabs then see. */
  commits: [] as { at: number; snap: Snap }[],
  record: false,
  log: [] as string[],
};

function snapOf(got: Record<string, unknown>): Snap {
  const index = ListIndex.fromWire('x', (got[KEYS.shards('x')] as WireShard[] | undefined) ?? []);
  return {
    mode: ((got[KEYS.config] as EffectiveConfig | undefined) ?? effectiveConfig(undefined, undefined)).mode,
    hits: CANDIDATES.map((k) => {
      const hit = index.match([k]);
      return hit ? `${hit.listSource}#${hit.listVersion}` : '-';
    }),
    hooks: hooksForTab(fakeSite.hooks, got[KEYS.hooks('x')]).hooksVersion,
  };
}

const committedSnap = () => workers.exit(async () => snapOf(await fakeBrowser.storage.local.get([KEYS.config, KEYS.shards('x'), KEYS.hooks('x')])));

/** Counts every write of a worker; the one numbered killAt kills it. */
function instrument(): void {
  for (const areaName of ['local', 'session'] as const) {
    const area = fakeBrowser.storage[areaName];
    for (const op of ['get', 'set', 'remove'] as const) {
      const orig = (area[op] as (a: unknown) => Promise<unknown>).bind(area);
      vi.spyOn(area, op).mockImplementation(((arg: unknown) => {
        const w = workers.getStore();
        if (w === undefined) return orig(arg); // the test and the tab
        if (h.dead.has(w)) return hang();
        if (op === 'get') return orig(arg);
        const n = ++h.writes;
        const keys = op === 'set' ? Object.keys(arg as object) : ([] as string[]).concat(arg as string);
        h.log.push(`${n} ${areaName}.${op} ${keys.join(',')}`);
        if (n === h.killAt) {
          h.dead.add(w);
          return h.landed ? orig(arg).then(hang) : hang();
        }
        const p = orig(arg);
        if (h.record && areaName === 'local' && op === 'set' && keys.includes(KEYS.state)) {
          return p.then(async () => void h.commits.push({ at: n, snap: await committedSnap() }));
        }
        return p;
      }) as never);
    }
  }
}

/** A worker's death as far as events go: its listeners go with it. */
function forgetListeners(): void {
  type Ev = { removeAllListeners(): void };
  for (const ev of [fakeBrowser.runtime.onMessage, fakeBrowser.runtime.onStartup, fakeBrowser.alarms.onAlarm, fakeBrowser.storage.onChanged]) {
    (ev as unknown as Ev).removeAllListeners();
  }
}

function startWorker(id: number) {
  return workers.run(id, () => startBackground({ hooks: { fetchImpl: serve } }));
}

const popup = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
const syncNow = (id: number) => workers.run(id, () => fakeBrowser.runtime.onMessage.trigger({ type: 'lists.sync', payload: {} }, popup()));
const ticks = async (n = 20) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setTimeout(r, 0));
};

/** What a tab starting now enforces, and whether it can name everyone its list holds. */
async function tabSees(): Promise<Snap & { named: number; unnamed: number; area: string }> {
  document.body.replaceChildren();
  const ctx = new ContentScriptContext('crash-test');
  try {
    const handle = runGuard(ctx, fakeSite, { isTrusted: () => true });
    await handle.ready;
    // The config as the tab read it: the same read path (one get of the same keys).
    const { got, area } = await readStartup([KEYS.config, KEYS.shards('x'), KEYS.hooks('x')]);
    let named = 0;
    let unnamed = 0;
    const hits = [];
    for (const k of CANDIDATES) {
      const hit = handle.index!.match([k]);
      hits.push(hit ? `${hit.listSource}#${hit.listVersion}` : '-');
      if (hit) ((await handle.subjects.load(hit))?.name === NAMES[k] ? named++ : unnamed++);
    }
    return { mode: snapOf(got).mode, hits, hooks: handle.hooksVersion, named, unnamed, area };
  } finally {
    ctx.notifyInvalidated();
  }
}

async function expectTab(want: Snap, when: string): Promise<void> {
  const seen = await tabSees();
  const { named, unnamed, area, ...snap } = seen;
  expect(snap, `${when} (read from ${area})\n${h.log.join('\n')}`).toEqual(want);
  expect(unnamed, `${when}: a listed account the warning cannot name, or names wrongly`).toBe(0);
  expect(named, `${when}: nobody listed`).toBeGreaterThan(0);
}

// ---------------------------------------------------------------------------------------
// The changes.

let pub: ListKeyPair;
const lists: Record<string, string> = {};
/** The demo list of "an extension update": same version, one subject more first, so every index moves. */
let updatedDemo = '';
const hooksDocs: Record<number, string> = {};

function siteHooks(v: number): SiteHooks {
  return { site: 'x', hooksVersion: v, minEngine: 1, selectors: { post: { css: [`article.v${v}`] } }, labels: {}, paths: {}, shortcuts: {}, thresholds: {} };
}

beforeAll(async () => {
  pub = await generateKeyPair();
  const key = await importPrivatePem(pub.privatePem);
  for (const [name, csv, version] of [['v3', CSV_V3, 3], ['v4', CSV_V4, 4]] as const) {
    const r = buildPayload(csv, { version, issuer: 'KPU Uji', createdAt: '2029-01-01T00:00:00Z' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    lists[name] = serializeSignedList(await signPayload(r.payload, key, pub.publicKey));
  }
  const csv = readFileSync(resolve(ROOT, 'scripts/demo/demo-list.csv'), 'utf8').trim().split('\n');
  const updated = [csv[0], 'x,@warga_demo_baru,Warga Demo Baru (fiktif),dpr,pemilu-2029,,,,,', ...csv.slice(1)].join('\n');
  const built = buildPayload(updated, { version: 1, issuer: 'Jaga Netral — daftar contoh (fiktif)', createdAt: '2026-12-01T00:00:00Z' });
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  const demoKey = await importPrivatePem(readFileSync(resolve(ROOT, 'scripts/demo/demo-list-key.pem'), 'utf8'));
  updatedDemo = serializeSignedList(await signPayload(built.payload, demoKey, DEMO_LIST_PUBLIC_KEY));
  for (const v of [2, 3]) {
    const p: HooksPayload = { hooksVersion: v, minEngine: 1, issuer: 'Uji', createdAt: '2029-01-01T00:00:00Z', sites: { x: siteHooks(v) } };
    hooksDocs[v] = serializeSignedHooks(await signHooks(p, pub.privatePem));
  }
});

interface Change {
  name: string;
  /** Policy and what is served before the first worker starts. */
  policy: () => Record<string, unknown>;
  before: () => void;
  /** Makes the change in worker `id`; resolves when it is done (or the worker died). */
  run: (id: number) => Promise<unknown>;
}

const listPolicy = () => ({ listUrls: [LIST_URL], listPublicKeys: [pub.publicKey], mode: 'warn' as const });

/** Waits until worker `id` is dead or has stopped writing. */
async function quiet(id: number): Promise<void> {
  // Settled: no write for three checks 30 ms apart. Macrotask turns alone are not enough on a
  // loaded machine (CI runs suites in parallel): a list download still in flight would then
  // spill its writes into the change being counted, and the write points would not line up.
  let last = -1;
  let still = 0;
  for (let i = 0; i < 400 && !h.dead.has(id); i++) {
    await ticks(5);
    await new Promise((r) => setTimeout(r, 30));
    still = h.writes === last ? still + 1 : 0;
    if (still >= 3) return;
    last = h.writes;
  }
}

const CHANGES: Change[] = [
  {
    name: 'a list update (v3 → v4)',
    policy: listPolicy,
    before: () => served.set(LIST_URL, { status: 200, body: lists.v3 }),
    run: (id) => {
      served.set(LIST_URL, { status: 200, body: lists.v4 });
      return syncNow(id);
    },
  },
  {
    name: 'the demo list giving way to the agency’s',
    policy: listPolicy,
    before: () => served.set(LIST_URL, { status: 503, body: '' }),
    run: (id) => {
      served.set(LIST_URL, { status: 200, body: lists.v3 });
      return syncNow(id);
    },
  },
  {
    // The same source and version with other content: only generation-suffixed chunk keys
    // keep the old shards from pointing into the new chunks before the switch.
    name: 'an extension update’s demo list (same version, other content)',
    policy: () => ({ mode: 'warn' as const }),
    before: () => {},
    run: (id) => {
      demoText = updatedDemo;
      return syncNow(id);
    },
  },
  {
    name: 'a policy change to block',
    policy: listPolicy,
    before: () => served.set(LIST_URL, { status: 200, body: lists.v3 }),
    run: async (id) => {
      await workers.run(id, () => fakeBrowser.storage.managed.set({ ...listPolicy(), mode: 'block' }));
      await quiet(id);
    },
  },
  {
    // Two switches: the config, then the list of the new source.
    name: 'a policy change to block and to another list',
    policy: listPolicy,
    before: () => served.set(LIST_URL, { status: 200, body: lists.v3 }),
    run: async (id) => {
      served.set(OTHER_URL, { status: 200, body: lists.v4 });
      await workers.run(id, () => fakeBrowser.storage.managed.set({ ...listPolicy(), listUrls: [OTHER_URL], mode: 'block' }));
      await quiet(id);
    },
  },
  {
    name: 'a hooks update (v2 → v3)',
    policy: () => ({ ...listPolicy(), hooksUrls: [HOOKS_URL] }),
    before: () => {
      served.set(LIST_URL, { status: 200, body: lists.v3 });
      served.set(HOOKS_URL, { status: 200, body: hooksDocs[2] });
    },
    run: (id) => {
      served.set(HOOKS_URL, { status: 200, body: hooksDocs[3] });
      return syncNow(id);
    },
  },
];

/** Fresh storage, the first worker started and settled; returns what tabs see then. */
async function setUp(change: Change): Promise<Snap> {
  fakeBrowser.reset();
  served.clear();
  demoText = DEMO_TEXT;
  h.writes = 0;
  h.killAt = 0;
  h.dead.clear();
  h.log = [];
  change.before();
  await fakeBrowser.storage.managed.set(change.policy());
  await startWorker(1).ready;
  await quiet(1);
  h.log.push('--- change');
  h.writes = 0;
  return committedSnap();
}

beforeEach(() => {
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([]);
  vi.spyOn(globalThis, 'fetch').mockImplementation(serve);
  instrument();
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe.each(CHANGES)('a worker killed at any write of $name', (change) => {
  it('leaves tabs on the last committed generation, named; a restart completes the change', async () => {
    // The clean run: how many writes, which of them switch the pointer, and the end state.
    const initial = await setUp(change);
    h.record = true;
    h.commits = [];
    await change.run(1);
    await quiet(1);
    h.record = false;
    const total = h.writes;
    const commits = [...h.commits];
    const final = await committedSnap();
    expect(final, 'the change changes what tabs see').not.toEqual(initial);
    expect(commits.length).toBeGreaterThan(0);
    expect(commits.at(-1)!.snap).toEqual(final);
    await expectTab(final, 'after the clean run');

    let points = 0;
    for (let n = 1; n <= total; n++) {
      for (const landed of [false, true]) {
        for (const restart of ['worker', 'browser'] as const) {
          const at = `write ${n}/${total} (${landed ? 'landed' : 'not landed'}), ${restart} restart`;
          await setUp(change);
          h.killAt = n;
          h.landed = landed;
          void change.run(1);
          await vi.waitFor(() => expect(h.dead.has(1)).toBe(true), { timeout: 60_000, interval: 1 });
          await ticks();
          const applied = landed ? n : n - 1;
          const want = commits.filter((c) => c.at <= applied).at(-1)?.snap ?? initial;

          await expectTab(want, `${at}: a tab while the worker is dead`);

          forgetListeners();
          if (restart === 'browser') await fakeBrowser.storage.session.clear();
          // The new worker's first step, alone: storage back to the committed generation.
          await workers.run(2, () => reconcile());
          await expectTab(want, `${at}: a tab after the restart's reconcile`);
          const pointer = (await fakeBrowser.storage.local.get(KEYS.state))[KEYS.state] as Committed;
          const pending = await fakeBrowser.storage.local.get(KEYS.pending);
          expect(pending[KEYS.pending], `${at}: pending chunks left`).toBeUndefined();
          // Nothing left of abandoned or retired generations: every subject key is named.
          const subjectKeys = Object.keys(await fakeBrowser.storage.local.get(null)).filter((k) => k.startsWith('jn.subj.'));
          for (const k of subjectKeys) expect(Object.keys(pointer.chunks).some((p) => k.startsWith(p)), `${at}: ${k} left over`).toBe(true);

          // The whole start-up, then "sync now": the change completes.
          forgetListeners();
          await startWorker(2).ready;
          await syncNow(2);
          await quiet(2);
          await expectTab(final, `${at}: a tab after the restarted worker synced`);
          points++;
        }
      }
    }
    expect(points).toBe(total * 4);
    console.log(`KILLPOINTS ${change.name}: ${total} writes, ${commits.length} commits, ${points} runs`);
  }, 120_000);
});

describe('schema migration 1 → 2', () => {
  it('gives a layout of the first release a pointer, keeps its list, drops orphaned chunks and refills the mirror', async () => {
    fakeBrowser.reset();
    const index = ListIndex.fromWire('x', []);
    expect(index.shards).toHaveLength(0);
    // As schema 1 left it after a kill mid-sync: v4's shards and chunks in storage.local, the
    // v3 chunks it was about to delete, and a session mirror still holding v3.
    const key = await importPrivatePem(pub.privatePem);
    const { compileList } = await import('../../lib/list/compile');
    const { parseSignedList, verifySignedList } = await import('../../lib/list/verify');
    const v3 = compileList(await verifySignedList(parseSignedList(lists.v3), [pub.publicKey]), LIST_URL);
    const v4 = compileList(await verifySignedList(parseSignedList(lists.v4), [pub.publicKey]), LIST_URL);
    expect(key).toBeTruthy();
    const config = effectiveConfig({ managed: true, policy: listPolicy(), notes: [], readAt: 0 }, undefined);
    const prefix4 = v4.shards[0].subjectsKey;
    await fakeBrowser.storage.local.set({
      [KEYS.schema]: 1,
      [KEYS.config]: config,
      [KEYS.shards('x')]: v4.shards,
      [KEYS.legacyChunks]: { [prefix4]: 1 },
      ...v3.chunks,
      ...v4.chunks,
    });
    await fakeBrowser.storage.session.set({ [KEYS.config]: config, [KEYS.shards('x')]: v3.shards });
    // A tab before the new worker starts: the mirror has no pointer, so storage.local.
    expect((await readStartup([KEYS.config, KEYS.shards('x')])).area).toBe('local');

    await reconcile();
    const local = await fakeBrowser.storage.local.get(null);
    expect(local[KEYS.schema]).toBe(SCHEMA_VERSION);
    expect(local[KEYS.state]).toMatchObject({ gen: 1, chunks: { [prefix4]: 1 } });
    expect(local[KEYS.legacyChunks]).toBeUndefined();
    expect(Object.keys(local).filter((k) => k.startsWith('jn.subj.')).sort()).toEqual(Object.keys(v4.chunks).sort());
    const r = await readStartup([KEYS.config, KEYS.shards('x')]);
    expect(r.area).toBe('session');
    expect(r.got[KEYS.shards('x')]).toEqual(v4.shards);
    await expectTab({ mode: 'warn', hits: [`${LIST_URL}#4`, `${LIST_URL}#4`, '-', '-'], hooks: 1 }, 'after the migration');
    // A second start changes nothing.
    await reconcile();
    expect((await fakeBrowser.storage.local.get(KEYS.state))[KEYS.state]).toEqual(local[KEYS.state]);
  });
});
