import { CHANNEL_LABELS, IMPERSONATED_LABELS, METHOD_LABELS, OUTCOME_LABELS, PLACE_MATCH_LABELS } from '@scam/shared';
import type { Channel, Method, Outcome } from '@scam/shared';
import { formatDate, formatMoney } from '../../../utils/format';

/**
 * The change history speaks the screen's language: a stored column (`loss_pence`, `outcome_raw`, or its
 * camelCase name) is shown by the label the incident details use, and a stored code by its label.
 */
const FIELD_LABELS: Record<string, string> = {
  reference: 'Reference',
  offence_date: 'Offence date',
  offence_date_to: 'Committed up to',
  report_date: 'Reported',
  town_raw: 'Town as reported',
  place: 'Place',
  district_code: 'District code',
  district: 'District',
  county: 'County',
  lat: 'Latitude',
  lon: 'Longitude',
  place_match: 'Where the town was found',
  postcode_district: 'Postcode district',
  method: 'Method',
  method_raw: 'Method as reported',
  method_rule: 'How the method was read',
  impersonated: 'Posing as',
  channel: 'Payment',
  loss_pence: 'Amount lost',
  outcome: 'Outcome',
  outcome_raw: 'Outcome as reported',
  victim_age: 'Victim age',
  age_band: 'Age band',
  caller_number: 'Caller number',
  payee_account: 'Payee account',
  summary: 'Summary',
};

/** `lossPence` → `loss_pence`: history written by older versions may use either spelling. */
function storedName(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function fieldLabel(field: string): string {
  const name = storedName(field);
  return FIELD_LABELS[name] ?? name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function labelFrom(labels: Record<string, string>, value: string): string {
  return Object.hasOwn(labels, value) ? (labels[value] as string) : value;
}

/** A changed value as the screen shows it. Data values are only ever rendered as text nodes, never as HTML. */
export function formatChangeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  const name = storedName(field);
  if (typeof value === 'number' && name === 'loss_pence') return formatMoney(value, { withPence: true });
  if (typeof value === 'string') {
    if (name === 'offence_date' || name === 'offence_date_to' || name === 'report_date') return formatDate(value);
    if (name === 'method') return labelFrom(METHOD_LABELS as Record<Method, string>, value);
    if (name === 'outcome') return labelFrom(OUTCOME_LABELS as Record<Outcome, string>, value);
    if (name === 'channel') return labelFrom(CHANNEL_LABELS as Record<Channel, string>, value);
    if (name === 'impersonated') return labelFrom(IMPERSONATED_LABELS, value);
    if (name === 'place_match') return labelFrom(PLACE_MATCH_LABELS as Record<string, string>, value);
    if (name === 'age_band' && value === 'unknown') return 'Unknown';
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
