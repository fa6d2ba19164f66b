import type { AgeBand, Channel, Impersonated, Method, Outcome } from '@scam/shared';

/** The fields of an incident an appeal is drafted from (a subset of the wire `Incident`). */
export interface AppealIncident {
  reference: string;
  offenceDate: string;
  place: string;
  district: string;
  method: Method;
  impersonated: Impersonated;
  channel: Channel;
  outcome: Outcome;
  lossPence: number;
  victimAge: number | null;
  ageBand: AgeBand;
  summary: string;
  townRaw: string;
  postcodeDistrict: string | null;
  callerNumber: string | null;
  payeeAccount: string | null;
}

export interface DraftInput {
  incidents: readonly AppealIncident[];
  /** The "since <date>" date (`YYYY-MM-DD`); defaults to the first offence date. */
  since?: string;
  /** Defaults to the last offence date. */
  until?: string;
  /** Defaults to the most common method among the incidents. */
  method?: Method;
  /** Which names the "mainly affected" areas use; districts by default. */
  areaLevel?: 'district' | 'place';
  /** Defaults to 'Hertfordshire'. */
  forceArea?: string;
  /** The day the appeal goes out (`YYYY-MM-DD`): decides whether dates need a year and "this month". */
  today?: string;
}

export const DISCLOSURE_CODES = [
  'reference',
  'name',
  'street',
  'postcode',
  'exact_age',
  'phone',
  'account',
  'small_area',
  'single_victim',
  'small_numbers',
  'loss_dominance',
] as const;
export type DisclosureCode = (typeof DISCLOSURE_CODES)[number];

export interface DisclosureFinding {
  code: DisclosureCode;
  message: string;
  /** Where in the checked text the words are; absent for what concerns the whole appeal. */
  start?: number;
  end?: number;
}
