import type { ErrorRequestHandler, RequestHandler } from 'express';
import multer from 'multer';
import type { ErrorBody } from '@scam/shared';
import { HttpError } from './http-error.js';

function body(code: string, message: string, issues?: ErrorBody['error']['issues']): ErrorBody {
  return { error: issues && issues.length > 0 ? { code, message, issues } : { code, message } };
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(body('not_found', `no route ${req.method} ${req.path}`));
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
      res.status(err.status).json(body(err.code, err.message, err.issues));
      return;
    }
    if (err instanceof multer.MulterError) {
      const tooLarge = err.code === 'LIMIT_FILE_SIZE';
      res
        .status(tooLarge ? 413 : 400)
        .json(body(tooLarge ? 'file_too_large' : 'bad_request', tooLarge ? 'the file is larger than the import size limit; nothing was written' : `upload refused: ${err.message}`));
      return;
    }
    // Body-parser errors (malformed JSON, oversized body) carry a 4xx status of their own.
    const status = typeof err === 'object' && err !== null && 'status' in err ? Number((err as { status: unknown }).status) : 500;
    if (status >= 400 && status < 500) {
      res.status(status).json(body('bad_request', err instanceof Error ? err.message : 'bad request'));
      return;
    }
    log('unexpected error', err);
    res.status(500).json(body('internal', 'something went wrong on the server; the error has been logged'));
  };
}
