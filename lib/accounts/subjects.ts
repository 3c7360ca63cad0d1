/**
 * Subject details (name, role, election, …) for the warning, read from the list's
 * SubjectChunks in storage.local when a warning needs them, and prefetched when the scan
 * sees a listed post, so the warning usually opens in the same frame as the click.
 * A small LRU keeps the tab's memory bounded.
 */
import { browser } from '../browser';
import { isRole, type Subject } from '../model';
import { SUBJECTS_PER_CHUNK, type SubjectChunk, type SubjectRecord } from '../list/types';
import { base64ToU32 } from './base64';
import type { Hit } from './shard-index';

export function subjectFromRecord(index: number, r: SubjectRecord): Subject {
  const [name, role, election, party, region, , , source] = r;
  return {
    index,
    name,
    role: isRole(role) ? role : undefined,
    election: election || undefined,
    party: party || undefined,
    region: region || undefined,
    source: source || undefined,
  };
}

/** A hit's subject as the list names it, with every key the list holds for it. */
export interface ListedSubject extends Subject {
  /** Entry ids (`x:@handle`); null when the chunk predates them (lib/list/types.ts SubjectChunk). */
  keys: readonly string[] | null;
}

/** The subject alone, for the warning and the record (its keys are the tab's business). */
export function subjectOnly(listed: ListedSubject): Subject {
  const { keys: _keys, ...subject } = listed;
  return subject;
}

/**
 * Whether the hit's own full key is one of its subject's keys. A tab finds keys by a 48-bit
 * fingerprint: false means an unlisted key that shares a listed key's fingerprint (a
 * collision, which can be searched for on purpose), so nothing about this subject applies.
 * A chunk without keys (compiled by an older version) cannot tell: the fingerprint stands.
 */
export function isExact(listed: ListedSubject, hit: Hit): boolean {
  return listed.keys === null || listed.keys.includes(hit.entryId);
}

type Chunk = Pick<SubjectChunk, 'subjects' | 'keys'>;

function listedAt(chunk: Chunk, index: number, offset: number): ListedSubject | null {
  const rec = chunk.subjects[offset];
  if (!rec) return null;
  const keys = chunk.keys ? (Array.isArray(chunk.keys[offset]) ? chunk.keys[offset] : []) : null;
  return { ...subjectFromRecord(index, rec), keys };
}

export class SubjectStore {
  private readonly chunks = new Map<string, Chunk>();
  private readonly loading = new Map<string, Promise<Chunk | null>>();
  /** Per shard (its subjectOfKey): key position → subject index. */
  private readonly subjectOf = new Map<string, Uint32Array>();
  private readonly loadingOf = new Map<string, Promise<Uint32Array | null>>();

  constructor(private readonly maxChunks = 48) {}

  /** Where the hit's subject is: its index, chunk key and offset; null until the table is read. */
  private where(hit: Hit): { index: number; key: string; offset: number } | null {
    const table = this.subjectOf.get(hit.subjectOfKey);
    if (!table || hit.pos >= table.length) return null;
    const index = table[hit.pos];
    const chunk = Math.floor(index / SUBJECTS_PER_CHUNK);
    return { index, key: `${hit.subjectsKey}${chunk}`, offset: index - chunk * SUBJECTS_PER_CHUNK };
  }

  /** The subject and its keys now, if what it takes is in memory (check them with isExact). */
  peek(hit: Hit): ListedSubject | null {
    const w = this.where(hit);
    const chunk = w && this.chunks.get(w.key);
    if (!w || !chunk) return null;
    // Most recently used last.
    this.chunks.delete(w.key);
    this.chunks.set(w.key, chunk);
    return listedAt(chunk, w.index, w.offset);
  }

  /** The subject and its keys, reading what is needed; null if the list changed under us. */
  async load(hit: Hit): Promise<ListedSubject | null> {
    const now = this.peek(hit);
    if (now) return now;
    if (!this.subjectOf.has(hit.subjectOfKey)) await this.fetchSubjectOf(hit.subjectOfKey);
    const w = this.where(hit);
    if (!w) return null;
    const chunk = await this.fetch(w.key, hit.listVersion);
    return chunk ? listedAt(chunk, w.index, w.offset) : null;
  }

  /** Reads what `hit`'s subject needs, without waiting; nothing when it is in hand or on its way. */
  prefetch(hit: Hit): void {
    const w = this.where(hit);
    if (!w) {
      if (!this.loadingOf.has(hit.subjectOfKey)) void this.load(hit);
    } else if (!this.chunks.has(w.key) && !this.loading.has(w.key)) void this.fetch(w.key, hit.listVersion);
  }

  /** Reads a shard's position → subject table (a tab does this once it is ready to decide). */
  fetchSubjectOf(subjectOfKey: string): Promise<Uint32Array | null> {
    const have = this.subjectOf.get(subjectOfKey);
    if (have) return Promise.resolve(have);
    let p = this.loadingOf.get(subjectOfKey);
    if (!p) {
      p = browser.storage.local
        .get(subjectOfKey)
        .then((got) => {
          const b64 = got[subjectOfKey];
          if (typeof b64 !== 'string') return null;
          const table = base64ToU32(b64);
          this.subjectOf.set(subjectOfKey, table);
          return table;
        })
        .catch(() => null)
        .finally(() => this.loadingOf.delete(subjectOfKey));
      this.loadingOf.set(subjectOfKey, p);
    }
    return p;
  }

  /** Forget tables of shards no longer in force. */
  retain(subjectOfKeys: Iterable<string>): void {
    const keep = new Set(subjectOfKeys);
    for (const k of [...this.subjectOf.keys()]) if (!keep.has(k)) this.subjectOf.delete(k);
  }

  get size(): number {
    return this.chunks.size;
  }

  /** Bytes of the position → subject tables held. */
  get tableBytes(): number {
    let n = 0;
    for (const t of this.subjectOf.values()) n += t.byteLength;
    return n;
  }

  private fetch(key: string, listVersion: number): Promise<Chunk | null> {
    let p = this.loading.get(key);
    if (!p) {
      p = browser.storage.local
        .get(key)
        .then((got) => {
          const chunk = got[key] as SubjectChunk | undefined;
          if (!chunk || chunk.listVersion !== listVersion || !Array.isArray(chunk.subjects)) return null;
          const kept: Chunk = { subjects: chunk.subjects, keys: Array.isArray(chunk.keys) ? chunk.keys : undefined };
          this.chunks.set(key, kept);
          while (this.chunks.size > this.maxChunks) this.chunks.delete(this.chunks.keys().next().value!);
          return kept;
        })
        .catch(() => null)
        .finally(() => this.loading.delete(key));
      this.loading.set(key, p);
    }
    return p;
  }
}
