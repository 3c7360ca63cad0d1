/** Threads in the site registry (lib/sites/registry.ts). */
import type { SiteHooks } from '../../hooks/types';
import type { SiteDefinition } from '../registry-types';
import { createThreadsAdapter } from './adapter';
import hooks from './hooks.json';
import { canonicalThreads, THREADS_HOSTS } from './urls';

/** The listed candidate's first post on the demo page (tests/fixtures/demo/threads.html). */
const LISTED_POST = '[data-pressable-container="true"][data-demo-post="t1"]';

export const threadsSite: SiteDefinition = {
  id: 'threads',
  platform: 'threads',
  name: 'Threads',
  hosts: THREADS_HOSTS,
  matches: ['https://www.threads.com/*', 'https://www.threads.net/*'],
  hooks: hooks as SiteHooks,
  canonicalize: canonicalThreads,
  create: createThreadsAdapter,
  demo: {
    page: 'tests/fixtures/demo/threads.html',
    url: 'https://www.threads.com/',
    listedLike: `${LISTED_POST} [data-demo-act="like"]`,
    listedPost: LISTED_POST,
    listedKeys: ['capres_contoh_a'],
    ready: '[data-demo-post] :is([data-demo-act="like"], [data-demo-act="reply"])',
    feature: {
      name: 'repost',
      steps: [
        { target: `${LISTED_POST} [data-demo-act="repost"]`, gesture: 'click' },
        { target: '[role="menu"] [data-demo-act="repost-commit"]', gesture: 'click' },
      ],
    },
  },
};
