import type { Request } from 'express';
import { quoted } from '@scam/ingest';
import type { z } from 'zod';
import { badRequest } from '../lib/http-error.js';

/** Parses input with a shared schema; a failure is a 400 listing each bad field. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.join('.') || undefined, message: i.message }));
    throw badRequest(`invalid request: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, issues);
  }
  return r.data;
}

export function idParam(req: Request): number {
  const raw = req.params.id;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) throw badRequest(`${quoted(String(raw))} is not a valid id`);
  return Number(raw);
}
