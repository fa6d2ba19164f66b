import type { AgeBand, Channel, Impersonated, ImportField, Method, Outcome, PlaceMatch } from './vocabularies.js';
import type { IncidentSeries } from './series.js';

/** Everything on the wire is camelCase; money is integer pence; dates are `YYYY-MM-DD`. */

export interface Incident {
  id: number;
  reference: string;
  offenceDate: string;
  /** The last day the offence may have been committed on, when the record gives a range ("Committed To"). */
  offenceDateTo: string | null;
  reportDate: string | null;
  townRaw: string;
  place: string;
  district: string;
  districtCode: string;
  county: string;
  lat: number;
  lon: number;
  placeMatch: PlaceMatch;
  postcodeDistrict: string | null;
  method: Method;
  methodRaw: string;
  methodRule: string;
  impersonated: Impersonated;
  channel: Channel;
  lossPence: number;
  outcome: Outcome;
  outcomeRaw: string;
  victimAge: number | null;
  ageBand: AgeBand;
  callerNumber: string | null;
  /** Where the money went: a sort code and account number ("20-00-00 12345678"), or a wallet or account as typed. */
  payeeAccount: string | null;
  summary: string;
  batchId: number;
  createdAt: string;
  updatedAt: string;
}

export interface IncidentChange {
  id: number;
  batchId: number | null;
  kind: 'insert' | 'update' | 'revert';
  changedAt: string;
  /** Field name → [before, after]; empty for an insert. */
  changes: Record<string, [unknown, unknown]>;
}

export interface IncidentDetail {
  incident: Incident;
  history: IncidentChange[];
  /** The saved and detected series it is a member of: saved first (latest change first), then detected (latest first). */
  series: IncidentSeries[];
  /** More series hold it than are listed (at most 50 of each kind). */
  seriesTruncated: boolean;
}

export interface IncidentList {
  incidents: Incident[];
  total: number;
  truncated: boolean;
  limit: number;
  offset: number;
}

/** What ties reports together in the link view: a caller number or a payee account. */
export type LinkKind = 'number' | 'account';

/**
 * A node of the link network: a report (`incident:<reference>`, count = how many of the shown ties it
 * is in) or a shared identifier (`number:<key>`, `account:<key>`, count = how many reports share it).
 */
export interface LinkNode {
  id: string;
  kind: 'incident' | LinkKind;
  label: string;
  count: number;
}

/** An identifier node to a report that used it. */
export interface LinkEdge {
  from: string;
  to: string;
}

/** A caller number or payee account shared by two or more of the reports, with every report behind it. */
export interface LinkTie {
  /** The identifier's node id. */
  id: string;
  kind: LinkKind;
  /** As the earliest report gave it. */
  value: string;
  count: number;
  /** References, earliest offence first; capped with the network (see `truncated`). */
  incidents: string[];
}

/** A report in the network: enough to tell the reports of a tie apart before opening one. */
export interface LinkIncident {
  reference: string;
  offenceDate: string;
  place: string;
  district: string;
  method: Method;
  outcome: Outcome;
  lossPence: number;
}

/** `GET /api/links`: reports tied by shared caller numbers and payee accounts. */
export interface LinkNetwork {
  /** Reports looked at: the references found that match the filters, or every report matching them. */
  reports: number;
  nodes: LinkNode[];
  edges: LinkEdge[];
  /** Largest first. */
  ties: LinkTie[];
  incidents: LinkIncident[];
  /** References asked for that no stored report has. */
  notFound: string[];
  /** Some ties, or some reports of a very large tie, were left out. */
  truncated: boolean;
}

export interface FigureSet {
  reports: number;
  lost: number;
  attempted: number;
  prevented: number;
  lossPence: number;
  /** Median exact age, or the middle of the median band where only bands are known; null when none. */
  medianAge: number | null;
  /** Victims whose age or band is known. */
  ageKnown: number;
  aged70Plus: number;
}

/** A run of days and the figures counted over them. */
export type DatedFigures = FigureSet & { from: string; to: string };

/**
 * How much of a summary's period the data reaches. "The latest return" is the latest offence date
 * the server holds (the same date as `Meta.dataRange.last`), whatever the filters.
 */
export interface PeriodCoverage {
  /** The latest offence date in the store; null when it holds nothing. */
  latestData: string | null;
  /** Days from `from` to `to` (an open `to` runs to `latestData`); null without `from`. */
  days: number | null;
  /** Of those days, the ones between the first and the latest offence date in the store. */
  coveredDays: number | null;
  /** Days of the period after the latest return: none of their reports can be in yet. */
  daysPastData: number;
  /** The days the change is computed over: those both this period and the one before have data for. */
  comparedDays: number;
}

export interface Summary extends FigureSet {
  from: string | null;
  to: string | null;
  /**
   * The same figures for the period of equal length just before `from`…`to` (an open `to` means the
   * latest data), counted only over the days both periods have data for, which `from`/`to` here
   * give; null without `from`, or when no day has data in both.
   */
  previous: DatedFigures | null;
  /**
   * This period's figures over the days `previous` is compared on (a period running past the
   * latest return stops at it); null when `previous` is. Changes are `compared` against `previous`.
   */
  compared: DatedFigures | null;
  coverage: PeriodCoverage;
}

export interface CountAndLoss {
  reports: number;
  lossPence: number;
}

export interface TimeBucket extends CountAndLoss {
  /** First day of the bucket (Monday for weeks, the 1st for months). */
  start: string;
  byMethod: Partial<Record<Method, CountAndLoss>>;
  byOutcome: Partial<Record<Outcome, CountAndLoss>>;
}

