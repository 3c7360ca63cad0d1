/** Runs the real list CLI (`npm run list -- …` is `tsx scripts/list.ts …`). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');

export function listCli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [join(ROOT, 'scripts/list.ts'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface Publisher {
  dir: string;
  publicKey: string;
  /** Builds a signed list from CSV text with the CLI; returns the file's text. */
  build(csv: string, version: number): string;
}

/** A list publisher with a fresh key pair made by `keygen`. */
export function newPublisher(): Publisher {
  const dir = mkdtempSync(join(tmpdir(), 'jn-publisher-'));
  const k = listCli(['keygen', '--out', dir]);
  if (k.code !== 0) throw new Error(`keygen failed: ${k.stderr}`);
  const publicKey = readFileSync(join(dir, 'list-key.pub'), 'utf8').trim();
  let n = 0;
  return {
    dir,
    publicKey,
    build(csv, version) {
      const csvPath = join(dir, `in-${++n}.csv`);
      const out = join(dir, `out-${n}.json`);
      writeFileSync(csvPath, csv);
      const r = listCli(['build', '--in', csvPath, '--key', join(dir, 'list-key.pem'), '--out', out, '--version', String(version), '--issuer', 'Uji e2e']);
      if (r.code !== 0) throw new Error(`build failed: ${r.stderr}`);
      return readFileSync(out, 'utf8');
    },
  };
}
