export type IngestFileErrorCode =
  | 'empty_file'
  | 'header_only'
  | 'binary_file'
  | 'no_header'
  | 'unterminated_quote'
  | 'file_too_large'
  | 'bad_encoding'
  | 'missing_columns'
  | 'bad_mapping'
  | 'too_many_columns'
  | 'header_too_long';

/** A whole file is refused; the message is written for the clerk who uploaded it. */
export class IngestFileError extends Error {
  constructor(
    public code: IngestFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IngestFileError';
  }
}
