import { describe, expect, it } from 'vitest';
import type { Summary } from '@scam/shared';
import { compareFigure, headlineFigures, previousPeriodText, quoteLine } from './shape-summary';

const figures = {
  reports: 30,
  lost: 6,
  attempted: 20,
  prevented: 4,
  lossPence: 7_123_400,
  medianAge: 79,
  ageKnown: 25,
  aged70Plus: 15,
};
const NO_PERIOD: Summary['coverage'] = { latestData: '2023-05-31', days: null, coveredDays: null, daysPastData: 0, comparedDays: 0 };
const WHOLE_MONTH: Summary['coverage'] = { latestData: '2023-05-31', days: 30, coveredDays: 30, daysPastData: 0, comparedDays: 30 };

describe('compareFigure', () => {
  it('shows the rise or fall as a percentage with an arrow', () => {
    expect(compareFigure(30, 20)).toEqual({ kind: 'up', pct: 50, text: '▲ 50%' });
    expect(compareFigure(19, 20)).toEqual({ kind: 'down', pct: -5, text: '▼ 5%' });
    expect(compareFigure(20, 20).kind).toBe('same');
  });
  it('does not divide by zero', () => {
    expect(compareFigure(4, 0)).toEqual({ kind: 'up', pct: null, text: '▲ from 0' });
  });
  it('says so when there is nothing to compare', () => {
    expect(compareFigure(4, undefined).text).toBe('nothing to compare');
    expect(compareFigure(null, 3).kind).toBe('none');
  });
});

describe('headlineFigures', () => {
  it('formats every figure and shows no change at all without an earlier period', () => {
    const summary: Summary = { ...figures, from: null, to: null, previous: null, compared: null, coverage: NO_PERIOD };
    const byId = Object.fromEntries(headlineFigures(summary).map((f) => [f.id, f]));
    expect(byId.reports?.value).toBe('30');
    expect(byId.loss?.value).toBe('£71,234');
    expect(byId.lost?.note).toBe('20% of reports');
    expect(byId['median-age']?.value).toBe('79');
    expect(byId.aged70?.value).toBe('60%');
    // "All dates": one line beneath says why, rather than "no earlier period" on seven cards.
    expect(Object.values(byId).map((f) => f.change)).toEqual([null, null, null, null, null, null, null]);
    expect(previousPeriodText(summary)).toBe('No comparison for all dates: choose a period to compare it with the one before.');
  });
  it('compares the share aged 70+ in percentage points', () => {
    const summary: Summary = {
      ...figures,
      from: '2023-04-01',
      to: '2023-04-30',
      previous: { ...figures, aged70Plus: 10, lossPence: 3_561_700, medianAge: 76, from: '2023-03-02', to: '2023-03-31' },
      compared: { ...figures, from: '2023-04-01', to: '2023-04-30' },
      coverage: WHOLE_MONTH,
    };
    const byId = Object.fromEntries(headlineFigures(summary).map((f) => [f.id, f]));
    expect(byId.aged70?.change?.text).toBe('▲ 20 pts');
    // An age moves in years, not in per cent.
    expect(byId['median-age']?.change?.text).toBe('▲ 3 years');
    expect(byId.loss?.change?.text).toBe('▲ 100%');
    expect(byId.loss?.previousText).toBe('£35,617');
  });
  it('shows a dash when no ages are known', () => {
    const summary: Summary = {
      ...figures,
      medianAge: null,
      ageKnown: 0,
      aged70Plus: 0,
      from: null,
      to: null,
      previous: null,
      compared: null,
      coverage: NO_PERIOD,
    };
    const byId = Object.fromEntries(headlineFigures(summary).map((f) => [f.id, f]));
    expect(byId['median-age']?.value).toBe('—');
    expect(byId.aged70?.value).toBe('—');
  });
});

