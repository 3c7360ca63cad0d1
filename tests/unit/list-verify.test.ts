import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToBase64 } from '../../lib/accounts/base64';
import { serializeSignedList, signPayload } from '../../lib/list/build';
import { describeListError, LIST_ERROR_CODES, ListError, type ListErrorCode } from '../../lib/list/errors';
import { signatureEncodingProblem } from '../../lib/list/envelope';
import { generateKeyPair, importPrivatePem, parsePublicKey, type ListKeyPair } from '../../lib/list/signature';
import { MAX_JSON_DEPTH } from '../../lib/list/strict-json';
import type { ListPayload, SignedList } from '../../lib/list/types';
import { entryCount, parseSignedList, verifySignedList } from '../../lib/list/verify';

const payload: ListPayload = {
  version: 5,
  issuer: 'KPU Contoh — uji',
  createdAt: '2026-11-01T00:00:00.000Z',
  subjects: [
    ['Capres Contoh A (fiktif)', 'presiden', 'pemilu-2029', 'Partai Contoh', 'Nasional', '', '', 'KPU-1'],
    ['Calon Bupati C', 'bupati', 'pilkada-2031', '', '', '2030-01-01', '2031-12-31', ''],
  ],
  entries: {
    x: { keys: ['@capres_contoh_a', 'id:1000000001', '@cabup_c'], subjects: [0, 0, 1] },
    facebook: { keys: ['@caprescontoha'], subjects: [0] },
  },
};

let keys: ListKeyPair;
let other: ListKeyPair;
let text: string;

beforeAll(async () => {
  keys = await generateKeyPair();
  other = await generateKeyPair();
  text = serializeSignedList(await signPayload(payload, await importPrivatePem(keys.privatePem), keys.publicKey));
});

/** The ListError a promise or function fails with. */
async function listError(f: () => unknown): Promise<ListError> {
  try {
    await f();
  } catch (e) {
    expect(e).toBeInstanceOf(ListError);
    return e as ListError;
  }
  throw new Error('expected a ListError');
}

/** The file text with `edit` applied to its parsed JSON. */
function edited(edit: (d: any) => void): string {
  const d = JSON.parse(text);
  edit(d);
  return JSON.stringify(d);
}

describe('parsing a signed list file', () => {
  it('returns the list when the shape is right', () => {
    const list = parseSignedList(text);
    expect(list.format).toBe('jaga-netral-list/1');
    expect(list.payload).toEqual(payload);
    expect(entryCount(list.payload)).toBe(4);
  });

  it('says "not-json" for text that is not JSON', async () => {
    const e = await listError(() => parseSignedList('<html>Not found</html>'));
    expect(e.code).toBe('not-json');
    expect(e.detail).not.toBe('');
  });

  const cases: [string, (d: any) => void, RegExp][] = [
    ['another format', (d) => (d.format = 'jaga-netral-list/2'), /format is "jaga-netral-list\/2"/],
    ['a missing public key', (d) => delete d.publicKey, /publicKey/],
    ['a malformed public key', (d) => (d.publicKey = 'ed25519:abc'), /public key/],
    ['a missing signature', (d) => (d.signature = 42), /signature/],
    ['a missing payload', (d) => (d.payload = [1]), /payload is missing/],
    ['a version 0', (d) => (d.payload.version = 0), /version must be a positive integer, got 0/],
    ['a fractional version', (d) => (d.payload.version = 1.5), /version/],
    ['a string version', (d) => (d.payload.version = '5'), /version/],
    ['an issuer that is not text', (d) => (d.payload.issuer = null), /issuer/],
    ['no createdAt', (d) => delete d.payload.createdAt, /createdAt/],
    ['subjects not an array', (d) => (d.payload.subjects = {}), /subjects is missing/],
    ['a subject of 7 fields', (d) => d.payload.subjects[1].pop(), /subjects\[1\] is not a list of 8 fields/],
    ['a subject field that is a number', (d) => (d.payload.subjects[0][3] = 3), /subjects\[0\]\[3\] is not a string/],
    ['a separator in a subject', (d) => (d.payload.subjects[0][0] = 'A\u001eB'), /subjects\[0\]\[0\] contains a control character/],
    ['a subject without a name', (d) => (d.payload.subjects[0][0] = ''), /has no name/],
    ['a malformed date', (d) => (d.payload.subjects[1][5] = '1/1/2030'), /not YYYY-MM-DD/],
    ['entries not an object', (d) => (d.payload.entries = []), /entries is missing/],
    ['an unknown platform', (d) => (d.payload.entries.myspace = { keys: [], subjects: [] }), /unknown platform "myspace"/],
    ['an entry that is not an object', (d) => (d.payload.entries.x = 'a'), /entries\.x is not an object/],
    ['keys and indices of different lengths', (d) => d.payload.entries.x.subjects.pop(), /3 keys but 2 subject indices/],
    ['an empty key', (d) => (d.payload.entries.x.keys[1] = ''), /entries\.x\.keys\[1\] is not a non-empty string/],
    ['a key with a control character', (d) => (d.payload.entries.x.keys[1] = '@a\nb'), /keys\[1\] contains a control character/],
    ['a subject index out of range', (d) => (d.payload.entries.facebook.subjects[0] = 2), /entries\.facebook\.subjects\[0\] is 2; expected a subject index below 2/],
    ['a negative subject index', (d) => (d.payload.entries.x.subjects[0] = -1), /subjects\[0\] is -1/],
    ['a fractional subject index', (d) => (d.payload.entries.x.subjects[0] = 0.5), /subjects\[0\] is 0.5/],
  ];
  it.each(cases)('says "format" for %s', async (_name, edit, detail) => {
    const e = await listError(() => parseSignedList(edited(edit)));
    expect(e.code).toBe('format');
    expect(e.detail).toMatch(detail);
  });

  it('says "format" for JSON that is not an object', async () => {
    expect((await listError(() => parseSignedList('[1,2]'))).code).toBe('format');
    expect((await listError(() => parseSignedList('null'))).code).toBe('format');
  });
});

