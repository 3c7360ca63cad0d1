import type { Canonicalizer } from '../accounts/canonical';
import type { SiteHooks } from '../hooks/types';
import type { PlatformId, SiteId } from '../model';
import type { CompiledHooks } from './engine/hooks';
import type { SiteAdapter } from './types';

/** Everything the rest of the product knows about a guarded site, declared once in its folder. */
export interface SiteDefinition {
  id: SiteId;
  platform: PlatformId;
  /** Human name, e.g. "X (Twitter)". */
  name: string;
  /** Registrable domains of the site (`x.com`, `twitter.com`): `www.`/`m.`/`mobile.`/`web.` fold in. */
  hosts: readonly string[];
  /** Content-script match patterns: the real origins of the site, and the smallest that work. */
  matches: readonly string[];
  /** The bundled hooks (./hooks.json): the fallback, and in force unless a newer signed update is. */
  hooks: SiteHooks;
  /** List entry → canonical key (used by the list builder too). */
  canonicalize: Canonicalizer;
  /** An adapter on compiled hooks: one per tab and hooks version. */
  create(hooks: CompiledHooks): SiteAdapter;
  /**
   * The built-in demo (`npm start`) and the end-to-end tests: a page of fictional posts served
   * on the site's real origin (`page`, relative to the repository), where it opens (`url`),
   * and the like button of the listed candidate's first post (`listedLike`).
   */
  demo: { page: string; url: string; listedLike: string };
}
