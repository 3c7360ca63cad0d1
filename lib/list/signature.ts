/**
 * Ed25519 signatures with WebCrypto only, so the same code runs in the publisher's Node
 * (`npm run list`) and in the extension's service worker (Chrome 137+, Firefox 129+).
 *
 * Key formats:
 * - private: PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), the same file
 *   `openssl genpkey -algorithm ed25519` writes;
 * - public: `ed25519:<base64 of the raw 32-byte key>`, the string that goes into the
 *   `listPublicKeys` policy.
 */
import { base64ToBytes, bytesToBase64 } from '../accounts/base64';

const ALG = { name: 'Ed25519' } as const;
const PREFIX = 'ed25519:';
const PEM_LABEL = 'PRIVATE KEY';

export interface ListKeyPair {
  /** PKCS#8 PEM. Secret: whoever holds it can publish lists the extension accepts. */
  privatePem: string;
  /** `ed25519:<base64>` */
  publicKey: string;
}

export async function generateKeyPair(): Promise<ListKeyPair> {
  const pair = (await crypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privatePem: toPem(pkcs8), publicKey: formatPublicKey(raw) };
}

/** A signing key from a PKCS#8 PEM. Throws an Error that says what is wrong with the text. */
export async function importPrivatePem(pem: string, extractable = false): Promise<CryptoKey> {
  const der = fromPem(pem);
  try {
    return await crypto.subtle.importKey('pkcs8', der, ALG, extractable, ['sign']);
  } catch (e) {
    throw new Error(`not an Ed25519 private key (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The public key string (`ed25519:<base64>`) that belongs to a private key PEM. */
export async function publicKeyFromPrivatePem(pem: string): Promise<string> {
  const key = await importPrivatePem(pem, true);
  const jwk = await crypto.subtle.exportKey('jwk', key);
  if (typeof jwk.x !== 'string') throw new Error('the private key does not carry its public half');
  return formatPublicKey(base64ToBytes(fromBase64Url(jwk.x)));
}

/** base64 Ed25519 signature of `bytes`. */
export async function sign(bytes: Uint8Array, privateKey: CryptoKey): Promise<string> {
  const sig = await crypto.subtle.sign(ALG, privateKey, bytes as Uint8Array<ArrayBuffer>);
  return bytesToBase64(new Uint8Array(sig));
}

/**
 * Whether `signatureB64` is a valid signature of `bytes` by `publicKey`. A malformed
 * signature is simply not valid (false); a malformed public key throws (parsePublicKey).
 */
export async function verify(bytes: Uint8Array, signatureB64: string, publicKey: string | Uint8Array): Promise<boolean> {
  const raw = typeof publicKey === 'string' ? parsePublicKey(publicKey) : publicKey;
  const sig = decodeBase64(signatureB64);
  if (!sig || sig.length !== 64) return false;
  const key = await crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, ALG, false, ['verify']);
  return crypto.subtle.verify(ALG, key, sig as Uint8Array<ArrayBuffer>, bytes as Uint8Array<ArrayBuffer>);
}

/**
 * The raw 32 bytes of `ed25519:<base64>` (standard or URL-safe base64, padding optional,
 * surrounding spaces ignored). Throws an Error with a message an admin can act on.
 */
export function parsePublicKey(str: string): Uint8Array {
  const s = typeof str === 'string' ? str.trim() : '';
  const shown = JSON.stringify(typeof str === 'string' ? (str.length > 60 ? `${str.slice(0, 57)}…` : str) : String(str));
  if (s.slice(0, PREFIX.length).toLowerCase() !== PREFIX) {
    throw new Error(`public key ${shown} must start with "ed25519:" (the line in list-key.pub)`);
  }
  const raw = decodeBase64(s.slice(PREFIX.length));
  if (!raw) throw new Error(`public key ${shown} is not valid base64 after "ed25519:"`);
  if (raw.length !== 32) throw new Error(`public key ${shown} has ${raw.length} bytes; an Ed25519 key has 32`);
  return raw;
}

export function formatPublicKey(raw: Uint8Array): string {
  return PREFIX + bytesToBase64(raw);
}

/** Whether two public key strings are the same key, however they are written; false if either is malformed. */
export function samePublicKey(a: string, b: string): boolean {
  let x: Uint8Array;
  let y: Uint8Array;
  try {
    x = parsePublicKey(a);
    y = parsePublicKey(b);
  } catch {
    return false;
  }
  return equalBytes(x, y);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toPem(der: Uint8Array): string {
  const b64 = bytesToBase64(der);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${PEM_LABEL}-----\n${lines.join('\n')}\n-----END ${PEM_LABEL}-----\n`;
}

function fromPem(pem: string): Uint8Array<ArrayBuffer> {
  if (typeof pem !== 'string') throw new Error('the private key must be PEM text');
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem)) {
    throw new Error('the private key is encrypted; export it without a passphrase (PKCS#8 "PRIVATE KEY")');
  }
  const m = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(pem);
  if (!m) {
    const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(pem)?.[1];
    throw new Error(
      label
        ? `expected a PEM "PRIVATE KEY" (PKCS#8), found "${label}"`
        : 'not a PEM private key (expected a "-----BEGIN PRIVATE KEY-----" line)',
    );
  }
  const der = decodeBase64(m[1].replace(/\s+/g, ''));
  if (!der || der.length === 0) throw new Error('the PEM private key is not valid base64');
  return der as Uint8Array<ArrayBuffer>;
}

function fromBase64Url(s: string): string {
  const t = s.replace(/-/g, '+').replace(/_/g, '/');
  return t + '='.repeat((4 - (t.length % 4)) % 4);
}

/** Standard or URL-safe base64, padding optional; null when it is not base64. */
function decodeBase64(s: string): Uint8Array | null {
  if (typeof s !== 'string') return null;
  const t = fromBase64Url(s.replace(/=+$/, ''));
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(t) || t.length % 4 !== 0) return null;
  try {
    return base64ToBytes(t);
  } catch {
    return null;
  }
}