describe('verifying a signed list', () => {
  it('returns the payload when signed by an accepted key', async () => {
    const got = await verifySignedList(parseSignedList(text), [other.publicKey, keys.publicKey]);
    expect(got).toEqual(payload);
  });

  it('survives re-indenting and re-escaping the file', async () => {
    const pretty = JSON.stringify(JSON.parse(text), null, 2).replace(/—/g, '\\u2014');
    expect(pretty).not.toBe(text);
    expect((await verifySignedList(parseSignedList(pretty), [keys.publicKey])).version).toBe(5);
  });

  it('compares keys as bytes, not as text', async () => {
    const raw = parsePublicKey(keys.publicKey);
    const respelled = `ED25519:${bytesToBase64(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}  `;
    expect((await verifySignedList(parseSignedList(text), [respelled])).version).toBe(5);
  });

  it('refuses with "no-keys" when no key (or no valid key) is configured', async () => {
    expect((await listError(() => verifySignedList(parseSignedList(text), []))).code).toBe('no-keys');
    const e = await listError(() => verifySignedList(parseSignedList(text), ['not a key']));
    expect(e.code).toBe('no-keys');
    expect(e.detail).toMatch(/none of the 1 configured public keys is valid/);
  });

  it('refuses with "untrusted-key" when signed by a key that is not accepted', async () => {
    const e = await listError(() => verifySignedList(parseSignedList(text), [other.publicKey, 'typo']));
    expect(e.code).toBe('untrusted-key');
    expect(e.detail).toContain(keys.publicKey);
  });

  it('refuses with "bad-signature" when any value was changed', async () => {
    const tampered = [
      edited((d) => (d.payload.subjects[0][0] = 'Capres Contoh B (fiktif)')),
      edited((d) => (d.payload.version = 6)),
      edited((d) => d.payload.entries.x.keys.pop() && d.payload.entries.x.subjects.pop()),
      edited((d) => (d.payload.extra = true)),
      text.replace('Capres Contoh A', 'Capres Contoh a'),
    ];
    for (const t of tampered) {
      expect(t).not.toBe(text);
      expect((await listError(() => verifySignedList(parseSignedList(t), [keys.publicKey]))).code).toBe('bad-signature');
    }
  });

  it('refuses with "bad-signature" when the signature is swapped or mangled', async () => {
    const otherSig = JSON.parse(
      serializeSignedList(await signPayload({ ...payload, version: 4 }, await importPrivatePem(keys.privatePem), keys.publicKey)),
    ).signature;
    // Another list's signature, and 64 bytes that are no signature at all: well formed, not valid.
    for (const sig of [otherSig, `${'A'.repeat(85)}Q==`]) {
      const list: SignedList = parseSignedList(edited((d) => (d.signature = sig)));
      expect((await listError(() => verifySignedList(list, [keys.publicKey]))).code).toBe('bad-signature');
    }
  });

  it('refuses a list re-signed by an attacker with their key in publicKey', async () => {
    const forged = serializeSignedList(await signPayload(payload, await importPrivatePem(other.privatePem), other.publicKey));
    expect((await listError(() => verifySignedList(parseSignedList(forged), [keys.publicKey]))).code).toBe('untrusted-key');
    // …and claiming the trusted key with the attacker's signature does not help.
    const claimed = JSON.parse(forged);
    claimed.publicKey = keys.publicKey;
    const e = await listError(() => verifySignedList(parseSignedList(JSON.stringify(claimed)), [keys.publicKey]));
    expect(e.code).toBe('bad-signature');
  });
});

