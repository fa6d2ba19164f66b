import type { z } from 'zod';
import type { Endpoint, HttpMethod } from './access.js';
import type {
  AuditList,
  AuditViewList,
  SessionInfo,
  signInSchema,
  userCreateSchema,
  UserInfo,
  UserList,
  userUpdateSchema,
  auditQuerySchema,
} from './account.js';
import type {
  BoundaryCollection,
  MapLabels,
  Breakdowns,
  DistrictList,
  EraseResult,
  ImportBatch,
  ImportBatchList,
  ImportResult,
  IncidentDetail,
  IncidentList,
  LinkNetwork,
  Meta,
  PlaceList,
  RollbackResult,
  Summary,
  Timeseries,
} from './api.js';
import type { SavedView, SavedViewList, savedViewCreateSchema, savedViewUpdateSchema } from './saved-views.js';
import type {
  FilterQuery,
  importListQuerySchema,
  incidentExportQuerySchema,
  incidentListQuerySchema,
  linksQuerySchema,
  timeseriesQuerySchema,
} from './filters.js';
import type { RouteName, ROUTES } from './routes.js';
import type {
  AppealCheckResult,
  appealDocumentRequestSchema,
  AppealDraftVersion,
  AppealDraftVersionList,
  AppealDraftVersionSummary,
  appealDraftListQuerySchema,
  appealDraftSaveSchema,
  appealDocxExportSchema,
  appealEditedExportSchema,
} from './appeal-editor.js';
import type { TimelineEvent, TimelineEventList, timelineEventCreateSchema } from './timeline-events.js';
import type {
  appealRequestSchema,
  AppealDraft,
  AppealExportFormat,
  SavedSeries,
  SavedSeriesDetail,
  savedSeriesAssessSchema,
  savedSeriesPackQuerySchema,
  savedSeriesCreateSchema,
  savedSeriesUpdateSchema,
  SeriesAssessment,
  Series,
  SeriesDetail,
  SeriesList,
  seriesQuerySchema,
  WatchTrigger,
} from './series.js';

/** `GET /api/series/alerts`: series the latest watch run flagged as new or growing. */
export interface SeriesAlerts {
  runAt: string | null;
  trigger: WatchTrigger | null;
  from: string | null;
  to: string | null;
  /** True when data changed since the run (a watch run is due). */
  stale: boolean;
  /** A watch run is queued or running. */
  pending: boolean;
  /**
   * Without their evidence: the banner on every overview needs a line per series, and the evidence
   * (every member's ties, about 30 KB a member) is read with the series, from `GET /api/series/:id`.
   */
  series: SeriesAlert[];
}

/** A flagged series as the alerts list it: the series without its evidence. */
export type SeriesAlert = Omit<Series, 'evidence'>;

/** `GET /api/appeals/exports`: appeal drafts and exports, newest first. */
export interface AppealTrail {
  entries: {
    id: number;
    action: 'draft' | 'export';
    format: AppealExportFormat | null;
    actor: string;
    seriesId: string | null;
    filters: Record<string, unknown> | null;
    title: string;
    warnings: number;
    createdAt: string;
    /** The saved draft version exported, when the export came from the editor. */
    draftId: number | null;
    /** Warnings the exporter marked "I have checked this", as they were worded. */
    acknowledged: string[];
  }[];
  /** More than the 200 newest exist (the admin audit trail has them all). */
  truncated: boolean;
}

type Query<S extends z.ZodType> = z.input<S>;
type Body<S extends z.ZodType> = z.input<S>;

/**
 * What every endpoint takes and answers: the request half is the zod schema the server parses with,
 * the response half the wire type it sends. The client's return types are inferred from it, and a
 * type check below keeps it and ENDPOINTS the same set.
 */
