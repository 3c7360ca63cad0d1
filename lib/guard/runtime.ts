/**
 * The content-script runtime every site shares: it listens before the page does (capture
 * phase on window, registered at document_start), asks the site adapter what an input
 * would do, decides synchronously against the tab's copy of the lists, and either lets the
 * input through untouched or stops it and shows the warning. Proceed replays the original
 * action once. It also scans added posts to mark listed ones (`data-jaga-netral="listed"`).
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ListIndex, type Hit } from '../accounts/shard-index';
import { SubjectStore } from '../accounts/subjects';
import { browser } from '../browser';
import { clauseIdsFor, lawFor } from '../clauses';
import { resolveLocale } from '../i18n/common';
import type { WireShard } from '../list/types';
import { sendMessage } from '../messaging/client';
import { effectiveConfig } from '../policy/effective';
import type { EffectiveConfig } from '../policy/types';
import { dayNumber, type Match, type Subject } from '../model';
import type { Resolution, SiteAdapter } from '../sites/types';
import { KEYS, type GuardEvent, type Outcome } from '../storage/items';
import { REFRESH } from '../background/notify';
import { openWarning, prewarmWarning, type WarningHandle } from '../ui/warning/mount';
import { decide, type Decision, type MenuContext } from './decide';
import { RecentWarnings } from './recent';

export const LISTED_ATTR = 'data-jaga-netral';

/**
 * The start-up read: from the in-memory session mirror when it holds every key (faster at
 * document_start), else from storage.local (lib/background/mirror.ts).
 */
export async function readStartup(keys: string[]): Promise<{ got: Record<string, unknown>; area: 'session' | 'local' }> {
  const session = (browser.storage as { session?: typeof browser.storage.local }).session;
  if (session) {
    try {
      const got = await session.get(keys);
      if (keys.every((k) => got[k] !== undefined)) return { got, area: 'session' };
    } catch {
      // Not open to content scripts in this browser: storage.local below.
    }
  }
  return { got: await browser.storage.local.get(keys), area: 'local' };
}

function uiLanguage(): string | undefined {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return navigator.language;
  }
}

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
  /** From the input event (its timeStamp) to the frame after the warning was mounted. */
  lastClickToDialogMs: number;
  /** Its parts: the event reaching us, our work (decide, mount), the wait for the frame. */
  lastClickParts: { inputMs: number; workMs: number; frameMs: number };
  /** The last load of config + list: storage read, index build, first scan (ms). */
  load: { readMs: number; buildMs: number; scanMs: number };
  /** Where the last load read from: the session mirror, or storage.local. */
  area: 'session' | 'local' | '';
}

export interface GuardHandle {
  /** Resolves when the tab has its config and list (for tests and the benchmark). */
  ready: Promise<void>;
  readonly index: ListIndex | null;
  readonly subjects: SubjectStore;
  stats: GuardStats;
}

