/**
 * The content-script runtime every site shares. It wires one tab's guard together:
 * - inputs (input.ts) → what they would do (resolve.ts, the site adapter) → whether to stop
 *   them (decide.ts) → the warning (show.ts);
 * - the tab's copy of the config, the lists and the hooks, reloaded when the background says
 *   they changed — new hooks take effect in open tabs without a reload;
 * - the scan of what is added (scan.ts), and the detection health of the hooks.
 * All of it lives in one TabState (state.ts); nothing at module level.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ListIndex } from '../accounts/shard-index';
import type { SubjectStore } from '../accounts/subjects';
import { REFRESH } from '../background/notify';
import { browser } from '../browser';
import type { HooksInForce, SiteHealth, SiteHooks } from '../hooks/types';
import { ENGINE_VERSION } from '../hooks/types';
import type { WireShard } from '../list/types';
import { sendMessage } from '../messaging/client';
import type { PlatformId, SiteId } from '../model';
import { effectiveConfig } from '../policy/effective';
import type { EffectiveConfig } from '../policy/types';
import { compileHooks, type CompiledHooks } from '../sites/engine/hooks';
import { probeHealth } from '../sites/engine/health';
import type { SiteAdapter } from '../sites/types';
import { KEYS, type GuardEvent } from '../storage/items';
import { listenForInputs } from './input';
import { scanAdded } from './scan';
import type { ShowContext } from './show';
import { TabState, type GuardStats } from './state';

export type { GuardStats };

/** What the runtime needs of a site (a SiteDefinition from lib/sites/registry.ts fits). */
export interface GuardedSite {
  id: SiteId;
  platform: PlatformId;
  hooks: SiteHooks;
  create(hooks: CompiledHooks): SiteAdapter;
}

export interface GuardOptions {
  /** Which events count as the user's own (tests in happy-dom inject this). */
  isTrusted?: (e: Event) => boolean;
  now?: () => number;
}

export interface GuardHandle {
  /** Resolves when the tab has its config, list and hooks (for tests and the benchmark). */
  ready: Promise<void>;
  readonly index: ListIndex | null;
  readonly subjects: SubjectStore;
  /** The hooks version this tab runs. */
  readonly hooksVersion: number;
  readonly health: SiteHealth | null;
  stats: GuardStats;
  /** Whether the scan found `post` to be of a listed account (nothing on the page says so). */
  isListed(post: Element): boolean;
}

/**
 * The start-up read, in one `get`: from the in-memory session mirror when it holds the
 * committed pointer (`jn.state`), which vouches that every mirrored key is of that one
 * generation (lib/background/mirror.ts); else from storage.local, where every generation
 * switch writes the tab-facing keys in one set (lib/background/generation.ts), so one `get`
 * of them is one generation too. A mirror without its pointer is a switch under way, or cut
 * short by a killed worker: it is not used.
 */
export async function readStartup(keys: string[]): Promise<{ got: Record<string, unknown>; area: 'session' | 'local' }> {
  const session = (browser.storage as { session?: typeof browser.storage.local }).session;
  if (session) {
    try {
      const got = await session.get([KEYS.state, ...keys]);
      if (got[KEYS.state] !== undefined && got[KEYS.state] !== null) return { got, area: 'session' };
    } catch {
      // Not open to content scripts in this browser: storage.local below.
    }
  }
  return { got: await browser.storage.local.get(keys), area: 'local' };
}

/**
 * The hooks a tab runs: a signed update the background accepted, when it is for this site,
 * this engine can run it, and it is newer than the bundled hooks; else the bundled hooks
 * (which so win after an extension update that ships newer ones).
 */
export function hooksForTab(bundled: SiteHooks, stored: unknown): SiteHooks {
  const s = (stored as HooksInForce | null | undefined)?.hooks;
  if (!s || typeof s !== 'object' || s.site !== bundled.site) return bundled;
  if (typeof s.hooksVersion !== 'number' || s.hooksVersion <= bundled.hooksVersion) return bundled;
  if (typeof s.minEngine !== 'number' || s.minEngine > ENGINE_VERSION) return bundled;
  return s;
}

function uiLanguage(): string | undefined {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return navigator.language;
  }
}

