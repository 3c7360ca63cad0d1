/**
 * A 64-bit string hash (cyrb53's two 32-bit lanes, both kept). A tab holds only these
 * hashes, never the million keys themselves: at 1,000,000 keys the chance that an unlisted
 * handle collides with a listed one is about 1e6 / 2^64 ≈ 5e-14 per lookup.
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
