import { Router } from 'express';
import { linksQuerySchema, ROUTES } from '@scam/shared';
import type { ServiceContext } from '../services/context.js';
import { resolveFilters } from '../services/filters.service.js';
import { linkNetwork } from '../services/links.service.js';
import { parseWith, send } from './handler.js';

export function linkRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.get(ROUTES.links, (req, res) => {
    const given = req.query.references;
    const { references } = parseWith(linksQuerySchema, { references: Array.isArray(given) ? given.join(',') : given });
    const network = linkNetwork(ctx, resolveFilters(ctx, req.query), references);
    res.locals.auditRows = network.incidents.length;
    send(res, 'GET', ROUTES.links, network);
  });
  return r;
}
