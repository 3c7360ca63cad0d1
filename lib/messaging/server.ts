/**
 * The background's message handlers. Every message is checked for its sender: content
 * scripts (a tab on a guarded site) may only record events and report detection health;
 * only the extension's own pages (popup, options) may trigger a sync or clear the record.
 * Payloads are validated.
 */
import { browser, type Browser } from '../browser';
import type { SiteHealth } from '../hooks/types';
import { isAction, isMode, isPlatform, isRole, type SiteId } from '../model';
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

/** A hook id as hooks documents name them (`like`, `post`, `follow-button`). */
export const HOOK_ID = /^[A-Za-z0-9_-]{1,40}$/;

/** A health report as a content script may send it; `at` is the background's to set. */
export type HealthReport = Omit<SiteHealth, 'at'>;

/**
 * Checks a content script's health report and returns only the known fields (never
 * `...health`), or undefined when anything is off: a known site, `ok` or `degraded`, a
 * short hook id (required with `degraded`; dropped with `ok`), a positive integer version.
 * A tab's `at` is ignored: a page could set any time.
 */
export function validHealth(v: unknown): HealthReport | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const h = v as Record<string, unknown>;
  if (!isPlatform(h.site)) return undefined;
  if (h.status !== 'ok' && h.status !== 'degraded') return undefined;
  if (h.hook !== undefined && (typeof h.hook !== 'string' || !HOOK_ID.test(h.hook))) return undefined;
  if (h.status === 'degraded' && h.hook === undefined) return undefined;
  if (typeof h.hooksVersion !== 'number' || !Number.isSafeInteger(h.hooksVersion) || h.hooksVersion < 1) return undefined;
  const out: HealthReport = { site: h.site, status: h.status, hooksVersion: h.hooksVersion };
  if (h.status === 'degraded') out.hook = h.hook as string;
  return out;
}

/**
 * Stores a validated report under `jn.health` (one entry per site). `at` moves only when the
 * status (or the failing hook) changes. `becameDegraded`: the site was not degraded with
 * this hook and version before, so an audit notice is due. The caller serialises calls.
 */
export async function storeHealth(report: HealthReport, now: number): Promise<{ health: SiteHealth; becameDegraded: boolean }> {
  const got = await browser.storage.local.get(KEYS.health);
  const raw = got[KEYS.health];
  const all: Partial<Record<SiteId, SiteHealth>> =
    raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Partial<Record<SiteId, SiteHealth>>) } : {};
  const prev = all[report.site];
  const sameState = prev !== undefined && prev.status === report.status && prev.hook === report.hook;
  const health: SiteHealth = { ...report, at: sameState && typeof prev.at === 'number' ? prev.at : now };
  const becameDegraded =
    report.status === 'degraded' && !(sameState && prev.hooksVersion === report.hooksVersion);
  if (!prev || !sameState || prev.hooksVersion !== report.hooksVersion) {
    all[report.site] = health;
    await browser.storage.local.set({ [KEYS.health]: all });
  }
  return { health, becameDegraded };
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
      case 'health.report':
        if (!isOwnContentScript(sender)) return undefined;
        return handlers['health.report'](payload as Messages['health.report']['request'], sender);
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
