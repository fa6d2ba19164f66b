import { z } from 'zod';
import { MAX_IDENTIFIER_CHARS, readIdentifier } from './identifiers.js';
import { INCIDENT_SORTS } from './keys.js';
import { AGE_BANDS, METHODS, OUTCOMES, PLACE_MATCHES } from './vocabularies.js';

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'is not a real calendar date')
  // Reports are of this century and the last; year 0001 would only make date arithmetic misbehave.
  .refine((s) => s >= '1900-01-01' && s <= '2099-12-31', 'must be between 1900 and 2099');

/**
 * A number read from a query string. Typed as taking a number or a string (zod's coerce takes
 * `unknown`), so `z.input` of a query schema is what a client may put in the URL and a call with a
 * wrong value does not compile.
 */
export const queryNumber = () => z.coerce.number<number | string>();

/** A comma-separated query value ("courier,hmrc") as a list of trimmed, non-empty items. */
function csvList<T extends string>(allowed: readonly T[], what: string) {
  return z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v.length > 0),
    )
    .superRefine((items, ctx) => {
      for (const item of items) {
        if (!(allowed as readonly string[]).includes(item)) {
          ctx.addIssue({
            code: 'custom',
            message: `unknown ${what} "${item}"; expected one of: ${allowed.join(', ')}`,
          });
        }
      }
    })
    .transform((items) => items as T[]);
}

/** Free lists (districts, places) are checked against the data by the service, not here. */
const freeList = z.string().transform((s) =>
  s
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0),
);

const pounds = z
  .string()
  .regex(/^\d+(\.\d{1,2})?$/, 'must be an amount in pounds, such as 500 or 99.50')
  .transform((s) => Math.round(Number(s) * 100));

/**
 * Filters accepted by every read route (fixed contract): `from`, `to` (offence date, inclusive),
 * `method`, `district`, `place`, `placeMatch`, `outcome`, `ageBand` (comma-separated), `minLoss`, `maxLoss`
 * (pounds). `placeMatch=national` is "outside the force area".
 * Parsed values: money becomes pence, lists become arrays.
 */
export const filterQuerySchema = z
  .object({
    from: isoDay.optional(),
    to: isoDay.optional(),
    method: csvList(METHODS, 'method').optional(),
    district: freeList.optional(),
    place: freeList.optional(),
    placeMatch: csvList(PLACE_MATCHES, 'place match').optional(),
    outcome: csvList(OUTCOMES, 'outcome').optional(),
    ageBand: csvList(AGE_BANDS, 'age band').optional(),
    minLoss: pounds.optional(),
    maxLoss: pounds.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: '"from" must not be after "to"',
    path: ['from'],
  })
  .refine((f) => f.minLoss === undefined || f.maxLoss === undefined || f.minLoss <= f.maxLoss, {
    message: '"minLoss" must not be more than "maxLoss"',
    path: ['minLoss'],
  });

/** Filters after parsing: lists as arrays, losses in pence. */
export type Filters = z.output<typeof filterQuerySchema>;
/** Filters as they travel in a URL query string. */
export type FilterQuery = z.input<typeof filterQuerySchema>;

export { FILTER_KEYS, INCIDENT_SORTS, type FilterKey, type IncidentSort } from './keys.js';

/** A caller number, a sort code and account number, or a wallet or account reference, as typed. */
const identifier = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(MAX_IDENTIFIER_CHARS)
  .transform((text, ctx) => {
    const search = readIdentifier(text);
    if (search === null) {
      ctx.addIssue({
        code: 'custom',
        message:
          'is not a phone number (6 to 15 digits), a sort code and account number (20-00-00 12345678) or a wallet or account reference',
      });
      return z.NEVER;
    }
    return search;
  });

export const incidentListQuerySchema = z.object({
  sort: z.enum(INCIDENT_SORTS).default('offenceDate'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: queryNumber().int().min(1).max(500).default(50),
  offset: queryNumber().int().min(0).default(0),
  q: z.string().trim().max(100).optional(),
  /** Reports whose caller number or payee account is this one. */
  identifier: identifier.optional(),
});
export type IncidentListQuery = z.output<typeof incidentListQuerySchema>;

/** `GET /api/incidents.csv` and `.xlsx`, beside the filters: the table's order, so the file reads as the screen does. */
export const incidentExportQuerySchema = incidentListQuerySchema.pick({ sort: true, order: true });
export type IncidentExportQuery = z.output<typeof incidentExportQuerySchema>;

/** `GET /api/imports`: a page of the history, newest first, older than batch `before` when given. */
export const importListQuerySchema = z.object({
  limit: queryNumber().int().min(1).max(200).default(50),
  before: queryNumber().int().min(1).optional(),
});

/** The most references one link view takes: a series, or a saved series, fits with room to spare. */
export const MAX_LINK_REFERENCES = 500;

/** `GET /api/links`, beside the common filters: the reports to look at, comma-separated. */
export const linksQuerySchema = z.object({
  references: z
    .string()
    .transform((s) => [
      ...new Set(
        s
          .split(',')
          .map((r) => r.trim())
          .filter((r) => r.length > 0),
      ),
    ])
    .pipe(
      z
        .array(z.string().max(100, 'a reference is at most 100 characters'))
        .min(1, 'name at least one reference')
        .max(MAX_LINK_REFERENCES, `at most ${MAX_LINK_REFERENCES} references`),
    )
    .optional(),
});
export type LinksQuery = z.output<typeof linksQuerySchema>;

export const timeseriesQuerySchema = z.object({
  interval: z.enum(['day', 'week', 'month']).default('week'),
});
export type Interval = z.output<typeof timeseriesQuerySchema>['interval'];
