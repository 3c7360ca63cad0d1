/**
 * The tab's view of the lists for one platform: sorted 64-bit key hashes and, per hash, a
 * subject record. Loading decodes two base64 strings; lookups are a binary search with no
 * allocation; a subject record is parsed only when it matched (at click time).
 * Memory: 12 bytes per key plus the subject records of this platform.
 */
import type { Match, PlatformId, Role, Subject } from '../model';
import { dayNumber, isRole } from '../model';
import type { WireShard } from '../list/types';
import { base64ToU32 } from './base64';
import { hash64 } from './hash';

const RS = '\u001e';
const US = '\u001f';

export class ShardIndex {
  readonly platform: PlatformId;
  readonly source: string;
  readonly listVersion: number;
  readonly size: number;
  private readonly hashes: Uint32Array;
  private readonly subjectOf: Uint32Array;
  private readonly subjects: string;
  private recordStarts: Uint32Array | null = null;
  private readonly parsed = new Map<number, Subject>();

  constructor(wire: WireShard) {
    this.platform = wire.platform;
    this.source = wire.source;
    this.listVersion = wire.listVersion;
    this.hashes = base64ToU32(wire.hashes);
    this.subjectOf = base64ToU32(wire.subjectOf);
    this.subjects = wire.subjects;
    this.size = this.subjectOf.length;
    if (this.hashes.length !== this.size * 2) throw new Error('shard: hash and subject counts differ');
  }

  /** Bytes this index holds (typed arrays, plus the record string at 1–2 bytes a char). */
  get bytes(): number {
    return this.hashes.byteLength + this.subjectOf.byteLength + this.subjects.length + (this.recordStarts?.byteLength ?? 0);
  }

  /** Position of `key`'s hash, or -1. */
  find(key: string): number {
    const h = hash64(key);
    const hi = h[0];
    const lo = h[1];
    const a = this.hashes;
    let l = 0;
    let r = this.size - 1;
    while (l <= r) {
      const m = (l + r) >>> 1;
      const mh = a[m * 2];
      if (mh < hi) l = m + 1;
      else if (mh > hi) r = m - 1;
      else {
        const ml = a[m * 2 + 1];
        if (ml < lo) l = m + 1;
        else if (ml > lo) r = m - 1;
        else return m;
      }
    }
    return -1;
  }

  subjectAt(pos: number): Subject {
    const si = this.subjectOf[pos];
    let s = this.parsed.get(si);
    if (!s) {
      s = parseRecord(this.recordAt(si));
      this.parsed.set(si, s);
    }
    return s;
  }

  private recordAt(i: number): string {
    if (!this.recordStarts) {
      const starts: number[] = [0];
      let p = this.subjects.indexOf(RS);
      while (p !== -1) {
        starts.push(p + 1);
        p = this.subjects.indexOf(RS, p + 1);
      }
      this.recordStarts = Uint32Array.from(starts);
    }
    const start = this.recordStarts[i];
    const next = i + 1 < this.recordStarts.length ? this.recordStarts[i + 1] - 1 : this.subjects.length;
    return this.subjects.slice(start, next);
  }
}

function parseRecord(rec: string): Subject {
  const f = rec.split(US);
  const num = (v: string | undefined) => (v ? Number(v) : undefined);
  const role = f[2];
  return {
    index: Number(f[0]),
    name: f[1] ?? '',
    role: isRole(role) ? (role as Role) : undefined,
    election: f[3] || undefined,
    party: f[4] || undefined,
    region: f[5] || undefined,
    validFromDay: num(f[6]),
    validUntilDay: num(f[7]),
    source: f[8] || undefined,
  };
}

export function isActive(s: Subject, today: number): boolean {
  return (s.validFromDay === undefined || today >= s.validFromDay) && (s.validUntilDay === undefined || today <= s.validUntilDay);
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

  static fromWire(platform: PlatformId, wires: readonly WireShard[]): ListIndex {
    return new ListIndex(platform, wires.filter((w) => w.platform === platform).map((w) => new ShardIndex(w)));
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

  /** The first active listing of any of `keys`, or null. `now` is ms since the epoch. */
  match(keys: readonly string[], now: number = Date.now()): Match | null {
    const today = dayNumber(now);
    for (const key of keys) {
      for (const shard of this.shards) {
        const pos = shard.find(key);
        if (pos < 0) continue;
        const subject = shard.subjectAt(pos);
        if (!isActive(subject, today)) continue;
        return {
          subject,
          platform: this.platform,
          key,
          listSource: shard.source,
          listVersion: shard.listVersion,
          entryId: `${this.platform}:${key}`,
        };
      }
    }
    return null;
  }
}
