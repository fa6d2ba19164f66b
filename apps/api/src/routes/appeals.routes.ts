import { Router } from 'express';
import { ROUTES } from '@scam/shared';
import { appealExportSchema, appealRequestSchema, auditTrail, draft, recordExport } from '../services/appeals.service.js';
import type { ServiceContext } from '../services/context.js';
import { actorOf, parseWith } from './handler.js';

export function appealRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.post(ROUTES.appealDraft, (req, res) => {
    res.json(draft(ctx, parseWith(appealRequestSchema, req.body), actorOf(req)));
  });
  r.post(ROUTES.appealExports, (req, res) => {
    res.status(201).json(recordExport(ctx, parseWith(appealExportSchema, req.body), actorOf(req)));
  });
  r.get(ROUTES.appealExports, (_req, res) => {
    res.json(auditTrail(ctx));
  });
  return r;
}
