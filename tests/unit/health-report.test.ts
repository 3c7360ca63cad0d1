// @vitest-environment node
/**
 * `health.report` (content script → background, lib/messaging/server.ts + main.ts): only our
 * own content scripts may send it; the payload is validated strictly and only its known
 * fields are kept; the background stamps the time; `jn.health` holds one entry per site; a
 * site turning `degraded` queues a `detection-degraded` audit record with the site, the hook
 * id and the hooks version only — and only while audit reporting is on. The collector is a
 * real local HTTP server, for each report format.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from '../../lib/browser';
import { startBackground } from '../../lib/background/main';
import type { SiteHealth } from '../../lib/hooks/types';
import { DEMO_LIST_PATH } from '../../lib/list/demo';
import { validHealth } from '../../lib/messaging/server';
import type { SiteId } from '../../lib/model';
import { REPORT_FIELDS, degradedRecord, encodeBatch, type ReportRecord } from '../../lib/report/record';
import type { Reporter } from '../../lib/report/reporter';
import { KEYS } from '../../lib/storage/items';
import { startCollector, type Collector } from '../support/collector';

type Sender = Browser.runtime.MessageSender;
const TOKEN = 'rahasia-t0ken';
const DEMO_TEXT = readFileSync(resolve(__dirname, `../../public${DEMO_LIST_PATH}`), 'utf8');

const contentScript = (): Sender => ({
  id: fakeBrowser.runtime.id,
  url: 'https://x.com/capres_contoh_a/status/123',
  frameId: 0,
  tab: { id: 3, index: 0, windowId: 1, active: true, url: 'https://x.com/capres_contoh_a/status/123' } as Browser.tabs.Tab,
});
const popup = (): Sender => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
const otherExtension = (): Sender => ({ ...contentScript(), id: 'abcdefghijklmnopabcdefghijklmnop' });

const degraded = { site: 'x', status: 'degraded', hook: 'like', hooksVersion: 3 } as const;
const ok = { site: 'x', status: 'ok', hooksVersion: 3 } as const;
/** What only the page knows; none of it may travel. */
const LEAKS = ['x.com/', 'capres_contoh_a', 'Isi unggahan', '<article'];

let collector: Collector;
let realFetch: typeof fetch;
let reporters: Reporter[];

function send(msg: unknown, sender: Sender = contentScript()) {
  return fakeBrowser.runtime.onMessage.trigger(msg, sender);
}
const report = (health: unknown, sender?: Sender) => send({ type: 'health.report', payload: { health } }, sender);

async function start(policy: Record<string, unknown>): Promise<Reporter> {
  await fakeBrowser.storage.managed.set(policy);
  const { reporter, ready } = startBackground();
  reporters.push(reporter);
  await ready;
  return reporter;
}

async function stored(): Promise<Partial<Record<SiteId, SiteHealth>>> {
  return ((await fakeBrowser.storage.local.get(KEYS.health))[KEYS.health] as Partial<Record<SiteId, SiteHealth>> | undefined) ?? {};
}
async function queue(): Promise<ReportRecord[]> {
  return ((await fakeBrowser.storage.local.get(KEYS.reportQueue))[KEYS.reportQueue] as ReportRecord[] | undefined) ?? [];
}

beforeEach(async () => {
  fakeBrowser.reset();
  reporters = [];
  collector = await startCollector({ authorization: `Bearer ${TOKEN}` });
  realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === fakeBrowser.runtime.getURL(DEMO_LIST_PATH)) return Promise.resolve(new Response(DEMO_TEXT, { status: 200 }));
    return url.startsWith('http://127.0.0.1') ? realFetch(input, init) : Promise.resolve(new Response('', { status: 404 }));
  });
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Jaga Netral', version: '1.0.0' });
});

afterEach(async () => {
  for (const r of reporters.splice(0)) r.dispose();
  fakeBrowser.runtime.onMessage.removeAllListeners();
  fakeBrowser.alarms.onAlarm.removeAllListeners();
  fakeBrowser.storage.onChanged.removeAllListeners();
  fakeBrowser.runtime.onStartup.removeAllListeners();
  vi.restoreAllMocks();
  await collector.close();
});

