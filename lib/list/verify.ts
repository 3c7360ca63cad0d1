/**
 * The extension's side: a downloaded list file → a SignedList whose every part has the
 * expected shape → its payload, once the signature is checked against the keys the policy
 * trusts. Nothing from a list is used before both steps pass.
 *
 * The signature covers `JSON.stringify(payload)`. Verification re-stringifies the parsed
 * payload, so re-indenting the file or re-escaping its strings does not break it, while
 * any change to a value does.
 */
import { PLATFORMS, isPlatform, type PlatformId } from '../model';
import { ListError } from './errors';
import { checkEnvelopeFields, parseAcceptedKeys, verifyEnvelope, type EnvelopeErrorFactory } from './envelope';
import { parseStrictJson, StrictJsonError } from './strict-json';
import { LIST_FORMAT, type ListPayload, type SignedList } from './types';

// The compiled shard uses U+001E / U+001F as separators; the builder rejects all of these.
const CONTROL = /[\u0000-\u001f\u007f]/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses and checks the whole shape. Throws ListError 'not-json', 'format' (detail: what
 * and where; a duplicate key anywhere, or nesting deeper than MAX_JSON_DEPTH, is 'format')
 * or 'signature-encoding' (the signature is not the canonical base64 of 64 bytes).
 */
export function parseSignedList(text: string): SignedList {
  let data: unknown;
  try {
    data = parseStrictJson(text);
  } catch (e) {
    if (e instanceof StrictJsonError && e.kind !== 'syntax') throw new ListError('format', e.message);
    throw new ListError('not-json', e instanceof Error ? e.message : String(e));
  }
  checkShape(data);
  return data;
}

function bad(detail: string): never {
  throw new ListError('format', detail);
}

const listError: EnvelopeErrorFactory = (code, detail) => new ListError(code, detail);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkShape(data: unknown): asserts data is SignedList {
  if (!isObject(data)) bad('the file is not a JSON object');
  if (data.format !== LIST_FORMAT) {
    bad(`format is ${JSON.stringify(data.format) ?? 'missing'}; expected "${LIST_FORMAT}"`);
  }
  checkEnvelopeFields(data, listError);
  const p = data.payload;
  if (!isObject(p)) bad('payload is missing or not an object');
  if (typeof p.version !== 'number' || !Number.isSafeInteger(p.version) || p.version < 1) {
    bad(`payload.version must be a positive integer, got ${JSON.stringify(p.version) ?? 'nothing'}`);
  }
  if (typeof p.issuer !== 'string') bad('payload.issuer is missing or not a string');
  if (typeof p.createdAt !== 'string') bad('payload.createdAt is missing or not a string');

  const subjects = p.subjects;
  if (!Array.isArray(subjects)) bad('payload.subjects is missing or not an array');
  for (let i = 0; i < subjects.length; i++) {
    const s = subjects[i];
    if (!Array.isArray(s) || s.length !== 8) bad(`payload.subjects[${i}] is not a list of 8 fields`);
    for (let f = 0; f < 8; f++) {
      const v = s[f];
      if (typeof v !== 'string') bad(`payload.subjects[${i}][${f}] is not a string`);
      if (CONTROL.test(v)) bad(`payload.subjects[${i}][${f}] contains a control character`);
    }
    if (s[0] === '') bad(`payload.subjects[${i}] has no name`);
    if ((s[5] !== '' && !ISO_DATE.test(s[5])) || (s[6] !== '' && !ISO_DATE.test(s[6]))) {
      bad(`payload.subjects[${i}] has a validity date that is not YYYY-MM-DD`);
    }
  }

  const entries = p.entries;
  if (!isObject(entries)) bad('payload.entries is missing or not an object');
  for (const platform of Object.keys(entries)) {
    if (!isPlatform(platform)) bad(`payload.entries has an unknown platform ${JSON.stringify(platform)}; known: ${PLATFORMS.join(', ')}`);
    const e = entries[platform];
    const where = `payload.entries.${platform}`;
    if (!isObject(e)) bad(`${where} is not an object`);
    const { keys, subjects: idx } = e;
    if (!Array.isArray(keys)) bad(`${where}.keys is not an array`);
    if (!Array.isArray(idx)) bad(`${where}.subjects is not an array`);
    if (keys.length !== idx.length) bad(`${where} has ${keys.length} keys but ${idx.length} subject indices`);
    const n = subjects.length;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (typeof k !== 'string' || k === '') bad(`${where}.keys[${i}] is not a non-empty string`);
      if (CONTROL.test(k)) bad(`${where}.keys[${i}] contains a control character`);
      const s = idx[i];
      if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s >= n) {
        bad(`${where}.subjects[${i}] is ${JSON.stringify(s) ?? 'nothing'}; expected a subject index below ${n}`);
      }
    }
  }
}

/**
 * The payload, if `list` is signed by one of `acceptedKeys` (`ed25519:<base64>` strings;
 * compared as raw bytes, so base64 spelling does not matter; malformed ones never match).
 * Throws ListError 'no-keys', 'untrusted-key' or 'bad-signature'.
 */
export async function verifySignedList(list: SignedList, acceptedKeys: readonly string[]): Promise<ListPayload> {
  if (acceptedKeys.length === 0) throw new ListError('no-keys', 'no public key is configured');
  const trusted = parseAcceptedKeys(acceptedKeys);
  if (trusted.length === 0) throw new ListError('no-keys', `none of the ${acceptedKeys.length} configured public keys is valid`);
  await verifyEnvelope(list, list.payload, trusted, listError, {
    untrusted: `the list is signed by ${list.publicKey}, which is not in listPublicKeys`,
    mismatch: 'the signature does not match the list content',
  });
  return list.payload;
}

/** Number of (platform, key) entries in a payload. */
export function entryCount(payload: ListPayload): number {
  let n = 0;
  for (const p of Object.keys(payload.entries) as PlatformId[]) n += payload.entries[p]?.keys.length ?? 0;
  return n;
}
