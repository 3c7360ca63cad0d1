/**
 * Crash-safe state (issue 11): every change of what tabs enforce — a list sync, the config
 * from policy and user settings, a hooks update — is one generation switch that tabs see
 * whole or not at all. MV3 kills the worker at will, between any two writes.
 *
 * A change goes in three steps:
 *  1. data that is too large to rewrite with the switch (the subject chunks, which tabs read
 *     only when naming someone) goes under NEW keys — their prefix carries the generation —
 *     and the prefixes are first noted in `jn.pending`, so a kill here leaves nothing that
 *     start-up cannot find and delete;
 *  2. the switch: ONE storage.local.set of the pointer `jn.state` (the generation, the
 *     subject-chunk prefixes in force, those it retires) together with the tab-facing keys
 *     that changed (`jn.config`, `jn.shards.<p>`, `jn.hooks.<site>`). One set is one
 *     transaction in both browsers (Chromium: a LevelDB write batch; Firefox: one IndexedDB
 *     transaction), so tabs reading storage.local see the old generation or the new, never a
 *     mix. The tab-facing keys keep their fixed names, not generation-suffixed ones: the
 *     tab then reads them and the pointer in one `get` (no second round trip at
 *     document_start), and the pages, the reporter, the benchmark and the e2e helpers keep
 *     reading `jn.config` / `jn.shards.<p>` / `jn.hooks.<site>` as before;
 *  3. clean-up of what the new generation retired (old chunks), and the session mirror.
 *
 * The session mirror (storage.session, read first by tabs) holds a copy of the pointer that
 * is removed BEFORE the switch and written back, in the same session `set` as the values
 * that changed, after it: a tab uses the mirror only when it holds a pointer, so it never
 * reads a mirror that lags behind or runs ahead of storage.local. At every worker start,
 * `reconcile` compares the mirror's pointer with the committed one and refills the mirror
 * when they differ, and deletes the chunks of abandoned (`jn.pending`) and retired
 * generations.
 *
 * Everything here runs under the one write lock the background creates at start (main.ts):
 * commits read-modify-write the pointer, and start-up must not delete the chunks a sync has
 * written but not yet committed.
 */
import { browser } from '../browser';
import { PLATFORMS } from '../model';
import { KEYS, SCHEMA_VERSION, type Committed } from '../storage/items';
import { fillMirror, mirrorValues, sessionArea } from './mirror';
import type { Serial } from './serial';

/** For callers that hold no lock (tests calling a sync directly, one call after another). */
export const unlocked: Serial = (fn) => fn();

export function isCommitted(v: unknown): v is Committed {
  const c = v as Committed | null | undefined;
  return typeof c === 'object' && c !== null && typeof c.gen === 'number' && typeof c.chunks === 'object' && c.chunks !== null;
}

/**
 * The committed pointer. Before the first commit of this layout (a fresh install, or tests
 * that seed storage by hand) it is generation 0 with the chunk record of the old layout.
 */
export async function readCommitted(): Promise<Committed> {
  const got = await browser.storage.local.get([KEYS.state, KEYS.legacyChunks]);
  const pointer = got[KEYS.state];
  if (isCommitted(pointer)) return pointer;
  const legacy = got[KEYS.legacyChunks] as Record<string, number> | undefined;
  return { schema: SCHEMA_VERSION, gen: 0, chunks: { ...(legacy ?? {}) }, retired: {} };
}

/** Every key a subject-chunk prefix may have: its numbered chunks and one table per platform. */
export function chunkKeys(prefix: string, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`${prefix}${i}`);
  for (const p of PLATFORMS) out.push(`${prefix}of-${p}`);
  return out;
}

/**
 * Step 1 for subject chunks: notes their prefixes, then writes them. Nothing reads them
 * until a commit names their prefix.
 */
export async function writeUncommitted(gen: number, chunks: Record<string, unknown>, prefixes: Record<string, number>): Promise<void> {
  if (Object.keys(chunks).length === 0) return;
  await browser.storage.local.set({ [KEYS.pending]: { gen, chunks: prefixes } });
  await browser.storage.local.set(chunks);
}

export interface Change {
  /** Tab-facing values that change (TAB_KEYS); null: the key is no longer in force (hooks). */
  tab: Record<string, unknown>;
  /** The background's own values that must switch with them (list and hooks sources, …). */
  own?: Record<string, unknown>;
  /** The subject-chunk prefixes in force after the change (default: unchanged). */
  chunks?: Record<string, number>;
}

