/**
 * What a chart tooltip lists, shaped from the entries recharts hands its tooltip content. The series
 * colour goes to a swatch beside each line, never to the text: several of the palette's colours
 * (#E69F00 is 2.25:1 on white) are too light to read as text, and are fine as a patch of colour.
 */

/** The fields of a recharts tooltip entry this reads (bars carry `fill`, lines `stroke`; both `color`). */
export interface TooltipEntryLike {
  name?: string | number;
  value?: unknown;
  color?: string;
  fill?: string;
  stroke?: string;
  dataKey?: unknown;
}

export interface TooltipLine {
  key: string;
  name: string;
  /** The series colour, for the swatch. */
  colour: string;
  /** Drawn as a dashed line on the chart: the swatch is a dashed stroke, so the two can be matched. */
  dashed: boolean;
  value: string;
}

/** A neutral grey for an entry that carries no colour of its own. */
const NO_COLOUR = '#767676';

/**
 * One line per entry, in the chart's own order; `format` is handed null where a bucket has no value.
 * `dashed` names the series drawn as dashed lines (recharts does not pass a line's dashes to its tooltip).
 */
export function tooltipLines(
  entries: readonly TooltipEntryLike[] | undefined,
  format: (value: number | null, name: string) => string,
  dashed: ReadonlySet<string> = new Set(),
): TooltipLine[] {
  return (entries ?? []).map((e, i) => {
    const name = e.name === undefined ? '' : String(e.name);
    const raw = e.value;
    const value = raw === null || raw === undefined || raw === '' || Number.isNaN(Number(raw)) ? null : Number(raw);
    return {
      key: `${typeof e.dataKey === 'string' || typeof e.dataKey === 'number' ? e.dataKey : name}:${i}`,
      name,
      colour: e.color ?? e.fill ?? e.stroke ?? NO_COLOUR,
      dashed: dashed.has(name),
      value: format(value, name),
    };
  });
}

/** The bucket's title, from the row under the pointer (every row of the time charts carries its `start`). */
export function tooltipTitle(entries: readonly { payload?: unknown }[] | undefined, titleFor: (start: string) => string): string {
  const row = entries?.[0]?.payload;
  const start = row && typeof row === 'object' && 'start' in row ? (row as { start: unknown }).start : undefined;
  return typeof start === 'string' ? titleFor(start) : '';
}
