import { describe, expect, it } from 'vitest';
import type { Breakdowns } from '@scam/shared';
import { ageBars, districtBars, methodBars } from './shape-breakdowns';

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