export interface ApiContract {
  health: { GET: { response: { ok: true } } };
  session: {
    GET: { response: SessionInfo };
    POST: { body: Body<typeof signInSchema>; response: SessionInfo };
    DELETE: { response: void };
  };
  meta: { GET: { response: Meta } };
  summary: { GET: { query: FilterQuery; response: Summary } };
  timeseries: { GET: { query: FilterQuery & Query<typeof timeseriesQuerySchema>; response: Timeseries } };
  places: { GET: { query: FilterQuery; response: PlaceList } };
  districts: { GET: { query: FilterQuery; response: DistrictList } };
  breakdowns: { GET: { query: FilterQuery; response: Breakdowns } };
  boundaries: { GET: { response: BoundaryCollection } };
  mapLabels: { GET: { response: MapLabels } };
  incidents: { GET: { query: FilterQuery & Query<typeof incidentListQuerySchema>; response: IncidentList } };
  incidentsCsv: { GET: { query: FilterQuery & Query<typeof incidentExportQuerySchema>; response: string } };
  incidentsXlsx: { GET: { query: FilterQuery & Query<typeof incidentExportQuerySchema>; response: Uint8Array } };
  /** By numeric id or by reference. */
  incident: { GET: { params: { id: string | number }; response: IncidentDetail } };
  links: { GET: { query: FilterQuery & Query<typeof linksQuerySchema>; response: LinkNetwork } };
  imports: {
    GET: { query: Query<typeof importListQuerySchema>; response: ImportBatchList };
    POST: { query: { dryRun?: 'true' | 'false' }; body: FormData; response: ImportResult };
  };
  importBatch: { GET: { params: { id: number }; response: ImportBatch } };
  importRejectedCsv: { GET: { params: { id: number }; response: string } };
  importNoticesCsv: { GET: { params: { id: number }; response: string } };
  importRollback: { POST: { params: { id: number }; response: RollbackResult } };
  importErase: { POST: { params: { id: number }; response: EraseResult } };
  series: { GET: { query: FilterQuery & Query<typeof seriesQuerySchema>; response: SeriesList } };
  seriesAlerts: { GET: { response: SeriesAlerts } };
  seriesDetail: { GET: { params: { id: string }; response: SeriesDetail } };
  savedSeriesList: {
    GET: { response: { series: SavedSeries[]; truncated: boolean } };
    POST: { body: Body<typeof savedSeriesCreateSchema>; response: SavedSeries };
  };
  savedSeries: {
    GET: { params: { id: number }; response: SavedSeriesDetail };
    PATCH: { params: { id: number }; body: Body<typeof savedSeriesUpdateSchema>; response: SavedSeries };
    DELETE: { params: { id: number }; response: void };
  };
  savedSeriesAssessments: {
    POST: { params: { id: number }; body: Body<typeof savedSeriesAssessSchema>; response: SeriesAssessment };
  };
  savedSeriesPack: { GET: { params: { id: number }; query: Query<typeof savedSeriesPackQuerySchema>; response: Uint8Array } };
  savedViews: {
    GET: { response: SavedViewList };
    POST: { body: Body<typeof savedViewCreateSchema>; response: SavedView };
  };
  savedView: {
    PATCH: { params: { id: number }; body: Body<typeof savedViewUpdateSchema>; response: SavedView };
    DELETE: { params: { id: number }; response: void };
  };
  appealDraft: { POST: { body: Body<typeof appealRequestSchema>; response: AppealDraft } };
  appealExports: {
    GET: { response: AppealTrail };
    POST: { body: Body<typeof appealEditedExportSchema>; response: { id: number } };
  };
  appealExportDocx: { POST: { body: Body<typeof appealDocxExportSchema>; response: Blob } };
  appealCheck: { POST: { body: Body<typeof appealDocumentRequestSchema>; response: AppealCheckResult } };
  appealDrafts: {
    GET: { query: Query<typeof appealDraftListQuerySchema>; response: AppealDraftVersionList };
    POST: { body: Body<typeof appealDraftSaveSchema>; response: AppealDraftVersionSummary };
  };
  appealDraftVersion: { GET: { params: { id: number }; response: AppealDraftVersion } };
  timelineEvents: {
    GET: { query: FilterQuery; response: TimelineEventList };
    POST: { body: Body<typeof timelineEventCreateSchema>; response: TimelineEvent };
  };
  timelineEvent: { DELETE: { params: { id: number }; response: void } };
  audit: { GET: { query: Query<typeof auditQuerySchema>; response: AuditList } };
  auditCsv: { GET: { query: Query<typeof auditQuerySchema>; response: string } };
  auditViews: { GET: { query: Query<typeof auditQuerySchema>; response: AuditViewList } };
  users: { GET: { response: UserList }; POST: { body: Body<typeof userCreateSchema>; response: { user: UserInfo } } };
  user: { PATCH: { params: { name: string }; body: Body<typeof userUpdateSchema>; response: { user: UserInfo } } };
}