/**
 * Step 2 and 3: switches to the next generation and brings the session mirror along.
 * Returns the new pointer; the retired chunks are deleted before it returns.
 */
export async function commit(change: Change): Promise<Committed> {
  const prev = await readCommitted();
  const chunks = change.chunks ?? prev.chunks;
  const retired: Record<string, number> = {};
  for (const [prefix, n] of Object.entries(prev.chunks)) if (!(prefix in chunks)) retired[prefix] = n;
  const next: Committed = { schema: SCHEMA_VERSION, gen: prev.gen + 1, chunks, retired };

  const session = sessionArea();
  const mirrored = session ? await session.get(KEYS.state).catch(() => ({}) as Record<string, unknown>) : {};
  const inSession = mirrored[KEYS.state];
  const wasInStep = isCommitted(inSession) && inSession.gen === prev.gen;
  // Tabs stop trusting the mirror before storage.local moves on (see the file comment).
  // Not caught: when that fails, the switch must not happen either.
  if (session) await session.remove(KEYS.state);

  // Hooks no longer in force are stored as null in the same set (a remove would be a
  // second write); every reader treats null as absent.
  await browser.storage.local.set({ ...change.own, ...change.tab, [KEYS.state]: next, [KEYS.schema]: SCHEMA_VERSION });

  if (session) {
    if (wasInStep) await mirrorValues(change.tab, next);
    else await fillMirror();
  }
  // Also what the last generation retired: its clean-up may have been cut short.
  const leftover = Object.fromEntries(Object.entries(prev.retired ?? {}).filter(([p]) => !(p in chunks)));
  await removeChunks({ ...leftover, ...retired });
  return next;
}

/** Deletes the chunks of these prefixes (retired or abandoned generations). */
async function removeChunks(prefixes: Record<string, number>): Promise<void> {
  const keys = Object.entries(prefixes).flatMap(([prefix, n]) => chunkKeys(prefix, n));
  if (keys.length > 0) await browser.storage.local.remove(keys);
}

/**
 * The layout of schema 1 (until this release): the tab-facing keys, `jn.chunks`, no
 * pointer. A worker killed mid-sync under it may have left subject chunks nobody names (and
 * a stale session mirror, which `reconcile` refills anyway): they are found by one scan of
 * the keys, done once.
 */
export async function migrate(): Promise<void> {
  const got = await browser.storage.local.get([KEYS.state, KEYS.legacyChunks]);
  if (isCommitted(got[KEYS.state])) return;
  const legacy = (got[KEYS.legacyChunks] as Record<string, number> | undefined) ?? {};
  const pointer: Committed = { schema: SCHEMA_VERSION, gen: 1, chunks: { ...legacy }, retired: {} };
  await browser.storage.local.set({ [KEYS.state]: pointer, [KEYS.schema]: SCHEMA_VERSION });
  const all = await browser.storage.local.get(null);
  const orphans = Object.keys(all).filter((k) => k.startsWith('jn.subj.') && !Object.keys(legacy).some((p) => k.startsWith(p)));
  await browser.storage.local.remove([...orphans, KEYS.legacyChunks]);
}

/**
 * At every worker start: let content scripts read session storage; migrate an older
 * layout; delete the chunks of abandoned and retired generations; make the session mirror
 * hold exactly the committed generation (after a browser restart it is empty; after a kill
 * mid-change it may have no pointer).
 */
export async function reconcile(): Promise<Committed> {
  const session = sessionArea();
  let readable = !!session;
  try {
    await session?.setAccessLevel?.({ accessLevel: 'TRUSTED_AND_UNTRUSTED_CONTEXTS' });
  } catch {
    readable = false; // this browser keeps session storage from content scripts: they use storage.local
  }
  await migrate();
  const got = await browser.storage.local.get([KEYS.state, KEYS.pending]);
  const committed = got[KEYS.state] as Committed;
  const pending = got[KEYS.pending] as { chunks?: Record<string, number> } | undefined;
  const abandoned: Record<string, number> = { ...committed.retired };
  for (const [prefix, n] of Object.entries(pending?.chunks ?? {})) if (!(prefix in committed.chunks)) abandoned[prefix] = n;
  for (const prefix of Object.keys(committed.chunks)) delete abandoned[prefix];
  await removeChunks(abandoned);
  if (pending) await browser.storage.local.remove(KEYS.pending);

  if (session && readable) {
    const have = await session.get(KEYS.state).catch(() => ({}) as Record<string, unknown>);
    const m = have[KEYS.state];
    if (!isCommitted(m) || m.gen !== committed.gen) await fillMirror();
  }
  return committed;
}