export function runGuard(ctx: ContentScriptContext, adapter: SiteAdapter, opts: GuardOptions = {}): GuardHandle {
  const now = opts.now ?? Date.now;
  const stats: GuardStats = { startedAt: performance.now(), readyAt: 0, scannedPosts: 0, scanMs: 0, lastBatchMs: 0, lastBatchPosts: 0, lastClickToDialogMs: 0, lastClickParts: { inputMs: 0, workMs: 0, frameMs: 0 }, load: { readMs: 0, buildMs: 0, scanMs: 0 }, area: '' };
  const subjects = new SubjectStore();
  const recent = new RecentWarnings();
  const shardKey = KEYS.shards(adapter.platform);
  let config: EffectiveConfig | null = null;
  let index: ListIndex | null = null;
  let menu: MenuContext | null = null;
  let open: { handle: WarningHandle; decision: Decision } | null = null;
  /** A stopped action whose warning waits for the subject's details (a storage read). */
  let pending: Decision | null = null;
  /** The control being clicked by our own replay: its click passes once. */
  let replaying: Element | null = null;
  /** When a replay was impossible (the control is gone), the user's next try passes once. */
  let allowance: { entryId: string; action: string; until: number } | null = null;
  let spaceKeyupTarget: EventTarget | null = null;

  const active = () => config !== null && index !== null && index.size > 0;

  const fromOurUi = (e: Event) => open !== null && e.composedPath().includes(open.handle.host);
  /** A warning is showing or about to: guarded controls are inert meanwhile. */
  const busy = () => open !== null || pending !== null;

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
    if (allowance && allowance.entryId === d.hit.entryId && allowance.action === d.action && allowance.until >= now()) {
      if (consume) allowance = null;
      return null;
    }
    return d;
  };

  /** `clauseIds`: what the warning cited (computed once per warning); else computed here (audit). */
  const record = (d: Decision, subject: Subject, outcome: Outcome, justification?: string, clauseIds?: string[]) => {
    const event: GuardEvent = {
      at: now(),
      site: adapter.site,
      action: d.action,
      mode: d.mode,
      outcome,
      entryId: d.hit.entryId,
      name: subject.name,
      role: subject.role,
      listVersion: d.hit.listVersion,
      clauseIds: clauseIds ?? clauseIdsFor({ action: d.action, subject, status: config?.employeeStatus, localClauses: config?.localClauses }),
      ...(justification ? { justification } : {}),
    };
    sendMessage('event.record', { event }).catch(() => {
      // The extension was reloaded or updated under this tab: nothing to record into.
    });
  };

  /** The subject for the warning: from the store, or (the list changed meanwhile) what the page shows. */
  const withSubject = (hit: Hit, fallback: string, use: (s: Subject) => void) => {
    const now = subjects.peek(hit);
    if (now) return use(now);
    void subjects.load(hit).then((s) => use(s ?? { index: -1, name: fallback }));
  };

  const replayClick = (control: Element) => {
    replaying = control;
    try {
      (control as HTMLElement).click();
    } finally {
      replaying = null;
    }
  };

  const showWarning = (d: Decision, subject: Subject, startedAt: number, handledAt: number, replay: () => void) => {
    pending = null;
    // Invalidated while the details were read (the extension was updated): as with a warning
    // already open (closed on invalidation), this stale script shows nothing more.
    if (!config || ctx.isInvalid) return;
    const priorWarnings = recent.count(d.hit.entryId, now());
    recent.add(d.hit.entryId, now());
    const law = lawFor({ action: d.action, subject, status: config.employeeStatus, localClauses: config.localClauses });
    const clauseIds = law.clauses.map((c) => c.id);
    record(d, subject, d.mode === 'block' ? 'blocked' : 'warned', undefined, clauseIds);
    const match: Match = {
      subject,
      platform: d.hit.platform,
      key: d.hit.key,
      listSource: d.hit.listSource,
      listVersion: d.hit.listVersion,
      entryId: d.hit.entryId,
    };
    const handle = openWarning({
      action: d.action,
      match,
      shownAs: d.identity.display,
      relation: d.identity.relation,
      mode: d.mode === 'audit' ? 'warn' : d.mode,
      law,
      priorWarnings,
      organization: config.organization,
      locale: resolveLocale(config.locale, uiLanguage()),
      returnFocusTo: d.control,
      isTrusted: opts.isTrusted,
    });
    open = { handle, decision: d };
    const mounted = performance.now();
    requestAnimationFrame(() =>
      setTimeout(() => {
        const end = performance.now();
        stats.lastClickToDialogMs = end - startedAt;
        stats.lastClickParts = { inputMs: handledAt - startedAt, workMs: mounted - handledAt, frameMs: end - mounted };
      }, 0),
    );
    void handle.result.then((r) => {
      if (open?.handle === handle) open = null;
      if (d.mode === 'block') return;
      if (r.decision !== 'proceed') {
        record(d, subject, 'cancelled', undefined, clauseIds);
        return;
      }
      record(d, subject, 'proceeded', r.justification, clauseIds);
      if (d.control.isConnected) replay();
      else allowance = { entryId: d.hit.entryId, action: d.action, until: now() + 30_000 };
    });
  };

  /** Stops `e` and warns when `res` is a guarded action on a listed account. */
  const intercept = (e: Event, res: Resolution, replay: () => void): boolean => {
    const d = decideFor(res, true);
    if (!d) return false;
    if (d.mode === 'audit') {
      withSubject(d.hit, d.identity.display, (s) => record(d, s, 'audited'));
      return false;
    }
    const handledAt = performance.now();
    stop(e);
    // The decision was synchronous; the details may need one storage read.
    pending = d;
    withSubject(d.hit, d.identity.display, (s) => showWarning(d, s, e.timeStamp, handledAt, replay));
    return true;
  };

  const onPress = (e: Event) => {
    if (!active() || replaying || fromOurUi(e)) return;
    const t = targetOf(e);
    const res = t && adapter.resolveControl(t, location);
    if (!res) return;
    remember(res);
    if (res.type === 'menu') return;
    if (busy()) return stop(e, false);
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
    if (busy()) return stop(e);
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
        if (busy()) return stop(e);
        if (intercept(e, res, () => replayClick(res.control)) && ke.key === ' ') spaceKeyupTarget = t;
        return;
      }
    }
    const res = adapter.resolveShortcut(ke, location);
    if (!res) return;
    remember(res);
    if (res.type === 'menu') return;
    if (busy()) return stop(e);
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

  // Scan what is added, only that: mark posts of listed accounts (a QA hook; no visual
  // change) and prefetch their details, so a warning opens in the same frame as the click.
  const scan = (roots: Iterable<Element>): number => {
    if (!index || !config) return 0;
    const t = now();
    const today = dayNumber(t);
    const seen = new Map<Element, boolean>();
    const prefetched = new Set<string>(); // a feed repeats its authors: once per key
    for (const root of roots) {
      adapter.scanKeys(root, (post, key) => {
        if (seen.get(post)) return;
        const listed = index!.has(key, today);
        seen.set(post, listed);
        if (listed && !prefetched.has(key)) {
          prefetched.add(key);
          subjects.prefetch(index!.match([key], t)!);
        }
      });
    }
    if (!prewarmed) for (const listed of seen.values()) if (listed) schedulePrewarm();
    for (const [post, listed] of seen) {
      if (listed) {
        if (post.getAttribute(LISTED_ATTR) !== 'listed') post.setAttribute(LISTED_ATTR, 'listed');
      } else if (post.hasAttribute(LISTED_ATTR)) post.removeAttribute(LISTED_ATTR); // a recycled row
    }
    return seen.size;
  };
  // A listed post is on the page: a warning may come, so compile its code while idle.
  let prewarmed = false;
  const schedulePrewarm = () => {
    prewarmed = true;
    const run = () => {
      if (!config || ctx.isInvalid) return;
      prewarmWarning({
        action: 'like',
        match: { subject: { index: 0, name: '' }, platform: adapter.platform, key: '', listSource: '', listVersion: 0, entryId: '' },
        shownAs: '',
        mode: 'warn',
        law: lawFor({ action: 'like', subject: {}, status: config.employeeStatus, localClauses: config.localClauses }),
        organization: config.organization,
        locale: resolveLocale(config.locale, uiLanguage()),
      });
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
    else setTimeout(run, 200);
  };
  const observer = new MutationObserver((records) => {
    if (!active()) return;
    const t0 = performance.now();
    const roots: Element[] = [];
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target.nodeType === 1) roots.push(r.target as Element);
      } else for (const node of r.addedNodes) if (node.nodeType === 1) roots.push(node as Element);
    }
    const n = roots.length ? scan(roots) : 0;
    if (n > 0) {
      stats.lastBatchMs = performance.now() - t0;
      stats.lastBatchPosts = n;
      stats.scanMs += stats.lastBatchMs;
      stats.scannedPosts += n;
    }
  });
  // href: X reuses rows by rewriting their links in place.
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['href'] });
  ctx.onInvalidated(() => {
    observer.disconnect();
    open?.handle.close();
  });

  // Location changes in a single-page site: a menu opened on the old page does not carry over.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    menu = null;
  });

  const load = () => {
    const t0 = performance.now();
    return readStartup([KEYS.config, shardKey]).then(({ got, area }) => {
      stats.area = area;
      const t1 = performance.now();
      config = (got[KEYS.config] as EffectiveConfig | undefined) ?? effectiveConfig(undefined, undefined);
      index = ListIndex.fromWire(adapter.platform, (got[shardKey] as WireShard[] | undefined) ?? []);
      const t2 = performance.now();
      if (document.documentElement) scan([document.documentElement]);
      stats.load = { readMs: t1 - t0, buildMs: t2 - t1, scanMs: performance.now() - t2 };
      // Ready to decide. Naming a subject needs each shard's position → subject table: read
      // it now, off the start-up path, so the first warning opens without waiting.
      subjects.retain(index.shards.map((sh) => sh.subjectOfKey));
      for (const sh of index.shards) void subjects.fetchSubjectOf(sh.subjectOfKey);
    });
  };
  // The background says when the config or a list changed (lib/background/notify.ts).
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
      .then((got) => recent.load(got[KEYS.events] as GuardEvent[] | undefined, now()))
      .catch(() => {
        // The extension was reloaded under this tab: the counts stay as they are.
      });
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') void loadRecent();
  });

  const ready = load().then(() => {
    stats.readyAt = performance.now();
    void loadRecent();
  });

  const handle: GuardHandle = {
    ready,
    stats,
    subjects,
    get index() {
      return index;
    },
  };
  // Reachable only from the extension's isolated world (the page cannot see it): the
  // benchmark reads timings and runs lookups on the tab's real index through it.
  (globalThis as { __jagaNetral?: GuardHandle }).__jagaNetral = handle;
  return handle;
}
