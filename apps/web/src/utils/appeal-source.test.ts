import { describe, expect, it } from 'vitest';
import { appealSearch, parseAppealSource } from './appeal-source';

describe('appeal source in the URL', () => {
  it('reads a series id, including saved series', () => {
    expect(parseAppealSource('?seriesId=saved%3A4')).toEqual({ kind: 'series', seriesId: 'saved:4' });
    expect(appealSearch({ kind: 'series', seriesId: 'saved:4' })).toBe('?seriesId=saved%3A4');
  });
  it('reads the filters, dropping unknown parameters', () => {
    const source = parseAppealSource('?source=filters&method=hmrc&from=2025-03-01&district=St%20Albans&bogus=1');
    expect(source).toEqual({ kind: 'filters', filters: { method: 'hmrc', from: '2025-03-01', district: 'St Albans' } });
    expect(parseAppealSource(appealSearch(source!))).toEqual(source);
    expect(parseAppealSource('')).toBeNull();
  });
});
