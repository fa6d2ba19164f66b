import { describe, expect, it } from 'vitest';
import { explainMembers, groupBySharedIdentifier, growSeries, LINK_THRESHOLD, normaliseCallerNumber, similarity } from './linking.js';
import type { DetectionIncident } from './types.js';

const base: DetectionIncident = {
  reference: 'R1',
  offenceDate: '2019-04-10',
  method: 'courier',
  impersonated: 'police',
  channel: 'cash',
  place: 'Watford',
  district: 'Watford',
  lat: 51.65512,
  lon: -0.39576,
  ageBand: '80-89',
  outcome: 'lost',
  lossPence: 500_000,
  callerNumber: null,
};
const inc = (o: Partial<DetectionIncident>): DetectionIncident => ({ ...base, ...o });
// Royston is ~45 km from Watford.
const far = { place: 'Royston', district: 'North Hertfordshire', lat: 52.04825, lon: -0.01999 };

describe('similarity', () => {
  it('a shared caller number links otherwise unrelated reports; nothing else that far apart does', () => {
    const a = inc({ callerNumber: '07700 900123' });
    const b = inc({ reference: 'R2', ...far, channel: 'bank_card', ageBand: '60-69', callerNumber: '07700900123' });
    expect(normaliseCallerNumber('07700 900123')).toBe(normaliseCallerNumber('07700900123'));
    const linked = similarity(a, b, 60);
    expect(linked.ties.callerNumber).toBe(true);
    expect(linked.ties.distance).toBe(false);
    expect(linked.score).toBeGreaterThanOrEqual(LINK_THRESHOLD);
    expect(similarity(a, { ...b, callerNumber: null }, 60).score).toBeLessThan(LINK_THRESHOLD);
  });

  it('same story in the same week and neighbourhood reaches the threshold; a different story does not', () => {
    const near = inc({ reference: 'R2', lat: 51.66, lon: -0.4 });
    expect(similarity(base, near, 3).score).toBeGreaterThanOrEqual(LINK_THRESHOLD);
    expect(similarity(base, { ...near, channel: 'bank_transfer', impersonated: 'bank' }, 3).score).toBeLessThan(LINK_THRESHOLD);
    expect(similarity(base, near, 40).score).toBeLessThan(LINK_THRESHOLD);
  });
});

describe('growing a series', () => {
  it('adds a look-alike just outside the window but not an unrelated report', () => {
    const incidents = [
      inc({ reference: 'C1' }),
      inc({ reference: 'C2' }),
      inc({ reference: 'C3' }),
      inc({ reference: 'LOOKALIKE', offenceDate: '2019-04-20' }),
      inc({ reference: 'OTHER', offenceDate: '2019-04-20', impersonated: 'bank', channel: 'bank_transfer', ageBand: '40-49' }),
      inc({ reference: 'PHONE', ...far, offenceDate: '2019-04-22', callerNumber: '01234 567890' }),
      inc({ reference: 'TOOLATE', offenceDate: '2019-06-20' }),
    ];
    incidents[0] = { ...incidents[0]!, callerNumber: '01234 567890' };
    const day = (i: number): number => Date.parse(incidents[i]!.offenceDate) / 86_400_000;
    const core = [0, 1, 2].map((i) => ({ index: i, day: day(i) }));
    const cands = [3, 4, 5, 6].map((i) => ({ index: i, day: day(i) }));
    const grown = growSeries(incidents, core, cands, { lat: base.lat, lon: base.lon }, 2).map((g) => incidents[g.index]!.reference);
    // PHONE shares a number but is 45 km away, beyond the growth margin: the scan series stays local;
    // the caller-number link reports it separately.
    expect(grown).toEqual(['LOOKALIKE']);
  });
});

describe('member evidence', () => {
  it('names the caller number, the distance and days, and the shared story in plain English', () => {
    const members = [
      { incident: inc({ reference: 'A', callerNumber: '07700 900123' }), day: 100 },
      { incident: inc({ reference: 'B', callerNumber: '07700 900123' }), day: 104 },
      { incident: inc({ reference: 'C', callerNumber: '07700 900123', channel: 'goods' }), day: 106 },
      { incident: inc({ reference: 'D', callerNumber: '07700 900123', ...far }), day: 160 },
    ];
    const ev = explainMembers(members, {
      method: 'courier',
      impersonated: 'police',
      channel: 'cash',
      ageBand: '80-89',
      centre: { lat: base.lat, lon: base.lon },
      radiusKm: 3,
      startDay: 98,
      endDay: 110,
      centreDay: 104,
    });
    expect(ev[0]!.reasons).toContain('same caller number 07700 900123 as 3 other reports');
    expect(ev[0]!.reasons).toContain('within under 1 km and 4 days of the series centre');
    expect(ev[0]!.ties).toMatchObject({ method: true, impersonated: true, channel: true, time: true, distance: true, callerNumber: true });
    expect(ev[2]!.ties.channel).toBe(false);
    expect(ev[3]!.ties.distance).toBe(false);
    expect(ev[3]!.ties.time).toBe(false);
    expect(ev[3]!.score).toBeLessThan(ev[0]!.score);
  });
});

describe('links on shared identifiers', () => {
  it('groups reports by caller number and by payee account, each tie on its own', () => {
    const incs = [
      inc({ reference: 'A', callerNumber: '07700 900123' }),
      inc({ reference: 'B', callerNumber: '+44 7700 900123', payeeAccount: '20-00-00 12345678' }),
      inc({ reference: 'C', callerNumber: '07700900123', payeeAccount: '20-00-00 12345678' }),
      inc({ reference: 'D', payeeAccount: '20-00-00 12345678' }),
      inc({ reference: 'E', payeeAccount: 'bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh' }),
    ];
    const groups = groupBySharedIdentifier(incs, [0, 1, 2, 3, 4], 3);
    expect(groups.map((g) => [g.kind, g.indices.map((i) => incs[i]!.reference)])).toEqual([
      ['account', ['B', 'C', 'D']],
      ['number', ['A', 'B', 'C']],
    ]);
    expect(groupBySharedIdentifier(incs, [0, 1, 2, 3, 4], 4)).toEqual([]);
  });
});
