import { afterEach, describe, expect, it } from 'vitest';
import { ACTIONS, EMPLOYEE_STATUSES, ROLES, type EmployeeStatusSetting, type Match, type Role } from '../../lib/model';
import {
  ALL_CLAUSES,
  CLAUSES,
  SANCTIONS,
  SANCTION_CLAUSES,
  actionClauseIds,
  clauseIdsFor,
  isHedgedRole,
  isPilkada,
  lawFor,
  type Clause,
} from '../../lib/clauses';
import type { LocalClause } from '../../lib/policy/types';
import { openWarning, type WarningHandle } from '../../lib/ui/warning/mount';

const every: Clause[] = Object.values(ALL_CLAUSES);
const PNS_ONLY = ['pp-94-2021-pasal-1-angka-6', 'se-menpanrb-b71-2017', 'pp-42-2004-pasal-15', 'pp-94-2021-pasal-8-4'];

describe('clause catalog', () => {
  it('gives every clause an instrument, article, text, source, confidence and whom it binds', () => {
    for (const c of every) {
      expect(c.id).toMatch(/\S/);
      expect(c.instrument.short.id).toMatch(/\S/);
      expect(c.instrument.short.en).toMatch(/\S/);
      expect(c.instrument.full).toMatch(/\S/);
      expect(c.article).toMatch(/\S/);
      expect(c.text.trim().length).toBeGreaterThan(10);
      expect(['VP', 'VS', 'PR']).toContain(c.source);
      expect(['H', 'M', 'L']).toContain(c.confidence);
      expect(c.appliesTo.length).toBeGreaterThan(0);
      for (const s of c.appliesTo) expect(EMPLOYEE_STATUSES).toContain(s);
    }
  });

  it('keys each clause by its own id', () => {
    for (const [key, c] of Object.entries(ALL_CLAUSES)) expect(c.id).toBe(key);
  });

  it('writes the SKB number as 1447.1, never the mistyped 144.1', () => {
    expect(CLAUSES['skb-2022-medsos'].instrument.full).toContain('NOMOR 1447.1/PM.01/K.1/09/2022');
    for (const c of every) expect(c.instrument.full).not.toMatch(/\b144\.1\//);
  });

  it('cites the SKB quote as the code-of-ethics table item 4, and notes discipline item 6', () => {
    const c = CLAUSES['skb-2022-medsos'];
    expect(c.article).toBe('Lampiran II, tabel pelanggaran kode etik angka 4');
    expect(c.note.id).toContain('disiplin angka 6');
    expect([c.source, c.confidence, c.citationConfidence]).toEqual(['VS', 'H', 'M']);
  });

  it('binds each instrument as the who-is-covered table says', () => {
    const binds = Object.fromEntries(every.map((c) => [c.id, [...c.appliesTo].sort().join(',')]));
    expect(binds).toEqual({
      'skb-2022-medsos': 'pns,pppk',
      'skb-2022-kampanye-online': 'pns,pppk',
      'se-menpanrb-b71-2017': 'pns',
      'pp-94-2021-pasal-1-angka-6': 'pns',
      'uu-20-2023-pasal-24-1-d': 'pns,pppk',
      'se-menpanrb-01-2023': 'ppnpn',
      'pp-42-2004-pasal-15': 'pns',
      'pp-94-2021-pasal-8-4': 'pns',
      'pp-49-2018-pasal-51-52': 'pppk',
      'pp-49-2018-pasal-53-2-b': 'pppk',
      'se-menpanrb-01-2023-sanksi': 'ppnpn',
    });
  });

  it('gives SE B/71/2017 its title and date, and marks it a precedent', () => {
    const c = CLAUSES['se-menpanrb-b71-2017'];
    expect(c.instrument.full).toContain('B/71/M.SM.00.00/2017 tentang Pelaksanaan Netralitas bagi ASN pada Penyelenggaraan Pilkada Serentak 2018, Pileg 2019, Pilpres 2019');
    expect(c.instrument.issued).toBe('27 Desember 2017');
    expect(c.precedent.id).toContain('preseden');
  });

  it('never mentions prison or criminal charges in a clause or a sanction line', () => {
    const texts = [
      ...every.flatMap((c) => [c.text, c.article, c.instrument.full, c.note?.id ?? '', c.note?.en ?? '', c.intro?.id ?? '', c.intro?.en ?? '']),
      ...Object.values(SANCTIONS).flatMap((s) => [s.wording.id, s.wording.en, s.plain.id, s.plain.en, s.caveat?.id ?? '', s.caveat?.en ?? '']),
    ];
    for (const t of texts) {
      expect(t).not.toMatch(/penjara|pidana/i);
      expect(t).not.toMatch(/prison|criminal|jail/i);
    }
  });

  it('rests each status’s sanction line on clauses that bind that status', () => {
    expect(SANCTIONS.pns.basis.map((c) => c.id)).toEqual(['pp-42-2004-pasal-15', 'pp-94-2021-pasal-8-4']);
    expect(SANCTIONS.pppk.basis.map((c) => c.id)).toEqual(['pp-49-2018-pasal-51-52', 'pp-49-2018-pasal-53-2-b']);
    expect(SANCTIONS.ppnpn.basis.map((c) => c.id)).toEqual(['se-menpanrb-01-2023-sanksi']);
    for (const s of Object.values(SANCTIONS)) for (const c of s.basis) expect(c.appliesTo).toEqual([s.status]);
    expect(SANCTION_CLAUSES['pp-49-2018-pasal-53-2-b'].article).toBe('Pasal 53 ayat (2) huruf b');
  });
});

describe('which rule for which employee (status × role × election × action)', () => {
  const SETTINGS: EmployeeStatusSetting[] = ['pns', 'pppk', 'ppnpn', 'mixed'];
  const ELECTIONS: (string | undefined)[] = ['pemilu-2029', 'pilkada-2031', undefined, 'Pilkada-2031 ', 'pilpres-2029'];
  const ROLE_CASES: (Role | undefined)[] = [...ROLES, undefined];

  it('shows no clause and no sanction to a status it does not bind, in any combination', () => {
    let combos = 0;
    for (const status of SETTINGS)
      for (const role of ROLE_CASES)
        for (const election of ELECTIONS)
          for (const action of ACTIONS) {
            const law = lawFor({ action, subject: { role, election }, status });
            const statuses = status === 'mixed' ? [...EMPLOYEE_STATUSES] : [status];
            expect(law.statuses).toEqual(statuses);
            expect(law.clauses.length).toBeGreaterThan(0);
            for (const c of law.clauses) expect(c.appliesTo.some((s) => statuses.includes(s)), `${status} ${role} ${election} ${action} ${c.id}`).toBe(true);
            expect(law.sanctions.map((s) => s.status)).toEqual(statuses);
            for (const s of law.sanctions) for (const b of s.basis) expect(b.appliesTo).toContain(s.status);
            if (status === 'pppk' || status === 'ppnpn') for (const id of PNS_ONLY) expect(law.clauses.map((c) => c.id)).not.toContain(id);
            combos++;
          }
    expect(combos).toBe(4 * 17 * 5 * 4);
  });

  it('gives each status its own clauses for a candidate’s post (pemilu, like)', () => {
    const subject = { role: 'presiden' as const, election: 'pemilu-2029' };
    const ids = (status: EmployeeStatusSetting) => clauseIdsFor({ action: 'like', subject, status });
    expect(ids('pns')).toEqual(['skb-2022-medsos', 'pp-94-2021-pasal-1-angka-6', 'uu-20-2023-pasal-24-1-d']);
    expect(ids('pppk')).toEqual(['skb-2022-medsos', 'uu-20-2023-pasal-24-1-d']);
    expect(ids('ppnpn')).toEqual(['se-menpanrb-01-2023']);
    expect(ids('mixed')).toEqual(['skb-2022-medsos', 'pp-94-2021-pasal-1-angka-6', 'uu-20-2023-pasal-24-1-d', 'se-menpanrb-01-2023']);
    // Absent = mixed (the default).
    expect(clauseIdsFor({ action: 'like', subject })).toEqual(ids('mixed'));
  });

  it('cites online campaigning for share, and SE B/71/2017 only for a pilkada entry and only where it binds', () => {
    const pemilu = { role: 'dpr' as const, election: 'pemilu-2029' };
    const pilkada = { role: 'bupati' as const, election: 'pilkada-2031' };
    expect(clauseIdsFor({ action: 'share', subject: pemilu, status: 'pns' })).toEqual([
      'skb-2022-medsos', 'skb-2022-kampanye-online', 'pp-94-2021-pasal-1-angka-6', 'uu-20-2023-pasal-24-1-d',
    ]);
    expect(clauseIdsFor({ action: 'share', subject: pilkada, status: 'pns' })).toEqual([
      'skb-2022-medsos', 'skb-2022-kampanye-online', 'se-menpanrb-b71-2017', 'pp-94-2021-pasal-1-angka-6', 'uu-20-2023-pasal-24-1-d',
    ]);
    expect(clauseIdsFor({ action: 'share', subject: pilkada, status: 'pppk' })).not.toContain('se-menpanrb-b71-2017');
    expect(clauseIdsFor({ action: 'share', subject: pilkada, status: 'mixed' })).toContain('se-menpanrb-b71-2017');
    for (const action of ['like', 'comment', 'follow'] as const) {
      expect(clauseIdsFor({ action, subject: pilkada, status: 'pns' })).not.toContain('se-menpanrb-b71-2017');
      expect(clauseIdsFor({ action, subject: pilkada, status: 'pns' })).not.toContain('skb-2022-kampanye-online');
    }
    // A presidential candidate never gets the pilkada precedent.
    expect(clauseIdsFor({ action: 'share', subject: { role: 'presiden', election: 'pemilu-2029' }, status: 'mixed' })).not.toContain('se-menpanrb-b71-2017');
  });

  it('tells a pilkada entry by its election, or by a regional-head role when there is none', () => {
    expect(isPilkada({ election: 'pilkada-2031' })).toBe(true);
    expect(isPilkada({ election: ' Pilkada-2031' })).toBe(true);
    expect(isPilkada({ election: 'pemilu-2029', role: 'gubernur' })).toBe(false);
    expect(isPilkada({ role: 'walikota' })).toBe(true);
    expect(isPilkada({ role: 'dpr' })).toBe(false);
    expect(isPilkada({})).toBe(false);
    expect(actionClauseIds('share', true)).toContain('se-menpanrb-b71-2017');
  });

  it('hedges for a party, `lainnya` or an entry with no role; not for candidates and their teams', () => {
    for (const role of ROLES) expect(isHedgedRole(role), role).toBe(role === 'partai' || role === 'lainnya');
    expect(isHedgedRole(undefined)).toBe(true);
    expect(lawFor({ action: 'like', subject: { role: 'partai' }, status: 'pns' }).hedged).toBe(true);
    expect(lawFor({ action: 'like', subject: { role: 'tim-kampanye' }, status: 'pns' }).hedged).toBe(false);
  });
});

describe('local clauses from policy', () => {
  const locals: LocalClause[] = [
    {
      id: 'se-kebumen',
      title: 'SE Bupati Kebumen 800/3066.1',
      text: 'Membuat posting, comment, share, like, follow/ bergabung dalam Grup/Akun pemenangan',
      source: 'SE 800/3066.1, 23 September 2023',
      actions: ['like', 'follow'],
    },
    { id: 'se-share-only', title: 'Edaran contoh', text: 'Teks edaran', source: 'contoh', actions: ['share'] },
    { id: 'se-pppk', title: 'Edaran PPPK', text: 'Teks untuk PPPK', source: 'contoh', actions: ['like'], appliesTo: ['pppk'] },
  ];
  const subject = { role: 'dpr' as const, election: 'pemilu-2029' };

  it('appends local clauses only for their actions, as LOCAL clauses titled by the policy', () => {
    const like = lawFor({ action: 'like', subject, status: 'pns', localClauses: locals }).clauses;
    expect(like.map((c) => c.id)).toEqual(['skb-2022-medsos', 'pp-94-2021-pasal-1-angka-6', 'uu-20-2023-pasal-24-1-d', 'se-kebumen']);
    expect(like.at(-1)).toMatchObject({
      source: 'LOCAL',
      text: locals[0].text,
      article: locals[0].source,
      appliesTo: ['pns', 'pppk', 'ppnpn'],
      instrument: { full: 'SE Bupati Kebumen 800/3066.1', short: { id: 'SE Bupati Kebumen 800/3066.1' } },
    });
    expect(clauseIdsFor({ action: 'comment', subject, status: 'pns', localClauses: locals })).not.toContain('se-kebumen');
    expect(clauseIdsFor({ action: 'share', subject, status: 'pns', localClauses: locals }).at(-1)).toBe('se-share-only');
  });

  it('shows a local clause with appliesTo only to the statuses it names', () => {
    expect(clauseIdsFor({ action: 'like', subject, status: 'pppk', localClauses: locals })).toContain('se-pppk');
    expect(clauseIdsFor({ action: 'like', subject, status: 'pns', localClauses: locals })).not.toContain('se-pppk');
    expect(clauseIdsFor({ action: 'like', subject, status: 'mixed', localClauses: locals })).toContain('se-pppk');
  });

  it('does not let a local clause shadow a catalog id', () => {
    const clash: LocalClause = { id: 'skb-2022-medsos', title: 'X', text: 'Y', source: 'Z', actions: ['like'] };
    const ids = clauseIdsFor({ action: 'like', subject, status: 'pns', localClauses: [clash] });
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
    // lawFor marks a law hedged when its first clause is low-confidence.
    expect(lawFor({ action: 'like', subject: { role: 'dpr' } }).hedged).toBe(false);
    const low: Clause = {
      id: 'test-low',
      instrument: { short: { id: 'Contoh', en: 'Example' }, full: 'Contoh instrumen' },
      article: 'butir contoh',
      text: 'teks contoh',
      source: 'PR',
      confidence: 'L',
      appliesTo: ['pns', 'pppk', 'ppnpn'],
    };
    handle = openWarning({
      action: 'like',
      match,
      shownAs: '@budi_demo',
      mode: 'warn',
      law: { ...lawFor({ action: 'like', subject: { role: 'dpr' } }), clauses: [low, CLAUSES['skb-2022-medsos']] },
      organization: {},
      locale: 'id',
    });
    const root = handle.host.shadowRoot!;
    const lowEl = root.querySelector('[data-clause="test-low"]')!;
    expect(lowEl.textContent).toContain('Tindakan ini dapat dianggap');
    expect(root.querySelector('[data-provenance="test-low"]')!.textContent).toContain('Tingkat keyakinan atas teks ini: rendah.');
    const high = root.querySelector('[data-clause="skb-2022-medsos"]')!;
    expect(high.textContent).not.toContain('Tindakan ini dapat dianggap');
    // The lead sentence is softened too when the first clause is low-confidence.
    expect(root.querySelector('#jn-lead')!.textContent).toContain('dapat dianggap melanggar aturan netralitas');
  });
});
