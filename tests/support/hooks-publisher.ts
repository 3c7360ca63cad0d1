/**
 * A hooks publisher for end-to-end tests, with the real tools: a key pair made by
 * `npm run list -- keygen` and signed hooks updates made by `npm run hooks -- build`
 * (`tsx scripts/hooks.ts …`), from a site's bundled lib/sites/<site>/hooks.json changed the
 * way a publisher fixing a broken hook would change it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SiteHooks } from '../../lib/hooks/types';
import { newPublisher, ROOT } from './cli';

const TSX = join(ROOT, 'node_modules/.bin/tsx');

export function hooksCli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [join(ROOT, 'scripts/hooks.ts'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The bundled hooks of a site, as a fresh object to change. */
export function bundledHooks(site: string): SiteHooks {
  return JSON.parse(readFileSync(join(ROOT, 'lib/sites', site, 'hooks.json'), 'utf8')) as SiteHooks;
}

export interface HooksPublisher {
  dir: string;
  /** The `ed25519:…` line that goes into policy `hooksPublicKeys`. */
  publicKey: string;
  /** Signs these sites' hooks as update `version` with the CLI; returns the file's text. */
  build(sites: Record<string, SiteHooks>, version: number): string;
}

export function newHooksPublisher(): HooksPublisher {
  const keys = newPublisher();
  let n = 0;
  return {
    dir: keys.dir,
    publicKey: keys.publicKey,
    build(sites, version) {
      const args = ['build', '--key', join(keys.dir, 'list-key.pem'), '--version', String(version), '--issuer', 'Uji e2e'];
      n++;
      for (const [site, hooks] of Object.entries(sites)) {
        const path = join(keys.dir, `hooks-${n}-${site}.json`);
        writeFileSync(path, JSON.stringify(hooks, null, 2));
        args.push('--site', `${site}=${path}`);
      }
      const out = join(keys.dir, `hooks-${n}.signed.json`);
      const r = hooksCli([...args, '--out', out]);
      if (r.code !== 0) throw new Error(`hooks build failed (${r.code}): ${r.stderr}${r.stdout}`);
      return readFileSync(out, 'utf8');
    },
  };
}
