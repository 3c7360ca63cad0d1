/**
 * The content-script runtime every site shares: it listens before the page does (capture
 * phase on window, registered at document_start), asks the site adapter what an input
 * would do, decides synchronously against the tab's copy of the lists, and either lets the
 * input through untouched or stops it and shows the warning. Proceed replays the original
 * action once. It also scans added posts to mark listed ones (`data-jaga-netral="listed"`).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ListIndex } from '../accounts/shard-index';
import { browser } from '../browser';
import { clausesFor } from '../clauses';
import { resolveLocale } from '../i18n/common';
import type { WireShard } from '../list/types';
import { sendMessage } from '../messaging/client';
import { effectiveConfig } from '../policy/effective';
import type { EffectiveConfig } from '../policy/types';
import type { Resolution, SiteAdapter } from '../sites/types';
import { KEYS, type GuardEvent, type Outcome } from '../storage/items';
import { openWarning, type WarningHandle } from '../ui/warning/mount';
import { decide, type Decision, type MenuContext } from './decide';

export const LISTED_ATTR = 'data-jaga-netral';

export interface GuardOptions {
  /** Which events count as the user's own (tests in happy-dom inject this). */
  isTrusted?: (e: Event) => boolean;
  now?: () => number;
}

/** The presses that come before a click; stopped on a listed target so the page never sees them. */
const PRESS_EVENTS = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'touchstart', 'touchend'] as const;

export interface GuardStats {
  /** performance.now() when the guard started and when the tab's list was ready. */
  startedAt: number;
  readyAt: number;
  /** Posts scanned and time spent scanning, in total and in the last batch of mutations. */
  scannedPosts: number;
  scanMs: number;
  lastBatchMs: number;
  lastBatchPosts: number;
}

export interface GuardHandle {
  /** Resolves when the tab has its config and list (for tests and the benchmark). */
  ready: Promise<void>;
  readonly index: ListIndex | null;
  stats: GuardStats;
}

