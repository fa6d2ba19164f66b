import { describe, expect, it } from 'vitest';
import { IMPERSONATED_LABELS, type IncidentChange } from '@scam/shared';
import { DEFAULT_TABLE, ariaSort, historyRows, listParams, nextSort, pageSummary, parseTableState, withTableState } from './table-state';

describe('table state in the URL', () => {
  it('reads sort, order, page and search, falling back to newest first', () => {
    expect(parseTableState('?sort=lossPence&order=asc&offset=50&q=Watford&identifier=07700%20900123&open=HC%2F25%2F1')).toEqual({
      sort: 'lossPence',
      order: 'asc',
      offset: 50,
      q: 'Watford',
      identifier: '07700 900123',
      open: 'HC/25/1',
    });
    expect(parseTableState('?sort=drop%20table&offset=-5')).toEqual(DEFAULT_TABLE);
  });
  it('keeps the filters and leaves defaults out of the link', () => {
    expect(withTableState('?method=courier&offset=50', { ...DEFAULT_TABLE, q: ' HC/23 ' })).toBe('?method=courier&q=HC%2F23');
    expect(withTableState('?identifier=1&open=HC%2F1', { ...DEFAULT_TABLE, identifier: '07700 900123', open: 'HC/2' })).toBe(
      '?identifier=07700%20900123&open=HC%2F2',
    );
  });
  it('sends the search only when there is one', () => {
    expect(listParams(DEFAULT_TABLE)).toEqual({ sort: 'offenceDate', order: 'desc', limit: 50, offset: 0 });
    expect(listParams({ ...DEFAULT_TABLE, q: 'Ware' }).q).toBe('Ware');
    expect(listParams({ ...DEFAULT_TABLE, identifier: ' 07700 900123 ', open: 'HC/1' })).toEqual({
      sort: 'offenceDate',
      order: 'desc',
      limit: 50,
      offset: 0,
      identifier: '07700 900123',
    });
  });
});

describe('sorting', () => {
  it('reverses the sorted column and starts text columns A–Z, amounts largest first', () => {
    const byDate = nextSort({ ...DEFAULT_TABLE, offset: 100 }, 'offenceDate');
    expect(byDate).toMatchObject({ sort: 'offenceDate', order: 'asc', offset: 0 });
    expect(nextSort(DEFAULT_TABLE, 'place')).toMatchObject({ sort: 'place', order: 'asc' });
    expect(nextSort(DEFAULT_TABLE, 'lossPence')).toMatchObject({ sort: 'lossPence', order: 'desc' });
  });
  it('reports aria-sort for the sorted column only', () => {
    expect(ariaSort(DEFAULT_TABLE, 'offenceDate')).toBe('descending');
    expect(ariaSort(DEFAULT_TABLE, 'place')).toBe('none');
  });
});

describe('pageSummary', () => {
  it('says which rows are shown', () => {
    expect(pageSummary(50, 50, 1230)).toBe('51–100 of 1,230');
    expect(pageSummary(0, 7, 7)).toBe('1–7 of 7');
  });
});

describe('historyRows', () => {
  const history: IncidentChange[] = [
    { id: 1, batchId: 1, kind: 'insert', changedAt: '2023-10-09 09:00:00', changes: {} },
    {
      id: 2,
      batchId: 2,
      kind: 'update',
      changedAt: '2023-10-16 09:00:00',
      changes: { lossPence: [0, 120_110], outcome: ['attempted', 'lost'], summary: [null, '<b>Withheld</b>'] },
    },
    {
      id: 3,
      batchId: 3,
      kind: 'update',
      changedAt: '2023-10-23 09:00:00',
      changes: {
        loss_pence: [120_110, 45_000],
        outcome_raw: ['Attempt, no loss', 'Money lost'],
        method: ['other', 'courier'],
        offence_date: ['2023-10-02', '2023-10-03'],
      },
    },
  ];
  it('lists each changed field, newest first, by its label on screen, with money, dates and codes as shown', () => {
    const rows = historyRows(history);
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([
      ['Amount lost', '£1,201.10', '£450.00'],
      ['Outcome as reported', 'Attempt, no loss', 'Money lost'],
      ['Method', 'Other phone scam', 'Courier fraud'],
      ['Offence date', '2 Oct 2023', '3 Oct 2023'],
      ['Amount lost', '£0.00', '£1,201.10'],
      ['Outcome', 'Attempt, nothing lost', 'Money lost'],
      ['Summary', '—', '<b>Withheld</b>'],
      [null, '—', '—'],
    ]);
    expect(rows.at(-1)?.kind).toBe('insert');
  });

  it('names who the caller posed as in the words the details and the exports use, never the stored code', () => {
    const rows = historyRows([
      { id: 4, batchId: 4, kind: 'update', changedAt: '2023-10-30 09:00:00', changes: { impersonated: ['telecom', 'police'] } },
    ]);
    expect(rows.map((r) => [r.label, r.before, r.after])).toEqual([['Posing as', IMPERSONATED_LABELS.telecom, 'Police']]);
    expect(IMPERSONATED_LABELS.telecom).toBe('Phone or broadband company');
  });
});
