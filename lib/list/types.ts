import type { PlatformId } from '../model';

/** The file format name; a signed list file has `format: LIST_FORMAT`. */
export const LIST_FORMAT = 'jaga-netral-list/1';

/**
 * A subject as stored in the list: [name, role, election, party, region, validFrom,
 * validUntil, source]; '' where the CSV had nothing. Dates are ISO `YYYY-MM-DD`.
 */
export type SubjectRecord = [string, string, string, string, string, string, string, string];

/** The signed content. `JSON.stringify(payload)` is exactly what the signature covers. */
export interface ListPayload {
  /** Monotonic: a client refuses a list older than the one it holds from the same URL. */
  version: number;
  /** Who published it (free text, e.g. "KPU RI"). */
  issuer: string;
  /** ISO time of the build. */
  createdAt: string;
  subjects: SubjectRecord[];
  /** Per platform: canonical keys and, for each key, the index of its subject. */
  entries: Partial<Record<PlatformId, { keys: string[]; subjects: number[] }>>;
}

export interface SignedList {
  format: typeof LIST_FORMAT;
  /** `ed25519:<base64 of the 32-byte raw public key>`, as in `listPublicKeys`. */
  publicKey: string;
  /** base64 Ed25519 signature of the UTF-8 bytes of `JSON.stringify(payload)`. */
  signature: string;
  payload: ListPayload;
}

/** Subjects per storage chunk of details (see SubjectChunk). */
export const SUBJECTS_PER_CHUNK = 256;

/**
 * What a tab loads for one platform from one list: only what a synchronous decision needs.
 * Keys are 48-bit fingerprints of hash64(key): the top `bucketBits` bits of the first lane
 * pick a bucket (implicit, via `buckets`), the second lane's 32 bits are stored, sorted within
 * each bucket. 8 bytes a key (fingerprint + subject index) plus the bucket table: 1.9 MB for
 * 200,000 keys. Names and the rest are not here: they are in SubjectChunks, read when a
 * warning needs them (and prefetched when a listed post scrolls into the page).
 */
export interface WireShard {
  platform: PlatformId;
  /** The list's URL, or `bundled:demo`. */
  source: string;
  listVersion: number;
  count: number;
  bucketBits: number;
  /** base64 Uint16Array(2^bucketBits): how many keys each bucket holds (prefix sums at load). */
  buckets: string;
  /** base64 Uint32Array(count): the second hash lane of each key, sorted within its bucket. */
  fps: string;
  /**
   * Keys whose subject has a validity window, so the decision stays synchronous: sorted key
   * positions (base64 Uint32Array) and day numbers since 1970 (base64 Uint16Array; 0 = open
   * start, 65535 = open end).
   */
  windows?: { pos: string; from: string; until: string };
  /** Storage key prefix of this list's SubjectChunks: `${subjectsKey}${chunkNumber}`. */
  subjectsKey: string;
  /**
   * Storage key of this shard's subject indexes (base64 Uint32Array(count), by key position):
   * only needed to name a subject, so a tab reads it after it is ready to decide.
   */
  subjectOfKey: string;
}

/** Details of SUBJECTS_PER_CHUNK subjects (index `chunk * SUBJECTS_PER_CHUNK + i`). */
export interface SubjectChunk {
  listVersion: number;
  subjects: SubjectRecord[];
  /**
   * Parallel to `subjects`: each subject's canonical keys on every platform, as entry ids
   * (`x:@handle`, `facebook:id:123`). A tab decides on a 48-bit fingerprint, which an
   * unlisted key can be made to share with a listed one; before a warning names this
   * subject, the tab checks that the key on the page is really one of these. Absent in
   * chunks compiled before this field existed (then the fingerprint alone is trusted).
   */
  keys?: string[][];
}
