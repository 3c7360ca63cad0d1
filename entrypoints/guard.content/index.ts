import { runGuard } from '../../lib/guard/runtime';
import { CONTENT_MATCHES, siteForHost } from '../../lib/sites/registry';

export default defineContentScript({
  // Every guarded site's origins, from the registry (lib/sites/registry.ts).
  matches: CONTENT_MATCHES,
  // Before the page's own scripts, so our capture listeners run first.
  runAt: 'document_start',
  main(ctx) {
    const site = siteForHost(location.hostname);
    if (site) runGuard(ctx, site);
  },
});
