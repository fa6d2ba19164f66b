const POUNDS = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/**
 * A loss as an appeal states it: rounded DOWN so the figure is never overstated, to a step that reads
 * naturally ("more than £70,000" for £71,234.56, "more than £15,000" for £15,600).
 *
 * - nothing lost → "no money"
 * - under £100 → "less than £100" ("hundreds of pounds" would overstate it)
 * - under £1,000 → "hundreds of pounds"
 * - otherwise one significant figure, or steps of 5 when the figure starts with 1 or 2 (so £19,999 is not
 *   cut to £10,000); "more than" is dropped when the amount is exactly that figure.
 */
export function formatMoneyRoundedDown(pence: number): string {
  if (!Number.isFinite(pence) || pence < 0) {
    throw new RangeError(`a loss must be a non-negative number of pence, got ${pence}`);
  }
  const wholePence = Math.floor(pence);
  if (wholePence === 0) return 'no money';
  if (wholePence < 100_00) return 'less than £100';
  if (wholePence < 1_000_00) return 'hundreds of pounds';

  const pounds = wholePence / 100;
  const magnitude = 10 ** Math.floor(Math.log10(pounds));
  const leading = Math.floor(pounds / magnitude);
  const step = leading < 3 ? magnitude / 2 : magnitude;
  const rounded = Math.floor(pounds / step) * step;
  const figure = rounded >= 1_000_000 ? `£${formatMillions(rounded)} million` : `£${POUNDS.format(rounded)}`;
  return rounded === pounds ? figure : `more than ${figure}`;
}

function formatMillions(pounds: number): string {
  const millions = pounds / 1_000_000;
  return Number.isInteger(millions) ? String(millions) : millions.toFixed(1).replace(/\.0$/, '');
}
