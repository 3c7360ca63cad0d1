/**
 * What one audit report says, and how a batch of them is put on the wire (pure: no browser
 * API, so the exact payload is what the tests assert).
 *
 * A record is built field by field from a GuardEvent the background has validated: nothing
 * else a content script attached travels, and nothing comes from the page. Field names are
 * flat and chosen not to collide with ECS field sets (`event`, `url`, `user`,
 * `organization` are ECS objects), so the records can go into an Elasticsearch `logs-*`
 * data stream as they are.
 *
 * The listed person's *name* is not sent: `entryId` and `listVersion` identify the entry in
 * the published list, and when the subject's details are not loaded yet the guard falls
 * back to the name the page displays — page content, which a report must never carry.
 */
import type { Action, Mode, ReportFormat, Role, SiteId } from '../model';
import type { GuardEvent, Outcome } from '../storage/items';

/**
 * A record that is not a guarded action: `dropped` (a loss report) and
 * `detection-degraded` (a site's markup changed so that the extension no longer recognises
 * a required hook there, and warnings may not appear: IT should publish a hooks fix).
 */
export type NoticeOutcome = 'dropped' | 'detection-degraded';

/** Bumped when a field changes meaning or goes away (a new optional field does not). */
export const REPORT_SCHEMA_VERSION = 1;

export interface ReportRecord {
  /** When the action happened (ISO 8601, UTC). */
  '@timestamp': string;
  /** A UUID per record: Elasticsearch's `_id`, so a batch sent twice is stored once. */
  eventId: string;
  /**
   * What happened; `dropped` marks a loss report (see `droppedCount`) and
   * `detection-degraded` a site whose detection stopped working (see `hook`), not an action.
   */
  outcome: Outcome | NoticeOutcome;
  action?: Action;
  site?: SiteId;
  /** The mode in force for the action. */
  mode?: Mode;
  /** The list entry, `<platform>:<key>` (e.g. `x:@capres_contoh_a`). */
  entryId?: string;
  /** The entry's role in the list, when the list gives one. */
  role?: Role;
  listVersion?: number;
  /** The clauses the warning cited. */
  clauseIds?: string[];
  /** The reason the user typed to go ahead (outcome `proceeded` in `justify` mode only). */
  justification?: string;
  /** Outcome `dropped`: how many events were lost because the queue on the device was full. */
  droppedCount?: number;
  /** Outcome `detection-degraded`: the id of the required hook that found nothing (e.g. `like`). */
  hook?: string;
  /** Outcome `detection-degraded`: the version of the site's hooks in force in that tab. */
  hooksVersion?: number;
  /** This install (a random UUID made once; not tied to the user's accounts). */
  installId: string;
  extensionVersion?: string;
  /** The build: `chrome` (also Edge) or `firefox`. */
  browser?: string;
  /** Policy `organization.name`, so one collector can serve several agencies. */
  organizationName?: string;
  schemaVersion: number;
}

/** Every key a record may have: the tests hold each payload to this list. */
export const REPORT_FIELDS: readonly (keyof ReportRecord)[] = [
  '@timestamp',
  'eventId',
  'outcome',
  'action',
  'site',
  'mode',
  'entryId',
  'role',
  'listVersion',
  'clauseIds',
  'justification',
  'droppedCount',
  'hook',
  'hooksVersion',
  'installId',
  'extensionVersion',
  'browser',
  'organizationName',
  'schemaVersion',
];

/** What every record of this install carries besides the event. */
export interface RecordContext {
  installId: string;
  extensionVersion?: string;
  browser?: string;
  organizationName?: string;
}

function withContext(r: Omit<ReportRecord, keyof RecordContext | 'schemaVersion'>, ctx: RecordContext): ReportRecord {
  const out: ReportRecord = { ...r, installId: ctx.installId, schemaVersion: REPORT_SCHEMA_VERSION };
  if (ctx.extensionVersion) out.extensionVersion = ctx.extensionVersion;
  if (ctx.browser) out.browser = ctx.browser;
  if (ctx.organizationName) out.organizationName = ctx.organizationName;
  return out;
}

/** The record of one guarded action. Copies named fields only (never `...event`). */
export function toRecord(event: GuardEvent, eventId: string, ctx: RecordContext): ReportRecord {
  const r: Omit<ReportRecord, keyof RecordContext | 'schemaVersion'> = {
    '@timestamp': new Date(event.at).toISOString(),
    eventId,
    outcome: event.outcome,
    action: event.action,
    site: event.site,
    mode: event.mode,
    entryId: event.entryId,
    listVersion: event.listVersion,
    clauseIds: [...event.clauseIds],
  };
  if (event.role !== undefined) r.role = event.role;
  // The issue asks for the justification "when one was required": going ahead in justify mode.
  if (event.outcome === 'proceeded' && event.mode === 'justify' && event.justification) {
    r.justification = event.justification;
  }
  return withContext(r, ctx);
}

