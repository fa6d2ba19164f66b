import { describe, expect, it } from 'vitest';
import type { TimeBucket } from '@scam/shared';
import {
  autoInterval,
  bucketRange,
  fillGaps,
  hasReports,
  methodsPresent,
  toCumulativeRows,
  toMethodRows,
  toOutcomeRows,
} from './shape-timeseries';

const bucket = (start: string, parts: Partial<TimeBucket> = {}): TimeBucket => ({
  start,
  reports: 0,
  lossPence: 0,
  byMethod: {},
  byOutcome: {},
  ...parts,
});

const weeks: TimeBucket[] = [
  bucket('2023-04-03', {
    reports: 3,
    lossPence: 500_000,
    byMethod: { courier: { reports: 2, lossPence: 500_000 }, hmrc: { reports: 1, lossPence: 0 } },
    byOutcome: { lost: { reports: 1, lossPence: 500_000 }, attempted: { reports: 2, lossPence: 0 } },
  }),
  // 10 April is missing: a week with no reports.
  bucket('2023-04-17', {
    reports: 2,
    lossPence: 2_123_400,
    byMethod: { courier: { reports: 2, lossPence: 2_123_400 } },
    byOutcome: { lost: { reports: 1, lossPence: 2_123_400 }, prevented: { reports: 1, lossPence: 0 } },
  }),
];

describe('fillGaps', () => {
  it('inserts empty weeks so a quiet week shows as zero', () => {
    expect(fillGaps(weeks, 'week').map((b) => [b.start, b.reports])).toEqual([
      ['2023-04-03', 3],
      ['2023-04-10', 0],
      ['2023-04-17', 2],
    ]);
  });
  it('steps months by calendar month and sorts its input', () => {
    const months = [bucket('2023-03-01', { reports: 1 }), bucket('2023-01-01', { reports: 4 })];
    expect(fillGaps(months, 'month').map((b) => b.start)).toEqual(['2023-01-01', '2023-02-01', '2023-03-01']);
  });
});

describe('toMethodRows', () => {
  it('gives one key per method present, zero where a bucket has none', () => {
    const rows = toMethodRows(weeks, 'week', 'reports');
    expect(methodsPresent(weeks)).toEqual(['courier', 'hmrc']);
    expect(rows[0]).toMatchObject({ start: '2023-04-03', label: '3 Apr', total: 3, courier: 2, hmrc: 1 });
    expect(rows[1]).toMatchObject({ total: 0, courier: 0, hmrc: 0 });
    expect(rows[2]).toMatchObject({ courier: 2, hmrc: 0 });
  });
  it('stacks pence lost when measuring loss', () => {
    expect(toMethodRows(weeks, 'week', 'loss')[2]).toMatchObject({ total: 2_123_400, courier: 2_123_400 });
  });
});

describe('toOutcomeRows', () => {
  it('counts lost, attempted and prevented reports per bucket', () => {
    const rows = toOutcomeRows(weeks, 'week');
    expect(rows[0]).toMatchObject({ lost: 1, attempted: 2, prevented: 0 });
    expect(rows[2]).toMatchObject({ lost: 1, attempted: 0, prevented: 1 });
  });
});

describe('toCumulativeRows', () => {
  it('runs totals from the first bucket, ending on the quoted figures', () => {
    const rows = toCumulativeRows(weeks, 'week');
    expect(rows.map((r) => r.reports)).toEqual([3, 3, 5]);
    expect(rows.at(-1)?.lossPence).toBe(2_623_400);
  });
  it('is empty for no data', () => {
    expect(toCumulativeRows([], 'week')).toEqual([]);
  });
});

describe('bucketRange', () => {
  it('covers Monday to Sunday for a week and the whole month for a month', () => {
    expect(bucketRange('2023-04-03', 'week')).toEqual({ from: '2023-04-03', to: '2023-04-09' });
    expect(bucketRange('2024-02-01', 'month')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });
  it('never widens the active range', () => {
    expect(bucketRange('2023-03-27', 'week', { from: '2023-04-01', to: null })).toEqual({
      from: '2023-04-01',
      to: '2023-04-02',
    });
  });
});

describe('autoInterval', () => {
  const data = { first: '2020-01-06', last: '2026-11-15' };
  it('uses weeks for short ranges and months for long ones', () => {
    expect(autoInterval({ from: '2026-10-19', to: '2026-11-15' }, data)).toBe('week');
    expect(autoInterval({ from: '2026-01-01', to: '2026-11-15' }, data)).toBe('month');
  });
  it('fills open ends from the data range', () => {
    expect(autoInterval({ from: null, to: null }, data)).toBe('month');
    expect(autoInterval({ from: '2026-09-01', to: null }, data)).toBe('week');
    expect(autoInterval({ from: null, to: null }, null)).toBe('week');
  });
});

describe('hasReports', () => {
  const zero = (start: string): TimeBucket => ({ start, reports: 0, lossPence: 0, byMethod: {}, byOutcome: {} });
  it('is false for no buckets and for a range of zero-filled ones, so the chart says it is empty', () => {
    expect(hasReports([])).toBe(false);
    expect(hasReports([zero('2026-11-02'), zero('2026-11-09')])).toBe(false);
  });
  it('is true as soon as one bucket has a report', () => {
    expect(hasReports([zero('2026-11-02'), { ...zero('2026-11-09'), reports: 1 }])).toBe(true);
  });
});
