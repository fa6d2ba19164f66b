import { describe, expect, it } from 'vitest';
import type { TimeBucket } from '@scam/shared';
import {
  autoInterval,
  bucketRange,
  bucketTitle,
  fillGaps,
  hasReports,
  methodsPresent,
  noReturnSpan,
  returnStatus,
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

describe('weeks with no return yet', () => {
  // The user's case: weeks of "last 12 weeks" on 7 Dec 2026, returns up to Sunday 15 Nov. The API fills
  // the three weeks after it with zeros; the chart must not draw them as three quiet weeks.
  const tail: TimeBucket[] = [
    bucket('2026-11-02', {
      reports: 5,
      byMethod: { courier: { reports: 5, lossPence: 0 } },
      byOutcome: { lost: { reports: 5, lossPence: 0 } },
    }),
    bucket('2026-11-09', {
      reports: 2,
      byMethod: { courier: { reports: 2, lossPence: 0 } },
      byOutcome: { lost: { reports: 2, lossPence: 0 } },
    }),
    bucket('2026-11-16'),
    bucket('2026-11-23'),
    bucket('2026-11-30'),
    bucket('2026-12-07'),
  ];
  const latest = '2026-11-15';

  it('leaves them empty rather than zero, and marks them', () => {
    const rows = toMethodRows(tail, 'week', 'reports', latest);
    expect(rows.map((r) => [r.start, r.returns, r.total, r.courier])).toEqual([
      ['2026-11-02', 'in', 5, 5],
      ['2026-11-09', 'in', 2, 2],
      ['2026-11-16', 'none', null, null],
      ['2026-11-23', 'none', null, null],
      ['2026-11-30', 'none', null, null],
      ['2026-12-07', 'none', null, null],
    ]);
    expect(noReturnSpan(rows)).toEqual({ x1: '16 Nov', x2: '7 Dec', count: 4 });
    expect(toOutcomeRows(tail, 'week', latest).filter((r) => r.lost === null)).toHaveLength(4);
  });

  it('stops the running total at the latest return instead of running it flat', () => {
    const rows = toCumulativeRows(tail, 'week', latest);
    expect(rows.map((r) => r.reports)).toEqual([5, 7, null, null, null, null]);
  });

  it('marks a week the latest return falls inside as partial, and says so in its title', () => {
    expect(returnStatus('2026-11-09', 'week', '2026-11-12')).toBe('partial');
    expect(returnStatus('2026-11-09', 'week', '2026-11-15')).toBe('in');
    expect(returnStatus('2026-11-01', 'month', '2026-11-15')).toBe('partial');
    expect(bucketTitle('2026-11-09', 'week', '2026-11-12')).toBe('Week from 9 Nov 2026: returns to 12 Nov 2026 only');
    expect(bucketTitle('2026-11-16', 'week', latest)).toBe('Week from 16 Nov 2026: no return yet');
    expect(bucketTitle('2026-11-09', 'week', latest)).toBe('Week from 9 Nov 2026');
  });

  it('marks nothing when the data reaches the end, or when there is no data', () => {
    expect(noReturnSpan(toMethodRows(tail, 'week', 'reports', '2026-12-13'))).toBeNull();
    expect(noReturnSpan(toMethodRows(tail, 'week', 'reports', null))).toBeNull();
  });
});
