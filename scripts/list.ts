/**
 * `npm run list -- <command>`: the list publisher's tool (INTERFACES.md §1).
 *   keygen --out DIR                                   a signing key pair
 *   build  --in FILE.csv --key KEY.pem --out FILE.json  a checked, signed list
 *   verify --in FILE.json --public-key KEYSTRING        check a list as the extension does
 * Exit codes: 0 done, 1 the input is wrong (every problem is printed), 2 usage.
 * Dependency-free on purpose: it runs wherever Node and the repository are.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildPayload, csvErrorToBuildError, formatBuildError, MAX_ERRORS, serializeSignedList, signPayload } from '../lib/list/build';
import { CsvError, decodeUtf8 } from '../lib/list/csv';
import { ListError } from '../lib/list/errors';
import { generateKeyPair, importPrivatePem, publicKeyFromPrivatePem } from '../lib/list/signature';
import { entryCount, parseSignedList, verifySignedList } from '../lib/list/verify';
import { errText, oneLine, parseFlags, publicKeyArg, readInput, runCli, UsageError, writeAtomic } from './cli-common';

const USAGE = `Jaga Netral list tool

Usage:
  npm run list -- keygen --out DIR [--force]
      Writes DIR/list-key.pem (the private key: keep it secret, mode 0600) and
      DIR/list-key.pub (one line: the public key for the listPublicKeys policy).
      Refuses to overwrite an existing key unless --force is given.

  npm run list -- build --in FILE.csv --key KEY.pem --out FILE.json
                        [--version N] [--issuer TEXT] [--created-at ISO-TIME]
      Checks the CSV (columns: platform, account, name, and optionally role, election,
      party, region, valid_from, valid_until, source) and writes a signed list.
      Every row is checked; each problem is printed as FILE:LINE: column "COL":
      message (the first ${MAX_ERRORS}, then how many more), and on any problem
      nothing is written. --version defaults to the current Unix time in seconds,
      so each build is newer than the last.

  npm run list -- verify --in FILE.json --public-key KEYSTRING
      Checks the format and the signature, as the extension does (a key given twice,
      nesting deeper than 64 levels and a signature not written as the tool writes it
      are refused too). KEYSTRING is the "ed25519:..." line of list-key.pub (or
      the path of that file).

Exit status: 0 success, 1 invalid input, 2 wrong usage.`;

async function keygen(argv: string[]): Promise<number> {
  const p = parseFlags(argv, { out: { type: 'string' }, force: { type: 'boolean' } }, ['out']);
  if (!p) return help();
  const v = p.values;
  const dir = resolve(v.out!);
  const pemPath = join(dir, 'list-key.pem');
  const pubPath = join(dir, 'list-key.pub');
  if (!v.force) {
    const existing = [pemPath, pubPath].filter((p) => existsSync(p));
    if (existing.length > 0) {
      console.error(`error: ${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}; not overwriting a key (use --force to replace it)`);
      return 1;
    }
  }
  const { privatePem, publicKey } = await generateKeyPair();
  mkdirSync(dir, { recursive: true });
  writeAtomic(pemPath, privatePem, 0o600);
  writeAtomic(pubPath, `${publicKey}\n`, 0o644);
  console.log(`private key: ${pemPath} (keep it secret)`);
  console.log(`public key:  ${pubPath}`);
  console.log(publicKey);
  return 0;
}

async function build(argv: string[]): Promise<number> {
  const p = parseFlags(
    argv,
    { in: { type: 'string' }, key: { type: 'string' }, out: { type: 'string' }, version: { type: 'string' }, issuer: { type: 'string' }, 'created-at': { type: 'string' } },
    ['in', 'key', 'out'],
  );
  if (!p) return help();
  const v = p.values;
  let version = Math.floor(Date.now() / 1000);
  if (v.version !== undefined) {
    if (!/^\d+$/.test(v.version) || !Number.isSafeInteger(Number(v.version)) || Number(v.version) < 1) {
      throw new UsageError(`--version must be a positive whole number, got "${v.version}"`);
    }
    version = Number(v.version);
  }
  const createdAt = v['created-at'] ?? new Date().toISOString();
  if (!Number.isFinite(Date.parse(createdAt))) throw new UsageError(`--created-at must be an ISO time, got "${createdAt}"`);
  const issuer = v.issuer ?? '';
  if (/[\u0000-\u001f\u007f]/.test(issuer)) throw new UsageError('--issuer must not contain control characters');

  const inPath = v.in!;
  const shown = inPath;
  let text: string;
  try {
    text = decodeUtf8(readFileSync(inPath));
  } catch (e) {
    if (e instanceof CsvError) {
      console.error(formatBuildError(shown, csvErrorToBuildError(e)));
      console.error('1 error; nothing written.');
      return 1;
    }
    console.error(`error: cannot read ${inPath}: ${errText(e)}`);
    return 1;
  }

  let privateKey: CryptoKey;
  let publicKey: string;
  try {
    const pem = readFileSync(v.key!, 'utf8');
    privateKey = await importPrivatePem(pem);
    publicKey = await publicKeyFromPrivatePem(pem);
  } catch (e) {
    console.error(`error: ${v.key}: ${errText(e)}`);
    return 1;
  }
  warnIfKeyReadable(v.key!);

  const result = buildPayload(text, { version, issuer, createdAt });
  for (const w of result.warnings) console.error(`${shown}: warning: ${w}`);
  if (!result.ok) {
    for (const e of result.errors) console.error(formatBuildError(shown, e));
    if (result.more > 0) console.error(`… and ${result.more} more ${result.more === 1 ? 'error' : 'errors'} (only the first ${MAX_ERRORS} are shown).`);
    const n = result.errors.length + result.more;
    console.error(`${n} ${n === 1 ? 'error' : 'errors'}; nothing written.`);
    return 1;
  }
  if (v.issuer === undefined) console.error(`${shown}: warning: no --issuer given; the list names no publisher`);

  const signed = await signPayload(result.payload, privateKey, publicKey);
  const outPath = resolve(v.out!);
  mkdirSync(dirname(outPath), { recursive: true });
  writeAtomic(outPath, serializeSignedList(signed), 0o644);
  const s = result.stats;
  const platforms = Object.entries(s.perPlatform).map(([p, n]) => `${p} ${n}`).join(', ') || 'none';
  console.log(`OK: ${s.entries} entries, ${s.subjects} subjects (platforms: ${platforms}), version ${version} → ${v.out}`);
  return 0;
}

async function verifyCmd(argv: string[]): Promise<number> {
  const p = parseFlags(argv, { in: { type: 'string' }, 'public-key': { type: 'string' } }, ['in', 'public-key']);
  if (!p) return help();
  const v = p.values;
  const key = publicKeyArg(v['public-key']!);
  if (key === null) return 1;
  const text = readInput(v.in!);
  if (text === null) return 1;
  try {
    const payload = await verifySignedList(parseSignedList(text), [key]);
    console.log(`OK: version ${payload.version}, ${entryCount(payload)} entries`);
    return 0;
  } catch (e) {
    // One line, never a stack: whatever the file holds is the file's problem, not a crash.
    console.error(e instanceof ListError ? `${v.in}: ${e.code}: ${e.detail}` : `${v.in}: error: ${oneLine(e)}`);
    return 1;
  }
}

function warnIfKeyReadable(path: string): void {
  if (process.platform === 'win32') return;
  try {
    if ((statSync(path).mode & 0o077) !== 0) console.error(`warning: ${path} is readable by other users; run: chmod 600 ${path}`);
  } catch {
    // already read successfully; nothing to add
  }
}

function help(): number {
  console.log(USAGE);
  return 0;
}

runCli({ keygen, build, verify: verifyCmd }, USAGE);
