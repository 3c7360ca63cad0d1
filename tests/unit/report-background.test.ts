// @vitest-environment node
/**
 * Audit reporting wired into the real background (lib/background/main.ts): managed policy
 * in storage.managed turns it on, content scripts' `event.record` messages are the only way
 * in, a restarted background sends what the last one left, and a policy without reportUrl
 * clears everything. The collector is a real local HTTP server.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from '../../lib/browser';
import { startBackground } from '../../lib/background/main';
import { REPORT_FIELDS, type ReportRecord } from '../../lib/report/record';
import { DEMO_LIST_PATH } from '../../lib/list/demo';
import { REPORT_ALARM, type Reporter } from '../../lib/report/reporter';
import { KEYS, type GuardEvent, type ReportState } from '../../lib/storage/items';
import { startCollector, type Collector } from '../support/collector';

type Sender = Browser.runtime.MessageSender;
const TOKEN = 'rahasia-t0ken';
const DEMO_TEXT = readFileSync(resolve(__dirname, `../../public${DEMO_LIST_PATH}`), 'utf8');

let collector: Collector;
let realFetch: typeof fetch;
let reporters: Reporter[];

const contentScript = (): Sender => ({
  id: fakeBrowser.runtime.id,
  url: 'https://x.com/capres_contoh_a/status/123',
  frameId: 0,
  tab: { id: 3, index: 0, windowId: 1, active: true, url: 'https://x.com/capres_contoh_a/status/123' } as Browser.tabs.Tab,
});
const popup = (): Sender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

const good: GuardEvent = {
  at: Date.parse('2029-03-10T09:00:00Z'),
  site: 'x',
  action: 'like',
  mode: 'justify',
  outcome: 'proceeded',
  entryId: 'x:@capres_contoh_a',
  name: 'Capres Contoh A (fiktif)',
  role: 'presiden',
  listVersion: 3,
  clauseIds: ['skb-2022-medsos'],
  justification: 'Pemantauan media untuk laporan pimpinan',
};

/** Stray fields a compromised or buggy sender might attach, on the event and around it. */
const DIRTY = {
  type: 'event.record',
  payload: {
    event: {
      ...good,
      url: 'https://x.com/capres_contoh_a/status/123',
      href: 'https://x.com/capres_contoh_a/status/123?s=20',
      text: 'Isi unggahan yang disukai',
      html: '<article data-testid="tweet">',
      tabId: 3,
    },
    url: 'https://x.com/home',
    history: ['https://x.com/home', 'https://x.com/search?q=pemilu'],
  },
};
const LEAKS = ['x.com/', 'Isi unggahan', '<article', 'search?q', 'Capres Contoh A (fiktif)'];

function send(msg: unknown, sender: Sender) {
  return fakeBrowser.runtime.onMessage.trigger(msg, sender);
}

/** Starts the background with this managed policy and waits for its start-up work. */
async function start(policy: Record<string, unknown>): Promise<Reporter> {
  await fakeBrowser.storage.managed.set(policy);
  const { reporter, ready } = startBackground();
  reporters.push(reporter);
  await ready;
  const { [KEYS.config]: c } = await fakeBrowser.storage.local.get(KEYS.config);
  expect((c as { reportUrl?: string } | undefined)?.reportUrl).toBe(policy.reportUrl);
  return reporter;
}

/** What a stopped worker leaves behind: storage, and no listeners. */
function stopWorker() {
  for (const r of reporters.splice(0)) r.dispose();
  fakeBrowser.runtime.onMessage.removeAllListeners();
  fakeBrowser.alarms.onAlarm.removeAllListeners();
  fakeBrowser.storage.onChanged.removeAllListeners();
  fakeBrowser.runtime.onStartup.removeAllListeners();
}

async function reportState(): Promise<{ queue: ReportRecord[]; state?: ReportState }> {
  const got = await fakeBrowser.storage.local.get([KEYS.reportQueue, KEYS.reportState]);
  return { queue: (got[KEYS.reportQueue] as ReportRecord[] | undefined) ?? [], state: got[KEYS.reportState] as ReportState | undefined };
}

beforeEach(async () => {
  fakeBrowser.reset();
  reporters = [];
  collector = await startCollector({ authorization: `Bearer ${TOKEN}` });
  realFetch = globalThis.fetch;
  // The bundled demo list (chrome-extension://…) is read from public/, as the extension would.
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === fakeBrowser.runtime.getURL(DEMO_LIST_PATH)) return Promise.resolve(new Response(DEMO_TEXT, { status: 200 }));
    return url.startsWith('http://127.0.0.1') ? realFetch(input, init) : Promise.resolve(new Response('', { status: 404 }));
  });
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Jaga Netral', version: '1.0.0' });
});

afterEach(async () => {
  stopWorker();
  vi.restoreAllMocks();
  await collector.close();
});

