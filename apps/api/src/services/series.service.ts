import { historyDaysFor, detectSeries, trendAgainst, type DetectionIncident } from '@scam/detection';
import { excerpt, quoted } from '@scam/ingest';
import {
  addDays,
  daysBetween,
  maxDay,
  minDay,
  seriesQuerySchema,
  type Method,
  type SeriesAssessment,
  type DetectionQuestion,
  type IncidentSeries,
  type savedSeriesCreateSchema,
  type savedSeriesUpdateSchema,
  type SavedSeries,
  type SavedSeriesDetail,
  type Series,
  type SeriesList,
  type SeriesAlerts,
  type SeriesDetail,
  type SeriesQuery,
  type WatchTrigger,
} from '@scam/shared';
import type { z } from 'zod';
import type { ResolvedFilters } from '../domain/filters.js';
import type { DetectedSeriesRow } from '../db/repos/detected-series.repo.js';
import { toIncident } from '../db/repos/incidents.repo.js';
import type { SavedSeriesRow, SeriesAssessmentRow } from '../db/repos/series.repo.js';
import { parseStored, StoredDataError, storedQuestion, storedSeries } from '../db/repos/stored-json.js';
import { badRequest, conflict, notFound } from '../lib/http-error.js';
import { systemActor, type Actor, type ServiceContext } from './context.js';
import type { Runner } from './runner.js';
import { buildAssessment, newerEvidence, toAssessment, type AssessmentSource } from './series-assessments.service.js';

/** The watch run after each import looks at the latest twelve weeks as they stand. */
export const WATCH_DAYS = 84;

/** The watch run's settings: the API's defaults, prospective, 999 replicates, seed 1. */
const WATCH_SETTINGS: DetectionQuestion['settings'] = seriesQuerySchema.parse({ mode: 'prospective', replicates: 999, seed: 1 });

/** Recent detection results per database (keyed by the context's read model), newest last. */
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

/**
 * The stored incidents of [from − baseline, to] in the shape detection reads, with the data version
 * they were read at (one read transaction, so nothing committed meanwhile is half in them). The baseline
 * check compares each window with up to two years before it, and a prospective look first looks back
 * over the two years before its weeks (with one-year baselines), so detection reads that far back.
 */
function detectionInput(
  ctx: ServiceContext,
  from: string,
  to: string,
  mode: 'retrospective' | 'prospective',
  maxDays?: number,
  filters: ResolvedFilters = {},
): { incidents: DetectionIncident[]; version: number } {
  const facts = ctx.repos.facts;
  return facts.readConsistently(() => ({
    version: facts.dataVersion(),
    incidents: facts.forDetection({ ...filters, from: addDays(from, -historyDaysFor(mode, maxDays)), to }),
  }));
}

/**
 * What analysts have reviewed: the members of every saved series (confirmed, ongoing, closed or
 * dismissed). "New", "growing" and "steady" are measured against this on every screen, so a series
 * stays flagged until someone decides on it, whatever is imported meanwhile.
 */
function reviewed(ctx: ServiceContext): { incidents: string[] }[] {
  return [...ctx.repos.series.allMembers().values()].map((incidents) => ({ incidents }));
}

/** Sets each series' trend against the reviewed state as it is now. */
function withTrend(ctx: ServiceContext, series: readonly Series[]): Series[] {
  const r = reviewed(ctx);
  return series.map((s) => ({ ...s, trend: trendAgainst(s, r) }));
}

/** A stored series sharing at least this share of members (of the smaller) is the same series. */
const SAME_SERIES_SHARE = 0.5;

/**
 * Stores each series under a stable id: a series sharing most of its members with a stored one of the
 * same method takes that one's id (a growing series keeps one identity and one link); otherwise its
 * own. Returns the series with their stable ids. `alert` marks those new or growing for the overview.
 */