/** A loss report: `count` events were dropped from a full queue before they could be sent. */
export function droppedRecord(count: number, at: number, eventId: string, ctx: RecordContext): ReportRecord {
  return withContext({ '@timestamp': new Date(at).toISOString(), eventId, outcome: 'dropped', droppedCount: count }, ctx);
}

/**
 * A site's detection stopped working (lib/hooks/types.ts SiteHealth, status `degraded`).
 * Carries the site, the hook id and the hooks version, and nothing else: no URL, no page text.
 */
export function degradedRecord(
  health: { site: SiteId; hook: string; hooksVersion: number; at: number },
  eventId: string,
  ctx: RecordContext,
): ReportRecord {
  return withContext(
    {
      '@timestamp': new Date(health.at).toISOString(),
      eventId,
      outcome: 'detection-degraded',
      site: health.site,
      hook: health.hook,
      hooksVersion: health.hooksVersion,
    },
    ctx,
  );
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  'elasticsearch-bulk': 'application/x-ndjson',
};

/**
 * The request body of one batch:
 *  - `json`: one JSON array. Fluent Bit's `http` input and Logstash's `http` input (json
 *    codec) both turn each element of a top-level array into its own event;
 *  - `ndjson`: one object per line, for inputs that read newline-delimited JSON (e.g.
 *    Logstash's `http` input with the `json_lines` codec for `application/x-ndjson`);
 *  - `elasticsearch-bulk`: `_bulk` pairs. `create` is the only action a data stream takes;
 *    the `_id` makes a resent record a 409 conflict instead of a duplicate document.
 */
export function encodeBatch(format: ReportFormat, records: readonly ReportRecord[]): string {
  switch (format) {
    case 'json':
      return JSON.stringify(records);
    case 'ndjson':
      return records.map((r) => `${JSON.stringify(r)}\n`).join('');
    case 'elasticsearch-bulk':
      return records.map((r) => `${JSON.stringify({ create: { _id: r.eventId } })}\n${JSON.stringify(r)}\n`).join('');
  }
}

/**
 * The Authorization header for a token: `Bearer <token>`, unless the token already starts
 * with its scheme (`ApiKey <base64>` for Elasticsearch, `Basic <base64>`, `Bearer <jwt>`).
 * A bare bearer token (RFC 6750 token68) never contains a space, so "word, space, rest" is
 * unambiguous.
 */
export function authorizationHeader(token: string): string {
  return /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]* +\S/.test(token) ? token : `Bearer ${token}`;
}

/** What became of one record of an Elasticsearch `_bulk` request. */
export type ItemVerdict = 'delivered' | 'retry' | 'rejected';

export interface BulkOutcome {
  verdicts: ItemVerdict[];
  /** The first item error (`type: reason`), for the pages. */
  reason?: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Reads a `_bulk` response (`{ errors, items: [{ create: { status, error } }] }`, items in
 * request order). 2xx and 409 (this `_id` is stored already: an earlier send got through)
 * count as delivered; 429 and 5xx are retried; any other status is the document's own
 * fault (a mapping conflict, say) and would fail forever, so it is not resent.
 * Undefined when the body is not a `_bulk` response at all.
 */
export function readBulkResponse(body: unknown, count: number): BulkOutcome | undefined {
  if (!isObject(body) || typeof body.errors !== 'boolean') return undefined;
  if (body.errors === false) return { verdicts: Array<ItemVerdict>(count).fill('delivered') };
  const items = body.items;
  // errors: true without one item per record: which ones failed is unknown; resend them all
  // (the `_id`s keep the ones that were stored from being stored twice).
  if (!Array.isArray(items) || items.length !== count) {
    return { verdicts: Array<ItemVerdict>(count).fill('retry'), reason: 'errors: true' };
  }
  let reason: string | undefined;
  const verdicts = items.map((item): ItemVerdict => {
    const result = isObject(item) ? Object.values(item)[0] : undefined;
    const status = isObject(result) && typeof result.status === 'number' ? result.status : 0;
    if ((status >= 200 && status < 300) || status === 409) return 'delivered';
    if (!reason && isObject(result)) {
      const err = result.error;
      reason = isObject(err)
        ? `${String(err.type ?? 'error')}: ${String(err.reason ?? '')}`.slice(0, 300)
        : `status ${status}`;
    }
    return status === 429 || status >= 500 || status === 0 ? 'retry' : 'rejected';
  });
  return { verdicts, reason };
}
