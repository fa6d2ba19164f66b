import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dayNumber,
  dayParts,
  daysBetween,
  isDay,
  isoOfDay,
  monthEnd,
  nextBucket,
  ukTimestamp,
  weekStart,
} from './calendar.js';

describe('calendar days', () => {
  it('numbers real days and refuses impossible ones instead of rolling them over', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(isoOfDay(dayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(dayNumber('2023-02-29')).toBeNaN();
    expect(isDay('2021-02-30')).toBe(false);
    expect(isDay('2021-2-3')).toBe(false);
  });
  it('adds days, months and buckets across month, year and leap-day edges', () => {
    expect(addDays('2019-12-31', 1)).toBe('2020-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(daysBetween('2019-04-01', '2019-04-29')).toBe(28);
    expect(addMonths('2023-05-31', -3)).toBe('2023-02-28');
    expect(monthEnd('2024-02-10')).toBe('2024-02-29');
    expect(nextBucket('2023-12-01', 'month')).toBe('2024-01-01');
    expect(nextBucket('2023-12-25', 'week')).toBe('2024-01-01');
  });
  it('starts weeks on Monday, whatever the machine time zone', () => {
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // a Sunday
    expect(weekStart('2026-11-23')).toBe('2026-11-23');
    expect(dayParts('2019-04-04')).toEqual({ day: 4, month: 'April', monthIndex: 3, year: 2019 });
  });
});

describe('ukTimestamp', () => {
  it('writes a server moment in UK local time, reading SQLite times without a zone as UTC', () => {
    expect(ukTimestamp('2026-12-07T22:47:00.000Z')).toBe('7 Dec 2026, 22:47');
    // Summer: British Summer Time is an hour ahead of UTC.
    expect(ukTimestamp('2023-07-16 13:05:00')).toBe('16 Jul 2023, 14:05');
    expect(ukTimestamp('not a time')).toBe('not a time');
  });
});