describe('audit reporting in the background', () => {
  it('an event.record message from a content script is reported with no browsing data', async () => {
    const r = await start({ reportUrl: collector.url('/jaga-netral'), reportToken: TOKEN, organization: { name: 'BKPSDM Kabupaten Contoh' } });
    expect(await send(DIRTY, contentScript())).toEqual([{ ok: true }]);
    // the popup may not record (only content scripts may), so this is neither kept nor sent
    await send({ type: 'event.record', payload: { event: { ...good, entryId: 'x:@from_popup' } } }, popup());
    await r.flush({ force: true });

    const [req, ...more] = collector.accepted();
    expect(more).toEqual([]);
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const records = JSON.parse(req.body) as Record<string, unknown>[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      '@timestamp': '2029-03-10T09:00:00.000Z',
      outcome: 'proceeded',
      action: 'like',
      site: 'x',
      mode: 'justify',
      entryId: 'x:@capres_contoh_a',
      role: 'presiden',
      listVersion: 3,
      clauseIds: ['skb-2022-medsos'],
      justification: 'Pemantauan media untuk laporan pimpinan',
      extensionVersion: '1.0.0',
      organizationName: 'BKPSDM Kabupaten Contoh',
      schemaVersion: 1,
    });
    for (const k of Object.keys(records[0])) expect(REPORT_FIELDS).toContain(k);
    for (const leak of LEAKS) expect(req.body).not.toContain(leak);
    // the local record (the popup's) still has the name: it is list data kept on the device
    const { [KEYS.events]: local } = await fakeBrowser.storage.local.get(KEYS.events);
    expect((local as GuardEvent[]).map((e) => e.name)).toEqual(['Capres Contoh A (fiktif)']);
    expect(await fakeBrowser.alarms.get(REPORT_ALARM)).toMatchObject({ periodInMinutes: 1 });
  });

  it('an invalid event is refused: neither recorded nor reported', async () => {
    const r = await start({ reportUrl: collector.url('/jn'), reportToken: TOKEN });
    await expect(send({ type: 'event.record', payload: { event: { ...good, outcome: 'liked' } } }, contentScript())).rejects.toThrow(
      'invalid event',
    );
    await r.flush({ force: true });
    expect(collector.requests).toEqual([]);
    expect((await reportState()).queue).toEqual([]);
  });

  it('without reportUrl in policy nothing is queued or sent; the local record is kept as before', async () => {
    const r = await start({ organization: { name: 'BKPSDM' }, mode: 'justify' });
    await send({ type: 'event.record', payload: { event: good } }, contentScript());
    await r.flush({ force: true });
    expect(collector.requests).toEqual([]);
    const got = await fakeBrowser.storage.local.get([KEYS.events, KEYS.reportQueue, KEYS.reportState, KEYS.install]);
    expect((got[KEYS.events] as GuardEvent[]).length).toBe(1);
    expect([got[KEYS.reportQueue], got[KEYS.reportState], got[KEYS.install]]).toEqual([undefined, undefined, undefined]);
    expect(await fakeBrowser.alarms.get(REPORT_ALARM)).toBeUndefined();
  });

  it('a restarted background sends what the last one queued, without waiting for a new event', async () => {
    await start({ reportUrl: collector.url('/jn'), reportToken: TOKEN });
    await collector.down();
    await send({ type: 'event.record', payload: { event: good } }, contentScript());
    await send({ type: 'event.record', payload: { event: { ...good, outcome: 'cancelled', justification: undefined } } }, contentScript());
    expect((await reportState()).queue).toHaveLength(2);
    stopWorker(); // before its debounce timer fired

    await collector.up();
    await start({ reportUrl: collector.url('/jn'), reportToken: TOKEN });
    // No flush() here and no new event: the start-up itself must send them.
    await vi.waitFor(() => expect(collector.accepted()).toHaveLength(1));
    expect((JSON.parse(collector.accepted()[0].body) as ReportRecord[]).map((e) => e.outcome)).toEqual(['proceeded', 'cancelled']);
    await vi.waitFor(async () => expect((await reportState()).state).toMatchObject({ pending: 0, sent: 2 }));
  });

  it('the retry alarm sends once the backoff has passed', async () => {
    const r = await start({ reportUrl: collector.url('/jn'), reportToken: TOKEN });
    await collector.down();
    await send({ type: 'event.record', payload: { event: good } }, contentScript());
    await r.flush();
    expect((await reportState()).state).toMatchObject({ attempts: 1, errorCode: 'network' });
    await collector.up();
    // the backoff has run out (as if a minute passed)
    const { state } = await reportState();
    await fakeBrowser.storage.local.set({ [KEYS.reportState]: { ...state, nextAttemptAt: Date.now() - 1 } });
    await fakeBrowser.alarms.onAlarm.trigger({ name: REPORT_ALARM, scheduledTime: Date.now() });
    await r.flush(); // joins the alarm's flush
    expect(collector.accepted()).toHaveLength(1);
    expect((await reportState()).state).toMatchObject({ attempts: 0, pending: 0, sent: 1 });
  });

  it('policy drops reportUrl: the queue, its state and the alarm are cleared', async () => {
    await start({ reportUrl: collector.url('/jn'), reportToken: TOKEN });
    await collector.down();
    await send({ type: 'event.record', payload: { event: good } }, contentScript());
    expect((await reportState()).queue).toHaveLength(1);

    await fakeBrowser.storage.managed.remove(['reportUrl', 'reportToken']);
    await fakeBrowser.storage.managed.set({ organization: { name: 'BKPSDM' } });
    await vi.waitFor(async () => {
      const got = await fakeBrowser.storage.local.get([KEYS.reportQueue, KEYS.reportDropped, KEYS.reportState]);
      expect(got).toEqual({ [KEYS.reportQueue]: undefined, [KEYS.reportDropped]: undefined, [KEYS.reportState]: undefined });
    });
    expect(await fakeBrowser.alarms.get(REPORT_ALARM)).toBeUndefined();
    await collector.up();
    await send({ type: 'event.record', payload: { event: good } }, contentScript());
    await reporters[0].flush({ force: true });
    expect(collector.requests).toEqual([]);
  });
});
