/**
 * The IT admin pack (admin/): it is exactly what `npm run admin-pack` writes today, and every
 * file in it encodes a policy the browsers and the extension accept, checked against
 * public/managed_schema.json by tests/support/admin-check.ts.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS, packInput } from '../../scripts/admin-pack';
import { buildPack } from '../../scripts/admin-pack/pack';
import {
  checkAdmx,
  checkGuides,
  checkJsonAndPlist,
  checkPack,
  checkPs1,
  checkReg,
  chromeRead,
  listFiles,
  parseReg,
  parseXml,
  regKeyAt,
} from '../support/admin-check';
import type { Ids, RegKey, Schema } from '../support/admin-check';

const ROOT = resolve(__dirname, '../..');
const ADMIN = join(ROOT, 'admin');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SCRIPT = join(ROOT, 'scripts/admin-pack.ts');
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'public/managed_schema.json'), 'utf8')) as Schema;
const IDS: Ids = { chromeId: 'ijmijnmigcajjoompdhojokndhaekodo', geckoId: 'jaga-netral@jaganetral.id' };

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'jn-admin-pack-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function run(...args: string[]) {
  const r = spawnSync(TSX, [SCRIPT, ...args], { cwd: tmp, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the schema with one key renamed, as a careless edit would leave it. */
function renamed(from: string, to: string): Schema {
  const copy = structuredClone(SCHEMA);
  copy.properties = Object.fromEntries(Object.entries(copy.properties).map(([k, v]) => [k === from ? to : k, v]));
  return copy;
}

describe('admin pack: committed files', () => {
  it('are byte for byte what the generator writes from the current schema (run `npm run admin-pack` after changing it)', () => {
    const pack = buildPack(packInput());
    expect(listFiles(ADMIN)).toEqual([...pack.files.keys()].sort());
    const stale = [...pack.files].filter(([path, bytes]) => !readFileSync(join(ADMIN, path)).equals(bytes)).map(([p]) => p);
    expect(stale).toEqual([]);
  });

  it('come with the fixed extension ids by default', () => {
    expect(DEFAULTS.chromeId).toBe(IDS.chromeId);
    expect(DEFAULTS.geckoId).toBe(IDS.geckoId);
  });

  it('have an Indonesian text for every schema key and set every key in the example (no generator warning)', () => {
    expect(buildPack(packInput()).warnings).toEqual([]);
  });
});

