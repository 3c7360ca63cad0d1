import { runGuard } from '../../lib/guard/runtime';
import { facebookAdapter } from '../../lib/sites/facebook/adapter';

export default defineContentScript({
  // Kept literal for the manifest; tests/unit/entrypoints.test.ts checks it equals facebookAdapter.matches.
  matches: ['https://www.facebook.com/*', 'https://web.facebook.com/*', 'https://m.facebook.com/*'],
  // Before the page's own scripts, so our capture listeners run first.
  runAt: 'document_start',
  main(ctx) {
    runGuard(ctx, facebookAdapter);
  },
});