export function storeSeries(
  ctx: ServiceContext,
  series: readonly Series[],
  run: {
    from: string;
    to: string;
    mode: 'retrospective' | 'prospective';
    foundBy: string;
    alert: boolean;
    /** The question the run answered and the data version its input was read at (kept for confirmation). */
    question: DetectionQuestion;
    dataVersion: number;
  },
): Series[] {
  const r = run.alert ? reviewed(ctx) : [];
  const now = ctx.now();
  const taken = new Set<string>();
  return ctx.repos.transaction(() =>
    series.map((s) => {
      const same = ctx.repos.detectedSeries
        .overlapping(s.method, s.incidents)
        .find((o) => !taken.has(o.id) && o.shared >= SAME_SERIES_SHARE * Math.min(s.count, storedCount(ctx, o.id)));
      let id = same?.id ?? s.id;
      // A different series that happens to produce the same name gets a numbered one.
      for (let n = 2; !same && (taken.has(id) || ctx.repos.detectedSeries.get(id)); n++) id = `${s.id}-${n}`;
      taken.add(id);
      const stored: Series = { ...s, id };
      const flagged = run.alert && trendAgainst(stored, r) !== 'steady';
      ctx.repos.detectedSeries.save({
        id,
        method: s.method,
        seriesJson: JSON.stringify(stored),
        references: s.incidents,
        from: run.from,
        to: run.to,
        mode: run.mode,
        foundBy: run.foundBy,
        now,
        alertedAt: flagged ? now : null,
        questionJson: JSON.stringify(run.question),
        dataVersion: run.dataVersion,
      });
      return stored;
    }),
  );
}

function storedCount(ctx: ServiceContext, id: string): number {
  const row = ctx.repos.detectedSeries.get(id);
  return row ? parseStoredSeries(row).count : 0;
}

function parseStoredSeries(row: Pick<DetectedSeriesRow, 'series_json' | 'id'>): Series {
  const [s] = parseStored(storedSeries, `[${row.series_json}]`, `stored series ${row.id}`);
  return s!;
}

/** Defaults: the year up to the latest offence date in the data. */
function period(ctx: ServiceContext, q: Pick<SeriesQuery, 'from' | 'to'>, days = 365): { from: string; to: string } | null {
  const range = ctx.repos.facts.dataRange();
  if (!range) return null;
  const to = q.to ?? range.last;
  const from = q.from ?? addDays(to, -(days - 1));
  if (from > to) throw badRequest(`"from" (${from}) must not be after "to" (${to})`);
  return { from, to };
}

/**
 * Detection over the filtered incidents. The common filters narrow what is scanned (districts, places,
 * outcomes, age bands, losses, methods); `from`/`to` set the study period, and the baseline check also
 * reads the history before it (`detectionInput`).
 */
function cacheKey(version: number, p: { from: string; to: string }, filters: ResolvedFilters, q: SeriesQuery): string {
  return JSON.stringify([version, p, filters, q]);
}

/** The SaTScan-grade options, as detection takes them. */
function advanced(ctx: ServiceContext, q: SeriesQuery) {
  return {
    minDays: q.minDays,
    maxDays: q.maxDays,
    timeStepDays: q.timeStep,
    radiusKm: q.maxKm,
    maxShare: q.maxShare,
    includeAll: q.include === 'all',
    // Every gazetteer place of the force area as a circle centre, not only places with reports: a
    // circle can then sit between towns and take in both.
    centres: q.centres === 'gazetteer' ? ctx.gazetteer.places().filter((pl) => pl.county === ctx.config.FORCE_AREA) : undefined,
  };
}

const filtersOf = (q: SeriesQuery, given?: ResolvedFilters): ResolvedFilters =>
  given ?? { from: q.from, to: q.to, methods: q.method ? [q.method] : undefined };

/** The answer for a store with no incidents in reach: no series, the question echoed back. */
function noData(ctx: ServiceContext, q: SeriesQuery, filters: ResolvedFilters): SeriesList {
  return {
    series: [],
    from: filters.from ?? '',
    to: filters.to ?? '',
    mode: q.mode,
    replicates: q.replicates,
    alpha: 0.05,
    elapsedMs: 0,
    dataVersion: ctx.repos.facts.dataVersion(),
  };
}

/**
 * A result this process already has for the same data and question, or the empty answer for an empty
 * store: the request thread answers these itself and sends only real work to a worker.
 */
export function cachedDetection(ctx: ServiceContext, q: SeriesQuery, given?: ResolvedFilters): SeriesList | undefined {
  const filters = filtersOf(q, given);
  const p = period(ctx, { from: filters.from, to: filters.to });
  if (!p) return noData(ctx, q, filters);
  return cacheOf(ctx).get(cacheKey(ctx.repos.facts.dataVersion(), p, filters, q));
}

/** Drops every remembered result (after an erasure, none may still name an erased incident). */
export function forgetDetections(ctx: ServiceContext): void {
  cacheOf(ctx).clear();
}

/**
 * Keeps a worker's result under the data version its input was read at, not the version current when
 * it finished: an import committed during the scan then finds no answer filed under its own version.
 */
