/**
 * Every storage.local key the extension uses, declared once. Content scripts read `config`
 * and their platform's shards at start-up (from the session mirror, lib/background/mirror.ts)
 * and subject chunks when naming someone; everything else is the background's, the popup's
 * and the options page's.
 *
 * Values are plain JSON (Chrome's storage holds only JSON). `SCHEMA_VERSION` is stored with
 * them so that a later layout can tell what it is upgrading from:
 *  1. the first release: tab-facing keys written one after another, `jn.chunks`;
 *  2. crash-safe state (issue 11): every change of what tabs enforce is one generation
 *     switch named by the pointer `jn.state` (lib/background/generation.ts, which also holds
 *     the migration from 1).
 */
import type { Action, Mode, PlatformId, Role, SiteId } from '../model';

export const SCHEMA_VERSION = 2;

export const KEYS = {
  schema: 'jn.schema',
  config: 'jn.config',
  policy: 'jn.policy',
  user: 'jn.user',
  sources: 'jn.sources',
  events: 'jn.events',
  shards: (p: PlatformId) => `jn.shards.${p}` as const,
  /**
   * The committed pointer (Committed): written last, in the same set as the tab-facing keys
   * it switches; also mirrored in storage.session, where its presence vouches for the mirror.
   */
  state: 'jn.state',
  /** The subject-chunk prefixes a change wrote before its switch (for clean-up after a kill). */
  pending: 'jn.pending',
  /** Schema 1's record of the subject-chunk prefixes in force (now in `jn.state`); read only to migrate. */
  legacyChunks: 'jn.chunks',
  /** A random id made once per install (a UUID), sent with audit reports. */
  install: 'jn.install',
  /** Audit reports waiting to be sent (ReportRecord[], oldest first; lib/report). */
  reportQueue: 'jn.report.queue',
  /** How many waiting reports were dropped because the queue was full, not yet reported. */
  reportDropped: 'jn.report.dropped',
  /** Delivery state of audit reports (ReportState), for the retry schedule and the pages. */
  reportState: 'jn.report.state',
  /**
   * The hooks a site's tabs run when a signed hooks update is newer than the bundled hooks
   * (HooksInForce, lib/hooks/types.ts); absent or null: the bundled hooks. Tabs compare
   * versions themselves, so the bundled copy of a newer extension always wins.
   */
  hooks: (s: SiteId) => `jn.hooks.${s}` as const,
  /** The state of each hooks source (policy `hooksUrls`): HooksSourceStatus[]. */
  hooksSources: 'jn.hooks.sources',
  /**
   * The accepted signed hooks payload of each hooks source (Record<url, HooksPayload>): what
   * `jn.hooks.<site>` is chosen from again when a source fails, is revoked or is removed.
   * The background's own; tabs never read it.
   */
  hooksDocs: 'jn.hooks.docs',
  /** Per site, the last detection health a tab reported: Record<SiteId, SiteHealth>. */
  health: 'jn.health',
} as const;

/** The committed generation (`jn.state`, schema 2). */
export interface Committed {
  schema: number;
  /** Grows by one with every switch. */
  gen: number;
  /**
   * Subject-chunk key prefixes in force → how many numbered chunks each has. A prefix ends
   * in the generation that wrote it (`jn.subj.<source>.<version>.g<gen>.`), so a new list
   * never overwrites chunks a tab of the old generation may still read.
   */
  chunks: Record<string, number>;
  /** Prefixes this switch took out of force: deleted right after it, or at the next start. */
  retired: Record<string, number>;
}

/**
 * What a list source and a hooks source both keep about fetching and syncing their signed
 * document (the list, or the hooks update): one definition, so the two stay comparable.
 */
export interface SignedSourceStatus {
  url: string;
  etag?: string;
  lastModified?: string;
  /** The signature of the document in force: the same version with another signature is refused. */
  signature?: string;
  /** The key that signed the document in force: when policy stops trusting it, it is dropped. */
  publicKey?: string;
  /** When the document in force was last confirmed (accepted, or 304 Not Modified). */
  syncedAt?: number;
  /** When the last attempt ended, good or bad. */
  checkedAt?: number;
  /** Why the last attempt failed ('' when it did not), in (Indonesian) words a user can act on. */
  error: string;
  /** The machine-readable reason of `error` (see each status for its codes) and its detail, for translation. */
  errorCode?: string;
  errorDetail?: string;
}

/** The state of one list source (a policy/user URL, or the bundled demo list). errorCode: a ListErrorCode. */
export interface SourceStatus extends SignedSourceStatus {
  /** The list in force from this source (the last good one), if any. */
  version?: number;
  issuer?: string;
  createdAt?: string;
  entries?: number;
  /** The COMPILE_VERSION (lib/list/compile.ts) the list in force was compiled with; absent before 2. */
  compiledWith?: number;
  /** How long the last accepted list took in the background, in ms (diagnostics, bench). */
  timings?: { download: number; parse: number; verify: number; compile: number };
}

/**
 * The state of one hooks source (policy `hooksUrls`), kept like a list source: the last good
 * document stays in force whatever goes wrong with a newer one (lib/background/hooks.ts).
 * errorCode: a HooksErrorCode, or a ListErrorCode of the download.
 */
export interface HooksSourceStatus extends SignedSourceStatus {
  /** The version of the document in force from this source (the last good one), if any. */
  hooksVersion?: number;
  /** The sites that document carries hooks for. */
  sites?: SiteId[];
}

export type Outcome = 'warned' | 'cancelled' | 'proceeded' | 'blocked' | 'audited';

/** A record of one guarded action, kept on this device (popup: "recent warnings"). */
export interface GuardEvent {
  at: number;
  site: SiteId;
  action: Action;
  mode: Mode;
  outcome: Outcome;
  /** `<platform>:<key>`, e.g. `x:@capres_contoh_a`. */
  entryId: string;
  name: string;
  role?: Role;
  listVersion: number;
  clauseIds: string[];
  justification?: string;
}

export const MAX_EVENTS = 200;

/** Why the last delivery of audit reports failed (lib/report/send.ts). */
export type ReportErrorCode =
  /** The collector could not be reached (refused, DNS, TLS, CORS). Retried with backoff. */
  | 'network'
  /** No answer in time. Retried with backoff. */
  | 'timeout'
  /** 5xx, 408 or 429. Retried with backoff. */
  | 'http'
  /** Another 4xx (bad token, wrong URL): kept, retried only at the longest interval. */
  | 'refused'
  /** 2xx, but not the answer the format expects (e.g. not an Elasticsearch _bulk reply). */
  | 'bad-response'
  /** The collector refused some events one by one (Elasticsearch item errors): not resent. */
  | 'rejected';

/** Delivery state of audit reports, kept beside the queue (`jn.report.state`). */
export interface ReportState {
  /** Which endpoint this is about (URL, format, a digest of the token): a change resets the backoff. */
  target: string;
  /** Events waiting in the queue (its length; the pages do not read the queue itself). */
  pending: number;
  /** Failed attempts in a row (0 after a delivery). */
  attempts: number;
  /** No new attempt before this time (ms); 0 = at once. */
  nextAttemptAt: number;
  lastAttemptAt?: number;
  /** When events were last delivered. */
  lastSentAt?: number;
  /** Events delivered since reporting was switched on. */
  sent: number;
  /** Events the collector refused one by one and that were not resent. */
  rejected: number;
  /** Why the last attempt failed; absent when it went through. */
  errorCode?: ReportErrorCode;
  /** e.g. `HTTP 401`, the network error's message, the collector's reason. */
  errorDetail?: string;
}

