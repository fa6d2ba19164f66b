import { detectSeries, type DetectionIncident } from '@scam/detection';
import { excerpt, quoted } from '@scam/ingest';
import {
  addDays,
  AGE_BANDS,
  CHANNELS,
  isoOfDay,
  IMPERSONATED,
  METHODS,
  OUTCOMES,
  type savedSeriesCreateSchema,
  type savedSeriesUpdateSchema,
  type SavedSeries,
  type Series,
  type SeriesList,
  type SeriesAlerts,
  type SeriesQuery,
} from '@scam/shared';
import type { z } from 'zod';
import type { ResolvedFilters } from '../db/repos/filter-sql.js';
import type { SavedSeriesRow } from '../db/repos/series.repo.js';
import { parseStored, storedSeries } from '../db/repos/stored-json.js';
import { badRequest, conflict, notFound } from '../lib/http-error.js';
import { systemActor, type Actor, type ServiceContext } from './context.js';

/** The baseline check compares recent weeks with up to a year before, so detection reads that far back. */
const BASELINE_DAYS = 364;
/** The watch run after each import looks at the latest twelve weeks as they stand. */
export const WATCH_DAYS = 84;

/** Recent detection results per database (keyed by the context's fact store), newest last. */
const caches = new WeakMap<object, Map<string, SeriesList>>();
const CACHE_LIMIT = 32;
function cacheOf(ctx: ServiceContext): Map<string, SeriesList> {
  let c = caches.get(ctx.facts);
  if (!c) {
    c = new Map();
    caches.set(ctx.facts, c);
  }
  return c;
}

/** The stored incidents of [from − baseline, to] in the shape detection reads, from the fact store. */
function detectionInput(ctx: ServiceContext, from: string, to: string, filters: ResolvedFilters = {}): DetectionIncident[] {
  const facts = ctx.facts.fresh();
  const out: DetectionIncident[] = [];
  facts.forEachMatch({ ...filters, from: addDays(from, -BASELINE_DAYS), to }, (i) => {
    const place = facts.places[facts.place[i] as number];
    const district = place ? facts.districts[place.district] : undefined;
    if (!place || !district) return;
    out.push({
      reference: facts.reference[i] as string,
      offenceDate: isoOfDay(facts.day[i] as number),
      method: METHODS[facts.method[i] as number] ?? 'other',
      impersonated: IMPERSONATED[facts.impersonated[i] as number] ?? 'unknown',
      channel: CHANNELS[facts.channel[i] as number] ?? 'unknown',
      place: place.name,
      district: district.name,
      lat: place.lat,
      lon: place.lon,
      ageBand: AGE_BANDS[facts.band[i] as number] ?? 'unknown',
      outcome: OUTCOMES[facts.outcome[i] as number] ?? 'attempted',
      lossPence: facts.loss[i] as number,
      callerNumber: facts.callerNumber[i] ?? null,
    });
  });
  return out;
}

function previousSeries(ctx: ServiceContext): Series[] {
  const run = ctx.repos.detectionRuns.latest();
  return run ? parseStored(storedSeries, run.series_json, 'detection run') : [];
}

/** Defaults: the year up to the latest offence date in the data. */
function period(ctx: ServiceContext, q: Pick<SeriesQuery, 'from' | 'to'>, days = 365): { from: string; to: string } | null {
  const range = ctx.facts.fresh().dataRange();
  if (!range) return null;
  const to = q.to ?? range.last;
  const from = q.from ?? addDays(to, -(days - 1));
  if (from > to) throw badRequest(`"from" (${from}) must not be after "to" (${to})`);
  return { from, to };
}

/**
 * Detection over the filtered incidents. The common filters narrow what is scanned (districts, places,
 * outcomes, age bands, losses, methods); `from`/`to` set the study period, and the baseline check also
 * reads the year before it.
 */
function cacheKey(ctx: ServiceContext, p: { from: string; to: string }, filters: ResolvedFilters, q: SeriesQuery): string {
  return JSON.stringify([ctx.repos.facts.generation(), p, filters, q.mode, q.replicates, q.seed]);
}

const filtersOf = (q: SeriesQuery, given?: ResolvedFilters): ResolvedFilters =>
  given ?? { from: q.from, to: q.to, methods: q.method ? [q.method] : undefined };

/** The answer for a store with no incidents in reach: no series, the question echoed back. */
function noData(q: SeriesQuery, filters: ResolvedFilters): SeriesList {
  return { series: [], from: filters.from ?? '', to: filters.to ?? '', mode: q.mode, replicates: q.replicates, alpha: 0.05, elapsedMs: 0 };
}