export function rememberDetection(ctx: ServiceContext, q: SeriesQuery, given: ResolvedFilters | undefined, list: SeriesList): void {
  const filters = filtersOf(q, given);
  const cache = cacheOf(ctx);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(cacheKey(list.dataVersion, { from: list.from, to: list.to }, filters, q), list);
}

/**
 * A detection run for a person (the Series page, a re-assessment): the cached answer for this data and
 * question, or a run on the runner's detection thread, which also stores what it found (detectAndStore):
 * the request thread only reads and answers, even for GET /api/series.
 */
export async function runDetection(
  ctx: ServiceContext,
  runner: Runner,
  settings: SeriesQuery,
  filters: ResolvedFilters,
  actor: Actor,
  signal?: AbortSignal,
): Promise<SeriesList> {
  const cached = cachedDetection(ctx, settings, filters);
  if (cached) return cached;
  const result = await runner.run('detect', { query: settings, filters, foundBy: actor.name }, signal);
  rememberDetection(ctx, settings, filters, result);
  return result;
}

/**
 * Detection, with its series stored under stable ids (so the series page, links and appeal drafts find
 * them after a restart) together with the question and the data version behind them: the working state
 * a confirmation freezes. Runs where the job runs (a worker thread), never on a request's behalf there.
 */
export function detectAndStore(ctx: ServiceContext, settings: SeriesQuery, filters: ResolvedFilters, foundBy: string): SeriesList {
  const found = detect(ctx, settings, filters);
  const series = storeSeries(ctx, found.series, {
    from: found.from,
    to: found.to,
    mode: found.mode,
    foundBy,
    alert: false,
    question: { settings, filters: { ...filters } },
    dataVersion: found.dataVersion,
  });
  return { ...found, series };
}

export function detect(ctx: ServiceContext, q: SeriesQuery, given?: ResolvedFilters): SeriesList {
  const filters = filtersOf(q, given);
  const p = period(ctx, { from: filters.from, to: filters.to });
  if (!p) return noData(ctx, q, filters);
  const method = filters.methods?.length === 1 ? filters.methods[0] : undefined;
  const cache = cacheOf(ctx);
  const hit = cache.get(cacheKey(ctx.repos.facts.dataVersion(), p, filters, q));
  if (hit) return hit;
  const input = detectionInput(ctx, p.from, p.to, q.mode, q.maxDays, filters);
  const result = detectSeries(input.incidents, {
    from: p.from,
    to: p.to,
    method,
    mode: q.mode,
    replicates: q.replicates,
    seed: q.seed,
    forceAreaName: ctx.config.FORCE_AREA,
    ...advanced(ctx, q),
  });
  const list: SeriesList = { ...result, from: p.from, to: p.to, dataVersion: input.version };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(cacheKey(input.version, p, filters, q), list);
  return list;
}

/**
 * The prospective run made after each import (and at start-up): windows ending on the latest data, so
 * the overview can flag series that are new or growing against what analysts have reviewed.
 */
export function watch(ctx: ServiceContext, trigger: WatchTrigger, batchId: number | null): SeriesList | null {
  const p = period(ctx, {}, WATCH_DAYS);
  if (!p) return null;
  const input = detectionInput(ctx, p.from, p.to, 'prospective');
  // The data version the input was actually read at: a change committed while detection runs leaves
  // the run stale (and starts another) instead of being marked as seen by it.
  const generation = String(input.version);
  const result = detectSeries(input.incidents, {
    from: p.from,
    to: p.to,
    mode: 'prospective',
    replicates: WATCH_SETTINGS.replicates,
    seed: WATCH_SETTINGS.seed,
    forceAreaName: ctx.config.FORCE_AREA,
  });
  // Stored under stable ids; those new or growing against what analysts have reviewed are flagged and
  // stay on the overview until someone decides, whatever later runs find.
  const series = storeSeries(ctx, result.series, {
    from: p.from,
    to: p.to,
    mode: 'prospective',
    foundBy: 'system:watch',
    alert: true,
    question: { settings: WATCH_SETTINGS, filters: { from: p.from, to: p.to } },
    dataVersion: input.version,
  });
  ctx.repos.transaction(() => {
    ctx.repos.detectionRuns.record({
      trigger,
      batchId,
      generation,
      from: p.from,
      to: p.to,
      series,
      elapsedMs: result.elapsedMs,
      createdAt: ctx.now(),
    });
    // The automatic run links incidents into series as much as an analyst's does: a combination,
    // recorded under the system (it follows the import or rollback named in `object`).
    ctx.audit.inTransaction(systemActor('system:watch'), {
      action: 'combination',
      object: { op: 'watch', trigger, batch: batchId, from: p.from, to: p.to, series: result.series.length },
      rows: series.reduce((n, s) => n + s.incidents.length, 0),
    });
  });
  return { ...result, series, from: p.from, to: p.to, dataVersion: input.version };
}

