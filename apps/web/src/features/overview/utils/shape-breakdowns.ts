import { AGE_BANDS, METHOD_LABELS } from '@scam/shared';
import type { Breakdowns } from '@scam/shared';
import { METHOD_COLOURS, NEUTRAL_BAR } from '../../../utils/palette';
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