/**
 * A result this process already has for the same data and question, or the empty answer for an empty
 * store: the request thread answers these itself and sends only real work to a worker.
 */
export function cachedDetection(ctx: ServiceContext, q: SeriesQuery, given?: ResolvedFilters): SeriesList | undefined {
  const filters = filtersOf(q, given);
  const p = period(ctx, { from: filters.from, to: filters.to });
  if (!p) return noData(q, filters);
  return cacheOf(ctx).get(cacheKey(ctx, p, filters, q));
}

/** Drops every remembered result (after an erasure, none may still name an erased incident). */
export function forgetDetections(ctx: ServiceContext): void {
  cacheOf(ctx).clear();
}

/** Keeps a worker's result, so series detail and appeal drafting can find its series by id. */
export function rememberDetection(ctx: ServiceContext, q: SeriesQuery, given: ResolvedFilters | undefined, list: SeriesList): void {
  const filters = filtersOf(q, given);
  const cache = cacheOf(ctx);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(cacheKey(ctx, { from: list.from, to: list.to }, filters, q), list);
}

export function detect(ctx: ServiceContext, q: SeriesQuery, given?: ResolvedFilters): SeriesList {
  const filters = filtersOf(q, given);
  const p = period(ctx, { from: filters.from, to: filters.to });
  if (!p) return noData(q, filters);
  const method = filters.methods?.length === 1 ? filters.methods[0] : undefined;
  const cache = cacheOf(ctx);
  const key = cacheKey(ctx, p, filters, q);
  const hit = cache.get(key);
  if (hit) return hit;
  const result = detectSeries(detectionInput(ctx, p.from, p.to, filters), {
    from: p.from,
    to: p.to,
    method,
    mode: q.mode,
    replicates: q.replicates,
    seed: q.seed,
    forceAreaName: ctx.config.FORCE_AREA,
    previous: previousSeries(ctx),
  });
  const list: SeriesList = { ...result, from: p.from, to: p.to };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, list);
  return list;
}

/**
 * The prospective run made after each import (and at start-up): windows ending on the latest data,
 * compared with the previous run, so the overview can flag series that are new or growing.
 */
export function watch(
  ctx: ServiceContext,
  trigger: 'import' | 'rollback' | 'startup' | 'manual',
  batchId: number | null,
): SeriesList | null {
  const p = period(ctx, {}, WATCH_DAYS);
  if (!p) return null;
  const result = detectSeries(detectionInput(ctx, p.from, p.to), {
    from: p.from,
    to: p.to,
    mode: 'prospective',
    replicates: 999,
    seed: 1,
    forceAreaName: ctx.config.FORCE_AREA,
    previous: previousSeries(ctx),
  });
  ctx.repos.transaction(() => {
    ctx.repos.detectionRuns.record({
      trigger,
      batchId,
      generation: ctx.repos.facts.generation(),
      from: p.from,
      to: p.to,
      series: result.series,
      elapsedMs: result.elapsedMs,
      createdAt: ctx.now(),
    });
    // The automatic run links incidents into series as much as an analyst's does: a combination,
    // recorded under the system (it follows the import or rollback named in `object`).
    ctx.audit.inTransaction(systemActor('system:watch'), {
      action: 'combination',
      object: { op: 'watch', trigger, batch: batchId, from: p.from, to: p.to, series: result.series.length },
      rows: result.series.reduce((n, s) => n + s.incidents.length, 0),
    });
  });
  return { ...result, from: p.from, to: p.to };
}

/** What the service knows of the alerts; the route adds whether a watch run is pending. */
export type StoredAlerts = Omit<SeriesAlerts, 'pending'>;

/** New or growing series from the latest watch run, for the overview banner. */
export function alerts(ctx: ServiceContext): StoredAlerts {
  const run = ctx.repos.detectionRuns.latest();
  if (!run) return { runAt: null, trigger: null, from: null, to: null, stale: true, series: [] };
  const series = parseStored(storedSeries, run.series_json, 'detection run').filter((s) => s.trend === 'new' || s.trend === 'growing');
  return {
    runAt: run.created_at,
    trigger: run.trigger,
    from: run.from_date,
    to: run.to_date,
    stale: run.generation !== ctx.repos.facts.generation(),
    series,
  };
}

