import { nextBucket, TIMELINE_EVENT_KIND_LABELS } from '@scam/shared';
import type { Interval, TimelineEvent, TimelineEventKind } from '@scam/shared';

/** One vertical marker on a time chart: the events that fall in one bucket, drawn at its category. */
export interface EventMarker {
  /** The bucket's axis label: a categorical axis places a reference line by category, not by date. */
  x: string;
  start: string;
  /** Short text beside the line: the title, or how many events when there are several. */
  label: string;
  kind: TimelineEventKind | 'several';
  events: TimelineEvent[];
}

/** Longest marker label in characters; the list beneath the chart carries the whole title. */
export const MARKER_LABEL_MAX = 28;

function shortLabel(text: string): string {
  return text.length <= MARKER_LABEL_MAX ? text : `${text.slice(0, MARKER_LABEL_MAX - 1).trimEnd()}…`;
}

/**
 * Places events on a chart's buckets: each event goes to the bucket whose period holds its day, events
 * in the same bucket share one marker, and events outside the drawn buckets are left off (the list
 * beneath the chart still names them).
 */
export function eventMarkers(
  events: readonly TimelineEvent[],
  rows: readonly { start: string; label: string }[],
  interval: Interval | 'day',
): EventMarker[] {
  if (rows.length === 0) return [];
  const sorted = [...rows].sort((a, b) => a.start.localeCompare(b.start));
  const byStart = new Map<string, EventMarker>();
  for (const e of [...events].sort((a, b) => a.day.localeCompare(b.day) || a.id - b.id)) {
    // Buckets are few (a few hundred at most), so a scan is clearer than a search.
    const row = sorted.find((r) => r.start <= e.day && e.day < nextBucket(r.start, interval));
    if (!row) continue;
    const marker = byStart.get(row.start);
    if (marker) marker.events.push(e);
    else byStart.set(row.start, { x: row.label, start: row.start, label: '', kind: e.kind, events: [e] });
  }
  return [...byStart.values()].map((m) => {
    const only = m.events.length === 1 ? m.events[0] : undefined;
    return only
      ? { ...m, label: shortLabel(only.title), kind: only.kind }
      : { ...m, label: `${m.events.length} events`, kind: 'several' as const };
  });
}

/** What a marker says to a screen reader or in a tooltip: every event, kind first. */
export function markerDescription(m: EventMarker): string {
  return m.events.map((e) => `${TIMELINE_EVENT_KIND_LABELS[e.kind]}: ${e.title}`).join('; ');
}

/** Where one marker's label is drawn: beside its line, on one of the rows under the chart's top edge. */
export interface MarkerLabelPlacement {
  /** What is drawn: the label, or as much of it as fits with an ellipsis, or '' when nothing readable fits. */
  text: string;
  /** 'start': to the right of the line; 'end': to its left. */
  anchor: 'start' | 'end';
  row: number;
  /** Shorter than the marker's label: the full text is in the marker's title and the list beneath the chart. */
  abbreviated: boolean;
}

/** Fewer characters than this before the ellipsis are not worth drawing. */
export const MIN_ABBREVIATION = 3;

interface Span {
  from: number;
  to: number;
}

/**
 * Lays out the markers' labels inside the plot, none cut off at its edge and none over another: each
 * label goes to the right of its line, or to the left where the right has no room (the last weeks of a
 * chart), on the first row where it is clear of the labels already placed; a label with room nowhere
 * is shortened to the widest gap there is, with an ellipsis. `measure` gives a text's drawn width.
 * Labels are placed left to right; the answer is in the order of `items`.
 */
export function layoutMarkerLabels(
  items: readonly { x: number; text: string }[],
  bounds: { left: number; right: number },
  measure: (text: string) => number,
  /** `gap`: from a line to its label; `spacing`: between two labels on a row (room for their halos). */
  { gap = 4, spacing = 8, rows = 2 }: { gap?: number; spacing?: number; rows?: number } = {},
): MarkerLabelPlacement[] {
  const taken: Span[][] = Array.from({ length: rows }, () => []);
  const clear = (row: number, span: Span) =>
    span.from >= bounds.left &&
    span.to <= bounds.right &&
    (taken[row] ?? []).every((t) => span.to + spacing <= t.from || t.to + spacing <= span.from);
  /** The free stretch beside the line on one side, within the plot and clear of the labels placed on `row`. */
  const room = (row: number, x: number, side: 'start' | 'end'): number => {
    const spans = taken[row] ?? [];
    const at = side === 'start' ? x + gap : x - gap;
    if (spans.some((t) => t.from - spacing < at && at < t.to + spacing)) return 0;
    if (side === 'start') return Math.min(bounds.right, ...spans.filter((t) => t.from >= at).map((t) => t.from - spacing)) - at;
    return at - Math.max(bounds.left, ...spans.filter((t) => t.to <= at).map((t) => t.to + spacing));
  };
  const span = (x: number, width: number, side: 'start' | 'end'): Span =>
    side === 'start' ? { from: x + gap, to: x + gap + width } : { from: x - gap - width, to: x - gap };

  const out = new Array<MarkerLabelPlacement>(items.length);
  const order = items.map((item, i) => ({ ...item, i })).sort((a, b) => a.x - b.x || a.i - b.i);
  for (const item of order) {
    const width = measure(item.text);
    let placed: MarkerLabelPlacement | null = null;
    for (let row = 0; row < rows && !placed; row++) {
      for (const side of ['start', 'end'] as const) {
        const s = span(item.x, width, side);
        if (clear(row, s)) {
          taken[row]!.push(s);
          placed = { text: item.text, anchor: side, row, abbreviated: false };
          break;
        }
      }
    }
    if (!placed) {
      // Nowhere wide enough: the widest gap, and as much of the label as fits in it.
      let best = { row: 0, side: 'start' as 'start' | 'end', room: -Infinity };
      for (let row = 0; row < rows; row++) {
        for (const side of ['start', 'end'] as const) {
          const r = room(row, item.x, side);
          if (r > best.room) best = { row, side, room: r };
        }
      }
      const text = abbreviate(item.text, best.room, measure);
      if (text) taken[best.row]!.push(span(item.x, measure(text), best.side));
      placed = { text, anchor: best.side, row: best.row, abbreviated: true };
    }
    out[item.i] = placed;
  }
  return out;
}

/** The longest start of `text` that fits `width` with an ellipsis, or '' when too little of it would. */
function abbreviate(text: string, width: number, measure: (text: string) => number): string {
  const chars = [...text];
  for (let n = chars.length - 1; n >= MIN_ABBREVIATION; n--) {
    const candidate = `${chars.slice(0, n).join('').trimEnd()}…`;
    if (measure(candidate) <= width) return candidate;
  }
  return '';
}

/** Marker colours (Okabe–Ito, as the rest of the charts), dark enough against white for a 2 px line. */
export const EVENT_MARKER_COLOURS: Record<EventMarker['kind'], string> = {
  appeal_published: '#0072B2',
  arrest: '#AA3377',
  media_coverage: '#8A6100',
  other: '#444444',
  several: '#222222',
};
