import { describe, expect, it } from 'vitest';
import { filterQuerySchema } from '@scam/shared';
import {
  EMPTY_FILTERS,
  activePreset,
  describeFilters,
  describeRange,
  filterSearch,
  parseFilters,
  patchFilterState,
  periodRange,
  toFilterQuery,
  toUrlQuery,
  toggleOnly,
  withFilters,
} from './filters';

describe('parseFilters / toFilterQuery', () => {
  it('reads the API parameter names and writes them back unchanged', () => {
    const search = '?from=2023-04-01&to=2023-04-30&method=courier,hmrc&district=Watford,St%20Albans&minLoss=500';
    const state = parseFilters(search);
    expect(state.method).toEqual(['courier', 'hmrc']);
    expect(state.district).toEqual(['Watford', 'St Albans']);
    expect(toFilterQuery(state)).toEqual({
      from: '2023-04-01',
      to: '2023-04-30',
      method: 'courier,hmrc',
      district: 'Watford,St Albans',
      minLoss: '500',
    });
  });

  it('keeps "outside the force area" in the link and the query, dropping words the API does not know', () => {
    const state = parseFilters('?placeMatch=national,abroad');
    expect(state.placeMatch).toEqual(['national']);
    expect(toFilterQuery(state)).toEqual({ placeMatch: 'national' });
    expect(filterSearch('?placeMatch=national&sort=place')).toBe('?placeMatch=national');
    expect(filterQuerySchema.safeParse(toFilterQuery(state)).success).toBe(true);
  });

  it('produces queries the shared filter schema accepts', () => {
    const state = parseFilters('?method=hmrc,courier&outcome=lost&ageBand=80-89,70-79&maxLoss=99.50');
    expect(filterQuerySchema.safeParse(toFilterQuery(state)).success).toBe(true);
  });

  it('orders codes by vocabulary so equal filters give equal query keys', () => {
    expect(parseFilters('?method=hmrc,courier').method).toEqual(['courier', 'hmrc']);
    expect(parseFilters('?ageBand=80-89,70-79,70-79').ageBand).toEqual(['70-79', '80-89']);
  });

  it('drops values the API would refuse instead of sending them', () => {
    const state = parseFilters('?method=courier,phishing&from=2023-02-30&minLoss=lots&outcome=');
    expect(state.method).toEqual(['courier']);
    expect(state.from).toBeNull();
    expect(state.minLoss).toBeNull();
    expect(toFilterQuery(state)).toEqual({ method: 'courier' });
  });

  it('puts reversed ranges the right way round', () => {
    const state = parseFilters('?from=2023-05-01&to=2023-04-01&minLoss=900&maxLoss=100');
    expect([state.from, state.to]).toEqual(['2023-04-01', '2023-05-01']);
    expect([state.minLoss, state.maxLoss]).toEqual(['100', '900']);
  });

  it('accepts pounds typed with a £ sign and separators', () => {
    expect(parseFilters('?minLoss=%C2%A31,500').minLoss).toBe('1500');
  });
});

describe('withFilters', () => {
  it('replaces the filters, keeps other view parameters and resets the page', () => {
    const next = withFilters('?method=courier&sort=lossPence&offset=50', {
      ...EMPTY_FILTERS,
      district: ['Watford'],
    });
    expect(next).toBe('?district=Watford&sort=lossPence');
  });
  it('gives an empty string when nothing is left', () => {
    expect(withFilters('?method=courier', EMPTY_FILTERS)).toBe('');
  });
});

describe('toggleOnly', () => {
  it('selects just the clicked value, and a second click clears it', () => {
    expect(toggleOnly(['courier', 'hmrc'], 'hmrc')).toEqual(['hmrc']);
    expect(toggleOnly(['hmrc'], 'hmrc')).toEqual([]);
  });
});

