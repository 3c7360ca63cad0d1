import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ListIndex, ShardIndex } from '../../lib/accounts/shard-index';
import { isExact, SubjectStore } from '../../lib/accounts/subjects';
import { compileList } from '../../lib/list/compile';
import { SUBJECTS_PER_CHUNK, type ListPayload, type SubjectChunk } from '../../lib/list/types';

const payload: ListPayload = {
  version: 3,
  issuer: 'Uji',
  createdAt: '2026-11-01T00:00:00Z',
  subjects: [
    ['Capres Contoh A (fiktif)', 'presiden', 'pemilu-2029', 'Partai Contoh', 'Nasional', '', '', 'KPU-1'],
    ['Calon Bupati C', 'bupati', 'pilkada-2031', '', '', '2030-01-01', '2031-12-31', ''],
  ],
  entries: {
    x: { keys: ['@capres_contoh_a', 'id:1000000001', '@cabup_c'], subjects: [0, 0, 1] },
    facebook: { keys: ['@caprescontoha'], subjects: [0] },
  },
};

describe('compiled lists and the tab index', () => {
  const { shards, chunks } = compileList(payload, 'https://lists.example/a.json');

  it('makes one compact shard per platform with entries, and chunks of subject details', () => {
    expect(shards.map((s) => [s.platform, s.count])).toEqual([
      ['x', 3],
      ['facebook', 1],
    ]);
    // The shards hold no names and no subject table: those are in the chunks.
    expect(JSON.stringify(shards)).not.toContain('Capres');
    const subjectChunks = Object.entries(chunks).filter(([, v]) => typeof v !== 'string');
    expect(subjectChunks).toHaveLength(1);
    expect((subjectChunks[0][1] as SubjectChunk).subjects[0][0]).toBe('Capres Contoh A (fiktif)');
    for (const k of Object.keys(chunks)) expect(k.startsWith(shards[0].subjectsKey)).toBe(true);
    expect(typeof chunks[shards[0].subjectOfKey]).toBe('string');
  });

  it('finds every listed key with its subject and the list it came from', () => {
    const idx = ListIndex.fromWire('x', shards);
    const hit = idx.match(['@capres_contoh_a'], Date.parse('2026-11-22'));
    expect(hit?.pos).toBeGreaterThanOrEqual(0);
    expect(hit?.entryId).toBe('x:@capres_contoh_a');
    expect(hit?.listVersion).toBe(3);
    expect(hit?.listSource).toBe('https://lists.example/a.json');
    expect(idx.match(['id:1000000001'])).not.toBeNull();
  });

  it('does not match keys that are not listed, nor another platform’s keys', () => {
    const idx = ListIndex.fromWire('x', shards);
    expect(idx.match(['@warga_biasa', 'id:1000000002', '@caprescontoha'])).toBeNull();
  });

  it('answers has() like match() without allocating a hit', () => {
    const idx = ListIndex.fromWire('x', shards);
    const day = (iso: string) => Math.floor(Date.parse(iso) / 86_400_000);
    expect(idx.has('@capres_contoh_a', day('2026-11-22'))).toBe(true);
    expect(idx.has('@warga_biasa', day('2026-11-22'))).toBe(false);
    expect(idx.has('@cabup_c', day('2029-12-31'))).toBe(false);
    expect(idx.has('@cabup_c', day('2030-01-01'))).toBe(true);
  });

  it('honours the validity window of an entry, synchronously', () => {
    const idx = ListIndex.fromWire('x', shards);
    expect(idx.match(['@cabup_c'], Date.parse('2029-12-31T12:00:00Z'))).toBeNull();
    expect(idx.match(['@cabup_c'], Date.parse('2030-01-01T00:00:00Z'))?.key).toBe('@cabup_c');
    expect(idx.match(['@cabup_c'], Date.parse('2031-12-31T23:00:00Z'))).not.toBeNull();
    expect(idx.match(['@cabup_c'], Date.parse('2032-01-01T00:00:00Z'))).toBeNull();
  });

  it('lets the first list in order win when two lists hold the same key', () => {
    const other = compileList({ ...payload, version: 9 }, 'https://b').shards;
    expect(ListIndex.fromWire('x', [...shards, ...other]).match(['@capres_contoh_a'])?.listSource).toBe('https://lists.example/a.json');
    expect(ListIndex.fromWire('x', [...other, ...shards]).match(['@capres_contoh_a'])?.listSource).toBe('https://b');
  });

  it('skips a shard it cannot read instead of failing', () => {
    const broken = { ...shards[0], fps: undefined } as unknown as (typeof shards)[0];
    const idx = ListIndex.fromWire('x', [broken, ...compileList(payload, 'https://ok').shards]);
    expect(idx.shards).toHaveLength(1);
    expect(idx.match(['@capres_contoh_a'])?.listSource).toBe('https://ok');
  });

  it('finds all of 50,000 generated keys and none of 50,000 others, at 8 bytes a key', () => {
    const n = 50_000;
    const keys = Array.from({ length: n }, (_, i) => `@acct_${i}`);
    const big = compileList({ ...payload, subjects: [payload.subjects[0]], entries: { x: { keys, subjects: keys.map(() => 0) } } }, 's');
    const shard = new ShardIndex(big.shards[0]);
    let found = 0;
    let wrong = 0;
    for (let i = 0; i < n; i++) {
      if (shard.find(`@acct_${i}`) >= 0) found++;
      if (shard.find(`@other_${i}`) >= 0) wrong++;
    }
    expect(found).toBe(n);
    expect(wrong).toBe(0);
    expect(shard.bytes).toBeLessThan(n * 4 + 4 * 65537 + 64); // 4 bytes a key in the tab's decision path
  });
});

