import type { ErrorRequestHandler, RequestHandler } from 'express';
import multer from 'multer';
import type { ErrorBody } from '@scam/shared';
import { storageFaultOf } from '../db/errors.js';
import { StoredDataError } from '../db/repos/stored-json.js';
import { HttpError } from './http-error.js';

export function errorBody(code: string, message: string, issues?: ErrorBody['error']['issues']): ErrorBody {
  return { error: issues && issues.length > 0 ? { code, message, issues } : { code, message } };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not_found', `no route ${req.method} ${req.path}`));
};

/**
 * The one place errors become responses: the documented shape, the right status, and never a stack
 * trace or SQL in the body (those go to the server log).
 */
export function errorHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (res.headersSent) {
      log('error after headers were sent', err);
      res.end();
      return;
    }
    if (err instanceof HttpError) {
      if (err.status === 503) res.set('Retry-After', '5');
      res.status(err.status).json(errorBody(err.code, err.message, err.issues));
      return;
    }
    if (err instanceof StoredDataError) {
      // Data this version cannot read back (an older row, a hand edit): a server-side fault, said plainly.
      log('stored data could not be read', err);
      res
        .status(500)
        .json(errorBody('stored_data', `part of the stored data could not be read (${err.message}); the error has been logged`));
      return;
    }
    const fault = storageFaultOf(err);
    if (fault === 'busy') {
      // Another writer (an import, the command-line importer) holds the database: say when to retry.
      res.set('Retry-After', '2');
      res.status(503).json(errorBody('busy', 'the database is busy with another change; try again in a moment'));
      return;
    }
    if (fault === 'read_only') {
      res.status(503).json(errorBody('read_only', 'the database is read-only, so nothing can be changed; reading still works'));
      return;
    }
    if (fault === 'disk_full') {
      log('disk full', err);
      res.status(507).json(errorBody('disk_full', 'the disk is full; nothing was written and the data is as it was'));
      return;
    }
    if (fault === 'gone') {
      log('storage fault', err);
      res
        .status(503)
        .json(errorBody('storage_fault', 'the database file cannot be read or written; the administrator has been told in the server log'));
      return;
    }
    // busboy's own parse errors ("Malformed part header", "Unexpected end of form") reach us through
    // multer, which marks them with storageErrors: a broken upload, not a server fault.
    const busboyRefusal =
      err instanceof Error &&
      /^(Multipart: Boundary not found|Malformed part header|Unexpected end of form|Unsupported content type)/.test(err.message);
    if (busboyRefusal || (typeof err === 'object' && err !== null && 'storageErrors' in err && !(err instanceof multer.MulterError))) {
      res.status(400).json(errorBody('bad_request', 'the upload could not be read (a malformed multipart form); nothing was written'));
      return;
    }
    if (err instanceof multer.MulterError) {
      const tooLarge = err.code === 'LIMIT_FILE_SIZE';
      // multer's own messages quote nothing from the request, so they are safe to pass on.
      res
        .status(tooLarge ? 413 : 400)
        .json(
          errorBody(
            tooLarge ? 'file_too_large' : 'bad_request',
            tooLarge ? 'the file is larger than the import size limit; nothing was written' : `upload refused: ${err.message}`,
          ),
        );
      return;
    }
    // Body-parser errors (malformed JSON, oversized body) carry a 4xx status of their own.
    const status = typeof err === 'object' && err !== null && 'status' in err ? Number((err as { status: unknown }).status) : 500;
    if (status >= 400 && status < 500) {
      // Body-parser messages can quote the input ("Unexpected token … in JSON"): keep them short.
      const message = err instanceof Error ? err.message.slice(0, 120) : 'bad request';
      res.status(status).json(errorBody(status === 413 ? 'too_large' : 'bad_request', message));
      return;
    }
    log('unexpected error', err);
    res.status(500).json(errorBody('internal', 'something went wrong on the server; the error has been logged'));
  };
}
