/**
 * How the server process ends, for the supervisor (supervise.ts, what `npm start` runs): a
 * configuration that trying again cannot fix stops it; a store that cannot be opened now, or a crash,
 * is tried again with back-off.
 */
export const EXIT_CONFIG = 78;
export const EXIT_STORAGE = 75;
export const EXIT_CRASH = 70;
