import { describe, expect, it } from 'vitest';
import { filterQuerySchema } from '@scam/shared';
import {
  EMPTY_FILTERS,
  activePreset,
  describeFilters,
  describeRange,
  parseFilters,
  presetRange,
  toFilterQuery,
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

describe('presets', () => {
  const last = '2023-10-08';
  it('are relative to the last date in the data, not today', () => {
    expect(presetRange('last4w', last)).toEqual({ from: '2023-09-11', to: '2023-10-08' });
    expect(presetRange('last3m', last)).toEqual({ from: '2023-07-09', to: '2023-10-08' });
    expect(presetRange('thisYear', last)).toEqual({ from: '2023-01-01', to: '2023-10-08' });
    expect(presetRange('all', last)).toEqual({ from: null, to: null });
  });
  it('recognises the active preset from the URL', () => {
    expect(activePreset({ from: '2023-09-11', to: '2023-10-08' }, last)).toBe('last4w');
    expect(activePreset({ from: '2023-04-01', to: null }, last)).toBe('since');
    expect(activePreset({ from: '2023-04-01', to: '2023-04-30' }, last)).toBe('custom');
    expect(activePreset({ from: null, to: null }, last)).toBe('all');
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
  it('writes amounts with separators', () => {
    expect(describeFilters(parseFilters('?minLoss=1500&maxLoss=99999.5'))).toEqual(['Loss: £1,500 to £99,999.50']);
  });
});
