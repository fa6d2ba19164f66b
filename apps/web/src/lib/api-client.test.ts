import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '@scam/shared';
import { apiUrl, isErrorBody, routePath, toQueryString } from './api-client';

describe('toQueryString', () => {
  it('keeps commas readable, encodes everything else and skips empty values', () => {
    expect(toQueryString({ method: 'courier,hmrc', district: 'St Albans', q: '', minLoss: undefined })).toBe(
      '?method=courier,hmrc&district=St%20Albans',
    );
    expect(toQueryString({})).toBe('');
  });
  it('builds API URLs and fills route placeholders', () => {
    expect(apiUrl('/api/summary', { from: '2023-04-01' })).toBe('/api/summary?from=2023-04-01');
    expect(routePath('/api/imports/:id/rollback', { id: 7 })).toBe('/api/imports/7/rollback');
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
