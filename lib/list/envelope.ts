/**
 * The signed envelope that lists (lib/list/verify.ts) and hooks updates (lib/hooks/signed.ts)
 * share: `{ format, publicKey, signature, payload }`, an Ed25519 signature by `publicKey`
 * over `JSON.stringify(payload)`. One copy of the shape checks and of the trust and signature
 * steps, so the two documents cannot come to disagree on what "signed by a trusted key"
 * means. Each caller passes a factory for its own error class (ListError, HooksError), so
 * codes and texts stay theirs.
 */
import { equalBytes, parsePublicKey, verify } from './signature';

/** The codes the envelope steps raise; both ListError and HooksError have them. */
export type EnvelopeErrorCode = 'format' | 'untrusted-key' | 'bad-signature';
export type EnvelopeErrorFactory = (code: EnvelopeErrorCode, detail: string) => Error;

export interface SignedEnvelope {
  publicKey: string;
  signature: string;
}

/**
 * Throws `fail('format', …)` unless `data` carries a well-formed `publicKey` and a non-empty
 * `signature` string. Whether the signature is valid is verifyEnvelope's job.
 */
export function checkEnvelopeFields(data: Record<string, unknown>, fail: EnvelopeErrorFactory): asserts data is Record<string, unknown> & SignedEnvelope {
  if (typeof data.publicKey !== 'string') throw fail('format', 'publicKey is missing or not a string');
  try {
    parsePublicKey(data.publicKey);
  } catch (e) {
    throw fail('format', errText(e));
  }
  if (typeof data.signature !== 'string' || data.signature === '') throw fail('format', 'signature is missing or not a string');
}

/** The raw bytes of each accepted key string; malformed ones are left out. */
export function parseAcceptedKeys(acceptedKeys: readonly string[]): Uint8Array[] {
  const trusted: Uint8Array[] = [];
  for (const k of acceptedKeys) {
    try {
      trusted.push(parsePublicKey(k));
    } catch {
      // A policy typo must not stop the other keys from working; the policy module reports it.
    }
  }
  return trusted;
}

/**
 * Resolves when `doc` is signed by one of `trusted` (compared as raw bytes, so base64
 * spelling does not matter) and its signature over `JSON.stringify(signedPayload)` holds.
 * Throws `fail('format')` for a malformed document key, `fail('untrusted-key', texts.untrusted)`
 * or `fail('bad-signature', texts.mismatch)`; the caller handles "no trusted keys" first,
 * because lists and hooks name that case differently.
 */
export async function verifyEnvelope(
  doc: SignedEnvelope,
  signedPayload: unknown,
  trusted: readonly Uint8Array[],
  fail: EnvelopeErrorFactory,
  texts: { untrusted: string; mismatch: string },
): Promise<void> {
  let raw: Uint8Array;
  try {
    raw = parsePublicKey(doc.publicKey);
  } catch (e) {
    throw fail('format', errText(e));
  }
  if (!trusted.some((t) => equalBytes(t, raw))) throw fail('untrusted-key', texts.untrusted);
  const bytes = new TextEncoder().encode(JSON.stringify(signedPayload));
  let ok: boolean;
  try {
    ok = await verify(bytes, doc.signature, raw);
  } catch (e) {
    // importKey/verify fail only where the browser lacks Ed25519 (before Chrome 137).
    throw fail('bad-signature', `the signature could not be checked: ${errText(e)}`);
  }
  if (!ok) throw fail('bad-signature', texts.mismatch);
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
