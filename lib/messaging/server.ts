/**
 * The background's message handlers. Every message is checked for its sender: content
 * scripts (a tab on a guarded site) may only record events; only the extension's own pages
 * (popup, options) may trigger a sync or clear the record. Payloads are validated.
 */
import { browser, type Browser } from '../browser';
import { isAction, isMode, isPlatform, isRole } from '../model';
import { KEYS, MAX_EVENTS, type GuardEvent, type Outcome } from '../storage/items';
import type { Envelope, MessageType, Messages } from './protocol';

type Sender = Browser.runtime.MessageSender;
export type Handlers = {
  [T in MessageType]: (payload: Messages[T]['request'], sender: Sender) => Promise<Messages[T]['response']>;
};

const OUTCOMES: readonly Outcome[] = ['warned', 'cancelled', 'proceeded', 'blocked', 'audited'];

export function isExtensionPage(sender: Sender): boolean {
  return sender.id === browser.runtime.id && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

export function isOwnContentScript(sender: Sender): boolean {
  return sender.id === browser.runtime.id && sender.tab !== undefined && !isExtensionPage(sender);
}

export function validEvent(v: unknown): v is GuardEvent {
  if (!v || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  const str = (x: unknown, max = 300) => typeof x === 'string' && x.length <= max;
  return (
    typeof e.at === 'number' && Number.isFinite(e.at) &&
    isPlatform(e.site) && isAction(e.action) && isMode(e.mode) &&
    OUTCOMES.includes(e.outcome as Outcome) &&
    str(e.entryId) && str(e.name) &&
    (e.role === undefined || isRole(e.role)) &&
    typeof e.listVersion === 'number' && Number.isFinite(e.listVersion) &&
    Array.isArray(e.clauseIds) && e.clauseIds.length <= 50 && e.clauseIds.every((c) => str(c, 100)) &&
    (e.justification === undefined || str(e.justification, 2000))
  );
}

export async function appendEvent(event: GuardEvent): Promise<void> {
  // Only the known fields are kept, whatever else a sender attached.
  const { at, site, action, mode, outcome, entryId, name, role, listVersion, clauseIds, justification } = event;
  const clean: GuardEvent = { at, site, action, mode, outcome, entryId, name, listVersion, clauseIds: [...clauseIds] };
  if (role !== undefined) clean.role = role;
  if (justification !== undefined) clean.justification = justification;
  const got = await browser.storage.local.get(KEYS.events);
  const events = ((got[KEYS.events] as GuardEvent[] | undefined) ?? []).concat(clean);
  await browser.storage.local.set({ [KEYS.events]: events.slice(-MAX_EVENTS) });
}

/** Registers the handlers; returns nothing to callers that are not allowed. */
export function serveMessages(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((msg: unknown, sender: Sender) => {
    if (!msg || typeof msg !== 'object') return undefined;
    const { type, payload } = msg as Envelope;
    switch (type) {
      case 'event.record':
        if (!isOwnContentScript(sender)) return undefined;
        return handlers['event.record'](payload as Messages['event.record']['request'], sender);
      case 'lists.sync':
        if (!isExtensionPage(sender)) return undefined;
        return handlers['lists.sync']({}, sender);
      case 'events.clear':
        if (!isExtensionPage(sender)) return undefined;
        return handlers['events.clear']({}, sender);
      default:
        return undefined;
    }
  });
}
