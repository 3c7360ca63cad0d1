/**
 * A 64-bit string hash (cyrb53's two 32-bit lanes). A tab's index keeps 48 bits of it (16
 * pick a bucket, 32 are stored), never the million keys themselves. It is not cryptographic:
 * an unlisted handle that collides with a listed one can be searched for on purpose (about a
 * minute against 1,000,000 keys), so a hit is only a candidate — the guard confirms the full
 * canonical key against the subject's record before it warns or records anything
 * (lib/guard/show.ts, `isExact`).
 * The result is written to `out` to keep the click path free of allocations.
 */
export const hashOut = new Uint32Array(2);

export function hash64(s: string, out: Uint32Array = hashOut): Uint32Array {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  out[0] = h2 >>> 0;
  out[1] = h1 >>> 0;
  return out;
}
