import { describe, expect, it } from 'vitest';
import type { SavedSeries } from '@scam/shared';
import { countByStatus, defaultSeriesName, filterSaved, formatPValue, formatRecurrence, savedByDetectedId } from './series-status';

function saved(id: number, status: SavedSeries['status'], updatedAt: string, detectedId: string | null = null): SavedSeries {
  return { id, name: `S${id}`, method: 'courier', status, notes: '', detectedId, incidents: ['A'], createdAt: updatedAt, updatedAt };
}

const list = [
  saved(1, 'closed', '2026-01-01'),
  saved(2, 'ongoing', '2026-01-02', 'det-a'),
  saved(3, 'dismissed', '2026-01-03', 'det-b'),
  saved(4, 'ongoing', '2026-01-04'),
  saved(5, 'new', '2026-01-01'),
];

describe('saved series grouping', () => {
  it('counts each status and the total', () => {
    expect(countByStatus(list)).toEqual({ all: 5, new: 1, ongoing: 2, closed: 1, dismissed: 1 });
  });
  it('puts live series first, most recently changed first within a status', () => {
    expect(filterSaved(list, 'all').map((s) => s.id)).toEqual([5, 4, 2, 1, 3]);
    expect(filterSaved(list, 'ongoing').map((s) => s.id)).toEqual([4, 2]);
    expect(filterSaved(list, 'closed').map((s) => s.id)).toEqual([1]);
  });
  it('maps detected ids to the saved series that holds them', () => {
    const map = savedByDetectedId(list);
    expect(map.get('det-a')?.id).toBe(2);
    expect(map.get('det-b')?.status).toBe('dismissed');
    expect(map.size).toBe(2);
  });
});

describe('series wording', () => {
  it('names a series by method, main districts and months', () => {
    expect(
      defaultSeriesName({
        method: 'courier',
        districts: [
          { name: 'Stevenage', count: 4 },
          { name: 'North Hertfordshire', count: 2 },
          { name: 'Watford', count: 1 },
        ],
        first: '2026-10-26',
        last: '2026-11-15',
      }),
    ).toBe('Courier fraud, Stevenage, North Hertfordshire and others, Oct 2026 – Nov 2026');
    expect(defaultSeriesName({ method: 'hmrc', districts: [], first: '2025-03-02', last: '2025-03-20' })).toBe(
      'HMRC impersonation, Mar 2025',
    );
  });
  it('quotes p-values and recurrence intervals the way analysts read them', () => {
    expect(formatPValue(0.0146)).toBe('0.015');
    expect(formatPValue(0.0004)).toBe('< 0.001');
    expect(formatPValue(null)).toBe('—');
    expect(formatRecurrence(500)).toBe('once in 500 days');
    expect(formatRecurrence(1100)).toBe('once in 3 years');
  });
});
