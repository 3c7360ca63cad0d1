/**
 * Audit reporting (issue 3, part 6): off unless a managed policy sets `reportUrl`. The
 * background hands every event the guard recorded to `record()`; it becomes a ReportRecord
 * (lib/report/record.ts) in a bounded queue in storage.local, and `flush()` POSTs the queue
 * in batches, retrying with exponential backoff.
 *
 * Everything that must outlive the service worker is in storage.local: the queue, the count
 * of events dropped from a full queue, and the retry schedule (ReportState). What lives in
 * a Reporter is only what dies with the worker anyway: the debounce timer, the batch in
 * flight and the lock that serialises every read-modify-write of those keys (the background
 * handles messages concurrently, and a send takes seconds).
 *
 * Delivery is at least once: a worker stopped between the collector's answer and the
 * queue update sends that batch again. Every record carries a UUID (`eventId`); the
 * Elasticsearch format uses it as `_id`, so there the second copy is refused as a conflict.
 */
import { browser } from '../browser';
import type { ReportFormat } from '../model';
import { effectiveConfig } from '../policy/effective';
import type { EffectiveConfig, PolicyState, UserSettings } from '../policy/types';
import { checkReportUrl } from '../policy/validate';
import { KEYS, type GuardEvent, type ReportState } from '../storage/items';
import type { SiteId } from '../model';
import { degradedRecord, droppedRecord, toRecord, type RecordContext, type ReportRecord } from './record';
import { sendBatch, type SendResult } from './send';

export const REPORT_ALARM = 'jn.report';
/** The retry alarm's period. Chrome's floor is 30 s (1 min before Chrome 120). */
export const REPORT_ALARM_MINUTES = 1;
/** At ~400 bytes a record, 2 MB of storage at most; weeks of warnings for one user. */
export const MAX_QUEUE = 5000;
export const BATCH_SIZE = 100;
/** After an event, wait this long for others to join its batch. */
export const DEBOUNCE_MS = 5000;
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_MAX_MS = 60 * 60_000;
/** Batches one flush sends in a row before it yields to the next alarm. */
const MAX_BATCHES_PER_FLUSH = 50;

/** Where reports go, from the config in force and the policy's token. */
export interface ReportSettings {
  url: string;
  format: ReportFormat;
  token?: string;
  organizationName?: string;
}

/**
 * Reporting is on exactly when the config in force (what the popup shows) has a reportUrl.
 * The token is read from the stored policy: it is never part of the config, which tabs read.
 */
export async function readReportSettings(): Promise<ReportSettings | undefined> {
  const got = await browser.storage.local.get([KEYS.config, KEYS.policy, KEYS.user]);
  const policy = got[KEYS.policy] as PolicyState | undefined;
  const config = (got[KEYS.config] as EffectiveConfig | undefined) ?? effectiveConfig(policy, got[KEYS.user] as UserSettings | undefined);
  // Checked again here: whatever the stored config says, nothing goes out in clear.
  if (!config.reportUrl || !checkReportUrl(config.reportUrl).ok) return undefined;
  const token = policy?.managed ? policy.policy?.reportToken : undefined;
  return {
    url: config.reportUrl,
    format: config.reportFormat ?? 'json',
    ...(token ? { token } : {}),
    ...(config.organization?.name ? { organizationName: config.organization.name } : {}),
  };
}

/** Exponential backoff with jitter: 30 s, 1 min, 2 min … capped at 1 h, each 50–100 % of that. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const full = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

export function freshReportState(target = ''): ReportState {
  return { target, pending: 0, attempts: 0, nextAttemptAt: 0, sent: 0, rejected: 0 };
}

export interface ReporterOptions {
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
  random?: () => number;
  uuid?: () => string;
  /** Runs `fn` once after `ms`; returns a cancel function. Tests run the callbacks by hand. */
  setTimer?: (fn: () => void, ms: number) => () => void;
  maxQueue?: number;
  batchSize?: number;
  extensionVersion?: string;
  browserName?: string;
}

