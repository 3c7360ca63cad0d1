/**
 * The one message contract between contexts. Handlers live in lib/messaging/server.ts
 * (background), callers use lib/messaging/client.ts. The background checks the sender
 * and validates every payload: content scripts run beside untrusted pages.
 */
import type { GuardEvent, SourceStatus } from '../storage/items';

export interface Messages {
  /** content script → background: append to the local record of warnings. */
  'event.record': { request: { event: GuardEvent }; response: { ok: true } };
  /** popup/options → background: check every list now. */
  'lists.sync': { request: Record<string, never>; response: { sources: SourceStatus[] } };
  /** popup/options → background: forget the local record of warnings. */
  'events.clear': { request: Record<string, never>; response: { ok: true } };
}
export type MessageType = keyof Messages;
export interface Envelope<T extends MessageType = MessageType> {
  type: T;
  payload: Messages[T]['request'];
}
