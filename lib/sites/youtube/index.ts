/** YouTube in the site registry (lib/sites/registry.ts). */
import type { SiteHooks } from '../../hooks/types';
import type { SiteDefinition } from '../registry-types';
import { createYoutubeAdapter } from './adapter';
import hooks from './hooks.json';
import { canonicalYoutube, YOUTUBE_HOSTS } from './urls';

/** The listed candidate's video on the demo page (tests/fixtures/demo/youtube.html). */
const LISTED_VIDEO = 'ytd-watch-metadata:has(ytd-video-owner-renderer a[href="/@capres_contoh_a"])';

export const youtubeSite: SiteDefinition = {
  id: 'youtube',
  platform: 'youtube',
  name: 'YouTube',
  hosts: YOUTUBE_HOSTS,
  matches: ['https://www.youtube.com/*', 'https://m.youtube.com/*'],
  hooks: hooks as SiteHooks,
  canonicalize: canonicalYoutube,
  create: createYoutubeAdapter,
  demo: {
    page: 'tests/fixtures/demo/youtube.html',
    url: 'https://www.youtube.com/watch?v=capresA0001',
    listedLike: `${LISTED_VIDEO} like-button-view-model button`,
    // The bench's "2,000 added posts" are result cards (home, search, up next): a page holds
    // one watch block but thousands of cards. The card of the listed campaign team's video.
    listedPost: 'yt-lockup-view-model:has(a[href="/@timmenangcontoh"])',
    listedKeys: ['timmenangcontoh'],
    ready: ':is(ytd-watch-metadata, ytd-reel-video-renderer, yt-page-header-view-model) :is(like-button-view-model button, ytd-subscribe-button-renderer button, yt-subscribe-button-view-model button)',
    feature: { name: 'subscribe', steps: [{ target: `${LISTED_VIDEO} ytd-subscribe-button-renderer button`, gesture: 'click' }] },
  },
};
