/**
 * The background's message server (lib/messaging/server.ts): who may send what, which
 * event payloads are accepted, and the bounded local record of events.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from '../../lib/browser';
import { appendEvent, isExtensionPage, isOwnContentScript, serveMessages, validEvent, type Handlers } from '../../lib/messaging/server';
import { KEYS, MAX_EVENTS, type GuardEvent } from '../../lib/storage/items';

type Sender = Browser.runtime.MessageSender;

const good: GuardEvent = {
  at: Date.parse('2029-03-10T09:00:00Z'),
  site: 'x',
  action: 'like',
  mode: 'warn',
  outcome: 'warned',
  entryId: 'x:@capres_contoh_a',
  name: 'Capres Contoh A (fiktif)',
  role: 'presiden',
  listVersion: 3,
  clauseIds: ['pp-94-2021-5a', 'se-menpan'],
};

const ID = () => fakeBrowser.runtime.id;
/** The fields of a tab the checks could look at; the rest of Tab does not matter here. */
const tab = (id: number, url: string) => ({ id, index: 0, windowId: 1, active: true, url }) as Browser.tabs.Tab;
const popup = (): Sender => ({ id: ID(), url: fakeBrowser.runtime.getURL('/popup.html') });
const optionsInTab = (): Sender => ({
  id: ID(),
  url: fakeBrowser.runtime.getURL('/options.html'),
  tab: tab(7, fakeBrowser.runtime.getURL('/options.html')),
});
const contentScript = (): Sender => ({
  id: ID(),
  url: 'https://x.com/capres_contoh_a/status/1',
  frameId: 0,
  tab: tab(3, 'https://x.com/home'),
});
const otherExtension = (): Sender => ({ id: 'abcdefghijklmnopabcdefghijklmnop', url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html' });

beforeEach(() => {
  fakeBrowser.reset();
});

describe('validEvent', () => {
  it('accepts a well-formed event, with and without the optional fields', () => {
    expect(validEvent(good)).toBe(true);
    const { role: _role, ...noRole } = good;
    expect(validEvent(noRole)).toBe(true);
    expect(validEvent({ ...good, outcome: 'proceeded', mode: 'justify', justification: 'Tugas kedinasan: pemantauan' })).toBe(true);
    expect(validEvent({ ...good, site: 'facebook', action: 'follow', clauseIds: [] })).toBe(true);
  });

  it.each([
    ['not an object', 'event'],
    ['null', null],
    ['an array', [good]],
    ['an unknown outcome', { ...good, outcome: 'liked' }],
    ['an unknown site', { ...good, site: 'myspace' }],
    ['an unknown action', { ...good, action: 'retweet' }],
    ['an unknown mode', { ...good, mode: 'silent' }],
    ['an unknown role', { ...good, role: 'raja' }],
    ['a time that is not a number', { ...good, at: '2029-03-10' }],
    ['a time that is not finite', { ...good, at: Number.POSITIVE_INFINITY }],
    ['a list version that is a string', { ...good, listVersion: '3' }],
    ['a huge entry id', { ...good, entryId: `x:@${'a'.repeat(400)}` }],
    ['a huge name', { ...good, name: 'N'.repeat(301) }],
    ['a huge justification', { ...good, justification: 'j'.repeat(2001) }],
    ['a justification that is not a string', { ...good, justification: 42 }],
    ['clauseIds that are not an array', { ...good, clauseIds: 'pp-94-2021-5a' }],
    ['clauseIds with a non-string', { ...good, clauseIds: ['a', 1] }],
    ['a huge clause id', { ...good, clauseIds: ['c'.repeat(101)] }],
    ['too many clause ids', { ...good, clauseIds: Array.from({ length: 51 }, (_, i) => `c${i}`) }],
    ['a missing entry id', { ...good, entryId: undefined }],
  ])('rejects %s', (_what, event) => {
    expect(validEvent(event)).toBe(false);
  });

  it('accepts strings right at their limits', () => {
    expect(validEvent({ ...good, name: 'N'.repeat(300), justification: 'j'.repeat(2000), clauseIds: Array(50).fill('c'.repeat(100)) })).toBe(true);
  });
});

describe('sender checks', () => {
  it('an extension page (popup, options) is an extension page and not a content script', () => {
    expect(isExtensionPage(popup())).toBe(true);
    expect(isOwnContentScript(popup())).toBe(false);
    // The options page opened in a tab has a tab, yet it is still our page, not a content script.
    expect(isExtensionPage(optionsInTab())).toBe(true);
    expect(isOwnContentScript(optionsInTab())).toBe(false);
  });

  it('our content script in a tab is a content script and not an extension page', () => {
    expect(isOwnContentScript(contentScript())).toBe(true);
    expect(isExtensionPage(contentScript())).toBe(false);
  });

  it('another extension is neither, even with a tab or a URL that looks like ours', () => {
    expect(isExtensionPage(otherExtension())).toBe(false);
    expect(isOwnContentScript({ ...contentScript(), id: 'abcdefghijklmnopabcdefghijklmnop' })).toBe(false);
    expect(isExtensionPage({ id: 'abcdefghijklmnopabcdefghijklmnop', url: fakeBrowser.runtime.getURL('/popup.html') })).toBe(false);
  });

  it('a sender without a URL or without a tab is not trusted for either role', () => {
    expect(isExtensionPage({ id: ID() })).toBe(false);
    expect(isOwnContentScript({ id: ID(), url: 'https://x.com/home' })).toBe(false);
  });

  it('a page URL that only contains our extension URL is not an extension page', () => {
    const spoof = { id: ID(), url: `https://evil.example/?next=${fakeBrowser.runtime.getURL('/popup.html')}` };
    expect(isExtensionPage(spoof)).toBe(false);
  });
});

describe('serveMessages', () => {
  function handlers() {
    return {
      'event.record': vi.fn(async () => ({ ok: true as const })),
      'lists.sync': vi.fn(async () => ({ sources: [] })),
      'events.clear': vi.fn(async () => ({ ok: true as const })),
      'health.report': vi.fn(async () => ({ ok: true as const })),
    } satisfies Handlers;
  }
  const send = (msg: unknown, sender: Sender) => fakeBrowser.runtime.onMessage.trigger(msg, sender);

  it('lets a content script record events, and nothing else', async () => {
    const h = handlers();
    serveMessages(h);
    expect(await send({ type: 'event.record', payload: { event: good } }, contentScript())).toEqual([{ ok: true }]);
    expect(h['event.record']).toHaveBeenCalledTimes(1);
    expect(await send({ type: 'lists.sync', payload: {} }, contentScript())).toEqual([undefined]);
    expect(await send({ type: 'events.clear', payload: {} }, contentScript())).toEqual([undefined]);
    expect(h['lists.sync']).not.toHaveBeenCalled();
    expect(h['events.clear']).not.toHaveBeenCalled();
  });

  it('lets a content script report health; not the popup, not another extension', async () => {
    const h = handlers();
    serveMessages(h);
    const msg = { type: 'health.report', payload: { health: { site: 'x', status: 'ok', hooksVersion: 1 } } };
    expect(await send(msg, contentScript())).toEqual([{ ok: true }]);
    expect(await send(msg, popup())).toEqual([undefined]);
    expect(await send(msg, optionsInTab())).toEqual([undefined]);
    expect(await send(msg, { ...contentScript(), id: 'other' })).toEqual([undefined]);
    expect(h['health.report']).toHaveBeenCalledTimes(1);
  });

  it('lets extension pages sync and clear, but not record events', async () => {
    const h = handlers();
    serveMessages(h);
    expect(await send({ type: 'lists.sync', payload: {} }, popup())).toEqual([{ sources: [] }]);
    expect(await send({ type: 'events.clear', payload: {} }, optionsInTab())).toEqual([{ ok: true }]);
    expect(await send({ type: 'event.record', payload: { event: good } }, popup())).toEqual([undefined]);
    expect(h['event.record']).not.toHaveBeenCalled();
  });

  it('ignores other extensions, unknown types and malformed messages', async () => {
    const h = handlers();
    serveMessages(h);
    expect(await send({ type: 'lists.sync', payload: {} }, otherExtension())).toEqual([undefined]);
    expect(await send({ type: 'event.record', payload: { event: good } }, { ...contentScript(), id: 'other' })).toEqual([undefined]);
    expect(await send({ type: 'policy.set', payload: {} }, popup())).toEqual([undefined]);
    expect(await send('lists.sync', popup())).toEqual([undefined]);
    expect(await send(null, popup())).toEqual([undefined]);
    expect(h['lists.sync']).not.toHaveBeenCalled();
    expect(h['event.record']).not.toHaveBeenCalled();
  });
});

describe('appendEvent', () => {
  const stored = async () => ((await fakeBrowser.storage.local.get(KEYS.events))[KEYS.events] as GuardEvent[] | undefined) ?? [];

  it('appends to the record, newest last', async () => {
    await appendEvent({ ...good, at: 1 });
    await appendEvent({ ...good, at: 2, outcome: 'cancelled' });
    expect((await stored()).map((e) => [e.at, e.outcome])).toEqual([
      [1, 'warned'],
      [2, 'cancelled'],
    ]);
  });

  it(`keeps at most MAX_EVENTS (${MAX_EVENTS}), dropping the oldest`, async () => {
    const extra = 7;
    // Seed a full record, then append past the limit one by one.
    await fakeBrowser.storage.local.set({ [KEYS.events]: Array.from({ length: MAX_EVENTS }, (_, i) => ({ ...good, at: i })) });
    for (let i = MAX_EVENTS; i < MAX_EVENTS + extra; i++) await appendEvent({ ...good, at: i });
    const events = await stored();
    expect(events).toHaveLength(MAX_EVENTS);
    expect(events[0].at).toBe(extra);
    expect(events.at(-1)!.at).toBe(MAX_EVENTS + extra - 1);
    expect(events.map((e) => e.at)).toEqual(Array.from({ length: MAX_EVENTS }, (_, i) => i + extra));
  });
});
