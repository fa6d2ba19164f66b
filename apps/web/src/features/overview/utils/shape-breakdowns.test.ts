import { describe, expect, it } from 'vitest';
import type { Breakdowns } from '@scam/shared';
import { ageBars, districtBars, methodBars, withholdSmallDistrictLosses } from './shape-breakdowns';

const breakdowns: Breakdowns = {
  byMethod: [
    { method: 'hmrc', reports: 5, lossPence: 1_150_000 },
    { method: 'courier', reports: 20, lossPence: 500_000 },
  ],
  byOutcome: [],
  byAgeBand: [
    { ageBand: 'unknown', reports: 4, lossPence: 0 },
    { ageBand: '80-89', reports: 10, lossPence: 0 },
    { ageBand: '70-79', reports: 11, lossPence: 0 },
  ],
  byDistrict: [
    { code: 'E07000240', name: 'St Albans', reports: 12, lossPence: 0 },
    { code: 'E07000103', name: 'Watford', reports: 12, lossPence: 0 },
    { code: 'E07000098', name: 'Hertsmere', reports: 13, lossPence: 0 },
  ],
};

describe('breakdown bars', () => {
  it('sorts methods by the chosen measure and scales to the largest', () => {
    const byReports = methodBars(breakdowns, 'reports', []);
    expect(byReports.map((r) => r.key)).toEqual(['courier', 'hmrc']);
    expect(byReports[1]?.fraction).toBe(0.25);
    expect(methodBars(breakdowns, 'loss', []).map((r) => r.key)).toEqual(['hmrc', 'courier']);
  });
  it('keys districts by name (what the filter takes) and breaks ties alphabetically', () => {
    expect(districtBars(breakdowns, 'reports', ['Watford']).map((r) => [r.key, r.selected])).toEqual([
      ['Hertsmere', false],
      ['St Albans', false],
      ['Watford', true],
    ]);
  });
  it('keeps age bands in age order with unknown last', () => {
    expect(ageBars(breakdowns, 'reports', []).map((r) => r.label)).toEqual(['70-79', '80-89', 'Unknown']);
  });
  it('gives zero widths rather than NaN when everything is zero', () => {
    expect(ageBars(breakdowns, 'loss', []).every((r) => r.fraction === 0)).toBe(true);
  });
});

describe('district loss bars for print', () => {
  const losses: Breakdowns = {
    ...breakdowns,
    byDistrict: [
      { code: 'E07000240', name: 'St Albans', reports: 12, lossPence: 6_000_000 },
      { code: 'E07000103', name: 'Watford', reports: 10, lossPence: 2_100_000 },
      { code: 'E07000098', name: 'Hertsmere', reports: 13, lossPence: 500_000 },
      { code: 'E07000096', name: 'Dacorum', reports: 5, lossPence: 0 },
    ],
  };
  // Reports with money lost: one in Hertsmere (£5,000 of it), two in Watford, three in St Albans.
  const lossReports: Breakdowns = {
    ...breakdowns,
    byDistrict: [
      { code: 'E07000240', name: 'St Albans', reports: 3, lossPence: 6_000_000 },
      { code: 'E07000103', name: 'Watford', reports: 2, lossPence: 2_100_000 },
      { code: 'E07000098', name: 'Hertsmere', reports: 1, lossPence: 500_000 },
    ],
  };
  const rows = withholdSmallDistrictLosses(districtBars(losses, 'loss', []), lossReports);

  it('shows no total and no bar where fewer than three people lost money, and lists those last by name', () => {
    expect(rows.map((r) => [r.label, r.withheld ?? false, r.value])).toEqual([
      ['St Albans', false, 6_000_000],
      ['Dacorum', false, 0],
      ['Hertsmere', true, 0],
      ['Watford', true, 0],
    ]);
    expect(rows.filter((r) => r.withheld).every((r) => r.fraction === 0)).toBe(true);
  });

  it('scales the bars shown to the largest shown', () => {
    expect(rows[0]?.fraction).toBe(1);
  });

  it('withholds the smallest other loss too when only one district is withheld, so the total cannot give it away', () => {
    const oneFew: Breakdowns = {
      ...lossReports,
      byDistrict: lossReports.byDistrict.map((d) => (d.name === 'Watford' ? { ...d, reports: 3 } : d)),
    };
    const rows = withholdSmallDistrictLosses(districtBars(losses, 'loss', []), oneFew);
    expect(rows.filter((r) => r.withheld).map((r) => r.label)).toEqual(['Hertsmere', 'Watford']);
    expect(rows.find((r) => r.label === 'St Albans')?.withheld).toBeUndefined();
  });

  it('withholds nothing when no report can have lost money', () => {
    const none = withholdSmallDistrictLosses(districtBars(breakdowns, 'loss', []), null);
    expect(none.some((r) => r.withheld)).toBe(false);
  });
});
