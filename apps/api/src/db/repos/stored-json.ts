import { IMPORT_FIELDS, METHODS, SERIES_KINDS, type ColumnMapping, type RowError, type Series } from '@scam/shared';
import { z } from 'zod';

/**
 * JSON the store keeps in TEXT columns, read back through a schema instead of a cast: a row written by
 * an older version, or edited by hand, is then a clear error (or, where the schema allows it, read
 * with what is missing left out) rather than a crash deep in a service.
 */
export class StoredDataError extends Error {}

export function parseStored<S extends z.ZodType>(schema: S, json: string, what: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new StoredDataError(`the stored ${what} is not JSON`);
  }
  const r = schema.safeParse(value);
  if (!r.success)
    throw new StoredDataError(
      `the stored ${what} has unreadable fields (${r.error.issues.map((i) => i.path.join('.') || '(whole)').join(', ')})`,
    );
  return r.data;
}

export const storedHeaders = z.array(z.string());
export const storedRawRow = z.record(z.string(), z.string());

export const storedRowErrors = z.array(
  z.object({ line: z.number().int(), column: z.string(), value: z.string(), reason: z.string() }),
) satisfies z.ZodType<RowError[]>;

export const storedMapping = z.array(
  z.object({ header: z.string(), field: z.enum(IMPORT_FIELDS).nullable(), source: z.enum(['auto', 'explicit', 'remembered', 'none']) }),
) satisfies z.ZodType<ColumnMapping[]>;

/** A remembered mapping: header → field or "ignore" (import_mappings.mapping_json). */
export const storedMappingChoices = z.record(z.string(), z.string());

export const storedChanges = z.record(z.string(), z.tuple([z.unknown(), z.unknown()]));
export const storedFilters = z.record(z.string(), z.unknown());

const counted = z.array(z.object({ name: z.string(), count: z.number() }));

const storedEvidence = z.array(
  z.object({
    reference: z.string(),
    offenceDate: z.string(),
    place: z.string(),
    district: z.string(),
    score: z.number(),
    ties: z.record(z.string(), z.boolean()),
    reasons: z.array(z.string()),
  }),
);

export const storedReferences = z.array(z.string());

/** What an assessment keeps besides its columns (series_assessments.evidence_json). */
export const storedAssessmentEvidence = z.object({
  explanation: z.string().default(''),
  members: storedEvidence.nullable().default([]),
  detectedMembers: z.array(z.string()).nullable().default([]),
  centre: z.object({ lat: z.number(), lon: z.number() }).nullable().default(null),
  radiusKm: z.number().nullable().default(null),
  /** Members taken out by erasure (their references and evidence are gone). */
  erased: z.number().int().min(0).default(0),
});

/** The detection question behind a stored series or an assessment: its settings and resolved filters. */
export const storedQuestion = z.object({
  settings: z.record(z.string(), z.unknown()),
  filters: z.record(z.string(), z.unknown()),
});

/** A detection run's series as stored: what the overview banner and the series pages read back. */
export const storedSeries = z.array(
  z.object({
    id: z.string(),
    kind: z.enum(SERIES_KINDS),
    method: z.enum(METHODS),
    first: z.string(),
    last: z.string(),
    count: z.number(),
    expected: z.number(),
    relativeRisk: z.number(),
    pValue: z.number().nullable(),
    // Runs stored before the log-likelihood ratio was kept had only significant series.
    llr: z.number().nullable().default(null),
    significant: z.boolean().default(true),
    recurrenceDays: z.number().nullable(),
    lossPence: z.number(),
    victimsLost: z.number(),
    attempts: z.number(),
    districts: counted,
    places: counted,
    centre: z.object({ lat: z.number(), lon: z.number() }),
    radiusKm: z.number(),
    incidents: z.array(z.string()),
    evidence: storedEvidence,
    explanation: z.string(),
    trend: z.enum(['new', 'growing', 'steady']),
  }),
) satisfies z.ZodType<Series[]>;
