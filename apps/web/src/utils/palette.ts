import type { Method, Outcome } from '@scam/shared';

/**
 * Okabe–Ito colours, chosen to stay distinguishable under the common colour-vision deficiencies.
 * The yellow (#F0E442) is left out: it fails contrast against a white background and on projectors.
 */
export const METHOD_COLOURS: Record<Method, string> = {
  courier: '#D55E00',
  bank_impersonation: '#0072B2',
  hmrc: '#009E73',
  tech_support: '#E69F00',
  investment: '#CC79A7',
  romance: '#56B4E9',
  other: '#7F7F7F',
};

export const OUTCOME_COLOURS: Record<Outcome, string> = {
  lost: '#D55E00',
  attempted: '#E69F00',
  prevented: '#0072B2',
};

/** Single-hue sequential scale (ColorBrewer Blues, 5 classes) for the district choropleth. */
export const SEQUENTIAL_BLUES = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
/** Districts with nothing to show: distinct from the lightest class so "none" reads as none. */
export const NO_DATA_FILL = '#f4f4f4';

export const NEUTRAL_BAR = '#0072B2';
