import { describe, expect, it } from 'vitest';
import { tooltipLines, tooltipTitle } from './chart-tooltip';

const count = (v: number | null) => (v === null ? 'no return yet' : String(v));

describe('tooltipLines', () => {
  it('keeps each series colour for its swatch and the figure as the chart formats it', () => {
    const lines = tooltipLines(
      [
        { name: 'Courier fraud', value: 43, fill: '#D55E00', color: '#D55E00', dataKey: 'courier' },
        { name: 'Computer / broadband support', value: 18, fill: '#E69F00', dataKey: 'tech_support' },
      ],
      count,
    );
    expect(lines.map((l) => [l.name, l.colour, l.value])).toEqual([
      ['Courier fraud', '#D55E00', '43'],
      ['Computer / broadband support', '#E69F00', '18'],
    ]);
    expect(new Set(lines.map((l) => l.key)).size).toBe(2);
  });

  it('marks a dashed line series, takes a line’s stroke as its colour, and hands on a missing value as null', () => {
    const [reports, lost] = tooltipLines(
      [
        { name: 'Reports (running total)', value: null, stroke: '#0072B2' },
        { name: 'Lost (running total)', value: 12_000, stroke: '#D55E00' },
      ],
      (v, name) => `${name}=${v === null ? 'none' : v}`,
      new Set(['Lost (running total)']),
    );
    expect(reports).toMatchObject({ colour: '#0072B2', dashed: false, value: 'Reports (running total)=none' });
    expect(lost).toMatchObject({ colour: '#D55E00', dashed: true, value: 'Lost (running total)=12000' });
  });

  it('lists nothing without entries', () => {
    expect(tooltipLines(undefined, count)).toEqual([]);
  });
});

describe('tooltipTitle', () => {
  it('names the bucket under the pointer from its row’s start', () => {
    expect(tooltipTitle([{ payload: { start: '2026-10-05', label: '5 Oct' } }], (s) => `Week of ${s}`)).toBe('Week of 2026-10-05');
    expect(tooltipTitle([], (s) => s)).toBe('');
    expect(tooltipTitle([{ payload: { label: 'x' } }], (s) => s)).toBe('');
  });
});
