/**
 * `npm run admin-pack`: writes the IT admin pack (admin/ by default) from
 * public/managed_schema.json and one example policy: ADMX/ADML, .reg files and the Intune
 * script for Windows, a macOS profile, Linux JSON, Firefox policies.json, the Google Admin
 * console JSON and the deployment guides. See admin/GUIDE.md.
 *
 * An agency that signs its own CRX (so has its own extension id) or hosts the packages
 * elsewhere regenerates the pack with its ids and URLs, and may give its own policy.
 * Exit codes: 0 done, 1 the input is wrong (every problem is printed), 2 usage.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EXTENSION_KEY, GECKO_ID } from '../wxt.config';
import { CHROME_ID_PATTERN, GECKO_ID_PATTERN } from './admin-pack/common';
import { buildPack, PackError } from './admin-pack/pack';
import type { PackInput } from './admin-pack/pack';
import { SchemaError } from './admin-pack/schema';

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(SELF), '..');
const HERE = join(ROOT, 'scripts/admin-pack');

/** The id Chrome gives an extension: SHA-256 of the public key, first 16 bytes, hex digits as a–p. */
export function extensionIdFromKey(base64Key: string): string {
  const hash = createHash('sha256').update(Buffer.from(base64Key, 'base64')).digest('hex').slice(0, 32);
  return [...hash].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export const DEFAULTS = {
  chromeId: extensionIdFromKey(EXTENSION_KEY),
  geckoId: GECKO_ID,
  updateUrl: 'https://ekstensi.contoh.go.id/jaga-netral/update.xml',
  xpiUrl: 'https://ekstensi.contoh.go.id/jaga-netral/jaga-netral-1.0.0.xpi',
  out: join(ROOT, 'admin'),
  policy: join(HERE, 'example-policy.json'),
};

const USAGE = `Jaga Netral admin pack

Usage:
  npm run admin-pack -- [--out DIR] [--chrome-id ID] [--gecko-id ID]
                        [--update-url URL] [--xpi-url URL] [--policy FILE.json]

  --out DIR         where to write the pack (default: admin/)
  --chrome-id ID    Chrome/Edge extension id, 32 letters a-p
                    (default: ${DEFAULTS.chromeId}, from the manifest key)
  --gecko-id ID     Firefox add-on id (default: ${DEFAULTS.geckoId})
  --update-url URL  the update.xml of your self-hosted CRX
                    (default: ${DEFAULTS.updateUrl})
  --xpi-url URL     your signed XPI (default: ${DEFAULTS.xpiUrl})
  --policy FILE     the policy to write into every example file, as JSON
                    (default: scripts/admin-pack/example-policy.json). It must pass the
                    extension's own checks with no note.

Exit status: 0 success, 1 invalid input, 2 wrong usage.`;

class UsageError extends Error {}

function httpUrl(flag: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`${flag} must be an http or https URL, got "${value}"`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError(`${flag} must be an http or https URL, got "${value}"`);
  return value;
}

/** Reads the inputs; exported so the test builds exactly what the command builds. */
export function packInput(opts: Partial<Pick<PackInput, 'chromeId' | 'geckoId' | 'updateUrl' | 'xpiUrl'>> & { policyPath?: string } = {}): PackInput {
  const policyPath = opts.policyPath ?? DEFAULTS.policy;
  let policyText: string;
  try {
    policyText = readFileSync(policyPath, 'utf8');
  } catch (e) {
    throw new PackError([`cannot read ${policyPath}: ${e instanceof Error ? e.message : String(e)}`]);
  }
  const shown = relative(process.cwd(), policyPath) || policyPath;
  let policy: unknown;
  try {
    policy = JSON.parse(policyText);
  } catch (e) {
    throw new PackError([`${shown}: not valid JSON (${e instanceof Error ? e.message : String(e)})`]);
  }
  return {
    chromeId: opts.chromeId ?? DEFAULTS.chromeId,
    geckoId: opts.geckoId ?? DEFAULTS.geckoId,
    updateUrl: opts.updateUrl ?? DEFAULTS.updateUrl,
    xpiUrl: opts.xpiUrl ?? DEFAULTS.xpiUrl,
    schemaText: readFileSync(join(ROOT, 'public/managed_schema.json'), 'utf8'),
    translationsText: readFileSync(join(HERE, 'id.json'), 'utf8'),
    policy,
    policySource: shown,
    guideTemplates: { id: readFileSync(join(HERE, 'guide.id.md'), 'utf8'), en: readFileSync(join(HERE, 'guide.en.md'), 'utf8') },
  };
}

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? listFiles(p, base) : [relative(base, p).split('\\').join('/')];
  });
}

function main(argv: string[]): number {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        'chrome-id': { type: 'string' },
        'gecko-id': { type: 'string' },
        'update-url': { type: 'string' },
        'xpi-url': { type: 'string' },
        policy: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const chromeId = str('chrome-id');
  if (chromeId !== undefined && !CHROME_ID_PATTERN.test(chromeId)) {
    throw new UsageError(`--chrome-id must be 32 letters a-p (the id chrome://extensions shows), got "${chromeId}"`);
  }
  const geckoId = str('gecko-id');
  if (geckoId !== undefined && !GECKO_ID_PATTERN.test(geckoId)) {
    throw new UsageError(`--gecko-id must look like name@domain or {GUID}, got "${geckoId}"`);
  }
  const updateUrl = str('update-url') !== undefined ? httpUrl('--update-url', str('update-url')!) : undefined;
  const xpiUrl = str('xpi-url') !== undefined ? httpUrl('--xpi-url', str('xpi-url')!) : undefined;
  const out = resolve(str('out') ?? DEFAULTS.out);
  const policyPath = str('policy') !== undefined ? resolve(str('policy')!) : undefined;

  const pack = buildPack(packInput({ chromeId, geckoId, updateUrl, xpiUrl, policyPath }));
  for (const w of pack.warnings) console.error(`warning: ${w}`);

  let written = 0;
  for (const [path, bytes] of pack.files) {
    const target = join(out, path);
    if (existsSync(target) && readFileSync(target).equals(bytes)) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    written++;
  }
  const extra = listFiles(out).filter((p) => !pack.files.has(p));
  for (const p of extra) console.error(`warning: ${join(out, p)} is not part of the pack (left from an older run? remove it)`);
  console.log(`${pack.files.size} files in ${relative(process.cwd(), out) || '.'} (${written} written, ${pack.files.size - written} unchanged)`);
  return 0;
}

function run(): void {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`error: ${e.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (e instanceof PackError) {
      for (const p of e.problems) console.error(`error: ${p}`);
      console.error('Nothing written.');
      process.exitCode = 1;
    } else if (e instanceof SchemaError) {
      console.error(`error: public/managed_schema.json: ${e.message}\nNothing written.`);
      process.exitCode = 1;
    } else {
      console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
      process.exitCode = 1;
    }
  }
}

// Run only as a command, not when the test imports packInput/DEFAULTS.
if (process.argv[1] && resolve(process.argv[1]) === SELF) run();
