/**
 * Where a surge sits in its area: a card over the whole force for a week must narrow to the corner where
 * the week's excess is, and must not narrow a surge that is spread over the whole force like its usual
 * reports, or one whose reports outside the corner are themselves far above the usual count.
 */
import { describe, expect, it } from 'vitest';
import { focusSurge } from './focus.js';
import { binomialUpperTail, poissonUpperTail } from './tails.js';
import type { FocusPoint } from './focus.js';
import { createRng } from './random.js';
import { hertsPlaces, julyWatfordCalls, place } from './test-support/herts.js';

const towns = [...hertsPlaces().values()];

/** `n` reports spread over the county in proportion to population, as the usual reports are. */
function spread(n: number, seed: number): FocusPoint[] {
  const rng = createRng(seed);
  const total = towns.reduce((s, t) => s + t.weight, 0);
  return Array.from({ length: n }, () => {
    let u = rng.next() * total;
    for (const t of towns) {
      u -= t.weight;
      if (u < 0) return { lat: t.lat, lon: t.lon };
    }
    return { lat: towns[0]!.lat, lon: towns[0]!.lon };
  });
}

const at = (name: string): FocusPoint => ({ lat: place(name).lat, lon: place(name).lon });
const USUAL = spread(600, 7);

describe('focusSurge', () => {
  it('narrows a force-wide week to the corner holding the calls, leaving the ordinary reports out', () => {
    // The July 2018 calls: north Watford, Oxhey, South Oxhey, Rickmansworth and Bushey.
    const corner = julyWatfordCalls(1).incidents.map((i) => ({ lat: i.lat, lon: i.lon }));
    const ordinary = ['Stevenage', 'Hertford', 'Royston'].map(at);
    const f = focusSurge([...corner, ...ordinary], USUAL, 1.5, 5);
    expect(f.centre).not.toBeNull();
    expect(f.inside).toEqual(corner.map((_, i) => i));
    expect(f.expected).toBeLessThan(1.5);
  });

  it('keeps a county-wide surge whole', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const f = focusSurge(spread(27, seed), USUAL, 6, 5);
      expect(f.centre).toBeNull();
      expect(f.inside).toHaveLength(27);
    }
  });

  it('does not cut a surge down to its densest corner when the rest of it is far above the usual count', () => {
    const corner = Array.from({ length: 20 }, () => at('Borehamwood'));
    const elsewhere = [
      'Stevenage',
      'Stevenage',
      'Hitchin',
      'Hertford',
      'Cheshunt',
      'Royston',
      'Hitchin',
      'Stevenage',
      'Ware',
      'Letchworth',
    ].map(at);
    const f = focusSurge([...corner, ...elsewhere], USUAL, 3, 5);
    // A wider circle may leave out a stray report or two; the north and east, ten reports against about
    // one usual, stay on the card.
    expect(f.inside.filter((i) => i >= 20).length).toBeGreaterThanOrEqual(8);
  });

  it('never narrows below the fewest reports a series needs', () => {
    const f = focusSurge([at('Tring'), at('Tring'), at('Tring'), at('Stevenage'), at('Hertford'), at('Royston')], USUAL, 1, 5);
    expect(f.inside.length === 6 || f.inside.length >= 5).toBe(true);
  });
});

describe('tails', () => {
  it('agree with hand-worked values', () => {
    expect(poissonUpperTail(0, 2)).toBe(1);
    expect(poissonUpperTail(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
    expect(poissonUpperTail(3, 1)).toBeCloseTo(1 - Math.exp(-1) * (1 + 1 + 0.5), 12);
    expect(binomialUpperTail(2, 2, 0.5)).toBeCloseTo(0.25, 12);
    expect(binomialUpperTail(1, 3, 0.5)).toBeCloseTo(0.875, 12);
    expect(binomialUpperTail(4, 3, 0.5)).toBe(0);
  });
});