export function runGuard(ctx: ContentScriptContext, site: GuardedSite, opts: GuardOptions = {}): GuardHandle {
  const now = opts.now ?? Date.now;
  const report = (health: SiteHealth) => {
    sendMessage('health.report', { health }).catch(() => {
      // The extension was reloaded under this tab: nobody to tell.
    });
  };
  const bundled = compileHooks(site.hooks);
  const state = new TabState(bundled, site.create(bundled), report, now);
  const shardKey = KEYS.shards(site.platform);
  const hooksKey = KEYS.hooks(site.id);
  const show: ShowContext = { state, site: site.id, uiLanguage, isTrusted: opts.isTrusted, isInvalid: () => ctx.isInvalid };

  listenForInputs({ ...show, signal: ctx.signal, location });

  // -- detection health: probed when idle after changes, never on the input path ----------
  let healthTimer: ReturnType<typeof setTimeout> | null = null;
  const probe = () => {
    healthTimer = null;
    if (!state.active || ctx.isInvalid) return;
    const again = state.health.feed(probeHealth(document, location.pathname, state.hooks), state.hooks);
    if (again > 0) scheduleHealth(again + 50);
  };
  const scheduleHealth = (delay = 1000) => {
    if (healthTimer === null) healthTimer = setTimeout(probe, delay);
  };

  const scanRoots = (roots: Iterable<Element>) => scanAdded(show, roots);

  const observer = new MutationObserver((records) => {
    if (!state.active) return;
    const t0 = performance.now();
    const roots: Element[] = [];
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target.nodeType === 1) roots.push(r.target as Element);
      } else for (const node of r.addedNodes) if (node.nodeType === 1) roots.push(node as Element);
    }
    const n = roots.length ? scanRoots(roots) : 0;
    if (n > 0) {
      const s = state.stats;
      s.lastBatchMs = performance.now() - t0;
      s.lastBatchPosts = n;
      s.scanMs += s.lastBatchMs;
      s.scannedPosts += n;
    }
    if (roots.length) scheduleHealth();
  });
  // href: X reuses rows by rewriting their links in place.
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  ctx.onInvalidated(() => {
    observer.disconnect();
    if (healthTimer !== null) clearTimeout(healthTimer);
    state.open?.handle.close();
  });

  // Location changes in a single-page site: a menu opened on the old page does not carry over.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    state.menu = null;
    scheduleHealth();
  });

  /** New hooks: a new adapter on them, everything on the page read again, health re-measured. */
  const useHooks = (doc: SiteHooks) => {
    if (doc === state.hooks.source) return;
    try {
      const compiled = compileHooks(doc);
      state.hooks = compiled;
      state.adapter = site.create(compiled);
      state.health.reset();
    } catch {
      // A document that cannot be compiled here keeps the hooks in force.
    }
  };

  const load = () => {
    const t0 = performance.now();
    // Config, list and hooks in one read, so they are always of the same generation.
    return readStartup([KEYS.config, shardKey, hooksKey]).then(({ got, area }) => {
      state.stats.area = area;
      const t1 = performance.now();
      useHooks(hooksForTab(site.hooks, got[hooksKey]));
      state.config = (got[KEYS.config] as EffectiveConfig | undefined) ?? effectiveConfig(undefined, undefined);
      state.index = ListIndex.fromWire(site.platform, (got[shardKey] as WireShard[] | undefined) ?? []);
      const t2 = performance.now();
      if (document.documentElement) scanRoots([document.documentElement]);
      state.stats.load = { readMs: t1 - t0, buildMs: t2 - t1, scanMs: performance.now() - t2 };
      // Ready to decide. Naming a subject needs each shard's position → subject table: read
      // it now, off the start-up path, so the first warning opens without waiting.
      state.subjects.retain(state.index.shards.map((sh) => sh.subjectOfKey));
      for (const sh of state.index.shards) void state.subjects.fetchSubjectOf(sh.subjectOfKey);
      scheduleHealth();
    });
  };
  // The background says when the config, a list or the hooks changed (lib/background/notify.ts).
  const onMessage = (msg: unknown, sender: { id?: string; tab?: unknown }) => {
    if (sender.id !== browser.runtime.id || sender.tab !== undefined) return;
    if ((msg as { type?: string } | null)?.type === REFRESH) void load();
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

  // How often each account was warned about lately: read after the list is ready (never on
  // the click path) and again when the tab comes back to the front (other tabs warn too).
  const loadRecent = () =>
    browser.storage.local
      .get(KEYS.events)
      .then((got) => state.recent.load(got[KEYS.events] as GuardEvent[] | undefined, now()))
      .catch(() => {
        // The extension was reloaded under this tab: the counts stay as they are.
      });
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') void loadRecent();
  });

  const ready = load().then(() => {
    state.stats.readyAt = performance.now();
    void loadRecent();
  });

  const handle: GuardHandle = {
    ready,
    stats: state.stats,
    subjects: state.subjects,
    isListed: (post) => state.listedPosts.has(post),
    get index() {
      return state.index;
    },
    get hooksVersion() {
      return state.hooks.version;
    },
    get health() {
      return state.health.current;
    },
  };
  // Reachable only from the extension's isolated world (the page cannot see it): the
  // benchmark reads timings and runs lookups on the tab's real index through it.
  (globalThis as { __jagaNetral?: GuardHandle }).__jagaNetral = handle;
  return handle;
}
