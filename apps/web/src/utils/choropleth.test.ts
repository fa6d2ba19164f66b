import { describe, expect, it } from 'vitest';
import { SEQUENTIAL_BLUES, NO_DATA_FILL } from './palette';
import { choroplethScale, fillFor, legendItems, niceCeil } from './choropleth';

describe('niceCeil', () => {
  it('rounds up to a round number', () => {
    expect(niceCeil(13)).toBe(20);
    expect(niceCeil(230)).toBe(250);
    expect(niceCeil(50)).toBe(50);
    expect(niceCeil(0)).toBe(0);
  });
});

describe('choroplethScale', () => {
  const scale = choroplethScale([0, 3, 12, 47]);
  it('splits zero to a round maximum into equal classes', () => {
    expect(scale.bounds).toEqual([10, 20, 30, 40, 50]);
  });
  it('shades darker for more and marks zero as none', () => {
    expect(fillFor(0, scale)).toBe(NO_DATA_FILL);
    expect(fillFor(undefined, scale)).toBe(NO_DATA_FILL);
    expect(fillFor(3, scale)).toBe(SEQUENTIAL_BLUES[0]);
    expect(fillFor(10, scale)).toBe(SEQUENTIAL_BLUES[0]);
    expect(fillFor(12, scale)).toBe(SEQUENTIAL_BLUES[1]);
    expect(fillFor(47, scale)).toBe(SEQUENTIAL_BLUES[4]);
  });
  it('has no classes when everything is zero', () => {
    const empty = choroplethScale([0, 0]);
    expect(empty.bounds).toEqual([]);
    expect(fillFor(0, empty)).toBe(NO_DATA_FILL);
  });
});

describe('legendItems', () => {
  it('labels integer classes without overlaps', () => {
    const labels = legendItems(choroplethScale([47]), String, true).map((i) => i.label);
    expect(labels).toEqual(['None', '1–10', '11–20', '21–30', '31–40', '41–50']);
  });
  it('skips empty integer classes when the maximum is small', () => {
    const labels = legendItems(choroplethScale([2]), String, true).map((i) => i.label);
    expect(labels).toEqual(['None', '1', '2']);
  });
});
