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
export type EnvelopeErrorCode = 'format' | 'signature-encoding' | 'untrusted-key' | 'bad-signature';
export type EnvelopeErrorFactory = (code: EnvelopeErrorCode, detail: string) => Error;

export interface SignedEnvelope {
  publicKey: string;
  signature: string;
}

/**
 * Throws `fail('format', …)` unless `data` carries a well-formed `publicKey` and a non-empty
 * `signature` string, and `fail('signature-encoding', …)` unless that string is the
 * canonical encoding of 64 bytes (signatureEncodingProblem). Whether the signature is valid
 * is verifyEnvelope's job.
 */
export function checkEnvelopeFields(data: Record<string, unknown>, fail: EnvelopeErrorFactory): asserts data is Record<string, unknown> & SignedEnvelope {
  if (typeof data.publicKey !== 'string') throw fail('format', 'publicKey is missing or not a string');
  try {
    parsePublicKey(data.publicKey);
  } catch (e) {
    throw fail('format', errText(e));
  }
  if (typeof data.signature !== 'string' || data.signature === '') throw fail('format', 'signature is missing or not a string');
  const problem = signatureEncodingProblem(data.signature);
  if (problem) throw fail('signature-encoding', problem);
}

/** Standard base64 of 64 bytes: 85 characters, one of the 4 that leave the last 4 bits 0, then `==`. */
const CANONICAL_SIGNATURE = /^[A-Za-z0-9+/]{85}[AQgw]==$/;

/**
 * Why `sig` is not the canonical encoding of an Ed25519 signature (standard base64 of its
 * 64 bytes, as `sign()` writes it: 88 characters ending in `==`), or null when it is.
 *
 * Only one spelling is accepted, so that one signature is one string: the extension tells
 * a republished list from a changed one by comparing signatures, and the same bytes
 * re-encoded (URL-safe alphabet, other padding, white space) would otherwise pass
 * verification yet look like "changed with the same version".
 */
export function signatureEncodingProblem(sig: string): string | null {
  if (CANONICAL_SIGNATURE.test(sig)) return null;
  const expected = 'expected the standard base64 of its 64 bytes, 88 characters ending in "=="';
  let why: string;
  if (/\s/.test(sig)) why = 'has white space in it';
  else if (/^[A-Za-z0-9\-_]*=*$/.test(sig) && /[-_]/.test(sig)) why = 'is in URL-safe base64 ("-" or "_")';
  else if (!/^[A-Za-z0-9+/]*=*$/.test(sig)) why = 'is not base64';
  else {
    const body = sig.replace(/=+$/, '');
    const bytes = Math.floor((body.length * 6) / 8);
    if (body.length !== 86) why = `encodes ${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
    else if (sig.length !== 88) why = 'is padded differently';
    else why = 'sets bits past the 64th byte';
  }
  return `the signature ${why}; ${expected}`;
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
  const problem = signatureEncodingProblem(doc.signature);
  if (problem) throw fail('signature-encoding', problem);
  let json: string;
  try {
    json = JSON.stringify(signedPayload);
  } catch (e) {
    // RangeError from a payload nested too deeply (the parsers refuse that before now).
    throw fail('format', e instanceof RangeError ? 'the payload is nested too deeply to check' : `the payload cannot be checked: ${errText(e)}`);
  }
  const bytes = new TextEncoder().encode(json);
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
