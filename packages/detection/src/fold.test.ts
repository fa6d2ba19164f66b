import { describe, expect, it } from 'vitest';
import type { Series } from '@scam/shared';
import { foldNested } from './detect.js';

function series(id: string, method: Series['method'], refs: string[], pValue: number | null): Series {
  return {
    id,
    kind: 'baseline',
    method,
    first: '2025-12-01',
    last: '2025-12-31',
    count: refs.length,
    expected: 1,
    relativeRisk: 1,
    pValue,
    llr: null,
    significant: true,
    recurrenceDays: null,
    lossPence: 0,
    victimsLost: 0,
    attempts: 0,
    districts: [],
    places: [],
    centre: { lat: 51.8, lon: -0.3 },
    radiusKm: 0,
    incidents: refs,
    evidence: [],
    explanation: '',
    trend: 'new',
  };
}
const refs = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('foldNested', () => {
  it('folds caller-number links and like-for-like nested series into the larger one', () => {
    const county = series('county', 'courier', refs('C', 40), 0.0001);
    const linked = series('linked', 'courier', [...refs('C', 3), 'X1'], null);
    const scanBig = { ...series('scan-big', 'courier', refs('S', 20), 0.001), kind: 'space_time' as const };
    const scanSmall = { ...series('scan-small', 'courier', refs('S', 6), 0.001), kind: 'space_time' as const };
    expect(
      foldNested([linked, county, scanSmall, scanBig])
        .map((s) => s.id)
        .sort(),
    ).toEqual(['county', 'scan-big']);
  });
  it('never folds a local cluster or a district excess into the force-wide surge', () => {
    const county = {
      ...series('baseline-courier-force-area', 'courier', refs('C', 40), 1e-7),
      districts: [
        { name: 'St Albans', count: 20 },
        { name: 'Watford', count: 20 },
      ],
    };
    const district = {
      ...series('baseline-courier-st-albans', 'courier', refs('C', 12), 0.001),
      districts: [{ name: 'St Albans', count: 12 }],
    };
    const scan = { ...series('scan', 'courier', refs('C', 15), 0.001), kind: 'space_time' as const };
    expect(
      foldNested([county, district, scan])
        .map((s) => s.id)
        .sort(),
    ).toEqual(['baseline-courier-force-area', 'baseline-courier-st-albans', 'scan']);
  });
  it('keeps series that are mostly their own, or of another method', () => {
    const county = series('county', 'courier', refs('C', 40), 0.001);
    const partly = series('partly', 'courier', [...refs('C', 5), ...refs('Y', 5)], 0.01);
    const hmrc = series('hmrc', 'hmrc', refs('C', 6), null);
    expect(
      foldNested([county, partly, hmrc])
        .map((s) => s.id)
        .sort(),
    ).toEqual(['county', 'hmrc', 'partly']);
  });
  it('keeps a nested series that is sharper than the larger one', () => {
    const county = series('county', 'courier', refs('C', 40), 0.02);
    const stAlbans = series('st-albans', 'courier', refs('C', 5), 0.001);
    expect(
      foldNested([county, stAlbans])
        .map((s) => s.id)
        .sort(),
    ).toEqual(['county', 'st-albans']);
  });
  it('folds a district card into a larger district card that grew over its boundary: only the force-wide card shelters', () => {
    // Eleven calls where the caller posed as police in Watford, two of them just over the boundary, and
    // the nine of them the all-kinds scan of Watford found: one event, one card.
    const grown = {
      ...series('baseline-courier-watford', 'courier', refs('W', 11), 0.004),
      districts: [
        { name: 'Watford', count: 9 },
        { name: 'Three Rivers', count: 2 },
      ],
    };
    const nine = { ...series('baseline-courier-watford-2', 'courier', refs('W', 9), 0.028), districts: [{ name: 'Watford', count: 9 }] };
    const forceWide = (): boolean => false;
    expect(foldNested([grown, nine], forceWide).map((s) => s.id)).toEqual(['baseline-courier-watford']);
  });
});