export function runGuard(ctx: ContentScriptContext, adapter: SiteAdapter, opts: GuardOptions = {}): GuardHandle {
  const now = opts.now ?? Date.now;
  const stats: GuardStats = { startedAt: performance.now(), readyAt: 0, scannedPosts: 0, scanMs: 0, lastBatchMs: 0, lastBatchPosts: 0 };
  const shardKey = KEYS.shards(adapter.platform);
  let config: EffectiveConfig | null = null;
  let index: ListIndex | null = null;
  let menu: MenuContext | null = null;
  let open: { handle: WarningHandle; decision: Decision } | null = null;
  /** The control being clicked by our own replay: its click passes once. */
  let replaying: Element | null = null;
  /** When a replay was impossible (the control is gone), the user's next try passes once. */
  let allowance: { entryId: string; action: string; until: number } | null = null;
  let spaceKeyupTarget: EventTarget | null = null;

  const active = () => config !== null && index !== null && index.size > 0;

  const fromOurUi = (e: Event) => open !== null && e.composedPath().includes(open.handle.host);

  const targetOf = (e: Event): Element | null => {
    const t = e.composedPath()[0] ?? e.target;
    return t instanceof Element ? t : null;
  };

  const stop = (e: Event, preventDefault = true) => {
    if (preventDefault && e.cancelable) e.preventDefault();
    e.stopImmediatePropagation();
  };

  const remember = (res: Resolution) => {
    if (res.type !== 'menu-commit') menu = { identities: res.identities, at: now() };
  };

  /** `consume`: a click uses up a pending allowance; the presses before it only look. */
  const decideFor = (res: Resolution, consume: boolean): Decision | null => {
    if (!config || !index) return null;
    const d = decide(res, config, index, menu, now());
    if (!d) return null;
    if (allowance && allowance.entryId === d.match.entryId && allowance.action === d.action && allowance.until >= now()) {
      if (consume) allowance = null;
      return null;
    }
    return d;
  };

  const record = (d: Decision, outcome: Outcome, justification?: string) => {
    const event: GuardEvent = {
      at: now(),
      site: adapter.site,
      action: d.action,
      mode: d.mode,
      outcome,
      entryId: d.match.entryId,
      name: d.match.subject.name,
      role: d.match.subject.role,
      listVersion: d.match.listVersion,
      clauseIds: clausesFor(d.action, config?.localClauses ?? []).map((c) => c.id),
      ...(justification ? { justification } : {}),
    };
    sendMessage('event.record', { event }).catch(() => {
      // The extension was reloaded or updated under this tab: nothing to record into.
    });
  };

  const replayClick = (control: Element) => {
    replaying = control;
    try {
      (control as HTMLElement).click();
    } finally {
      replaying = null;
    }
  };

  const showWarning = (d: Decision, replay: () => void) => {
    if (!config) return;
    record(d, d.mode === 'block' ? 'blocked' : 'warned');
    const handle = openWarning({
      action: d.action,
      match: d.match,
      shownAs: d.identity.display,
      relation: d.identity.relation,
      mode: d.mode === 'audit' ? 'warn' : d.mode,
      clauses: clausesFor(d.action, config.localClauses),
      organization: config.organization,
      locale: resolveLocale(config.locale, browser.i18n?.getUILanguage?.()),
      returnFocusTo: d.control,
      isTrusted: opts.isTrusted,
    });
    open = { handle, decision: d };
    void handle.result.then((r) => {
      if (open?.handle === handle) open = null;
      if (d.mode === 'block') return;
      if (r.decision !== 'proceed') {
        record(d, 'cancelled');
        return;
      }
      record(d, 'proceeded', r.justification);
      if (d.control.isConnected) replay();
      else allowance = { entryId: d.match.entryId, action: d.action, until: now() + 30_000 };
    });
  };

  /** Stops `e` and warns when `res` is a guarded action on a listed account. */
  const intercept = (e: Event, res: Resolution, replay: () => void): boolean => {
    const d = decideFor(res, true);
    if (!d) return false;
    if (d.mode === 'audit') {
      record(d, 'audited');
      return false;
    }
    stop(e);
    showWarning(d, replay);
    return true;
  };

  const onPress = (e: Event) => {
    if (!active() || replaying || fromOurUi(e)) return;
    const t = targetOf(e);
    const res = t && adapter.resolveControl(t, location);
    if (!res) return;
    remember(res);
    if (res.type === 'menu') return;
    if (open) return stop(e, false);
    const d = decideFor(res, false);
    // Not preventDefault: the click still comes and is handled (and stopped) in onClick.
    if (d && d.mode !== 'audit') e.stopImmediatePropagation();
  };

  const onPointerOver = (e: Event) => {
    if (!active() || fromOurUi(e)) return;
    const t = targetOf(e);
    const res = t && adapter.resolveControl(t, location);
    // Hovering a like button opens Facebook's reactions bar: its items commit for this post.
    if (res && res.type !== 'menu-commit') remember(res);
  };

  const onClick = (e: Event) => {
    if (!active() || fromOurUi(e)) return;
    const t = targetOf(e);
    if (!t) return;
    if (replaying && (replaying === t || replaying.contains(t))) return;
    const res = adapter.resolveControl(t, location);
    if (!res) return;
    remember(res);
    if (res.type === 'menu') return;
    if (open) return stop(e);
    intercept(e, res, () => replayClick(res.control));
  };

  const onKeydown = (e: Event) => {
    const ke = e as KeyboardEvent;
    if (!active() || fromOurUi(e) || ke.isComposing) return;
    const t = targetOf(e);
    if ((ke.key === 'Enter' || ke.key === ' ') && t && !ke.ctrlKey && !ke.metaKey && !ke.altKey) {
      const res = adapter.resolveControl(t, location);
      if (res && res.type !== 'menu') {
        remember(res);
        if (open) return stop(e);
        if (intercept(e, res, () => replayClick(res.control)) && ke.key === ' ') spaceKeyupTarget = t;
        return;
      }
    }
    const res = adapter.resolveShortcut(ke, location);
    if (!res) return;
    remember(res);
    if (res.type === 'menu') return;
    if (open) return stop(e);
    intercept(e, res, () => replayClick(res.control));
  };

  const onKeyup = (e: Event) => {
    if (spaceKeyupTarget && (e as KeyboardEvent).key === ' ' && e.target === spaceKeyupTarget) {
      spaceKeyupTarget = null;
      stop(e);
    }
  };

  const listen = (type: string, fn: (e: Event) => void) =>
    window.addEventListener(type, fn, { capture: true, signal: ctx.signal });
  for (const type of PRESS_EVENTS) listen(type, onPress);
  listen('pointerover', onPointerOver);
  listen('click', onClick);
  listen('keydown', onKeydown);
  listen('keyup', onKeyup);

  // Scan what is added, only that: mark posts of listed accounts (a QA hook; no visual change).
  const scan = (root: Element): number => {
    if (!index || !config) return 0;
    const t = now();
    const posts = adapter.findPosts(root);
    for (const post of posts) {
      let listed = false;
      for (const id of adapter.identitiesOf(post, location)) {
        if (index.match(id.keys, t)) {
          listed = true;
          break;
        }
      }
      if (listed) post.setAttribute(LISTED_ATTR, 'listed');
      else if (post.hasAttribute(LISTED_ATTR)) post.removeAttribute(LISTED_ATTR); // a recycled row
    }
    return posts.length;
  };
  const observer = new MutationObserver((records) => {
    if (!active()) return;
    const t0 = performance.now();
    let n = 0;
    for (const r of records) {
      for (const node of r.addedNodes) if (node.nodeType === 1) n += scan(node as Element);
    }
    if (n > 0) {
      stats.lastBatchMs = performance.now() - t0;
      stats.lastBatchPosts = n;
      stats.scanMs += stats.lastBatchMs;
      stats.scannedPosts += n;
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
    open?.handle.close();
  });

  // Location changes in a single-page site: a menu opened on the old page does not carry over.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    menu = null;
  });

  const apply = (c: EffectiveConfig | undefined, shards: WireShard[] | undefined) => {
    if (c !== undefined) config = c;
    if (shards !== undefined) index = ListIndex.fromWire(adapter.platform, shards);
  };
  const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    const c = changes[KEYS.config];
    const s = changes[shardKey];
    if (!c && !s) return;
    apply(c?.newValue as EffectiveConfig | undefined, s ? ((s.newValue as WireShard[] | undefined) ?? []) : undefined);
    if (s && document.documentElement) scan(document.documentElement);
  };
  browser.storage.onChanged.addListener(onStorage);
  ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorage));

  const ready = browser.storage.local.get([KEYS.config, shardKey]).then((got) => {
    apply((got[KEYS.config] as EffectiveConfig | undefined) ?? effectiveConfig(undefined, undefined), (got[shardKey] as WireShard[] | undefined) ?? []);
    stats.readyAt = performance.now();
    if (document.documentElement) scan(document.documentElement);
  });

  const handle: GuardHandle = {
    ready,
    stats,
    get index() {
      return index;
    },
  };
  // Reachable only from the extension's isolated world (the page cannot see it): the
  // benchmark reads timings and runs lookups on the tab's real index through it.
  (globalThis as { __jagaNetral?: GuardHandle }).__jagaNetral = handle;
  return handle;
}