describe('validHealth', () => {
  it('accepts ok and degraded reports and keeps the known fields only (never the tab’s time)', () => {
    expect(validHealth(ok)).toEqual(ok);
    expect(validHealth({ ...degraded, at: 1, url: 'https://x.com/home', text: 'Isi unggahan' })).toEqual(degraded);
    expect(validHealth({ ...degraded, site: 'facebook', hook: 'follow-button_2' })).toEqual({ ...degraded, site: 'facebook', hook: 'follow-button_2' });
    // A hook id with `ok` is not needed and not kept.
    expect(validHealth({ ...ok, hook: 'post' })).toEqual(ok);
    expect(validHealth({ ...degraded, hook: 'h'.repeat(40) })?.hook).toHaveLength(40);
  });

  it.each([
    ['not an object', 'degraded'],
    ['null', null],
    ['an array', [degraded]],
    ['an unknown site', { ...degraded, site: 'myspace' }],
    ['an unknown status', { ...degraded, status: 'broken' }],
    ['degraded without a hook', { site: 'x', status: 'degraded', hooksVersion: 3 }],
    ['a hook with a space', { ...degraded, hook: 'like button' }],
    ['a hook with markup', { ...degraded, hook: '<img>' }],
    ['a hook that is a URL', { ...degraded, hook: 'https://x.com/home' }],
    ['an empty hook', { ...degraded, hook: '' }],
    ['a hook of 41 characters', { ...degraded, hook: 'h'.repeat(41) }],
    ['a hook that is not a string', { ...degraded, hook: 7 }],
    ['a version of 0', { ...degraded, hooksVersion: 0 }],
    ['a negative version', { ...degraded, hooksVersion: -2 }],
    ['a fractional version', { ...degraded, hooksVersion: 1.5 }],
    ['a version as text', { ...degraded, hooksVersion: '3' }],
    ['an infinite version', { ...degraded, hooksVersion: Number.POSITIVE_INFINITY }],
    ['a missing version', { site: 'x', status: 'ok' }],
  ])('rejects %s', (_what, v) => {
    expect(validHealth(v)).toBeUndefined();
  });
});

