import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browser } from '../../lib/browser';
import { EMPLOYEE_STATUSES, EMPLOYEE_STATUS_SETTINGS, PLATFORMS, REPORT_FORMATS } from '../../lib/model';
import { DEFAULTS, effectiveConfig, isSiteGuarded, modeFor } from '../../lib/policy/effective';
import { readManagedPolicy } from '../../lib/policy/read';
import type { Policy, PolicyState, UserSettings } from '../../lib/policy/types';
import { LIMITS, POLICY_KEYS, validatePolicy } from '../../lib/policy/validate';
import managedSchema from '../../public/managed_schema.json';

const KEY_A = `ed25519:${Buffer.alloc(32, 7).toString('base64')}`;
const KEY_B = `ed25519:${Buffer.alloc(32, 200).toString('base64')}`;

function notesFor(raw: unknown, key: string) {
  return validatePolicy(raw).notes.filter((n) => n.key === key);
}

function managed(policy: Policy): PolicyState {
  return { managed: true, policy, notes: [], readAt: 1 };
}

describe('validatePolicy', () => {
  it('accepts a complete, valid policy unchanged', () => {
    const raw = {
      listUrls: ['https://lists.example.go.id/a.json', 'http://intranet.local/b.json'],
      listPublicKeys: [KEY_A, KEY_B],
      hooksUrls: ['https://lists.example.go.id/hooks.json'],
      hooksPublicKeys: [KEY_B],
      syncIntervalMinutes: 30,
      mode: 'justify',
      actionModes: { share: 'block', like: 'audit' },
      sites: ['x', 'facebook'],
      organization: { name: 'Kementerian Contoh', contact: 'netralitas@contoh.go.id', helpUrl: 'https://contoh.go.id/netral' },
      localClauses: [
        { id: 'se-2029.01', title: 'SE Sekjen', text: 'Dilarang menyukai unggahan calon.', source: 'SE 1/2029', actions: ['like', 'share'] },
        { id: 'se-2029.02', title: 'SE PPPK', text: 'Teks.', source: 'SE 2/2029', actions: ['follow'], appliesTo: ['pppk', 'ppnpn'] },
      ],
      reportUrl: 'https://audit.contoh.go.id/events',
      reportToken: 's3cret',
      reportFormat: 'elasticsearch-bulk',
      locale: 'en',
      employeeStatus: 'pppk',
      lockUserSettings: true,
    };
    const { policy, notes } = validatePolicy(raw);
    expect(notes).toEqual([]);
    expect(policy).toEqual(raw);
  });

  it('never throws, whatever it is given', () => {
    const weird = [undefined, null, 0, 'x', [], [1], { mode: Symbol('s') }, { listUrls: { length: 3 } }, Object.create(null)];
    for (const w of weird) expect(() => validatePolicy(w)).not.toThrow();
    const throwing = { get mode() { throw new Error('boom'); } };
    expect(() => validatePolicy(throwing)).not.toThrow();
    expect(validatePolicy(undefined)).toEqual({ policy: {}, notes: [] });
    expect(validatePolicy('nope').notes).toHaveLength(1);
  });

  it('drops an unknown mode with a note in both languages', () => {
    const { policy, notes } = validatePolicy({ mode: 'loud' });
    expect(policy).toEqual({});
    expect(notes).toEqual([
      { key: 'mode', id: "Nilai 'mode' tidak dikenal ('loud'); diabaikan.", en: "Unknown value for 'mode' ('loud'); ignored." },
    ]);
  });

  it('notes unknown keys as not a Jaga Netral policy key', () => {
    const { policy, notes } = validatePolicy({ mode: 'warn', listURL: ['https://a.example/'] });
    expect(policy).toEqual({ mode: 'warn' });
    expect(notes).toHaveLength(1);
    expect(notes[0].key).toBe('listURL');
    expect(notes[0].en).toContain('not a Jaga Netral policy key');
    expect(notes[0].id).toContain('bukan kunci kebijakan Jaga Netral');
  });

  describe('listUrls', () => {
    it('keeps good http(s) URLs and drops bad ones one by one, each with a note', () => {
      const raw = { listUrls: ['https://a.example/l.json', 'ftp://b.example/l.json', 42, 'not a url', 'http://c.example/l.json', 'https://u:p@d.example/'] };
      const { policy } = validatePolicy(raw);
      expect(policy.listUrls).toEqual(['https://a.example/l.json', 'http://c.example/l.json']);
      const notes = notesFor(raw, 'listUrls');
      expect(notes).toHaveLength(4);
      expect(notes[0].en).toMatch(/Item 2 of 'listUrls'.*ftp:\/\/b\.example/);
      expect(notes[0].id).toMatch(/Butir ke-2 dari 'listUrls'.*diabaikan\.$/);
    });

    it('keeps at most 20 and notes the rest', () => {
      const urls = Array.from({ length: 22 }, (_, i) => `https://l${i}.example/list.json`);
      const { policy, notes } = validatePolicy({ listUrls: urls });
      expect(policy.listUrls).toHaveLength(20);
      expect(notes).toHaveLength(2);
    });

    it(`keeps at most ${LIMITS.notes} notes, and one more that counts the rest, in both languages`, () => {
      const raw = { listUrls: ['https://a.example/l.json', ...Array.from({ length: 100_000 }, (_, i) => `ftp://bad${i}.example/`)], mode: 'loud' };
      const { policy, notes } = validatePolicy(raw);
      expect(policy).toEqual({ listUrls: ['https://a.example/l.json'] });
      expect(LIMITS.notes).toBe(50);
      expect(notes).toHaveLength(51);
      expect(notes[0].en).toMatch(/^Item 2 of 'listUrls' is invalid: .*ftp:\/\/bad0\.example/);
      expect(notes[49].en).toMatch(/^Item 51 of 'listUrls'/);
      // 100,000 bad URLs and the bad mode: 100,001 notes, 50 shown.
      expect(notes[50]).toEqual({ key: '', id: '… dan 99951 catatan lain (tidak ditampilkan).', en: '… and 99951 more notes (not shown).' });
      // Exactly at the cap: no count; one over: "1 more note".
      const at = (n: number) => validatePolicy({ listUrls: Array.from({ length: n }, () => 42) }).notes;
      expect(at(50)).toHaveLength(50);
      expect(at(50).every((n) => n.key === 'listUrls')).toBe(true);
      expect(at(51)[50]).toEqual({ key: '', id: '… dan 1 catatan lain (tidak ditampilkan).', en: '… and 1 more note (not shown).' });
    });

    it('drops duplicates and a value that is not an array', () => {
      expect(validatePolicy({ listUrls: ['https://a.example/', 'https://a.example/'] }).policy.listUrls).toEqual(['https://a.example/']);
      const r = validatePolicy({ listUrls: 'https://a.example/' });
      expect(r.policy.listUrls).toBeUndefined();
      expect(r.notes[0].en).toContain("'listUrls' must be an array");
    });

    it('keeps an explicit empty list but not a list whose every item was bad', () => {
      expect(validatePolicy({ listUrls: [] }).policy).toEqual({ listUrls: [] });
      expect(validatePolicy({ listUrls: ['ftp://x/'] }).policy).toEqual({});
    });

    it('accepts a JSON string (REG_SZ) where an array is expected', () => {
      expect(validatePolicy({ listUrls: '["https://a.example/l.json"]' }).policy.listUrls).toEqual(['https://a.example/l.json']);
    });
  });

  it('listPublicKeys: keeps ed25519 keys of 32 bytes, drops bad items with notes', () => {
    const short = `ed25519:${Buffer.alloc(16).toString('base64')}`;
    const raw = { listPublicKeys: [KEY_A, 'rsa:abc', short, KEY_B, `${KEY_A.slice(0, -2)}B=`] };
    const { policy } = validatePolicy(raw);
    expect(policy.listPublicKeys).toEqual([KEY_A, KEY_B]);
    expect(notesFor(raw, 'listPublicKeys')).toHaveLength(3);
  });

  describe('hooksUrls and hooksPublicKeys (signed hooks updates)', () => {
    it('accept what listUrls and listPublicKeys accept, unchanged', () => {
      const raw = { hooksUrls: ['https://hooks.example.go.id/h.json', 'http://intranet.local/h.json'], hooksPublicKeys: [KEY_A, KEY_B] };
      expect(validatePolicy(raw)).toEqual({ policy: raw, notes: [] });
      expect(validatePolicy({ hooksUrls: '["https://a.example/h.json"]' }).policy.hooksUrls).toEqual(['https://a.example/h.json']);
      expect(validatePolicy({ hooksUrls: [] }).policy).toEqual({ hooksUrls: [] });
    });

    it('drop bad items one by one, each with a note in both languages', () => {
      const raw = { hooksUrls: ['https://a.example/h.json', 'ftp://b.example/h.json', 42, 'https://u:p@c.example/', 'https://a.example/h.json'] };
      const { policy } = validatePolicy(raw);
      expect(policy.hooksUrls).toEqual(['https://a.example/h.json']);
      const notes = notesFor(raw, 'hooksUrls');
      expect(notes).toHaveLength(4);
      expect(notes[0].en).toMatch(/Item 2 of 'hooksUrls'.*not an http or https URL.*ignored\.$/);
      expect(notes[0].id).toMatch(/Butir ke-2 dari 'hooksUrls'.*bukan alamat http atau https.*diabaikan\.$/);
      expect(notes[3].en).toContain('duplicate');

      const keys = { hooksPublicKeys: [KEY_A, 'rsa:abc', `${KEY_A.slice(0, -2)}B=`] };
      expect(validatePolicy(keys).policy.hooksPublicKeys).toEqual([KEY_A]);
      expect(notesFor(keys, 'hooksPublicKeys')).toHaveLength(2);
    });

    it('a value that is not a list, or a list with nothing valid, is ignored with a note (the default applies)', () => {
      for (const [key, bad] of [
        ['hooksUrls', 'https://a.example/h.json'],
        ['hooksUrls', ['ftp://x/']],
        ['hooksPublicKeys', KEY_A],
        ['hooksPublicKeys', ['ed25519:abc']],
        ['hooksPublicKeys', { 0: KEY_A }],
      ] as const) {
        const r = validatePolicy({ [key]: bad });
        expect(r.policy, `${key}: ${JSON.stringify(bad)}`).toEqual({});
        expect(r.notes.length).toBeGreaterThan(0);
        expect(r.notes.every((n) => n.key === key && n.id.endsWith('diabaikan.') && n.en.endsWith('ignored.'))).toBe(true);
      }
    });

    it('keeps at most 20 of each', () => {
      const urls = Array.from({ length: 21 }, (_, i) => `https://h${i}.example/h.json`);
      const r = validatePolicy({ hooksUrls: urls });
      expect(r.policy.hooksUrls).toHaveLength(20);
      expect(notesFor({ hooksUrls: urls }, 'hooksUrls')).toHaveLength(1);
    });
  });

  it('syncIntervalMinutes: integers 5..10080, also as GPO strings', () => {
    expect(validatePolicy({ syncIntervalMinutes: 30 }).policy.syncIntervalMinutes).toBe(30);
    expect(validatePolicy({ syncIntervalMinutes: '30' }).policy.syncIntervalMinutes).toBe(30);
    expect(validatePolicy({ syncIntervalMinutes: 5 }).policy.syncIntervalMinutes).toBe(5);
    expect(validatePolicy({ syncIntervalMinutes: 10080 }).policy.syncIntervalMinutes).toBe(10080);
    for (const bad of [4, 10081, 30.5, '30m', '', true, 'abc', -60]) {
      const r = validatePolicy({ syncIntervalMinutes: bad });
      expect(r.policy.syncIntervalMinutes, String(bad)).toBeUndefined();
      expect(r.notes).toHaveLength(1);
      expect(r.notes[0].key).toBe('syncIntervalMinutes');
    }
  });

  it('lockUserSettings: true/false/1/0/"true"/"false"', () => {
    for (const v of [true, 1, 'true', '1']) expect(validatePolicy({ lockUserSettings: v }).policy.lockUserSettings).toBe(true);
    for (const v of [false, 0, 'false', '0']) expect(validatePolicy({ lockUserSettings: v }).policy.lockUserSettings).toBe(false);
    const r = validatePolicy({ lockUserSettings: 'yes' });
    expect(r.policy).toEqual({});
    expect(r.notes[0].key).toBe('lockUserSettings');
  });

  it('actionModes: drops bad entries individually', () => {
    const raw = { actionModes: { like: 'block', repost: 'warn', share: 'loud', follow: 'audit' } };
    const { policy } = validatePolicy(raw);
    expect(policy.actionModes).toEqual({ like: 'block', follow: 'audit' });
    const notes = notesFor(raw, 'actionModes');
    expect(notes).toHaveLength(2);
    expect(notes.map((n) => n.en).join(' ')).toMatch(/repost[\s\S]*loud/);
    expect(validatePolicy({ actionModes: ['like'] }).policy).toEqual({});
  });

  it('sites: platform ids only, bad ones dropped with a note', () => {
    const raw = { sites: ['x', 'twitter', 'facebook'] };
    expect(validatePolicy(raw).policy.sites).toEqual(['x', 'facebook']);
    expect(notesFor(raw, 'sites')).toHaveLength(1);
    expect(notesFor(raw, 'sites')[0].en).toContain('twitter');
  });

  it('organization: strings up to 200 characters, helpUrl http(s)', () => {
    const raw = { organization: { name: 'A'.repeat(201), contact: 'Biro SDM', helpUrl: 'javascript:alert(1)', logo: 'x' } };
    const { policy } = validatePolicy(raw);
    expect(policy.organization).toEqual({ contact: 'Biro SDM' });
    expect(notesFor(raw, 'organization')).toHaveLength(3);
    expect(validatePolicy({ organization: { helpUrl: 'http://intra.example/help' } }).policy.organization).toEqual({
      helpUrl: 'http://intra.example/help',
    });
    expect(validatePolicy({ organization: 'Kementerian' }).policy).toEqual({});
  });

  it('localClauses: each needs id, title, text, source and actions; bad items dropped', () => {
    const good = { id: 'se-1', title: 'T', text: 'Teks', source: 'SE 1/2029', actions: ['like'] };
    const raw = {
      localClauses: [
        good,
        { ...good, id: 'has space' },
        { ...good, id: 'se-2', title: '' },
        { ...good, id: 'se-3', text: 'x'.repeat(2001) },
        { ...good, id: 'se-4', actions: [] },
        { ...good, id: 'se-5', actions: ['like', 'repost'] },
        { ...good, id: 'se-6', source: undefined },
        'not an object',
        { ...good }, // duplicate id
        { ...good, id: 'se-7', text: 'x'.repeat(2000), actions: ['follow', 'comment'] },
      ],
    };
    const { policy } = validatePolicy(raw);
    expect(policy.localClauses?.map((c) => c.id)).toEqual(['se-1', 'se-7']);
    // actions are kept in the canonical order
    expect(policy.localClauses?.[1].actions).toEqual(['comment', 'follow']);
    expect(notesFor(raw, 'localClauses')).toHaveLength(8);
  });

  it('reportUrl: https, or http only to this machine (localhost, 127.0.0.1, [::1])', () => {
    const url = (v: unknown) => validatePolicy({ reportUrl: v }).policy.reportUrl;
    expect(url('https://audit.example/e')).toBe('https://audit.example/e');
    expect(url(' https://es.contoh.go.id:9200/logs-jaganetral-default/_bulk ')).toBe('https://es.contoh.go.id:9200/logs-jaganetral-default/_bulk');
    expect(url('http://localhost:8080/e')).toBe('http://localhost:8080/e');
    expect(url('http://127.0.0.1/e')).toBe('http://127.0.0.1/e');
    expect(url('http://[::1]:9880/jn')).toBe('http://[::1]:9880/jn');
    expect(url('http://LOCALHOST/e')).toBe('http://localhost/e');
    for (const bad of ['http://audit.example/e', 'http://10.0.0.5/e', 'http://127.0.0.1.nip.io/e', 'ftp://audit.example/e', 'https://u:p@audit.example/e', 'audit.example', '', 42]) {
      const r = validatePolicy({ reportUrl: bad });
      expect(r.policy, String(bad)).toEqual({});
      expect(r.notes.map((n) => n.key), String(bad)).toEqual(['reportUrl']);
    }
    expect(notesFor({ reportUrl: 'http://audit.example/e' }, 'reportUrl')[0]).toEqual({
      key: 'reportUrl',
      id: "Nilai 'reportUrl' tidak valid: harus https (http hanya untuk localhost) ('http://audit.example/e'); diabaikan.",
      en: "Invalid value for 'reportUrl': must be https (http only for localhost) ('http://audit.example/e'); ignored.",
    });
  });

  it('reportToken: printable ASCII, trimmed, never echoed into a note', () => {
    const withUrl = { reportUrl: 'https://audit.example/e' };
    expect(validatePolicy({ ...withUrl, reportToken: ' abc ' }).policy.reportToken).toBe('abc');
    expect(validatePolicy({ ...withUrl, reportToken: 'ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==' }).policy.reportToken).toBe(
      'ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==',
    );
    for (const bad of [12345678, 'line1\nline2-s3cret', 'tökén-s3cret', '   ', 'x'.repeat(4097)]) {
      const r = validatePolicy({ ...withUrl, reportToken: bad });
      expect(r.policy).toEqual(withUrl);
      expect(r.notes.map((n) => n.key)).toEqual(['reportToken']);
      expect(r.notes[0].en).not.toContain('s3cret');
      expect(r.notes[0].en).not.toContain('12345678');
    }
  });

  it('reportFormat: json, ndjson or elasticsearch-bulk', () => {
    const withUrl = { reportUrl: 'https://audit.example/e' };
    expect(validatePolicy({ ...withUrl, reportFormat: 'ndjson' }).policy.reportFormat).toBe('ndjson');
    expect(validatePolicy({ ...withUrl, reportFormat: ' Elasticsearch-Bulk ' }).policy.reportFormat).toBe('elasticsearch-bulk');
    const r = validatePolicy({ ...withUrl, reportFormat: 'xml' });
    expect(r.policy).toEqual(withUrl);
    expect(r.notes).toEqual([
      {
        key: 'reportFormat',
        id: "Nilai 'reportFormat' tidak valid: format tidak dikenal ('xml'; yang dikenal: json, ndjson, elasticsearch-bulk); diabaikan.",
        en: "Invalid value for 'reportFormat': unknown format ('xml'; known: json, ndjson, elasticsearch-bulk); ignored.",
      },
    ]);
  });

  it('reportToken and reportFormat without a valid reportUrl are dropped with a note', () => {
    const r = validatePolicy({ reportUrl: 'http://audit.example/e', reportToken: 's3cret', reportFormat: 'ndjson' });
    expect(r.policy).toEqual({});
    expect(r.notes.map((n) => n.key)).toEqual(['reportUrl', 'reportToken', 'reportFormat']);
    expect(r.notes[1].en).toBe("'reportToken' has no effect without a valid 'reportUrl'; ignored.");
    expect(JSON.stringify(r.notes)).not.toContain('s3cret');
  });

  it('locale: id, en or auto', () => {
    expect(validatePolicy({ locale: 'auto' }).policy.locale).toBe('auto');
    const r = validatePolicy({ locale: 'fr' });
    expect(r.policy).toEqual({});
    expect(r.notes[0]).toMatchObject({ key: 'locale', en: "Unknown value for 'locale' ('fr'); ignored." });
  });

  describe('employeeStatus', () => {
    it('accepts pns, pppk, ppnpn and mixed', () => {
      for (const v of EMPLOYEE_STATUS_SETTINGS) {
        expect(validatePolicy({ employeeStatus: v })).toEqual({ policy: { employeeStatus: v }, notes: [] });
      }
    });

    it('accepts case and spaces as a registry or admin console may write them, like the other choices', () => {
      expect(validatePolicy({ employeeStatus: 'PNS' }).policy.employeeStatus).toBe('pns');
      expect(validatePolicy({ employeeStatus: ' Pppk ' }).policy.employeeStatus).toBe('pppk');
      expect(validatePolicy({ employeeStatus: 'MIXED\n' }).policy.employeeStatus).toBe('mixed');
    });

    it('ignores an unknown value with a note in both languages that names it', () => {
      const r = validatePolicy({ employeeStatus: 'asn', mode: 'warn' });
      expect(r.policy).toEqual({ mode: 'warn' });
      expect(r.notes).toEqual([
        {
          key: 'employeeStatus',
          id: "Nilai 'employeeStatus' tidak dikenal ('asn'; yang dikenal: pns, pppk, ppnpn, mixed); diabaikan.",
          en: "Unknown value for 'employeeStatus' ('asn'; known: pns, pppk, ppnpn, mixed); ignored.",
        },
      ]);
      for (const bad of [1, true, ['pns'], { pns: true }, '', 'pns pppk']) {
        const b = validatePolicy({ employeeStatus: bad });
        expect(b.policy, JSON.stringify(bad)).toEqual({});
        expect(b.notes.map((n) => n.key), JSON.stringify(bad)).toEqual(['employeeStatus']);
      }
    });
  });

  describe('localClauses: appliesTo', () => {
    const clause = { id: 'se-1', title: 'T', text: 'Teks', source: 'SE 1/2029', actions: ['like'] };
    const only = (appliesTo: unknown) => validatePolicy({ localClauses: [{ ...clause, appliesTo }] });

    it('is optional: absent (or null) means the clause binds everyone', () => {
      expect(validatePolicy({ localClauses: [clause] })).toEqual({ policy: { localClauses: [clause] }, notes: [] });
      expect(only(null)).toEqual({ policy: { localClauses: [clause] }, notes: [] });
    });

    it('keeps known statuses in canonical order, without duplicates, case-insensitively', () => {
      expect(only(['ppnpn', 'PNS', 'pns']).policy.localClauses).toEqual([{ ...clause, appliesTo: ['pns', 'ppnpn'] }]);
      expect(only('["pppk"]').policy.localClauses).toEqual([{ ...clause, appliesTo: ['pppk'] }]);
      expect(only([...EMPLOYEE_STATUSES]).notes).toEqual([]);
    });

    it('drops an unknown item with a note and keeps the clause and the rest', () => {
      const r = only(['pns', 'mixed', 'honorer']);
      expect(r.policy.localClauses).toEqual([{ ...clause, appliesTo: ['pns'] }]);
      expect(r.notes).toEqual([
        {
          key: 'localClauses',
          id: "Butir ke-1 dari 'localClauses': status 'mixed' di 'appliesTo' dari 'se-1' tidak dikenal (yang dikenal: pns, pppk, ppnpn); diabaikan.",
          en: "Item 1 of 'localClauses': unknown status 'mixed' in 'appliesTo' of 'se-1' (known: pns, pppk, ppnpn); ignored.",
        },
        {
          key: 'localClauses',
          id: "Butir ke-1 dari 'localClauses': status 'honorer' di 'appliesTo' dari 'se-1' tidak dikenal (yang dikenal: pns, pppk, ppnpn); diabaikan.",
          en: "Item 1 of 'localClauses': unknown status 'honorer' in 'appliesTo' of 'se-1' (known: pns, pppk, ppnpn); ignored.",
        },
      ]);
    });

    it('an empty, wholly invalid or non-list appliesTo is dropped with one note: the clause then binds everyone', () => {
      for (const bad of [[], ['asn', 7], 'pns', 42, { pns: true }]) {
        const r = only(bad);
        expect(r.policy.localClauses, JSON.stringify(bad)).toEqual([clause]);
        expect(r.notes, JSON.stringify(bad)).toHaveLength(1);
        expect(r.notes[0].key).toBe('localClauses');
        expect(r.notes[0].en).toMatch(/^Item 1 of 'localClauses': 'appliesTo' of 'se-1' .*the clause applies to every employee\); ignored\.$/);
        expect(r.notes[0].id).toMatch(/^Butir ke-1 dari 'localClauses': 'appliesTo' dari 'se-1' .*ketentuan ini berlaku bagi semua pegawai\); diabaikan\.$/);
      }
    });

    it('names the right item, and says nothing about appliesTo of a clause dropped for another reason', () => {
      const r = validatePolicy({
        localClauses: [clause, { ...clause, id: 'se-2', appliesTo: ['x'] }, { ...clause, id: 'se-3', title: '', appliesTo: ['x'] }],
      });
      expect(r.policy.localClauses?.map((c) => c.id)).toEqual(['se-1', 'se-2']);
      expect(r.notes.map((n) => n.en)).toEqual([
        "Item 2 of 'localClauses': 'appliesTo' of 'se-2' names none of pns, pppk, ppnpn ('[\"x\"]'; the clause applies to every employee); ignored.",
        "Item 3 of 'localClauses' is invalid: 'title' of 'se-3' is empty; ignored.",
      ]);
    });
  });

  it('keeps the valid keys when others are bad', () => {
    const { policy, notes } = validatePolicy({ mode: 'block', sites: 'x', syncIntervalMinutes: '15', bogus: 1 });
    expect(policy).toEqual({ mode: 'block', syncIntervalMinutes: 15 });
    expect(notes.map((n) => n.key).sort()).toEqual(['bogus', 'sites']);
  });
});

