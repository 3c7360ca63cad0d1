// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListError } from '../../lib/list/errors';
import { fetchList } from '../../lib/list/fetch';
import { startListServer, type ListServer } from '../support/list-server';

describe('fetchList against a real HTTP server', () => {
  let server: ListServer;
  beforeAll(async () => {
    server = await startListServer();
    server.put('/a.json', '{"hello":"dunia"}');
  });
  afterAll(() => server.close());

  it('downloads the list with its ETag, then asks conditionally and gets 304', async () => {
    const first = await fetchList(server.url('/a.json'));
    expect(first.status).toBe('ok');
    if (first.status !== 'ok') return;
    expect(first.text).toBe('{"hello":"dunia"}');
    expect(first.etag).toMatch(/^"/);
    const second = await fetchList(server.url('/a.json'), { etag: first.etag });
    expect(second.status).toBe('not-modified');
    const last = server.requests.filter((r) => r.method === 'GET').at(-1)!;
    expect(last.headers['if-none-match']).toBe(first.etag);
    expect(last.status).toBe(304);
  });

  it('gets the new list when the file changed', async () => {
    const first = await fetchList(server.url('/a.json'));
    server.put('/a.json', '{"hello":"lagi"}');
    const second = await fetchList(server.url('/a.json'), { etag: first.status === 'ok' ? first.etag : undefined });
    expect(second.status === 'ok' && second.text).toBe('{"hello":"lagi"}');
  });

  it('refuses a list larger than the limit, by header and by stream', async () => {
    server.put('/big.json', 'x'.repeat(5000));
    await expect(fetchList(server.url('/big.json'), { maxBytes: 1000 })).rejects.toMatchObject({ code: 'too-large' });
  });

  it('reports HTTP errors and unreachable servers as list errors', async () => {
    server.fail('/a.json', 503);
    const e = await fetchList(server.url('/a.json')).catch((x) => x);
    expect(e).toBeInstanceOf(ListError);
    expect(e.code).toBe('http');
    expect(e.detail).toContain('503');
    server.fail('/a.json', null);
    await expect(fetchList('http://127.0.0.1:1/none.json')).rejects.toMatchObject({ code: 'network' });
  });

  it('gives up after the time limit', async () => {
    const slow = await import('node:http').then(({ createServer }) => createServer(() => {}));
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const port = (slow.address() as { port: number }).port;
    await expect(fetchList(`http://127.0.0.1:${port}/slow.json`, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'timeout' });
    slow.closeAllConnections();
    slow.close();
  });
});
