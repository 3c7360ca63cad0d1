// @vitest-environment node
/**
 * Audit reporting (lib/report/reporter.ts) against a real local HTTP collector
 * (tests/support/collector.ts): delivery in each format with the exact payload, batching,
 * retry with backoff after the collector was down or failing, 4xx handling, a restart with
 * a full queue, and that no browsing data ever reaches the collector.
 *
 * Node's environment gives the real fetch; `browser` is fakeBrowser. Time, randomness,
 * UUIDs and the debounce timer are injected, so nothing here waits on a clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { effectiveConfig } from '../../lib/policy/effective';
import type { PolicyState } from '../../lib/policy/types';
import { validatePolicy } from '../../lib/policy/validate';
import { REPORT_FIELDS, type ReportRecord } from '../../lib/report/record';
import {
  BACKOFF_MAX_MS,
  DEBOUNCE_MS,
  REPORT_ALARM,
  backoffMs,
  createReporter,
  type Reporter,
  type ReporterOptions,
} from '../../lib/report/reporter';
import { KEYS, type GuardEvent, type ReportState } from '../../lib/storage/items';
import { startCollector, type Collector } from '../support/collector';

const T0 = Date.parse('2029-03-10T09:00:00.000Z');
const TOKEN = 't0ken-abc';

let collector: Collector;
let clock: number;
let ids: number;
let timers: Array<{ fn: () => void; ms: number; cancelled: boolean }>;
let reporters: Reporter[];

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

function newReporter(over: ReporterOptions = {}): Reporter {
  const r = createReporter({
    now: () => clock,
    random: () => 0.5,
    uuid: () => uuid(++ids),
    setTimer: (fn, ms) => {
      const t = { fn, ms, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
    extensionVersion: '1.0.0',
    browserName: 'chrome',
    ...over,
  });
  reporters.push(r);
  return r;
}

/** Stores policy + config the way the background does; returns the policy notes. */
async function setPolicy(raw: Record<string, unknown>) {
  const { policy, notes } = validatePolicy(raw);
  const state: PolicyState = { managed: Object.keys(raw).length > 0, policy, notes, readAt: clock };
  await fakeBrowser.storage.local.set({ [KEYS.policy]: state, [KEYS.config]: effectiveConfig(state, undefined) });
  return notes;
}

function reportTo(path: string, over: Record<string, unknown> = {}) {
  return setPolicy({
    reportUrl: collector.url(path),
    reportToken: TOKEN,
    organization: { name: 'BKPSDM Kabupaten Contoh' },
    mode: 'justify',
    ...over,
  });
}

function event(i: number, over: Partial<GuardEvent> = {}): GuardEvent {
  return {
    at: T0 + i * 1000,
    site: 'x',
    action: 'like',
    mode: 'justify',
    outcome: 'warned',
    entryId: `x:@calon_${i}`,
    name: `Calon Contoh ${i}`,
    role: 'dpr',
    listVersion: 7,
    clauseIds: ['skb-2022-medsos', 'pp-94-2021-pasal-8-4'],
    ...over,
  };
}

async function stored() {
  const got = await fakeBrowser.storage.local.get([KEYS.reportQueue, KEYS.reportDropped, KEYS.reportState, KEYS.install]);
  return {
    queue: (got[KEYS.reportQueue] as ReportRecord[] | undefined) ?? [],
    dropped: (got[KEYS.reportDropped] as number | undefined) ?? 0,
    state: got[KEYS.reportState] as ReportState | undefined,
    install: got[KEYS.install] as string | undefined,
  };
}

/** Every record the collector was sent, in order, from every POST (accepted or not). */
function sentRecords(): Record<string, unknown>[] {
  return collector.requests
    .filter((r) => r.method === 'POST')
    .flatMap((r) => {
      const type = r.headers['content-type'];
      if (type === 'application/json') return JSON.parse(r.body) as Record<string, unknown>[];
      const lines = r.body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
      return r.path.endsWith('/_bulk') ? lines.filter((_, i) => i % 2 === 1) : lines;
    });
}

beforeEach(async () => {
  fakeBrowser.reset();
  collector = await startCollector({ authorization: `Bearer ${TOKEN}` });
  clock = T0 + 60_000;
  ids = 0;
  timers = [];
  reporters = [];
});

