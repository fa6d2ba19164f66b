import { Router } from 'express';
import { incidentListQuerySchema, ROUTES } from '@scam/shared';
import type { ServiceContext } from '../services/context.js';
import { resolveFilters } from '../services/filters.service.js';
import { getIncident, incidentsCsv, listIncidents } from '../services/incidents.service.js';
import { parseWith } from './handler.js';

export function incidentRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.get(ROUTES.incidents, (req, res) => {
    const q = parseWith(incidentListQuerySchema, {
      sort: req.query.sort,
      order: req.query.order,
      limit: req.query.limit,
      offset: req.query.offset,
      q: req.query.q,
    });
    res.json(listIncidents(ctx, resolveFilters(ctx, req.query), q));
  });
  r.get(ROUTES.incidentsCsv, async (req, res) => {
    const filters = resolveFilters(ctx, req.query);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', 'attachment; filename="incidents.csv"');
    for (const chunk of incidentsCsv(ctx, filters)) {
      // Respect back-pressure so a large export streams instead of filling memory.
      if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    }
    res.end();
  });
  r.get(ROUTES.incident, (req, res) => {
    res.json(getIncident(ctx, String(req.params.id)));
  });
  return r;
}
