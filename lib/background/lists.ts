/**
 * List sync: every configured URL is fetched, verified and compiled; the last good list of
 * each source stays in force whatever goes wrong with a newer one. When no configured list
 * has ever been accepted, the bundled demo list (fictional accounts) is in force so the
 * extension works out of the box.
 */
import { browser } from '../browser';
import { PLATFORMS, type PlatformId } from '../model';
import { COMPILE_VERSION, compileList, type Compiled } from '../list/compile';
import { DEMO_LIST_PATH, DEMO_LIST_PUBLIC_KEY, DEMO_SOURCE } from '../list/demo';
import { describeListError, ListError } from '../list/errors';
import { fetchList } from '../list/fetch';
import { samePublicKey } from '../list/signature';
import type { SubjectChunk, WireShard } from '../list/types';
import { entryCount, parseSignedList, verifySignedList } from '../list/verify';
import type { EffectiveConfig } from '../policy/types';
import { KEYS, type SourceStatus } from '../storage/items';
import { commit, readCommitted, unlocked, writeUncommitted } from './generation';
import { notifyTabs } from './notify';
import { createSerial, type Serial } from './serial';

type ShardMap = Record<PlatformId, WireShard[]>;

/**
 * Syncs every list source once. Not serialised by itself: the background runs it through the
 * one-at-a-time runner it creates at start (createListSync), so that no chain lives at module
 * level; a test may call it directly, one call after another. `lock` is the background's
 * write lock (lib/background/generation.ts): the downloads run outside it, the switch to the
 * new generation inside.
 */
export async function syncLists(config: EffectiveConfig, lock: Serial = unlocked): Promise<SourceStatus[]> {
  const shardKeys = PLATFORMS.map((p) => KEYS.shards(p));
  const stored = await browser.storage.local.get([KEYS.sources, ...shardKeys]);
  const prevSources = (stored[KEYS.sources] as SourceStatus[] | undefined) ?? [];
  const prevShards = {} as ShardMap;
  for (const p of PLATFORMS) prevShards[p] = (stored[KEYS.shards(p)] as WireShard[] | undefined) ?? [];

  const prevByUrl = new Map(prevSources.map((s) => [s.url, s]));
  const compiled = new Map<string, Compiled>();
  /** Sources whose list in force was signed by a key that is no longer trusted. */
  const revoked = new Set<string>();
  const next: SourceStatus[] = [];
  for (const url of config.listUrls) {
    let prev: SourceStatus = prevByUrl.get(url) ?? { url, error: '' };
    if (prev.version !== undefined) {
      const signer = prev.publicKey;
      if (signer === undefined || prev.compiledWith !== COMPILE_VERSION) {
        // Stored before the signer was recorded, or compiled by an older layout (an extension
        // update): download, verify and compile unconditionally once.
        prev = { ...prev, etag: undefined, lastModified: undefined };
      } else if (!config.listPublicKeys.some((k) => samePublicKey(k, signer))) {
        prev = { url, error: '' };
        revoked.add(url);
      }
    }
    const result = await syncOne(url, prev, config.listPublicKeys);
    next.push(result.status);
    if (result.compiled) compiled.set(url, result.compiled);
  }

  const useDemo = !next.some((s) => s.version !== undefined);
  let demoList: { status: SourceStatus; compiled: Compiled } | null = null;
  if (useDemo) {
    // Read the packaged file every time (it is small and local), so the sample list that
    // ships with an update replaces the old one; unchanged shards are not rewritten below.
    demoList = await loadDemo();
    if (demoList) next.push(demoList.status);
  }

  const changed = await lock(async () => {
    const committed = await readCommitted();
    const gen = committed.gen + 1;
    const prevChunks = committed.chunks;
    // New lists get subject chunks of their own generation: the chunks of the list in force
    // are never overwritten, whatever a kill leaves half-written.
    const fresh = new Map([...compiled].map(([url, c]) => [url, atGeneration(c, gen)]));
    const demo = demoList && atGeneration(demoList.compiled, gen);

    // Rebuild each platform's shard array in listUrls order; write only what changed.
    const tab: Record<string, unknown> = {};
    for (const p of PLATFORMS) {
      const arr: WireShard[] = [];
      for (const url of config.listUrls) {
        const src = fresh.get(url)?.shards ?? (revoked.has(url) ? [] : prevShards[p].filter((s) => s.source === url));
        for (const s of src) if (s.platform === p) arr.push(s);
      }
      if (demo) for (const s of demo.shards) if (s.platform === p) arr.push(s);
      if (!sameShards(arr, prevShards[p])) tab[KEYS.shards(p)] = arr;
    }

    // Subject details: the chunks of every prefix the shards in force point at.
    const inForce: Record<string, number> = {};
    for (const p of PLATFORMS) {
      for (const s of (tab[KEYS.shards(p)] as WireShard[] | undefined) ?? prevShards[p]) inForce[s.subjectsKey] = prevChunks[s.subjectsKey] ?? 0;
    }
    const newChunks: Record<string, SubjectChunk | string> = {};
    const written: Record<string, number> = {};
    for (const c of [...fresh.values(), ...(demo ? [demo] : [])]) {
      for (const [key, chunk] of Object.entries(c.chunks)) {
        const prefix = key.slice(0, key.lastIndexOf('.') + 1);
        if (!(prefix in inForce)) continue;
        if (/^\d+$/.test(key.slice(prefix.length))) inForce[prefix]++; // numbered chunks; `of-…` tables are per platform
        written[prefix] = inForce[prefix];
        newChunks[key] = chunk;
      }
    }
    if (Object.keys(tab).length === 0 && sameCounts(inForce, prevChunks)) {
      // Nothing changes for the tabs (a 304, an error): only the status is written.
      await browser.storage.local.set({ [KEYS.sources]: next });
      return false;
    }
    // Details first, under keys nothing reads yet; then the switch; then the clean-up.
    await writeUncommitted(gen, newChunks, written);
    await commit({ tab, own: { [KEYS.sources]: next }, chunks: inForce });
    return Object.keys(tab).length > 0;
  });
  if (changed) await notifyTabs();
  return next;
}

