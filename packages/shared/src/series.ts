import { z } from 'zod';
import type { Incident } from './api.js';
import type { Method } from './vocabularies.js';
import { METHODS } from './vocabularies.js';
import { queryNumber } from './filters.js';
import { plainText } from './text.js';

/** How a series was found. */
export const SERIES_KINDS = ['space_time', 'baseline', 'linked'] as const;
export type SeriesKind = (typeof SERIES_KINDS)[number];

/** Per incident, which attributes tie it to the series (the evidence an analyst reads). */
export interface SeriesMemberEvidence {
  reference: string;
  offenceDate: string;
  place: string;
  district: string;
  score: number;
  /** Attribute → whether it matches the series' profile, e.g. { method: true, channel: false }. */
  ties: Record<string, boolean>;
  reasons: string[];
}

/** `GET /api/series` item. The fields id, method, first, last, count, expected, pValue, lossPence,
 * districts, places and incidents are a fixed contract. */
export interface Series {
  id: string;
  kind: SeriesKind;
  method: Method;
  first: string;
  last: string;
  count: number;
  expected: number;
  relativeRisk: number;
  pValue: number | null;
  /** Log-likelihood ratio of the scan that found the series (null for caller-number links). */
  llr: number | null;
  /** p ≤ alpha. Detection returns only significant series unless all candidates are asked for. */
  significant: boolean;
  recurrenceDays: number | null;
  lossPence: number;
  victimsLost: number;
  attempts: number;
  districts: { name: string; count: number }[];
  places: { name: string; count: number }[];
  centre: { lat: number; lon: number };
  radiusKm: number;
  incidents: string[];
  evidence: SeriesMemberEvidence[];
  explanation: string;
  /** Status relative to the previous detection run: new, growing or unchanged. */
  trend: 'new' | 'growing' | 'steady';
}

export interface SeriesList {
  series: Series[];
  from: string;
  to: string;
  mode: 'retrospective' | 'prospective';
  replicates: number;
  alpha: number;
  elapsedMs: number;
  /** The data version detection's input was read at: the result describes the store as it was then. */
  dataVersion: number;
}

/**
 * Detection settings; the period and the common filters come from the filter parameters. The options
 * after `seed` are SaTScan's: temporal window in days (minimum, maximum, time step), maximum spatial
 * size as a radius and as a share of reports, where circles are centred, and whether clusters that are
 * not significant are reported too.
 */
export const seriesQuerySchema = z
  .object({
    mode: z.enum(['retrospective', 'prospective']).default('retrospective'),
    replicates: queryNumber().int().min(9).max(9999).default(999),
    seed: queryNumber().int().default(1),
    minDays: queryNumber().int().min(1).max(366).default(7),
    maxDays: queryNumber().int().min(1).max(366).default(56),
    timeStep: queryNumber()
      .int()
      .refine((n) => n === 1 || n === 7, 'time step must be 1 or 7 days')
      .transform((n) => n as 1 | 7)
      .default(7),
    maxKm: queryNumber().gt(0).max(100).default(10),
    maxShare: queryNumber().gt(0).max(1).default(0.5),
    centres: z.enum(['reports', 'gazetteer']).default('reports'),
    include: z.enum(['significant', 'all']).default('significant'),
  })
  .refine((q) => q.minDays <= q.maxDays, { message: 'minDays must not be more than maxDays', path: ['minDays'] });
export type SeriesQuery = z.output<typeof seriesQuerySchema> & { from?: string; to?: string; method?: Method };

/** `GET /api/series/:id`: a stored detected series, its members' records, and how it was found. */
export interface SeriesDetail {
  series: Series;
  members: Incident[];
  /** Members no longer stored (rolled back since the series was found). */
  missing: number;
  found: { from: string; to: string; mode: 'retrospective' | 'prospective'; by: string; firstSeenAt: string; updatedAt: string };
  /** Flagged by the watch run and still waiting for an analyst's decision. */
  alerted: boolean;
  /** The saved series recording a decision on it, if any. */
  savedId: number | null;
}

export const SAVED_SERIES_STATUSES = ['new', 'ongoing', 'closed', 'dismissed'] as const;
export type SavedSeriesStatus = (typeof SAVED_SERIES_STATUSES)[number];

export interface SavedSeries {
  id: number;
  name: string;
  method: Method;
  status: SavedSeriesStatus;
  notes: string;
  detectedId: string | null;
  incidents: string[];
  createdAt: string;
  updatedAt: string;
}

