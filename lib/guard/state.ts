/**
 * Everything one tab's guard holds, in one object passed to the parts that need it (no
 * module-level state: a content script's module lives as long as its page, and tests run
 * several guards in one module).
 */
import type { ListIndex } from '../accounts/shard-index';
import { SubjectStore } from '../accounts/subjects';
import type { EffectiveConfig } from '../policy/types';
import type { SiteHealth } from '../hooks/types';
import type { CompiledHooks } from '../sites/engine/hooks';
import { HealthMonitor } from '../sites/engine/health';
import type { SiteAdapter } from '../sites/types';
import type { WarningHandle } from '../ui/warning/mount';
import type { Allowance, GuardDecision, MenuContext } from './decide';
import { RecentWarnings } from './recent';

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

export class TabState {
  config: EffectiveConfig | null = null;
  index: ListIndex | null = null;
  hooks: CompiledHooks;
  adapter: SiteAdapter;
  /** Identities remembered from the last control that opened a menu (X repost, FB reactions). */
  menu: MenuContext | null = null;
  open: { handle: WarningHandle; decision: GuardDecision } | null = null;
  /** A stopped action whose warning waits for the subject's details (a storage read). */
  pending: GuardDecision | null = null;
  /** The element our own replay is pressing: its events pass once. */
  replaying: Element | null = null;
  /** When a replay was impossible (the control is gone), the user's next try passes once. */
  allowance: Allowance | null = null;
  /** A stopped key press whose keyup must be stopped too (Space on a button, Enter in a box). */
  keyupTarget: EventTarget | null = null;
  /** The last touch or pen tap on media: a second one soon after, near it, is a double tap. */
  lastTap: { at: number; x: number; y: number; media: Element } | null = null;
  /** Until then, the rest of a stopped double tap (touchend, click, dblclick) is stopped too. */
  swallow: { until: number; target: Element } | null = null;
  prewarmed = false;
  /**
   * Posts the scan found to be of a listed account (a fingerprint match: the full key is
   * confirmed at click time). Kept here, never as a mark on the page: the site's scripts
   * must not learn that the extension runs, nor which posts it considers listed. Read by
   * tests and the benchmark through the guard handle (the content script's world only).
   */
  readonly listedPosts = new WeakSet<Element>();
  readonly subjects = new SubjectStore();
  readonly recent = new RecentWarnings();
  readonly health: HealthMonitor;
  readonly stats: GuardStats = {
    startedAt: performance.now(), readyAt: 0, scannedPosts: 0, scanMs: 0, lastBatchMs: 0, lastBatchPosts: 0,
    lastClickToDialogMs: 0, lastClickParts: { inputMs: 0, workMs: 0, frameMs: 0 }, load: { readMs: 0, buildMs: 0, scanMs: 0 }, area: '',
  };

  constructor(hooks: CompiledHooks, adapter: SiteAdapter, report: (h: SiteHealth) => void, readonly now: () => number) {
    this.hooks = hooks;
    this.adapter = adapter;
    this.health = new HealthMonitor(report, now);
  }

  /** The lists are loaded and hold something: the guard decides. */
  get active(): boolean {
    return this.config !== null && this.index !== null && this.index.size > 0;
  }

  /** A warning is showing or about to: guarded controls are inert meanwhile. */
  get busy(): boolean {
    return this.open !== null || this.pending !== null;
  }
}