describe('one signature, one spelling', () => {
  /** The list's signature bytes, written another way. */
  const respell = (f: (b64: string) => string) => edited((d) => (d.signature = f(d.signature)));

  it('the builder writes the canonical form: standard base64, 88 characters ending in "=="', () => {
    expect(JSON.parse(text).signature).toMatch(/^[A-Za-z0-9+/]{85}[AQgw]==$/);
    expect(signatureEncodingProblem(JSON.parse(text).signature)).toBeNull();
  });

  it('refuses the same signature re-encoded, up front, with its own code and reason', async () => {
    const urlSafe = (b: string) => (/[+/]/.test(b) ? b : `${b.slice(0, 10)}+${b.slice(11)}`).replace(/\+/g, '-').replace(/\//g, '_');
    const cases: [string, string, RegExp][] = [
      ['URL-safe', respell(urlSafe), /is in URL-safe base64/],
      ['no padding', respell((b) => b.replace(/=+$/, '')), /is padded differently/],
      ['one "="', respell((b) => b.replace(/==$/, '=')), /is padded differently/],
      ['extra padding', respell((b) => `${b}==`), /is padded differently/],
      ['a line break inside', respell((b) => `${b.slice(0, 44)}\n${b.slice(44)}`), /has white space in it/],
      ['spaces around', respell((b) => ` ${b} `), /has white space in it/],
      ['trailing bits set', respell((b) => `${b.slice(0, 85)}${b[85] === 'B' ? 'C' : 'B'}==`), /sets bits past the 64th byte/],
      ['too short', respell(() => 'AAAA'), /encodes 3 bytes/],
      ['not base64', respell(() => '!!!'), /is not base64/],
    ];
    for (const [name, t, detail] of cases) {
      const e = await listError(() => parseSignedList(t));
      expect(e.code, name).toBe('signature-encoding');
      expect(e.detail, name).toMatch(detail);
      expect(e.detail, name).toContain('expected the standard base64 of its 64 bytes, 88 characters ending in "=="');
    }
  });

  it('verifySignedList refuses a non-canonical signature too (a list built in code)', async () => {
    const list = parseSignedList(text);
    const e = await listError(() => verifySignedList({ ...list, signature: list.signature.replace(/=+$/, '') }, [keys.publicKey]));
    expect(e.code).toBe('signature-encoding');
  });

  it('says so in both languages, without calling the list altered', () => {
    const id = describeListError('signature-encoding', '', 'id');
    const en = describeListError('signature-encoding', '', 'en');
    expect(id).toMatch(/^Tanda tangan daftar tidak ditulis dalam bentuk baku/);
    expect(en).toMatch(/^The list's signature is not written in the standard form/);
    expect(id).not.toMatch(/diubah/);
  });
});

describe('duplicate keys and deep nesting', () => {
  it('refuses an "entries" injected before the real one, naming the key and where', async () => {
    const injected = text.replace('"payload":{', '"payload":{"entries":{"x":{"keys":["@someone_else"],"subjects":[0]}},');
    expect(injected).not.toBe(text);
    // JSON.parse would take the last one, and the signature would hold.
    expect(JSON.parse(injected).payload.entries).toEqual(payload.entries);
    const e = await listError(() => parseSignedList(injected));
    expect(e.code).toBe('format');
    expect(e.detail).toBe('duplicate key "entries" in payload (another reader may take the other one)');
  });

  it('finds a duplicate however the key is spelled, at any level', async () => {
    const cases: [string, string][] = [
      [text.replace('"payload":{', '"payload":{"\\u0065ntries":{},'), 'duplicate key "entries" in payload'],
      [text.replace('{"format"', '{"signature":"x","format"'), 'duplicate key "signature" at the top level'],
      [text.replace('"facebook":{', '"facebook":{"subjects":[],'), 'duplicate key "subjects" in payload.entries.facebook'],
      [text.replace('"x":{', '"x":{},"x":{'), 'duplicate key "x" in payload.entries'],
    ];
    for (const [t, detail] of cases) {
      expect(t).not.toBe(text);
      const e = await listError(() => parseSignedList(t));
      expect(e.code).toBe('format');
      expect(e.detail).toContain(detail);
    }
  });

  it('refuses nesting deeper than the limit with a reason, never a RangeError', async () => {
    const deep = (n: number) => text.replace('"payload":{', `"payload":{"extra":${'['.repeat(n)}${']'.repeat(n)},`);
    for (const n of [MAX_JSON_DEPTH, 100_000, 1_000_000]) {
      const e = await listError(() => parseSignedList(deep(n)));
      expect(e.code).toBe('format');
      expect(e.detail).toMatch(new RegExp(`^nested deeper than ${MAX_JSON_DEPTH} levels at payload\\.extra(\\[0\\])+…(\\[0\\])+$`));
      expect(e.detail.length).toBeLessThan(140);
    }
    // Just under the limit it parses (and then fails only its signature).
    const ok = parseSignedList(deep(MAX_JSON_DEPTH - 2));
    expect((await listError(() => verifySignedList(ok, [keys.publicKey]))).code).toBe('bad-signature');
    for (const t of ['['.repeat(1_000_000), `${'{"a":'.repeat(300_000)}1${'}'.repeat(300_000)}`]) {
      const e = await listError(() => parseSignedList(t));
      expect(e.code).toBe('format');
      expect(e.detail).toMatch(/^nested deeper than 64 levels at /);
    }
  });

  it('a payload too deep to re-serialise is a format error, not a RangeError (a list built in code)', async () => {
    const list = parseSignedList(text);
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const e = await listError(() => verifySignedList({ ...list, payload: { ...list.payload, deep } as ListPayload }, [keys.publicKey]));
    expect(e.code).toBe('format');
    expect(e.detail).toMatch(/nested too deeply/);
  });
});

describe('describing list errors', () => {
  it('has Indonesian and English text for every code, each saying the previous list stays in use', () => {
    for (const code of LIST_ERROR_CODES) {
      const id = describeListError(code, '', 'id');
      const en = describeListError(code, '', 'en');
      expect(id).toContain('Daftar lama tetap dipakai.');
      expect(en).toContain('The previous list stays in use.');
      expect(id).not.toBe(en);
    }
  });

  it('puts the version numbers into the "older" and "changed-same-version" messages', () => {
    expect(describeListError('older', '3 < 5', 'id')).toBe(
      'Versi daftar (3) lebih lama dari yang sudah dipakai (5); ditolak. Daftar lama tetap dipakai.',
    );
    expect(describeListError('older', '3 < 5', 'en')).toContain('(3) is older than the one in use (5)');
    expect(describeListError('changed-same-version', '5', 'id')).toContain('(5)');
  });

  it('says what the problem is in plain words', () => {
    const cases: [ListErrorCode, string, RegExp][] = [
      ['bad-signature', '', /^Tanda tangan daftar tidak valid — daftar ini mungkin diubah\./],
      ['http', 'HTTP 404', /\(HTTP 404\)/],
      ['untrusted-key', '', /kunci yang tidak dipercaya/],
      ['no-keys', '', /listPublicKeys/],
      ['format', 'payload.version must be a positive integer', /tidak sesuai format \(payload\.version/],
    ];
    for (const [code, detail, re] of cases) expect(describeListError(code, detail, 'id')).toMatch(re);
  });

  it('carries code and detail on the error object', () => {
    const e = new ListError('older', '3 < 5');
    expect(e).toBeInstanceOf(Error);
    expect([e.code, e.detail, e.message, e.name]).toEqual(['older', '3 < 5', 'older: 3 < 5', 'ListError']);
  });
});