/**
 * A series an incident belongs to, as the incident's details list it: a saved series (an analyst's
 * decision, with its name and status) or a detected series stored by a detection run. A detected series
 * that a saved series listed here was confirmed from is left out: the saved one stands for it.
 */
export type IncidentSeries =
  | { kind: 'saved'; id: number; name: string; method: Method; status: SavedSeriesStatus; members: number }
  | {
      kind: 'detected';
      id: string;
      method: Method;
      first: string;
      last: string;
      count: number;
      /** The districts it covers, most reports first (the first three). */
      districts: string[];
      /** The saved series recording a decision on it (one this incident is not in), if any. */
      savedId: number | null;
    };

/**
 * The question a detection run answered: its settings (the `seriesQuerySchema` fields) and the filters
 * that narrowed what it scanned (period, methods, districts…), as the server resolved them.
 */
export interface DetectionQuestion {
  settings: Omit<SeriesQuery, 'from' | 'to' | 'method'>;
  filters: Record<string, unknown>;
}

/**
 * What started a watch run (the prospective detection over the latest twelve weeks): an import, a
 * rollback, the server or demo loader starting, or anything else that left the last run stale (an
 * erasure, another process's import). Stored in detection_runs.trigger, whose CHECK lists the same.
 */
export const WATCH_TRIGGERS = ['import', 'rollback', 'startup', 'manual'] as const;
export type WatchTrigger = (typeof WATCH_TRIGGERS)[number];

