/**
 * The pure parts of audit reporting (lib/report/record.ts): the Authorization header a
 * token becomes, and how an Elasticsearch `_bulk` answer is read item by item.
 */
import { describe, expect, it } from 'vitest';
import { authorizationHeader, encodeBatch, readBulkResponse, toRecord, REPORT_FIELDS } from '../../lib/report/record';
import type { GuardEvent } from '../../lib/storage/items';

const ev: GuardEvent = {
  at: Date.parse('2029-03-10T09:00:00Z'),
  site: 'facebook',
  action: 'share',
  mode: 'justify',
  outcome: 'proceeded',
  entryId: 'facebook:capres.contoh',
  name: 'Capres Contoh',
  listVersion: 3,
  clauseIds: ['a'],
  justification: 'Alasan',
};

describe('authorizationHeader', () => {
  it('a bare token is a bearer token; a token with its own scheme is sent as given', () => {
    expect(authorizationHeader('abc.def-ghi_jkl~+/=')).toBe('Bearer abc.def-ghi_jkl~+/=');
    expect(authorizationHeader('ApiKey VnVhQ2ZHY0JD==')).toBe('ApiKey VnVhQ2ZHY0JD==');
    expect(authorizationHeader('Basic dXNlcjpwYXNz')).toBe('Basic dXNlcjpwYXNz');
    expect(authorizationHeader('Bearer eyJhbGciOi.x.y')).toBe('Bearer eyJhbGciOi.x.y');
  });
});

describe('toRecord', () => {
  it('copies the known fields only, the justification only for a required reason', () => {
    const r = toRecord({ ...ev, ...{ url: 'https://facebook.com/x', name: 'X' } } as GuardEvent, 'id-1', { installId: 'i' });
    expect(Object.keys(r).every((k) => (REPORT_FIELDS as readonly string[]).includes(k))).toBe(true);
    expect(r).toEqual({
      '@timestamp': '2029-03-10T09:00:00.000Z',
      eventId: 'id-1',
      outcome: 'proceeded',
      action: 'share',
      site: 'facebook',
      mode: 'justify',
      entryId: 'facebook:capres.contoh',
      listVersion: 3,
      clauseIds: ['a'],
      justification: 'Alasan',
      installId: 'i',
      schemaVersion: 1,
    });
    expect(toRecord({ ...ev, outcome: 'cancelled' }, 'id-2', { installId: 'i' }).justification).toBeUndefined();
  });

  it('encodes a batch per format', () => {
    const r = toRecord(ev, 'id-1', { installId: 'i' });
    expect(encodeBatch('json', [r])).toBe(JSON.stringify([r]));
    expect(encodeBatch('ndjson', [r])).toBe(`${JSON.stringify(r)}\n`);
    expect(encodeBatch('elasticsearch-bulk', [r])).toBe(`{"create":{"_id":"id-1"}}\n${JSON.stringify(r)}\n`);
  });
});

describe('readBulkResponse', () => {
  it('errors: false means every item was stored', () => {
    expect(readBulkResponse({ took: 3, errors: false, items: [] }, 2)).toEqual({ verdicts: ['delivered', 'delivered'] });
  });

  it('per item: 2xx and 409 delivered, 429/5xx retried, other 4xx rejected with the first reason', () => {
    const body = {
      errors: true,
      items: [
        { create: { status: 201 } },
        { create: { status: 409, error: { type: 'version_conflict_engine_exception', reason: 'exists' } } },
        { create: { status: 429, error: { type: 'es_rejected_execution_exception', reason: 'busy' } } },
        { create: { status: 503, error: { type: 'unavailable_shards_exception', reason: 'x' } } },
        { create: { status: 400, error: { type: 'document_parsing_exception', reason: 'bad field' } } },
      ],
    };
    expect(readBulkResponse(body, 5)).toEqual({
      verdicts: ['delivered', 'delivered', 'retry', 'retry', 'rejected'],
      reason: 'es_rejected_execution_exception: busy',
    });
  });

  it('errors: true without one item per record: all retried (the _ids prevent duplicates)', () => {
    expect(readBulkResponse({ errors: true, items: [{ create: { status: 201 } }] }, 2)?.verdicts).toEqual(['retry', 'retry']);
  });

  it('not a _bulk answer at all: undefined', () => {
    for (const body of [undefined, null, 'ok', [], { acknowledged: true }]) expect(readBulkResponse(body, 1)).toBeUndefined();
  });
});
