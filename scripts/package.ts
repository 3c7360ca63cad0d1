/**
 * `npm run zip`: the packages an agency publishes (README "Packages").
 *
 * Builds the Chrome/Edge and the Firefox MV3 extension, then writes to `.output/`:
 *   jaga-netral-<v>-chrome.zip  Chrome Web Store / Edge Add-ons upload (manifest `key` removed:
 *                               the stores reject it and assign their own id)
 *   jaga-netral-<v>.crx         CRX3 signed with the agency's RSA key, + update.xml
 *   jaga-netral-<v>.xpi         Firefox MV3 package (to be signed by Mozilla as unlisted), + updates.json
 *   SHA256SUMS                  sha256sum-style checksums of the packages
 *
 * The CRX key is never in the repository and never made up silently: without --crx-key /
 * JN_CRX_KEY the CRX is skipped (exit 0) with instructions. Exit codes: 0 done,
 * 1 failure (bad key, build failed, bad XPI), 2 wrong usage.
 */
import { spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errText, parseFlags, runMain, UsageError } from './cli-common';
import { extensionIdFromPublicKey, loadCrxKey, writeCrx3, type CrxSigningKey } from './packaging/crx';
import { updatesJson, updateXml } from './packaging/update-manifests';
import { readZip, writeZip, type ZipEntry } from './packaging/zip';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const WXT_BIN = join(ROOT, 'node_modules/wxt/bin/wxt.mjs');
const DEFAULT_OUT = join(ROOT, '.output');
const NAME = 'jaga-netral';
/** An obviously fictitious address, used (with a warning) when no base URL is given. */
const PLACEHOLDER_BASE_URL = 'https://ekstensi.contoh.go.id/jaga-netral';

const USAGE = `Jaga Netral packages

Usage:
  npm run zip -- [--crx-key KEY.pem | --new-crx-key PATH] [--base-url URL]
                 [--out-dir DIR] [--skip-build [--build-dir DIR]]
  npm run zip -- --xpi SIGNED.xpi [--base-url URL] [--out-dir DIR]

  Builds the extension (wxt build; wxt build -b firefox --mv3) and writes to .output/:
    ${NAME}-<version>-chrome.zip   for the Chrome Web Store / Edge Add-ons
    ${NAME}-<version>.crx          CRX3 signed with the agency's key, and update.xml
    ${NAME}-<version>.xpi          the Firefox package, and updates.json
    SHA256SUMS

Options:
  --crx-key PATH      the agency's RSA private key (PEM) that signs the CRX; the extension
                      id follows from it. Default: the environment variable JN_CRX_KEY.
                      Without a key the CRX and update.xml are skipped (exit status 0).
  --new-crx-key PATH  create a new 2048-bit RSA key at PATH (mode 0600; refused inside a git
                      work tree and if PATH exists) and sign with it. Back it up: every later
                      version must be signed with the same key.
  --base-url URL      where the packages will be served, e.g. https://ekstensi.example.go.id/jaga-netral
                      Sets update.xml's codebase, updates.json's update_link, and the update
                      URL inside the CRX and XPI. Default: JN_UPDATE_BASE_URL, else a placeholder.
  --out-dir DIR       where the packages go (default .output)
  --skip-build        package the existing builds instead of building
  --build-dir DIR     with --skip-build: the folder holding chrome-mv3/ and firefox-mv3/ (default .output)
  --xpi PATH          a Mozilla-signed XPI: copy it to the output folder as ${NAME}-<version>.xpi and
                      rewrite updates.json (update_hash) and SHA256SUMS for it. Builds nothing.`;

class PackageError extends Error {}

interface Options {
  crxKey?: string;
  newCrxKey?: string;
  baseUrl: string;
  /** False when the placeholder is used: then no update URL goes into the CRX or XPI. */
  baseUrlGiven: boolean;
  outDir: string;
  skipBuild: boolean;
  buildDir: string;
  xpi?: string;
}

