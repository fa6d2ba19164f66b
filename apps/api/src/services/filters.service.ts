import { filterQuerySchema, type ErrorIssue } from '@scam/shared';
import { excerpt, quoted } from '@scam/ingest';
import type { ResolvedFilters } from '../domain/filters.js';
import { invalidFilter } from '../lib/http-error.js';
import type { ServiceContext } from './context.js';

const FILTER_KEYS = new Set(['from', 'to', 'method', 'district', 'place', 'placeMatch', 'outcome', 'ageBand', 'minLoss', 'maxLoss']);

function firstString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v.join(',');
  return undefined;
}

/**
 * Parses the fixed filter parameters of every read route and checks districts and places against
 * the gazetteer and the data. Any unknown value is a 400 naming it; nothing is silently ignored.
 */
export function resolveFilters(ctx: ServiceContext, query: Record<string, unknown>): ResolvedFilters {
  const raw: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const v = firstString(query[key]);
    if (v !== undefined && v.trim() !== '') raw[key] = v;
  }
  const parsed = filterQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const issues: ErrorIssue[] = parsed.error.issues.map((i) => ({
      path: i.path.join('.') || undefined,
      value: i.path[0] !== undefined ? raw[String(i.path[0])] : undefined,
      message: i.message,
    }));
    throw invalidFilter(`invalid filter: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, issues);
  }
  const f = parsed.data;
  const issues: ErrorIssue[] = [];
  let districtCodes: string[] | undefined;
  if (f.district) {
    districtCodes = [];
    for (const d of f.district) {
      const found = ctx.geo.findDistrict(d);
      if (found) districtCodes.push(found.code);
      else issues.push({ path: 'district', value: excerpt(d), message: `unknown district ${quoted(d)}` });
    }
  }
  let places: string[] | undefined;
  if (f.place) {
    places = [];
    for (const p of f.place) {
      // Every stored place came from the gazetteer, so it is the one list to check against.
      const known = ctx.gazetteer.findPlace(p)?.name;
      if (known) places.push(known);
      else issues.push({ path: 'place', value: excerpt(p), message: `unknown place ${quoted(p)}` });
    }
  }
  if (issues.length > 0) throw invalidFilter(`invalid filter: ${issues.map((i) => i.message).join('; ')}`, issues);
  return {
    from: f.from,
    to: f.to,
    methods: f.method,
    districtCodes,
    places,
    placeMatches: f.placeMatch,
    outcomes: f.outcome,
    ageBands: f.ageBand,
    minLossPence: f.minLoss,
    maxLossPence: f.maxLoss,
  };
}
