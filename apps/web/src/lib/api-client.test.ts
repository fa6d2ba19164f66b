import { describe, expect, expectTypeOf, it } from 'vitest';
import { errorBodySchema, ROUTES, type AppealDraft, type IncidentDetail, type Summary } from '@scam/shared';
import { getJson, isErrorBody, routeUrl, sendJson, toQueryString } from './api-client';

describe('toQueryString', () => {
  it('keeps commas readable, encodes everything else and skips empty values', () => {
    expect(toQueryString({ method: 'courier,hmrc', district: 'St Albans', q: '', minLoss: undefined })).toBe(
      '?method=courier,hmrc&district=St%20Albans',
    );
    expect(toQueryString({})).toBe('');
  });
  it('builds API URLs and fills route placeholders', () => {
    expect(routeUrl(ROUTES.summary, { query: { from: '2023-04-01' } })).toBe('/api/summary?from=2023-04-01');
    expect(routeUrl(ROUTES.incident, { params: { id: 'HC/23/1' } })).toBe('/api/incidents/HC%2F23%2F1');
  });
});

describe('isErrorBody', () => {
  it('agrees with the shared error schema', () => {
    const samples: unknown[] = [
      { error: { code: 'invalid_filter', message: 'bad', issues: [{ message: 'x' }] } },
      { error: { code: 'not_found', message: 'gone' } },
      { error: { code: 1, message: 'x' } },
      { error: 'nope' },
      { message: 'x' },
      null,
      'text',
    ];
    for (const s of samples) expect(isErrorBody(s)).toBe(errorBodySchema.safeParse(s).success);
  });
});

describe('the client answers with the contract type of the route', () => {
  it('infers each route’s response type, so a caller cannot choose one the server does not send', () => {
    // Checked by the type checker (npm run typecheck), never run: the calls would go to the network.
    const typesOnly = () => {
      expectTypeOf(getJson(ROUTES.summary)).resolves.toEqualTypeOf<Summary>();
      expectTypeOf(getJson(ROUTES.incident, { params: { id: 'HC/1' } })).resolves.toEqualTypeOf<IncidentDetail>();
      expectTypeOf(sendJson('POST', ROUTES.appealDraft, { body: { seriesId: 'S1' } })).resolves.toEqualTypeOf<AppealDraft>();
      expectTypeOf(sendJson('DELETE', ROUTES.savedSeries, { params: { id: 1 } })).resolves.toEqualTypeOf<void>();
      // @ts-expect-error the summary route answers GET only
      void sendJson('POST', ROUTES.summary);
    };
    expect(typeof typesOnly).toBe('function');
  });
});
