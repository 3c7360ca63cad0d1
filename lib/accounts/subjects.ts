/**
 * Subject details (name, role, election, …) for the warning, read from the list's
 * SubjectChunks in storage.local when a warning needs them, and prefetched when the scan
 * sees a listed post, so the warning usually opens in the same frame as the click.
 * A small LRU keeps the tab's memory bounded.
 */
import { browser } from '../browser';
import { isRole, type Subject } from '../model';
import { SUBJECTS_PER_CHUNK, type SubjectChunk, type SubjectRecord } from '../list/types';
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

export class SubjectStore {
  private readonly chunks = new Map<string, SubjectRecord[]>();
  private readonly loading = new Map<string, Promise<SubjectRecord[] | null>>();

  constructor(private readonly maxChunks = 48) {}

  private where(hit: Hit): { key: string; offset: number } {
    const chunk = Math.floor(hit.subjectIndex / SUBJECTS_PER_CHUNK);
    return { key: `${hit.subjectsKey}${chunk}`, offset: hit.subjectIndex - chunk * SUBJECTS_PER_CHUNK };
  }

  /** The subject now, if its chunk is in memory. */
  peek(hit: Hit): Subject | null {
    const { key, offset } = this.where(hit);
    const recs = this.chunks.get(key);
    if (!recs || !recs[offset]) return null;
    // Most recently used last.
    this.chunks.delete(key);
    this.chunks.set(key, recs);
    return subjectFromRecord(hit.subjectIndex, recs[offset]);
  }

  /** The subject, reading its chunk if needed; null if the list changed under us. */
  async load(hit: Hit): Promise<Subject | null> {
    const now = this.peek(hit);
    if (now) return now;
    const { key, offset } = this.where(hit);
    const recs = await this.fetch(key, hit.listVersion);
    return recs?.[offset] ? subjectFromRecord(hit.subjectIndex, recs[offset]) : null;
  }

  prefetch(hit: Hit): void {
    const { key } = this.where(hit);
    if (!this.chunks.has(key)) void this.fetch(key, hit.listVersion);
  }

  get size(): number {
    return this.chunks.size;
  }

  private fetch(key: string, listVersion: number): Promise<SubjectRecord[] | null> {
    let p = this.loading.get(key);
    if (!p) {
      p = browser.storage.local
        .get(key)
        .then((got) => {
          const chunk = got[key] as SubjectChunk | undefined;
          if (!chunk || chunk.listVersion !== listVersion) return null;
          this.chunks.set(key, chunk.subjects);
          while (this.chunks.size > this.maxChunks) this.chunks.delete(this.chunks.keys().next().value!);
          return chunk.subjects;
        })
        .catch(() => null)
        .finally(() => this.loading.delete(key));
      this.loading.set(key, p);
    }
    return p;
  }
}
