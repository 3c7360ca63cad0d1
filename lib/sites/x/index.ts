/** X (Twitter) in the site registry (lib/sites/registry.ts). */
import type { SiteHooks } from '../../hooks/types';
import type { SiteDefinition } from '../registry-types';
import { createXAdapter } from './adapter';
import hooks from './hooks.json';
import { canonicalX, X_HOSTS } from './urls';

export const xSite: SiteDefinition = {
  id: 'x',
  platform: 'x',
  name: 'X (Twitter)',
  hosts: X_HOSTS,
  matches: ['https://x.com/*', 'https://twitter.com/*', 'https://mobile.x.com/*', 'https://mobile.twitter.com/*'],
  hooks: hooks as SiteHooks,
  canonicalize: canonicalX,
  create: createXAdapter,
  demo: {
    page: 'tests/fixtures/demo/x.html',
    url: 'https://x.com/home',
    listedLike: 'article[data-testid="tweet"]:has([data-testid="User-Name"] a[href="/capres_contoh_a"]) [data-testid="like"]',
    listedPost: 'article[data-testid="tweet"]:has([data-testid="User-Name"] a[href="/capres_contoh_a"])',
    listedKeys: ['capres_contoh_a'],
    ready: 'article[data-testid="tweet"] :is([data-testid="like"], [data-testid="reply"])',
  },
};
