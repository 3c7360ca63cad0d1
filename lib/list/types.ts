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

/**
 * What a tab loads for one platform from one list: compact, JSON-storable, ready to answer
 * synchronously. See lib/accounts/shard-index.ts.
 */
export interface WireShard {
  platform: PlatformId;
  /** The list's URL, or `bundled:demo`. */
  source: string;
  listVersion: number;
  count: number;
  /** base64 of Uint32Array [hi0, lo0, hi1, lo1, …] of hash64(key), sorted by (hi, lo). */
  hashes: string;
  /** base64 of Uint32Array: for each hash, the index of its record in `subjects`. */
  subjectOf: string;
  /**
   * The subjects these keys belong to, one record each, records separated by RS (U+001E),
   * fields by US (U+001F): listIndex, name, role, election, party, region, validFromDay,
   * validUntilDay, source.
   */
  subjects: string;
}
