import type { AppealIncident } from './types.js';

/** An incident counts as a loss when it is recorded as lost or has money recorded against it. */
export function lostMoney(incident: AppealIncident): boolean {
  return incident.outcome === 'lost' || incident.lossPence > 0;
}
