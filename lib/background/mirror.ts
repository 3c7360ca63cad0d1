/**
 * What every tab reads at start-up (the config, its platform's list, its site's hooks) is
 * mirrored from storage.local into storage.session: session storage lives in memory and is
 * read faster at document_start, when the tab competes with the page for the browser's
 * attention (storage.local ≈ 12 ms/MB vs session ≈ 8 ms/MB for the same read, measured in
 * Chromium 156). storage.local stays the durable copy and the fallback.
 *
 * The mirror holds a copy of the committed pointer (`jn.state`, lib/background/generation.ts)
 * beside the values, written in the same session `set` as the values it vouches for; a tab
 * uses the mirror only when that pointer is there (lib/guard/runtime.ts `readStartup`). A
 * commit removes it first, so a mirror cut short by a killed worker is never read.
 */
import { browser } from '../browser';
import { PLATFORMS } from '../model';
import { KEYS, type Committed } from '../storage/items';

/** What tabs read at start-up: mirrored into session storage beside the pointer. */
export const TAB_KEYS: string[] = [KEYS.config, ...PLATFORMS.map((p) => KEYS.shards(p)), ...PLATFORMS.map((s) => KEYS.hooks(s))];

type SessionArea = typeof browser.storage.session & {
  setAccessLevel?: (o: { accessLevel: string }) => Promise<void>;
};

export function sessionArea(): SessionArea | undefined {
  return (browser.storage as { session?: SessionArea }).session;
}

/**
 * Writes tab-facing values (null: no longer in force) and the pointer that vouches for them
 * into session storage: removals first, while no pointer is there, then one set (a session
 * set is atomic too). Over the quota (very large lists) the mirror is emptied, pointer
 * included, and tabs read storage.local.
 */
export async function mirrorValues(values: Record<string, unknown>, pointer: Committed): Promise<void> {
  const session = sessionArea();
  if (!session) return;
  const set: Record<string, unknown> = { [KEYS.state]: pointer };
  const gone: string[] = [];
  for (const [k, v] of Object.entries(values)) {
    if (!TAB_KEYS.includes(k)) continue;
    if (v === null || v === undefined) gone.push(k);
    else set[k] = v;
  }
  try {
    if (gone.length > 0) await session.remove(gone);
    await session.set(set);
  } catch {
    await session.remove([KEYS.state, ...TAB_KEYS]).catch(() => {});
  }
}

/** Makes the mirror hold every tab-facing value of the committed generation (after it invalidates it). */
export async function fillMirror(): Promise<void> {
  const session = sessionArea();
  if (!session) return;
  await session.remove(KEYS.state).catch(() => {});
  const local = await browser.storage.local.get([KEYS.state, ...TAB_KEYS]);
  const pointer = local[KEYS.state] as Committed | undefined;
  if (!pointer || typeof pointer.gen !== 'number') return; // nothing committed yet: tabs read storage.local
  const values: Record<string, unknown> = {};
  for (const k of TAB_KEYS) values[k] = local[k] ?? null;
  await mirrorValues(values, pointer);
}
