/**
 * `npm run hooks -- <command>`: the hooks publisher's tool (lib/hooks/types.ts).
 *   build  --key KEY.pem --out FILE.json --version N [--site SITE=PATH]…   a signed hooks update
 *   verify --in FILE.json --public-key KEYSTRING [--public-key …]         check it as the extension does
 *   format [--check] FILE…                                                 canonical layout of hooks files
 * Exit codes: 0 done, 1 the input is wrong (every problem is printed), 2 usage.
 * Dependency-free on purpose, like scripts/list.ts: it runs wherever Node and the repository are.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { isPlatform, PLATFORMS, type SiteId } from '../lib/model';
import { HooksError } from '../lib/hooks/errors';
import { formatSiteHooks } from '../lib/hooks/format';
import { formatHookProblem, readSiteHooks } from '../lib/hooks/parse';
import { checkEngine, MAX_HOOKS_BYTES, parseSignedHooks, serializeSignedHooks, signHooks, verifySignedHooks } from '../lib/hooks/signed';
import type { HooksPayload, SiteHooks } from '../lib/hooks/types';
import { publicKeyFromPrivatePem } from '../lib/list/signature';
import { parseStrictJson, StrictJsonError } from '../lib/list/strict-json';
import { errText, oneLine, parseFlags, publicKeyArg, readInput, runCli, UsageError, writeAtomic } from './cli-common';

const ROOT = resolve(import.meta.dirname, '..');
const SITES_DIR = join(ROOT, 'lib/sites');

const USAGE = `Jaga Netral hooks tool

Hooks are each site's selectors, label words, link path templates, shortcut keys and
thresholds (lib/sites/<site>/hooks.json). A signed hooks update fixes broken hooks in the
field without a store release. Keys are the same as for lists: make a pair with
  npm run list -- keygen --out DIR
and give the extension its public key in the listPublicKeys policy.

Usage:
  npm run hooks -- build --key KEY.pem --out FILE.json --version N
                         [--issuer TEXT] [--created-at ISO-TIME] [--site SITE=PATH]...
      Checks and signs the hooks of the given sites (without --site: every
      lib/sites/*/hooks.json). Every problem is printed as FILE: SITE: HOOK: message;
      on any problem nothing is written. --version is the update's hooksVersion: it
      replaces each file's own, and must be higher than the bundled hooks' version
      for the update to take effect (the higher one is in force).

  npm run hooks -- verify --in FILE.json --public-key KEYSTRING [--public-key KEYSTRING]...
      Checks the format, every hook, the signature and the engine version, as the
      extension does. KEYSTRING is the "ed25519:..." line of list-key.pub (or its path).

  npm run hooks -- format [--check] FILE...
      Rewrites site hooks files in the canonical layout; with --check, only reports
      the files that differ. Problems in the hooks are printed too.