afterEach(async () => {
  for (const r of reporters) r.dispose();
  await collector.close();
});

describe('delivery', () => {
  it('json (default): one POST of a JSON array, bearer token, exactly the allowed fields', async () => {
    await reportTo('/jaga-netral');
    const r = newReporter();
    await r.configure();
    expect(await r.record(event(1))).toBe(true);
    expect(await r.record(event(2, { outcome: 'proceeded', justification: 'Tugas pemantauan media' }))).toBe(true);
    await r.flush();

    const [req, ...more] = collector.accepted();
    expect(more).toEqual([]);
    expect(req.path).toBe('/jaga-netral');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.headers.cookie).toBeUndefined();
    const installId = (await stored()).install!;
    expect(installId).toBe(uuid(1)); // made once, on the first record
    const common = {
      mode: 'justify',
      site: 'x',
      action: 'like',
      role: 'dpr',
      listVersion: 7,
      clauseIds: ['skb-2022-medsos', 'pp-94-2021-pasal-8-4'],
      installId,
      extensionVersion: '1.0.0',
      browser: 'chrome',
      organizationName: 'BKPSDM Kabupaten Contoh',
      schemaVersion: 1,
    };
    expect(JSON.parse(req.body)).toEqual([
      { '@timestamp': '2029-03-10T09:00:01.000Z', eventId: uuid(2), outcome: 'warned', entryId: 'x:@calon_1', ...common },
      {
        '@timestamp': '2029-03-10T09:00:02.000Z',
        eventId: uuid(3),
        outcome: 'proceeded',
        entryId: 'x:@calon_2',
        justification: 'Tugas pemantauan media',
        ...common,
      },
    ]);
    const s = await stored();
    expect(s.queue).toEqual([]);
    expect(s.state).toMatchObject({ pending: 0, sent: 2, attempts: 0, nextAttemptAt: 0, lastSentAt: clock });
    expect(s.state?.errorCode).toBeUndefined();
  });

  it('ndjson: one object per line, application/x-ndjson', async () => {
    await reportTo('/ndjson', { reportFormat: 'ndjson' });
    const r = newReporter();
    await r.record(event(1, { mode: 'block', outcome: 'blocked' }));
    await r.record(event(2, { mode: 'audit', outcome: 'audited', action: 'follow', site: 'facebook', entryId: 'facebook:id:42' }));
    await r.flush();
    const [req] = collector.accepted();
    expect(req.headers['content-type']).toBe('application/x-ndjson');
    expect(req.body.endsWith('\n')).toBe(true);
    const lines = req.body.trimEnd().split('\n').map((l) => JSON.parse(l) as ReportRecord);
    expect(lines.map((l) => [l.outcome, l.mode, l.action, l.site, l.entryId])).toEqual([
      ['blocked', 'block', 'like', 'x', 'x:@calon_1'],
      ['audited', 'audit', 'follow', 'facebook', 'facebook:id:42'],
    ]);
    expect(collector.events).toEqual(lines);
  });

  it('elasticsearch-bulk: create actions with _id, a token with its own scheme sent as given', async () => {
    await collector.close();
    collector = await startCollector({ authorization: 'ApiKey VnVhQ2ZHY0JD==' });
    await reportTo('/logs-jaganetral-default/_bulk', { reportFormat: 'elasticsearch-bulk', reportToken: 'ApiKey VnVhQ2ZHY0JD==' });
    const r = newReporter();
    await r.record(event(1));
    await r.record(event(2, { outcome: 'cancelled' }));
    await r.flush();
    const [req] = collector.accepted();
    expect(req.headers.authorization).toBe('ApiKey VnVhQ2ZHY0JD==');
    expect(req.headers['content-type']).toBe('application/x-ndjson');
    const lines = req.body.split('\n');
    expect(lines).toHaveLength(5); // two pairs and the final newline
    expect(JSON.parse(lines[0])).toEqual({ create: { _id: uuid(2) } });
    expect(JSON.parse(lines[1])).toMatchObject({ eventId: uuid(2), outcome: 'warned' });
    expect(JSON.parse(lines[2])).toEqual({ create: { _id: uuid(3) } });
    expect(JSON.parse(lines[3])).toMatchObject({ eventId: uuid(3), outcome: 'cancelled' });
    expect(lines[4]).toBe('');
    expect(collector.events.map((e) => e.eventId)).toEqual([uuid(2), uuid(3)]);
    expect((await stored()).state).toMatchObject({ pending: 0, sent: 2 });
  });

  it('elasticsearch-bulk: items that failed are handled one by one; what was stored is never resent', async () => {
    await collector.close();
    collector = await startCollector({ authorization: `Bearer ${TOKEN}` });
    await reportTo('/jn/_bulk', { reportFormat: 'elasticsearch-bulk' });
    const r = newReporter();
    for (let i = 1; i <= 3; i++) await r.record(event(i));
    // #2: the cluster is busy (429, retried); #3: a mapping error (400, would fail forever)
    collector.bulkItemStatus((doc) => ({ 'x:@calon_2': 429, 'x:@calon_3': 400 })[doc.entryId as string]);
    await r.flush();
    let s = await stored();
    expect(s.queue.map((q) => q.entryId)).toEqual(['x:@calon_2']);
    expect(s.state).toMatchObject({ sent: 1, rejected: 1, attempts: 1, errorCode: 'http', nextAttemptAt: clock + backoffMs(1, () => 0.5) });
    expect(s.state?.errorDetail).toContain('es_rejected_execution_exception');

    collector.bulkItemStatus(null);
    clock += BACKOFF_MAX_MS;
    await r.flush();
    s = await stored();
    expect(s.queue).toEqual([]);
    expect(s.state).toMatchObject({ sent: 2, rejected: 1, attempts: 0, nextAttemptAt: 0 });
    // the second request carried #2 alone: #1 (stored) and #3 (refused) were not resent
    const bodies = collector.accepted().map((q) => q.body.split('\n').filter((_, i) => i % 2 === 1).filter(Boolean).map((l) => JSON.parse(l).entryId));
    expect(bodies).toEqual([['x:@calon_1', 'x:@calon_2', 'x:@calon_3'], ['x:@calon_2']]);
    expect(collector.events.map((e) => e.entryId)).toEqual(['x:@calon_1', 'x:@calon_2']);
  });

  it('elasticsearch-bulk: a batch sent again (a worker stopped before it saw the answer) is stored once', async () => {
    await reportTo('/jn/_bulk', { reportFormat: 'elasticsearch-bulk' });
    const r = newReporter();
    await r.record(event(1));
    await r.record(event(2));
    const before = (await stored()).queue;
    await r.flush();
    // The queue as it was before the answer came: the same records go out a second time.
    await fakeBrowser.storage.local.set({ [KEYS.reportQueue]: before });
    await r.flush();
    expect(collector.accepted()).toHaveLength(2);
    expect(collector.events.map((e) => e.entryId)).toEqual(['x:@calon_1', 'x:@calon_2']);
    const s = await stored();
    expect(s.queue).toEqual([]);
    expect(s.state?.errorCode).toBeUndefined(); // 409 = already there = delivered
  });

  it('a 2xx that is not a _bulk answer is not taken as delivered', async () => {
    // A Fluent Bit style endpoint configured as elasticsearch-bulk: 201 with an empty body.
    await reportTo('/not-es', { reportFormat: 'elasticsearch-bulk' });
    const r = newReporter();
    await r.record(event(1));
    await r.flush();
    expect(collector.requests.filter((q) => q.method === 'POST')).toHaveLength(1);
    const s = await stored();
    expect(s.queue).toHaveLength(1);
    expect(s.state).toMatchObject({ errorCode: 'bad-response', attempts: 1, nextAttemptAt: clock + BACKOFF_MAX_MS });
  });

  it('batches: at most 100 events a POST, in order, each event once', async () => {
    await reportTo('/jn');
    const r = newReporter();
    for (let i = 1; i <= 250; i++) await r.record(event(i));
    await r.flush();
    const posts = collector.accepted().map((q) => (JSON.parse(q.body) as ReportRecord[]).map((e) => e.entryId));
    expect(posts.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(posts.flat()).toEqual(Array.from({ length: 250 }, (_, i) => `x:@calon_${i + 1}`));
    expect((await stored()).state).toMatchObject({ pending: 0, sent: 250 });
  });

  it('sends soon after an event: one debounce timer for several events', async () => {
    await reportTo('/jn');
    const r = newReporter();
    await r.record(event(1));
    await r.record(event(2));
    expect(timers.map((t) => t.ms)).toEqual([DEBOUNCE_MS]);
    expect(collector.requests).toEqual([]);
    timers[0].fn();
    await r.flush(); // the flush the timer started
    expect(collector.accepted()).toHaveLength(1);
    expect(JSON.parse(collector.accepted()[0].body)).toHaveLength(2);
    await r.record(event(3));
    expect(timers).toHaveLength(2); // a new one once the first has run
  });

  it('keeps a retry alarm while reporting is on', async () => {
    await reportTo('/jn');
    const r = newReporter();
    await r.configure();
    expect(await fakeBrowser.alarms.get(REPORT_ALARM)).toMatchObject({ name: REPORT_ALARM, periodInMinutes: 1 });
  });
});

