// @vitest-environment node
/**
 * `npm run zip` end to end: the real script in a child process, on copies of the real builds,
 * writing into temp folders. The CRX is checked the way Chromium's crx_verifier does it, by a
 * parser written here (not the script's code); the zips are read by a second, independent
 * reader that walks the local headers.
 */
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZip, writeZip } from '../../scripts/packaging/zip';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SCRIPT = join(ROOT, 'scripts/package.ts');
const WXT = join(ROOT, 'node_modules/wxt/bin/wxt.mjs');
const GECKO_ID = 'jaga-netral@jaganetral.id';
const BASE = 'https://ekstensi.bkpsdm.contoh.go.id/jaga-netral';

let dir: string;
let buildDir: string;
let version: string;
let keyPath: string;
let keyDer: Buffer;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const clean = { ...process.env };
  delete clean.JN_CRX_KEY;
  delete clean.JN_UPDATE_BASE_URL;
  const r = spawnSync(TSX, [SCRIPT, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...clean, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Packages the copied builds (never rebuilding .output, which other runs may be using). */
function pack(out: string, args: string[] = [], env: Record<string, string> = {}): Run {
  return run(['--skip-build', '--build-dir', buildDir, '--out-dir', join(dir, out), ...args], env);
}

const file = (...p: string[]): Buffer => readFileSync(join(dir, ...p));
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

// --- An independent CRX3 reader (components/crx_file/crx3.proto, crx_verifier.cc) ----------

function varint(buf: Buffer, pos: number): [number, number] {
  let value = 0;
  let mul = 1;
  for (;;) {
    const b = buf[pos++];
    if (b === undefined) throw new Error('truncated varint');
    value += (b & 0x7f) * mul;
    if (!(b & 0x80)) return [value, pos];
    mul *= 128;
  }
}

/** Length-delimited fields by number; any other wire type is an error here. */
function protoFields(buf: Buffer): Map<number, Buffer[]> {
  const out = new Map<number, Buffer[]>();
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = varint(buf, pos);
    if ((tag & 7) !== 2) throw new Error(`unexpected wire type ${tag & 7}`);
    const [len, p2] = varint(buf, p1);
    const field = Math.floor(tag / 8);
    out.set(field, [...(out.get(field) ?? []), buf.subarray(p2, p2 + len)]);
    pos = p2 + len;
  }
  return out;
}

interface ParsedCrx {
  version: number;
  proofs: { publicKey: Buffer; signature: Buffer }[];
  signedHeaderData: Buffer;
  crxId: Buffer;
  archive: Buffer;
}

function parseCrx(crx: Buffer): ParsedCrx {
  const headerLen = crx.readUInt32LE(8);
  const header = protoFields(crx.subarray(12, 12 + headerLen));
  const signedHeaderData = header.get(10000)?.[0] ?? Buffer.alloc(0);
  return {
    version: crx.readUInt32LE(4),
    proofs: (header.get(2) ?? []).map((p) => {
      const f = protoFields(p);
      return { publicKey: f.get(1)![0], signature: f.get(2)![0] };
    }),
    signedHeaderData,
    crxId: protoFields(signedHeaderData).get(1)![0],
    archive: crx.subarray(12 + headerLen),
  };
}

/** What Chromium checks: the magic, a proof whose key hashes to crx_id, every signature valid. */
function verifyCrx(crx: Buffer): { ok: boolean; id: string | null } {
  if (crx.subarray(0, 4).toString('latin1') !== 'Cr24') return { ok: false, id: null };
  const c = parseCrx(crx);
  if (c.version !== 3) return { ok: false, id: null };
  const len = Buffer.alloc(4);
  len.writeUInt32LE(c.signedHeaderData.length);
  const signed = Buffer.concat([Buffer.from('CRX3 SignedData\x00', 'latin1'), len, c.signedHeaderData, c.archive]);
  let developerKey = false;
  for (const p of c.proofs) {
    if (createHash('sha256').update(p.publicKey).digest().subarray(0, 16).equals(c.crxId)) developerKey = true;
    if (!verify('sha256', signed, { key: p.publicKey, format: 'der', type: 'spki' }, p.signature)) return { ok: false, id: null };
  }
  if (!developerKey) return { ok: false, id: null };
  return { ok: true, id: [...c.crxId.toString('hex')].map((h) => 'abcdefghijklmnop'[parseInt(h, 16)]).join('') };
}

// --- An independent ZIP reader: walks the local headers front to back -------------------

function unzip(zip: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let p = 0;
  while (zip.readUInt32LE(p) === 0x04034b50) {
    const flags = zip.readUInt16LE(p + 6);
    const method = zip.readUInt16LE(p + 8);
    const csize = zip.readUInt32LE(p + 18);
    const size = zip.readUInt32LE(p + 22);
    const nameLen = zip.readUInt16LE(p + 26);
    const extraLen = zip.readUInt16LE(p + 28);
    expect(flags & 8, 'no data descriptors').toBe(0);
    const name = zip.subarray(p + 30, p + 30 + nameLen).toString('utf8');
    const body = zip.subarray(p + 30 + nameLen + extraLen, p + 30 + nameLen + extraLen + csize);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(method === 0 || method === 8, `${name}: method ${method}`).toBe(true);
    expect(data.length, name).toBe(size);
    files.set(name, data);
    p += 30 + nameLen + extraLen + csize;
  }
  expect(zip.readUInt32LE(p), 'central directory follows the last entry').toBe(0x02014b50);
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end), 'end record').toBe(0x06054b50);
  expect(zip.readUInt16LE(end + 10), 'entry count').toBe(files.size);
  return files;
}

