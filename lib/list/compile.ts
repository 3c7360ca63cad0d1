/**
 * Turns a verified list into what the tabs read (lib/accounts/shard-index.ts): per platform a
 * compact WireShard, and per list the subject details in SubjectChunks. Runs in the
 * background once per accepted list version.
 */
import { u32ToBase64, bytesToBase64 } from '../accounts/base64';
import { hash64 } from '../accounts/hash';
import { dayNumber, PLATFORMS, type PlatformId } from '../model';
import { SUBJECTS_PER_CHUNK, type ListPayload, type SubjectChunk, type WireShard } from './types';

export interface Compiled {
  shards: WireShard[];
  /** Storage key → chunk, for every subject of the list. */
  chunks: Record<string, SubjectChunk>;
}

/** A short, stable id for a list source, for storage keys. */
export function sourceId(source: string): string {
  const h = hash64(source, new Uint32Array(2));
  return h[0].toString(36) + h[1].toString(36);
}

export function subjectsKeyPrefix(source: string, version: number): string {
  return `jn.subj.${sourceId(source)}.${version}.`;
}

export function compileList(payload: ListPayload, source: string): Compiled {
  const subjectsKey = subjectsKeyPrefix(source, payload.version);
  const windows = compileWindows(payload);
  const shards: WireShard[] = [];
  for (const platform of PLATFORMS) {
    const e = payload.entries[platform];
    if (!e || e.keys.length === 0) continue;
    shards.push(compilePlatform(platform, e.keys, e.subjects, payload.version, source, subjectsKey, windows));
  }
  const chunks: Record<string, SubjectChunk> = {};
  for (let c = 0; c * SUBJECTS_PER_CHUNK < payload.subjects.length; c++) {
    chunks[`${subjectsKey}${c}`] = {
      listVersion: payload.version,
      subjects: payload.subjects.slice(c * SUBJECTS_PER_CHUNK, (c + 1) * SUBJECTS_PER_CHUNK),
    };
  }
  return { shards, chunks };
}

function isoDay(iso: string): number | null {
  if (!iso) return null;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) ? Math.max(1, Math.min(65534, dayNumber(t))) : null;
}

function compileWindows(payload: ListPayload): WireShard['windows'] {
  const ids: number[] = [];
  const from: number[] = [];
  const until: number[] = [];
  payload.subjects.forEach((r, i) => {
    const f = isoDay(r[5]);
    const u = isoDay(r[6]);
    if (f === null && u === null) return;
    ids.push(i);
    from.push(f ?? 0);
    until.push(u ?? 65535);
  });
  if (ids.length === 0) return undefined;
  const u16 = (a: number[]) => {
    const x = Uint16Array.from(a);
    return bytesToBase64(new Uint8Array(x.buffer));
  };
  return { ids: u32ToBase64(Uint32Array.from(ids)), from: u16(from), until: u16(until) };
}

function compilePlatform(
  platform: PlatformId,
  keys: readonly string[],
  subjectIdx: readonly number[],
  listVersion: number,
  source: string,
  subjectsKey: string,
  windows: WireShard['windows'],
): WireShard {
  const n = keys.length;
  const bucketBits = Math.max(1, Math.min(16, Math.ceil(Math.log2(n + 1))));
  const shift = 32 - bucketBits;
  const bucket = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const h = new Uint32Array(2);
  for (let i = 0; i < n; i++) {
    hash64(keys[i], h);
    bucket[i] = h[0] >>> shift;
    lo[i] = h[1];
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => bucket[a] - bucket[b] || lo[a] - lo[b]);

  const buckets = new Uint32Array((1 << bucketBits) + 1);
  const fps = new Uint32Array(n);
  const subjectOf = new Uint32Array(n);
  let w = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    // The same key twice (or, about once in 500 lists of a million keys, two keys with the
    // same 48-bit fingerprint): keep the first.
    if (w > 0 && lo[order[k - 1]] === lo[i] && bucket[order[k - 1]] === bucket[i]) continue;
    fps[w] = lo[i];
    subjectOf[w] = subjectIdx[i];
    buckets[bucket[i] + 1] = w + 1;
    w++;
  }
  // Each bucket's end is the next bucket's start; empty buckets inherit.
  for (let b = 1; b < buckets.length; b++) if (buckets[b] < buckets[b - 1]) buckets[b] = buckets[b - 1];
  return {
    platform,
    source,
    listVersion,
    count: w,
    bucketBits,
    buckets: u32ToBase64(buckets),
    fps: u32ToBase64(fps.subarray(0, w)),
    subjectOf: u32ToBase64(subjectOf.subarray(0, w)),
    ...(windows ? { windows } : {}),
    subjectsKey,
  };
}