export interface Reporter {
  /** Queues the report of one recorded event; false (nothing queued) when reporting is off. */
  record(event: GuardEvent): Promise<boolean>;
  /**
   * Queues a `detection-degraded` notice (a site's required hook found nothing): site, hook
   * id and hooks version only. False (nothing queued) when reporting is off.
   */
  recordDegraded(health: { site: SiteId; hook: string; hooksVersion: number; at: number }): Promise<boolean>;
  /** Sends what is queued, batch after batch, unless the backoff says wait (`force` ignores it). */
  flush(opts?: { force?: boolean }): Promise<void>;
  /** Follows the config: off clears the queue and the alarm; a new endpoint resets the backoff. */
  configure(): Promise<void>;
  /** Cancels the pending debounce timer. */
  dispose(): void;
}

interface Stored {
  queue: ReportRecord[];
  dropped: number;
  state: ReportState;
  /** False when no state is stored (never configured, or cleared because reporting went off). */
  hasState: boolean;
}

/** One batch on its way out. */
interface Plan {
  /** The endpoint it was planned for (ReportState.target). */
  target: string;
  records: ReportRecord[];
  /** The dropped count the batch's loss report carries (0: none in this batch). */
  droppedSent: number;
}

const REPORT_KEYS = [KEYS.reportQueue, KEYS.reportDropped, KEYS.reportState];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function readStored(): Promise<Stored> {
  const got = await browser.storage.local.get(REPORT_KEYS);
  const rawQueue = got[KEYS.reportQueue];
  const rawDropped = got[KEYS.reportDropped];
  const rawState = got[KEYS.reportState];
  // Copies: what storage returns must never be edited in place.
  return {
    queue: Array.isArray(rawQueue) ? (rawQueue as ReportRecord[]).filter((r) => isObject(r) && typeof r.eventId === 'string') : [],
    dropped: typeof rawDropped === 'number' && rawDropped > 0 ? rawDropped : 0,
    state: isObject(rawState) ? { ...freshReportState(), ...(rawState as Partial<ReportState>) } : freshReportState(),
    hasState: isObject(rawState),
  };
}

function hex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Identifies the endpoint without keeping the token: a digest of it is enough to see a change. */
async function targetOf(s: ReportSettings): Promise<string> {
  const digest = s.token ? hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s.token))).slice(0, 16) : '-';
  return `${s.format} ${s.url} ${digest}`;
}

function manifestVersion(): string | undefined {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return undefined;
  }
}

/** A chain that runs each function after the previous one settled. */
function serial(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => {});
    return run;
  };
}