export type ContractMethod<R extends RouteName> = Extract<keyof ApiContract[R], HttpMethod>;

/** A route's path as ROUTES spells it. */
export type RoutePath = (typeof ROUTES)[RouteName];
/** The route name of a path: `/api/summary` → `summary`. */
export type RouteOf<P extends RoutePath> = { [K in RouteName]: (typeof ROUTES)[K] extends P ? K : never }[RouteName];
/** Routes that answer a method at all, by name and by path: asking POST of a GET-only route does not compile. */
export type RoutesWith<M extends HttpMethod> = { [K in RouteName]: ApiContract[K] extends { [X in M]: unknown } ? K : never }[RouteName];
export type PathsWith<M extends HttpMethod> = (typeof ROUTES)[RoutesWith<M>];

/** One endpoint's entry in the contract: `Call<'savedView', 'PATCH'>` is `{ params; body; response }`. */
export type Call<R extends RouteName, M extends HttpMethod> = ApiContract[R] extends { [K in M]: infer C } ? C : never;
/** The response type of a route and method: `ResponseOf<'summary'>` is `Summary`. */
export type ResponseOf<R extends RouteName, M extends HttpMethod = 'GET'> = Call<R, M> extends { response: infer T } ? T : never;
export type ParamsOf<R extends RouteName, M extends HttpMethod = 'GET'> = Call<R, M> extends { params: infer P } ? P : never;
export type QueryOf<R extends RouteName, M extends HttpMethod = 'GET'> = Call<R, M> extends { query: infer Q } ? Q : never;
export type BodyOf<R extends RouteName, M extends HttpMethod> = Call<R, M> extends { body: infer B } ? B : never;

/**
 * What one call of a route takes, as the web client and the API tests pass it: `params` when the path
 * has placeholders, `query` when the route reads one (optional unless a field of it is required),
 * `body` when it takes one. A part the route does not take is `never`, so sending a body to a GET, a query to a POST
 * or the wrong fields to either does not compile.
 */
export type RequestOf<R extends RouteName, M extends HttpMethod> = (Call<R, M> extends { params: infer P }
  ? { params: P }
  : { params?: never }) &
  (Call<R, M> extends { query: infer Q } ? (Record<string, never> extends Q ? { query?: Q } : { query: Q }) : { query?: never }) &
  (Call<R, M> extends { body: infer B } ? { body: B } : { body?: never });

/** The options argument of a call, optional when the route needs neither params nor a body. */
export type RequestArgs<R extends RouteName, M extends HttpMethod, Extra = object> =
  Record<string, never> extends RequestOf<R, M> ? [options?: RequestOf<R, M> & Extra] : [options: RequestOf<R, M> & Extra];

/** "GET summary", "POST imports"…: every endpoint, as the contract and as ENDPOINTS name it. */
type ContractKeys = { [R in RouteName]: `${ContractMethod<R>} ${R}` }[RouteName];
type EndpointKeys<E extends readonly Endpoint[]> = {
  [K in keyof E]: E[K] extends { method: infer M extends string; route: infer R extends string } ? `${M} ${R}` : never;
}[number];

/**
 * Fails to compile when ENDPOINTS and ApiContract disagree (an endpoint without a contract, or a
 * contract entry nothing serves). Used in access.ts: `ENDPOINTS satisfies SameEndpoints<…>`.
 */
export type SameEndpoints<E extends readonly Endpoint[]> = [
  Exclude<ContractKeys, EndpointKeys<E>>,
  Exclude<EndpointKeys<E>, ContractKeys>,
] extends [never, never]
  ? E
  : { missingFromEndpoints: Exclude<ContractKeys, EndpointKeys<E>>; missingFromContract: Exclude<EndpointKeys<E>, ContractKeys> };
