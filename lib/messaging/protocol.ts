/**
 * The one message contract between contexts. Handlers live in lib/messaging/server.ts
 * (background), callers use lib/messaging/client.ts. The background checks the sender
 * and validates every payload: content scripts run beside untrusted pages.
 */
import type { SiteHealth } from '../hooks/types';
import type { GuardEvent, SourceStatus } from '../storage/items';

export interface Messages {
  /** content script → background: append to the local record of warnings. */
  'event.record': { request: { event: GuardEvent }; response: { ok: true } };
  /** popup/options → background: check every list now. */
  'lists.sync': { request: Record<string, never>; response: { sources: SourceStatus[] } };
  /** popup/options → background: forget the local record of warnings. */
  'events.clear': { request: Record<string, never>; response: { ok: true } };
  /**
   * content script → background: a site's detection health changed in this tab (sent on
   * change only). Stored under `jn.health`; when audit reporting is on, a change to
   * `degraded` queues a `detection-degraded` event (site, hook id, hooks version only).
   */
  'health.report': { request: { health: SiteHealth }; response: { ok: true } };
}
export type MessageType = keyof Messages;
export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  payload: Messages[T]['request'];
}