describe('retries', () => {
  it('collector down: backoff grows, nothing is sent early, then delivered once when it is up', async () => {
    await reportTo('/jn');
    const r = newReporter();
    for (let i = 1; i <= 3; i++) await r.record(event(i));
    await collector.down();

    await r.flush();
    let s = await stored();
    expect(s.queue).toHaveLength(3);
    expect(s.state).toMatchObject({ attempts: 1, errorCode: 'network', pending: 3, lastAttemptAt: clock });
    expect(s.state!.nextAttemptAt).toBe(clock + 22_500); // 30 s × (0.5 + 0.5 × 0.5)

    await collector.up();
    clock += 10_000;
    await r.flush(); // too early: the backoff holds
    expect(collector.requests).toEqual([]);
    expect((await stored()).state!.attempts).toBe(1);

    await collector.down();
    clock += 20_000;
    await r.flush();
    s = await stored();
    expect(s.state).toMatchObject({ attempts: 2, nextAttemptAt: clock + 45_000 }); // 60 s × 0.75

    await collector.up();
    clock += 45_000;
    await r.flush();
    s = await stored();
    expect(s.queue).toEqual([]);
    expect(s.state).toMatchObject({ attempts: 0, nextAttemptAt: 0, sent: 3, lastSentAt: clock, pending: 0 });
    expect(s.state!.errorCode).toBeUndefined();
    expect(collector.accepted()).toHaveLength(1);
    expect(collector.events.map((e) => e.entryId)).toEqual(['x:@calon_1', 'x:@calon_2', 'x:@calon_3']);
  });

  it('backoff: 30 s doubling to a 1 h cap, with jitter between half and all of it', () => {
    expect([1, 2, 3, 4, 8, 20].map((n) => backoffMs(n, () => 1))).toEqual([30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
    expect(backoffMs(1, () => 0)).toBe(15_000);
    expect(backoffMs(8, () => 0)).toBe(1_800_000);
  });

  it('500 / 503 with Retry-After: retried later, and no duplicates after recovery', async () => {
    await reportTo('/jn');
    const r = newReporter();
    await r.record(event(1));
    collector.fail(500);
    await r.flush();
    expect((await stored()).state).toMatchObject({ attempts: 1, errorCode: 'http', errorDetail: 'HTTP 500' });

    collector.fail(503, 600);
    clock += 60_000;
    await r.flush();
    expect((await stored()).state).toMatchObject({ attempts: 2, errorDetail: 'HTTP 503', nextAttemptAt: clock + 600_000 });

    collector.fail(null);
    clock += 600_000;
    await r.flush();
    expect(collector.events.map((e) => e.entryId)).toEqual(['x:@calon_1']);
    expect((await stored()).queue).toEqual([]);
  });

  it('no answer in time: a timeout, retried with backoff', async () => {
    await reportTo('/jn');
    const r = newReporter({ timeoutMs: 200 });
    await r.record(event(1));
    collector.hang();
    await r.flush();
    const s = await stored();
    expect(s.state).toMatchObject({ attempts: 1, errorCode: 'timeout' });
    expect(s.queue).toHaveLength(1);
    collector.hang(false);
  });

  it('4xx (a wrong token): kept, no loop — retried only hourly — and at once when the policy changes', async () => {
    await reportTo('/jn', { reportToken: 'wrong-token' });
    const r = newReporter();
    await r.configure();
    await r.record(event(1));
    await r.flush();
    expect(collector.requests.map((q) => q.status)).toEqual([401]);
    let s = await stored();
    expect(s.queue).toHaveLength(1);
    expect(s.state).toMatchObject({ attempts: 1, errorCode: 'refused', errorDetail: 'HTTP 401', nextAttemptAt: clock + BACKOFF_MAX_MS });

    // more events and alarms within the hour: nothing is sent
    await r.record(event(2));
    clock += 30 * 60_000;
    await r.flush();
    expect(collector.requests).toHaveLength(1);

    // IT fixes the token: the backoff is reset and both events go out
    await reportTo('/jn');
    await r.configure();
    await r.flush();
    s = await stored();
    expect(s.queue).toEqual([]);
    expect(s.state).toMatchObject({ attempts: 0, nextAttemptAt: 0, sent: 2 });
    expect(collector.events.map((e) => e.entryId)).toEqual(['x:@calon_1', 'x:@calon_2']);
  });
});

describe('a bounded queue that survives restarts', () => {
  it('full: the oldest are dropped and counted; after a restart the loss is reported first, then the rest', async () => {
    await reportTo('/jn');
    await collector.down();
    const before = newReporter({ maxQueue: 5 });
    for (let i = 1; i <= 8; i++) {
      await before.record(event(i));
      expect((await stored()).queue.length).toBeLessThanOrEqual(5);
    }
    await before.flush(); // fails: the collector is down
    let s = await stored();
    expect(s.queue.map((q) => q.entryId)).toEqual([4, 5, 6, 7, 8].map((i) => `x:@calon_${i}`));
    expect(s.dropped).toBe(3);
    expect(s.state).toMatchObject({ pending: 5, attempts: 1 });
    before.dispose();

    // The worker (or the browser) restarts: a new reporter over the same storage.
    await collector.up();
    clock += BACKOFF_MAX_MS;
    const after = newReporter({ maxQueue: 5 });
    await after.configure(); // start-up: a flush because the queue is not empty
    await after.flush();
    const [req] = collector.accepted();
    const body = JSON.parse(req.body) as ReportRecord[];
    expect(body[0]).toEqual({
      '@timestamp': new Date(clock).toISOString(),
      eventId: expect.stringMatching(/^00000000-/),
      outcome: 'dropped',
      droppedCount: 3,
      installId: s.queue[0].installId,
      extensionVersion: '1.0.0',
      browser: 'chrome',
      organizationName: 'BKPSDM Kabupaten Contoh',
      schemaVersion: 1,
    });
    expect(body.slice(1).map((e) => e.entryId)).toEqual([4, 5, 6, 7, 8].map((i) => `x:@calon_${i}`));
    s = await stored();
    expect(s.queue).toEqual([]);
    expect(s.dropped).toBe(0);
    expect(s.state).toMatchObject({ pending: 0, sent: 5 });
    expect(s.install).toBe(body[1].installId); // the same install id across the restart
  });

  it('events arriving while a batch is out never push that batch out of a full queue', async () => {
    await reportTo('/jn');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const r = newReporter({
      maxQueue: 4,
      batchSize: 3,
      fetchImpl: async (input, init) => {
        await gate;
        return fetch(input, init);
      },
    });
    for (let i = 1; i <= 3; i++) await r.record(event(i));
    const flushing = r.flush();
    await new Promise((res) => setTimeout(res, 20)); // the batch (#1–#3) is now out
    await r.record(event(4));
    await r.record(event(5));
    let s = await stored();
    // Full at 4: #4, the oldest not being sent, made room for #5; #1–#3 stay.
    expect(s.queue.map((q) => q.entryId)).toEqual(['x:@calon_1', 'x:@calon_2', 'x:@calon_3', 'x:@calon_5']);
    expect(s.dropped).toBe(1);
    release();
    await flushing;
    // the batch, then (same flush) the loss report and what is left
    expect(collector.events.map((e) => e.entryId ?? `${e.outcome}:${e.droppedCount}`)).toEqual([
      'x:@calon_1',
      'x:@calon_2',
      'x:@calon_3',
      'dropped:1',
      'x:@calon_5',
    ]);
    s = await stored();
    expect(s.queue).toEqual([]);
    expect(s.dropped).toBe(0);
    expect(s.state).toMatchObject({ sent: 4, pending: 0 });
  });
});

describe('privacy and switches', () => {
  const LEAKS = ['https://x.com/calon_1/status/99', 'isi unggahan', '<div', 'Calon Contoh', 'tab-7', 'sessionid=', 'Agenda rapat'];

  it('no browsing data: stray fields on an event never reach the collector; only allowed keys', async () => {
    await reportTo('/jn');
    const r = newReporter();
    const dirty = {
      ...event(1, { outcome: 'proceeded', justification: 'Agenda rapat' }),
      mode: 'warn', // a reason typed in warn mode is not one that was required
      url: 'https://x.com/calon_1/status/99',
      href: 'https://x.com/calon_1/status/99',
      text: 'isi unggahan yang disukai',
      html: '<div class="post">',
      tabId: 'tab-7',
      cookie: 'sessionid=abc',
    } as unknown as GuardEvent;
    await r.record(dirty);
    await r.record(event(2, { name: 'Calon Contoh dari halaman' }));
    await r.flush();
    const records = sentRecords();
    expect(records).toHaveLength(2);
    for (const rec of records) for (const k of Object.keys(rec)) expect(REPORT_FIELDS).toContain(k);
    const raw = collector.requests.map((q) => q.body).join('\n');
    for (const leak of LEAKS) expect(raw).not.toContain(leak);
    expect(records[0].justification).toBeUndefined();
  });

  it('reporting off: nothing is queued and the collector hears nothing', async () => {
    await setPolicy({ organization: { name: 'BKPSDM' }, mode: 'warn' });
    const r = newReporter();
    await r.configure();
    expect(await r.record(event(1))).toBe(false);
    await r.flush({ force: true });
    expect(collector.requests).toEqual([]);
    const s = await stored();
    expect(s).toEqual({ queue: [], dropped: 0, state: undefined, install: undefined });
    expect(timers).toEqual([]);
    expect(await fakeBrowser.alarms.get(REPORT_ALARM)).toBeUndefined();
  });

  it('switching reporting off clears the queue, its state and the alarm; nothing goes out later', async () => {
    await reportTo('/jn');
    const r = newReporter();
    await r.configure();
    await collector.down();
    await r.record(event(1));
    await r.record(event(2));
    await r.flush();
    expect((await stored()).queue).toHaveLength(2);

    await setPolicy({ organization: { name: 'BKPSDM' } });
    await r.configure();
    const s = await stored();
    expect([s.queue, s.dropped, s.state]).toEqual([[], 0, undefined]);
    expect(await fakeBrowser.alarms.get(REPORT_ALARM)).toBeUndefined();
    await collector.up();
    clock += BACKOFF_MAX_MS;
    await r.flush({ force: true });
    expect(collector.requests).toEqual([]);
  });

  it('an http reportUrl that is not this machine is refused with a note, and nothing is sent', async () => {
    const notes = await setPolicy({ reportUrl: `http://collector.contoh.go.id:${collector.port}/jn`, reportToken: TOKEN });
    expect(notes.map((n) => [n.key, n.en])).toEqual([
      ['reportUrl', `Invalid value for 'reportUrl': must be https (http only for localhost) ('http://collector.contoh.go.id:${collector.port}/jn'); ignored.`],
      ['reportToken', "'reportToken' has no effect without a valid 'reportUrl'; ignored."],
    ]);
    const r = newReporter();
    expect(await r.record(event(1))).toBe(false);
    // Even a stored config that says otherwise (an older build, a hand edit) sends nothing in clear.
    const { [KEYS.config]: config } = await fakeBrowser.storage.local.get(KEYS.config);
    await fakeBrowser.storage.local.set({ [KEYS.config]: { ...(config as object), reportUrl: 'http://10.1.2.3/jn', reportFormat: 'json' } });
    expect(await r.record(event(2))).toBe(false);
    await r.flush({ force: true });
    expect(collector.requests).toEqual([]);
  });
});
