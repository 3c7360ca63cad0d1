/** Typed arrays ↔ base64, for storage areas that hold only JSON. Little-endian, as every
 * platform the extension runs on. Uses the native codec where the browser has one. */

type NativeB64 = { fromBase64?: (s: string) => Uint8Array };
type NativeB64Proto = { toBase64?: () => string };

export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as unknown as NativeB64Proto).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  if (typeof Buffer !== 'undefined') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  let bin = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(bin);
}

export function base64ToBytes(b64: string): Uint8Array {
  const native = (Uint8Array as unknown as NativeB64).fromBase64;
  if (typeof native === 'function') return native(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function u32ToBase64(a: Uint32Array): string {
  return bytesToBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

export function base64ToU32(b64: string): Uint32Array {
  const bytes = base64ToBytes(b64);
  // A fresh, aligned buffer: fromBase64/atob results start at offset 0.
  return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
}
