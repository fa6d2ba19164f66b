import { Router } from 'express';
import { appealExportSchema, appealRequestSchema, ROUTES } from '@scam/shared';
import { actorOf } from '../http/auth.js';
import { auditTrail, draft, recordExport } from '../services/appeals.service.js';
import type { ServiceContext } from '../services/context.js';
import { parseWith } from './handler.js';

export function appealRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.post(ROUTES.appealDraft, (req, res) => {
    const request = parseWith(appealRequestSchema, req.body);
    const result = draft(ctx, request, actorOf(res));
    res.locals.auditObject = { ...request, title: result.title };
    res.locals.auditRows = result.figures.reports;
    res.json(result);
  });
  r.post(ROUTES.appealExports, (req, res) => {
    const e = parseWith(appealExportSchema, req.body);
    const recorded = recordExport(ctx, e, actorOf(res));
    res.locals.auditObject = {
      title: e.title,
      format: e.format,
      seriesId: e.seriesId ?? null,
      filters: e.filters ?? null,
      appealExport: recorded.id,
    };
    if (e.purpose) res.locals.auditPurpose = e.purpose;
    res.status(201).json(recorded);
  });
  r.get(ROUTES.appealExports, (_req, res) => {
    res.json(auditTrail(ctx));
  });
  return r;
}
