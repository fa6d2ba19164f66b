import type { ErrorIssue } from '@scam/shared';

/** An error a service throws on purpose; the error middleware turns it into the one error shape. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: ErrorIssue[],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, issues?: ErrorIssue[]) => new HttpError(400, 'bad_request', message, issues);
export const invalidFilter = (message: string, issues?: ErrorIssue[]) => new HttpError(400, 'invalid_filter', message, issues);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const conflict = (message: string, issues?: ErrorIssue[]) => new HttpError(409, 'conflict', message, issues);
