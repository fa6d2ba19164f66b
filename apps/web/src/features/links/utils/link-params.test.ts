import { describe, expect, it } from 'vitest';
import { incidentHref, parseLinkView, tieListHref, withTie } from './link-params';

describe('the link view in the URL', () => {
  it('reads the references a series links with, without repeats, and the chosen tie', () => {
    expect(parseLinkView('?references=HC%2F25%2F1,HC/25/2,%20HC/25/1,&from=2025-01-01&tie=number%3A0770')).toEqual({
      references: ['HC/25/1', 'HC/25/2'],
      tooMany: false,
      tie: 'number:0770',
    });
    expect(parseLinkView(`?references=${Array.from({ length: 501 }, (_, i) => `R${i}`).join(',')}`).tooMany).toBe(true);
    expect(parseLinkView('?method=courier')).toEqual({ references: [], tooMany: false, tie: null });
  });

  it('keeps the filters and references when a tie is chosen or cleared', () => {
    expect(withTie('?references=A,B&tie=x', 'account:K1')).toBe('?references=A,B&tie=account%3AK1');
    expect(withTie('?method=hmrc&tie=x', null)).toBe('?method=hmrc');
  });

  it('opens a report among the others sharing its number, or on its own when the tie cannot be searched for', () => {
    expect(incidentHref('HC/25/1', { value: '020 7946 0230' })).toBe('/incidents?identifier=020%207946%200230&open=HC%2F25%2F1');
    expect(incidentHref('HC/25/1', { value: 'Revolut @someone' })).toBe('/incidents?open=HC%2F25%2F1');
    expect(tieListHref({ value: '68-16-22 73960511' })).toBe('/incidents?identifier=68-16-22%2073960511');
  });
});