describe('effectiveConfig', () => {
  const user = { mode: 'audit' as const, listUrls: ['https://user.example/l.json'], sites: ['x' as const] };

  it('uses the defaults with nothing set', () => {
    const c = effectiveConfig(undefined, undefined);
    expect(c).toEqual({
      listUrls: [],
      listPublicKeys: [],
      hooksUrls: [],
      hooksPublicKeys: [],
      syncIntervalMinutes: 60,
      mode: 'warn',
      actionModes: {},
      sites: [...PLATFORMS],
      organization: {},
      localClauses: [],
      locale: 'id',
      employeeStatus: 'mixed',
      managed: false,
      locked: false,
      policyKeys: [],
    });
    expect(DEFAULTS.sites).toEqual([...PLATFORMS]);
  });

  it('unmanaged: the user wins over the default', () => {
    const c = effectiveConfig({ managed: false, policy: {}, notes: [], readAt: 0 }, user);
    expect(c.mode).toBe('audit');
    expect(c.listUrls).toEqual(user.listUrls);
    expect(c.sites).toEqual(['x']);
    expect(c.managed).toBe(false);
    expect(c.locked).toBe(false);
  });

  it('managed, unlocked: the user wins over the policy, the policy over the default', () => {
    const c = effectiveConfig(managed({ mode: 'block', syncIntervalMinutes: 15, listUrls: ['https://org.example/l.json'] }), user);
    expect(c.mode).toBe('audit');
    expect(c.listUrls).toEqual(user.listUrls);
    expect(c.syncIntervalMinutes).toBe(15);
    expect(c.managed).toBe(true);
    expect(c.locked).toBe(false);
    expect(c.policyKeys.sort()).toEqual(['listUrls', 'mode', 'syncIntervalMinutes']);
  });

  it('hooks: policy only; hooksPublicKeys defaults to the policy’s listPublicKeys', () => {
    expect(effectiveConfig(managed({ hooksUrls: ['https://org.example/h.json'], listPublicKeys: [KEY_A] }), undefined)).toMatchObject({
      hooksUrls: ['https://org.example/h.json'],
      hooksPublicKeys: [KEY_A],
    });
    expect(effectiveConfig(managed({ listPublicKeys: [KEY_A], hooksPublicKeys: [KEY_B] }), undefined).hooksPublicKeys).toEqual([KEY_B]);
    // An explicit empty list trusts no key for hooks (not the list keys).
    expect(effectiveConfig(managed({ listPublicKeys: [KEY_A], hooksPublicKeys: [] }), undefined).hooksPublicKeys).toEqual([]);
    // A key the user typed for lists is not trusted for the organisation's hooks.
    expect(effectiveConfig(managed({ hooksUrls: ['https://org.example/h.json'] }), { listPublicKeys: [KEY_B] }).hooksPublicKeys).toEqual([]);
    // Unmanaged: no hooks updates at all, whatever is stored.
    const unmanaged = effectiveConfig({ managed: false, policy: { hooksUrls: ['https://x.example/h.json'] }, notes: [], readAt: 0 }, { listPublicKeys: [KEY_A] });
    expect([unmanaged.hooksUrls, unmanaged.hooksPublicKeys]).toEqual([[], []]);
  });

  it('managed, unlocked: the user may even switch off', () => {
    expect(effectiveConfig(managed({ mode: 'block' }), { mode: 'off' }).mode).toBe('off');
  });

  it('managed, locked: every key the policy sets wins', () => {
    const c = effectiveConfig(
      managed({ mode: 'block', listUrls: ['https://org.example/l.json'], locale: 'en', lockUserSettings: true }),
      { ...user, locale: 'id', syncIntervalMinutes: 120 },
    );
    expect(c.mode).toBe('block');
    expect(c.listUrls).toEqual(['https://org.example/l.json']);
    expect(c.locale).toBe('en');
    // a key the policy does not set is still the user's
    expect(c.syncIntervalMinutes).toBe(120);
    expect(c.locked).toBe(true);
    expect(c.policyKeys).toContain('lockUserSettings');
  });

  it('managed, locked: the user cannot switch off nor remove sites, even where policy is silent', () => {
    const c = effectiveConfig(managed({ lockUserSettings: true }), {
      mode: 'off',
      actionModes: { like: 'off', share: 'block' },
      sites: ['x'],
    });
    expect(c.mode).toBe('warn');
    expect(c.actionModes).toEqual({ share: 'block' });
    expect(c.sites).toEqual([...PLATFORMS]);
    // a mode other than off is the user's to choose
    expect(effectiveConfig(managed({ lockUserSettings: true }), { mode: 'justify' }).mode).toBe('justify');
  });

  describe('employeeStatus', () => {
    it('is mixed by default, managed or not', () => {
      expect(DEFAULTS.employeeStatus).toBe('mixed');
      expect(effectiveConfig(undefined, undefined).employeeStatus).toBe('mixed');
      expect(effectiveConfig(managed({ mode: 'block' }), {}).employeeStatus).toBe('mixed');
    });

    it('the user setting applies without policy; the policy over the default', () => {
      expect(effectiveConfig(undefined, { employeeStatus: 'pns' }).employeeStatus).toBe('pns');
      expect(effectiveConfig(managed({ employeeStatus: 'ppnpn' }), undefined).employeeStatus).toBe('ppnpn');
    });

    it('unlocked: the user wins over the policy (like locale)', () => {
      const c = effectiveConfig(managed({ employeeStatus: 'pns' }), { employeeStatus: 'pppk' });
      expect(c.employeeStatus).toBe('pppk');
      expect(c.policyKeys).toEqual(['employeeStatus']);
    });

    it('locked: the policy wins; a status the policy leaves unset stays the user’s', () => {
      expect(effectiveConfig(managed({ employeeStatus: 'pns', lockUserSettings: true }), { employeeStatus: 'mixed' }).employeeStatus).toBe('pns');
      expect(effectiveConfig(managed({ lockUserSettings: true }), { employeeStatus: 'pppk' }).employeeStatus).toBe('pppk');
    });

    it('a policy value read from managed storage, GPO-style, ends in the config', async () => {
      fakeBrowser.reset();
      await fakeBrowser.storage.managed.set({ employeeStatus: 'PPPK', lockUserSettings: 1 });
      const state = await readManagedPolicy();
      expect(state.notes).toEqual([]);
      expect(effectiveConfig(state, { employeeStatus: 'pns' }).employeeStatus).toBe('pppk');
    });
  });

  it('lock without management (stray state) locks nothing', () => {
    const c = effectiveConfig({ managed: false, policy: { lockUserSettings: true, mode: 'block' }, notes: [], readAt: 0 }, { mode: 'off' });
    expect(c.locked).toBe(false);
    expect(c.mode).toBe('off');
  });

  it('copies organisation, local clauses and the report endpoint, never the report token', () => {
    const clause = { id: 'se-1', title: 'T', text: 'X', source: 'S', actions: ['like' as const] };
    const c = effectiveConfig(
      managed({ organization: { name: 'Org' }, localClauses: [clause], reportUrl: 'https://a.example/r', reportToken: 't' }),
      undefined,
    );
    expect(c.organization).toEqual({ name: 'Org' });
    expect(c.localClauses).toEqual([clause]);
    expect(c.reportUrl).toBe('https://a.example/r'); // reporting is on, and the popup says so
    expect(c.reportFormat).toBe('json');
    expect('reportToken' in c).toBe(false); // tabs read the config
    expect(JSON.stringify(c)).not.toContain('"t"');
    expect(effectiveConfig(managed({ reportUrl: 'https://a.example/_bulk', reportFormat: 'elasticsearch-bulk' }), undefined).reportFormat).toBe(
      'elasticsearch-bulk',
    );
  });

  it('reporting is off unless a managed policy sets reportUrl', () => {
    expect('reportUrl' in effectiveConfig(undefined, undefined)).toBe(false);
    expect('reportFormat' in effectiveConfig(managed({ mode: 'warn' }), undefined)).toBe(false);
    // a stray unmanaged state carries no policy
    const stray: PolicyState = { managed: false, policy: { reportUrl: 'https://a.example/r' }, notes: [], readAt: 0 };
    expect('reportUrl' in effectiveConfig(stray, undefined)).toBe(false);
    // nothing the user sets turns it on
    expect('reportUrl' in effectiveConfig(undefined, { reportUrl: 'https://a.example/r' } as UserSettings)).toBe(false);
  });

  it('modeFor and isSiteGuarded', () => {
    const c = effectiveConfig(managed({ mode: 'warn', actionModes: { share: 'block' }, sites: ['x'] }), undefined);
    expect(modeFor(c, 'share')).toBe('block');
    expect(modeFor(c, 'like')).toBe('warn');
    expect(isSiteGuarded(c, 'x')).toBe(true);
    expect(isSiteGuarded(c, 'facebook')).toBe(false);
  });

  it('does not share arrays with its inputs', () => {
    const p = managed({ listUrls: ['https://a.example/'] });
    const c = effectiveConfig(p, undefined);
    c.listUrls.push('https://b.example/');
    expect(p.policy.listUrls).toEqual(['https://a.example/']);
  });
});

