/**
 * List sync: every configured URL is fetched, verified and compiled; the last good list of
 * each source stays in force whatever goes wrong with a newer one. When no configured list
 * has ever been accepted, the bundled demo list (fictional accounts) is in force so the
 * extension works out of the box.
 */
import { browser } from '../browser';
import { PLATFORMS, type PlatformId } from '../model';
import { compileShards } from '../list/compile';
import { DEMO_LIST_PATH, DEMO_LIST_PUBLIC_KEY } from '../list/demo';
import { describeListError, ListError } from '../list/errors';
import { fetchList } from '../list/fetch';
import { samePublicKey } from '../list/signature';
import type { WireShard } from '../list/types';
import { entryCount, parseSignedList, verifySignedList } from '../list/verify';
import type { EffectiveConfig } from '../policy/types';
import { KEYS, type SourceStatus } from '../storage/items';

export const DEMO_SOURCE = 'bundled:demo';

type ShardMap = Record<PlatformId, WireShard[]>;


/** Sync runs one at a time (an alarm and a "sync now" may meet). */
let chain: Promise<unknown> = Promise.resolve();
export function syncLists(config: EffectiveConfig): Promise<SourceStatus[]> {
  const run = chain.then(() => doSync(config));
  chain = run.catch(() => {});
  return run;
}

async function doSync(config: EffectiveConfig): Promise<SourceStatus[]> {
  const shardKeys = PLATFORMS.map((p) => KEYS.shards(p));
  const stored = await browser.storage.local.get([KEYS.sources, ...shardKeys]);
  const prevSources = (stored[KEYS.sources] as SourceStatus[] | undefined) ?? [];
  const prevShards = {} as ShardMap;
  for (const p of PLATFORMS) prevShards[p] = (stored[KEYS.shards(p)] as WireShard[] | undefined) ?? [];

  const prevByUrl = new Map(prevSources.map((s) => [s.url, s]));
  const fresh = new Map<string, WireShard[]>();
  /** Sources whose list in force was signed by a key that is no longer trusted. */
  const revoked = new Set<string>();
  const next: SourceStatus[] = [];
  for (const url of config.listUrls) {
    let prev: SourceStatus = prevByUrl.get(url) ?? { url, error: '' };
    if (prev.version !== undefined) {
      const signer = prev.publicKey;
      if (signer === undefined) {
        // Stored before the signer was recorded: download and verify unconditionally once.
        prev = { ...prev, etag: undefined, lastModified: undefined };
      } else if (!config.listPublicKeys.some((k) => samePublicKey(k, signer))) {
        prev = { url, error: '' };
        revoked.add(url);
      }
    }
    const result = await syncOne(url, prev, config.listPublicKeys);
    next.push(result.status);
    if (result.shards) fresh.set(url, result.shards);
  }

  const useDemo = !next.some((s) => s.version !== undefined);
  let demo: { status: SourceStatus; shards: WireShard[] } | null = null;
  if (useDemo) {
    // Read the packaged file every time (it is small and local), so the sample list that
    // ships with an update replaces the old one; unchanged shards are not rewritten below.
    demo = await loadDemo();
    if (demo) next.push(demo.status);
  }

  // Rebuild each platform's shard array in listUrls order; write only what changed.
  const changes: Record<string, unknown> = { [KEYS.sources]: next };
  for (const p of PLATFORMS) {
    const arr: WireShard[] = [];
    for (const url of config.listUrls) {
      const src = fresh.get(url) ?? (revoked.has(url) ? [] : prevShards[p].filter((s) => s.source === url));
      for (const s of src) if (s.platform === p) arr.push(s);
    }
    if (demo) for (const s of demo.shards) if (s.platform === p) arr.push(s);
    if (!sameShards(arr, prevShards[p])) changes[KEYS.shards(p)] = arr;
  }
  await browser.storage.local.set(changes);
  return next;
}

function sameShards(a: WireShard[], b: WireShard[]): boolean {
  return a.length === b.length && a.every((s, i) => s.source === b[i].source && s.listVersion === b[i].listVersion && s.count === b[i].count);
}

async function syncOne(
  url: string,
  prev: SourceStatus,
  keys: string[],
): Promise<{ status: SourceStatus; shards?: WireShard[] }> {
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
        return { status: { ...prev, publicKey: list.publicKey, etag: r.etag, lastModified: r.lastModified, syncedAt: now, checkedAt: now, error: '', errorCode: undefined, errorDetail: undefined } };
      }
    }
    const shards = compileShards(payload, url);
    const t4 = performance.now();
    return {
      shards,
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

async function loadDemo(): Promise<{ status: SourceStatus; shards: WireShard[] } | null> {
  try {
    const res = await fetch(browser.runtime.getURL(DEMO_LIST_PATH as '/demo-list.json'));
    const list = parseSignedList(await res.text());
    // The demo key is trusted for this packaged file only, never for a fetched list.
    const payload = await verifySignedList(list, [DEMO_LIST_PUBLIC_KEY]);
    const now = Date.now();
    return {
      shards: compileShards(payload, DEMO_SOURCE),
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
