/**
 * The background service worker. It keeps no state of its own between events (MV3 stops
 * it at will): everything lives in storage.local, which is also what the tabs read.
 *  - policy: read from storage.managed, validated, cached (`jn.policy`); the effective
 *    config (`jn.config`) is recomputed from policy + user settings and cached for tabs;
 *  - lists and hooks updates: synced on install/start-up, on an alarm, when their sources
 *    change, on request ("Sinkronkan sekarang" checks both);
 *  - events: the local record of warnings, appended on the content scripts' behalf, and
 *    (only when policy sets `reportUrl`) queued for audit reporting (lib/report);
 *  - health: each site's detection health as tabs report it (`jn.health`); a site turning
 *    `degraded` is an audit notice when reporting is on.
 * What must run one at a time (syncs, the health read-modify-write) is serialised by
 * runners created in startBackground, never by module-level variables.
 */
import { browser } from '../browser';
import { appendEvent, serveMessages, storeHealth, validEvent, validHealth } from '../messaging/server';
import { effectiveConfig } from '../policy/effective';
import { readManagedPolicy } from '../policy/read';
import type { EffectiveConfig, PolicyState, UserSettings } from '../policy/types';
import { KEYS, type HooksSourceStatus, type SourceStatus } from '../storage/items';
import { REPORT_ALARM, createReporter, type Reporter } from '../report/reporter';
import { createHooksSync, type HooksSyncOptions } from './hooks';
import { createListSync } from './lists';
import { commit, reconcile } from './generation';
import { notifyTabs } from './notify';
import { createSerial, type Serial } from './serial';

const SYNC_ALARM = 'jn.sync';

/** What the background's functions share for one life of the worker (all of it dies with it). */
interface Background {
  reporter: Reporter;
  syncLists: (config: EffectiveConfig) => Promise<SourceStatus[]>;
  syncHooks: (config: EffectiveConfig) => Promise<HooksSourceStatus[]>;
  /** Serialises the read-modify-write of `jn.health` (two tabs may report at once). */
  healthLock: Serial;
  /**
   * Serialises every generation switch (config, lists, hooks) and the start-up reconcile:
   * each reads and moves the one pointer, and start-up must not clean up the chunks of a
   * switch under way.
   */
  writes: Serial;
}

async function readState(): Promise<{
  policy?: PolicyState;
  user?: UserSettings;
  config?: EffectiveConfig;
  sources?: SourceStatus[];
  hooksSources?: HooksSourceStatus[];
}> {
  const got = await browser.storage.local.get([KEYS.policy, KEYS.user, KEYS.config, KEYS.sources, KEYS.hooksSources]);
  return {
    policy: got[KEYS.policy] as PolicyState | undefined,
    user: got[KEYS.user] as UserSettings | undefined,
    config: got[KEYS.config] as EffectiveConfig | undefined,
    sources: got[KEYS.sources] as SourceStatus[] | undefined,
    hooksSources: got[KEYS.hooksSources] as HooksSourceStatus[] | undefined,
  };
}

function listsDiffer(a: EffectiveConfig | undefined, b: EffectiveConfig): boolean {
  return !a || JSON.stringify([a.listUrls, a.listPublicKeys]) !== JSON.stringify([b.listUrls, b.listPublicKeys]);
}

function hooksDiffer(a: EffectiveConfig | undefined, b: EffectiveConfig): boolean {
  // A config cached by an older build has no hooks fields: that counts as a change.
  return !a || JSON.stringify([a.hooksUrls, a.hooksPublicKeys]) !== JSON.stringify([b.hooksUrls, b.hooksPublicKeys]);
}

/** Whether some source was never checked, or not within the sync interval. */
function stale(sources: { checkedAt?: number }[] | undefined, config: EffectiveConfig): boolean {
  const list = sources ?? [];
  return list.length === 0 || list.some((src) => !src.checkedAt || Date.now() - src.checkedAt > config.syncIntervalMinutes * 60_000);
}

/** A hooks sync whose failure never fails the caller (the list sync, a message): it is logged. */
function syncHooksQuietly(bg: Background, config: EffectiveConfig): Promise<void> {
  return bg.syncHooks(config).then(
    () => undefined,
    (e) => console.error('Jaga Netral: hooks sync failed', e),
  );
}

/**
 * Recomputes and stores the effective config; syncs when the list or hooks sources changed.
 * Audit reporting follows every time: the token lives in the policy, not the config, so a
 * new token changes nothing here yet must still reset the reporter's backoff.
 */
async function applyConfig(
  policy: PolicyState | undefined,
  user: UserSettings | undefined,
  prev: EffectiveConfig | undefined,
  bg: Background,
): Promise<EffectiveConfig> {
  const { reporter } = bg;
  const config = effectiveConfig(policy, user);
  if (JSON.stringify(config) !== JSON.stringify(prev)) {
    // A switch to the next generation (lib/background/generation.ts): tabs see the new
    // config whole, with the list and hooks in force, or still the old one.
    await bg.writes(() => commit({ tab: { [KEYS.config]: config } }));
    await notifyTabs();
  }
  await reporter.configure().catch((e) => console.error('Jaga Netral: audit reporting set-up failed', e));
  if (!prev || prev.syncIntervalMinutes !== config.syncIntervalMinutes) await ensureAlarm(config, true);
  // Both at once: they touch different keys, and a slow list server must not hold up a fix.
  await Promise.all([
    listsDiffer(prev, config) ? bg.syncLists(config) : undefined,
    hooksDiffer(prev, config) ? syncHooksQuietly(bg, config) : undefined,
  ]);
  return config;
}

