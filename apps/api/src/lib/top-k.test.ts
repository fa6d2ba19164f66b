import { describe, expect, it } from 'vitest';
import { topK } from './top-k.js';

describe('topK', () => {
  it('returns the same first k as a full sort, for random input and ties', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const items = Array.from({ length: 5000 }, (_, id) => ({ id, v: Math.floor(rand() * 100) }));
    const cmp = (a: { id: number; v: number }, b: { id: number; v: number }) => b.v - a.v || a.id - b.id;
    for (const k of [1, 7, 50, 999, 5000, 6000]) {
      expect(topK(items, k, cmp)).toEqual([...items].sort(cmp).slice(0, k));
    }
  });
  it('handles already-sorted input and k = 0', () => {
    const items = Array.from({ length: 300 }, (_, i) => i);
    expect(topK(items, 5, (a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(topK(items, 5, (a, b) => b - a)).toEqual([299, 298, 297, 296, 295]);
    expect(topK(items, 0, (a, b) => a - b)).toEqual([]);
  });
});
