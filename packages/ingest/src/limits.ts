/**
 * Size limits on what a return may contain. Each is a refusal the clerk can act on (a row error or an
 * IngestFileError), never an exception. Lengths are counted in characters (code points), as SQLite's
 * length() counts them.
 */

/** Longest cell read. No field of a return needs more, and it bounds the work one hostile cell can cause. */
export const MAX_CELL_CHARS = 10_000;

/** Mirrors `CHECK (length(reference) BETWEEN 1 AND 100)` on incidents (migration 0001). */
export const MAX_REFERENCE_CHARS = 100;

/** More columns than this is a wrongly split file or a spreadsheet's used range run wild, not a return. */
export const MAX_HEADER_COLUMNS = 200;

/** Longer than this, the first line is a title or a paragraph, not a column name. */
export const MAX_HEADER_CELL_CHARS = 200;

/** The most of any input value a message quotes; longer values are cut and end in "…". */
export const EXCERPT_CHARS = 60;
