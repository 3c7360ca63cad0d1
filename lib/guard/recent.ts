/**
 * How many times this device warned about each account lately, so a repeated warning can
 * say so ("Ini peringatan ke-3 …") and lead with another wording. Read from the device's own
 * record of guarded actions (`jn.events`, kept by the background), off the click path, and
 * counted up in the tab as it warns; nothing leaves the device.
 */
import type { GuardEvent } from '../storage/items';

export const RECENT_WINDOW_MS = 7 * 86_400_000;

/** Outcomes where the user was shown a warning (audited actions showed nothing). */
const SHOWN: ReadonlySet<GuardEvent['outcome']> = new Set(['warned', 'blocked']);

export class RecentWarnings {
  private readonly byEntry = new Map<string, number[]>();

  /** Replaces what the tab knows with the device's record (it includes this tab's own warnings). */
  load(events: readonly Pick<GuardEvent, 'at' | 'entryId' | 'outcome'>[] | undefined, now: number): void {
    this.byEntry.clear();
    if (!Array.isArray(events)) return;
    for (const e of events) {
      if (!e || typeof e.entryId !== 'string' || typeof e.at !== 'number' || !SHOWN.has(e.outcome)) continue;
      if (now - e.at < RECENT_WINDOW_MS) this.add(e.entryId, e.at);
    }
  }

  /** A warning was shown in this tab. */
  add(entryId: string, at: number): void {
    const list = this.byEntry.get(entryId);
    if (list) list.push(at);
    else this.byEntry.set(entryId, [at]);
  }

  /** Warnings about `entryId` in the last 7 days before `now`. */
  count(entryId: string, now: number): number {
    const list = this.byEntry.get(entryId);
    if (!list) return 0;
    let n = 0;
    for (const at of list) if (now - at < RECENT_WINDOW_MS && at <= now) n++;
    return n;
  }
}