export const ASSESSMENT_KINDS = ['confirmed', 'reassessed', 'recorded'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** How an assessment came about, in the words the page and the briefing use ("re-assessed by …"). */
export const ASSESSMENT_KIND_LABELS: Record<AssessmentKind, string> = {
  confirmed: 'confirmed',
  reassessed: 're-assessed',
  recorded: 'recorded when assessments began',
};

/**
 * A frozen assessment of a saved series: its members and what the evidence said, on which data and with
 * which detection settings. Never changed once made; a re-assessment appends the next one.
 */
export interface SeriesAssessment {
  /** 1, 2, 3… in the order they were made. */
  seq: number;
  kind: AssessmentKind;
  at: string;
  by: string;
  /** The store's data version the evidence was computed on (null for one recorded before versions were kept). */
  dataVersion: number | null;
  /** The detected series the scan figures come from; null for a series put together by hand or not found again. */
  detectedId: string | null;
  question: DetectionQuestion | null;
  /** The members' first and last offence dates. */
  first: string | null;
  last: string | null;
  /** The scan's figures for that detected series (null without one). */
  observed: number | null;
  expected: number | null;
  pValue: number | null;
  llr: number | null;
  relativeRisk: number | null;
  /** The members' own figures. */
  reports: number;
  lossPence: number;
  victimsLost: number;
  members: string[];
  /** Per member, what ties it to the series (every member, those added by hand included). */
  evidence: SeriesMemberEvidence[];
  explanation: string;
  /** The detected series' own members (for "members in and out" against newer detection). */
  detectedMembers: string[];
  centre: { lat: number; lon: number } | null;
  radiusKm: number | null;
  note: string;
  /** When erasure of a rolled-back import took members out of it (their references and evidence), and how many. */
  redactedAt: string | null;
  erased: number;
}

/** Newer detection that disagrees with the latest assessment: shown, never applied, until an analyst re-assesses. */
export interface NewerEvidence {
  detectedId: string;
  updatedAt: string;
  foundBy: string;
  count: number;
  expected: number;
  pValue: number | null;
  relativeRisk: number;
  /** In the newer detected series but not among the latest assessment's members, and the other way round. */
  membersIn: string[];
  membersOut: string[];
}

/** `GET /api/saved-series/:id`: the saved series with its members' records and assessments, in one answer. */
export interface SavedSeriesDetail extends SavedSeries {
  members: Incident[];
  /** Oldest first; the last is the one the page's figures come from unless another is chosen. */
  assessments: SeriesAssessment[];
  newerEvidence: NewerEvidence | null;
  /** Members added or removed by hand since the latest assessment: they join the next one. */
  unassessed: { added: string[]; removed: string[] };
}

/** `POST /api/saved-series/:id/assessments`: re-assess now, with an optional reason. */
export const savedSeriesAssessSchema = z.object({ note: plainText({ max: 2000, multiline: true }).default('') }).strict();

/**
 * `GET /api/saved-series/:id/pack`: to whom the handover pack goes (named in the audit entry and the
 * manifest) and which assessment it carries (the latest unless a number is given).
 */
export const savedSeriesPackQuerySchema = z.object({
  recipient: plainText({ min: 1, max: 200, required: 'say to whom the pack goes (recipient)' }),
  assessment: queryNumber().int().min(1).optional(),
});
export type SavedSeriesPackQuery = z.output<typeof savedSeriesPackQuerySchema>;

/** `manifest.json` of a handover pack: what it holds (with each file's sha256), from what, by whom, to whom. */
export interface HandoverManifest {
  files: { name: string; sha256: string }[];
  recipient: string;
  series: { id: number; name: string; method: Method; status: SavedSeriesStatus };
  assessment: { seq: number; kind: AssessmentKind; at: string; by: string; dataVersion: number | null };
  /** The store's data version the member records in incidents.xlsx and incidents.csv were read at. */
  dataVersion: number;
  exportedBy: { name: string; role: string };
  exportedAt: string;
  marking: 'OFFICIAL-SENSITIVE';
}

export const savedSeriesCreateSchema = z.object({
  name: plainText({ min: 1, max: 200, required: 'give the series a name' }),
  method: z.enum(METHODS),
  status: z.enum(SAVED_SERIES_STATUSES).default('ongoing'),
  notes: plainText({ max: 10_000, multiline: true }).default(''),
  detectedId: z.string().max(200).nullable().default(null),
  incidents: z.array(z.string().min(1).max(100)).min(1).max(5000),
  /**
   * When the detected series was last updated as the analyst saw it: if a run has changed it since, the
   * confirmation is refused (409) rather than freezing evidence the analyst never saw.
   */
  seenUpdatedAt: z.string().max(40).optional(),
});
export const savedSeriesUpdateSchema = z.object({
  name: plainText({ min: 1, max: 200, required: 'give the series a name' }).optional(),
  status: z.enum(SAVED_SERIES_STATUSES).optional(),
  notes: plainText({ max: 10_000, multiline: true }).optional(),
  addIncidents: z.array(z.string().min(1).max(100)).max(5000).optional(),
  removeIncidents: z.array(z.string().min(1).max(100)).max(5000).optional(),
});

export interface AppealFigures {
  reports: number;
  since: string;
  until: string;
  lossPence: number;
  victimsLost: number;
  /** Recognised the scam and ended the call (attempts). */
  recognised: number;
  /** Stopped by a bank, retailer or the police. */
  prevented: number;
  areas: { name: string; reports: number }[];
  otherAreasReports: number;
  ageProfile: string;
  method: Method;
}

export interface AppealDraft {
  title: string;
  highlights: string[];
  body: string;
  figures: AppealFigures;
  warnings: { code: string; message: string }[];
}

/** `POST /api/appeals/draft`: a detected or saved series, or the filters of a set of incidents. */
export const appealRequestSchema = z.union([
  z.object({ seriesId: z.string().min(1).max(200) }).strict(),
  z.object({ filters: z.record(z.string(), z.union([z.string(), z.number()])) }).strict(),
]);
export type AppealRequest = z.output<typeof appealRequestSchema>;

/**
 * How an appeal leaves the system. The browser makes the text and Markdown files and the printed page
 * and records them; the Word file is made by the server (`POST /api/appeals/exports.docx`), which
 * records it as it makes it, so `docx` is not a format a client can record by itself.
 */
export const APPEAL_EXPORT_FORMATS = ['text', 'markdown', 'print', 'docx'] as const;
export type AppealExportFormat = (typeof APPEAL_EXPORT_FORMATS)[number];

/** `POST /api/appeals/exports`: that a draft left the system, how, and to whom or why. */
export const appealExportSchema = z.object({
  title: plainText({ min: 1, max: 500, required: 'an appeal needs a title' }),
  format: z.enum(['text', 'markdown', 'print']),
  seriesId: z.string().max(200).nullable().optional(),
  filters: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .nullable()
    .optional(),
  warnings: z.number().int().min(0).max(1000).default(0),
  purpose: plainText({ max: 500 }).optional(),
});
export type AppealExportRequest = z.output<typeof appealExportSchema>;
