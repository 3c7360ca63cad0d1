/**
 * One real setup for end-to-end tests: a publisher key made by the CLI, a list built by the
 * CLI from a CSV, served by a local HTTP server, a managed policy file pointing at it, and
 * a real browser (Chromium or Firefox) with the built extension — waiting until the extension has fetched and verified
 * that list (not the bundled demo list).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, waitForStorage, type BrowserName, type E2EBrowser } from './e2e';
import { newPublisher, ROOT, type Publisher } from './cli';
import { startListServer, type ListServer } from './list-server';

/** The demo accounts as an agency list (same fictional accounts as the demo pages). */
export const DEMO_CSV = readFileSync(join(ROOT, 'scripts/demo/demo-list.csv'), 'utf8');

export interface Scenario {
  browser: E2EBrowser;
  server: ListServer;
  publisher: Publisher;
  listUrl: string;
  close(): Promise<void>;
}

export async function guardedBrowser(
  name: BrowserName,
  opts: { policy?: Record<string, unknown>; csv?: string; version?: number; hasTouch?: boolean; userDataDir?: string } = {},
): Promise<Scenario> {
  const publisher = newPublisher();
  const server = await startListServer();
  const version = opts.version ?? 5;
  server.put('/lists/nasional.json', publisher.build(opts.csv ?? DEMO_CSV, version));
  const listUrl = server.url('/lists/nasional.json');
  const browser = await launchBrowser(name, {
    policy: { listUrls: [listUrl], listPublicKeys: [publisher.publicKey], ...opts.policy },
    hasTouch: opts.hasTouch,
    userDataDir: opts.userDataDir,
  });
  await waitForStorage(
    browser,
    ['jn.sources', 'jn.shards.x', 'jn.config'],
    (s) =>
      (s['jn.sources'] ?? []).some((x: { url: string; version?: number }) => x.url === listUrl && x.version === version) &&
      (s['jn.shards.x'] ?? []).some((x: { source: string }) => x.source === listUrl) &&
      s['jn.config']?.managed === true,
  );
  return {
    browser,
    server,
    publisher,
    listUrl,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