/**
 * Whether the data moved since the latest watch run (another process imported, say) and there is data
 * for a run to look at: the server's periodic check schedules one then (see WatchScheduler).
 */
export function watchIsStale(ctx: ServiceContext): boolean {
  // Nothing stored: a run would find nothing and record nothing, so it would stay "stale" for ever.
  if (!ctx.repos.facts.dataRange()) return false;
  return ctx.repos.detectionRuns.latest()?.generation !== String(ctx.repos.facts.dataVersion());
}

/** What the service knows of the alerts; the route adds whether a watch run is pending. */
export type StoredAlerts = Omit<SeriesAlerts, 'pending'>;

/** Flagged series still waiting for a decision, newest first; the banner shows at most this many. */
const ALERT_LIMIT = 200;

/**
 * Series the watch run flagged that are still new or growing against what analysts have reviewed: an
 * alert leaves the overview when someone confirms, dismisses or merges it, not when a later run misses it.
 */
export function alerts(ctx: ServiceContext): StoredAlerts {
  const run = ctx.repos.detectionRuns.latest();
  const series = withTrend(ctx, ctx.repos.detectedSeries.alerted(ALERT_LIMIT).map(parseStoredSeries))
    .filter((s) => s.trend !== 'steady')
    .map(({ evidence: _evidence, ...alert }) => alert);
  if (!run) return { runAt: null, trigger: null, from: null, to: null, stale: true, series };
  return {
    runAt: run.created_at,
    trigger: run.trigger,
    from: run.from_date,
    to: run.to_date,
    stale: run.generation !== String(ctx.repos.facts.dataVersion()),
    series,
  };
}

/** Detected results with trends as they stand now (the cache keeps the series, not their review state). */
export function withCurrentTrends(ctx: ServiceContext, list: SeriesList): SeriesList {
  return { ...list, series: withTrend(ctx, list.series) };
}

/** A stored series with its members' records, in one answer; the series page and links read this. */
export function getDetected(ctx: ServiceContext, id: string): SeriesDetail {
  const row = ctx.repos.detectedSeries.get(id);
  if (!row) throw notFound(`no detected series ${quoted(id)}: it may have been erased with its incidents; run detection again`);
  const [series] = withTrend(ctx, [parseStoredSeries(row)]);
  const members = ctx.repos.incidents.byReferences(series!.incidents).map(toIncident);
  const saved = ctx.repos.series.getByDetectedId(id);
  return {
    series: series!,
    members,
    missing: series!.count - members.length,
    found: {
      from: row.from_date,
      to: row.to_date,
      mode: row.mode,
      by: row.found_by,
      firstSeenAt: row.first_seen_at,
      updatedAt: row.updated_at,
    },
    alerted: row.alerted_at !== null && series!.trend !== 'steady',
    savedId: saved?.id ?? null,
  };
}

/** The most series of each kind an incident's details list. */
const MEMBERSHIP_LIMIT = 50;

/**
 * The saved and detected series `reference` is a member of, for its details: saved ones first (latest
 * change first), then detected ones (latest first) other than those a listed saved series was confirmed
 * from, which it stands for.
 */
export function seriesOfIncident(ctx: ServiceContext, reference: string): { series: IncidentSeries[]; truncated: boolean } {
  const saved = ctx.repos.series.containing(reference, MEMBERSHIP_LIMIT + 1);
  const detected = ctx.repos.detectedSeries.containing(reference, MEMBERSHIP_LIMIT + 1);
  const shownSaved = saved.slice(0, MEMBERSHIP_LIMIT);
  const standsFor = new Set(shownSaved.flatMap((s) => (s.detected_id === null ? [] : [s.detected_id])));
  const found = detected
    .slice(0, MEMBERSHIP_LIMIT)
    .filter((row) => !standsFor.has(row.id))
    .map((row) => ({ id: row.id, s: parseStoredSeries(row) }))
    .sort((a, b) => b.s.last.localeCompare(a.s.last))
    .map(({ id, s }): IncidentSeries => ({
      kind: 'detected',
      id,
      method: s.method,
      first: s.first,
      last: s.last,
      count: s.count,
      districts: [...s.districts]
        .sort((a, b) => b.count - a.count)
        .slice(0, 3)
        .map((d) => d.name),
      savedId: ctx.repos.series.getByDetectedId(id)?.id ?? null,
    }));
  return {
    series: [
      ...shownSaved.map((s): IncidentSeries => ({
        kind: 'saved',
        id: s.id,
        name: s.name,
        method: s.method,
        status: s.status,
        members: s.members,
      })),
      ...found,
    ],
    truncated: saved.length > MEMBERSHIP_LIMIT || detected.length > MEMBERSHIP_LIMIT,
  };
}

