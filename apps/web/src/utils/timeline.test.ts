import { describe, expect, it } from 'vitest';
import { contextLabel, mondayOf, shapeTimeline, timelineWindow } from './timeline';

describe('timelineWindow', () => {
  it('pads a short series by two weeks each side and shows days', () => {
    expect(timelineWindow('2026-10-26', '2026-11-15')).toEqual({ from: '2026-10-12', to: '2026-11-29', interval: 'day' });
  });
  it('switches to Monday-aligned weeks for long series', () => {
    const w = timelineWindow('2025-12-01', '2026-01-25');
    expect(w.interval).toBe('week');
    expect(w.from).toBe(mondayOf(w.from));
    expect(w.from <= '2025-11-03').toBe(true);
  });
  it('finds the Monday of any day', () => {
    expect(mondayOf('2026-11-15')).toBe('2026-11-09');
    expect(mondayOf('2026-11-09')).toBe('2026-11-09');
  });
});

describe('shapeTimeline', () => {
  const window = { from: '2026-11-01', to: '2026-11-05', interval: 'day' as const };
  const series = { first: '2026-11-02', last: '2026-11-03' };
  it('stacks members by outcome and keeps the context as the other reports only', () => {
    const rows = shapeTimeline(
      window,
      series,
      [
        { offenceDate: '2026-11-02', outcome: 'lost' },
        { offenceDate: '2026-11-02', outcome: 'attempted' },
        { offenceDate: '2026-11-03', outcome: null },
        { offenceDate: '2026-12-25', outcome: 'lost' },
      ],
      [
        { start: '2026-11-01', reports: 1 },
        { start: '2026-11-02', reports: 3 },
        { start: '2026-11-03', reports: 0 },
      ],
    );
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.inSeries)).toEqual([false, true, true, false, false]);
    expect(rows[1]).toMatchObject({ lost: 1, attempted: 1, other: 1 });
    // A context that disagrees (member not counted) never goes negative.
    expect(rows[2]).toMatchObject({ member: 1, other: 0 });
    expect(rows[0]).toMatchObject({ other: 1, lost: 0 });
  });
  it('buckets by week from Monday', () => {
    const rows = shapeTimeline(
      { from: '2026-11-02', to: '2026-11-15', interval: 'week' },
      { first: '2026-11-10', last: '2026-11-12' },
      [{ offenceDate: '2026-11-12', outcome: 'prevented' }],
      null,
    );
    expect(rows.map((r) => r.start)).toEqual(['2026-11-02', '2026-11-09']);
    expect(rows[1]).toMatchObject({ prevented: 1, inSeries: true });
    expect(rows[0]!.inSeries).toBe(false);
  });
});

describe('contextLabel', () => {
  it('names the grey bars without doubling a word', () => {
    expect(contextLabel('other')).toBe('Other phone scam reports in these districts, not in the series');
    expect(contextLabel('courier')).not.toMatch(/\bother\b/i);
  });
});