/** A compiled list whose subject-chunk keys carry generation `gen` (see Committed.chunks). */
function atGeneration(c: Compiled, gen: number): Compiled {
  const rename = (key: string) => {
    const i = key.lastIndexOf('.') + 1;
    return `${key.slice(0, i)}g${gen}.${key.slice(i)}`;
  };
  return {
    shards: c.shards.map((s) => ({ ...s, subjectsKey: `${s.subjectsKey}g${gen}.`, subjectOfKey: rename(s.subjectOfKey) })),
    chunks: Object.fromEntries(Object.entries(c.chunks).map(([k, v]) => [rename(k), v])),
  };
}

/** A list sync that runs one at a time (an alarm and a "sync now" may meet); one per background. */
export function createListSync(lock: Serial = unlocked): (config: EffectiveConfig) => Promise<SourceStatus[]> {
  const serial = createSerial();
  return (config) => serial(() => syncLists(config, lock));
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => b[k] === a[k]);
}

function sameShards(a: WireShard[], b: WireShard[]): boolean {
  return a.length === b.length && a.every((s, i) => s.source === b[i].source && s.listVersion === b[i].listVersion && s.count === b[i].count);
}

async function syncOne(
  url: string,
  prev: SourceStatus,
  keys: string[],
): Promise<{ status: SourceStatus; compiled?: Compiled }> {
  const t0 = performance.now();
  try {
    const r = await fetchList(url, { etag: prev.etag, lastModified: prev.lastModified });
    const now = Date.now();
    if (r.status === 'not-modified' && prev.version !== undefined) {
      return { status: { ...prev, syncedAt: now, checkedAt: now, error: '', errorCode: undefined, errorDetail: undefined } };
    }
    if (r.status === 'not-modified') throw new ListError('http', 'HTTP 304 without a list in force');
    const t1 = performance.now();
    const list = parseSignedList(r.text);
    const t2 = performance.now();
    const payload = await verifySignedList(list, keys);
    const t3 = performance.now();
    if (prev.version !== undefined) {
      if (payload.version < prev.version) throw new ListError('older', `${payload.version} < ${prev.version}`);
      if (payload.version === prev.version) {
        if (list.signature !== prev.signature) throw new ListError('changed-same-version', String(payload.version));
        // The same list, compiled by this layout already: nothing to do. (Else compiled again below.)
        if (prev.compiledWith === COMPILE_VERSION) return { status: { ...prev, publicKey: list.publicKey, etag: r.etag, lastModified: r.lastModified, syncedAt: now, checkedAt: now, error: '', errorCode: undefined, errorDetail: undefined } };
      }
    }
    const compiled = compileList(payload, url);
    const t4 = performance.now();
    return {
      compiled,
      status: {
        url,
        version: payload.version,
        issuer: payload.issuer,
        createdAt: payload.createdAt,
        entries: entryCount(payload),
        etag: r.etag,
        lastModified: r.lastModified,
        signature: list.signature,
        publicKey: list.publicKey,
        compiledWith: COMPILE_VERSION,
        syncedAt: now,
        checkedAt: now,
        error: '',
        timings: { download: t1 - t0, parse: t2 - t1, verify: t3 - t2, compile: t4 - t3 },
      },
    };
  } catch (e) {
    const err = e instanceof ListError ? e : new ListError('format', e instanceof Error ? e.message : String(e));
    return {
      status: {
        ...prev,
        checkedAt: Date.now(),
        error: describeListError(err.code, err.detail, 'id', prev.version !== undefined),
        errorCode: err.code,
        errorDetail: err.detail,
      },
    };
  }
}

async function loadDemo(): Promise<{ status: SourceStatus; compiled: Compiled } | null> {
  try {
    const res = await fetch(browser.runtime.getURL(DEMO_LIST_PATH as '/demo-list.json'));
    const list = parseSignedList(await res.text());
    // The demo key is trusted for this packaged file only, never for a fetched list.
    const payload = await verifySignedList(list, [DEMO_LIST_PUBLIC_KEY]);
    const now = Date.now();
    return {
      compiled: compileList(payload, DEMO_SOURCE),
      status: {
        url: DEMO_SOURCE,
        version: payload.version,
        issuer: payload.issuer,
        createdAt: payload.createdAt,
        entries: entryCount(payload),
        signature: list.signature,
        syncedAt: now,
        checkedAt: now,
        error: '',
      },
    };
  } catch (e) {
    console.error('Jaga Netral: the bundled demo list could not be loaded', e);
    return null;
  }
}
