import type { AgeBand, Channel, Impersonated, Method, Outcome, Series } from '@scam/shared';

/** One report as detection needs it: the stored incident plus its resolved place coordinates. */
export interface DetectionIncident {
  reference: string;
  /** YYYY-MM-DD */
  offenceDate: string;
  method: Method;
  impersonated: Impersonated;
  channel: Channel;
  place: string;
  district: string;
  lat: number;
  lon: number;
  ageBand: AgeBand;
  outcome: Outcome;
  lossPence: number;
  callerNumber: string | null;
  /** Sort code and account number, or wallet, the money went to (absent in older data). */
  payeeAccount?: string | null;
}

export interface DetectOptions {
  /** Study period, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Default: every method present, each analysed on its own, results merged. */
  method?: Method;
  /** Default 'retrospective'. */
  mode?: 'retrospective' | 'prospective';
  /** Monte-Carlo replicates, default 999. */
  replicates?: number;
  /** Default 1. */
  seed?: number;
  /** Significance level, default 0.05. */
  alpha?: number;
  /** Maximum zone radius in km, default 10. */
  radiusKm?: number;
  /** Maximum share of the method's reports a zone may hold (SaTScan's maximum spatial size as a share
   * of cases), default 0.5. Applies with radiusKm: whichever is reached first. */
  maxShare?: number;
  /** Maximum number of places (with reports) in a zone, default 12. */
  maxNeighbours?: number;
  /** Window lengths in days, default 7..56 (one to eight weeks). */
  minDays?: number;
  maxDays?: number;
  /** Fewest reports a series may have, default 3. */
  minCases?: number;
  /** Step of the window ends and lengths in days: 7 (default) or 1. */
  timeStepDays?: 1 | 7;
  /** Circle centres for the space-time scan (e.g. every gazetteer place of the force area). Default: the
   * places that have reports. */
  centres?: readonly { name: string; lat: number; lon: number }[];
  /** Also report the space-time scan's clusters that are not significant (marked so), as SaTScan does. */
  includeAll?: boolean;
  /** Name used for the whole-force baseline area in explanations, default 'the force area'. */
  forceAreaName?: string;
  /** Series of the previous run, to mark each new series new / growing / steady. */
  previous?: readonly Series[];
}

export interface DetectResult {
  series: Series[];
  elapsedMs: number;
  mode: 'retrospective' | 'prospective';
  replicates: number;
  alpha: number;
}
