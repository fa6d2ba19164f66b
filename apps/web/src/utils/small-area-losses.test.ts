import { describe, expect, it } from 'vitest';
import { lossesOnly, withholdAreaLoss } from './small-area-losses';

describe('withholdAreaLoss', () => {
  it('withholds a total made of one or two people’s losses, not one of three or more', () => {
    expect(withholdAreaLoss(60_000_00, 1)).toBe(true);
    expect(withholdAreaLoss(21_000_00, 2)).toBe(true);
    expect(withholdAreaLoss(21_000_00, 3)).toBe(false);
  });
  it('has nothing to withhold where nothing was lost', () => {
    expect(withholdAreaLoss(0, 0)).toBe(false);
  });
});

describe('lossesOnly', () => {
  it('narrows the filters to reports with money lost, keeping a larger minimum', () => {
    expect(lossesOnly({ district: 'Watford' })).toEqual({ district: 'Watford', minLoss: '0.01' });
    expect(lossesOnly({ minLoss: '500' })).toEqual({ minLoss: '500' });
    expect(lossesOnly({ minLoss: '0' })).toEqual({ minLoss: '0.01' });
  });
  it('is null when the filters leave no loss to count', () => {
    expect(lossesOnly({ maxLoss: '0' })).toBeNull();
  });
});
