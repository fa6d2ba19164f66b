import { describe, expect, it } from 'vitest';
import { formatMoneyRoundedDown } from './money.js';

/** Reads the pounds back out of "more than £70,000" or "more than £2.5 million". */
function poundsIn(phrase: string): number {
  const m = /£([\d,.]+)( million)?/.exec(phrase);
  if (!m) throw new Error(`no amount in "${phrase}"`);
  return Number(m[1]!.replace(/,/g, '')) * (m[2] ? 1_000_000 : 1);
}

describe('formatMoneyRoundedDown', () => {
  it('states the losses of the force releases the way they were printed', () => {
    expect(formatMoneyRoundedDown(71_234_56)).toBe('more than £70,000');
    expect(formatMoneyRoundedDown(8_512_00)).toBe('more than £8,000');
  });

  it('does not say "more than" an amount that is exactly round', () => {
    expect(formatMoneyRoundedDown(8_000_00)).toBe('£8,000');
  });

  it('keeps a useful figure when the amount starts with 1 or 2', () => {
    expect(formatMoneyRoundedDown(15_600_00)).toBe('more than £15,000');
    expect(formatMoneyRoundedDown(1_750_00)).toBe('more than £1,500');
  });

  it('talks about small losses in words, and about no loss at all', () => {
    expect(formatMoneyRoundedDown(999_99)).toBe('hundreds of pounds');
    expect(formatMoneyRoundedDown(250_00)).toBe('hundreds of pounds');
    expect(formatMoneyRoundedDown(45_00)).toBe('less than £100');
    expect(formatMoneyRoundedDown(0)).toBe('no money');
  });

  it('uses millions for very large losses', () => {
    expect(formatMoneyRoundedDown(1_234_567_89)).toBe('more than £1 million');
    expect(formatMoneyRoundedDown(2_600_000_00)).toBe('more than £2.5 million');
  });

  it('never overstates a loss, and never understates it by more than 40%', () => {
    for (let pounds = 1_000; pounds < 5_000_000; pounds = Math.ceil(pounds * 1.37) + 7) {
      const pence = pounds * 100 + 37;
      const quoted = poundsIn(formatMoneyRoundedDown(pence));
      expect(quoted).toBeLessThanOrEqual(pence / 100);
      expect(quoted).toBeGreaterThanOrEqual(0.6 * (pence / 100));
    }
  });

  it('refuses negative and non-numeric amounts', () => {
    expect(() => formatMoneyRoundedDown(-1)).toThrow(RangeError);
    expect(() => formatMoneyRoundedDown(Number.NaN)).toThrow(RangeError);
  });
});
