/**
 * One POST of a batch of audit reports, and what its answer means for the queue. No cookies,
 * no referrer, no redirects (a redirect would be a misconfiguration, and following one
 * could hand the reports to another host).
 */
import type { ReportErrorCode } from '../storage/items';
import type { ReportFormat } from '../model';
import { CONTENT_TYPES, authorizationHeader, encodeBatch, readBulkResponse, type ItemVerdict, type ReportRecord } from './record';

export const SEND_TIMEOUT_MS = 30_000;

export type SendResult =
  /** The collector took the batch; for `_bulk`, what became of each record. */
  | { kind: 'delivered'; verdicts?: ItemVerdict[]; reason?: string }
  /** Worth trying again later (network, timeout, 5xx, 408, 429). */
  | { kind: 'retry'; code: Extract<ReportErrorCode, 'network' | 'timeout' | 'http'>; detail: string; retryAfterMs?: number }
  /** The collector refused the batch itself (another 4xx) or answered in a way we cannot use. */
  | { kind: 'refused'; code: Extract<ReportErrorCode, 'refused' | 'bad-response'>; detail: string };

export interface SendTarget {
  url: string;
  format: ReportFormat;
  token?: string;
}

export interface SendOptions {
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
}

function message(e: unknown): string {
  const err = e as { message?: unknown; cause?: { message?: unknown; code?: unknown } } | null;
  // Node's fetch hides the reason in `cause` ("fetch failed" ← ECONNREFUSED).
  const cause = err?.cause?.code ?? err?.cause?.message;
  const text = typeof err?.message === 'string' ? err.message : String(e);
  return (cause ? `${text} (${String(cause)})` : text).slice(0, 300);
}

/** `Retry-After` in seconds (the HTTP-date form is rare from collectors and ignored). */
function retryAfterMs(res: Response): number | undefined {
  const v = res.headers.get('Retry-After');
  return v && /^\d+$/.test(v.trim()) ? Number(v.trim()) * 1000 : undefined;
}

export async function sendBatch(target: SendTarget, records: readonly ReportRecord[], opts: SendOptions = {}): Promise<SendResult> {
  const fetchImpl = opts.fetchImpl ?? fetch;
  const timeoutMs = opts.timeoutMs ?? SEND_TIMEOUT_MS;
  const headers: Record<string, string> = { 'Content-Type': CONTENT_TYPES[target.format] };
  if (target.token) headers.Authorization = authorizationHeader(target.token);
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  let text: string;
  try {
    res = await fetchImpl(target.url, {
      method: 'POST',
      headers,
      body: encodeBatch(target.format, records),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'error',
      cache: 'no-store',
      signal,
    });
    // Read the answer under the same time limit (a `_bulk` reply is needed; others are small).
    text = await res.text();
  } catch (e) {
    if (signal.aborted) return { kind: 'retry', code: 'timeout', detail: `${Math.round(timeoutMs / 1000)} s` };
    return { kind: 'retry', code: 'network', detail: message(e) };
  }
  if (res.status >= 200 && res.status < 300) {
    if (target.format !== 'elasticsearch-bulk') return { kind: 'delivered' };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const bulk = readBulkResponse(body, records.length);
    if (!bulk) return { kind: 'refused', code: 'bad-response', detail: `HTTP ${res.status}: not an Elasticsearch _bulk response` };
    return { kind: 'delivered', verdicts: bulk.verdicts, reason: bulk.reason };
  }
  const detail = `HTTP ${res.status}`;
  if (res.status >= 500 || res.status === 408 || res.status === 429) {
    return { kind: 'retry', code: 'http', detail, retryAfterMs: retryAfterMs(res) };
  }
  return { kind: 'refused', code: 'refused', detail };
}