describe('readManagedPolicy', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('reads and validates what managed storage holds', async () => {
    await fakeBrowser.storage.managed.set({ mode: 'block', syncIntervalMinutes: '30', lockUserSettings: 1, unknownKey: true });
    const s = await readManagedPolicy();
    expect(s.managed).toBe(true);
    expect(s.policy).toEqual({ mode: 'block', syncIntervalMinutes: 30, lockUserSettings: true });
    expect(s.notes.map((n) => n.key)).toEqual(['unknownKey']);
    expect(typeof s.readAt).toBe('number');
  });

  it('an empty managed storage is not managed', async () => {
    const s = await readManagedPolicy();
    expect(s).toMatchObject({ managed: false, policy: {}, notes: [] });
  });

  it('a rejecting managed storage (Chrome without schema, Firefox without policy) is not managed', async () => {
    vi.spyOn(browser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    await expect(readManagedPolicy()).resolves.toMatchObject({ managed: false, policy: {}, notes: [] });
  });

  it('a synchronously throwing managed storage is not managed', async () => {
    vi.spyOn(browser.storage.managed, 'get').mockImplementation(() => {
      throw new Error('not implemented');
    });
    await expect(readManagedPolicy()).resolves.toMatchObject({ managed: false });
  });

  it('a missing managed storage is not managed', async () => {
    const storage = browser.storage as unknown as Record<string, unknown>;
    const saved = storage.managed;
    try {
      Object.defineProperty(storage, 'managed', { value: undefined, configurable: true, writable: true });
      await expect(readManagedPolicy()).resolves.toMatchObject({ managed: false });
    } finally {
      Object.defineProperty(storage, 'managed', { value: saved, configurable: true, writable: true });
    }
  });
});