describe('rolling periods', () => {
  const today = '2026-11-30';
  const weekLater = '2026-12-07';

  it('end today and count whole weeks back, today included', () => {
    expect(periodRange('last-4-weeks', today)).toEqual({ from: '2026-11-03', to: today });
    expect(periodRange('last-12-weeks', today)).toEqual({ from: '2026-09-08', to: today });
    expect(periodRange('last-52-weeks', today)).toEqual({ from: '2025-12-02', to: today });
    expect(periodRange('this-year', today)).toEqual({ from: '2026-01-01', to: today });
    expect(periodRange('this-year', '2027-01-01')).toEqual({ from: '2027-01-01', to: '2027-01-01' });
  });

  it('resolve from the link against the day it is opened, so the same link a week later moves on by 7 days', () => {
    const link = '?period=last-12-weeks&method=courier';
    expect(toFilterQuery(parseFilters(link, today))).toEqual({ from: '2026-09-08', to: today, method: 'courier' });
    expect(toFilterQuery(parseFilters(link, weekLater))).toEqual({ from: '2026-09-15', to: weekLater, method: 'courier' });
    // The dates it meant are never written back into the link.
    expect(toUrlQuery(parseFilters(link, today))).toEqual({ period: 'last-12-weeks', method: 'courier' });
    expect(withFilters(link + '&chart=outcome', parseFilters(link, today))).toBe('?period=last-12-weeks&method=courier&chart=outcome');
  });

  it('"since a date" runs from the date to today and is written as since=', () => {
    const state = parseFilters('?since=2026-04-01', today);
    expect(state.period).toBe('since');
    expect(toFilterQuery(state)).toEqual({ from: '2026-04-01', to: today });
    expect(toFilterQuery(parseFilters('?since=2026-04-01', weekLater))).toEqual({ from: '2026-04-01', to: weekLater });
    expect(toUrlQuery(state)).toEqual({ since: '2026-04-01' });
    // A start after today is that day alone, never a reversed range.
    expect(toFilterQuery(parseFilters('?since=2027-01-05', today))).toEqual({ from: '2027-01-05', to: '2027-01-05' });
  });

  it('win over fixed dates in the same link, and unknown periods fall back to the dates', () => {
    expect(toFilterQuery(parseFilters('?period=last-4-weeks&from=2020-01-01&to=2020-02-01', today))).toEqual({
      from: '2026-11-03',
      to: today,
    });
    const unknown = parseFilters('?period=last-3-fortnights&from=2020-01-01&to=2020-02-01', today);
    expect(unknown.period).toBeNull();
    expect(toUrlQuery(unknown)).toEqual({ from: '2020-01-01', to: '2020-02-01' });
    expect(parseFilters('?since=2026-02-30', today).period).toBeNull();
  });

  it('keep old fixed-date links as they were', () => {
    const state = parseFilters('?from=2023-09-11&to=2023-10-08&district=Watford', today);
    expect(state.period).toBeNull();
    expect(toUrlQuery(state)).toEqual({ from: '2023-09-11', to: '2023-10-08', district: 'Watford' });
    expect(filterSearch('?from=2023-09-11&sort=lossPence&chart=outcome')).toBe('?from=2023-09-11');
    expect(filterSearch('?period=last-52-weeks&open=HC%2F1')).toBe('?period=last-52-weeks');
  });

  it('stop rolling when dates are set by hand or by clicking a chart bucket', () => {
    const rolling = parseFilters('?period=last-12-weeks', today);
    const clicked = patchFilterState(rolling, { from: '2026-10-05', to: '2026-10-11' });
    expect(clicked.period).toBeNull();
    expect(toUrlQuery(clicked)).toEqual({ from: '2026-10-05', to: '2026-10-11' });
    // Other filters leave the period rolling.
    expect(patchFilterState(rolling, { method: ['courier'] }).period).toBe('last-12-weeks');
  });

  it('are recognised by the period control', () => {
    expect(activePreset(parseFilters('?period=last-4-weeks', today))).toBe('last-4-weeks');
    expect(activePreset(parseFilters('?since=2026-04-01', today))).toBe('since');
    expect(activePreset(parseFilters('?from=2026-11-03&to=2026-11-30', today))).toBe('custom');
    expect(activePreset(parseFilters('', today))).toBe('all');
  });

  it('are said with their name, what they end on and the dates they mean today', () => {
    expect(describeRange(parseFilters('?period=last-12-weeks', today), null)).toBe('Last 12 weeks to today (8 Sep 2026 – 30 Nov 2026)');
    expect(describeRange(parseFilters('?since=2026-04-01', today), null)).toBe('Since 1 Apr 2026, to today (30 Nov 2026)');
  });
});