function parseOptions(argv: string[]): Options | null {
  const p = parseFlags(
    argv,
    {
      'crx-key': { type: 'string' },
      'new-crx-key': { type: 'string' },
      'base-url': { type: 'string' },
      'out-dir': { type: 'string' },
      'skip-build': { type: 'boolean' },
      'build-dir': { type: 'string' },
      xpi: { type: 'string' },
    },
    [],
  );
  if (!p) return null;
  const values = p.values;
  const str = (k: keyof typeof values): string | undefined => {
    const v = values[k];
    if (v === '') throw new UsageError(`--${k} needs a value`);
    return typeof v === 'string' ? v : undefined;
  };
  const env = (k: string): string | undefined => (process.env[k]?.trim() ? process.env[k]!.trim() : undefined);

  const xpi = str('xpi');
  const newCrxKey = str('new-crx-key');
  const crxKeyFlag = str('crx-key');
  if (crxKeyFlag && newCrxKey) throw new UsageError('give either --crx-key or --new-crx-key, not both');
  if (xpi && (crxKeyFlag || newCrxKey || values['skip-build'] || values['build-dir'])) {
    throw new UsageError('--xpi only rewrites updates.json for a signed XPI; it takes only --base-url and --out-dir');
  }
  const buildDir = str('build-dir');
  if (buildDir && !values['skip-build']) throw new UsageError('--build-dir needs --skip-build (wxt always builds into .output)');

  const rawBase = str('base-url') ?? env('JN_UPDATE_BASE_URL');
  return {
    crxKey: newCrxKey ? undefined : (crxKeyFlag ?? (xpi ? undefined : env('JN_CRX_KEY'))),
    newCrxKey,
    baseUrl: rawBase === undefined ? PLACEHOLDER_BASE_URL : parseBaseUrl(rawBase),
    baseUrlGiven: rawBase !== undefined,
    outDir: resolve(str('out-dir') ?? DEFAULT_OUT),
    skipBuild: values['skip-build'] === true,
    buildDir: resolve(buildDir ?? DEFAULT_OUT),
    xpi,
  };
}

/** An http(s) URL of a folder, returned without its trailing slash. */
function parseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--base-url / JN_UPDATE_BASE_URL must be an absolute URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`the base URL must be http or https, got "${raw}"`);
  if (url.search || url.hash || url.username || url.password) {
    throw new UsageError(`the base URL must be a plain folder URL without query, fragment or credentials, got "${raw}"`);
  }
  return url.href.replace(/\/+$/, '');
}

// ---------------------------------------------------------------------------------------
// Keys

