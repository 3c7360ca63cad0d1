/**
 * Which downloaded hooks a site's tabs run (pure). Several signed documents may carry hooks
 * for one site (policy `hooksUrls` lists several publishers, or an old and a new address):
 * per site, the highest version wins; on a tie the document of the earlier URL does. The
 * bundled hooks are not compared here: a tab uses the higher of these and its bundled copy,
 * so the hooks that ship with a newer extension win without the background knowing them.
 */
import { ENGINE_VERSION, type HooksInForce, type HooksPayload, type SiteHooks } from './types';
import { PLATFORMS, type SiteId } from '../model';

/** An accepted (parsed, verified, engine-checked) document and where it came from. */
export interface AcceptedHooks {
  source: string;
  payload: HooksPayload;
}

/** The version a site's hooks are compared by: the site's own, else the document's. */
function versionOf(site: SiteHooks, payload: HooksPayload): number {
  return typeof site.hooksVersion === 'number' ? site.hooksVersion : payload.hooksVersion;
}

/**
 * Per site, the hooks in force from these documents (in `hooksUrls` order); a site no
 * document carries is absent. A site whose hooks need a newer engine is skipped (the
 * background checks documents before accepting them; this guards what was stored by a
 * build whose engine was newer, say before a downgrade).
 */
export function hooksInForce(docs: readonly AcceptedHooks[], engine: number = ENGINE_VERSION): Partial<Record<SiteId, HooksInForce>> {
  const out: Partial<Record<SiteId, HooksInForce>> = {};
  const best: Partial<Record<SiteId, { version: number; docVersion: number }>> = {};
  for (const { source, payload } of docs) {
    if (payload.minEngine > engine) continue;
    for (const site of PLATFORMS) {
      const hooks = payload.sites[site];
      if (!hooks || hooks.site !== site || hooks.minEngine > engine) continue;
      const version = versionOf(hooks, payload);
      const prev = best[site];
      if (prev && (prev.version > version || (prev.version === version && prev.docVersion >= payload.hooksVersion))) continue;
      best[site] = { version, docVersion: payload.hooksVersion };
      out[site] = { hooks, source };
    }
  }
  return out;
}
