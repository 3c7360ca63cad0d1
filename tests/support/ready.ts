/**
 * When a tab's guard is ready, told without any mark on the page (there is none: the site
 * must not learn that the extension runs, nor which posts it considers listed).
 *
 * Once a tab has its list, a page script's event on a listed post's guarded control is
 * stopped silently (lib/guard/input.ts: only a person's input is warned about). So the probe
 * is such a script: it dispatches a synthetic `pointerdown` on each post's like and reply
 * controls — no demo page acts on a pointerdown — and the guard is ready when one of them
 * never reaches its control. It opens nothing, records nothing and uses up no allowance.
 */
import type { SiteId } from '../../lib/model';
import { siteById } from '../../lib/sites/registry';
import type { E2EPage } from './e2e';

/** Whether the guard stops a script's press on some listed post's control, now. */
function probe(page: E2EPage, site: SiteId): Promise<boolean> {
  return page
    .evaluate((sel: string) => {
      for (const el of document.querySelectorAll(sel)) {
        let reached = false;
        const seen = () => {
          reached = true;
        };
        el.addEventListener('pointerdown', seen);
        el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, cancelable: true, composed: true }));
        el.removeEventListener('pointerdown', seen);
        if (!reached) return true;
      }
      return false;
    }, siteById(site)!.demo.ready)
    .catch(() => false); // a navigation under the probe: ask again
}

/** True once the guard in `page` decides (its list is loaded, its first scan done); false after `timeoutMs`. */
export async function guardActive(page: E2EPage, site: SiteId = 'x', timeoutMs = 15_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await probe(page, site)) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the guard in `page` decides; throws after `timeoutMs`. */
export async function waitForGuard(page: E2EPage, site: SiteId = 'x', timeoutMs = 15_000): Promise<void> {
  if (!(await guardActive(page, site, timeoutMs))) throw new Error(`the guard never became ready on ${page.url()}`);
}
