/**
 * `npm run list` end to end: the real script in a child process, in a temp directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SCRIPT = join(ROOT, 'scripts/list.ts');

let dir: string;

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [SCRIPT, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GOOD_CSV = [
  'platform,account,name,role,election,party,region,valid_from,valid_until,source',
  'x,@capres_contoh_a,Capres Contoh A (fiktif),presiden,pemilu-2029,Partai Contoh,Nasional,,,KPU-1',
  'x,id:1000000001,Capres Contoh A (fiktif),presiden,pemilu-2029,Partai Contoh,Nasional,,,KPU-1',
  'facebook,https://www.facebook.com/capres.contoh.a,Capres Contoh A (fiktif),presiden,pemilu-2029,Partai Contoh,Nasional,,,KPU-1',
  'x,@cabup_c,Calon Bupati C (fiktif),bupati,pilkada-2031,,,2030-01-01,2031-12-31,',
  '',
].join('\n');

let pub: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jn-list-cli-'));
  writeFileSync(join(dir, 'good.csv'), GOOD_CSV);
  const r = run('keygen', '--out', 'keys');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  pub = readFileSync(join(dir, 'keys/list-key.pub'), 'utf8').trim();
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run list', { timeout: 120_000 }, () => {
  it('keygen writes a private key only its owner can read and a one-line public key', () => {
    expect(pub).toMatch(/^ed25519:[A-Za-z0-9+/]{43}=$/);
    expect(readFileSync(join(dir, 'keys/list-key.pub'), 'utf8')).toBe(`${pub}\n`);
    expect(readFileSync(join(dir, 'keys/list-key.pem'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'keys/list-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('keygen refuses to overwrite a key unless --force is given', () => {
    const before = readFileSync(join(dir, 'keys/list-key.pem'), 'utf8');
    const r = run('keygen', '--out', 'keys');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already exist.*--force/);
    expect(readFileSync(join(dir, 'keys/list-key.pem'), 'utf8')).toBe(before);

    const f = run('keygen', '--out', 'keys2');
    expect(f.code).toBe(0);
    const first = readFileSync(join(dir, 'keys2/list-key.pub'), 'utf8');
    expect(run('keygen', '--out', 'keys2', '--force').code).toBe(0);
    expect(readFileSync(join(dir, 'keys2/list-key.pub'), 'utf8')).not.toBe(first);
  });

  it('build writes a signed list that verify accepts', () => {
    const b = run('build', '--in', 'good.csv', '--key', 'keys/list-key.pem', '--out', 'out/list.json', '--version', '42', '--issuer', 'KPU Contoh');
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/4 entries, 2 subjects .*x 3, facebook 1.*version 42.*out\/list\.json/);
    const list = JSON.parse(readFileSync(join(dir, 'out/list.json'), 'utf8'));
    expect(list.format).toBe('jaga-netral-list/1');
    expect(list.publicKey).toBe(pub);
    expect(list.payload.issuer).toBe('KPU Contoh');
    expect(list.payload.entries.x.keys).toEqual(['@capres_contoh_a', 'id:1000000001', '@cabup_c']);
    // No temp file is left behind.
    expect(readdirSync(join(dir, 'out'))).toEqual(['list.json']);

    const v = run('verify', '--in', 'out/list.json', '--public-key', pub);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe('OK: version 42, 4 entries');
  });

  it('build defaults the version to the current Unix time, so each build is newer', () => {
    const before = Math.floor(Date.now() / 1000);
    expect(run('build', '--in', 'good.csv', '--key', 'keys/list-key.pem', '--out', 'default.json').code).toBe(0);
    const v = JSON.parse(readFileSync(join(dir, 'default.json'), 'utf8')).payload.version;
    expect(v).toBeGreaterThanOrEqual(before);
    expect(v).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('build reports an error with file, line 4 and column "account", exits 1 and writes nothing', () => {
    const lines = GOOD_CSV.split('\n');
    lines[3] = 'facebook,https://www.facebook.com/,Capres Contoh A (fiktif),presiden,pemilu-2029,Partai Contoh,Nasional,,,KPU-1';
    writeFileSync(join(dir, 'bad.csv'), lines.join('\n'));
    const r = run('build', '--in', 'bad.csv', '--key', 'keys/list-key.pem', '--out', 'bad.json', '--version', '1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.csv:4: column "account": "https://www.facebook.com/" is not a valid facebook account');
    expect(r.stderr).toMatch(/1 error; nothing written/);
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('bad.json'))).toEqual([]);
  });

  it('build prints every error, not just the first', () => {
    writeFileSync(join(dir, 'many.csv'), 'platform,account,name\nx,,A\nmyspace,@b,B\nx,@c,\n');
    const r = run('build', '--in', 'many.csv', '--key', 'keys/list-key.pem', '--out', 'many.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('many.csv:2: column "account": account is empty');
    expect(r.stderr).toContain('many.csv:3: column "platform": unknown platform "myspace"');
    expect(r.stderr).toContain('many.csv:4: column "name": name is empty');
    expect(r.stderr).toMatch(/3 errors; nothing written/);
    expect(existsSync(join(dir, 'many.json'))).toBe(false);
  });

  it('build warns about an unknown column by name and still builds', () => {
    writeFileSync(join(dir, 'extra.csv'), 'platform,account,name,catatan\nx,@a_b,A,"bebas, apa saja"\n');
    const r = run('build', '--in', 'extra.csv', '--key', 'keys/list-key.pem', '--out', 'extra.json', '--issuer', 'Uji');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('extra.csv: warning: line 1: unknown column "catatan" is ignored');
    expect(existsSync(join(dir, 'extra.json'))).toBe(true);
  });

  it('build refuses a file that is not UTF-8, naming the line', () => {
    writeFileSync(join(dir, 'latin1.csv'), Buffer.from('platform,account,name\nx,@a,Jos\xe9\n', 'latin1'));
    const r = run('build', '--in', 'latin1.csv', '--key', 'keys/list-key.pem', '--out', 'latin1.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('latin1.csv:2: column "name": the file is not UTF-8 text');
    expect(existsSync(join(dir, 'latin1.json'))).toBe(false);
  });

  it('build reports every bad row, also after a quoting error, and counts errors past the first 100', () => {
    const rows = ['platform,account,name', 'x,@a,"Open', 'x,,B', 'x,@c,"C"x', ...Array.from({ length: 120 }, (_, i) => `x,bad handle ${i},N`)];
    writeFileSync(join(dir, 'quotes.csv'), rows.join('\n'));
    const r = run('build', '--in', 'quotes.csv', '--key', 'keys/list-key.pem', '--out', 'quotes.json');
    expect(r.code).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    // The quote opened on line 2 is closed by the first one on line 4: reported where it opened.
    expect(lines[0]).toBe(
      'quotes.csv:2: column "name": a quoted field opened on line 2 is not closed on that line; its closing quote was taken to be the one on line 4, which is followed by unexpected text "C\\"x"; check the quotes on lines 2–4 (a quote inside a quoted field must be doubled (""))',
    );
    expect(lines[1]).toBe('quotes.csv:3: column "account": account is empty');
    expect(lines[2]).toBe('quotes.csv:4: column "name": unexpected text after a closing quote: "x"; a quote inside a quoted field must be doubled ("")');
    expect(lines[3]).toBe('quotes.csv:5: column "account": "bad handle 0" is not a valid x account');
    expect(lines.slice(-2)).toEqual(['… and 23 more errors (only the first 100 are shown).', '123 errors; nothing written.']);
    expect(lines).toHaveLength(102);
    expect(existsSync(join(dir, 'quotes.json'))).toBe(false);
  });

  it('verify gives one line, never a stack, for deep nesting, a duplicate key or a re-encoded signature', () => {
    const text = readFileSync(join(dir, 'out/list.json'), 'utf8');
    const cases: [string, string, RegExp][] = [
      ['deep-array.json', '['.repeat(1_000_000), /^deep-array\.json: format: nested deeper than 64 levels at \[0\]\[0\]/],
      ['deep-payload.json', text.replace('"payload":{', `"payload":{"x":${'['.repeat(100_000)}${']'.repeat(100_000)},`), /^deep-payload\.json: format: nested deeper than 64 levels at payload\.x\[0\]/],
      ['dup.json', text.replace('"payload":{', '"payload":{"entries":{"x":{"keys":["@someone"],"subjects":[0]}},'), /^dup\.json: format: duplicate key "entries" in payload \(another reader may take the other one\)$/],
      ['sig.json', text.replace(/"signature":"([^"]+)"/, (_m, sig: string) => `"signature":"${sig.slice(0, 40)}\\n${sig.slice(40)}"`), /^sig\.json: signature-encoding: the signature has white space in it; expected the standard base64 of its 64 bytes, 88 characters ending in "=="$/],
    ];
    for (const [file, body, line] of cases) {
      expect(body).not.toBe(text);
      writeFileSync(join(dir, file), body);
      const r = run('verify', '--in', file, '--public-key', pub);
      expect(r.code, file).toBe(1);
      expect(r.stdout, file).toBe('');
      expect(r.stderr.trimEnd().split('\n'), file).toHaveLength(1);
      expect(r.stderr.trimEnd(), file).toMatch(line);
    }
  });

  it('verify rejects a list whose name was changed by one character', () => {
    const text = readFileSync(join(dir, 'out/list.json'), 'utf8');
    const tampered = text.replace('Capres Contoh A (fiktif)', 'Capres Contoh B (fiktif)');
    expect(tampered).not.toBe(text);
    writeFileSync(join(dir, 'tampered.json'), tampered);
    const r = run('verify', '--in', 'tampered.json', '--public-key', pub);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-signature/);
    expect(r.stdout).not.toMatch(/OK/);
  });

  it('verify rejects a list checked against a different key', () => {
    const other = readFileSync(join(dir, 'keys2/list-key.pub'), 'utf8').trim();
    const r = run('verify', '--in', 'out/list.json', '--public-key', other);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/untrusted-key/);
  });

  it('verify rejects a file that is not a list, and a malformed key', () => {
    writeFileSync(join(dir, 'page.html'), '<html></html>');
    const r = run('verify', '--in', 'page.html', '--public-key', pub);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not-json/);
    const k = run('verify', '--in', 'out/list.json', '--public-key', 'ed25519:short');
    expect(k.code).toBe(1);
    expect(k.stderr).toMatch(/public-key/);
  });

  it('prints usage for --help, and usage with exit 2 for an unknown command or flag', () => {
    const h = run('--help');
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/keygen --out DIR[\s\S]*build --in FILE\.csv[\s\S]*verify --in FILE\.json/);
    for (const args of [['publish'], ['build', '--in', 'good.csv', '--frobnicate'], ['verify', '--in'], []]) {
      const r = run(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Usage:/);
    }
    const bv = run('build', '--in', 'good.csv', '--key', 'keys/list-key.pem', '--out', 'v.json', '--version', 'abc');
    expect(bv.code).toBe(2);
    expect(existsSync(join(dir, 'v.json'))).toBe(false);
  });
});
