import { describe, expect, it } from 'vitest';
import { markerRadius } from './map-places';

describe('markerRadius', () => {
  it('sizes markers by area within bounds', () => {
    expect(markerRadius(4, 4)).toBe(22);
    expect(markerRadius(1, 4)).toBe(14);
    expect(markerRadius(0, 0)).toBe(6);
  });
});
