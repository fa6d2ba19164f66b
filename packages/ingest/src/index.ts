export { IngestFileError } from './errors.js';
export type { IngestFileErrorCode } from './errors.js';
export { parseCsv, DEFAULT_MAX_BYTES } from './csv.js';
export type { ParsedCsv, CsvRow } from './csv.js';
export { openCsvStream, bytesSource, STREAM_BATCH_ROWS } from './csv-stream.js';
export type { CsvStream, CsvStreamSource } from './csv-stream.js';
export { FORCE_RETURN_HEADER, mapHeaders, REQUIRED_FIELDS } from './headers.js';
export { Gazetteer, normaliseTownName } from './gazetteer.js';
export type { GazetteerPlace, PlaceResolution } from './gazetteer.js';
export {
  parseDate,
  parseMoneyToPence,
  parseAge,
  parseOutcome,
  parsePayeeAccount,
  ACCEPTED_OUTCOME_WORDS,
  EARLIEST_DATE,
  MAX_LOSS_PENCE,
} from './values.js';
export type { ParseResult, AgeValue } from './values.js';
export { classifyMethod, deriveImpersonated, deriveChannel } from './methods.js';
export type { MethodClassification } from './methods.js';
export { normaliseRow, normaliseFile, createRowNormaliser } from './normalise.js';
export type { NormalisedIncident, NormaliseContext, NormaliseOptions, RowOutcome, NormalisedFile, RowNormaliser } from './normalise.js';
export { rejectedRowsCsv } from './rejected.js';
export { MAX_CELL_CHARS, MAX_REFERENCE_CHARS, MAX_HEADER_COLUMNS, MAX_HEADER_CELL_CHARS, EXCERPT_CHARS } from './limits.js';
export { excerpt, quoted } from './cell-text.js';
export { referenceKey, referenceCharacterProblem, REFERENCE_CHARACTERS_RULE } from './reference.js';
