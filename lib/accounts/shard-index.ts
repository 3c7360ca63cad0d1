/**
 * The tab's view of the lists for one platform (format: WireShard in lib/list/types.ts).
 * Loading decodes three base64 strings; a lookup hashes the key, picks its bucket and
 * binary-searches a few entries, with no allocation. Memory: 8 bytes a key plus the bucket
 * table. Subject details (names, roles) are not held here: see lib/accounts/subjects.ts.
 * A fingerprint match is not proof: an unlisted key can share a listed key's 48 bits (at a
 * million keys such keys can be searched for in about a minute), so before anything is shown
 * or recorded the guard confirms the full key against the subject's keys (isExact).
 */
import type { PlatformId } from '../model';
import { dayNumber } from '../model';
import type { WireShard } from '../list/types';
import { base64ToBytes, base64ToU32 } from './base64';
import { hash64 } from './hash';

/**
 * A listed key found in a tab's index: enough to decide. Who it is (the subject) is read
 * through lib/accounts/subjects.ts from `subjectOfKey` (position → subject) and the chunks.
 */
export interface Hit {
  platform: PlatformId;
  /** The canonical key that matched, e.g. `@budi_demo` or `id:1234`. */
  key: string;
  /** `<platform>:<key>`: the list entry id used in local records. */
  entryId: string;
  /** The key's position in its shard. */
  pos: number;
  listSource: string;
  listVersion: number;
  /** Storage key prefix of the list's subject chunks. */
  subjectsKey: string;
  /** Storage key of the shard's position → subject table. */
  subjectOfKey: string;
}

function u16(b64: string): Uint16Array {
  const b = base64ToBytes(b64);
  return new Uint16Array(b.buffer, b.byteOffset, b.byteLength >>> 1);
}

export class ShardIndex {
  readonly platform: PlatformId;
  readonly source: string;
  readonly listVersion: number;
  readonly subjectsKey: string;
  readonly subjectOfKey: string;
  readonly size: number;
  private readonly shift: number;
  private readonly buckets: Uint32Array;
  private readonly fps: Uint32Array;
  private readonly winPos: Uint32Array | null;
  private readonly winFrom: Uint16Array | null;
  private readonly winUntil: Uint16Array | null;

  constructor(wire: WireShard) {
    this.platform = wire.platform;
    this.source = wire.source;
    this.listVersion = wire.listVersion;
    this.subjectsKey = wire.subjectsKey;
    this.subjectOfKey = wire.subjectOfKey;
    this.shift = 32 - wire.bucketBits;
    this.fps = base64ToU32(wire.fps);
    this.size = this.fps.length;
    // Bucket counts → where each bucket starts (and, one past, where the last one ends).
    const counts = u16(wire.buckets);
    if (counts.length !== 1 << wire.bucketBits || this.size !== wire.count) throw new Error('shard: table sizes disagree');
    const starts = new Uint32Array(counts.length + 1);
    for (let b = 0; b < counts.length; b++) starts[b + 1] = starts[b] + counts[b];
    if (starts[counts.length] !== this.size) throw new Error('shard: bucket counts disagree');
    this.buckets = starts;
    if (wire.windows) {
      this.winPos = base64ToU32(wire.windows.pos);
      this.winFrom = u16(wire.windows.from);
      this.winUntil = u16(wire.windows.until);
    } else {
      this.winPos = this.winFrom = this.winUntil = null;
    }
  }

  /** Bytes this index holds. */
  get bytes(): number {
    return (
      this.buckets.byteLength + this.fps.byteLength +
      (this.winPos ? this.winPos.byteLength + this.winFrom!.byteLength + this.winUntil!.byteLength : 0)
    );
  }

  /** Position of `key`, or -1. */
  find(key: string): number {
    const h = hash64(key);
    const b = h[0] >>> this.shift;
    const lo = h[1];
    const a = this.fps;
    let l = this.buckets[b];
    let r = this.buckets[b + 1] - 1;
    while (l <= r) {
      const m = (l + r) >>> 1;
      const v = a[m];
      if (v < lo) l = m + 1;
      else if (v > lo) r = m - 1;
      else return m;
    }
    return -1;
  }

  /** Whether the key at `pos` is in its validity window (if it has one) on day `today`. */
  activeAt(pos: number, today: number): boolean {
    const ps = this.winPos;
    if (!ps) return true;
    let l = 0;
    let r = ps.length - 1;
    while (l <= r) {
      const m = (l + r) >>> 1;
      if (ps[m] < pos) l = m + 1;
      else if (ps[m] > pos) r = m - 1;
      else return today >= this.winFrom![m] && today <= this.winUntil![m];
    }
    return true;
  }
}

/**
 * All lists' shards for one platform, merged at lookup: the first list (in `listUrls`
 * order) that holds a key wins. Synchronous.
 */
export class ListIndex {
  constructor(
    readonly platform: PlatformId,
    readonly shards: ShardIndex[],
  ) {}

  /** Shards that cannot be read (damaged storage, an older layout) are skipped, not fatal. */
  static fromWire(platform: PlatformId, wires: readonly WireShard[]): ListIndex {
    const shards: ShardIndex[] = [];
    for (const w of wires) {
      if (w?.platform !== platform) continue;
      try {
        shards.push(new ShardIndex(w));
      } catch {
        /* skipped: the background rewrites shards on the next accepted list */
      }
    }
    return new ListIndex(platform, shards);
  }

  get size(): number {
    let n = 0;
    for (const s of this.shards) n += s.size;
    return n;
  }

  get bytes(): number {
    let n = 0;
    for (const s of this.shards) n += s.bytes;
    return n;
  }

  /** Whether `key` is listed and active on day `today` (no allocation: the scan's path). */
  has(key: string, today: number): boolean {
    for (const shard of this.shards) {
      const pos = shard.find(key);
      if (pos >= 0 && shard.activeAt(pos, today)) return true;
    }
    return false;
  }

  /**
   * The first active listing of any of `keys`, or null. `now` is ms since the epoch.
   * A hit is a 48-bit fingerprint match, not yet the key itself (see isExact in
   * lib/accounts/subjects.ts); `accept` lets the caller pass over hits it already knows to be
   * collisions, so a later key (or list) that is really listed still counts.
   */
  match(keys: readonly string[], now: number = Date.now(), accept?: (hit: Hit) => boolean): Hit | null {
    let today = -1;
    for (const key of keys) {
      for (const shard of this.shards) {
        const pos = shard.find(key);
        if (pos < 0) continue;
        if (today < 0) today = dayNumber(now);
        if (!shard.activeAt(pos, today)) continue;
        const hit: Hit = {
          platform: this.platform,
          key,
          entryId: `${this.platform}:${key}`,
          pos,
          listSource: shard.source,
          listVersion: shard.listVersion,
          subjectsKey: shard.subjectsKey,
          subjectOfKey: shard.subjectOfKey,
        };
        if (!accept || accept(hit)) return hit;
      }
    }
    return null;
  }
}