function firstEntryName(zip: Buffer): string {
  return zip.subarray(30, 30 + zip.readUInt16LE(26)).toString('utf8');
}

function treeOf(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (abs: string, rel: string): void => {
    for (const d of readdirSync(abs, { withFileTypes: true })) {
      if (d.isDirectory()) walk(join(abs, d.name), `${rel}${d.name}/`);
      else out.set(`${rel}${d.name}`, readFileSync(join(abs, d.name)));
    }
  };
  walk(root, '');
  return out;
}

/** Every file of the build is in the package with the same bytes, except manifest.json. */
function expectSameFilesAsBuild(pkg: Map<string, Buffer>, build: string): void {
  const tree = treeOf(join(buildDir, build));
  expect([...pkg.keys()].sort()).toEqual([...tree.keys()].sort());
  for (const [name, data] of tree) if (name !== 'manifest.json') expect(pkg.get(name)!.equals(data), name).toBe(true);
}

const buildManifest = (build: string): Record<string, unknown> => JSON.parse(readFileSync(join(buildDir, build, 'manifest.json'), 'utf8'));

function ensureBuild(name: string, args: string[]): void {
  if (existsSync(join(ROOT, '.output', name, 'manifest.json'))) return;
  // `npm test` builds only Chrome; the Firefox build is made here when it is missing.
  const r = spawnSync(process.execPath, [WXT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  expect(r.status, `wxt ${args.join(' ')}: ${r.stderr}`).toBe(0);
}

beforeAll(() => {
  ensureBuild('chrome-mv3', ['build']);
  ensureBuild('firefox-mv3', ['build', '-b', 'firefox', '--mv3']);
  dir = mkdtempSync(join(tmpdir(), 'jn-package-'));
  buildDir = join(dir, 'build');
  for (const b of ['chrome-mv3', 'firefox-mv3']) cpSync(join(ROOT, '.output', b), join(buildDir, b), { recursive: true });
  version = String(buildManifest('chrome-mv3').version);

  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  mkdirSync(join(dir, 'keys'), { mode: 0o700 });
  keyPath = join(dir, 'keys/agency-crx.pem');
  writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  // The same key in the PKCS#1 form older `openssl genrsa` writes, for the JN_CRX_KEY run.
  writeFileSync(join(dir, 'keys/agency-crx-pkcs1.pem'), privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
  keyDer = publicKey.export({ type: 'spki', format: 'der' });
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run zip', { timeout: 60_000 }, () => {
  let a: Run;
  beforeAll(() => {
    a = pack('a', ['--crx-key', keyPath, '--base-url', `${BASE}/`]);
  }, 60_000);

  it('with a key and a base URL makes every package and exits 0', () => {
    expect(a.stderr).not.toMatch(/error/i);
    expect(a.code).toBe(0);
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(
      ['SHA256SUMS', `jaga-netral-${version}-chrome.zip`, `jaga-netral-${version}.crx`, `jaga-netral-${version}.xpi`, 'update.xml', 'updates.json'].sort(),
    );
  });

  it('writes a CRX3 that verifies, whose id comes from the agency key and is printed', () => {
    const crx = file('a', `jaga-netral-${version}.crx`);
    const parsed = parseCrx(crx);
    expect(parsed.version).toBe(3);
    expect(parsed.proofs).toHaveLength(1);
    expect(parsed.proofs[0].publicKey.equals(keyDer)).toBe(true);
    expect(parsed.crxId.equals(createHash('sha256').update(keyDer).digest().subarray(0, 16))).toBe(true);
    const { ok, id } = verifyCrx(crx);
    expect(ok).toBe(true);
    expect(id).toMatch(/^[a-p]{32}$/);
    expect(id).not.toBe('ijmijnmigcajjoompdhojokndhaekodo');
    expect(a.stdout).toContain(`Chrome/Edge extension id of this CRX: ${id}`);
    expect(a.stdout).toContain(`npm run admin-pack -- --chrome-id ${id} --update-url ${BASE}/update.xml`);
  });

  it('fails verification when one byte of the signed zip is changed', () => {
    const crx = Buffer.from(file('a', `jaga-netral-${version}.crx`));
    expect(verifyCrx(crx).ok).toBe(true);
    crx[crx.length - 100] ^= 0x01;
    expect(verifyCrx(crx).ok).toBe(false);
  });

  it('puts the agency public key and the update URL in the CRX manifest, and the whole build', () => {
    const files = unzip(parseCrx(file('a', `jaga-netral-${version}.crx`)).archive);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.key).toBe(keyDer.toString('base64'));
    expect(manifest.update_url).toBe(`${BASE}/update.xml`);
    const { key: _k, update_url: _u, ...rest } = manifest;
    const { key: _bk, ...buildRest } = buildManifest('chrome-mv3');
    expect(rest).toEqual(buildRest);
    expectSameFilesAsBuild(files, 'chrome-mv3');
  });

  it('writes update.xml for the CRX id, version and URL', () => {
    const xml = file('a', 'update.xml').toString('utf8');
    const id = verifyCrx(file('a', `jaga-netral-${version}.crx`)).id;
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<gupdate xmlns="http:\/\/www\.google\.com\/update2\/response" protocol="2\.0">/);
    expect(xml).toContain(`<app appid="${id}">`);
    expect(xml).toContain(`<updatecheck codebase="${BASE}/jaga-netral-${version}.crx" version="${version}"/>`);
  });

  it('writes a store zip without the manifest key (the stores reject it)', () => {
    const files = unzip(file('a', `jaga-netral-${version}-chrome.zip`));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest).not.toHaveProperty('key');
    expect(manifest).not.toHaveProperty('update_url');
    expect(manifest.version).toBe(version);
    expectSameFilesAsBuild(files, 'chrome-mv3');
  });

  it('writes an XPI with manifest.json at the root, the gecko id and the update_url', () => {
    const xpi = file('a', `jaga-netral-${version}.xpi`);
    expect(firstEntryName(xpi)).toBe('manifest.json');
    const files = unzip(xpi);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.browser_specific_settings.gecko.id).toBe(GECKO_ID);
    expect(manifest.browser_specific_settings.gecko.update_url).toBe(`${BASE}/updates.json`);
    expectSameFilesAsBuild(files, 'firefox-mv3');
    // The normal build is untouched: the update URL exists only in the package.
    expect((buildManifest('firefox-mv3').browser_specific_settings as { gecko: object }).gecko).not.toHaveProperty('update_url');
  });

  it('writes updates.json whose version, link and hash match the XPI', () => {
    const updates = JSON.parse(file('a', 'updates.json').toString('utf8'));
    expect(Object.keys(updates.addons)).toEqual([GECKO_ID]);
    expect(updates.addons[GECKO_ID].updates).toEqual([
      {
        version,
        update_link: `${BASE}/jaga-netral-${version}.xpi`,
        update_hash: `sha256:${sha256(file('a', `jaga-netral-${version}.xpi`))}`,
      },
    ]);
  });

  it('writes SHA256SUMS in sha256sum format for the three packages', () => {
    const names = [`jaga-netral-${version}-chrome.zip`, `jaga-netral-${version}.crx`, `jaga-netral-${version}.xpi`];
    expect(file('a', 'SHA256SUMS').toString('utf8')).toBe(names.map((n) => `${sha256(file('a', n))}  ${n}\n`).join(''));
  });

  it('is reproducible, and takes the key and URL from JN_CRX_KEY / JN_UPDATE_BASE_URL (PKCS#1 key)', () => {
    const b = pack('b', [], { JN_CRX_KEY: join(dir, 'keys/agency-crx-pkcs1.pem'), JN_UPDATE_BASE_URL: BASE });
    expect(b.code).toBe(0);
    expect(b.stderr).not.toMatch(/placeholder|No CRX signing key/);
    expect(file('b', 'SHA256SUMS').equals(file('a', 'SHA256SUMS'))).toBe(true);
    expect(file('b', 'update.xml').equals(file('a', 'update.xml'))).toBe(true);
  });

  it('without a key skips the CRX, says how to supply one, still makes the zip and XPI, and exits 0', () => {
    const c = pack('c');
    expect(c.code).toBe(0);
    expect(c.stderr).toContain('No CRX signing key given');
    expect(c.stderr).toContain('--crx-key');
    expect(c.stderr).toContain('JN_CRX_KEY');
    expect(c.stderr).toMatch(/openssl genrsa -out \S+ 2048/);
    expect(c.stderr).toContain(`placeholder https://ekstensi.contoh.go.id/jaga-netral`);
    expect(readdirSync(join(dir, 'c')).sort()).toEqual(['SHA256SUMS', `jaga-netral-${version}-chrome.zip`, `jaga-netral-${version}.xpi`, 'updates.json'].sort());
    expect(c.stdout).not.toContain('extension id');
    // No base URL: the XPI gets no update_url; updates.json shows the placeholder.
    const manifest = JSON.parse(unzip(file('c', `jaga-netral-${version}.xpi`)).get('manifest.json')!.toString('utf8'));
    expect(manifest.browser_specific_settings.gecko).not.toHaveProperty('update_url');
    expect(JSON.parse(file('c', 'updates.json').toString('utf8')).addons[GECKO_ID].updates[0].update_link).toBe(
      `https://ekstensi.contoh.go.id/jaga-netral/jaga-netral-${version}.xpi`,
    );
    expect(file('c', 'SHA256SUMS').toString('utf8').trim().split('\n')).toHaveLength(2);
  });

  it('refuses to write a new key inside the git work tree, and writes nothing', () => {
    const inside = join(ROOT, '.tmp', `package-test-${process.pid}`, 'crx-key.pem');
    const r = pack('e', ['--new-crx-key', inside]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refusing to write a private key inside the git work tree/);
    expect(existsSync(inside)).toBe(false);
    expect(existsSync(join(dir, 'e'))).toBe(false);

    // Any other repository too (found with git).
    const repo = join(dir, 'other-repo');
    mkdirSync(repo);
    expect(spawnSync('git', ['init', '-q', repo]).status).toBe(0);
    const r2 = pack('e', ['--new-crx-key', join(repo, 'secrets/crx-key.pem')]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/inside the git work tree .*other-repo/);
    expect(existsSync(join(repo, 'secrets'))).toBe(false);
  });

  it('--new-crx-key writes a 0600 RSA key outside the repository, signs with it, and never overwrites it', () => {
    const path = join(dir, 'fresh/keys/crx-key.pem');
    const r = pack('f', ['--new-crx-key', path, '--base-url', BASE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`New CRX signing key: ${path} (mode 0600)`);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    const pub = createPublicKey(readFileSync(path, 'utf8'));
    expect(pub.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const crx = file('f', `jaga-netral-${version}.crx`);
    expect(parseCrx(crx).proofs[0].publicKey.equals(pub.export({ type: 'spki', format: 'der' }))).toBe(true);
    expect(verifyCrx(crx).ok).toBe(true);

    const before = readFileSync(path, 'utf8');
    const again = pack('f2', ['--new-crx-key', path]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; not overwriting/);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });

  it('rejects a key that is not RSA or is too short, before writing anything', () => {
    const ed = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(join(dir, 'keys/ed.pem'), ed, { mode: 0o600 });
    const r1 = pack('g', ['--crx-key', join(dir, 'keys/ed.pem')]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/the key is ed25519; a CRX developer key must be RSA/);

    const short = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    writeFileSync(join(dir, 'keys/short.pem'), short, { mode: 0o600 });
    const r2 = pack('g', ['--crx-key', join(dir, 'keys/short.pem')]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/1024 bits; use at least 2048/);

    const r3 = pack('g', ['--crx-key', join(dir, 'keys/missing.pem')]);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toMatch(/cannot read the CRX key/);
    expect(existsSync(join(dir, 'g'))).toBe(false);
  });

  it('with an http base URL gives the XPI no update_url (Firefox needs https) and says so', () => {
    const r = pack('i', ['--crx-key', keyPath, '--base-url', 'http://10.0.0.5/jn']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Firefox accepts only an https update_url/);
    const xpiManifest = JSON.parse(unzip(file('i', `jaga-netral-${version}.xpi`)).get('manifest.json')!.toString('utf8'));
    expect(xpiManifest.browser_specific_settings.gecko).not.toHaveProperty('update_url');
    const crxManifest = JSON.parse(unzip(parseCrx(file('i', `jaga-netral-${version}.crx`)).archive).get('manifest.json')!.toString('utf8'));
    expect(crxManifest.update_url).toBe('http://10.0.0.5/jn/update.xml');
  });

  it('rejects wrong usage with exit status 2', () => {
    const r = run(['--build-dir', buildDir, '--out-dir', join(dir, 'u')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--build-dir needs --skip-build/);
    const bad = pack('u', ['--base-url', 'ftp://example.go.id/jn']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/must be http or https/);
    expect(existsSync(join(dir, 'u'))).toBe(false);
  });

  it('--xpi adopts a Mozilla-signed XPI: copies it, rewrites update_hash and its SHA256SUMS line', () => {
    cpSync(join(dir, 'a'), join(dir, 'h'), { recursive: true });
    // Stand-in for what AMO returns: the same files plus META-INF signature files.
    const entries = readZip(file('a', `jaga-netral-${version}.xpi`));
    const signed = writeZip([...entries, { name: 'META-INF/mozilla.rsa', data: Buffer.from('signature') }, { name: 'META-INF/manifest.mf', data: Buffer.from('Manifest-Version: 1.0\n') }]);
    writeFileSync(join(dir, 'signed.xpi'), signed);

    const r = run(['--xpi', join(dir, 'signed.xpi'), '--out-dir', join(dir, 'h')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(file('h', `jaga-netral-${version}.xpi`).equals(signed)).toBe(true);
    // The base URL comes from the XPI's own update_url when none is given.
    expect(JSON.parse(file('h', 'updates.json').toString('utf8')).addons[GECKO_ID].updates).toEqual([
      { version, update_link: `${BASE}/jaga-netral-${version}.xpi`, update_hash: `sha256:${sha256(signed)}` },
    ]);
    const sums = file('h', 'SHA256SUMS').toString('utf8');
    expect(sums).toContain(`${sha256(signed)}  jaga-netral-${version}.xpi\n`);
    expect(sums).toContain(`${sha256(file('a', `jaga-netral-${version}.crx`))}  jaga-netral-${version}.crx\n`);
    expect(sums.trim().split('\n')).toHaveLength(3);
  });

  it('--xpi refuses another add-on and warns about an unsigned XPI', () => {
    const entries = readZip(file('a', `jaga-netral-${version}.xpi`));
    const other = entries.map((e) =>
      e.name === 'manifest.json'
        ? { name: e.name, data: Buffer.from(e.data.toString('utf8').replace(GECKO_ID, 'someone-else@example.org')) }
        : e,
    );
    writeFileSync(join(dir, 'other.xpi'), writeZip(other));
    const r = run(['--xpi', join(dir, 'other.xpi'), '--out-dir', join(dir, 'x')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is add-on "someone-else@example.org", not Jaga Netral/);
    expect(existsSync(join(dir, 'x'))).toBe(false);

    const unsigned = run(['--xpi', join(dir, 'a', `jaga-netral-${version}.xpi`), '--out-dir', join(dir, 'x2')]);
    expect(unsigned.code).toBe(0);
    expect(unsigned.stderr).toMatch(/carries no Mozilla signature/);
  });
});
