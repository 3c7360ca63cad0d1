/**
 * Signed hooks updates: the publisher's side (`signHooks`, `serializeSignedHooks`) and the
 * extension's (`parseSignedHooks` → `verifySignedHooks` → `checkEngine`). The keys, the
 * key strings and the signature rule are those of signed lists (lib/list/signature.ts):
 * an Ed25519 signature over the UTF-8 bytes of `JSON.stringify(payload)`.
 *
 * What is verified is the payload exactly as the file carries it; what is returned is the
 * fresh, checked copy parseSiteHooks builds (known fields only). So a document from a newer
 * publisher tool, with fields this build does not know, still verifies, and nothing unknown
 * or unchecked reaches the caller.
 */
import { isPlatform, PLATFORMS, type SiteId } from '../model';
import { checkEnvelopeFields, parseAcceptedKeys, verifyEnvelope, type EnvelopeErrorFactory } from '../list/envelope';
import { importPrivatePem, publicKeyFromPrivatePem, sign } from '../list/signature';
import { parseStrictJson, StrictJsonError } from '../list/strict-json';
import { HooksError } from './errors';
import { parseSiteHooks } from './parse';
import { ENGINE_VERSION, HOOKS_FORMAT, type HooksPayload, type SignedHooks, type SiteHooks } from './types';

/** What the extension accepts at most (the byte length of the UTF-8 text). */
export const MAX_HOOKS_BYTES = 1_048_576;

const CONTROL = /[\u0000-\u001f\u007f]/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A document as parseSignedHooks returns it: the checked copy, plus the payload exactly as
 * the file carried it (what the signature covers). Not enumerable, so it never reaches
 * storage or a serialisation; no module-level cache is needed to carry it (the service
 * worker keeps no module state).
 */
export type ParsedSignedHooks = SignedHooks & { readonly filePayload?: unknown };

/**
 * Signs `payload` with a PKCS#8 PEM private key (as made by `npm run list -- keygen`). Every
 * site is checked and re-built in canonical field order first, so what is signed is what
 * any build re-creates from the file. Throws HooksError for bad hooks, Error for a bad key.
 */
export async function signHooks(payload: HooksPayload, privatePem: string): Promise<SignedHooks> {
  checkPayloadScalars(payload as unknown as Record<string, unknown>);
  const sites: Partial<Record<SiteId, SiteHooks>> = {};
  for (const key of Object.keys(payload.sites ?? {})) {
    if (!isPlatform(key)) throw new HooksError('format', `payload.sites: unknown site "${key}"`);
    sites[key] = parseSiteHooks(payload.sites[key], key);
  }
  if (Object.keys(sites).length === 0) throw new HooksError('format', 'payload.sites is empty');
  const clean: HooksPayload = {
    hooksVersion: payload.hooksVersion,
    minEngine: payload.minEngine,
    issuer: payload.issuer,
    createdAt: payload.createdAt,
    sites,
  };
  checkSiteVersions(clean);
  const privateKey = await importPrivatePem(privatePem);
  const publicKey = await publicKeyFromPrivatePem(privatePem);
  const signature = await sign(new TextEncoder().encode(JSON.stringify(clean)), privateKey);
  return { format: HOOKS_FORMAT, publicKey, signature, payload: clean };
}

/** The file a publisher puts online: one line of JSON, keys in this order. */
export function serializeSignedHooks(doc: SignedHooks): string {
  return JSON.stringify({ format: doc.format, publicKey: doc.publicKey, signature: doc.signature, payload: doc.payload });
}

/**
 * Parses and checks a downloaded document. Throws HooksError: 'too-large' (checked first,
 * before any parsing), 'not-json', 'format' (also for a key repeated anywhere in the
 * document, or nesting deeper than MAX_JSON_DEPTH), 'signature-encoding' (the signature is
 * not the canonical base64 of 64 bytes), 'lint', or 'engine' when the document or one of
 * its sites needs a newer engine than `engine` — checked before that site's hooks are linted,
 * because a newer engine's hooks may use values this build's linter does not know.
 */
