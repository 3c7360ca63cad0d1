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
  /**
   * Storage key → value: a SubjectChunk for every SUBJECTS_PER_CHUNK subjects, and each
   * shard's subject indexes (base64) under its `subjectOfKey`. All keys share the list's
   * `subjectsKey` prefix.
   */
  chunks: Record<string, SubjectChunk | string>;
}

/** A short, stable id for a list source, for storage keys. */
export function sourceId(source: string): string {
  const h = hash64(source, new Uint32Array(2));
  return h[0].toString(36) + h[1].toString(36);
}

export function subjectsKeyPrefix(source: string, version: number): string {
  return `jn.subj.${sourceId(source)}.${version}.`;
}

/**
 * The layout compileList writes. A list in force compiled by an older layout is downloaded
 * and compiled again, even when its version is unchanged (2: subject chunks carry each
 * subject's full keys, so a fingerprint hit can be confirmed exactly).
 */
export const COMPILE_VERSION = 2;

export function compileList(payload: ListPayload, source: string): Compiled {
  const subjectsKey = subjectsKeyPrefix(source, payload.version);
  const windows = subjectWindows(payload);
  const shards: WireShard[] = [];
  const chunks: Record<string, SubjectChunk | string> = {};
  for (const platform of PLATFORMS) {
    const e = payload.entries[platform];
    if (!e || e.keys.length === 0) continue;
    const { shard, subjectOf } = compilePlatform(platform, e.keys, e.subjects, payload.version, source, subjectsKey, windows);
    shards.push(shard);
    chunks[shard.subjectOfKey] = subjectOf;
  }
  const keys = subjectKeys(payload);
  for (let c = 0; c * SUBJECTS_PER_CHUNK < payload.subjects.length; c++) {
    chunks[`${subjectsKey}${c}`] = {
      listVersion: payload.version,
      subjects: payload.subjects.slice(c * SUBJECTS_PER_CHUNK, (c + 1) * SUBJECTS_PER_CHUNK),
      keys: keys.slice(c * SUBJECTS_PER_CHUNK, (c + 1) * SUBJECTS_PER_CHUNK),
    };
  }
  return { shards, chunks };
}

/**
 * Subject index → its full keys as entry ids (`x:@handle`). The shard keeps 48-bit
 * fingerprints only (memory); these sit with the subject's details, which a tab reads before
 * it shows a warning anyway, so confirming the exact key costs no extra read.
 */
function subjectKeys(payload: ListPayload): string[][] {
  const out: string[][] = payload.subjects.map(() => []);
  for (const platform of PLATFORMS) {
    const e = payload.entries[platform];
    if (!e) continue;
    e.keys.forEach((key, i) => out[e.subjects[i]]?.push(`${platform}:${key}`));
  }
  return out;
}

function isoDay(iso: string): number | null {
  if (!iso) return null;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) ? Math.max(1, Math.min(65534, dayNumber(t))) : null;
}

/** Subject index → [fromDay, untilDay] for subjects that have a validity window. */
function subjectWindows(payload: ListPayload): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  payload.subjects.forEach((r, i) => {
    const f = isoDay(r[5]);
    const u = isoDay(r[6]);
    if (f !== null || u !== null) out.set(i, [f ?? 0, u ?? 65535]);
  });
  return out;
}

function u16ToBase64(a: number[] | Uint16Array): string {
  const x = Uint16Array.from(a);
  return bytesToBase64(new Uint8Array(x.buffer));
}

function compilePlatform(
  platform: PlatformId,
  keys: readonly string[],
  subjectIdx: readonly number[],
  listVersion: number,
  source: string,
  subjectsKey: string,
  windows: Map<number, [number, number]>,
): { shard: WireShard; subjectOf: string } {
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

  const counts = new Uint16Array(1 << bucketBits);
  const fps = new Uint32Array(n);
  const subjectOf = new Uint32Array(n);
  const winPos: number[] = [];
  const winFrom: number[] = [];
  const winUntil: number[] = [];
  let w = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    // The same key twice (or, about once in 500 lists of a million keys, two keys with the
    // same 48-bit fingerprint): keep the first. The second key then finds the first's
    // subject, whose keys (SubjectChunk.keys) do not hold it: the tab treats it as a
    // collision and warns about neither name rather than the wrong one.
    if (w > 0 && lo[order[k - 1]] === lo[i] && bucket[order[k - 1]] === bucket[i]) continue;
    // 65,535 keys in one of 65,536 buckets would take ~4 billion keys; refuse rather than wrap.
    if (counts[bucket[i]] === 0xffff) throw new Error('list too large for one shard');
    counts[bucket[i]]++;
    fps[w] = lo[i];
    subjectOf[w] = subjectIdx[i];
    const win = windows.get(subjectIdx[i]);
    if (win) {
      winPos.push(w);
      winFrom.push(win[0]);
      winUntil.push(win[1]);
    }
    w++;
  }
  const shard: WireShard = {
    platform,
    source,
    listVersion,
    count: w,
    bucketBits,
    buckets: u16ToBase64(counts),
    fps: u32ToBase64(fps.subarray(0, w)),
    ...(winPos.length ? { windows: { pos: u32ToBase64(Uint32Array.from(winPos)), from: u16ToBase64(winFrom), until: u16ToBase64(winUntil) } } : {}),
    subjectsKey,
    subjectOfKey: `${subjectsKey}of-${platform}`,
  };
  return { shard, subjectOf: u32ToBase64(subjectOf.subarray(0, w)) };
}
