import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatMoneyShort, formatMonth, formatTimestamp, plural } from './format';
import { addDays, addMonths, daysInclusive, monthEnd as endOfMonth, isDay } from '@scam/shared';

describe('formatMoney', () => {
  it('shows pence as pounds with thousands separators, as appeals quote them', () => {
    expect(formatMoney(7_123_400)).toBe('£71,234');
    expect(formatMoney(120_110, { withPence: true })).toBe('£1,201.10');
    expect(formatMoney(0)).toBe('£0');
  });
  it('rounds half a pound up in whole-pound figures', () => {
    expect(formatMoney(150)).toBe('£2');
  });
  it('abbreviates for chart axes', () => {
    expect(formatMoneyShort(95_000)).toBe('£950');
    expect(formatMoneyShort(120_000)).toBe('£1.2k');
    expect(formatMoneyShort(1_200_000)).toBe('£12k');
    expect(formatMoneyShort(150_000_000)).toBe('£1.5m');
  });
});

describe('formatDate', () => {
  it('writes days UK style without a time-zone shift', () => {
    expect(formatDate('2023-07-16')).toBe('16 Jul 2023');
    expect(formatDate('2023-03-26')).toBe('26 Mar 2023');
    expect(formatMonth('2023-12-01')).toBe('Dec 2023');
  });
  it('shows a dash for a missing date and leaves garbage visible', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('soon')).toBe('soon');
  });
  it('reads SQLite UTC timestamps as UTC and shows London time', () => {
    expect(formatTimestamp('2023-07-16 13:05:00')).toBe('16 Jul 2023, 14:05');
    expect(formatTimestamp('2023-01-16T13:05:00.000Z')).toBe('16 Jan 2023, 13:05');
  });
});

describe('plural', () => {
  it('agrees with the number', () => {
    expect(plural(1, 'report')).toBe('1 report');
    expect(plural(1200, 'report')).toBe('1,200 reports');
  });
});

describe('day arithmetic', () => {
  it('adds days across month ends and BST changes', () => {
    expect(addDays('2023-03-25', 2)).toBe('2023-03-27');
    expect(addDays('2023-01-01', -1)).toBe('2022-12-31');
  });
  it('clamps month arithmetic to the end of shorter months', () => {
    expect(addMonths('2023-05-31', -3)).toBe('2023-02-28');
    expect(addMonths('2024-05-31', -3)).toBe('2024-02-29');
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29');
  });
  it('counts both ends of a range and refuses impossible dates', () => {
    expect(daysInclusive('2023-04-01', '2023-04-30')).toBe(30);
    expect(isDay('2023-02-30')).toBe(false);
    expect(isDay('2023-02-28')).toBe(true);
  });
});
