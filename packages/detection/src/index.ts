export type { DetectionIncident, DetectOptions, DetectResult } from './types.js';
export { detectSeries, foldNested, NESTED_SHARE, ANALYSIS_FREQUENCY_DAYS } from './detect.js';
export { makeSyntheticIncidents, syntheticIncident, MONTHLY_RATES } from './synthetic.js';
export type { SyntheticPlace, SyntheticOptions } from './synthetic.js';
export { similarity, LINK_THRESHOLD, SIMILARITY_WEIGHTS, MAX_SIMILARITY, normaliseCallerNumber } from './linking.js';
export { binomialUpperTail } from './baseline.js';
export { createRng, deriveSeed } from './random.js';
export type { Rng } from './random.js';