describe('health.report in the background', () => {
  it('only our content scripts may report; the popup and other extensions are ignored', async () => {
    await start({});
    expect(await report(degraded, popup())).toEqual([undefined]);
    expect(await report(degraded, otherExtension())).toEqual([undefined]);
    expect(await report(degraded, { id: fakeBrowser.runtime.id, url: 'https://x.com/home' })).toEqual([undefined]);
    expect(await stored()).toEqual({});
    expect(await report(degraded)).toEqual([{ ok: true }]);
    expect(Object.keys(await stored())).toEqual(['x']);
  });

  it('an invalid report is refused and stores nothing', async () => {
    await start({ reportUrl: collector.url('/jn'), reportToken: TOKEN });
    await expect(report({ ...degraded, hook: '<b>like</b>' })).rejects.toThrow('invalid health report');
    await expect(send({ type: 'health.report', payload: {} })).rejects.toThrow();
    expect(await stored()).toEqual({});
    expect(await queue()).toEqual([]);
  });

  it('stores one entry per site with the background’s time, which moves only when the status does', async () => {
    await start({});
    const t0 = Date.now();
    await report({ ...ok, at: 1 });
    await report({ ...ok, site: 'facebook', hooksVersion: 2 });
    const first = await stored();
    expect(first.x).toMatchObject({ site: 'x', status: 'ok', hooksVersion: 3 });
    expect(first.x!.at).toBeGreaterThanOrEqual(t0);
    expect(first.facebook).toMatchObject({ site: 'facebook', status: 'ok', hooksVersion: 2 });

    await new Promise((r) => setTimeout(r, 5));
    await report(ok);
    expect((await stored()).x!.at).toBe(first.x!.at);
    await report(degraded);
    const second = await stored();
    expect(second.x).toMatchObject({ status: 'degraded', hook: 'like', hooksVersion: 3 });
    expect(second.x!.at).toBeGreaterThan(first.x!.at);
    expect(second.facebook).toEqual(first.facebook);
  });

  it('two tabs reporting at once: both sites are kept', async () => {
    await start({});
    await Promise.all([report(ok), report({ ...degraded, site: 'facebook', hook: 'post' })]);
    expect(Object.keys(await stored()).sort()).toEqual(['facebook', 'x']);
  });

  it('with reporting off, a site turning degraded is stored but nothing is queued or sent', async () => {
    const r = await start({ organization: { name: 'BKPSDM' } });
    await report(ok);
    await report(degraded);
    await r.flush({ force: true });
    expect((await stored()).x?.status).toBe('degraded');
    expect(collector.requests).toEqual([]);
    const got = await fakeBrowser.storage.local.get([KEYS.reportQueue, KEYS.install]);
    expect(got).toEqual({ [KEYS.reportQueue]: undefined, [KEYS.install]: undefined });
  });

  it.each(['json', 'ndjson', 'elasticsearch-bulk'] as const)(
    'with reporting on (%s), a change to degraded sends detection-degraded with only site, hook and version',
    async (format) => {
      const path = format === 'elasticsearch-bulk' ? '/logs-jn/_bulk' : '/jn';
      const r = await start({ reportUrl: collector.url(path), reportToken: TOKEN, reportFormat: format, organization: { name: 'BKPSDM Kabupaten Contoh' } });
      await report(ok);
      await report({ ...degraded, at: 1, url: 'https://x.com/capres_contoh_a', text: 'Isi unggahan', html: '<article>' });
      await report(degraded); // still degraded on the same hook: no second notice
      await r.flush({ force: true });

      expect(collector.events).toHaveLength(1);
      const rec = collector.events[0];
      expect(rec).toMatchObject({
        outcome: 'detection-degraded',
        site: 'x',
        hook: 'like',
        hooksVersion: 3,
        extensionVersion: '1.0.0',
        organizationName: 'BKPSDM Kabupaten Contoh',
        schemaVersion: 1,
      });
      expect(Object.keys(rec).sort()).toEqual(
        ['@timestamp', 'eventId', 'outcome', 'site', 'hook', 'hooksVersion', 'installId', 'extensionVersion', 'browser', 'organizationName', 'schemaVersion']
          .filter((k) => k !== 'browser' || 'browser' in rec)
          .sort(),
      );
      for (const k of Object.keys(rec)) expect(REPORT_FIELDS).toContain(k);
      // The background's time, not the tab's.
      expect(rec['@timestamp']).not.toBe(new Date(1).toISOString());
      const body = collector.accepted().map((q) => q.body).join('\n');
      for (const leak of LEAKS) expect(body).not.toContain(leak);
      if (format === 'elasticsearch-bulk') expect(body).toContain(`{"create":{"_id":"${String(rec.eventId)}"}}`);
    },
  );

  it('back to ok and degraded again, or degraded on another hook: one notice each time', async () => {
    const r = await start({ reportUrl: collector.url('/jn'), reportToken: TOKEN });
    await report(degraded);
    await report(ok);
    await report(degraded);
    await report({ ...degraded, hook: 'follow' });
    await report({ ...degraded, hook: 'follow', hooksVersion: 4 }); // the fix did not help: still a notice
    await report({ ...ok, site: 'facebook' });
    await r.flush({ force: true });
    expect(collector.events.map((e) => [e.site, e.hook, e.hooksVersion])).toEqual([
      ['x', 'like', 3],
      ['x', 'like', 3],
      ['x', 'follow', 3],
      ['x', 'follow', 4],
    ]);
  });
});

describe('degradedRecord', () => {
  it('is the envelope plus site, hook and hooks version, in every format', () => {
    const r = degradedRecord({ site: 'facebook', hook: 'post', hooksVersion: 2, at: Date.parse('2029-03-10T09:00:00Z') }, 'id-9', {
      installId: 'i',
      extensionVersion: '1.0.0',
    });
    expect(r).toEqual({
      '@timestamp': '2029-03-10T09:00:00.000Z',
      eventId: 'id-9',
      outcome: 'detection-degraded',
      site: 'facebook',
      hook: 'post',
      hooksVersion: 2,
      installId: 'i',
      extensionVersion: '1.0.0',
      schemaVersion: 1,
    });
    expect(encodeBatch('json', [r])).toBe(JSON.stringify([r]));
    expect(encodeBatch('ndjson', [r])).toBe(`${JSON.stringify(r)}\n`);
    expect(encodeBatch('elasticsearch-bulk', [r])).toBe(`{"create":{"_id":"id-9"}}\n${JSON.stringify(r)}\n`);
  });
});
