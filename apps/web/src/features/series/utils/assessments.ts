import { ASSESSMENT_KIND_LABELS, type SeriesAssessment, type SeriesMemberEvidence } from '@scam/shared';
import { formatCount, formatDate, formatMoney, formatTimestamp } from '../../../utils/format';
import { formatPValue } from './series-status';

export { ASSESSMENT_KIND_LABELS };

/**
 * Where the figures on screen and on paper come from, in one line:
 * "Assessment 2 of 3 · re-assessed by ana.lyst on 7 Dec 2026, 14:02 · data version 41,230".
 */
export function assessmentSource(a: SeriesAssessment, total: number): string {
  const version = a.dataVersion === null ? 'data version not recorded' : `data version ${formatCount(a.dataVersion)}`;
  return `Assessment ${a.seq} of ${total} · ${ASSESSMENT_KIND_LABELS[a.kind]} by ${a.by} on ${formatTimestamp(a.at)} · ${version}`;
}

/** "13 observed vs 2.9 expected", or what stands in for it without scan figures. */
export function observedText(a: Pick<SeriesAssessment, 'observed' | 'expected' | 'detectedId'>): string {
  if (a.observed === null || a.expected === null)
    return a.detectedId ? 'linked by shared details' : 'put together by hand: no scan figures';
  return `${formatCount(a.observed)} observed vs ${a.expected.toFixed(1)} expected`;
}

/** Districts of the assessed members, most first: from the frozen evidence, not the records as they are now. */
export function assessedDistricts(evidence: readonly SeriesMemberEvidence[]): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of evidence) counts.set(e.district, (counts.get(e.district) ?? 0) + 1);
  return [...counts.entries()].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

export interface FigureChange {
  label: string;
  before: string;
  after: string;
}

export interface AssessmentDiff {
  /** Members of the later assessment that the earlier one did not have, and the other way round. */
  membersIn: string[];
  membersOut: string[];
  /** Only the figures that differ, as they are shown. */
  figures: FigureChange[];
}

const show = {
  count: (n: number | null) => (n === null ? '—' : formatCount(n)),
  expected: (n: number | null) => (n === null ? '—' : n.toFixed(1)),
  p: (p: number | null) => (p === null ? '—' : formatPValue(p)),
  rr: (r: number | null) => (r === null || r <= 0 ? '—' : `${r.toFixed(1)}×`),
  period: (a: SeriesAssessment) => (a.first && a.last ? `${formatDate(a.first)} – ${formatDate(a.last)}` : '—'),
};

/** What changed from assessment `a` to the later `b`: members in and out, and each figure that moved. */
export function diffAssessments(a: SeriesAssessment, b: SeriesAssessment): AssessmentDiff {
  const before = new Set(a.members);
  const after = new Set(b.members);
  const rows: FigureChange[] = [
    { label: 'Reports', before: show.count(a.reports), after: show.count(b.reports) },
    { label: 'Observed', before: show.count(a.observed), after: show.count(b.observed) },
    { label: 'Expected', before: show.expected(a.expected), after: show.expected(b.expected) },
    { label: 'p-value', before: show.p(a.pValue), after: show.p(b.pValue) },
    { label: 'Relative risk', before: show.rr(a.relativeRisk), after: show.rr(b.relativeRisk) },
    { label: 'Lost', before: formatMoney(a.lossPence), after: formatMoney(b.lossPence) },
    { label: 'Victims who lost money', before: show.count(a.victimsLost), after: show.count(b.victimsLost) },
    { label: 'Period', before: show.period(a), after: show.period(b) },
  ];
  return {
    membersIn: b.members.filter((r) => !before.has(r)),
    membersOut: a.members.filter((r) => !after.has(r)),
    figures: rows.filter((r) => r.before !== r.after),
  };
}