export function createReporter(opts: ReporterOptions = {}): Reporter {
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const uuid = opts.uuid ?? (() => crypto.randomUUID());
  const setTimer =
    opts.setTimer ??
    ((fn: () => void, ms: number) => {
      const id = setTimeout(fn, ms);
      return () => clearTimeout(id);
    });
  const maxQueue = opts.maxQueue ?? MAX_QUEUE;
  const batchSize = opts.batchSize ?? BATCH_SIZE;
  const extensionVersion = opts.extensionVersion ?? manifestVersion();
  const browserName = opts.browserName ?? import.meta.env.BROWSER;

  /** Every read-modify-write of the report keys goes through here, one at a time. */
  const locked = serial();
  /** The eventIds of the batch being sent: a full queue drops others first. */
  let inflight = new Set<string>();
  let flushing: Promise<void> | null = null;
  let cancelTimer: (() => void) | null = null;

  const write = (queue: ReportRecord[], dropped: number, state: ReportState) =>
    browser.storage.local.set({
      [KEYS.reportQueue]: queue,
      [KEYS.reportDropped]: dropped,
      [KEYS.reportState]: { ...state, pending: queue.length },
    });

  const installId = () =>
    locked(async () => {
      const got = await browser.storage.local.get(KEYS.install);
      const v = got[KEYS.install];
      if (typeof v === 'string' && UUID.test(v)) return v;
      const id = uuid();
      await browser.storage.local.set({ [KEYS.install]: id });
      return id;
    });

  const context = async (s: ReportSettings): Promise<RecordContext> => ({
    installId: await installId(),
    ...(extensionVersion ? { extensionVersion } : {}),
    ...(browserName ? { browser: browserName } : {}),
    ...(s.organizationName ? { organizationName: s.organizationName } : {}),
  });

  const scheduleSoon = () => {
    if (cancelTimer) return;
    cancelTimer = setTimer(() => {
      cancelTimer = null;
      void flush();
    }, DEBOUNCE_MS);
  };

  /** Queues one record built by `make`; false (nothing queued) when reporting is off. */
  async function enqueue(make: (eventId: string, ctx: RecordContext) => ReportRecord): Promise<boolean> {
    const settings = await readReportSettings();
    if (!settings) return false;
    const ctx = await context(settings);
    const queued = await locked(async () => {
      // Reporting may have been switched off (and the queue cleared) since the check above.
      if (!(await readReportSettings())) return false;
      const st = await readStored();
      const full = [...st.queue, make(uuid(), ctx)];
      // Oldest first, but never a record of the batch in flight: its fate is the collector's.
      let toDrop = full.length - maxQueue;
      const queue = full.filter((r) => {
        if (toDrop <= 0 || inflight.has(r.eventId)) return true;
        toDrop--;
        return false;
      });
      await write(queue, st.dropped + (full.length - queue.length), st.state);
      return true;
    });
    if (queued) scheduleSoon();
    return queued;
  }

  const record = (event: GuardEvent) => enqueue((id, ctx) => toRecord(event, id, ctx));
  const recordDegraded: Reporter['recordDegraded'] = (health) => enqueue((id, ctx) => degradedRecord(health, id, ctx));

  async function apply(plan: Plan, result: SendResult): Promise<boolean> {
    return locked(async () => {
      inflight = new Set();
      const st = await readStored();
      // Reporting went off, or to another endpoint, while this batch was out: the result
      // belongs to a queue that no longer exists (or is someone else's to send now).
      if (!st.hasState || st.state.target !== plan.target) return false;
      const t = now();
      const state: ReportState = { ...st.state, lastAttemptAt: t };
      let queue = st.queue;
      let dropped = st.dropped;
      const fail = (code: ReportState['errorCode'], detail: string, waitMs: number) => {
        state.attempts += 1;
        state.nextAttemptAt = t + waitMs;
        state.errorCode = code;
        state.errorDetail = detail;
      };

      if (result.kind === 'delivered') {
        const gone = new Set<string>();
        let delivered = 0;
        let rejected = 0;
        let retry = 0;
        plan.records.forEach((r, i) => {
          const verdict = result.verdicts?.[i] ?? 'delivered';
          if (verdict === 'retry') retry++;
          else if (r.outcome === 'dropped') dropped = Math.max(0, dropped - plan.droppedSent);
          else {
            gone.add(r.eventId);
            if (verdict === 'delivered') delivered++;
            else rejected++;
          }
        });
        queue = queue.filter((r) => !gone.has(r.eventId));
        state.sent += delivered;
        state.rejected += rejected;
        if (delivered > 0) state.lastSentAt = t;
        if (retry > 0) {
          fail('http', `${retry} / ${plan.records.length}: ${result.reason ?? 'not stored'}`, backoffMs(state.attempts + 1, random));
        } else {
          state.attempts = 0;
          state.nextAttemptAt = 0;
          delete state.errorCode;
          delete state.errorDetail;
          if (rejected > 0) {
            state.errorCode = 'rejected';
            state.errorDetail = `${rejected}: ${result.reason ?? ''}`.trim();
          }
        }
        await write(queue, dropped, state);
        return retry === 0 && (queue.length > 0 || dropped > 0);
      }
      if (result.kind === 'retry') {
        const wait = Math.min(BACKOFF_MAX_MS, Math.max(backoffMs(state.attempts + 1, random), result.retryAfterMs ?? 0));
        fail(result.code, result.detail, wait);
      } else {
        // Refused (a wrong token or URL, most likely): sending again soon would only be
        // refused again. Keep the events; try at the longest interval until the policy changes.
        fail(result.code, result.detail, BACKOFF_MAX_MS);
      }
      await write(queue, dropped, state);
      return false;
    });
  }

  async function run(force: boolean): Promise<void> {
    for (let round = 0; round < MAX_BATCHES_PER_FLUSH; round++) {
      const settings = await readReportSettings();
      if (!settings) return;
      const ctx = await context(settings);
      const plan = await locked(async (): Promise<Plan | null> => {
        const st = await readStored();
        if (st.queue.length === 0 && st.dropped === 0) return null;
        if (!force && st.state.nextAttemptAt > now()) return null;
        // The loss report goes first, so a pipeline sees the gap before what follows it.
        const batch = st.queue.slice(0, batchSize - (st.dropped > 0 ? 1 : 0));
        const records = st.dropped > 0 ? [droppedRecord(st.dropped, now(), uuid(), ctx), ...batch] : batch;
        inflight = new Set(batch.map((r) => r.eventId));
        return { target: st.state.target, records, droppedSent: st.dropped };
      });
      if (!plan) return;
      let result: SendResult;
      try {
        result = await sendBatch(settings, plan.records, { fetchImpl: opts.fetchImpl, timeoutMs: opts.timeoutMs });
      } catch (e) {
        result = { kind: 'retry', code: 'network', detail: String(e).slice(0, 300) };
      }
      if (!(await apply(plan, result))) return;
      force = true; // the collector is taking them: keep going while there are more
    }
  }

  function flush(o: { force?: boolean } = {}): Promise<void> {
    if (!flushing) {
      flushing = run(o.force === true)
        .catch((e) => console.error('Jaga Netral: audit report flush failed', e))
        .finally(() => {
          flushing = null;
        });
    }
    return flushing;
  }

  async function configure(): Promise<void> {
    const settings = await readReportSettings();
    if (!settings) {
      cancelTimer?.();
      cancelTimer = null;
      await browser.alarms.clear(REPORT_ALARM);
      // Off: what was waiting is not sent later by surprise, nor kept.
      await locked(async () => {
        const got = await browser.storage.local.get(REPORT_KEYS);
        if (REPORT_KEYS.some((k) => got[k] !== undefined)) await browser.storage.local.remove(REPORT_KEYS);
      });
      return;
    }
    const target = await targetOf(settings);
    const waiting = await locked(async () => {
      const st = await readStored();
      if (!st.hasState || st.state.target !== target) {
        // A new endpoint or token may well work: try at once rather than after the old backoff.
        const state: ReportState = { ...freshReportState(target), sent: st.state.sent, rejected: st.state.rejected };
        if (st.state.lastSentAt !== undefined) state.lastSentAt = st.state.lastSentAt;
        await write(st.queue, st.dropped, state);
      }
      return st.queue.length + st.dropped;
    });
    const alarm = await browser.alarms.get(REPORT_ALARM);
    if (!alarm || alarm.periodInMinutes !== REPORT_ALARM_MINUTES) {
      await browser.alarms.create(REPORT_ALARM, { delayInMinutes: REPORT_ALARM_MINUTES, periodInMinutes: REPORT_ALARM_MINUTES });
    }
    if (waiting > 0) void flush();
  }

  return {
    record,
    recordDegraded,
    flush,
    configure,
    dispose() {
      cancelTimer?.();
      cancelTimer = null;
    },
  };
}
