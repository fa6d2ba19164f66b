import { METHOD_LABELS, OUTCOME_LABELS } from '@scam/shared';
import type { Method, Outcome, TimeBucket } from '@scam/shared';
import { addDays, daysInclusive, parseDay } from '@scam/shared';
import { formatDate, formatDayMonth } from './format';
import { OUTCOME_COLOURS } from './palette';

export type TimelineInterval = 'day' | 'week';

export interface TimelineWindow {
  from: string;
  to: string;
  interval: TimelineInterval;
}

/** Monday of the week holding `iso` (the API's weeks start on Monday). */
export function mondayOf(iso: string): string {
  const dow = parseDay(iso).getUTCDay();
  return addDays(iso, -((dow + 6) % 7));
}

/**
 * The span shown around a series: half its length again on each side (at least two weeks, at most
 * eight) so the reader sees what "normal" looked like before and after. Daily bars while they stay
 * readable (about three months), weekly beyond.
 */
export function timelineWindow(first: string, last: string): TimelineWindow {
  const span = daysInclusive(first, last);
  const pad = Math.min(56, Math.max(14, Math.round(span / 2)));
  const from = addDays(first, -pad);
  const to = addDays(last, pad);
  const interval: TimelineInterval = daysInclusive(from, to) <= 92 ? 'day' : 'week';
  return interval === 'week' ? { from: mondayOf(from), to, interval } : { from, to, interval };
}

export interface TimelineMember {
  offenceDate: string;
  /** null while the incident's details have not been loaded. */
  outcome: Outcome | null;
}

export interface TimelineRow {
  start: string;
  label: string;
  lost: number;
  attempted: number;
  prevented: number;
  /** Members whose outcome is not known here. */
  member: number;
  /** Reports of the same method in the same districts that are not in the series: the context. */
  other: number;
  inSeries: boolean;
}

/**
 * Rows for the series timeline: members stacked by outcome, and the other reports of the same method
 * in the same districts (context minus members, never below zero) on top. Every bucket of the
 * window is present, so quiet days show as gaps.
 */
export function shapeTimeline(
  window: TimelineWindow,
  series: { first: string; last: string },
  members: readonly TimelineMember[],
  context: readonly Pick<TimeBucket, 'start' | 'reports'>[] | null,
): TimelineRow[] {
  const step = window.interval === 'week' ? 7 : 1;
  const keyOf = (iso: string) => (window.interval === 'week' ? mondayOf(iso) : iso);
  const rows = new Map<string, TimelineRow>();
  // Bounded so a malformed window cannot spin forever.
  for (let cursor = keyOf(window.from), i = 0; cursor <= window.to && i < 2000; cursor = addDays(cursor, step), i += 1) {
    const end = addDays(cursor, step - 1);
    rows.set(cursor, {
      start: cursor,
      label: formatDayMonth(cursor),
      lost: 0,
      attempted: 0,
      prevented: 0,
      member: 0,
      other: 0,
      inSeries: end >= series.first && cursor <= series.last,
    });
  }
  const membersPer = new Map<string, number>();
  for (const m of members) {
    const row = rows.get(keyOf(m.offenceDate));
    if (!row) continue;
    row[m.outcome ?? 'member'] += 1;
    membersPer.set(row.start, (membersPer.get(row.start) ?? 0) + 1);
  }
  for (const b of context ?? []) {
    const row = rows.get(keyOf(b.start));
    if (row) row.other += b.reports;
  }
  for (const row of rows.values()) row.other = Math.max(0, row.other - (membersPer.get(row.start) ?? 0));
  return [...rows.values()];
}

export function timelineTitle(start: string, interval: TimelineInterval): string {
  return interval === 'week' ? `Week from ${formatDate(start)}` : formatDate(start);
}

export interface TimelineSeriesDef {
  key: 'lost' | 'attempted' | 'prevented' | 'member' | 'other';
  label: string;
  colour: string;
}

/** Grey for "not in the series": the context recedes and the Okabe–Ito outcome colours carry the series. */
const CONTEXT_GREY = '#BDBDBD';

/**
 * The grey bars' name. Not "Other <method>": for the method called "Other phone scam" that read "Other
 * other phone scam reports".
 */
export function contextLabel(method: Method): string {
  return `${METHOD_LABELS[method]} reports in these districts, not in the series`;
}

export function timelineSeriesDefs(method: Method): TimelineSeriesDef[] {
  return [
    { key: 'lost', label: `In series: ${OUTCOME_LABELS.lost.toLowerCase()}`, colour: OUTCOME_COLOURS.lost },
    { key: 'attempted', label: `In series: ${OUTCOME_LABELS.attempted.toLowerCase()}`, colour: OUTCOME_COLOURS.attempted },
    { key: 'prevented', label: `In series: ${OUTCOME_LABELS.prevented.toLowerCase()}`, colour: OUTCOME_COLOURS.prevented },
    { key: 'member', label: 'In series: outcome not loaded', colour: '#555555' },
    { key: 'other', label: contextLabel(method), colour: CONTEXT_GREY },
  ];
}
