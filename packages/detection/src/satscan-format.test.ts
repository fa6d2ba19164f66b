import { dayNumber } from '@scam/shared';
import { describe, expect, it } from 'vitest';
import { defaultMaxDays, parseCaseFile, parseCoordinatesFile, SatscanFormatError, scanSatscanData } from './satscan-format.js';

const COORDS = 'A 51.75 -0.34\n\nB\t51.76\t-0.30\r\nC  51.80 -0.2\n';

function problem(run: () => unknown): SatscanFormatError {
  try {
    run();
  } catch (err) {
    if (err instanceof SatscanFormatError) return err;
    throw err;
  }
  throw new Error('no SatscanFormatError was thrown');
}

describe('coordinates file', () => {
  it('reads id, latitude, longitude separated by blanks, skipping blank lines', () => {
    expect(parseCoordinatesFile(COORDS, 'x.geo')).toEqual([
      { id: 'A', lat: 51.75, lon: -0.34 },
      { id: 'B', lat: 51.76, lon: -0.3 },
      { id: 'C', lat: 51.8, lon: -0.2 },
    ]);
  });

  it.each([
    ['A 51.75 west\n', 1, 'longitude "west" is not a number'],
    ['A 51.75 -0.3\nB north -0.3\n', 2, 'latitude "north" is not a number'],
    ['A 51.75 0x10\n', 1, 'longitude "0x10" is not a number'],
    ['A 95 0\n', 1, 'latitude 95 is outside -90..90'],
    ['A 51 -181\n', 1, 'longitude -181 is outside -180..180'],
    ['A 51 0\n\nA 52 0\n', 3, 'location id "A" is listed again (first on line 1)'],
    ['A 51\n', 1, 'expected 3 fields (location id, latitude, longitude), found 2'],
  ])('refuses %j on line %i', (text, line, message) => {
    const err = problem(() => parseCoordinatesFile(text, 'towns.geo'));
    expect(err.file).toBe('towns.geo');
    expect(err.line).toBe(line);
    expect(err.message).toBe(`towns.geo, line ${line}: ${message}`);
  });
});

describe('case file', () => {
  const locations = parseCoordinatesFile(COORDS, 'x.geo');

  it('reads location, count and date in either form; counts above 1 are several cases', () => {
    const text = 'A 1 2024/01/05\n\nB 3 2024-01-06\r\nC 0 2024/1/7\n';
    expect(parseCaseFile(text, 'x.cas', locations)).toEqual([
      { location: 0, count: 1, day: dayNumber('2024-01-05'), line: 1 },
      { location: 1, count: 3, day: dayNumber('2024-01-06'), line: 3 },
      { location: 2, count: 0, day: dayNumber('2024-01-07'), line: 4 },
    ]);
  });

  it.each([
    ['A 1 2024/01/05\nZ 1 2024/01/05\n', 2, 'unknown location id "Z" (not in the coordinates file)'],
    ['A -2 2024/01/05\n', 1, 'negative number of cases -2'],
    ['A 1.5 2024/01/05\n', 1, 'number of cases "1.5" is not a whole number'],
    ['A 1 2023/02/29\n', 1, 'date "2023/02/29" is not a real date written YYYY/MM/DD or YYYY-MM-DD'],
    ['A 1 05/01/2024\n', 1, 'date "05/01/2024" is not a real date written YYYY/MM/DD or YYYY-MM-DD'],
    ['A 1 2024/01-05\n', 1, 'date "2024/01-05" is not a real date written YYYY/MM/DD or YYYY-MM-DD'],
    ['A 1\n', 1, 'expected 3 fields (location id, number of cases, date), found 2'],
    ['A 1 2024/01/05 70\n', 1, 'expected 3 fields (location id, number of cases, date), found 4: covariates are not supported'],
    ['# id count date\n', 1, 'expected 3 fields (location id, number of cases, date), found 4: covariates are not supported'],
  ])('refuses %j on line %i', (text, line, message) => {
    const err = problem(() => parseCaseFile(text, 'calls.cas', locations));
    expect(err.line).toBe(line);
    expect(err.message).toBe(`calls.cas, line ${line}: ${message}`);
  });
});

describe('SaTScan-style analysis of the parsed data', () => {
  const locations = parseCoordinatesFile(COORDS, 'x.geo');

  it('expands counts, leaves out cases outside the period and defaults the longest window to half of it', () => {
    // A holds 5 of the 11 cases in the period: within SaTScan's default limit of half of them.
    const lines = ['A 5 2024/01/10', 'B 1 2024/01/02', 'B 1 2024/01/20', 'B 1 2024/01/27', 'C 1 2024/01/03', 'C 1 2024/01/25'];
    lines.push('C 1 2024/01/15', 'A 4 2023/12/31');
    const records = parseCaseFile(lines.join('\n'), 'x.cas', locations);
    const res = scanSatscanData(locations, records, { from: '2024-01-01', to: '2024-01-30', replicates: 99 });
    expect(res.cases).toBe(11);
    expect(res.casesOutside).toBe(4);
    const top = res.clusters[0]!;
    expect(top).toMatchObject({ locations: ['A'], start: '2024-01-10', end: '2024-01-10', observed: 5, centre: 'A', radiusKm: 0 });
    expect(top.expected).toBeCloseTo((5 * 5) / 11, 12);
    for (const c of res.clusters) expect(dayNumber(c.end) - dayNumber(c.start) + 1).toBeLessThanOrEqual(15);
  });

  it('defaults the longest cluster to half the study period in whole days, as SaTScan', () => {
    expect([defaultMaxDays(30), defaultMaxDays(31), defaultMaxDays(365), defaultMaxDays(1)]).toEqual([15, 15, 182, 1]);
  });

  it('refuses a longest window shorter than the shortest', () => {
    expect(() => scanSatscanData(locations, [], { from: '2024-01-01', to: '2024-01-30', minDays: 20 })).toThrow(RangeError);
    expect(() => scanSatscanData(locations, [], { from: '2024-02-01', to: '2024-01-30' })).toThrow(RangeError);
  });
});
