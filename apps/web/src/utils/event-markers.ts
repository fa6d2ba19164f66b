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

/** Marker colours (Okabe–Ito, as the rest of the charts), dark enough against white for a 2 px line. */
export const EVENT_MARKER_COLOURS: Record<EventMarker['kind'], string> = {
  appeal_published: '#0072B2',
  arrest: '#AA3377',
  media_coverage: '#8A6100',
  other: '#444444',
  several: '#222222',
};