describe('subject details from storage chunks', () => {
  beforeEach(() => fakeBrowser.reset());

  it('names both lists’ subjects right (the table maps each key’s position to its subject)', async () => {
    const c = compileList(payload, 'https://f');
    await fakeBrowser.storage.local.set(c.chunks);
    const idx = ListIndex.fromWire('x', c.shards);
    const store = new SubjectStore();
    expect((await store.load(idx.match(['@cabup_c'], Date.parse('2030-06-01'))!))?.name).toBe('Calon Bupati C');
    expect((await store.load(idx.match(['id:1000000001'])!))?.name).toBe('Capres Contoh A (fiktif)');
  });

  it('reads a subject when needed, then answers from memory', async () => {
    const subjects = Array.from({ length: SUBJECTS_PER_CHUNK + 5 }, (_, i) => [`Calon ${i}`, 'dpr', 'pemilu-2029', '', '', '', '', ''] as ListPayload['subjects'][number]);
    const keys = subjects.map((_, i) => `@calon_${i}`);
    const c = compileList({ ...payload, subjects, entries: { x: { keys, subjects: keys.map((_, i) => i) } } }, 'https://c');
    await fakeBrowser.storage.local.set(c.chunks);
    const hit = ListIndex.fromWire('x', c.shards).match([`@calon_${SUBJECTS_PER_CHUNK + 2}`])!;
    const store = new SubjectStore();
    expect(store.peek(hit)).toBeNull();
    const s = await store.load(hit);
    expect(s?.name).toBe(`Calon ${SUBJECTS_PER_CHUNK + 2}`);
    expect(s?.role).toBe('dpr');
    expect(store.peek(hit)?.name).toBe(`Calon ${SUBJECTS_PER_CHUNK + 2}`);
  });

  it('answers null when the chunk belongs to another list version (the list changed)', async () => {
    const c = compileList(payload, 'https://d');
    await fakeBrowser.storage.local.set(c.chunks);
    const [key, chunk] = Object.entries(c.chunks).find(([, v]) => typeof v !== 'string')!;
    await fakeBrowser.storage.local.set({ [key]: { ...(chunk as SubjectChunk), listVersion: 99 } });
    const hit = ListIndex.fromWire('x', c.shards).match(['@capres_contoh_a'])!;
    expect(await new SubjectStore().load(hit)).toBeNull();
  });

  it('keeps at most maxChunks chunks in memory', async () => {
    const subjects = Array.from({ length: SUBJECTS_PER_CHUNK * 4 }, (_, i) => [`S${i}`, '', '', '', '', '', '', ''] as ListPayload['subjects'][number]);
    const keys = subjects.map((_, i) => `@s${i}`);
    const c = compileList({ ...payload, subjects, entries: { x: { keys, subjects: keys.map((_, i) => i) } } }, 'https://e');
    await fakeBrowser.storage.local.set(c.chunks);
    const idx = ListIndex.fromWire('x', c.shards);
    const store = new SubjectStore(2);
    for (let k = 0; k < 4; k++) await store.load(idx.match([`@s${k * SUBJECTS_PER_CHUNK}`])!);
    expect(store.size).toBe(2);
  });
});

describe('confirming the full key (a fingerprint is not proof)', () => {
  beforeEach(() => fakeBrowser.reset());

  it('each chunk carries its subjects’ full keys on every platform, as entry ids', () => {
    const { chunks } = compileList(payload, 'https://k');
    const chunk = Object.values(chunks).find((v): v is SubjectChunk => typeof v !== 'string')!;
    expect(chunk.keys).toEqual([
      ['x:@capres_contoh_a', 'x:id:1000000001', 'facebook:@caprescontoha'],
      ['x:@cabup_c'],
    ]);
  });

  it('a hit is exact when its key is its subject’s; a forged position is not', async () => {
    const c = compileList(payload, 'https://k');
    await fakeBrowser.storage.local.set(c.chunks);
    const idx = ListIndex.fromWire('x', c.shards);
    const store = new SubjectStore();
    const hit = idx.match(['id:1000000001'])!;
    expect(isExact((await store.load(hit))!, hit)).toBe(true);
    // The same position reached by another key (what a 48-bit collision looks like).
    const forged = { ...hit, key: '@warga_kembar', entryId: 'x:@warga_kembar' };
    const listed = store.peek(forged)!;
    expect(listed.name).toBe('Capres Contoh A (fiktif)');
    expect(isExact(listed, forged)).toBe(false);
  });

  it('a chunk compiled before keys existed cannot tell: the fingerprint stands', async () => {
    const c = compileList(payload, 'https://old');
    const old = Object.fromEntries(Object.entries(c.chunks).map(([k, v]) => [k, typeof v === 'string' ? v : { listVersion: v.listVersion, subjects: v.subjects }]));
    await fakeBrowser.storage.local.set(old);
    const hit = ListIndex.fromWire('x', c.shards).match(['@capres_contoh_a'])!;
    const listed = (await new SubjectStore().load({ ...hit, entryId: 'x:@anyone' }))!;
    expect(listed.keys).toBeNull();
    expect(isExact(listed, { ...hit, entryId: 'x:@anyone' })).toBe(true);
  });

  it('match() passes over hits the caller rejects, to the next key', () => {
    const idx = ListIndex.fromWire('x', compileList(payload, 'https://m').shards);
    expect(idx.match(['@capres_contoh_a', '@cabup_c'], Date.parse('2030-06-01'), (h) => h.key !== '@capres_contoh_a')?.key).toBe('@cabup_c');
  });
});