async function refreshPolicy(bg: Background): Promise<EffectiveConfig> {
  const policy = await readManagedPolicy();
  await browser.storage.local.set({ [KEYS.policy]: policy });
  const s = await readState();
  return applyConfig(policy, s.user, s.config, bg);
}

async function ensureAlarm(config: EffectiveConfig, replace = false): Promise<void> {
  const existing = await browser.alarms.get(SYNC_ALARM);
  if (existing && !replace && existing.periodInMinutes === config.syncIntervalMinutes) return;
  await browser.alarms.create(SYNC_ALARM, {
    delayInMinutes: config.syncIntervalMinutes,
    periodInMinutes: config.syncIntervalMinutes,
  });
}

/** Checks lists and hooks updates now; answers with the lists' state (as it always has). */
async function syncNow(bg: Background): Promise<SourceStatus[]> {
  const { config, policy, user } = await readState();
  const c = config ?? effectiveConfig(policy, user);
  const [sources] = await Promise.all([bg.syncLists(c), syncHooksQuietly(bg, c)]);
  return sources;
}

export interface BackgroundHandle {
  reporter: Reporter;
  /** Settles when the start-up work (config, policy, first sync) is done. */
  ready: Promise<void>;
}

export interface BackgroundOptions {
  /** For tests: how hooks updates are fetched. */
  hooks?: HooksSyncOptions;
}

/** Starts every listener and the start-up work (tests wait for it and flush the reporter). */
export function startBackground(opts: BackgroundOptions = {}): BackgroundHandle {
  // Holds only what dies with the worker (a timer, the batch in flight); its queue and
  // schedule are in storage.local.
  const reporter = createReporter();
  const writes = createSerial();
  const bg: Background = {
    reporter,
    syncLists: createListSync(writes),
    syncHooks: createHooksSync(opts.hooks, writes),
    healthLock: createSerial(),
    writes,
  };

  serveMessages({
    'event.record': async ({ event }) => {
      if (!validEvent(event)) throw new Error('invalid event');
      await appendEvent(event);
      // Reported exactly as recorded (validated, known fields only), and only when policy
      // turned reporting on; a reporting failure never loses the local record.
      await reporter.record(event).catch((e) => console.error('Jaga Netral: audit report not queued', e));
      return { ok: true };
    },
    'health.report': async ({ health }) => {
      const report = validHealth(health);
      if (!report) throw new Error('invalid health report');
      // `at` is the background's clock, never the tab's.
      const stored = await bg.healthLock(() => storeHealth(report, Date.now()));
      if (stored.becameDegraded && stored.health.hook !== undefined) {
        // Site, hook id and hooks version only: no URL, no page text (lib/report/record.ts).
        const { site, hook, hooksVersion, at } = stored.health;
        await reporter
          .recordDegraded({ site, hook, hooksVersion, at })
          .catch((e) => console.error('Jaga Netral: audit notice not queued', e));
      }
      return { ok: true };
    },
    'lists.sync': async () => ({ sources: await syncNow(bg) }),
    'events.clear': async () => {
      await browser.storage.local.set({ [KEYS.events]: [] });
      return { ok: true };
    },
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncNow(bg).catch((e) => console.error('Jaga Netral: sync failed', e));
    else if (alarm.name === REPORT_ALARM) void reporter.flush();
  });

  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') void refreshPolicy(bg);
    else if (area === 'local' && KEYS.user in changes) {
      void readState().then((s) => applyConfig(s.policy, s.user, s.config, bg));
    }
  });

  // Starts the worker with the browser, so the session mirror is filled before tabs load.
  browser.runtime.onStartup.addListener(() => {});

  // Every start of the worker: first bring storage back to the last committed generation (a
  // kill may have cut a change short: lib/background/generation.ts). The cached config is
  // then what tabs use; make sure it exists (first run), then read policy (the first managed
  // read can take seconds).
  const ready = (async () => {
    await writes(() => reconcile()).catch((e) => console.error('Jaga Netral: storage reconcile failed', e));
    const s = await readState();
    const config = s.config ? s.config : await applyConfig(s.policy, s.user, undefined, bg);
    await ensureAlarm(config);
    // Reports left from the last run (a restart, a crash) go out now, not at the next event.
    if (s.config) await reporter.configure().catch((e) => console.error('Jaga Netral: audit reporting set-up failed', e));
    const fresh = await refreshPolicy(bg);
    // What the config change above did not sync already, when it is due (install, a browser
    // start after a long pause). Hooks only when there are hooks sources: with none, nothing
    // is fetched and nothing stored is in force to check.
    await Promise.all([
      stale(s.sources, fresh) && !listsDiffer(s.config, fresh) ? bg.syncLists(fresh) : undefined,
      fresh.hooksUrls.length > 0 && stale(s.hooksSources, fresh) && !hooksDiffer(s.config, fresh)
        ? syncHooksQuietly(bg, fresh)
        : undefined,
    ]);
  })().catch((e) => console.error('Jaga Netral: start-up failed', e));
  return { reporter, ready };
}
