/**
 * A stopped action → the warning, the local record, and what happens on the user's choice:
 * cancel leaves the page as it was; proceed replays the original action once.
 */
import type { Hit } from '../accounts/shard-index';
import { isExact, subjectOnly } from '../accounts/subjects';
import { clauseIdsFor, lawFor } from '../clauses';
import { resolveLocale } from '../i18n/common';
import { sendMessage } from '../messaging/client';
import type { Match, SiteId, Subject } from '../model';
import type { GuardEvent, Outcome } from '../storage/items';
import { openWarning, prewarmWarning } from '../ui/warning/mount';
import { ALLOWANCE_MS, type GuardDecision } from './decide';
import type { TabState } from './state';

export interface ShowContext {
  state: TabState;
  site: SiteId;
  uiLanguage: () => string | undefined;
  isTrusted?: (e: Event) => boolean;
  /** The content script was invalidated (extension updated): show nothing more. */
  isInvalid: () => boolean;
}

/** Appends to the device's record (and, with reporting on, the audit queue) through the background. */
export function record(c: ShowContext, d: GuardDecision, subject: Subject, outcome: Outcome, justification?: string, clauseIds?: string[]): void {
  const config = c.state.config;
  const event: GuardEvent = {
    at: c.state.now(),
    site: c.site,
    action: d.action,
    mode: d.mode,
    outcome,
    entryId: d.hit.entryId,
    name: subject.name,
    role: subject.role,
    listVersion: d.hit.listVersion,
    // What the warning cited (computed once per warning); else computed here (audit mode).
    clauseIds: clauseIds ?? clauseIdsFor({ action: d.action, subject, status: config?.employeeStatus, localClauses: config?.localClauses }),
    ...(justification ? { justification } : {}),
  };
  sendMessage('event.record', { event }).catch(() => {
    // The extension was reloaded or updated under this tab: nothing to record into.
  });
}

/**
 * What is known now of `hit`'s full key: true (it is its subject's), false (an unlisted key
 * that only shares a listed key's 48-bit fingerprint), null (the subject is not in memory).
 * Synchronous, so a known collision is never stopped in the first place.
 */
export function exactNow(state: TabState, hit: Hit): boolean | null {
  const known = state.subjects.peek(hit);
  return known ? isExact(known, hit) : null;
}

/**
 * The subject `hit` names, once the page's full key is confirmed as one of its keys: then
 * `use`. Otherwise `notListed`: the key only shares a listed key's fingerprint (a collision,
 * which can be searched for on purpose), or the list changed and the key can no longer be
 * confirmed. Nothing may then be shown or recorded: it would name a real candidate on a
 * stranger's post. The decision stays synchronous (the fingerprint); this is the one storage
 * read a warning already waited for, and usually none (the scan prefetched the chunk).
 */
export function withSubject(state: TabState, hit: Hit, use: (s: Subject) => void, notListed: () => void): void {
  const known = state.subjects.peek(hit);
  if (known) return isExact(known, hit) ? use(subjectOnly(known)) : notListed();
  void state.subjects.load(hit).then((l) => (l && isExact(l, hit) ? use(subjectOnly(l)) : notListed()));
}

/** Opens the warning for `d`; `replay` runs once if the user goes ahead and the control is still there. */
export function showWarning(c: ShowContext, d: GuardDecision, subject: Subject, startedAt: number, handledAt: number, replay: (d: GuardDecision) => void): void {
  const { state } = c;
  state.pending = null;
  const config = state.config;
  // Invalidated while the details were read (the extension was updated): as with a warning
  // already open (closed on invalidation), this stale script shows nothing more.
  if (!config || c.isInvalid()) return;
  const now = state.now();
  const priorWarnings = state.recent.count(d.hit.entryId, now);
  state.recent.add(d.hit.entryId, now);
  const law = lawFor({ action: d.action, subject, status: config.employeeStatus, localClauses: config.localClauses });
  const clauseIds = law.clauses.map((cl) => cl.id);
  record(c, d, subject, d.mode === 'block' ? 'blocked' : 'warned', undefined, clauseIds);
  const match: Match = {
    subject,
    platform: d.hit.platform,
    key: d.hit.key,
    listSource: d.hit.listSource,
    listVersion: d.hit.listVersion,
    entryId: d.hit.entryId,
  };
  const handle = openWarning({
    action: d.action,
    match,
    shownAs: d.identity.display,
    relation: d.identity.relation,
    mode: d.mode === 'audit' ? 'warn' : d.mode,
    law,
    priorWarnings,
    organization: config.organization,
    locale: resolveLocale(config.locale, c.uiLanguage()),
    returnFocusTo: d.control,
    isTrusted: c.isTrusted,
  });
  state.open = { handle, decision: d };
  const mounted = performance.now();
  requestAnimationFrame(() =>
    setTimeout(() => {
      const end = performance.now();
      state.stats.lastClickToDialogMs = end - startedAt;
      state.stats.lastClickParts = { inputMs: handledAt - startedAt, workMs: mounted - handledAt, frameMs: end - mounted };
    }, 0),
  );
  void handle.result.then((r) => {
    if (state.open?.handle === handle) state.open = null;
    // The rest of a stopped double tap has long arrived: the next tap is a new one.
    state.swallow = null;
    if (d.mode === 'block') return;
    if (r.decision !== 'proceed') {
      record(c, d, subject, 'cancelled', undefined, clauseIds);
      return;
    }
    record(c, d, subject, 'proceeded', r.justification, clauseIds);
    if (d.control.isConnected) replay(d);
    else state.allowance = { entryId: d.hit.entryId, action: d.action, until: state.now() + ALLOWANCE_MS };
  });
}

/** A listed post is on the page: a warning may come, so compile the dialog's code while idle. */
export function schedulePrewarm(c: ShowContext): void {
  const { state } = c;
  if (state.prewarmed) return;
  state.prewarmed = true;
  const run = () => {
    const config = state.config;
    if (!config || c.isInvalid()) return;
    prewarmWarning({
      action: 'like',
      match: { subject: { index: 0, name: '' }, platform: state.adapter.platform, key: '', listSource: '', listVersion: 0, entryId: '' },
      shownAs: '',
      mode: 'warn',
      law: lawFor({ action: 'like', subject: {}, status: config.employeeStatus, localClauses: config.localClauses }),
      organization: config.organization,
      locale: resolveLocale(config.locale, c.uiLanguage()),
    });
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}