export interface Timeseries {
  interval: 'day' | 'week' | 'month';
  buckets: TimeBucket[];
}

export interface PlaceAggregate extends CountAndLoss {
  name: string;
  district: string;
  districtCode: string;
  lat: number;
  lon: number;
  /** Reports per method at this place, most first. */
  methods: { method: Method; reports: number }[];
}

export interface PlaceList {
  places: PlaceAggregate[];
  truncated: boolean;
}

export interface DistrictAggregate extends CountAndLoss {
  code: string;
  name: string;
}

export interface DistrictList {
  districts: DistrictAggregate[];
}

export interface Breakdowns {
  byMethod: ({ method: Method } & CountAndLoss)[];
  byOutcome: ({ outcome: Outcome } & CountAndLoss)[];
  byAgeBand: ({ ageBand: AgeBand } & CountAndLoss)[];
  byDistrict: ({ code: string; name: string } & CountAndLoss)[];
}

export interface Meta {
  methods: { code: Method; label: string }[];
  outcomes: { code: Outcome; label: string }[];
  ageBands: AgeBand[];
  /** The force's districts (whether or not they have incidents) and any others in use. */
  districts: { code: string; name: string; county: string; inForce: boolean }[];
  places: { name: string; district: string; districtCode: string; reports: number }[];
  dataRange: { first: string; last: string } | null;
  incidents: number;
  lastImport: ImportBatch | null;
  forceArea: string;
  attribution: string[];
  /** Optional map tile URL template; empty means the map draws boundaries only (works offline). */
  tileUrl: string;
  /** The data set is the generated demo data, not real reports: the dashboard says so on every screen. */
  demo: boolean;
}

export interface RowError {
  line: number;
  column: string;
  value: string;
  reason: string;
}

/**
 * Something about a row that was accepted but deserves a second look (a town outside the force area).
 * Unlike a RowError the row is imported; the notice says what was done with it.
 */
export interface RowNotice {
  line: number;
  column: string;
  value: string;
  message: string;
}

/** What the commit does with one accepted row, and where the row's town put it. */
export interface ImportPlanLine {
  line: number;
  reference: string;
  action: 'insert' | 'update' | 'unchanged';
  /** The place the row is stored at (a district's name when the town column named a district). */
  place: string;
  placeMatch: PlaceMatch;
}

export interface ImportCounts {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface ColumnMapping {
  header: string;
  field: ImportField | null;
  /**
   * `auto` when matched by synonym, `explicit` when given by the user, `remembered` when taken from the
   * mapping confirmed by hand for a file with the same headers, `none` when ignored.
   */
  source: 'auto' | 'explicit' | 'remembered' | 'none';
}

export interface ImportResult {
  batchId: number | null;
  dryRun: boolean;
  /** True when this exact file (same sha256) was already imported; nothing was written. */
  alreadyImported: boolean;
  fileName: string;
  counts: ImportCounts;
  mapping: ColumnMapping[];
  errors: RowError[];
  /** Errors are capped in the response; the full list is in the rejected-rows CSV. */
  errorsTruncated: boolean;
  /** The mapping confirmed by hand for a file with these same headers, when one was used. */
  remembered: RememberedMapping | null;
  /** Accepted rows worth a second look (a town outside the force area), capped like `errors`. */
  notices: RowNotice[];
  /** Notices are capped in the response; the full list is the batch's notices CSV. */
  noticesTruncated: boolean;
  /** Per accepted row, what the commit does (dry run only; capped). */
  plan?: ImportPlanLine[];
}

export interface ImportBatch {
  id: number;
  fileName: string;
  fileSize: number;
  sha256: string;
  counts: ImportCounts;
  /** How many notices the import gave (accepted rows worth a second look); the notices CSV lists them. */
  notices: number;
  mapping: ColumnMapping[];
  status: 'committed' | 'rolled_back';
  importedAt: string;
  /** The signed-in user who imported it (or the command-line tool's name). */
  importedBy: string;
  rolledBackAt: string | null;
  /** When an administrator erased what the rolled-back batch left behind (rows, history, rejected rows). */
  erasedAt: string | null;
}

export interface ImportBatchList {
  imports: ImportBatch[];
  truncated: boolean;
  /** Pass as `before` for the next (older) page; null when there is none. */
  nextBefore: number | null;
}

/** A column mapping confirmed by hand, offered again for the next file with the same headers. */
export interface RememberedMapping {
  /** Header → field (or "ignore") for the columns set by hand. */
  mapping: Record<string, string>;
  confirmedBy: string;
  confirmedAt: string;
  /** The batch whose commit confirmed it. */
  batchId: number | null;
}

export interface RollbackResult {
  batchId: number;
  removed: number;
  reverted: number;
}

export interface EraseResult {
  batchId: number;
  /** Rows removed, plus detection runs and stored detected series that still named erased incidents, and
   * saved-series members without one. */
  erased: {
    incidents: number;
    history: number;
    rejected: number;
    /** Notices the batch gave (town as written, line, message). */
    notices: number;
    detectionRuns: number;
    detectedSeries: number;
    savedSeriesMembers: number;
    /** Frozen series assessments the erased incidents were taken out of. */
    savedSeriesAssessments: number;
  };
}

/** The force area's gazetteer places, for naming towns on the map (no incident data: a public list). */
export interface MapLabels {
  places: { name: string; district: string; lat: number; lon: number }[];
}

export interface BoundaryCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    properties: { code: string; name: string; county: string };
    geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  }[];
}
