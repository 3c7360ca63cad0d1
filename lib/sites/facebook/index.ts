/** Facebook in the site registry (lib/sites/registry.ts). */
import type { SiteHooks } from '../../hooks/types';
import type { SiteDefinition } from '../registry-types';
import { createFacebookAdapter } from './adapter';
import hooks from './hooks.json';
import { canonicalFacebook, FACEBOOK_HOSTS } from './urls';

export const facebookSite: SiteDefinition = {
  id: 'facebook',
  platform: 'facebook',
  name: 'Facebook',
  hosts: FACEBOOK_HOSTS,
  matches: ['https://www.facebook.com/*', 'https://web.facebook.com/*', 'https://m.facebook.com/*'],
  hooks: hooks as SiteHooks,
  canonicalize: canonicalFacebook,
  create: createFacebookAdapter,
  demo: {
    page: 'tests/fixtures/demo/facebook.html',
    url: 'https://www.facebook.com/',
    listedLike: '[data-demo-post]:has(a[href*="capres.contoh.a"]) [aria-label="Suka"]',
    listedPost: '[data-demo-post]:has(a[href*="capres.contoh.a"])',
    listedKeys: ['capres.contoh.a', '100000000000001'],
    ready: '[data-demo-post] :is([data-demo-act="like"], [data-demo-act="comment"])',
  },
};
