import { appealParagraphs, appealWarningLabel, daysBetween, OFFICER_PLACEHOLDER, PLACEHOLDER_PATTERN } from '@scam/shared';
import type { AppealCheckResult, AppealCheckWarning, AppealDocument, AppealMark, AppealPart } from '@scam/shared';
import { formatDay, parseDay } from './dates.js';
import { checkDisclosure } from './disclosure.js';
import type { AppealIncident } from './types.js';

/** A period that ended longer ago than this is no longer "current" news (four weeks). */
export const STALE_AFTER_DAYS = 28;

/** One piece of the release the inspector edits: the title, a headline, a paragraph, the notes, the reference. */
export interface Segment {
  part: AppealPart;
  index: number;
  text: string;
}

/** The checked parts of a release in reading order. The officer's name is left out: it is meant to be named. */
export function segmentsOf(doc: Pick<AppealDocument, 'title' | 'highlights' | 'body' | 'reference' | 'notesToEditors'>): Segment[] {
  return [
    { part: 'title' as const, index: 0, text: doc.title.trim() },
    ...doc.highlights.map((text, index) => ({ part: 'highlight' as const, index, text: text.trim() })),
    ...appealParagraphs(doc.body).map((text, index) => ({ part: 'body' as const, index, text })),
    ...appealParagraphs(doc.notesToEditors).map((text, index) => ({ part: 'notes' as const, index, text })),
    { part: 'reference' as const, index: 0, text: doc.reference.trim() },
  ].filter((s) => s.text.length > 0);
}

/** "Paragraph 3", "Headline 2", "Title": where a segment is, as the inspector sees the release. */
export function describePlace(segment: Pick<Segment, 'part' | 'index'>, notesCount = 1): string {
  switch (segment.part) {
    case 'title':
      return 'Title';
    case 'highlight':
      return `Headline ${segment.index + 1}`;
    case 'body':
      return `Paragraph ${segment.index + 1}`;
    case 'notes':
      return notesCount > 1 ? `Notes to editors, paragraph ${segment.index + 1}` : 'Notes to editors';
    case 'reference':
      return 'Reference line';
  }
}

/**
 * Runs the disclosure checks over the whole release at once (so counts such as "only one person lost
 * money" see all of it) and maps each finding back to the part and the words it is about.
 */
export function locateDisclosures(segments: readonly Segment[], incidents: readonly AppealIncident[]): AppealCheckWarning[] {
  const starts: number[] = [];
  let text = '';
  for (const s of segments) {
    if (text) text += '\n\n';
    starts.push(text.length);
    text += s.text;
  }
  const notesCount = segments.filter((s) => s.part === 'notes').length;
  const segmentAt = (offset: number): number => {
    let i = starts.length - 1;
    while (i > 0 && (starts[i] as number) > offset) i -= 1;
    return i;
  };
  const where = (offset: number): string => {
    const s = segments[segmentAt(offset)];
    return s ? describePlace(s, notesCount) : 'The appeal';
  };
  return checkDisclosure(text, incidents, where).map((f) => {
    let at: AppealMark | null = null;
    if (f.start !== undefined && f.end !== undefined && segments.length > 0) {
      const i = segmentAt(f.start);
      const s = segments[i] as Segment;
      const base = starts[i] as number;
      at = { part: s.part, index: s.index, start: f.start - base, end: Math.min(f.end - base, s.text.length) };
    }
    return { key: `${f.code}:${f.message}`, code: f.code, label: appealWarningLabel(f.code), message: f.message, at };
  });
}

/** Square-bracketed gaps still in the release; the officer's placeholder counts as filled once a name is given. */
export function findPlaceholders(segments: readonly Segment[], officer: string): AppealCheckResult['placeholders'] {
  const found: AppealCheckResult['placeholders'] = [];
  const notesCount = segments.filter((s) => s.part === 'notes').length;
  for (const s of segments) {
    for (const m of s.text.matchAll(new RegExp(PLACEHOLDER_PATTERN.source, 'g'))) {
      const isOfficer = m[0] === OFFICER_PLACEHOLDER;
      if (isOfficer && officer.trim()) continue;
      const where = describePlace(s, notesCount);
      found.push({
        message: isOfficer
          ? `${where}: the quote still says "${OFFICER_PLACEHOLDER}". Type the name and rank of the officer quoted in "Officer quoted".`
          : `${where}: "${m[0]}" is a gap still to fill in.`,
        at: { part: s.part, index: s.index, start: m.index, end: m.index + m[0].length },
      });
    }
  }
  return found;
}

const CURRENT_WORDING = /\bPolice are issuing advice\b/i;

/**
 * A warning when the reports ended more than four weeks before the date of issue: the drafted lead
 * ("Police are issuing advice…") reads as news about calls still being made.
 */
export function stalePeriodWarning(periodEnd: string, issueDate: string, segments: readonly Segment[]): AppealCheckWarning | null {
  const days = daysBetween(periodEnd, issueDate);
  if (!(days > STALE_AFTER_DAYS)) return null;
  const end = parseDay(periodEnd, 'period end');
  const weeks = Math.floor(days / 7);
  const current = segments.find((s) => CURRENT_WORDING.test(s.text));
  const match = current ? CURRENT_WORDING.exec(current.text) : null;
  const age = weeks >= 104 ? `${Math.floor(days / 365)} years` : `${weeks} weeks`;
  const message =
    `The reports end on ${formatDay(end, true)}, ${age} before the date of issue. ` +
    (current
      ? `${describePlace(current)} says "${match?.[0] ?? ''}" as if the calls were happening now: say when they were made, or confirm the wording is right.`
      : 'Make sure the release says when the calls were made.');
  return {
    key: `stale_period:${periodEnd}:${issueDate}`,
    code: 'stale_period',
    label: appealWarningLabel('stale_period'),
    message,
    at: current && match ? { part: current.part, index: current.index, start: match.index, end: match.index + match[0].length } : null,
  };
}

/** Everything that stands between an edited release and its export. */
export function checkAppealDocument(doc: AppealDocument, incidents: readonly AppealIncident[], periodEnd: string): AppealCheckResult {
  const segments = segmentsOf(doc);
  const stale = stalePeriodWarning(periodEnd, doc.issueDate, segments);
  return {
    warnings: [...(stale ? [stale] : []), ...locateDisclosures(segments, incidents)],
    placeholders: findPlaceholders(segments, doc.officer),
    periodEnd,
  };
}
