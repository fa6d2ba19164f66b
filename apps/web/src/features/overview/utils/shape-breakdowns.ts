import { AGE_BANDS, METHOD_LABELS } from '@scam/shared';
import type { Breakdowns } from '@scam/shared';
import { METHOD_COLOURS, NEUTRAL_BAR } from '../../../utils/palette';
import { withholdAreaLoss } from '../../../utils/small-area-losses';
import type { Measure } from './shape-timeseries';

export interface BarRow {
  /** The value the filter takes (a method code, a district name, an age band). */
  key: string;
  label: string;
  value: number;
  /** Width relative to the largest bar, 0–1. */
  fraction: number;
  colour: string;
  selected: boolean;
  /** A loss total withheld from print (too few people lost money there): value and width are 0. */
  withheld?: boolean;
}

function toRows(
  items: { key: string; label: string; reports: number; lossPence: number; colour?: string }[],
  measure: Measure,
  selected: readonly string[],
): BarRow[] {
  const value = (i: { reports: number; lossPence: number }) => (measure === 'reports' ? i.reports : i.lossPence);
  const max = Math.max(0, ...items.map(value));
  return items.map((i) => ({
    key: i.key,
    label: i.label,
    value: value(i),
    fraction: max > 0 ? value(i) / max : 0,
    colour: i.colour ?? NEUTRAL_BAR,
    selected: selected.includes(i.key),
  }));
}

const byValueDesc = (measure: Measure) => (a: { reports: number; lossPence: number; label: string }, b: typeof a) => {
  const d = measure === 'reports' ? b.reports - a.reports : b.lossPence - a.lossPence;
  return d !== 0 ? d : a.label.localeCompare(b.label);
};

/** Methods, largest first, in their Okabe–Ito colours. */
export function methodBars(b: Breakdowns, measure: Measure, selected: readonly string[]): BarRow[] {
  const items = b.byMethod
    .map((m) => ({
      key: m.method,
      label: METHOD_LABELS[m.method],
      reports: m.reports,
      lossPence: m.lossPence,
      colour: METHOD_COLOURS[m.method],
    }))
    .sort(byValueDesc(measure));
  return toRows(items, measure, selected);
}

/** Districts, largest first. The filter takes the district's name. */
export function districtBars(b: Breakdowns, measure: Measure, selected: readonly string[]): BarRow[] {
  const items = b.byDistrict
    .map((d) => ({ key: d.name, label: d.name, reports: d.reports, lossPence: d.lossPence }))
    .sort(byValueDesc(measure));
  return toRows(items, measure, selected);
}

/** Age bands stay in age order: sorting them by size would hide the age profile. */
export function ageBars(b: Breakdowns, measure: Measure, selected: readonly string[]): BarRow[] {
  const order = new Map<string, number>(AGE_BANDS.map((band, i) => [band, i]));
  const items = [...b.byAgeBand]
    .sort((x, y) => (order.get(x.ageBand) ?? 99) - (order.get(y.ageBand) ?? 99))
    .map((a) => ({ key: a.ageBand, label: a.ageBand === 'unknown' ? 'Unknown' : a.ageBand, reports: a.reports, lossPence: a.lossPence }));
  return toRows(items, measure, selected);
}

/**
 * District loss bars for print: a district where fewer than three people lost money shows no total, and
 * no bar either (its length against the others would give the total away), and goes to the end of the
 * list in name order (its place in a list sorted by loss would bound it too). When that leaves a single
 * district withheld, the smallest other loss is withheld with it: the sheet prints the total lost, and
 * the total less the districts shown would otherwise be the one withheld. The other bars are scaled to
 * the largest shown. `lossReports` is the breakdown of the reports with money lost, read with the same
 * filters (`lossesOnly`); null when no report can have lost money.
 */
export function withholdSmallDistrictLosses(rows: readonly BarRow[], lossReports: Breakdowns | null): BarRow[] {
  const losses = new Map((lossReports?.byDistrict ?? []).map((d) => [d.name, d.reports]));
  const hidden = new Set(rows.filter((r) => withholdAreaLoss(r.value, losses.get(r.key) ?? 0)).map((r) => r.key));
  if (hidden.size === 1) {
    const smallest = rows
      .filter((r) => !hidden.has(r.key) && r.value > 0)
      .sort((a, b) => a.value - b.value || a.label.localeCompare(b.label))[0];
    if (smallest) hidden.add(smallest.key);
  }
  const shown = rows.filter((r) => !hidden.has(r.key));
  const max = Math.max(0, ...shown.map((r) => r.value));
  return [
    ...shown.map((r) => ({ ...r, fraction: max > 0 ? r.value / max : 0 })),
    ...rows
      .filter((r) => hidden.has(r.key))
      .sort((a, b) => a.label.localeCompare(b.label))
      .map((r) => ({ ...r, value: 0, fraction: 0, withheld: true })),
  ];
}