describe('a period running past the latest return', () => {
  // The user's case: "Last 12 weeks" on 7 Dec 2026 is 15 Sep – 7 Dec; the returns end on 15 Nov.
  const pastData: Summary = {
    ...figures,
    reports: 40,
    lossPence: 1_000_000,
    from: '2026-09-15',
    to: '2026-12-07',
    compared: { ...figures, reports: 40, lossPence: 1_000_000, from: '2026-09-15', to: '2026-11-15' },
    // The first 62 days of the period before; the whole of it held 52 reports.
    previous: { ...figures, reports: 34, lossPence: 800_000, from: '2026-06-23', to: '2026-08-23' },
    coverage: { latestData: '2026-11-15', days: 84, coveredDays: 62, daysPastData: 22, comparedDays: 62 },
  };

  it('shows the change over the covered days, not a fall made of returns not yet in', () => {
    const byId = Object.fromEntries(headlineFigures(pastData).map((f) => [f.id, f]));
    expect(byId.reports?.value).toBe('40');
    // 40 against 34 is +17.6%; against the whole period before (52) it would have read ▼ 23%.
    expect(byId.reports?.change?.text).toBe('▲ 18%');
    expect(byId.reports?.previousText).toBe('34');
    expect(byId.loss?.change?.text).toBe('▲ 25%');
    // The shown value is the compared one: every report of the period is before the latest return.
    expect(byId.reports?.comparedText).toBeNull();
  });

  it('says which days are compared and how much has no return yet', () => {
    expect(previousPeriodText(pastData)).toBe(
      'Changes compare 15 Sep 2026 – 15 Nov 2026 with 23 Jun 2026 – 23 Aug 2026: the 62 days both periods have returns for. ' +
        'The last 22 days of this period are after the latest return (15 Nov 2026): no return yet.',
    );
  });

  it('has no change at all when no day of the period has a return yet', () => {
    const empty: Summary = {
      ...pastData,
      ...figures,
      reports: 0,
      from: '2026-11-16',
      to: '2026-12-07',
      previous: null,
      compared: null,
      coverage: { latestData: '2026-11-15', days: 22, coveredDays: 0, daysPastData: 22, comparedDays: 0 },
    };
    expect(headlineFigures(empty).every((f) => f.change === null)).toBe(true);
    expect(previousPeriodText(empty)).toBe(
      'No comparison: no return is in yet for any day of this period. The last 22 days of this period are after the latest return (15 Nov 2026): no return yet.',
    );
  });

  it('does not call a period before the data one with no return yet', () => {
    const early: Summary = {
      ...figures,
      reports: 0,
      from: '2001-01-01',
      to: '2001-03-31',
      previous: null,
      compared: null,
      coverage: { latestData: '2026-11-15', days: 90, coveredDays: 0, daysPastData: 0, comparedDays: 0 },
    };
    expect(previousPeriodText(early)).toBe('No comparison: the data holds no day of this period.');
  });

  it('gives the compared value when the compared days are not the whole period', () => {
    // The period before only has data for its last 11 days, so only this period's last 11 count.
    const startClipped: Summary = {
      ...figures,
      reports: 2,
      from: '2026-06-12',
      to: '2026-07-03',
      compared: { ...figures, reports: 1, from: '2026-06-23', to: '2026-07-03' },
      previous: { ...figures, reports: 1, from: '2026-06-01', to: '2026-06-11' },
      coverage: { latestData: '2026-11-15', days: 22, coveredDays: 22, daysPastData: 0, comparedDays: 11 },
    };
    const reports = headlineFigures(startClipped).find((f) => f.id === 'reports');
    expect(reports?.change?.text).toBe('no change');
    expect(reports?.comparedText).toBe('1');
  });
});

describe('quoteLine', () => {
  it('reads like the press release', () => {
    expect(quoteLine({ reports: 30, lossPence: 7_123_400 }, '2019-04-01')).toBe('Since 1 Apr 2019: 30 reports, £71,234 lost');
    expect(quoteLine({ reports: 1, lossPence: 0 }, null)).toBe('1 report, £0 lost');
  });
});
