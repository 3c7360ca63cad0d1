/**
 * Downloads one list: conditional (ETag / Last-Modified), with a time limit and a size
 * limit. Nothing about the user is sent: no cookies (credentials: 'omit'), no referrer.
 */
import { ListError } from './errors';

export const LIST_TIMEOUT_MS = 60_000;
/** 1,000,000 entries make a ~40 MB list; the limit leaves room for growth. */
export const LIST_MAX_BYTES = 128 * 1024 * 1024;

export type FetchResult =
  | { status: 'not-modified' }
  | { status: 'ok'; text: string; etag?: string; lastModified?: string };

export interface FetchOptions {
  etag?: string;
  lastModified?: string;
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}

export async function fetchList(url: string, opts: FetchOptions = {}): Promise<FetchResult> {
  const fetchImpl = opts.fetchImpl ?? fetch;
  const timeoutMs = opts.timeoutMs ?? LIST_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? LIST_MAX_BYTES;
  const conditional: Record<string, string> = {};
  if (opts.etag) conditional['If-None-Match'] = opts.etag;
  if (opts.lastModified) conditional['If-Modified-Since'] = opts.lastModified;

  const attempt = (headers: Record<string, string>, cache: RequestCache) =>
    fetchImpl(url, {
      headers,
      cache,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });

  let res: Response;
  try {
    res = await attempt(conditional, 'no-store');
  } catch (e) {
    if (isTimeout(e)) throw new ListError('timeout', `${Math.round(timeoutMs / 1000)} s`);
    if (Object.keys(conditional).length === 0) throw new ListError('network', errText(e));
    // A static server that allows cross-origin GET but not the preflight that
    // If-None-Match needs: ask again as a simple request and let the HTTP cache revalidate.
    try {
      res = await attempt({}, 'no-cache');
    } catch (e2) {
      throw new ListError(isTimeout(e2) ? 'timeout' : 'network', errText(e2));
    }
  }
  if (res.status === 304) return { status: 'not-modified' };
  if (!res.ok) throw new ListError('http', `HTTP ${res.status}`);
  const etag = res.headers.get('ETag') ?? undefined;
  const lastModified = res.headers.get('Last-Modified') ?? undefined;
  // Revalidated through the HTTP cache: the same ETag means the same list.
  if (etag && opts.etag && etag === opts.etag) {
    await res.body?.cancel().catch(() => {});
    return { status: 'not-modified' };
  }
  const text = await readLimited(res, maxBytes);
  return { status: 'ok', text, etag, lastModified };
}

async function readLimited(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new ListError('too-large', `${declared} > ${maxBytes} bytes`);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let r: ReadableStreamReadResult<Uint8Array>;
    try {
      r = await reader.read();
    } catch (e) {
      throw new ListError(isTimeout(e) ? 'timeout' : 'network', errText(e));
    }
    if (r.done) break;
    total += r.value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new ListError('too-large', `> ${maxBytes} bytes`);
    }
    chunks.push(r.value);
  }
  const all = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    all.set(c, off);
    off += c.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch {
    throw new ListError('not-json', 'not UTF-8');
  }
}

function isTimeout(e: unknown): boolean {
  return e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError');
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
