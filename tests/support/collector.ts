/**
 * A real HTTP log collector on 127.0.0.1 (ephemeral port) for the audit-reporting tests,
 * behaving like the ones README documents:
 *  - `POST /<tag>` with `application/json` (an object or an array of objects: Fluent Bit's
 *    and Logstash's `http` inputs) or `application/x-ndjson` (one object per line);
 *  - `POST /<index>/_bulk`: the Elasticsearch `_bulk` API for `create` actions, with a
 *    per-item answer (`{ took, errors, items }`), 409 for an `_id` it already holds, and
 *    per-item failures a test can inject;
 *  - CORS as a browser needs it: the `OPTIONS` preflight answered with the allowed origin,
 *    method and headers, `Access-Control-Allow-Origin` on every answer (node's fetch does
 *    not enforce CORS; a real browser in the e2e tests does);
 *  - a bearer token (or any exact Authorization value) checked like a reverse proxy would:
 *    401 otherwise;
 *  - switches for outages: `down()` closes the port (connection refused) and `up()` opens
 *    the same port again, `fail(status)` answers every POST with that status, `hang()`
 *    never answers.
 * Every request is logged with its method, path, headers and raw body.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CollectedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface CollectorOptions {
  /** The exact Authorization header required (e.g. `Bearer t0ken`); none = no check. */
  authorization?: string;
  /** What `Access-Control-Allow-Origin` allows: `*` (default) or one origin. */
  allowOrigin?: string;
}

export interface Collector {
  /** `http://127.0.0.1:<port><path>` */
  url(path: string): string;
  readonly port: number;
  requests: CollectedRequest[];
  /** The POSTs that were accepted (2xx). */
  accepted(): CollectedRequest[];
  /** Every event object accepted, in order of arrival (for `_bulk`, the documents stored). */
  events: Record<string, unknown>[];
  /** Answer every POST with this status until `fail(null)` (optionally with Retry-After). */
  fail(status: number | null, retryAfterSeconds?: number): void;
  /** `_bulk`: the status of each item (by its document); undefined = store it (201). */
  bulkItemStatus(fn: ((doc: Record<string, unknown>, index: number) => number | undefined) | null): void;
  /** Accept connections but never answer, until `hang(false)`. */
  hang(on?: boolean): void;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function startCollector(opts: CollectorOptions = {}): Promise<Collector> {
  const allowOrigin = opts.allowOrigin ?? '*';
  const requests: CollectedRequest[] = [];
  const events: Record<string, unknown>[] = [];
  const stored = new Set<string>();
  let failing: { status: number; retryAfter?: number } | null = null;
  let itemStatus: ((doc: Record<string, unknown>, index: number) => number | undefined) | null = null;
  let hanging = false;
  const hung: ServerResponse[] = [];

  const cors = (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (allowOrigin === '*') res.setHeader('Access-Control-Allow-Origin', '*');
    else if (origin === allowOrigin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const body = await readBody(req);
    const log = (status: number) => requests.push({ method: req.method ?? '', path, headers: req.headers, body, status });
    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      cors(req, res);
      const text = payload === undefined ? '' : typeof payload === 'string' ? payload : JSON.stringify(payload);
      res.writeHead(status, { ...(typeof payload === 'object' ? { 'Content-Type': 'application/json' } : {}), ...headers });
      res.end(text);
      log(status);
    };

    if (req.method === 'OPTIONS') {
      // The preflight a browser sends before a POST with Authorization / a JSON content type.
      cors(req, res);
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      res.setHeader('Access-Control-Max-Age', '600');
      res.writeHead(204).end();
      return log(204);
    }
    if (hanging) {
      hung.push(res);
      return log(0);
    }
    if (req.method !== 'POST') return reply(405, 'POST only');
    if (opts.authorization !== undefined && req.headers.authorization !== opts.authorization) {
      return reply(401, { error: 'unauthorized' }, { 'WWW-Authenticate': 'Bearer' });
    }
    if (failing) {
      return reply(failing.status, 'failing on purpose', failing.retryAfter ? { 'Retry-After': String(failing.retryAfter) } : {});
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();

    if (path.endsWith('/_bulk')) {
      if (type !== 'application/x-ndjson' && type !== 'application/json') return reply(406, { error: 'Content-Type' });
      const lines = body.split('\n');
      if (lines.at(-1) !== '') return reply(400, { error: 'The bulk request must be terminated by a newline' });
      const items: Record<string, unknown>[] = [];
      let errors = false;
      try {
        for (let i = 0; i + 1 < lines.length; i += 2) {
          const action = JSON.parse(lines[i]) as Record<string, unknown>;
          const doc = JSON.parse(lines[i + 1]) as Record<string, unknown>;
          const meta = action.create;
          if (!isObject(meta) || Object.keys(action).length !== 1) return reply(400, { error: 'only create actions' });
          const id = typeof meta._id === 'string' ? meta._id : `auto-${stored.size}`;
          const forced = itemStatus?.(doc, i / 2);
          const status = forced ?? (stored.has(id) ? 409 : 201);
          const item: Record<string, unknown> = { _index: path.split('/')[1], _id: id, status };
          if (status === 201) {
            stored.add(id);
            events.push(doc);
          } else if (status === 409) {
            item.error = { type: 'version_conflict_engine_exception', reason: `[${id}]: version conflict, document already exists` };
          } else {
            item.error = { type: status === 429 ? 'es_rejected_execution_exception' : 'document_parsing_exception', reason: `status ${status}` };
          }
          if (status >= 300) errors = true;
          items.push({ create: item });
        }
      } catch {
        return reply(400, { error: 'x_content_parse_exception' });
      }
      return reply(200, { took: 1, errors, items });
    }

    let parsed: unknown[];
    try {
      if (type === 'application/json') {
        const v: unknown = JSON.parse(body);
        parsed = Array.isArray(v) ? v : [v];
      } else if (type === 'application/x-ndjson') {
        parsed = body.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown);
      } else return reply(400, "error: invalid 'Content-Type'");
    } catch {
      return reply(400, 'error: invalid payload');
    }
    if (!parsed.every(isObject)) return reply(400, 'error: records must be objects');
    events.push(...(parsed as Record<string, unknown>[]));
    return reply(201);
  };

  let server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const res of hung.splice(0)) res.destroy();
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    port,
    requests,
    accepted: () => requests.filter((r) => r.method === 'POST' && r.status >= 200 && r.status < 300),
    events,
    fail(status, retryAfterSeconds) {
      failing = status === null ? null : { status, retryAfter: retryAfterSeconds };
    },
    bulkItemStatus(fn) {
      itemStatus = fn;
    },
    hang(on = true) {
      hanging = on;
      if (!on) for (const res of hung.splice(0)) res.destroy();
    },
    down: stop,
    async up() {
      server = createServer((req, res) => void handle(req, res));
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    },
    close: () => (server.listening ? stop() : Promise.resolve()),
  };
}
