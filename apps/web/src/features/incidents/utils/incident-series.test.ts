import { describe, expect, it } from 'vitest';
import { seriesEntry } from './incident-series';

describe('seriesEntry', () => {
  it('names a saved series and links to its page', () => {
    expect(
      seriesEntry({ kind: 'saved', id: 4, name: 'St Albans courier calls', method: 'courier', status: 'ongoing', members: 14 }),
    ).toEqual({
      key: 'saved:4',
      to: '/series?saved=4',
      title: 'St Albans courier calls',
      about: 'Saved series · Ongoing · 14 reports',
    });
  });

  it('names a detected series by method and districts, with its size and dates, and links to it by id', () => {
    const entry = seriesEntry({
      kind: 'detected',
      id: 'courier-2025-12-01/st albans',
      method: 'courier',
      first: '2025-12-01',
      last: '2025-12-28',
      count: 9,
      districts: ['St Albans', 'Dacorum'],
      savedId: null,
    });
    expect(entry).toMatchObject({
      to: '/series?id=courier-2025-12-01%2Fst%20albans',
      title: 'Courier fraud, St Albans, Dacorum',
      about: 'Detected series · 9 reports · 1 Dec 2025 – 28 Dec 2025',
    });
  });

  it('says when a detected series was saved without this report', () => {
    const entry = seriesEntry({
      kind: 'detected',
      id: 'x',
      method: 'hmrc',
      first: '2025-01-02',
      last: '2025-01-02',
      count: 1,
      districts: [],
      savedId: 7,
    });
    expect(entry.title).toBe('HMRC impersonation');
    expect(entry.about).toBe('Detected series · 1 report · 2 Jan 2025 · saved as a series without this report');
  });
});
