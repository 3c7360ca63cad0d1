/** Typed calls to the background (see protocol.ts). */
import { browser } from '../browser';
import type { Envelope, MessageType, Messages } from './protocol';

export async function sendMessage<T extends MessageType>(
  type: T,
  payload: Messages[T]['request'],
): Promise<Messages[T]['response']> {
  const envelope: Envelope<T> = { type, payload };
  return (await browser.runtime.sendMessage(envelope)) as Messages[T]['response'];
}
