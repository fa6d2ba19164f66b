import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, detailSearch, parseSeriesView, resolvePeriod, seriesViewSearch, yearsBetween } from './period';

describe('series view in the URL', () => {
  it('reads defaults from an empty query and writes them back as nothing', () => {
    expect(parseSeriesView('')).toEqual(DEFAULT_VIEW);
    expect(seriesViewSearch(DEFAULT_VIEW)).toBe('');
  });
  it('drops values the API would refuse and puts reversed dates right', () => {
    const v = parseSeriesView('?method=pigeon&replicates=5&from=2024-02-30&to=2024-01-01&mode=sideways&status=lost');
    expect(v.method).toBeNull();
    expect(v.replicates).toBe(999);
    expect(v.from).toBeNull();
    expect(v.mode).toBe('retrospective');
    expect(v.status).toBe('all');
    expect(parseSeriesView('?from=2024-03-01&to=2024-01-01')).toMatchObject({ from: '2024-01-01', to: '2024-03-01', period: 'custom' });
  });
  it('opens a saved series in preference to a detected one', () => {
    expect(parseSeriesView('?id=abc&saved=4')).toMatchObject({ id: null, saved: 4 });
  });
  it('round-trips a detail link with the period pinned', () => {
    const view = parseSeriesView('?period=12w&method=courier&replicates=199');
    const search = detailSearch(view, { from: '2026-08-24', to: '2026-11-15' }, { id: 'courier-2026-10-26-stevenage' });
    expect(search).toBe('?period=12w&from=2026-08-24&to=2026-11-15&method=courier&replicates=199&id=courier-2026-10-26-stevenage');
    expect(parseSeriesView(search)).toMatchObject({
      period: '12w',
      from: '2026-08-24',
      id: 'courier-2026-10-26-stevenage',
      replicates: 199,
    });
    // The default preset is written out once dates are pinned, or the link would reopen as "custom".
    expect(parseSeriesView(detailSearch(DEFAULT_VIEW, { from: '2025-11-16', to: '2026-11-15' }, { saved: 3 })).period).toBe('12m');
  });
});

describe('resolvePeriod', () => {
  const last = '2026-11-15';
  it('ends presets on the last day of data', () => {
    expect(resolvePeriod({ ...DEFAULT_VIEW, period: '12w' }, last)).toEqual({ from: '2026-08-24', to: last });
    expect(resolvePeriod(DEFAULT_VIEW, last)).toEqual({ from: '2025-11-16', to: last });
  });
  it('clips the current year to the data and takes whole past years', () => {
    expect(resolvePeriod({ ...DEFAULT_VIEW, period: 'year', year: 2026 }, last)).toEqual({ from: '2026-01-01', to: last });
    expect(resolvePeriod({ ...DEFAULT_VIEW, period: 'year', year: 2023 }, last)).toEqual({ from: '2023-01-01', to: '2023-12-31' });
  });
  it('lets explicit dates win and waits for the data range otherwise', () => {
    expect(resolvePeriod({ ...DEFAULT_VIEW, from: '2023-04-01', to: '2023-04-30' }, null)).toEqual({
      from: '2023-04-01',
      to: '2023-04-30',
    });
    expect(resolvePeriod(DEFAULT_VIEW, null)).toBeNull();
  });
  it('lists the years held, newest first', () => {
    expect(yearsBetween('2020-01-06', '2022-03-01')).toEqual([2022, 2021, 2020]);
  });
});
