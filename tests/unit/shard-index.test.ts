import { describe, expect, it } from 'vitest';
import { ListIndex, ShardIndex } from '../../lib/accounts/shard-index';
import { compileShards } from '../../lib/list/compile';
import type { ListPayload } from '../../lib/list/types';

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

describe('compiled shards and the tab index', () => {
  const shards = compileShards(payload, 'https://lists.example/a.json');

  it('makes one shard per platform with entries', () => {
    expect(shards.map((s) => [s.platform, s.count])).toEqual([
      ['x', 3],
      ['facebook', 1],
    ]);
  });

  it('finds every listed key with its subject and the list it came from', () => {
    const idx = ListIndex.fromWire('x', shards);
    const m = idx.match(['@capres_contoh_a'], Date.parse('2026-11-22'));
    expect(m?.subject.name).toBe('Capres Contoh A (fiktif)');
    expect(m?.subject.role).toBe('presiden');
    expect(m?.entryId).toBe('x:@capres_contoh_a');
    expect(m?.listVersion).toBe(3);
    expect(m?.listSource).toBe('https://lists.example/a.json');
    expect(idx.match(['id:1000000001'])?.subject.index).toBe(0);
  });

  it('does not match keys that are not listed, nor another platform’s keys', () => {
    const idx = ListIndex.fromWire('x', shards);
    expect(idx.match(['@warga_biasa', 'id:1000000002', '@caprescontoha'])).toBeNull();
  });

  it('honours the validity window of an entry', () => {
    const idx = ListIndex.fromWire('x', shards);
    expect(idx.match(['@cabup_c'], Date.parse('2029-12-31T12:00:00Z'))).toBeNull();
    expect(idx.match(['@cabup_c'], Date.parse('2030-01-01T00:00:00Z'))?.subject.name).toBe('Calon Bupati C');
    expect(idx.match(['@cabup_c'], Date.parse('2031-12-31T23:00:00Z'))).not.toBeNull();
    expect(idx.match(['@cabup_c'], Date.parse('2032-01-01T00:00:00Z'))).toBeNull();
  });

  it('lets the first list in order win when two lists hold the same key', () => {
    const other = compileShards({ ...payload, version: 9, subjects: [['Lain', '', '', '', '', '', '', ''], payload.subjects[1]] }, 'https://b');
    const idx = ListIndex.fromWire('x', [...shards, ...other]);
    expect(idx.match(['@capres_contoh_a'])?.listSource).toBe('https://lists.example/a.json');
    const rev = ListIndex.fromWire('x', [...other, ...shards]);
    expect(rev.match(['@capres_contoh_a'])?.subject.name).toBe('Lain');
  });

  it('finds all of 50,000 generated keys and none of 50,000 others', () => {
    const n = 50_000;
    const keys = Array.from({ length: n }, (_, i) => `@acct_${i}`);
    const big = compileShards(
      { ...payload, subjects: [payload.subjects[0]], entries: { x: { keys, subjects: keys.map(() => 0) } } },
      's',
    );
    const shard = new ShardIndex(big[0]);
    let found = 0;
    let wrong = 0;
    for (let i = 0; i < n; i++) {
      if (shard.find(`@acct_${i}`) >= 0) found++;
      if (shard.find(`@other_${i}`) >= 0) wrong++;
    }
    expect(found).toBe(n);
    expect(wrong).toBe(0);
  });
});