/** Finds a series by id among recent detection results, the latest watch run, or saved series (`saved:<id>`). */
export function findSeries(
  ctx: ServiceContext,
  id: string,
): { method: Series['method']; incidents: string[]; first?: string; last?: string } {
  const saved = /^saved:(\d+)$/.exec(id);
  if (saved) {
    const s = getSaved(ctx, Number(saved[1]));
    return { method: s.method, incidents: s.incidents };
  }
  for (const list of [...cacheOf(ctx).values()].reverse()) {
    const s = list.series.find((x) => x.id === id);
    if (s) return s;
  }
  const fromRun = previousSeries(ctx).find((x) => x.id === id);
  if (fromRun) return fromRun;
  const savedByDetected = ctx.repos.series.getByDetectedId(id);
  if (savedByDetected) return { method: savedByDetected.method, incidents: ctx.repos.series.members(savedByDetected.id) };
  throw notFound(`no series ${quoted(id)}: run detection again (GET /api/series) or use a saved series id "saved:<n>"`);
}

function toSaved(ctx: ServiceContext, r: SavedSeriesRow, members?: string[]): SavedSeries {
  return {
    id: r.id,
    name: r.name,
    method: r.method,
    status: r.status,
    notes: r.notes,
    detectedId: r.detected_id,
    incidents: members ?? ctx.repos.series.members(r.id),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function checkReferences(ctx: ServiceContext, refs: readonly string[]): void {
  const found = ctx.repos.incidents.findByReferences(refs);
  const missing = refs.filter((r) => !found.has(r));
  if (missing.length > 0) {
    throw badRequest(
      `unknown incident reference(s): ${missing.slice(0, 10).map(excerpt).join(', ')}${missing.length > 10 ? '…' : ''}`,
      missing.slice(0, 50).map((m) => ({ path: 'incidents', value: excerpt(m), message: 'no such incident' })),
    );
  }
}

export function listSaved(ctx: ServiceContext): { series: SavedSeries[]; truncated: boolean } {
  const { rows, total } = ctx.repos.series.list(500);
  const members = ctx.repos.series.allMembers();
  return { series: rows.map((r) => toSaved(ctx, r, members.get(r.id) ?? [])), truncated: total > rows.length };
}

export function getSaved(ctx: ServiceContext, id: number): SavedSeries {
  const row = ctx.repos.series.get(id);
  if (!row) throw notFound(`no saved series ${id}`);
  return toSaved(ctx, row);
}

export function createSaved(ctx: ServiceContext, input: z.output<typeof savedSeriesCreateSchema>, actor: Actor): SavedSeries {
  checkReferences(ctx, input.incidents);
  if (input.detectedId && ctx.repos.series.getByDetectedId(input.detectedId)) {
    throw conflict(`series ${input.detectedId} is already saved`);
  }
  // The change and its audit entry in one transaction: neither without the other.
  const id = ctx.repos.transaction(() => {
    const created = ctx.repos.series.create({ ...input, createdBy: actor.name }, ctx.now());
    ctx.audit.inTransaction(actor, {
      action: 'alteration',
      object: { op: 'save_series', savedSeries: created, detectedId: input.detectedId ?? null, status: input.status },
      rows: input.incidents.length,
    });
    return created;
  });
  return getSaved(ctx, id);
}

export function updateSaved(ctx: ServiceContext, id: number, input: z.output<typeof savedSeriesUpdateSchema>, actor: Actor): SavedSeries {
  const current = getSaved(ctx, id);
  const add = input.addIncidents ?? [];
  const remove = input.removeIncidents ?? [];
  checkReferences(ctx, add);
  ctx.repos.transaction(() => {
    ctx.repos.series.update(
      id,
      { name: input.name ?? current.name, status: input.status ?? current.status, notes: input.notes ?? current.notes, add, remove },
      ctx.now(),
    );
    const changed = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined);
    ctx.audit.inTransaction(actor, {
      action: 'alteration',
      object: { op: 'edit_series', savedSeries: id, changed, added: add.length, removed: remove.length },
      rows: add.length + remove.length,
    });
  });
  return getSaved(ctx, id);
}

export function deleteSaved(ctx: ServiceContext, id: number, actor: Actor): void {
  ctx.repos.transaction(() => {
    if (!ctx.repos.series.remove(id)) throw notFound(`no saved series ${id}`);
    ctx.audit.inTransaction(actor, { action: 'alteration', object: { op: 'delete_series', savedSeries: id } });
  });
}
