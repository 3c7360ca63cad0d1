/** TikTok in the site registry (lib/sites/registry.ts). */
import type { SiteHooks } from '../../hooks/types';
import type { SiteDefinition } from '../registry-types';
import { createTiktokAdapter } from './adapter';
import hooks from './hooks.json';
import { canonicalTiktok, TIKTOK_HOSTS } from './urls';

export const tiktokSite: SiteDefinition = {
  id: 'tiktok',
  platform: 'tiktok',
  name: 'TikTok',
  hosts: TIKTOK_HOSTS,
  matches: ['https://www.tiktok.com/*'],
  hooks: hooks as SiteHooks,
  canonicalize: canonicalTiktok,
  create: createTiktokAdapter,
  demo: {
    page: 'tests/fixtures/demo/tiktok.html',
    url: 'https://www.tiktok.com/',
    listedLike: '[data-demo-post]:has(a[data-e2e="video-author-avatar"][href="/@capres_contoh_a"]) [data-e2e="like-icon"]',
    listedPost: '[data-demo-post]:has(a[data-e2e="video-author-avatar"][href="/@capres_contoh_a"])',
    listedKeys: ['capres_contoh_a'],
    ready: '[data-demo-post] :is([data-demo-act="like"], [data-demo-act="comment"])',
    feature: { name: 'double-tap', steps: [{ target: '[data-demo-post]:has(a[data-e2e="video-author-avatar"][href="/@capres_contoh_a"]) [data-e2e="feed-video"]', gesture: 'dblclick' }] },
  },
};
