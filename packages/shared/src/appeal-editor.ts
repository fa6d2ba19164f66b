import { z } from 'zod';
import { dayNumber } from './calendar.js';
import { plainText } from './text.js';
import { appealExportSchema, appealRequestSchema } from './series.js';
import type { AppealRequest } from './series.js';

/** Stands in the drafted quote until the inspector names the officer quoted ("Officer quoted" field). */
export const OFFICER_PLACEHOLDER = '[Name and rank of officer]';

/** Anything still in square brackets is a gap left to fill: releases never use square brackets. */
export const PLACEHOLDER_PATTERN = /\[[^[\]\n]{1,120}\]/g;

const realDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(dayNumber(s)) && s >= '1900-01-01' && s <= '2099-12-31', 'is not a real calendar date');

/** A press release as the inspector edits it: the drafted text plus the release's own header and footer. */
export const appealDocumentSchema = z
  .object({
    title: plainText({ min: 1, max: 300, required: 'an appeal needs a title' }),
    highlights: z.array(plainText({ max: 1000 })).max(20),
    body: plainText({ max: 50_000, multiline: true }),
    /** Date of issue printed at the head of the release. */
    issueDate: realDay,
    /** The press office's reference line ("Ref: SFCU appeal, Watford courier series"). */
    reference: plainText({ max: 300 }),
    /** Name and rank of the officer quoted; fills OFFICER_PLACEHOLDER. */
    officer: plainText({ max: 200 }),
    notesToEditors: plainText({ max: 10_000, multiline: true }),
  })
  .strict();
export type AppealDocument = z.output<typeof appealDocumentSchema>;

/** `POST /api/appeals/check` and `POST /api/appeals/drafts`: the text, and what it is an appeal about. */
export const appealDocumentRequestSchema = z.object({ source: appealRequestSchema, document: appealDocumentSchema }).strict();
export type AppealDocumentRequest = z.output<typeof appealDocumentRequestSchema>;

/**
 * `POST /api/appeals/drafts`: a version is saved with the warnings its author acknowledged (by `key`),
 * so that exporting it later (the print page) passes the same check without asking again.
 */
export const appealDraftSaveSchema = appealDocumentRequestSchema.extend({
  acknowledged: z.array(z.string().max(2000)).max(200).optional(),
});
export type AppealDraftSave = z.output<typeof appealDraftSaveSchema>;

/** `GET /api/appeals/drafts?source=…`: one source's versions (its `appealSourceKey`), or all of the user's. */
export const appealDraftListQuerySchema = z.object({ source: z.string().max(8000).optional() }).strict();

/**
 * `POST /api/appeals/exports` with the edited text: the server checks it again and refuses the export
 * while a gap is unfilled or a warning is neither fixed nor acknowledged (by its `key`).
 */
export const appealEditedExportSchema = appealExportSchema.extend({
  document: appealDocumentSchema.optional(),
  acknowledged: z.array(z.string().max(2000)).max(200).optional(),
  draftId: z.number().int().positive().optional(),
});

/**
 * `POST /api/appeals/exports.docx`: the edited text as a Word document. The same checks and record as
 * an edited export, with the title taken from the document; the answer is the file.
 */
export const appealDocxExportSchema = appealEditedExportSchema
  .omit({ title: true, format: true, warnings: true })
  .extend({ document: appealDocumentSchema });
export type AppealDocxExport = z.output<typeof appealDocxExportSchema>;

/** Where in the release some words are: `index` counts headlines or paragraphs from 0. */
export type AppealPart = 'title' | 'highlight' | 'body' | 'notes' | 'reference';
export interface AppealMark {
  part: AppealPart;
  index: number;
  start: number;
  end: number;
}

export interface AppealCheckWarning {
  /** Stable while the words and their place stay the same; what an acknowledgement names. */
  key: string;
  code: string;
  /** The kind of problem in plain words ("Exact age"). */
  label: string;
  /** Where and what, in words ("Paragraph 2: an exact age (…)"). */
  message: string;
  at: AppealMark | null;
}

/** `POST /api/appeals/check`. */
export interface AppealCheckResult {
  warnings: AppealCheckWarning[];
  /** Gaps still to fill; export is refused while there are any. */
  placeholders: { message: string; at: AppealMark }[];
  /** The last day of the reports the appeal speaks about. */
  periodEnd: string;
}

export interface AppealDraftVersionSummary {
  id: number;
  version: number;
  title: string;
  warnings: number;
  sourceKey: string;
  createdAt: string;
}
export interface AppealDraftVersion extends AppealDraftVersionSummary {
  source: AppealRequest;
  document: AppealDocument;
  /** Keys of the warnings acknowledged when the version was saved (only those its text still raises). */
  acknowledged: string[];
}
/** `GET /api/appeals/drafts`: the signed-in user's saved versions, newest first (capped). */
export interface AppealDraftVersionList {
  versions: AppealDraftVersionSummary[];
  truncated: boolean;
}

/** Warning codes in plain words, for the screen; the codes themselves are never shown. */
export const APPEAL_WARNING_LABELS: Record<string, string> = {
  reference: 'Crime reference',
  name: "Person's name",
  street: 'Street address',
  postcode: 'Postcode',
  exact_age: 'Exact age',
  phone: 'Phone number',
  account: 'Bank or wallet details',
  small_area: 'Area with few reports',
  single_victim: 'Describes one person',
  small_numbers: 'Very few reports',
  loss_dominance: 'Total made mostly of one or two losses',
  stale_period: 'Old period',
  outside_period: 'Reports outside the period',
  mixed_methods: 'Mixed scam methods',
  area_withheld: 'Area name withheld',
};

export function appealWarningLabel(code: string): string {
  return APPEAL_WARNING_LABELS[code] ?? 'Check this';
}

/** One key per source whatever the order of its filters, so versions of the same appeal group together. */
export function appealSourceKey(source: AppealRequest): string {
  if ('seriesId' in source) return JSON.stringify({ seriesId: source.seriesId });
  const sorted = Object.keys(source.filters)
    .sort()
    .map((k) => [k, String(source.filters[k])]);
  return JSON.stringify({ filters: Object.fromEntries(sorted) });
}

/** Paragraphs of a body as the release lays them out: separated by blank lines, trimmed, none empty. */
export function appealParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** The text with the officer's name and rank in place of OFFICER_PLACEHOLDER, once they are given. */
export function fillOfficer(text: string, officer: string): string {
  const name = officer.trim();
  return name ? text.split(OFFICER_PLACEHOLDER).join(name) : text;
}