describe('rolling periods anchored to the latest data', () => {
  // The user's case: on 7 Dec 2026 the returns end on 15 Nov.
  const today = '2026-12-07';
  const latest = '2026-11-15';
  const data = { first: '2023-01-02', last: latest };

  it('end on the latest return with anchor=data, and on today without it (old links)', () => {
    const anchored = parseFilters('?period=last-12-weeks&anchor=data', today, latest);
    expect(anchored.anchor).toBe('data');
    expect(toFilterQuery(anchored)).toEqual({ from: '2026-08-24', to: latest });
    const old = parseFilters('?period=last-12-weeks', today, latest);
    expect(old.anchor).toBe('today');
    expect(toFilterQuery(old)).toEqual({ from: '2026-09-15', to: today });
    expect(toFilterQuery(parseFilters('?since=2026-04-01&anchor=data', today, latest))).toEqual({ from: '2026-04-01', to: latest });
  });

  it('keep the anchor in the link only when it is the data, so old links stay as they were', () => {
    expect(toUrlQuery(parseFilters('?period=last-12-weeks&anchor=data', today, latest))).toEqual({
      period: 'last-12-weeks',
      anchor: 'data',
    });
    expect(toUrlQuery(parseFilters('?period=last-12-weeks&anchor=today', today, latest))).toEqual({ period: 'last-12-weeks' });
    // Fixed dates have nothing to anchor: the parameter is dropped.
    const fixed = parseFilters('?from=2026-01-01&to=2026-02-01&anchor=data', today, latest);
    expect(fixed.anchor).toBe('today');
    expect(withFilters('?period=last-4-weeks&anchor=data&chart=outcome', fixed)).toBe('?from=2026-01-01&to=2026-02-01&chart=outcome');
  });

  it('say which end they are anchored to, and when they run past the latest return', () => {
    expect(describeRange(parseFilters('?period=last-12-weeks&anchor=data', today, latest), data)).toBe(
      'Last 12 weeks to the latest data (24 Aug 2026 – 15 Nov 2026)',
    );
    expect(describeRange(parseFilters('?period=last-12-weeks', today, latest), data)).toBe(
      'Last 12 weeks to today (15 Sep 2026 – 7 Dec 2026) — no return yet after 15 Nov 2026',
    );
    expect(describeRange(parseFilters('?since=2026-04-01&anchor=data', today, latest), data)).toBe(
      'Since 1 Apr 2026, to the latest data (15 Nov 2026)',
    );
    expect(describeRange({ from: '2026-11-01', to: '2026-11-30' }, data)).toBe(
      '1 Nov 2026 – 30 Nov 2026 (30 days) — no return yet after 15 Nov 2026',
    );
  });

  it('fall back to today while there is no data to anchor to', () => {
    expect(toFilterQuery(parseFilters('?period=last-4-weeks&anchor=data', today, null))).toEqual({ from: '2026-11-10', to: today });
  });
});

describe('describeRange', () => {
  it('says the range in words the way inspectors quote it', () => {
    expect(describeRange({ from: '2019-04-01', to: null }, null)).toBe('Since 1 Apr 2019');
    expect(describeRange({ from: '2023-09-11', to: '2023-10-08' }, null)).toBe('11 Sep 2023 – 8 Oct 2023 (4 weeks)');
    expect(describeRange({ from: '2023-04-01', to: '2023-04-30' }, null)).toBe('1 Apr 2023 – 30 Apr 2023 (30 days)');
    expect(describeRange({ from: null, to: null }, { first: '2023-01-02', last: '2023-10-08' })).toBe(
      'All dates (2 Jan 2023 – 8 Oct 2023)',
    );
  });
});

describe('describeFilters', () => {
  it('lists each active filter with its label', () => {
    const state = parseFilters('?method=courier&district=Watford&outcome=lost&minLoss=500');
    expect(describeFilters(state)).toEqual(['Method: Courier fraud', 'District: Watford', 'Outcome: Money lost', 'Loss: at least £500']);
  });
  it('names how reports were placed', () => {
    expect(describeFilters(parseFilters('?placeMatch=district,national'))).toEqual([
      'Placed: A district of the force area (placed at its centre), Outside the force area',
    ]);
  });
  it('writes amounts with separators', () => {
    expect(describeFilters(parseFilters('?minLoss=1500&maxLoss=99999.5'))).toEqual(['Loss: £1,500 to £99,999.50']);
  });
});
