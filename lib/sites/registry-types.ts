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
  /** The built-in demo (`npm start`), the end-to-end tests and the benchmark. */
  demo: DemoPage;
}

/**
 * A page of fictional posts served on the site's real origin (tests/fixtures/demo/<site>.html).
 * Its accounts are on the bundled demo list (scripts/demo/demo-list.csv).
 */
export interface DemoPage {
  /** The page, relative to the repository. */
  page: string;
  /** Where it opens. */
  url: string;
  /** The like button of the listed candidate's first post. */
  listedLike: string;
  /**
   * That post (or card, or video): the benchmark clones it 2,000 times, with every string of
   * `listedKeys` (the candidate's handle, id, …) altered in all but the last clone.
   */
  listedPost: string;
  listedKeys: string[];
  /**
   * Every post's guarded controls, for telling when a tab's guard is ready
   * (tests/support/ready.ts): a script's press on a listed post's control is stopped once it is.
   */
  ready: string;
  /**
   * The site's signature gesture for the demo's screenshots (`npm start`): e.g. a double tap
   * on a photo, a repost (open the menu, then its item), a subscribe. The last step must bring
   * up the warning; the ones before it must not.
   */
  feature?: { name: string; steps: { target: string; gesture: 'click' | 'dblclick' }[] };
}