Exit status: 0 success, 1 invalid input, 2 wrong usage.`;

interface SiteFile {
  site: SiteId;
  path: string;
}

/** `--site x=PATH` pairs, or every lib/sites/<site>/hooks.json. */
function siteFiles(args: string[] | undefined): SiteFile[] {
  if (args && args.length > 0) {
    const out: SiteFile[] = [];
    for (const a of args) {
      const eq = a.indexOf('=');
      const site = a.slice(0, eq);
      if (eq < 1 || eq === a.length - 1) throw new UsageError(`--site must be SITE=PATH, got "${a}"`);
      if (!isPlatform(site)) throw new UsageError(`--site: unknown site "${site}" (known: ${PLATFORMS.join(', ')})`);
      if (out.some((f) => f.site === site)) throw new UsageError(`--site ${site} is given twice`);
      out.push({ site, path: a.slice(eq + 1) });
    }
    return out;
  }
  const found: SiteFile[] = [];
  for (const site of PLATFORMS) {
    const path = join(SITES_DIR, site, 'hooks.json');
    if (existsSync(path)) found.push({ site, path: relative(process.cwd(), path) || path });
  }
  const strays = existsSync(SITES_DIR)
    ? readdirSync(SITES_DIR).filter((d) => !isPlatform(d) && existsSync(join(SITES_DIR, d, 'hooks.json')))
    : [];
  for (const d of strays) console.error(`warning: lib/sites/${d}/hooks.json is not for a known site; skipped`);
  return found;
}

async function build(argv: string[]): Promise<number> {
  const p = parseFlags(
    argv,
    {
      key: { type: 'string' },
      out: { type: 'string' },
      version: { type: 'string' },
      issuer: { type: 'string' },
      'created-at': { type: 'string' },
      site: { type: 'string', multiple: true },
    },
    ['key', 'out', 'version'],
  );
  if (!p) return help();
  const v = p.values as { key: string; out: string; version: string; issuer?: string; 'created-at'?: string; site?: string[] };
  if (!/^\d+$/.test(v.version) || !Number.isSafeInteger(Number(v.version)) || Number(v.version) < 1) {
    throw new UsageError(`--version must be a positive whole number, got "${v.version}"`);
  }
  const version = Number(v.version);
  const createdAt = v['created-at'] ?? new Date().toISOString();
  if (!Number.isFinite(Date.parse(createdAt))) throw new UsageError(`--created-at must be an ISO time, got "${createdAt}"`);
  const issuer = v.issuer ?? '';
  if (/[\u0000-\u001f\u007f]/.test(issuer)) throw new UsageError('--issuer must not contain control characters');
  const files = siteFiles(v.site);
  if (files.length === 0) {
    console.error('error: no lib/sites/*/hooks.json found; name the files with --site SITE=PATH');
    return 1;
  }

  let pem: string;
  try {
    pem = readFileSync(v.key, 'utf8');
    await publicKeyFromPrivatePem(pem);
  } catch (e) {
    console.error(`error: ${v.key}: ${errText(e)}`);
    return 1;
  }

  const errors: string[] = [];
  const sites: Partial<Record<SiteId, SiteHooks>> = {};
  for (const f of files) {
    const hooks = readHooksFile(f.path, f.site, errors);
    if (hooks) sites[f.site] = { ...hooks, hooksVersion: version };
  }
  if (errors.length > 0) {
    for (const e of errors) console.error(e);
    console.error(`${errors.length} ${errors.length === 1 ? 'error' : 'errors'}; nothing written.`);
    return 1;
  }
  if (v.issuer === undefined) console.error('warning: no --issuer given; the update names no publisher');

  const minEngine = Math.max(1, ...Object.values(sites).map((h) => h!.minEngine));
  const payload: HooksPayload = { hooksVersion: version, minEngine, issuer, createdAt, sites };
  let text: string;
  try {
    const doc = await signHooks(payload, pem);
    text = serializeSignedHooks(doc);
    // Read it back exactly as the extension will, so nothing is published that it refuses
    // (too large, or a rule the extension checks that the builder forgot).
    await verifySignedHooks(parseSignedHooks(text), [doc.publicKey]);
  } catch (e) {
    if (!(e instanceof HooksError)) throw e;
    console.error(`error: ${e.code}: ${e.detail}`);
    console.error('nothing written.');
    return 1;
  }
  const outPath = resolve(v.out);
  mkdirSync(dirname(outPath), { recursive: true });
  writeAtomic(outPath, text, 0o644);
  const summary = Object.entries(sites).map(([s, h]) => `${s} ${Object.keys(h!.selectors).length} hooks`).join(', ');
  console.log(`OK: version ${version}, minEngine ${minEngine}, sites: ${summary} → ${v.out}`);
  return 0;
}

/** The file's hooks, or null with every problem pushed to `errors` as `FILE: SITE: HOOK: message`. */
function readHooksFile(path: string, site: SiteId | undefined, errors: string[]): SiteHooks | null {
  let data: unknown;
  try {
    // Strict: a key given twice would be signed as only its last value, silently.
    data = parseStrictJson(readFileSync(path, 'utf8'));
  } catch (e) {
    errors.push(`${path}: ${site ?? '?'}: ${e instanceof StrictJsonError && e.kind === 'syntax' ? 'not JSON: ' : ''}${errText(e)}`);
    return null;
  }
  try {
    const r = readSiteHooks(data, site);
    for (const p of r.problems) errors.push(`${path}: ${formatHookProblem(p)}`);
    return r.problems.length === 0 ? r.hooks : null;
  } catch (e) {
    if (!(e instanceof HooksError)) throw e;
    errors.push(`${path}: ${e.detail}`);
    return null;
  }
}

async function verifyCmd(argv: string[]): Promise<number> {
  const p = parseFlags(argv, { in: { type: 'string' }, 'public-key': { type: 'string', multiple: true } }, ['in', 'public-key']);
  if (!p) return help();
  const v = p.values as { in: string; 'public-key': string[] };
  const keys: string[] = [];
  for (const given of v['public-key']) {
    const key = publicKeyArg(given);
    if (key === null) return 1;
    keys.push(key);
  }
  const text = readInput(v.in);
  if (text === null) return 1;
  try {
    const payload = await verifySignedHooks(parseSignedHooks(text, MAX_HOOKS_BYTES), keys);
    checkEngine(payload);
    const sites = Object.entries(payload.sites).map(([s, h]) => `${s} (${Object.keys(h!.selectors).length} hooks)`).join(', ');
    console.log(`OK: version ${payload.hooksVersion}, minEngine ${payload.minEngine}, sites: ${sites}`);
    return 0;
  } catch (e) {
    // One line, never a stack: whatever the file holds is the file's problem, not a crash.
    console.error(e instanceof HooksError ? `${v.in}: ${e.code}: ${e.detail}` : `${v.in}: error: ${oneLine(e)}`);
    return 1;
  }
}

async function format(argv: string[]): Promise<number> {
  const p = parseFlags(argv, { check: { type: 'boolean' } }, [], true);
  if (!p) return help();
  const check = p.values.check === true;
  if (p.positionals.length === 0) throw new UsageError('format needs at least one FILE');
  let failed = false;
  for (const path of p.positionals) {
    let text: string;
    let data: unknown;
    try {
      text = readFileSync(path, 'utf8');
      // Strict: formatting would keep only the last of a key given twice, silently.
      data = parseStrictJson(text);
    } catch (e) {
      console.error(`${path}: ${errText(e)}`);
      failed = true;
      continue;
    }
    let r: ReturnType<typeof readSiteHooks>;
    try {
      r = readSiteHooks(data);
    } catch (e) {
      if (!(e instanceof HooksError)) throw e;
      console.error(`${path}: ${e.detail}`);
      failed = true;
      continue;
    }
    for (const prob of r.problems) console.error(`${path}: ${formatHookProblem(prob)}`);
    if (r.problems.length > 0) failed = true;
    // Formatting drops unknown keys; a typo ("lable") must not vanish silently.
    if (r.ignored.length > 0) {
      console.error(`${path}: unknown ${r.ignored.length === 1 ? 'key' : 'keys'} ${r.ignored.join(', ')}: rename or remove, then format again`);
      failed = true;
      continue;
    }
    const formatted = formatSiteHooks(r.hooks);
    if (formatted === text) continue;
    if (check) {
      console.error(`${path}: not formatted (run: npm run hooks -- format ${path})`);
      failed = true;
    } else {
      writeAtomic(resolve(path), formatted, 0o644);
      console.log(`formatted ${path}`);
    }
  }
  return failed ? 1 : 0;
}

function help(): number {
  console.log(USAGE);
  return 0;
}

runCli({ build, verify: verifyCmd, format }, USAGE);
