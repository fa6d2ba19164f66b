import { NO_DATA_FILL, SEQUENTIAL_BLUES } from './palette';

/** Rounds up to 1, 2, 2.5 or 5 × a power of ten so legend bounds read as round numbers. */
export function niceCeil(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * power) return step * power;
  }
  return 10 * power;
}

export interface ChoroplethScale {
  /** Upper bound of each class, ascending; one per colour. */
  bounds: number[];
  colours: readonly string[];
}

/**
 * Equal-interval classes from zero to a round maximum. With ten districts, quantiles would put one or
 * two districts in each class and exaggerate small differences; equal steps keep the shading honest.
 */
export function choroplethScale(values: readonly number[], colours: readonly string[] = SEQUENTIAL_BLUES): ChoroplethScale {
  const max = niceCeil(Math.max(0, ...values));
  const classes = colours.length;
  if (max === 0) return { bounds: [], colours };
  // Integer counts need integer bounds; a max below the class count gets fewer, unit-wide classes.
  const step = max / classes;
  const bounds = colours.map((_, i) => (i === classes - 1 ? max : step * (i + 1)));
  return { bounds, colours };
}

export function fillFor(value: number | undefined, scale: ChoroplethScale): string {
  if (value === undefined || value <= 0 || scale.bounds.length === 0) return NO_DATA_FILL;
  const i = scale.bounds.findIndex((b) => value <= b);
  return scale.colours[i === -1 ? scale.colours.length - 1 : i] ?? NO_DATA_FILL;
}

export interface LegendItem {
  colour: string;
  label: string;
}

/** Legend rows: "None", then each class as "lower–upper" in the metric's own format. */
export function legendItems(scale: ChoroplethScale, format: (n: number) => string, integer: boolean): LegendItem[] {
  const items: LegendItem[] = [{ colour: NO_DATA_FILL, label: 'None' }];
  let lower = 0;
  scale.bounds.forEach((upper, i) => {
    const from = integer ? Math.floor(lower) + 1 : lower;
    const to = integer ? Math.floor(upper) : upper;
    if (integer && to < from) {
      lower = upper;
      return;
    }
    items.push({
      colour: scale.colours[i] ?? NO_DATA_FILL,
      label: from === to ? format(to) : `${format(from)}–${format(to)}`,
    });
    lower = upper;
  });
  return items;
}