/** Finds a series by id among stored detected series, or saved series (`saved:<id>`). */
export function findSeries(
  ctx: ServiceContext,
  id: string,
): { method: Series['method']; incidents: string[]; first?: string; last?: string } {
  const saved = /^saved:(\d+)$/.exec(id);
  if (saved) {
    const s = getSaved(ctx, Number(saved[1]));
    return { method: s.method, incidents: s.incidents };
  }
  const stored = ctx.repos.detectedSeries.get(id);
  if (stored) return parseStoredSeries(stored);
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

/**
 * A saved series with its members' records and its frozen assessments, so the series page needs one
 * request; with newer detection that disagrees with the latest assessment (offered, never applied) and
 * the members changed by hand since it.
 */
export function getSavedDetail(ctx: ServiceContext, id: number): SavedSeriesDetail {
  const saved = getSaved(ctx, id);
  const assessments = ctx.repos.series.assessments(id).map(toAssessment);
  const latest = assessments.at(-1);
  const assessed = new Set(latest?.members ?? []);
  const current = new Set(saved.incidents);
  return {
    ...saved,
    members: ctx.repos.incidents.byReferences(saved.incidents).map(toIncident),
    assessments,
    newerEvidence: latest
      ? newerEvidence(ctx, saved.method, latest, (json, sid) => parseStoredSeries({ series_json: json, id: sid }))
      : null,
    unassessed: {
      added: saved.incidents.filter((r) => !assessed.has(r)),
      removed: (latest?.members ?? []).filter((r) => !current.has(r)),
    },
  };
}

/**
 * The question of the latest assessment; with nothing to go on (a series put together by hand) or a
 * question that cannot be read (a damaged row must not stand in the way of the re-assessment that
 * replaces it), the API's default settings over the series' own method.
 */
function questionOf(latest: SeriesAssessmentRow | undefined, method: Method): DetectionQuestion {
  const fallback: DetectionQuestion = { settings: seriesQuerySchema.parse({}), filters: { methods: [method] } };
  if (!latest) return fallback;
  try {
    const q = toAssessment(latest).question;
    return q && seriesQuerySchema.safeParse(q.settings).success ? q : fallback;
  } catch (err) {
    if (err instanceof StoredDataError) return fallback;
    throw err;
  }
}

/**
 * The period a re-assessment scans. A live series — one whose last member was within the longest window
 * of its question's end — is followed to the latest data, over a period as long as the question's; a
 * series well inside its period (a past one) is scanned over the same period again, so that its p-value
 * answers the same question. Either way the period takes in every stored member.
 */
function reassessmentPeriod(
  ctx: ServiceContext,
  filters: ResolvedFilters,
  firstMember: string,
  lastMember: string,
  settings: DetectionQuestion['settings'],
): { from: string; to: string } {
  const latest = ctx.repos.facts.dataRange()?.last ?? lastMember;
  const askedTo = filters.to ?? latest;
  const askedFrom = filters.from ?? addDays(askedTo, -364);
  const live = lastMember >= addDays(askedTo, -(settings.maxDays ?? 56));
  const to = maxDay(live ? latest : askedTo, lastMember);
  const from = minDay(live ? addDays(to, -daysBetween(askedFrom, askedTo)) : askedFrom, firstMember);
  return { from, to };
}

/**
 * An analyst's re-assessment: detection run again with the latest assessment's question (its period
 * widened to take in every current member), the detected series sharing most members with the saved
 * series as the source of the scan's figures, and the next assessment appended over the saved series'
 * current members. Earlier assessments are left exactly as they were.
 */
export async function reassess(ctx: ServiceContext, runner: Runner, id: number, note: string, actor: Actor): Promise<SeriesAssessment> {
  const saved = getSaved(ctx, id);
  const question = questionOf(ctx.repos.series.assessments(id).at(-1), saved.method);
  const stored = ctx.repos.facts.forDetectionByReferences(saved.incidents);
  if (stored.length === 0) throw conflict(`none of the members of saved series ${id} is stored any more, so there is nothing to assess`);
  const filters = question.filters as ResolvedFilters;
  const { from, to } = reassessmentPeriod(ctx, filters, stored[0]!.offenceDate, stored[stored.length - 1]!.offenceDate, question.settings);
  const settings = seriesQuerySchema.parse(question.settings);
  const found = await runDetection(ctx, runner, settings, { ...filters, from, to }, actor);
  const members = new Set(saved.incidents);
  // The detected series that is this one: most members in common, and most of the smaller of the two
  // (the rule that gives a growing series its stored id); a series sharing one report is another series.
  let best: Series | null = null;
  let bestShared = 0;
  for (const s of found.series) {
    if (s.method !== saved.method) continue;
    const shared = s.incidents.filter((r) => members.has(r)).length;
    if (shared > bestShared && shared >= SAME_SERIES_SHARE * Math.min(s.count, members.size)) [best, bestShared] = [s, shared];
  }
  const row = ctx.repos.transaction(() => {
    // The members' own figures are read now: they must be of the data the scan read, or the assessment
    // would pair figures from two different states of the store.
    if (ctx.repos.facts.dataVersion() !== found.dataVersion) {
      throw conflict('the data changed while detection ran (an import or rollback): re-assess again to assess it as it is now');
    }
    // The members as they are when the assessment is written: an edit made while detection ran joins it.
    const now = getSaved(ctx, id);
    const next = buildAssessment(
      ctx,
      now.method,
      now.incidents,
      best ? { series: best, question: { settings, filters: { ...filters, from, to } }, dataVersion: found.dataVersion } : null,
      { kind: 'reassessed', by: actor.name, note, dataVersion: found.dataVersion },
    );
    const appended = ctx.repos.series.appendAssessment(id, next);
    ctx.audit.inTransaction(actor, {
      action: 'alteration',
      object: {
        op: 'reassess_series',
        savedSeries: id,
        assessment: appended.seq,
        detectedId: appended.detected_id,
        dataVersion: found.dataVersion,
      },
      rows: now.incidents.length,
    });
    return appended;
  });
  return toAssessment(row);
}

export function getSaved(ctx: ServiceContext, id: number): SavedSeries {
  const row = ctx.repos.series.get(id);
  if (!row) throw notFound(`no saved series ${id}`);
  return toSaved(ctx, row);
}

/**
 * The detected series a confirmation freezes, as stored now. Refused when a detection run changed it
 * after the analyst opened it: the frozen evidence must be what the analyst saw.
 */
function confirmedSource(ctx: ServiceContext, detectedId: string | null, seenUpdatedAt: string | undefined): AssessmentSource | null {
  if (!detectedId) return null;
  const row = ctx.repos.detectedSeries.get(detectedId);
  if (!row) return null;
  if (seenUpdatedAt !== undefined && seenUpdatedAt !== row.updated_at) {
    throw conflict(`detected series ${quoted(detectedId)} was changed by a detection run after you opened it: reload it and confirm again`);
  }
  const question = row.question_json === null ? null : parseStored(storedQuestion, row.question_json, `question of series ${row.id}`);
  return { series: parseStoredSeries(row), question: question as DetectionQuestion | null, dataVersion: row.data_version };
}

export function createSaved(ctx: ServiceContext, input: z.output<typeof savedSeriesCreateSchema>, actor: Actor): SavedSeries {
  checkReferences(ctx, input.incidents);
  if (input.detectedId && ctx.repos.series.getByDetectedId(input.detectedId)) {
    throw conflict(`series ${input.detectedId} is already saved`);
  }
  const { seenUpdatedAt, ...fields } = input;
  // The change, its first frozen assessment and its audit entry in one transaction: none without the others.
  const id = ctx.repos.transaction(() => {
    const source = confirmedSource(ctx, input.detectedId, seenUpdatedAt);
    const created = ctx.repos.series.create({ ...fields, createdBy: actor.name }, ctx.now());
    ctx.repos.series.appendAssessment(
      created,
      buildAssessment(ctx, input.method, input.incidents, source, {
        kind: 'confirmed',
        by: actor.name,
        note: '',
        // A hand-made series is assessed on the data as it is now.
        dataVersion: source ? source.dataVersion : ctx.repos.facts.dataVersion(),
      }),
    );
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
