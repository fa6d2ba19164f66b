import { assessMembers } from '@scam/detection';
import type { DetectionQuestion, Method, NewerEvidence, SeriesAssessment, AssessmentKind, Series } from '@scam/shared';
import type { NewAssessment, SeriesAssessmentRow } from '../db/repos/series.repo.js';
import { parseStored, storedAssessmentEvidence, storedQuestion, storedReferences } from '../db/repos/stored-json.js';
import type { ServiceContext } from './context.js';

/**
 * Frozen assessments of saved series. An assessment is computed once — when a series is confirmed, or
 * when an analyst asks for a re-assessment — and stored as it was; nothing here ever changes one.
 */

/** Where an assessment's scan figures come from: a detected series as it stood, with its question. */
export interface AssessmentSource {
  series: Series;
  question: DetectionQuestion | null;
  dataVersion: number | null;
}

/**
 * The next assessment of `members`: their own figures and per-member evidence (computed now over the
 * stored records, so incidents added by hand are assessed like the rest) and, from `source`, the scan's
 * figures. Without a source (a series put together by hand, or one detection no longer finds) the scan
 * figures are null and the evidence is measured against the members' own centre and period.
 */
export function buildAssessment(
  ctx: ServiceContext,
  method: Method,
  members: readonly string[],
  source: AssessmentSource | null,
  made: { kind: AssessmentKind; by: string; note: string; dataVersion: number | null },
): NewAssessment {
  const incidents = ctx.repos.facts.forDetectionByReferences(members);
  const s = source?.series;
  const own = assessMembers(incidents, method, s ? { centre: s.centre, radiusKm: s.radiusKm, first: s.first, last: s.last } : null);
  // Members kept in the analyst's order; evidence in date order, as the matrix lists them.
  return {
    kind: made.kind,
    assessed_at: ctx.now(),
    assessed_by: made.by,
    data_version: made.dataVersion,
    detected_id: s?.id ?? null,
    question_json: source?.question ? JSON.stringify(source.question) : null,
    first_date: own?.first ?? null,
    last_date: own?.last ?? null,
    observed: s?.count ?? null,
    expected: s?.expected ?? null,
    p_value: s?.pValue ?? null,
    llr: s?.llr ?? null,
    relative_risk: s ? s.relativeRisk : null,
    // Members rolled back since are listed but not counted: the figures are of the reports held.
    reports: incidents.length,
    loss_pence: own?.lossPence ?? 0,
    victims_lost: own?.victimsLost ?? 0,
    members_json: JSON.stringify(members),
    evidence_json: JSON.stringify({
      explanation: s?.explanation ?? '',
      members: own?.evidence ?? [],
      detectedMembers: s?.incidents ?? [],
      centre: s?.centre ?? own?.centre ?? null,
      radiusKm: s?.radiusKm ?? own?.radiusKm ?? null,
    }),
    note: made.note,
  };
}

export function toAssessment(row: SeriesAssessmentRow): SeriesAssessment {
  const what = `assessment ${row.seq} of saved series ${row.series_id}`;
  const extra = parseStored(storedAssessmentEvidence, row.evidence_json, what);
  const question = row.question_json === null ? null : parseStored(storedQuestion, row.question_json, what);
  return {
    seq: row.seq,
    kind: row.kind,
    at: row.assessed_at,
    by: row.assessed_by,
    dataVersion: row.data_version,
    detectedId: row.detected_id,
    question: question as DetectionQuestion | null,
    first: row.first_date,
    last: row.last_date,
    observed: row.observed,
    expected: row.expected,
    pValue: row.p_value,
    llr: row.llr,
    relativeRisk: row.relative_risk,
    reports: row.reports,
    lossPence: row.loss_pence,
    victimsLost: row.victims_lost,
    members: parseStored(storedReferences, row.members_json, what),
    evidence: extra.members ?? [],
    explanation: extra.explanation,
    detectedMembers: extra.detectedMembers ?? [],
    centre: extra.centre,
    radiusKm: extra.radiusKm,
    note: row.note,
    redactedAt: row.redacted_at,
    erased: extra.erased,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((x) => set.has(x));
};

/**
 * Whether a detected series says something different from the assessment, as an analyst reads it: other
 * members, another observed count, an expected count that differs as shown (one decimal), or a p-value on
 * the other side of 0.05. A Monte-Carlo p-value moves a little with the seed and the replicates; that
 * alone is not newer evidence.
 */
function agreesWith(s: Series, a: SeriesAssessment): boolean {
  const significant = (p: number | null) => p !== null && p <= 0.05;
  return (
    sameSet(s.incidents, a.detectedMembers) &&
    s.count === a.observed &&
    a.expected !== null &&
    s.expected.toFixed(1) === a.expected.toFixed(1) &&
    significant(s.pValue) === significant(a.pValue)
  );
}

/**
 * A stored detected series, updated after the latest assessment, that shares most of its members and
 * disagrees with it (other members, or other figures): the page offers it and waits for the analyst.
 * A series detection merely found again, unchanged, is not news.
 */
export function newerEvidence(
  ctx: ServiceContext,
  method: Method,
  latest: SeriesAssessment,
  parse: (json: string, id: string) => Series,
): NewerEvidence | null {
  const candidates = ctx.repos.detectedSeries.overlapping(method, latest.members);
  const ordered = latest.detectedId ? [{ id: latest.detectedId, shared: Infinity }, ...candidates] : candidates;
  for (const c of ordered) {
    const row = ctx.repos.detectedSeries.get(c.id);
    if (!row || row.updated_at <= latest.at) continue;
    const s = parse(row.series_json, row.id);
    const shared = c.shared === Infinity ? s.incidents.filter((r) => latest.members.includes(r)).length : c.shared;
    // The same rule that gives a growing series its stored id: most members of the smaller in common.
    if (shared < 0.5 * Math.min(s.count, latest.members.length) || shared === 0) continue;
    const agrees = agreesWith(s, latest);
    if (agrees) return null;
    const assessed = new Set(latest.members);
    const detected = new Set(s.incidents);
    return {
      detectedId: s.id,
      updatedAt: row.updated_at,
      foundBy: row.found_by,
      count: s.count,
      expected: s.expected,
      pValue: s.pValue,
      relativeRisk: s.relativeRisk,
      membersIn: s.incidents.filter((r) => !assessed.has(r)),
      membersOut: latest.members.filter((r) => !detected.has(r)),
    };
  }
  return null;
}

/**
 * Erasure (of a rolled-back import) takes incidents no longer stored out of every assessment that names
 * them: their references leave the members, and their evidence (date, place, reasons) goes. The figures
 * stay as they were computed — a historical statement — and the assessment says how many were erased
 * and when. Returns how many assessments were redacted.
 */
export function redactErased(ctx: ServiceContext): number {
  const now = ctx.now();
  const rows = ctx.repos.series.assessmentsNamingOrphans();
  for (const row of rows) {
    const members = parseStored(storedReferences, row.members_json, `assessment ${row.id}`);
    const held = ctx.repos.incidents.findByReferences(members);
    const extra = parseStored(storedAssessmentEvidence, row.evidence_json, `assessment ${row.id}`);
    const kept = members.filter((r) => held.has(r));
    ctx.repos.series.redactAssessment(
      row.id,
      JSON.stringify(kept),
      JSON.stringify({
        ...extra,
        members: (extra.members ?? []).filter((e) => held.has(e.reference)),
        detectedMembers: (extra.detectedMembers ?? []).filter((r) => held.has(r)),
        erased: extra.erased + members.length - kept.length,
      }),
      now,
    );
  }
  return rows.length;
}
