/**
 * Turns a verified list into per-platform shards for the tabs (lib/accounts/shard-index.ts).
 * Runs in the background once per accepted list version.
 */
import { u32ToBase64 } from '../accounts/base64';
import { hash64 } from '../accounts/hash';
import { dayNumber, PLATFORMS, type PlatformId } from '../model';
import type { ListPayload, SubjectRecord, WireShard } from './types';

const RS = '\u001e';
const US = '\u001f';

function isoDay(iso: string): string {
  if (!iso) return '';
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) ? String(dayNumber(t)) : '';
}

function record(listIndex: number, r: SubjectRecord): string {
  const [name, role, election, party, region, from, until, source] = r;
  // Separators cannot appear in list text: the builder rejects control characters.
  return [String(listIndex), name, role, election, party, region, isoDay(from), isoDay(until), source].join(US);
}

export function compileShards(payload: ListPayload, source: string): WireShard[] {
  const out: WireShard[] = [];
  for (const platform of PLATFORMS) {
    const e = payload.entries[platform];
    if (!e || e.keys.length === 0) continue;
    out.push(compilePlatform(platform, e.keys, e.subjects, payload, source));
  }
  return out;
}

function compilePlatform(
  platform: PlatformId,
  keys: readonly string[],
  subjectIdx: readonly number[],
  payload: ListPayload,
  source: string,
): WireShard {
  const n = keys.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const h = new Uint32Array(2);
  for (let i = 0; i < n; i++) {
    hash64(keys[i], h);
    hi[i] = h[0];
    lo[i] = h[1];
  }
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => hi[a] - hi[b] || lo[a] - lo[b]);

  // Subjects local to this platform, numbered in order of first use.
  const local = new Map<number, number>();
  const records: string[] = [];
  const hashes = new Uint32Array(n * 2);
  const subjectOf = new Uint32Array(n);
  let w = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (w > 0 && hashes[(w - 1) * 2] === hi[i] && hashes[(w - 1) * 2 + 1] === lo[i]) continue; // same key twice
    const g = subjectIdx[i];
    let li = local.get(g);
    if (li === undefined) {
      li = records.length;
      local.set(g, li);
      records.push(record(g, payload.subjects[g]));
    }
    hashes[w * 2] = hi[i];
    hashes[w * 2 + 1] = lo[i];
    subjectOf[w] = li;
    w++;
  }
  return {
    platform,
    source,
    listVersion: payload.version,
    count: w,
    hashes: u32ToBase64(hashes.subarray(0, w * 2)),
    subjectOf: u32ToBase64(subjectOf.subarray(0, w)),
    subjects: records.join(RS),
  };
}
