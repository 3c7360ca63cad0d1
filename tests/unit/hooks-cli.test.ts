/**
 * `npm run hooks` end to end: the real script in a child process, in a temp directory, with
 * keys made by the real `npm run list -- keygen` (hooks and lists share keys).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSiteHooks } from '../../lib/hooks/format';
import type { SiteHooks } from '../../lib/hooks/types';
import { listCli, ROOT } from '../support/cli';

const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SCRIPT = join(ROOT, 'scripts/hooks.ts');

let dir: string;
let pub: string;
let otherPub: string;

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [SCRIPT, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Small valid hooks (fictional), one per site. */
function hooks(site: 'x' | 'facebook', version = 2): SiteHooks {
  return {
    site,
    hooksVersion: version,
    minEngine: 1,
    selectors: {
      post: { css: [site === 'x' ? 'article[data-testid="tweet"]' : 'div[role="article"]'], required: 'content' },
      like: { css: ['[data-testid="like"]', '[aria-label="Suka"]'], label: 'like', required: 'control' },
    },
    labels: { like: { id: ['Suka'], en: ['Like'] } },
    paths: { profile: ['/{handle}'] },
    shortcuts: {},
    thresholds: { maxCaption: 40 },
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jn-hooks-cli-'));
  for (const k of ['keys', 'other']) {
    const r = listCli(['keygen', '--out', join(dir, k)]);
    expect(r.code, r.stderr).toBe(0);
  }
  pub = readFileSync(join(dir, 'keys/list-key.pub'), 'utf8').trim();
  otherPub = readFileSync(join(dir, 'other/list-key.pub'), 'utf8').trim();
  writeFileSync(join(dir, 'x.json'), formatSiteHooks(hooks('x')));
  writeFileSync(join(dir, 'facebook.json'), formatSiteHooks(hooks('facebook')));
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run hooks', { timeout: 120_000 }, () => {
  it('build signs the named sites with the document version; verify accepts it', () => {
    const b = run('build', '--key', 'keys/list-key.pem', '--out', 'out/hooks.json', '--version', '7', '--issuer', 'Penerbit Uji', '--site', 'x=x.json', '--site', 'facebook=facebook.json');
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expect(b.stdout.trim()).toBe('OK: version 7, minEngine 1, sites: x 2 hooks, facebook 2 hooks → out/hooks.json');
    const doc = JSON.parse(readFileSync(join(dir, 'out/hooks.json'), 'utf8'));
    expect(doc.format).toBe('jaga-netral-hooks/1');
    expect(doc.publicKey).toBe(pub);
    expect(doc.payload.hooksVersion).toBe(7);
    expect(doc.payload.issuer).toBe('Penerbit Uji');
    // The files say 2; the document's version is the one that counts.
    expect(doc.payload.sites.x.hooksVersion).toBe(7);
    expect(doc.payload.sites.facebook.hooksVersion).toBe(7);
    expect(readdirSync(join(dir, 'out'))).toEqual(['hooks.json']);

    const v = run('verify', '--in', 'out/hooks.json', '--public-key', pub);
    expect(v.stderr).toBe('');
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe('OK: version 7, minEngine 1, sites: x (2 hooks), facebook (2 hooks)');
    // Several keys (rotation), one of them the right one; or the .pub file's path.
    expect(run('verify', '--in', 'out/hooks.json', '--public-key', otherPub, '--public-key', pub).code).toBe(0);
    expect(run('verify', '--in', 'out/hooks.json', '--public-key', 'keys/list-key.pub').code).toBe(0);
  });

  it('build prints every problem naming file, site and hook, exits 1 and writes nothing', () => {
    const bad = hooks('x') as unknown as Record<string, any>;
    bad.selectors.like.css[1] = '[aria-label="Suka"';
    bad.paths.profile = ['/{handle}/{nope}'];
    bad.shortcuts.l = 'reply';
    writeFileSync(join(dir, 'bad-x.json'), JSON.stringify(bad, null, 2));
    writeFileSync(join(dir, 'broken.json'), '{"site": "facebook",');
    const r = run('build', '--key', 'keys/list-key.pem', '--out', 'bad.json', '--version', '8', '--site', 'x=bad-x.json', '--site', 'facebook=broken.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad-x.json: x: selectors.like.css[1]: unbalanced "["');
    expect(r.stderr).toContain('bad-x.json: x: paths.profile[0]: path template "/{handle}/{nope}": unknown placeholder {nope}');
    expect(r.stderr).toContain('bad-x.json: x: shortcuts.l: refers to selectors.reply, which does not exist');
    expect(r.stderr).toMatch(/broken\.json: facebook: not JSON: /);
    expect(r.stderr).toMatch(/4 errors; nothing written\./);
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('bad.json'))).toEqual([]);

    const wrongSite = run('build', '--key', 'keys/list-key.pem', '--out', 'bad.json', '--version', '8', '--site', 'facebook=x.json');
    expect(wrongSite.code).toBe(1);
    expect(wrongSite.stderr).toContain('x.json: facebook: site: the hooks are for "x", expected "facebook"');
  });

  it('verify refuses a tampered document, an untrusted key and a document for a newer engine', () => {
    const text = readFileSync(join(dir, 'out/hooks.json'), 'utf8');
    const tampered = text.replace('[aria-label=\\"Suka\\"]', '[aria-label=\\"Sukai\\"]');
    expect(tampered).not.toBe(text);
    writeFileSync(join(dir, 'tampered.json'), tampered);
    const t = run('verify', '--in', 'tampered.json', '--public-key', pub);
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/tampered\.json: bad-signature: /);
    expect(t.stdout).not.toMatch(/OK/);

    const u = run('verify', '--in', 'out/hooks.json', '--public-key', otherPub);
    expect(u.code).toBe(1);
    expect(u.stderr).toMatch(/untrusted-key/);

    const fx = hooks('x') as unknown as Record<string, any>;
    fx.minEngine = 99;
    writeFileSync(join(dir, 'future.json'), JSON.stringify(fx));
    expect(run('build', '--key', 'keys/list-key.pem', '--out', 'future-out.json', '--version', '9', '--site', 'x=future.json').code).toBe(1);

    const badSel = text.replace('[aria-label=\\"Suka\\"]', '[aria-label=\\"Suka\\"');
    writeFileSync(join(dir, 'bad-sel.json'), badSel);
    const b = run('verify', '--in', 'bad-sel.json', '--public-key', pub);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('bad-sel.json: lint: x: selectors.like.css[1]: unbalanced "["');

    writeFileSync(join(dir, 'page.html'), '<html></html>');
    expect(run('verify', '--in', 'page.html', '--public-key', pub).stderr).toMatch(/not-json/);
    const k = run('verify', '--in', 'out/hooks.json', '--public-key', 'ed25519:short');
    expect(k.code).toBe(1);
    expect(k.stderr).toMatch(/public-key/);
  });

  it('verify gives one line, never a stack, for a duplicate key, deep nesting or a re-encoded signature', () => {
    const text = readFileSync(join(dir, 'out/hooks.json'), 'utf8');
    const cases: [string, string, RegExp][] = [
      ['dup.json', text.replace('"payload":{', '"payload":{"sites":{},'), /^dup\.json: format: duplicate key "sites" in payload \(another reader may take the other one\)$/],
      ['deep.json', text.replace('"payload":{', `"payload":{"rollout":${'['.repeat(200_000)}${']'.repeat(200_000)},`), /^deep\.json: format: nested deeper than 64 levels at payload\.rollout\[0\]/],
      ['deeper.json', '['.repeat(900_000), /^deeper\.json: format: nested deeper than 64 levels at \[0\]/],
      ['urlsafe.json', text.replace(/"signature":"([^"]+)"/, (_m, sig: string) => `"signature":"${sig.replace(/=+$/, '')}"`), /^urlsafe\.json: signature-encoding: the signature is padded differently; expected the standard base64/],
    ];
    for (const [file, body, line] of cases) {
      writeFileSync(join(dir, file), body);
      const r = run('verify', '--in', file, '--public-key', pub);
      expect(r.code, file).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n'), file).toHaveLength(1);
      expect(r.stderr.trimEnd(), file).toMatch(line);
    }
  });

  it('build and format refuse a hooks file that gives a key twice, naming it', () => {
    const twice = formatSiteHooks(hooks('x')).replace('"shortcuts": {', '"shortcuts": {"l": "like", "l": "like",');
    writeFileSync(join(dir, 'twice.json'), twice);
    const b = run('build', '--key', 'keys/list-key.pem', '--out', 'twice-out.json', '--version', '9', '--site', 'x=twice.json');
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('twice.json: x: duplicate key "l" in shortcuts');
    expect(existsSync(join(dir, 'twice-out.json'))).toBe(false);
    const f = run('format', 'twice.json');
    expect(f.code).toBe(1);
    expect(f.stderr).toContain('twice.json: duplicate key "l" in shortcuts');
    expect(readFileSync(join(dir, 'twice.json'), 'utf8')).toBe(twice);
  });

  it('build refuses a site whose minEngine is above this build, naming it', () => {
    const r = run('build', '--key', 'keys/list-key.pem', '--out', 'future-out.json', '--version', '9', '--site', 'x=future.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/engine: needs engine 99, this build has 1/);
    expect(existsSync(join(dir, 'future-out.json'))).toBe(false);
  });

  it('format --check passes a canonical file, flags a messy one without touching it; format rewrites it', () => {
    expect(run('format', '--check', 'x.json', 'facebook.json').code).toBe(0);
    const messy = JSON.stringify(hooks('x'));
    writeFileSync(join(dir, 'messy.json'), messy);
    const c = run('format', '--check', 'messy.json');
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('messy.json: not formatted (run: npm run hooks -- format messy.json)');
    expect(readFileSync(join(dir, 'messy.json'), 'utf8')).toBe(messy);
    const f = run('format', 'messy.json');
    expect(f.code).toBe(0);
    expect(f.stdout.trim()).toBe('formatted messy.json');
    expect(readFileSync(join(dir, 'messy.json'), 'utf8')).toBe(formatSiteHooks(hooks('x')));
    expect(run('format', '--check', 'messy.json').code).toBe(0);
  });

  it('format will not drop unknown keys silently, and reports lint problems', () => {
    const typo = { ...hooks('x'), shortcut: { l: 'like' } };
    const text = JSON.stringify(typo);
    writeFileSync(join(dir, 'typo.json'), text);
    const r = run('format', 'typo.json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('typo.json: unknown key shortcut: rename or remove, then format again');
    expect(readFileSync(join(dir, 'typo.json'), 'utf8')).toBe(text);

    const lint = run('format', '--check', 'bad-x.json');
    expect(lint.code).toBe(1);
    expect(lint.stderr).toContain('bad-x.json: x: selectors.like.css[1]: unbalanced "["');
  });

  it('build without --site takes every lib/sites/*/hooks.json', () => {
    const bundled = readdirSync(join(ROOT, 'lib/sites')).filter((d) => existsSync(join(ROOT, 'lib/sites', d, 'hooks.json')));
    const r = run('build', '--key', 'keys/list-key.pem', '--out', 'bundled.json', '--version', '10', '--issuer', 'Uji');
    if (bundled.length === 0) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/no lib\/sites\/\*\/hooks\.json found/);
      return;
    }
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'bundled.json'), 'utf8'));
    expect(Object.keys(doc.payload.sites).sort()).toEqual([...bundled].sort());
    expect(run('verify', '--in', 'bundled.json', '--public-key', pub).code).toBe(0);
  });

  it('prints usage (mentioning list keygen) for --help, and exit 2 for wrong usage', () => {
    const h = run('--help');
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/npm run list -- keygen[\s\S]*build --key KEY\.pem[\s\S]*verify --in FILE\.json[\s\S]*format \[--check\] FILE/);
    const usage = [
      ['publish'],
      [],
      ['build', '--key', 'keys/list-key.pem', '--out', 'u.json'],
      ['build', '--key', 'keys/list-key.pem', '--out', 'u.json', '--version', 'abc', '--site', 'x=x.json'],
      ['build', '--key', 'keys/list-key.pem', '--out', 'u.json', '--version', '1', '--site', 'x'],
      ['build', '--key', 'keys/list-key.pem', '--out', 'u.json', '--version', '1', '--site', 'myspace=x.json'],
      ['build', '--key', 'keys/list-key.pem', '--out', 'u.json', '--version', '1', '--site', 'x=x.json', '--site', 'x=x.json'],
      ['build', '--frobnicate'],
      ['verify', '--in'],
      ['format'],
    ];
    for (const args of usage) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/Usage:/);
    }
    expect(existsSync(join(dir, 'u.json'))).toBe(false);
  });
});
