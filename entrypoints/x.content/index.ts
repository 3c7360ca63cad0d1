import { runGuard } from '../../lib/guard/runtime';
import { xAdapter } from '../../lib/sites/x/adapter';

export default defineContentScript({
  // Kept literal for the manifest; tests/unit/entrypoints.test.ts checks it equals xAdapter.matches.
  matches: ['https://x.com/*', 'https://twitter.com/*', 'https://mobile.x.com/*', 'https://mobile.twitter.com/*'],
  // Before the page's own scripts, so our capture listeners run first.
  runAt: 'document_start',
  main(ctx) {
    runGuard(ctx, xAdapter);
  },
});
