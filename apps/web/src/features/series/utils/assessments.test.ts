import { describe, expect, it } from 'vitest';
import type { SeriesAssessment } from '@scam/shared';
import { assessedDistricts, assessmentSource, diffAssessments, observedText } from './assessments';

const base: SeriesAssessment = {
  seq: 1,
  kind: 'confirmed',
  at: '2026-11-02T10:15:00.000Z',
  by: 'ana.lyst',
  dataVersion: 41230,
  detectedId: 'courier-2026-10-05-hitchin',
  question: null,
  first: '2026-10-05',
  last: '2026-10-30',
  observed: 13,
  expected: 2.9,
  pValue: 0.014,
  llr: 9.1,
  relativeRisk: 4.5,
  reports: 13,
  lossPence: 7_000_000,
  victimsLost: 4,
  members: ['A', 'B', 'C'],
  evidence: [],
  explanation: '',
  detectedMembers: ['A', 'B', 'C'],
  centre: null,
  radiusKm: null,
  note: '',
  redactedAt: null,
  erased: 0,
};

describe('assessment figures', () => {
  it('says which assessment the figures come from, by whom, when and on which data', () => {
    expect(assessmentSource({ ...base, seq: 2, kind: 'reassessed' }, 3)).toMatch(
      /^Assessment 2 of 3 · re-assessed by ana\.lyst on .*2 Nov 2026.* · data version 41,230$/,
    );
    expect(assessmentSource({ ...base, kind: 'recorded', dataVersion: null }, 1)).toMatch(
      /recorded when assessments began .* data version not recorded$/,
    );
  });

  it('reads observed against expected, or why there is none', () => {
    expect(observedText(base)).toBe('13 observed vs 2.9 expected');
    expect(observedText({ ...base, observed: null, expected: null, detectedId: null })).toBe('put together by hand: no scan figures');
  });

  it('counts districts from the frozen evidence, most first', () => {
    const e = (district: string) => ({
      reference: district,
      offenceDate: '2026-10-05',
      place: district,
      district,
      score: 1,
      ties: {},
      reasons: [],
    });
    expect(assessedDistricts([e('Stevenage'), e('North Hertfordshire'), e('Stevenage')])).toEqual([
      { name: 'Stevenage', count: 2 },
      { name: 'North Hertfordshire', count: 1 },
    ]);
  });

  it('lists members in and out and only the figures that moved', () => {
    const later: SeriesAssessment = {
      ...base,
      seq: 2,
      members: ['B', 'C', 'D', 'E'],
      reports: 4,
      observed: 13,
      expected: 4.2,
      pValue: 0.02,
      relativeRisk: 3.1,
    };
    const d = diffAssessments(base, later);
    expect(d.membersIn).toEqual(['D', 'E']);
    expect(d.membersOut).toEqual(['A']);
    expect(d.figures).toEqual([
      { label: 'Reports', before: '13', after: '4' },
      { label: 'Expected', before: '2.9', after: '4.2' },
      { label: 'p-value', before: '0.014', after: '0.020' },
      { label: 'Relative risk', before: '4.5×', after: '3.1×' },
    ]);
    expect(diffAssessments(base, { ...base, seq: 2 })).toEqual({ membersIn: [], membersOut: [], figures: [] });
  });
});