describe('admin pack: every file against managed_schema.json', () => {
  it('policy.json, Linux, Firefox policies.json, Google Admin console JSON and the macOS profile', () => {
    expect(checkJsonAndPlist(ADMIN, SCHEMA, IDS)).toEqual([]);
  });

  it('the .reg files, read as Chrome/Edge (by the schema) and Firefox (GPO parser) read the registry', () => {
    expect(checkReg(ADMIN, SCHEMA, IDS)).toEqual([]);
  });

  it('the ADMX templates and their en-US and id-ID ADML', () => {
    expect(checkAdmx(ADMIN, SCHEMA, IDS)).toEqual([]);
  });

  it('the Intune script for Edge', () => {
    expect(checkPs1(ADMIN, SCHEMA, IDS)).toEqual([]);
  });

  it('the guides have a policy reference row for every key', () => {
    expect(checkGuides(ADMIN, SCHEMA, IDS)).toEqual([]);
  });

  it('the guides link only to README sections that exist', () => {
    // GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens.
    const slug = (h: string) => h.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const anchors = new Set(
      readFileSync(join(ROOT, 'README.md'), 'utf8')
        .split('\n')
        .filter((l) => /^#{1,6} /.test(l))
        .map((l) => slug(l.replace(/^#+ /, ''))),
    );
    for (const f of ['PANDUAN.md', 'GUIDE.md']) {
      const links = [...readFileSync(join(ADMIN, f), 'utf8').matchAll(/\(\.\.\/README\.md#([^)]+)\)/g)].map((m) => m[1]);
      expect(links.length, f).toBeGreaterThan(2);
      expect(links.filter((a) => !anchors.has(a)), f).toEqual([]);
    }
  });

  it('a key renamed in the schema makes every format fail the check', () => {
    const problems = checkPack(ADMIN, renamed('mode', 'protectionMode'), IDS);
    for (const file of [
      'policy.json',
      'linux/chrome/jaga-netral.json',
      'firefox/policies.json',
      'google-admin/policy-for-extensions.json',
      'macos/jaga-netral.mobileconfig',
      'windows/reg/chrome-policy.reg',
      'windows/reg/firefox-policy.reg',
      'windows/admx/jaga-netral-edge.admx',
      'windows/edge-intune.ps1',
      'PANDUAN.md',
      'GUIDE.md',
    ]) {
      expect(problems.filter((p) => p.startsWith(file) && /'(mode|protectionMode)'/.test(p)), file).not.toEqual([]);
    }
  });

  it('a value out of the schema range in a .reg file is caught', () => {
    const dir = join(tmp, 'tampered');
    cpSync(ADMIN, dir, { recursive: true });
    const f = join(dir, 'windows/reg/chrome-policy.reg');
    const text = readFileSync(f).toString('utf16le').replace('"syncIntervalMinutes"=dword:0000003c', '"syncIntervalMinutes"=dword:00000002');
    writeFileSync(f, Buffer.from(text, 'utf16le'));
    expect(checkReg(dir, SCHEMA, IDS).join('\n')).toMatch(/chrome-policy\.reg: syncIntervalMinutes = 2 is below 5/);
  });
});

describe('admin pack: a key added to the schema', () => {
  it('appears in the templates, the script and the guides with no code change', () => {
    const schema = structuredClone(SCHEMA);
    schema.properties.warningDelaySeconds = { type: 'integer', minimum: 0, maximum: 30, title: 'Warning delay', description: 'Seconds before Proceed is enabled.' } as never;
    schema.properties.auditLevel = { type: 'string', enum: ['low', 'high'], title: 'Audit level', description: 'How much is recorded.' } as never;
    const pack = buildPack({ ...packInput(), schemaText: JSON.stringify(schema) });
    const dir = join(tmp, 'extended');
    for (const [path, bytes] of pack.files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    expect(checkAdmx(dir, schema, IDS)).toEqual([]);
    expect(checkGuides(dir, schema, IDS)).toEqual([]);
    const admx = readFileSync(join(dir, 'windows/admx/jaga-netral-edge.admx'), 'utf8');
    expect(admx).toMatch(/<decimal id="warningDelaySeconds" valueName="warningDelaySeconds" minValue="0" maxValue="30"/);
    expect(admx).toMatch(/<enum id="auditLevel" valueName="auditLevel"/);
    expect(readFileSync(join(dir, 'windows/edge-intune.ps1'), 'utf8')).toContain("auditLevel = @{ Kind = 'String'; Value = $auditLevel }");
    // English stands in until the Indonesian text is added, and the generator says so.
    expect(readFileSync(join(dir, 'windows/admx/id-ID/jaga-netral-chrome.adml'), 'utf8')).toContain('<string id="auditLevel">Audit level</string>');
    expect(pack.warnings.join('\n')).toMatch(/no Indonesian text for 'auditLevel'/);
    expect(pack.warnings.join('\n')).toMatch(/does not set 'warningDelaySeconds'/);
  });
});

describe('admin pack: what an admin sees', () => {
  it('Chrome reads the .reg policy back as the example policy, lists and booleans included', () => {
    const reg = parseReg(readFileSync(join(ADMIN, 'windows/reg/chrome-policy.reg')), 'chrome-policy.reg');
    const key = regKeyAt(reg, `SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${IDS.chromeId}\\policy`)!;
    expect(key.values.get('locksettings')).toBeUndefined();
    expect(key.values.get('lockusersettings')).toMatchObject({ type: 'REG_DWORD', data: 1 });
    expect(key.keys.get('listurls')?.values.get('1')).toMatchObject({ type: 'REG_SZ' });
    const problems: string[] = [];
    const policy = chromeRead(key, SCHEMA, problems, 'chrome-policy.reg');
    expect(problems).toEqual([]);
    expect(policy).toEqual(JSON.parse(readFileSync(join(ADMIN, 'policy.json'), 'utf8')));
  });

  it('the Group Policy editor offers the modes in Indonesian, with "warn" preselected', () => {
    const adml = parseXml(readFileSync(join(ADMIN, 'windows/admx/id-ID/jaga-netral-chrome.adml'), 'utf8'), 'adml');
    const str = (id: string) => [...adml.getElementsByTagName('string')].find((s) => s.getAttribute('id') === id)?.textContent;
    expect(str('mode')).toBe('Mode perlindungan');
    expect(str('mode_warn')).toBe('warn: Peringatkan');
    expect(str('JagaNetral')).toBe('Jaga Netral (Google Chrome)');
    const dropdown = [...adml.getElementsByTagName('dropdownList')].find((d) => d.getAttribute('refId') === 'mode')!;
    expect(SCHEMA.properties.mode.enum![Number(dropdown.getAttribute('defaultItem'))]).toBe('warn');
  });

  it('the macOS profile keeps its UUIDs when regenerated, and changes them for another extension id', () => {
    const uuids = (text: string) => [...text.matchAll(/<key>PayloadUUID<\/key>\s*<string>([^<]+)</g)].map((m) => m[1]);
    const committed = uuids(readFileSync(join(ADMIN, 'macos/jaga-netral.mobileconfig'), 'utf8'));
    const again = uuids(buildPack(packInput()).files.get('macos/jaga-netral.mobileconfig')!.toString('utf8'));
    const other = uuids(buildPack(packInput({ chromeId: 'a'.repeat(32) })).files.get('macos/jaga-netral.mobileconfig')!.toString('utf8'));
    expect(again).toEqual(committed);
    expect(other).not.toEqual(committed);
  });
});

describe('admin pack: employeeStatus and local clauses', () => {
  /**
   * A file's text. The .reg files are UTF-16 with a byte order mark, and regedit writes a
   * REG_MULTI_SZ (Firefox's JSON values) as hex bytes: their decoded values are added.
   */
  const textOf = (path: string) => {
    const b = readFileSync(path);
    if (b[0] !== 0xff || b[1] !== 0xfe) return b.toString('utf8');
    const values: string[] = [];
    const walk = (k: RegKey) => {
      for (const v of k.values.values()) values.push(...[v.data].flat().map(String));
      k.keys.forEach(walk);
    };
    walk(parseReg(b, path));
    return [b.subarray(2).toString('utf16le'), ...values].join('\n');
  };

  it('is in every file that carries the policy, as "mixed" in the example', () => {
    const files = listFiles(ADMIN).filter((f) => !/(-install|-forcelist)\.(reg|json)$|\.gitattributes$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) expect(textOf(join(ADMIN, f)), f).toContain('employeeStatus');
    const policy = JSON.parse(readFileSync(join(ADMIN, 'policy.json'), 'utf8'));
    expect(policy.employeeStatus).toBe('mixed');
    for (const f of ['chrome', 'edge', 'firefox']) {
      expect(textOf(join(ADMIN, `windows/reg/${f}-policy.reg`)), f).toContain('"employeeStatus"="mixed"');
    }
    expect(textOf(join(ADMIN, 'windows/edge-intune.ps1'))).toContain("[string] $employeeStatus = 'mixed'");
    expect(textOf(join(ADMIN, 'macos/jaga-netral.mobileconfig'))).toMatch(/<key>employeeStatus<\/key>\s*<string>mixed<\/string>/);
  });

  it('the Group Policy editor offers the four statuses in Indonesian, "mixed" preselected', () => {
    for (const browser of ['chrome', 'edge', 'firefox']) {
      const admx = textOf(join(ADMIN, `windows/admx/jaga-netral-${browser}.admx`));
      const values = [...admx.matchAll(/<item displayName="\$\(string\.employeeStatus_[a-z]+\)"><value><string>([a-z]+)</g)].map((m) => m[1]);
      expect(values, browser).toEqual(['pns', 'pppk', 'ppnpn', 'mixed']);
      const adml = parseXml(textOf(join(ADMIN, `windows/admx/id-ID/jaga-netral-${browser}.adml`)), 'adml');
      const str = (id: string) => [...adml.getElementsByTagName('string')].find((e) => e.getAttribute('id') === id)?.textContent;
      expect(str('employeeStatus')).toBe('Status kepegawaian');
      expect(str('employeeStatus_ppnpn')).toBe('ppnpn: PPNPN (pegawai pemerintah non-ASN)');
      expect(str('employeeStatus_mixed')).toBe('mixed: Campuran atau tidak diketahui');
      const dropdown = [...adml.getElementsByTagName('dropdownList')].find((d) => d.getAttribute('refId') === 'employeeStatus')!;
      expect(SCHEMA.properties.employeeStatus.enum![Number(dropdown.getAttribute('defaultItem'))]).toBe('mixed');
    }
  });

  it('both guides explain the four values and appliesTo on local clauses', () => {
    for (const [f, words] of [
      ['PANDUAN.md', ['Status kepegawaian', 'Campuran atau tidak diketahui', 'pegawai pemerintah non-ASN']],
      ['GUIDE.md', ['Employment status', 'Mixed or unknown', 'non-ASN government staff']],
    ] as const) {
      const guide = textOf(join(ADMIN, f));
      // One row per value in the section on employeeStatus (the value in the second column).
      for (const v of ['pns', 'pppk', 'ppnpn', 'mixed']) expect(guide, `${f} ${v}`).toMatch(new RegExp(`^\\| [^|\`]+ \\| \`${v}\`( \\(\\w+\\))? \\| \\w`, 'm'));
      for (const w of words) expect(guide, f).toContain(w);
      expect(guide, f).toMatch(/^\| `employeeStatus` \| `pns` · `pppk` · `ppnpn` · `mixed` \|/m);
      expect(guide, f).toContain('• `appliesTo` (');
    }
  });

  it('no file says the rules hold only "selama masa kampanye" (they hold before, during and after)', () => {
    const narrow = /(?<!sebelum, )selama masa kampanye/i;
    const dirs = [ADMIN, join(ROOT, 'scripts/admin-pack')];
    const offenders = dirs.flatMap((d) => listFiles(d).map((f) => join(d, f))).filter((p) => narrow.test(textOf(p)));
    expect(offenders).toEqual([]);
    const example = JSON.parse(readFileSync(join(ROOT, 'scripts/admin-pack/example-policy.json'), 'utf8'));
    expect(example.localClauses[0].text).toMatch(/^CONTOH FIKTIF, ganti dengan edaran instansi Anda: .*sebelum, selama, dan sesudah masa kampanye\.$/);
    expect(textOf(join(ADMIN, 'windows/reg/firefox-policy.reg'))).toContain('sebelum, selama, dan sesudah masa kampanye');
  });
});

describe('npm run admin-pack', { timeout: 120_000 }, () => {
  it('regenerates the pack for an agency with its own CRX id and URLs', () => {
    const ids: Ids = { chromeId: 'abcdefghijklmnopabcdefghijklmnop', geckoId: 'jaga-netral@bkpsdm.contoh.go.id' };
    const r = run(
      '--out', 'agency',
      '--chrome-id', ids.chromeId,
      '--gecko-id', ids.geckoId,
      '--update-url', 'https://ekstensi.bkpsdm.contoh.go.id/jn/update.xml',
      '--xpi-url', 'https://ekstensi.bkpsdm.contoh.go.id/jn/jaga-netral-1.2.0.xpi',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ files in agency \(\d+ written, 0 unchanged\)/);
    const dir = join(tmp, 'agency');
    expect(checkPack(dir, SCHEMA, ids)).toEqual([]);
    const all = listFiles(dir).map((f) => readFileSync(join(dir, f)));
    const mentions = (s: string) => all.filter((b) => b.includes(s) || b.includes(Buffer.from(s, 'utf16le'))).length;
    expect(mentions(IDS.chromeId)).toBe(0);
    expect(mentions(IDS.geckoId)).toBe(0);
    expect(mentions('https://ekstensi.bkpsdm.contoh.go.id/jn/update.xml')).toBeGreaterThan(5);
    expect(readFileSync(join(dir, 'linux/edge/jaga-netral-install.json'), 'utf8')).toContain('"update_url": "https://ekstensi.bkpsdm.contoh.go.id/jn/update.xml"');
    // A second run changes nothing.
    expect(run('--out', 'agency', '--chrome-id', ids.chromeId, '--gecko-id', ids.geckoId, '--update-url', 'https://ekstensi.bkpsdm.contoh.go.id/jn/update.xml', '--xpi-url', 'https://ekstensi.bkpsdm.contoh.go.id/jn/jaga-netral-1.2.0.xpi').stdout).toMatch(/\(0 written, \d+ unchanged\)/);
  });

  it('writes the agency policy given with --policy into every file', () => {
    const policy = { ...JSON.parse(readFileSync(join(ADMIN, 'policy.json'), 'utf8')), mode: 'block', syncIntervalMinutes: 30 };
    writeFileSync(join(tmp, 'mine.json'), JSON.stringify(policy));
    const r = run('--out', 'mine', '--policy', 'mine.json');
    expect(r.code).toBe(0);
    expect(checkPack(join(tmp, 'mine'), SCHEMA, IDS)).toEqual([]);
    expect(JSON.parse(readFileSync(join(tmp, 'mine/policy.json'), 'utf8'))).toMatchObject({ mode: 'block', syncIntervalMinutes: 30 });
    expect(readFileSync(join(tmp, 'mine/windows/edge-intune.ps1'), 'utf8')).toContain("$mode = 'block'");
  });

  it('refuses a policy the extension would ignore, says why, and writes nothing', () => {
    writeFileSync(join(tmp, 'bad.json'), JSON.stringify({ mode: 'loud', syncIntervalMinutes: 1, listUrls: ['ftp://x/'], colour: 'red' }));
    const r = run('--out', 'bad', '--policy', 'bad.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.json: 'colour' is not a key of public\/managed_schema\.json/);
    expect(r.stderr).toMatch(/bad\.json: mode: "loud" is not one of/);
    expect(r.stderr).toMatch(/bad\.json: syncIntervalMinutes: 1 is below the minimum 5/);
    expect(r.stderr).toMatch(/listUrls.*not an http or https URL/);
    expect(r.stderr).toMatch(/Nothing written\./);
    expect(existsSync(join(tmp, 'bad'))).toBe(false);
  });

  it('rejects a malformed extension id or URL with a usage error', () => {
    const id = run('--out', 'x', '--chrome-id', 'NOT-AN-ID');
    expect(id.code).toBe(2);
    expect(id.stderr).toMatch(/--chrome-id must be 32 letters a-p/);
    const url = run('--out', 'x', '--update-url', 'ftp://example/update.xml');
    expect(url.code).toBe(2);
    expect(url.stderr).toMatch(/--update-url must be an http or https URL/);
    expect(existsSync(join(tmp, 'x'))).toBe(false);
  });
});
