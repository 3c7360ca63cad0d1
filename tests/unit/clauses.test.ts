import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS, type Match } from '../../lib/model';
import {
  ACTION_CLAUSES,
  ALL_CLAUSES,
  CLAUSES,
  SANCTION,
  SANCTION_CLAUSES,
  clausesFor,
  type Clause,
} from '../../lib/clauses';
import type { LocalClause } from '../../lib/policy/types';
import { openWarning, type WarningHandle } from '../../lib/ui/warning/mount';

const every: Clause[] = Object.values(ALL_CLAUSES);

describe('clause catalog', () => {
  it('maps every action to at least one clause, and every mapped id exists', () => {
    for (const action of ACTIONS) {
      expect(ACTION_CLAUSES[action].length).toBeGreaterThanOrEqual(1);
      for (const id of ACTION_CLAUSES[action]) expect(CLAUSES[id], `${action} → ${id}`).toBeDefined();
    }
  });

  it('gives every clause an instrument, article, text, source and confidence', () => {
    for (const c of every) {
      expect(c.id).toMatch(/\S/);
      expect(c.instrument.short.id).toMatch(/\S/);
      expect(c.instrument.short.en).toMatch(/\S/);
      expect(c.instrument.full).toMatch(/\S/);
      expect(c.article).toMatch(/\S/);
      expect(c.text.trim().length).toBeGreaterThan(10);
      expect(['VP', 'VS', 'PR', 'LOCAL']).toContain(c.source);
      expect(['H', 'M', 'L']).toContain(c.confidence);
    }
  });

  it('keys each clause by its own id', () => {
    for (const [key, c] of Object.entries(ALL_CLAUSES)) expect(c.id).toBe(key);
  });

  it('writes the SKB number as 1447.1, never the mistyped 144.1', () => {
    const skb = CLAUSES['skb-2022-medsos'].instrument.full;
    expect(skb).toContain('NOMOR 1447.1/PM.01/K.1/09/2022');
    for (const c of every) expect(c.instrument.full).not.toMatch(/\b144\.1\//);
  });

  it('quotes the SKB social-media item verbatim with its tag and confidences', () => {
    const c = CLAUSES['skb-2022-medsos'];
    expect(c.text).toBe(
      'Membuat posting, comment, share, like, bergabung/follow dalam grup/akun pemenangan bakal calon ' +
        '(Presiden/Wakil Presiden/DPR/DPD/DPRD/Gubernur/Wakil Gubernur/Bupati/Wakil Bupati/Wali Kota/Wakil Wali Kota)',
    );
    expect([c.source, c.confidence, c.citationConfidence]).toEqual(['VS', 'H', 'M']);
    expect(c.article).toContain('kode etik angka 4');
    expect(c.article).toContain('disiplin angka 6');
  });

  it('keeps the tags law.md gives', () => {
    expect(CLAUSES['skb-2022-kampanye-online']).toMatchObject({ source: 'VS', confidence: 'M' });
    expect(CLAUSES['se-menpanrb-b71-2017']).toMatchObject({ source: 'VS', confidence: 'M' });
    expect(CLAUSES['pp-94-2021-pasal-1-angka-6']).toMatchObject({ source: 'VP', confidence: 'H', article: 'Pasal 1 angka 6' });
    expect(CLAUSES['uu-20-2023-pasal-24-1-d']).toMatchObject({
      source: 'VP',
      confidence: 'H',
      article: 'Pasal 24 ayat (1) huruf d',
    });
    expect(CLAUSES['pp-94-2021-pasal-1-angka-6'].text).toContain('di dalam maupun di luar jam kerja');
  });

  it('cites the SKB item for every action, and for share also online campaigning and SE B/71', () => {
    for (const action of ACTIONS) expect(ACTION_CLAUSES[action][0]).toBe('skb-2022-medsos');
    expect(ACTION_CLAUSES.share).toContain('skb-2022-kampanye-online');
    expect(ACTION_CLAUSES.share).toContain('se-menpanrb-b71-2017');
    expect(CLAUSES['se-menpanrb-b71-2017'].text).toContain('menyebarluaskan');
  });

  it('never mentions prison or criminal charges in a clause or the sanction', () => {
    const texts = [
      ...every.flatMap((c) => [c.text, c.article, c.instrument.full, c.note?.id ?? '', c.note?.en ?? '']),
      SANCTION.wording.id,
      SANCTION.wording.en,
      SANCTION.trackNote.id,
      SANCTION.trackNote.en,
    ];
    for (const t of texts) {
      expect(t).not.toMatch(/penjara|pidana/i);
      expect(t).not.toMatch(/prison|criminal|jail/i);
    }
  });

  it('uses the safe sanction wording and cites PP 42/2004 Pasal 15 and PP 94/2021 Pasal 8 ayat (4)', () => {
    expect(SANCTION.wording.id).toContain(
      'dapat dikenai sanksi pelanggaran kode etik (sanksi moral) dan/atau hukuman disiplin hingga tingkat berat',
    );
    expect(SANCTION.basis.map((c) => c.id)).toEqual(['pp-42-2004-pasal-15', 'pp-94-2021-pasal-8-4']);
    expect(SANCTION_CLAUSES['pp-42-2004-pasal-15'].article).toBe('Pasal 15');
    expect(SANCTION_CLAUSES['pp-94-2021-pasal-8-4'].article).toContain('Pasal 8 ayat (4)');
    for (const c of SANCTION.basis) expect([c.source, c.confidence]).toEqual(['VP', 'H']);
  });
});

describe('clausesFor', () => {
  const locals: LocalClause[] = [
    {
      id: 'se-kebumen',
      title: 'SE Bupati Kebumen 800/3066.1',
      text: 'Membuat posting, comment, share, like, follow/ bergabung dalam Grup/Akun pemenangan',
      source: 'SE 800/3066.1, 23 September 2023',
      actions: ['like', 'follow'],
    },
    { id: 'se-share-only', title: 'Edaran contoh', text: 'Teks edaran', source: 'contoh', actions: ['share'] },
  ];

  it('returns the catalog clauses for the action in map order', () => {
    expect(clausesFor('comment', []).map((c) => c.id)).toEqual(ACTION_CLAUSES.comment);
    expect(clausesFor('share').map((c) => c.id)).toEqual(ACTION_CLAUSES.share);
  });

  it('appends local clauses only for their actions, as LOCAL clauses titled by the policy', () => {
    const like = clausesFor('like', locals);
    expect(like.map((c) => c.id)).toEqual([...ACTION_CLAUSES.like, 'se-kebumen']);
    const local = like.at(-1)!;
    expect(local).toMatchObject({
      source: 'LOCAL',
      text: locals[0].text,
      article: locals[0].source,
      instrument: { full: 'SE Bupati Kebumen 800/3066.1', short: { id: 'SE Bupati Kebumen 800/3066.1' } },
    });
    expect(clausesFor('comment', locals).map((c) => c.id)).toEqual(ACTION_CLAUSES.comment);
    expect(clausesFor('share', locals).map((c) => c.id)).toEqual([...ACTION_CLAUSES.share, 'se-share-only']);
    expect(clausesFor('follow', locals).some((c) => c.id === 'se-kebumen')).toBe(true);
  });

  it('does not let a local clause shadow a catalog id', () => {
    const clash: LocalClause = { id: 'skb-2022-medsos', title: 'X', text: 'Y', source: 'Z', actions: ['like'] };
    const ids = clausesFor('like', [clash]).map((c) => c.id);
    expect(ids.filter((id) => id === 'skb-2022-medsos')).toHaveLength(1);
    expect(ids).toContain('local:skb-2022-medsos');
  });
});

describe('low-confidence clauses in the warning', () => {
  let handle: WarningHandle | undefined;
  afterEach(() => handle?.close());

  const match: Match = {
    subject: { index: 0, name: 'Budi Demo' },
    platform: 'x',
    key: '@budi_demo',
    listSource: 'bundled:demo',
    listVersion: 1,
    entryId: 'x:@budi_demo',
  };

  it('renders an L clause only as "dapat dianggap …", and H clauses without it', () => {
    const low: Clause = {
      id: 'test-low',
      instrument: { short: { id: 'Contoh', en: 'Example' }, full: 'Contoh instrumen' },
      article: 'butir contoh',
      text: 'teks contoh',
      source: 'PR',
      confidence: 'L',
    };
    handle = openWarning({
      action: 'like',
      match,
      shownAs: '@budi_demo',
      mode: 'warn',
      clauses: [low, CLAUSES['skb-2022-medsos']],
      organization: {},
      locale: 'id',
    });
    const root = handle.host.shadowRoot!;
    const lowEl = root.querySelector('[data-clause="test-low"]')!;
    expect(lowEl.textContent).toContain('Tindakan ini dapat dianggap');
    expect(lowEl.textContent).toContain('keyakinan: rendah');
    const high = root.querySelector('[data-clause="skb-2022-medsos"]')!;
    expect(high.textContent).not.toContain('dapat dianggap');
    expect(high.textContent).toContain('Sumber: VS · keyakinan: tinggi');
    // The lead sentence is softened too when the first clause is low-confidence.
    expect(root.querySelector('#jn-lead')!.textContent).toContain('dapat dianggap termasuk yang dilarang');
  });
});
