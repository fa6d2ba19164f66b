import { z } from 'zod';

/** The one error shape every route answers with, whatever went wrong. */
export const errorIssueSchema = z.object({
  path: z.string().optional(),
  line: z.number().int().optional(),
  column: z.string().optional(),
  value: z.string().optional(),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof errorIssueSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(errorIssueSchema).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Codes a client may branch on. */
export const ERROR_CODES = {
  badRequest: 'bad_request',
  invalidFilter: 'invalid_filter',
  notFound: 'not_found',
  conflict: 'conflict',
  fileRefused: 'file_refused',
  tooLarge: 'file_too_large',
  internal: 'internal',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
