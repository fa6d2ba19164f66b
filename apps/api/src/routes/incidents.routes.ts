import { Router } from 'express';
import { create as contentDisposition } from 'content-disposition';
import { incidentListQuerySchema, ROUTES } from '@scam/shared';
import type { ServiceContext } from '../services/context.js';
import { exportFileName } from '../services/export-names.js';
import { resolveFilters } from '../services/filters.service.js';
import { getIncident, incidentsCsv, listIncidents } from '../services/incidents.service.js';
import { parseWith } from './handler.js';
import { streamChunks } from './stream.js';

export function incidentRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.get(ROUTES.incidents, (req, res) => {
    const q = parseWith(incidentListQuerySchema, {
      sort: req.query.sort,
      order: req.query.order,
      limit: req.query.limit,
      offset: req.query.offset,
      q: req.query.q,
      identifier: req.query.identifier,
    });
    const list = listIncidents(ctx, resolveFilters(ctx, req.query), q);
    res.locals.auditRows = list.incidents.length;
    res.json(list);
  });
  r.get(ROUTES.incidentsCsv, async (req, res) => {
    const filters = resolveFilters(ctx, req.query);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', contentDisposition(exportFileName('incidents', ctx.today(), 'csv')));
    await streamChunks(res, incidentsCsv(ctx, filters));
  });
  r.get(ROUTES.incident, (req, res) => {
    const detail = getIncident(ctx, String(req.params.id));
    res.locals.auditRows = 1;
    res.locals.auditObject = { reference: detail.incident.reference };
    res.json(detail);
  });
  return r;
}
