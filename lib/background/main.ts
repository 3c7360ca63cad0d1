/**
 * The background service worker. It keeps no state of its own between events (MV3 stops
 * it at will): everything lives in storage.local, which is also what the tabs read.
 *  - policy: read from storage.managed, validated, cached (`jn.policy`); the effective
 *    config (`jn.config`) is recomputed from policy + user settings and cached for tabs;
 *  - lists: synced on install/start-up, on an alarm, when the sources change, on request;
 *  - events: the local record of warnings, appended on the content scripts' behalf, and
 *    (only when policy sets `reportUrl`) queued for audit reporting (lib/report).
 */
import { browser } from '../browser';
import { appendEvent, serveMessages, validEvent } from '../messaging/server';
import { effectiveConfig } from '../policy/effective';
import { readManagedPolicy } from '../policy/read';
import type { EffectiveConfig, PolicyState, UserSettings } from '../policy/types';
import { KEYS, SCHEMA_VERSION, type SourceStatus } from '../storage/items';
import { REPORT_ALARM, createReporter, type Reporter } from '../report/reporter';
import { syncLists } from './lists';
import { ensureMirror, mirror } from './mirror';
import { notifyTabs } from './notify';

const SYNC_ALARM = 'jn.sync';

async function readState(): Promise<{ policy?: PolicyState; user?: UserSettings; config?: EffectiveConfig; sources?: SourceStatus[] }> {
  const got = await browser.storage.local.get([KEYS.policy, KEYS.user, KEYS.config, KEYS.sources]);
  return {
    policy: got[KEYS.policy] as PolicyState | undefined,
    user: got[KEYS.user] as UserSettings | undefined,
    config: got[KEYS.config] as EffectiveConfig | undefined,
    sources: got[KEYS.sources] as SourceStatus[] | undefined,
  };
}

function listsDiffer(a: EffectiveConfig | undefined, b: EffectiveConfig): boolean {
  return !a || JSON.stringify([a.listUrls, a.listPublicKeys]) !== JSON.stringify([b.listUrls, b.listPublicKeys]);
}

/**
 * Recomputes and stores the effective config; syncs when the list sources changed. Audit
 * reporting follows every time: the token lives in the policy, not the config, so a new
 * token changes nothing here yet must still reset the reporter's backoff.
 */
async function applyConfig(
  policy: PolicyState | undefined,
  user: UserSettings | undefined,
  prev: EffectiveConfig | undefined,
  reporter: Reporter,
): Promise<EffectiveConfig> {
  const config = effectiveConfig(policy, user);
  if (JSON.stringify(config) !== JSON.stringify(prev)) {
    await browser.storage.local.set({ [KEYS.config]: config, [KEYS.schema]: SCHEMA_VERSION });
    await mirror({ [KEYS.config]: config });
    await notifyTabs();
  }
  await reporter.configure().catch((e) => console.error('Jaga Netral: audit reporting set-up failed', e));
  if (!prev || prev.syncIntervalMinutes !== config.syncIntervalMinutes) await ensureAlarm(config, true);
  if (listsDiffer(prev, config)) await syncLists(config);
  return config;
}

async function refreshPolicy(reporter: Reporter): Promise<EffectiveConfig> {
  const policy = await readManagedPolicy();
  await browser.storage.local.set({ [KEYS.policy]: policy });
  const s = await readState();
  return applyConfig(policy, s.user, s.config, reporter);
}

async function ensureAlarm(config: EffectiveConfig, replace = false): Promise<void> {
  const existing = await browser.alarms.get(SYNC_ALARM);
  if (existing && !replace && existing.periodInMinutes === config.syncIntervalMinutes) return;
  await browser.alarms.create(SYNC_ALARM, {
    delayInMinutes: config.syncIntervalMinutes,
    periodInMinutes: config.syncIntervalMinutes,
  });
}

async function syncNow(): Promise<SourceStatus[]> {
  const { config, policy, user } = await readState();
  return syncLists(config ?? effectiveConfig(policy, user));
}

export interface BackgroundHandle {
  reporter: Reporter;
  /** Settles when the start-up work (config, policy, first sync) is done. */
  ready: Promise<void>;
}

/** Starts every listener and the start-up work (tests wait for it and flush the reporter). */
export function startBackground(): BackgroundHandle {
  // Holds only what dies with the worker (a timer, the batch in flight); its queue and
  // schedule are in storage.local.
  const reporter = createReporter();

  serveMessages({
    'event.record': async ({ event }) => {
      if (!validEvent(event)) throw new Error('invalid event');
      await appendEvent(event);
      // Reported exactly as recorded (validated, known fields only), and only when policy
      // turned reporting on; a reporting failure never loses the local record.
      await reporter.record(event).catch((e) => console.error('Jaga Netral: audit report not queued', e));
      return { ok: true };
    },
    'lists.sync': async () => ({ sources: await syncNow() }),
    'events.clear': async () => {
      await browser.storage.local.set({ [KEYS.events]: [] });
      return { ok: true };
    },
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncNow();
    else if (alarm.name === REPORT_ALARM) void reporter.flush();
  });

  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed') void refreshPolicy(reporter);
    else if (area === 'local' && KEYS.user in changes) {
      void readState().then((s) => applyConfig(s.policy, s.user, s.config, reporter));
    }
  });

  // Starts the worker with the browser, so the session mirror is filled before tabs load.
  browser.runtime.onStartup.addListener(() => {});

  // Every start of the worker: the cached config is already what tabs use; make sure it
  // exists (first run), then read policy (the first managed read can take seconds).
  const ready = (async () => {
    await ensureMirror().catch(() => {});
    const s = await readState();
    const config = s.config ? s.config : await applyConfig(s.policy, s.user, undefined, reporter);
    await ensureAlarm(config);
    // Reports left from the last run (a restart, a crash) go out now, not at the next event.
    if (s.config) await reporter.configure().catch((e) => console.error('Jaga Netral: audit reporting set-up failed', e));
    const fresh = await refreshPolicy(reporter);
    const stale = (s.sources ?? []).length === 0 ||
      (s.sources ?? []).some((src) => !src.checkedAt || Date.now() - src.checkedAt > fresh.syncIntervalMinutes * 60_000);
    if (stale && !listsDiffer(s.config, fresh)) await syncLists(fresh);
  })().catch((e) => console.error('Jaga Netral: start-up failed', e));
  return { reporter, ready };
}
