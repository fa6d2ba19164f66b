import { describe, expect, it } from 'vitest';
import type { Summary } from '@scam/shared';
import { compareFigure, headlineFigures, quoteLine } from './shape-summary';

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

describe('compareFigure', () => {
  it('shows the rise or fall as a percentage with an arrow', () => {
    expect(compareFigure(30, 20)).toEqual({ kind: 'up', pct: 50, text: '▲ 50%' });
    expect(compareFigure(19, 20)).toEqual({ kind: 'down', pct: -5, text: '▼ 5%' });
    expect(compareFigure(20, 20).kind).toBe('same');
  });
  it('does not divide by zero', () => {
    expect(compareFigure(4, 0)).toEqual({ kind: 'up', pct: null, text: '▲ from 0' });
  });
  it('says so when there is no earlier period', () => {
    expect(compareFigure(4, undefined).text).toBe('no earlier period');
    expect(compareFigure(null, 3).kind).toBe('none');
  });
});

describe('headlineFigures', () => {
  it('formats every figure and marks the lack of an earlier period', () => {
    const summary: Summary = { ...figures, from: '2019-04-01', to: null, previous: null };
    const byId = Object.fromEntries(headlineFigures(summary).map((f) => [f.id, f]));
    expect(byId.reports?.value).toBe('30');
    expect(byId.loss?.value).toBe('£71,234');
    expect(byId.lost?.note).toBe('20% of reports');
    expect(byId['median-age']?.value).toBe('79');
    expect(byId.aged70?.value).toBe('60%');
    expect(Object.values(byId).every((f) => f.change.text === 'no earlier period')).toBe(true);
  });
  it('compares the share aged 70+ in percentage points', () => {
    const summary: Summary = {
      ...figures,
      from: '2023-04-01',
      to: '2023-04-30',
      previous: { ...figures, aged70Plus: 10, lossPence: 3_561_700, medianAge: 76, from: '2023-03-02', to: '2023-03-31' },
    };
    const byId = Object.fromEntries(headlineFigures(summary).map((f) => [f.id, f]));
    expect(byId.aged70?.change.text).toBe('▲ 20 pts');
    // An age moves in years, not in per cent.
    expect(byId['median-age']?.change.text).toBe('▲ 3 years');
    expect(byId.loss?.change.text).toBe('▲ 100%');
    expect(byId.loss?.previousText).toBe('£35,617');
  });
  it('shows a dash when no ages are known', () => {
    const summary: Summary = { ...figures, medianAge: null, ageKnown: 0, aged70Plus: 0, from: null, to: null, previous: null };
    const byId = Object.fromEntries(headlineFigures(summary).map((f) => [f.id, f]));
    expect(byId['median-age']?.value).toBe('—');
    expect(byId.aged70?.value).toBe('—');
  });
});

describe('quoteLine', () => {
  it('reads like the press release', () => {
    expect(quoteLine({ reports: 30, lossPence: 7_123_400 }, '2019-04-01')).toBe('Since 1 Apr 2019: 30 reports, £71,234 lost');
    expect(quoteLine({ reports: 1, lossPence: 0 }, null)).toBe('1 report, £0 lost');
  });
});
