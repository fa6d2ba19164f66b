import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { printHold, printSheetLines } from './appeal-print';
import { parseVersion, printSearch } from './appeal-export';
import { acknowledgedKeys } from './appeal-editor';

const figures = {
  method: 'courier' as const,
  reports: 27,
  since: '2025-12-01',
  until: '2025-12-31',
  areas: [
    { name: 'Watford', reports: 12 },
    { name: 'St Albans', reports: 9 },
  ],
  otherAreasReports: 6,
};

describe('print link', () => {
  it('carries the saved version and the purpose after the source', () => {
    const source = { kind: 'series' as const, seriesId: 'saved:4' };
    expect(printSearch(source, null)).toBe('?seriesId=saved%3A4');
    expect(printSearch(source, 'Press office', 17)).toBe('?seriesId=saved%3A4&version=17&purpose=Press%20office');
    expect(parseVersion('?seriesId=saved%3A4&version=17&purpose=Press%20office')).toBe(17);
  });
  it('reads no version from a missing or malformed parameter, so the generated draft prints', () => {
    for (const search of ['', '?version=', '?version=0', '?version=-3', '?version=1.5', '?version=abc', '?version=99999999999999999999']) {
      expect(parseVersion(search)).toBeNull();
    }
  });
});

describe('print sheet lines', () => {
  it('says the method, count and period, the areas, and which text is printed, in words', () => {
    expect(printSheetLines(figures, { version: 3, savedAt: '12 Dec 2025, 14:03' })).toEqual([
      'Courier fraud: 27 reports, 1 Dec 2025 – 31 Dec 2025',
      'Areas: Watford (12), St Albans (9), other areas (6)',
      'Edited release, version 3 saved 12 Dec 2025, 14:03',
    ]);
    expect(printSheetLines({ ...figures, reports: 1, areas: [], otherAreasReports: 0 }, null)).toEqual([
      'Courier fraud: 1 report, 1 Dec 2025 – 31 Dec 2025',
      'The release as drafted, not edited',
    ]);
  });
});

describe('print hold', () => {
  it('lists what the export check named when it refuses, without codes', () => {
    const refused = new ApiError(422, 'export_blocked', 'the appeal cannot be exported yet: one thing needs attention', [
      { path: '', message: 'Exact age: Paragraph 5: an exact age ("aged ••").' },
    ]);
    const hold = printHold(refused);
    expect(hold.title).toBe('This appeal cannot be printed yet.');
    expect(hold.reasons).toEqual(['Exact age: Paragraph 5: an exact age ("aged ••").']);
    expect(hold.advice).toMatch(/I have checked this/);
    expect(hold.retry).toBe(false);
  });
  it('holds the print, with a retry, when it could not be recorded', () => {
    const hold = printHold(new ApiError(503, 'unavailable', 'The server is busy.'));
    expect(hold.reasons).toEqual(['The server is busy.']);
    expect(hold.retry).toBe(true);
    expect(printHold(new ApiError(404, 'not_found', 'no saved draft version 9 of yours')).retry).toBe(false);
  });
});

describe('acknowledged keys', () => {
  it('keeps only the ticks for warnings the text still raises', () => {
    const check = {
      warnings: [
        { key: 'a', code: 'exact_age', label: 'Exact age', message: '', at: null },
        { key: 'b', code: 'street', label: 'Street address', message: '', at: null },
      ],
      placeholders: [],
      periodEnd: '2025-12-31',
    };
    expect(acknowledgedKeys(check, new Set(['b', 'gone']))).toEqual(['b']);
    expect(acknowledgedKeys(undefined, new Set(['b']))).toEqual([]);
  });
});
