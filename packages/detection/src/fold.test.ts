import { describe, expect, it } from 'vitest';
import type { Series } from '@scam/shared';
import { foldNested } from './detect.js';

function series(id: string, method: Series['method'], refs: string[], pValue: number | null): Series {
  return {
    id, kind: 'baseline', method, first: '2025-12-01', last: '2025-12-31', count: refs.length, expected: 1, relativeRisk: 1, pValue,
    recurrenceDays: null, lossPence: 0, victimsLost: 0, attempts: 0, districts: [], places: [], centre: { lat: 51.8, lon: -0.3 },
    radiusKm: 0, incidents: refs, evidence: [], explanation: '', trend: 'new',
  };
}
const refs = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('foldNested', () => {
  it('keeps one card per event: a district series inside a more significant force-wide one is folded away', () => {
    const county = series('county', 'courier', refs('C', 40), 0.0001);
    const district = series('district', 'courier', refs('C', 12), 0.001);
    const linked = series('linked', 'courier', [...refs('C', 3), 'X1'], null);
    expect(foldNested([district, linked, county]).map((s) => s.id)).toEqual(['county']);
  });
  it('keeps series that are mostly their own, or of another method', () => {
    const county = series('county', 'courier', refs('C', 40), 0.001);
    const partly = series('partly', 'courier', [...refs('C', 5), ...refs('Y', 5)], 0.01);
    const hmrc = series('hmrc', 'hmrc', refs('C', 6), null);
    expect(foldNested([county, partly, hmrc]).map((s) => s.id).sort()).toEqual(['county', 'hmrc', 'partly']);
  });
  it('keeps a nested series that is sharper than the larger one', () => {
    const county = series('county', 'courier', refs('C', 40), 0.02);
    const stAlbans = series('st-albans', 'courier', refs('C', 5), 0.001);
    expect(foldNested([county, stAlbans]).map((s) => s.id).sort()).toEqual(['county', 'st-albans']);
  });
});