/** The top folder of the git work tree that holds `path` (or would hold it), or null. */
function gitWorkTree(path: string): string | null {
  let dir = path;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  if (!statSync(dir).isDirectory()) dir = dirname(dir);
  const r = spawnSync('git', ['-C', dir, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function isInside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** `path` with symlinks resolved as far as it exists (the rest may not be created yet). */
function realPathSoFar(path: string): string {
  let dir = resolve(path);
  const rest: string[] = [];
  while (!existsSync(dir) && dirname(dir) !== dir) {
    rest.unshift(basename(dir));
    dir = dirname(dir);
  }
  return join(realpathSync(dir), ...rest);
}

/**
 * The work tree `path` is in: this repository (checked without git, which may be missing),
 * or any other git work tree. Symlinks are followed, so a link cannot smuggle a key in.
 */
function workTreeHolding(path: string): string | null {
  const real = realPathSoFar(path);
  if (isInside(real, realpathSync(ROOT))) return ROOT;
  return gitWorkTree(real);
}

function isTrackedByGit(path: string): boolean {
  const r = spawnSync('git', ['-C', dirname(path), 'ls-files', '--error-unmatch', '--', basename(path)], { encoding: 'utf8' });
  return r.status === 0;
}

function createCrxKey(path: string): void {
  const target = resolve(path);
  const tree = workTreeHolding(target);
  if (tree) {
    throw new PackageError(
      `refusing to write a private key inside the git work tree ${tree}: one "git add" and it is published. ` +
        `Choose a path outside any repository, e.g. --new-crx-key ~/.config/jaga-netral/crx-key.pem`,
    );
  }
  if (existsSync(target)) throw new PackageError(`${target} already exists; not overwriting a key (use --crx-key ${target} to sign with it)`);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
  writeFileSync(target, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  chmodSync(target, 0o600); // the umask cannot widen it, but make the mode explicit on every platform
  console.log(`New CRX signing key: ${target} (mode 0600).`);
  console.log('  Back it up somewhere safe and private. Every later version must be signed with this key:');
  console.log('  a CRX signed with another key is another extension id, and installed copies will not update.');
}

function readCrxKey(path: string): CrxSigningKey {
  const target = resolve(path);
  let pem: string;
  try {
    pem = readFileSync(target, 'utf8');
  } catch (e) {
    throw new PackageError(`cannot read the CRX key ${target}: ${errText(e)}`);
  }
  let key: CrxSigningKey;
  try {
    key = loadCrxKey(pem);
  } catch (e) {
    throw new PackageError(`CRX key ${target}: ${errText(e)}`);
  }
  if (workTreeHolding(target)) {
    if (isTrackedByGit(target)) {
      throw new PackageError(`the CRX key ${target} is tracked by git, so it is not secret any more. Make a new key outside the repository and remove this one from git history`);
    }
    console.error(`warning: the CRX key ${target} is inside a git work tree; keep it outside any repository`);
  }
  if (process.platform !== 'win32' && (statSync(target).mode & 0o077) !== 0) {
    console.error(`warning: ${target} is readable by other users; run: chmod 600 ${target}`);
  }
  return key;
}

// ---------------------------------------------------------------------------------------
// Build and files

function runWxt(args: string[]): void {
  console.log(`> wxt ${args.join(' ')}`);
  const r = spawnSync(process.execPath, [WXT_BIN, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new PackageError(`wxt ${args.join(' ')} failed (exit status ${r.status ?? r.signal})`);
}

/** Every file under `dir`, as zip entries with `/`-separated relative names, sorted. */
function readTree(dir: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const d of readdirSync(abs, { withFileTypes: true })) {
      const childAbs = join(abs, d.name);
      const childRel = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) walk(childAbs, childRel);
      else if (d.isFile()) out.push({ name: childRel, data: readFileSync(childAbs) });
      else throw new PackageError(`${childAbs} is not a regular file (symlink?); a package holds plain files only`);
    }
  };
  walk(dir, '');
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

type Manifest = Record<string, unknown> & { version?: unknown; key?: unknown };

interface Build {
  dir: string;
  manifest: Manifest;
  files: ZipEntry[];
}

function loadBuild(dir: string, hint: string): Build {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new PackageError(`no build in ${dir} (missing manifest.json); run ${hint} or drop --skip-build`);
  const files = readTree(dir);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  return { dir, manifest, files };
}

/** The build's files with manifest.json replaced, manifest first (tools that peek at the head find it). */
function packageEntries(build: Build, manifest: Manifest): ZipEntry[] {
  return [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) },
    ...build.files.filter((f) => f.name !== 'manifest.json'),
  ];
}

function checkVersion(v: unknown, where: string): string {
  // Chrome: 1–4 dot-separated integers 0–65535; Firefox accepts the same.
  if (typeof v !== 'string' || !/^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/.test(v) || v.split('.').some((n) => Number(n) > 65535)) {
    throw new PackageError(`${where}: "version" must be 1 to 4 dot-separated whole numbers, got ${JSON.stringify(v)}`);
  }
  return v;
}

function geckoOf(m: Manifest): Record<string, unknown> | undefined {
  const bss = (m.browser_specific_settings ?? m.applications) as { gecko?: Record<string, unknown> } | undefined;
  return bss?.gecko;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Temp file in the same folder, then rename: a web server never serves half a file. */
function writeAtomic(path: string, data: string | Buffer): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data, { mode: 0o644 });
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Rewrites SHA256SUMS: the given files' lines are replaced or added, other lines kept when `keep`. */
function writeSums(outDir: string, files: { name: string; data: Buffer }[], keep: boolean): void {
  const path = join(outDir, 'SHA256SUMS');
  const lines = new Map<string, string>();
  if (keep && existsSync(path)) {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (m) lines.set(m[2], m[1]);
    }
  }
  for (const f of files) lines.set(f.name, sha256(f.data));
  writeAtomic(path, [...lines].map(([name, hash]) => `${hash}  ${name}\n`).join(''));
}

function banner(lines: string[]): void {
  const rule = '='.repeat(72);
  console.log(`\n${rule}`);
  for (const l of lines) console.log(`  ${l}`);
  console.log(`${rule}\n`);
}

// ---------------------------------------------------------------------------------------
// Commands

function noKeyMessage(): string {
  return [
    'No CRX signing key given: skipping the CRX and update.xml (the zip and the XPI are still made).',
    'The CRX is signed with the agency\'s own RSA key, which is never stored in this repository.',
    'Give it with --crx-key PATH or the environment variable JN_CRX_KEY=PATH. To create one, outside',
    'any git repository, either',
    '  npm run zip -- --new-crx-key ~/.config/jaga-netral/crx-key.pem',
    'or',
    '  mkdir -p -m 700 ~/.config/jaga-netral && openssl genrsa -out ~/.config/jaga-netral/crx-key.pem 2048 && chmod 600 ~/.config/jaga-netral/crx-key.pem',
    '(Not "npm run list -- keygen": that key signs account lists, not the extension.)',
  ].join('\n');
}

function packageAll(o: Options): void {
  if (o.newCrxKey) createCrxKey(o.newCrxKey);
  const keyPath = o.newCrxKey ?? o.crxKey;
  // Load the key before building, so a wrong key fails in a second, not after a build.
  const key = keyPath ? readCrxKey(keyPath) : null;

  if (!o.skipBuild) {
    runWxt(['build']);
    // Explicit --mv3: the Firefox package is MV3 whatever `build:firefox` says.
    runWxt(['build', '-b', 'firefox', '--mv3']);
  }
  const chrome = loadBuild(join(o.buildDir, 'chrome-mv3'), 'npm run build');
  const firefox = loadBuild(join(o.buildDir, 'firefox-mv3'), 'npx wxt build -b firefox --mv3');
  const version = checkVersion(chrome.manifest.version, join(chrome.dir, 'manifest.json'));
  const ffVersion = checkVersion(firefox.manifest.version, join(firefox.dir, 'manifest.json'));
  if (ffVersion !== version) {
    throw new PackageError(`the Chrome build is version ${version} but the Firefox build is ${ffVersion}; rebuild both (drop --skip-build)`);
  }
  const geckoId = geckoOf(firefox.manifest)?.id;
  if (typeof geckoId !== 'string' || !geckoId) throw new PackageError(`${join(firefox.dir, 'manifest.json')} has no browser_specific_settings.gecko.id`);

  if (!o.baseUrlGiven) {
    console.error(
      `warning: no --base-url or JN_UPDATE_BASE_URL: the update manifests point at the placeholder ${PLACEHOLDER_BASE_URL}, ` +
        'and the CRX and XPI get no update URL (installed copies will not update themselves). Give the address the packages will be served from.',
    );
  }
  mkdirSync(o.outDir, { recursive: true });
  const written: { name: string; data: Buffer }[] = [];
  const write = (name: string, data: Buffer | string, checksum: boolean): void => {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data);
    writeAtomic(join(o.outDir, name), buf);
    if (checksum) written.push({ name, data: buf });
  };

  // 1. Store upload: the stores reject a manifest `key` ("key field is not allowed in
  //    manifest") and assign the item's id themselves.
  const { key: _repoKey, ...storeManifest } = chrome.manifest;
  const zipName = `${NAME}-${version}-chrome.zip`;
  write(zipName, writeZip(packageEntries(chrome, storeManifest)), true);

  // 2. CRX + update.xml, signed with the agency's key.
  const crxName = `${NAME}-${version}.crx`;
  let crxId: string | null = null;
  if (key) {
    const crxManifest: Manifest = { ...chrome.manifest, key: key.publicKeyDer.toString('base64') };
    // The forcelist's update URL serves the first install only; later updates come from the
    // manifest's update_url (ExtensionInstallForcelist policy description).
    if (o.baseUrlGiven) crxManifest.update_url = `${o.baseUrl}/update.xml`;
    write(crxName, writeCrx3(writeZip(packageEntries(chrome, crxManifest)), key), true);
    write('update.xml', updateXml(key.id, version, `${o.baseUrl}/${crxName}`), false);
    crxId = key.id;
  } else {
    console.error(noKeyMessage());
  }

  // 3. Firefox XPI + updates.json.
  const xpiName = `${NAME}-${version}.xpi`;
  const xpiManifest: Manifest = structuredClone(firefox.manifest);
  if (o.baseUrlGiven) {
    if (o.baseUrl.startsWith('https:')) {
      geckoOf(xpiManifest)!.update_url = `${o.baseUrl}/updates.json`;
    } else {
      console.error('warning: Firefox accepts only an https update_url; the XPI gets none, so it will not update itself. Serve the packages over https.');
    }
  }
  if (!geckoOf(firefox.manifest)?.data_collection_permissions) {
    console.error(
      'warning: the Firefox manifest has no browser_specific_settings.gecko.data_collection_permissions; ' +
        'addons.mozilla.org refuses to sign a new add-on without it (since 2025-11-03). See README "Signing the Firefox package".',
    );
  }
  const xpi = writeZip(packageEntries(firefox, xpiManifest));
  write(xpiName, xpi, true);
  write('updates.json', updatesJson(geckoId, { version, update_link: `${o.baseUrl}/${xpiName}`, update_hash: `sha256:${sha256(xpi)}` }), false);

  writeSums(o.outDir, written, false);

  const shown = (name: string): string => {
    const abs = join(o.outDir, name);
    return isInside(abs, process.cwd()) ? relative(process.cwd(), abs) || '.' : abs;
  };
  console.log(`\nPackages of Jaga Netral ${version} in ${shown('.')}:`);
  console.log(`  ${shown(zipName)}  Chrome Web Store / Edge Add-ons upload`);
  if (crxId) console.log(`  ${shown(crxName)}  + ${shown('update.xml')}  self-hosted Chrome/Edge (CRX3)`);
  console.log(`  ${shown(xpiName)}  + ${shown('updates.json')}  Firefox: sign it as unlisted before publishing (README)`);
  console.log(`  ${shown('SHA256SUMS')}`);

  if (crxId) {
    const repoKey = typeof chrome.manifest.key === 'string' ? extensionIdFromPublicKey(Buffer.from(chrome.manifest.key, 'base64')) : null;
    banner([
      `Chrome/Edge extension id of this CRX: ${crxId}`,
      repoKey && repoKey !== crxId ? `(set by the agency key; the unpacked build from the repository is ${repoKey})` : '(set by the agency key)',
      `Force-install value:  ${crxId};${o.baseUrl}/update.xml`,
      `Policy files for it:  npm run admin-pack -- --chrome-id ${crxId} --update-url ${o.baseUrl}/update.xml --xpi-url ${o.baseUrl}/${xpiName}`,
    ]);
  }
}