export function parseSignedHooks(text: string, maxBytes = MAX_HOOKS_BYTES, engine = ENGINE_VERSION): ParsedSignedHooks {
  if (typeof text !== 'string') throw new HooksError('not-json', 'not text');
  if (utf8Length(text, maxBytes) > maxBytes) throw new HooksError('too-large', `more than ${maxBytes} bytes`);
  let data: unknown;
  try {
    data = parseStrictJson(text);
  } catch (e) {
    if (e instanceof StrictJsonError && e.kind !== 'syntax') bad(e.message);
    throw new HooksError('not-json', e instanceof Error ? e.message : String(e));
  }
  if (!isObject(data)) bad('the file is not a JSON object');
  noForbiddenKeys(data, '');
  if (data.format !== HOOKS_FORMAT) bad(`format is ${JSON.stringify(data.format) ?? 'missing'}; expected "${HOOKS_FORMAT}"`);
  checkEnvelopeFields(data, hooksError);
  const p = data.payload;
  if (!isObject(p)) bad('payload is missing or not an object');
  noForbiddenKeys(p, 'payload');
  checkPayloadScalars(p);
  if ((p.minEngine as number) > engine) throw new HooksError('engine', `needs engine ${p.minEngine}, this build has ${engine}`);
  const rawSites = p.sites;
  if (!isObject(rawSites)) bad('payload.sites is missing or not an object');
  const sites: Partial<Record<SiteId, SiteHooks>> = {};
  for (const key of Object.keys(rawSites)) {
    if (FORBIDDEN_KEYS.has(key)) bad(`payload.sites: the key "${key}" is not allowed`);
    if (!isPlatform(key)) bad(`payload.sites: unknown site "${key}" (known: ${PLATFORMS.join(', ')})`);
    const raw = rawSites[key];
    const need = isObject(raw) && Object.hasOwn(raw, 'minEngine') ? raw.minEngine : undefined;
    if (typeof need === 'number' && need > engine) throw new HooksError('engine', `${key}: needs engine ${need}, this build has ${engine}`);
    sites[key] = parseSiteHooks(raw, key);
  }
  if (Object.keys(sites).length === 0) bad('payload.sites is empty');
  const payload: HooksPayload = {
    hooksVersion: p.hooksVersion as number,
    minEngine: p.minEngine as number,
    issuer: p.issuer as string,
    createdAt: p.createdAt as string,
    sites,
  };
  checkSiteVersions(payload);
  const doc: ParsedSignedHooks = { format: HOOKS_FORMAT, publicKey: data.publicKey, signature: data.signature, payload };
  Object.defineProperty(doc, 'filePayload', { value: p, enumerable: false });
  return doc;
}

/**
 * The payload, if `doc` is signed by one of `acceptedKeys` (`ed25519:<base64>` strings,
 * compared as raw bytes; malformed ones never match). Same rules as verifySignedList, with
 * one code for "nothing to trust": no key configured is 'untrusted-key' too.
 * Throws HooksError 'untrusted-key', 'bad-signature' or 'format' (malformed doc key).
 */
export async function verifySignedHooks(doc: SignedHooks, acceptedKeys: readonly string[]): Promise<HooksPayload> {
  const trusted = parseAcceptedKeys(acceptedKeys);
  if (trusted.length === 0) throw new HooksError('untrusted-key', 'no valid public key is configured');
  // The payload as the file had it, if this document came from parseSignedHooks.
  const signed = (doc as ParsedSignedHooks).filePayload ?? doc.payload;
  await verifyEnvelope(doc, signed, trusted, hooksError, {
    untrusted: `the hooks are signed by ${doc.publicKey}, which is not among the accepted keys`,
    mismatch: 'the signature does not match the hooks content',
  });
  return doc.payload;
}

/** Throws HooksError 'engine' when the document or any site needs a newer engine than `engine`. */
export function checkEngine(payload: HooksPayload, engine = ENGINE_VERSION): void {
  if (payload.minEngine > engine) throw new HooksError('engine', `needs engine ${payload.minEngine}, this build has ${engine}`);
  for (const key of Object.keys(payload.sites) as SiteId[]) {
    const need = payload.sites[key]?.minEngine ?? 0;
    if (need > engine) throw new HooksError('engine', `${key}: needs engine ${need}, this build has ${engine}`);
  }
}

function bad(detail: string): never {
  throw new HooksError('format', detail);
}

const hooksError: EnvelopeErrorFactory = (code, detail) => new HooksError(code, detail);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function noForbiddenKeys(o: Record<string, unknown>, where: string): void {
  for (const k of Object.keys(o)) if (FORBIDDEN_KEYS.has(k)) bad(`${where ? `${where}: ` : ''}the key "${k}" is not allowed`);
}

function checkPayloadScalars(p: Record<string, unknown>): void {
  for (const f of ['hooksVersion', 'minEngine'] as const) {
    const v = p[f];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) bad(`payload.${f} must be a positive whole number, got ${JSON.stringify(v) ?? 'nothing'}`);
  }
  if (typeof p.issuer !== 'string' || CONTROL.test(p.issuer) || p.issuer.length > 200) {
    bad('payload.issuer is missing, not a string, longer than 200 characters or has control characters');
  }
  if (typeof p.createdAt !== 'string' || p.createdAt.length > 100) bad('payload.createdAt is missing or not a short string');
}

/**
 * Every site carries the document's hooksVersion (`npm run hooks -- build` writes it so):
 * the background compares one number with the bundled hooks, and a site must not claim a
 * different one than the document that was signed.
 */
function checkSiteVersions(p: HooksPayload): void {
  for (const key of Object.keys(p.sites) as SiteId[]) {
    const v = p.sites[key]?.hooksVersion;
    if (v !== p.hooksVersion) bad(`${key}: hooksVersion is ${v}, but the document's is ${p.hooksVersion}`);
  }
}

/**
 * UTF-8 byte length, stopping early once past `limit`. A string with more UTF-16 units than
 * `limit` is over it whatever it holds (a unit is at least one byte), so a 10 MB string is
 * refused without being read.
 */
function utf8Length(s: string, limit: number): number {
  if (s.length > limit) return s.length;
  let n = 0;
  for (let i = 0; i < s.length && n <= limit; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4; // a surrogate pair: one 4-byte character
      i++;
    } else n += 3;
  }
  return n;
}
