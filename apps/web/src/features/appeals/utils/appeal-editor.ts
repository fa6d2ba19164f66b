import { appealParagraphs, fillOfficer, toDay } from '@scam/shared';
import type { AppealCheckResult, AppealDocument, AppealDraft, AppealMark, AppealPart } from '@scam/shared';
import type { Publishable } from './appeal-export';

/** The release as first drafted: the generated text, today's date of issue and the unit's usual notes. */
export function initialDocument(draft: AppealDraft, today: string = toDay(new Date())): AppealDocument {
  return {
    title: draft.title,
    highlights: [...draft.highlights],
    body: draft.body,
    issueDate: today,
    reference: 'Ref: Serious Fraud and Cyber Unit appeal',
    officer: '',
    notesToEditors:
      'Action Fraud is the UK’s national reporting centre for fraud and cyber crime: 0300 123 2040.\n\nInterviews can be arranged through the press office.',
  };
}

/** A stretch of a paragraph, marked (with the number shown beside the warning) or plain. */
export interface MarkedPiece {
  text: string;
  /** 1-based number of the warning or gap it belongs to; null for plain text. */
  mark: number | null;
  kind: 'warning' | 'placeholder' | null;
}

export interface NumberedMark extends AppealMark {
  number: number;
  kind: 'warning' | 'placeholder';
}

/**
 * Cuts one paragraph into plain and marked pieces. Marks that overlap one already placed are left out
 * of the text (their warning is still listed), so no word is marked twice.
 */
export function markPieces(text: string, marks: readonly NumberedMark[]): MarkedPiece[] {
  const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces: MarkedPiece[] = [];
  let at = 0;
  for (const m of sorted) {
    const start = Math.max(0, Math.min(m.start, text.length));
    const end = Math.max(start, Math.min(m.end, text.length));
    if (start < at || end === start) continue;
    if (start > at) pieces.push({ text: text.slice(at, start), mark: null, kind: null });
    pieces.push({ text: text.slice(start, end), mark: m.number, kind: m.kind });
    at = end;
  }
  if (at < text.length || pieces.length === 0) pieces.push({ text: text.slice(at), mark: null, kind: null });
  return pieces;
}

/** Every located warning and gap, numbered as the list beside the preview numbers them. */
export function numberedMarks(check: AppealCheckResult): NumberedMark[] {
  const warnings = check.warnings.flatMap((w, i) => (w.at ? [{ ...w.at, number: i + 1, kind: 'warning' as const }] : []));
  const gaps = check.placeholders.map((p, i) => ({ ...p.at, number: check.warnings.length + i + 1, kind: 'placeholder' as const }));
  return [...warnings, ...gaps];
}

export function marksFor(marks: readonly NumberedMark[], part: AppealPart, index: number): NumberedMark[] {
  return marks.filter((m) => m.part === part && m.index === index);
}

export interface ExportGate {
  blocked: boolean;
  /** Why, in plain words, for the message beside the disabled buttons. */
  reasons: string[];
}

/**
 * Whether the release may be exported: the checks must be for the text as it stands now, every gap
 * filled, and every warning fixed or acknowledged.
 */
export function exportGate(check: AppealCheckResult | undefined, upToDate: boolean, acknowledged: ReadonlySet<string>): ExportGate {
  if (!check || !upToDate) return { blocked: true, reasons: ['Checking the text…'] };
  const reasons: string[] = [];
  if (check.placeholders.length > 0) {
    reasons.push(
      check.placeholders.length === 1
        ? `Fill the gap still in the text: ${check.placeholders[0]?.message ?? ''}`
        : `Fill the ${check.placeholders.length} gaps still in the text.`,
    );
  }
  const open = check.warnings.filter((w) => !acknowledged.has(w.key)).length;
  if (open > 0) {
    reasons.push(
      open === 1
        ? 'Fix the warning, or tick “I have checked this” beside it.'
        : `Fix the ${open} warnings, or tick “I have checked this” beside each.`,
    );
  }
  return { blocked: reasons.length > 0, reasons };
}

/** The ticked warnings that the text still raises, by key: what an export or a saved version carries. */
export function acknowledgedKeys(check: AppealCheckResult | undefined, ticked: ReadonlySet<string>): string[] {
  return (check?.warnings ?? []).filter((w) => ticked.has(w.key)).map((w) => w.key);
}

/** The text that is published: title, headlines and body with the officer named, then ENDS and the notes. */
export function publishable(doc: AppealDocument): Publishable {
  const fill = (text: string) => fillOfficer(text, doc.officer);
  const header = [`Date of issue: ${doc.issueDate}`, doc.reference.trim()].filter(Boolean).join('\n');
  const notes = appealParagraphs(doc.notesToEditors);
  const body = [header, fill(doc.body), 'ENDS', ...(notes.length ? ['Notes to editors', ...notes] : [])].join('\n\n');
  return { title: fill(doc.title), highlights: doc.highlights.map(fill).filter((h) => h.trim().length > 0), body };
}
