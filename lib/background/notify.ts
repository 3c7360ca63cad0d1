/**
 * Tells open tabs that their config or list changed, so they re-read it. A message, not
 * storage.onChanged: a storage event carries the new values to every listener, and a tab
 * must not receive megabytes of lists for other platforms. Tabs without our content script
 * simply do not answer. No "tabs" permission is needed to message tabs.
 */
import { browser } from '../browser';

export const REFRESH = 'jn.refresh';

export async function notifyTabs(): Promise<void> {
  let tabs: { id?: number }[] = [];
  try {
    tabs = await browser.tabs.query({});
  } catch {
    return;
  }
  // A tab that cannot be told (closed meanwhile, no content script, an API that throws rather
  // than rejects) must not fail the caller: the storage is already written.
  await Promise.all(
    tabs.map(async (t) => {
      if (t.id === undefined) return;
      try {
        await browser.tabs.sendMessage(t.id, { type: REFRESH });
      } catch {
        // Not ours to handle.
      }
    }),
  );
}