/** `--xpi SIGNED.xpi`: Mozilla signed the XPI, so its hash changed: publish it with a new updates.json. */
async function adoptSignedXpi(o: Options): Promise<void> {
  const src = resolve(o.xpi!);
  let data: Buffer;
  try {
    data = readFileSync(src);
  } catch (e) {
    throw new PackageError(`cannot read ${src}: ${errText(e)}`);
  }
  let entries: ZipEntry[];
  try {
    entries = readZip(data);
  } catch (e) {
    throw new PackageError(`${src} is not a readable XPI: ${errText(e)}`);
  }
  const manifestEntry = entries.find((e) => e.name === 'manifest.json');
  if (!manifestEntry) throw new PackageError(`${src} has no manifest.json at its root`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestEntry.data.toString('utf8')) as Manifest;
  } catch (e) {
    throw new PackageError(`${src}: manifest.json is not JSON: ${errText(e)}`);
  }
  const version = checkVersion(manifest.version, `${src} manifest.json`);
  // Imported here, not at the top: loading wxt's config pulls in wxt itself (seconds).
  const { GECKO_ID } = await import('../wxt.config');
  const gecko = geckoOf(manifest);
  if (gecko?.id !== GECKO_ID) throw new PackageError(`${src} is add-on ${JSON.stringify(gecko?.id ?? null)}, not Jaga Netral (${GECKO_ID})`);
  if (!entries.some((e) => e.name === 'META-INF/mozilla.rsa' || e.name === 'META-INF/cose.sig')) {
    console.error(`warning: ${src} carries no Mozilla signature (META-INF/); release and ESR Firefox will refuse to install it`);
  }
  let baseUrl = o.baseUrl;
  const inManifest = typeof gecko.update_url === 'string' ? gecko.update_url : null;
  if (!o.baseUrlGiven && inManifest?.endsWith('/updates.json')) baseUrl = inManifest.slice(0, -'/updates.json'.length);
  else if (!o.baseUrlGiven) console.error(`warning: no --base-url or JN_UPDATE_BASE_URL and no update_url in the XPI: updates.json points at the placeholder ${PLACEHOLDER_BASE_URL}`);
  if (inManifest && inManifest !== `${baseUrl}/updates.json`) {
    console.error(`warning: the XPI checks ${inManifest} for updates, but updates.json is written for ${baseUrl}/updates.json`);
  }

  mkdirSync(o.outDir, { recursive: true });
  const xpiName = `${NAME}-${version}.xpi`;
  const dest = join(o.outDir, xpiName);
  if (!existsSync(dest) || realpathSync(dest) !== realpathSync(src)) writeAtomic(dest, data);
  writeAtomic(join(o.outDir, 'updates.json'), updatesJson(GECKO_ID, { version, update_link: `${baseUrl}/${xpiName}`, update_hash: `sha256:${sha256(data)}` }));
  writeSums(o.outDir, [{ name: xpiName, data }], true);
  console.log(`Signed XPI ${version} → ${dest}; updates.json and SHA256SUMS rewritten (update_hash sha256:${sha256(data)}).`);
}

async function main(argv: string[]): Promise<number> {
  // A UsageError (all from parseOptions) goes to runMain: message and usage, exit status 2.
  const o = parseOptions(argv);
  if (!o) {
    console.log(USAGE);
    return 0;
  }
  try {
    if (o.xpi) await adoptSignedXpi(o);
    else packageAll(o);
    return 0;
  } catch (e) {
    if (e instanceof PackageError) {
      console.error(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

runMain(main, USAGE);
