import { describe, expect, it } from 'vitest';
import { placesFromIncidents, summariseMembers } from './members';

const inc = (offenceDate: string, district: string, outcome: 'lost' | 'attempted' | 'prevented', lossPence = 0) => ({
  offenceDate,
  district,
  method: 'courier' as const,
  outcome,
  lossPence,
  place: district === 'Stevenage' ? 'Stevenage' : 'Hitchin',
  lat: 51.9,
  lon: -0.2,
});

describe('summariseMembers', () => {
  it('gives the span, districts by count and losses of a saved series', () => {
    const s = summariseMembers([
      inc('2026-11-02', 'Stevenage', 'lost', 250_000),
      inc('2026-10-26', 'North Hertfordshire', 'attempted'),
      inc('2026-11-15', 'Stevenage', 'prevented'),
    ]);
    expect(s).toEqual({
      method: 'courier',
      first: '2026-10-26',
      last: '2026-11-15',
      count: 3,
      lossPence: 250_000,
      victimsLost: 1,
      attempts: 2,
      districts: [
        { name: 'Stevenage', count: 2 },
        { name: 'North Hertfordshire', count: 1 },
      ],
    });
  });
  it('has no span without incidents', () => {
    expect(summariseMembers([])).toMatchObject({ first: null, last: null, count: 0, method: null });
  });
});

describe('placesFromIncidents', () => {
  it('groups by place, largest last so it draws on top', () => {
    const places = placesFromIncidents([
      inc('2026-11-02', 'Stevenage', 'lost'),
      inc('2026-11-03', 'Stevenage', 'attempted'),
      inc('2026-11-03', 'North Hertfordshire', 'lost'),
    ]);
    expect(places.map((p) => [p.name, p.count, p.lost])).toEqual([
      ['Hitchin', 1, 1],
      ['Stevenage', 2, 1],
    ]);
  });
});
