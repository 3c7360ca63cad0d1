/**
 * The demo list shipped in the extension (public/demo-list.json): signed by the demo key,
 * fictional only, and findable through the same path a real list takes.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ListIndex } from '../../lib/accounts/shard-index';
import { SubjectStore } from '../../lib/accounts/subjects';
import { buildPayload } from '../../lib/list/build';
import { compileList } from '../../lib/list/compile';
import { DEMO_LIST_PATH, DEMO_LIST_PUBLIC_KEY } from '../../lib/list/demo';
import { publicKeyFromPrivatePem, samePublicKey } from '../../lib/list/signature';
import { parseSignedList, verifySignedList } from '../../lib/list/verify';

const ROOT = resolve(__dirname, '../..');
const read = (p: string) => readFileSync(resolve(ROOT, p), 'utf8');

describe('the bundled demo list', () => {
  const text = read(`public${DEMO_LIST_PATH}`);

  it('verifies with DEMO_LIST_PUBLIC_KEY', async () => {
    const payload = await verifySignedList(parseSignedList(text), [DEMO_LIST_PUBLIC_KEY]);
    expect(payload.version).toBe(1);
    expect(payload.issuer).toBe('Jaga Netral — daftar contoh (fiktif)');
  });

  it('is signed by the committed demo key', async () => {
    expect(await publicKeyFromPrivatePem(read('scripts/demo/demo-list-key.pem'))).toBe(DEMO_LIST_PUBLIC_KEY);
  });

  it('names only fictional subjects', () => {
    const { payload } = parseSignedList(text);
    expect(payload.subjects.length).toBeGreaterThan(0);
    for (const s of payload.subjects) expect(s[0]).toContain('(fiktif)');
  });

  it('holds exactly what scripts/demo/demo-list.csv says (it was rebuilt after the last CSV change)', () => {
    const built = buildPayload(read('scripts/demo/demo-list.csv'), { version: 1, issuer: 'x', createdAt: '2026-01-01T00:00:00Z' });
    expect(built.ok && built.warnings).toEqual([]);
    const { payload } = parseSignedList(text);
    if (!built.ok) return;
    expect(payload.subjects).toEqual(built.payload.subjects);
    expect(payload.entries).toEqual(built.payload.entries);
  });

  it('is found by the compiled shards and the tab index, with its details in the chunks', async () => {
    fakeBrowser.reset();
    const payload = await verifySignedList(parseSignedList(text), [DEMO_LIST_PUBLIC_KEY]);
    const { shards, chunks } = compileList(payload, 'bundled:demo');
    // As the background writes them: the tab reads a subject's details from its chunk.
    await fakeBrowser.storage.local.set(chunks);
    const subjects = new SubjectStore();
    const x = ListIndex.fromWire('x', shards);
    const m = x.match(['@capres_contoh_a'], Date.parse('2026-11-22'));
    expect((await subjects.load(m!))?.name).toBe('Capres Contoh A (fiktif)');
    expect(m?.entryId).toBe('x:@capres_contoh_a');
    expect(m?.listSource).toBe('bundled:demo');
    expect(x.match(['@warga_biasa'])).toBeNull();
    const fb = ListIndex.fromWire('facebook', shards);
    const f = fb.match(['@caprescontoha']);
    expect(f).not.toBeNull();
    expect((await subjects.load(f!))?.name).toBe('Capres Contoh A (fiktif)');
  });

  it('is not trusted under any other key', async () => {
    const other = 'ed25519:' + Buffer.alloc(32, 7).toString('base64');
    expect(samePublicKey(other, DEMO_LIST_PUBLIC_KEY)).toBe(false);
    await expect(verifySignedList(parseSignedList(text), [other])).rejects.toMatchObject({ code: 'untrusted-key' });
  });
});
