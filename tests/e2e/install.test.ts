/**
 * The deployment an agency does, end to end in real Chromium: `npm run zip` signs a CRX with
 * the agency's own key and writes update.xml; a local web server publishes both; a real
 * managed-policy file force-installs the extension (`ExtensionInstallForcelist` with the
 * self-hosted update URL). Chromium installs it by itself, and it guards X as the unpacked
 * build does. (The `3rdparty` policy for the CRX's id is written too, as an admin would; that
 * Chromium applies it is not asserted here — see the issue note.)
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, POLICY_DIR, POLICY_FILE, serveDemoPages } from '../support/browser';
import { ROOT } from '../support/cli';
import { BROWSERS, warning, type E2EPage } from '../support/e2e';
import { guardActive } from '../support/ready';
import { startListServer } from '../support/list-server';

describe.runIf(BROWSERS.includes('chromium'))('a self-hosted CRX force-installed by policy in real chromium', () => {
  it('installs from update.xml and guards a like', async () => {
    const work = mkdtempSync(join(tmpdir(), 'jn-crx-'));
    const server = await startListServer();
    const profile = mkdtempSync(join(tmpdir(), 'jn-crx-profile-'));
    try {
      const key = join(work, 'agency-crx-key.pem');
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      const out = join(work, 'out');
      const base = server.url('/ekstensi');
      const zip = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'scripts/package.ts'), '--crx-key', key, '--base-url', base, '--skip-build', '--out-dir', out], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(zip.status, zip.stderr).toBe(0);
      const updateXml = readFileSync(join(out, 'update.xml'), 'utf8');
      const id = /appid="([a-p]{32})"/.exec(updateXml)![1];
      expect(id).not.toBe('ijmijnmigcajjoompdhojokndhaekodo'); // the agency's key, the agency's id
      expect(zip.stdout).toContain(id);
      const crxName = /codebase="[^"]*\/([^"/]+\.crx)"/.exec(updateXml)![1];
      server.put('/ekstensi/update.xml', readFileSync(join(out, 'update.xml')));
      server.put(`/ekstensi/${crxName}`, readFileSync(join(out, crxName)));

      mkdirSync(POLICY_DIR, { recursive: true });
      writeFileSync(
        POLICY_FILE,
        JSON.stringify({
          ExtensionInstallForcelist: [`${id};${base}/update.xml`],
          '3rdparty': { extensions: { [id]: { mode: 'block', organization: { name: 'Pemerintah Kota Contoh' } } } },
        }),
      );
      // No --load-extension: Chromium fetches and installs the CRX itself. Background
      // networking stays on, as the extension updater needs it.
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
        // Playwright's defaults switch extensions and background networking off.
        ignoreDefaultArgs: ['--disable-extensions', '--disable-background-networking'],
      });
      try {
        await serveDemoPages(context);
        // Installed once its content script guards the listed posts on X (Chromium installs
        // force-listed extensions a few seconds after start).
        const page = await context.newPage();
        const installBy = Date.now() + 90_000;
        for (;;) {
          await page.goto('https://x.com/home');
          if (await guardActive(page as unknown as E2EPage, 'x', 3000)) break;
          if (Date.now() > installBy) {
            throw new Error(`not installed; requests: ${JSON.stringify(server.requests.map((r) => [r.method, r.path, r.status]))}`);
          }
        }
        expect(server.requests.some((r) => r.path === `/ekstensi/${crxName}` && r.status === 200)).toBe(true);
        await page.locator('article[data-demo-post="p1"] [data-testid="like"]').click();
        const w = warning(page as unknown as E2EPage);
        await w.dialog.waitFor();
        expect(await w.account.innerText()).toContain('Capres Contoh A (fiktif)');
        expect(await w.cancel.count()).toBe(1);
        await w.cancel.click();
        await w.host.waitFor({ state: 'detached' });
      } finally {
        await context.close();
      }
    } finally {
      rmSync(POLICY_FILE, { force: true });
      await server.close();
      rmSync(work, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    }
  }, 180_000);
});
