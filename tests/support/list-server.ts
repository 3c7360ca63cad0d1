/**
 * A real HTTP server on 127.0.0.1 that serves signed lists the way a static file host does:
 * ETag / If-None-Match → 304, CORS for the extension, and switches to simulate an outage.
 * Every request is logged so tests can assert what the extension asked for.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  status: number;
}

export interface ListServer {
  url(path: string): string;
  /** Serve `body` at `path` (replacing what was there). */
  put(path: string, body: string | Buffer): void;
  /** Make `path` answer with this status (e.g. 500) until cleared with `fail(path, null)`. */
  fail(path: string, status: number | null): void;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

export async function startListServer(): Promise<ListServer> {
  const files = new Map<string, { body: Buffer; etag: string }>();
  const failing = new Map<string, number>();
  const requests: LoggedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const log = (status: number) => requests.push({ method: req.method ?? '', path, headers: req.headers, status });
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, If-Modified-Since');
    res.setHeader('Access-Control-Expose-Headers', 'ETag, Last-Modified');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return log(204);
    }
    const f = failing.get(path);
    if (f) {
      res.writeHead(f).end('failing on purpose');
      return log(f);
    }
    const file = files.get(path);
    if (!file) {
      res.writeHead(404).end('not found');
      return log(404);
    }
    if (req.headers['if-none-match'] === file.etag) {
      res.writeHead(304, { ETag: file.etag }).end();
      return log(304);
    }
    res.writeHead(200, { 'Content-Type': 'application/json', ETag: file.etag, 'Content-Length': file.body.length });
    res.end(file.body);
    log(200);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    put(path, body) {
      const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
      files.set(path, { body: buf, etag: `"${createHash('sha256').update(buf).digest('hex').slice(0, 16)}"` });
    },
    fail(path, status) {
      if (status === null) failing.delete(path);
      else failing.set(path, status);
    },
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
