/** Instagram in the site registry (lib/sites/registry.ts). */
import type { SiteHooks } from '../../hooks/types';
import type { SiteDefinition } from '../registry-types';
import { createInstagramAdapter } from './adapter';
import hooks from './hooks.json';
import { canonicalInstagram, INSTAGRAM_HOSTS } from './urls';

export const instagramSite: SiteDefinition = {
  id: 'instagram',
  platform: 'instagram',
  name: 'Instagram',
  hosts: INSTAGRAM_HOSTS,
  matches: ['https://www.instagram.com/*'],
  hooks: hooks as SiteHooks,
  canonicalize: canonicalInstagram,
  create: createInstagramAdapter,
  demo: {
    page: 'tests/fixtures/demo/instagram.html',
    url: 'https://www.instagram.com/',
    listedLike: '#feed [data-demo-post="i1"] [data-demo-act="like"]',
    listedPost: '#feed [data-demo-post="i1"]',
    listedKeys: ['capres_contoh_a'],
    ready: '[data-demo-post] section [role="button"]:is([data-demo-act="like"], [data-demo-act="comment"])',
    feature: { name: 'double-tap', steps: [{ target: '#feed [data-demo-post="i1"] img[data-demo-photo]', gesture: 'dblclick' }] },
  },
};
