export type { AppealIncident, DraftInput, DisclosureCode, DisclosureFinding } from './types.js';
export { DISCLOSURE_CODES } from './types.js';
export { draftAppeal } from './draft.js';
export { checkDisclosure, MIN_AREA_REPORTS } from './disclosure.js';
export { checkAppealDocument, findPlaceholders, locateDisclosures, segmentsOf, stalePeriodWarning, STALE_AFTER_DAYS } from './editor.js';
export { toPlainText, toMarkdown } from './render.js';
export { formatMoneyRoundedDown } from './money.js';
export { DOMINANCE_RULES, dominatedBy, lossMagnitudeWords, statedAmounts } from './dominance.js';
export type { DominanceRule, StatedAmount } from './dominance.js';