describe('public/managed_schema.json', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const schema = managedSchema as any;

  function walk(node: unknown, visit: (n: Record<string, unknown>, path: string) => void, path = '$') {
    if (!node || typeof node !== 'object') return;
    visit(node as Record<string, unknown>, path);
    for (const [k, v] of Object.entries(node)) walk(v, visit, `${path}.${k}`);
  }

  it('declares exactly the keys of the Policy type', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual([...POLICY_KEYS].sort());
    // POLICY_KEYS is checked against the Policy type here at compile time:
    const all: Record<keyof Policy, true> = {
      listUrls: true, listPublicKeys: true, hooksUrls: true, hooksPublicKeys: true, syncIntervalMinutes: true, mode: true, actionModes: true, sites: true,
      organization: true, localClauses: true, reportUrl: true, reportToken: true, reportFormat: true, locale: true,
      employeeStatus: true, lockUserSettings: true,
    };
    expect(Object.keys(all).sort()).toEqual([...POLICY_KEYS].sort());
  });

  it('stays in the subset Chrome accepts', () => {
    expect('additionalProperties' in schema).toBe(false);
    walk(schema, (n, path) => {
      if ('required' in n && typeof n.required === 'boolean') throw new Error(`boolean required at ${path}`);
      if (n.type === 'array') expect(n.items, `${path}.items`).toBeTypeOf('object');
      if (n.type === 'object' && path !== '$') expect(n.properties, `${path}.properties`).toBeTypeOf('object');
    });
  });

  it('gives each policy a title and a description, and types that match', () => {
    const types: Record<string, string> = {
      listUrls: 'array', listPublicKeys: 'array', hooksUrls: 'array', hooksPublicKeys: 'array', syncIntervalMinutes: 'integer', mode: 'string', actionModes: 'object',
      sites: 'array', organization: 'object', localClauses: 'array', reportUrl: 'string', reportToken: 'string',
      reportFormat: 'string', locale: 'string', employeeStatus: 'string', lockUserSettings: 'boolean',
    };
    for (const [k, p] of Object.entries<Record<string, unknown>>(schema.properties)) {
      expect(p.title, k).toBeTypeOf('string');
      expect(p.description, k).toBeTypeOf('string');
      expect(p.type, k).toBe(types[k]);
    }
    expect(schema.properties.mode.enum).toEqual(['off', 'audit', 'warn', 'justify', 'block']);
    expect(schema.properties.reportFormat.enum).toEqual([...REPORT_FORMATS]);
    expect(Object.keys(schema.properties.actionModes.properties).sort()).toEqual(['comment', 'follow', 'like', 'share']);
    expect(schema.properties.sites.items.enum).toEqual([...PLATFORMS]);
    expect(Object.keys(schema.properties.organization.properties).sort()).toEqual(['contact', 'helpUrl', 'name']);
    expect(Object.keys(schema.properties.localClauses.items.properties).sort()).toEqual(['actions', 'appliesTo', 'id', 'source', 'text', 'title']);
    expect(schema.properties.employeeStatus.enum).toEqual([...EMPLOYEE_STATUS_SETTINGS]);
    expect(schema.properties.localClauses.items.properties.appliesTo.items.enum).toEqual([...EMPLOYEE_STATUSES]);
  });

  it('marks reportToken as a sensitive value', () => {
    expect(schema.properties.reportToken.sensitiveValue).toBe(true);
  });
});

describe('a value nested too deep to print', () => {
  it('drops only that item, with a note, and keeps the good ones', async () => {
    const { validatePolicy } = await import('../../lib/policy/validate');
    let deep: unknown = [];
    for (let i = 0; i < 20_000; i++) deep = [deep];
    const r = validatePolicy({ sites: ['x', deep, 'facebook'] } as never);
    expect(r.policy.sites).toEqual(['x', 'facebook']);
    expect(r.notes.length).toBe(1);
  });
});
