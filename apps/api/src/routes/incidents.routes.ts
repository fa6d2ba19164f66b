import { Router } from 'express';
import { create as contentDisposition } from 'content-disposition';
import { incidentExportQuerySchema, incidentListQuerySchema, ROUTES } from '@scam/shared';
import { actorOf } from '../http/auth.js';
import type { ServiceContext } from '../services/context.js';
import { resolveFilters } from '../services/filters.service.js';
import { checkXlsxSize, incidentsCsv, incidentsFileName, writeIncidentsXlsx } from '../services/incidents-export.js';
import { getIncident, listIncidents } from '../services/incidents.service.js';
import { parseWith, send } from './handler.js';
import { streamChunks } from './stream.js';

export function incidentRoutes(ctx: ServiceContext): Router {
  const r = Router();
  r.get(ROUTES.incidents, async (req, res) => {
    const q = parseWith(incidentListQuerySchema, {
      sort: req.query.sort,
      order: req.query.order,
      limit: req.query.limit,
      offset: req.query.offset,
      q: req.query.q,
      identifier: req.query.identifier,
    });
    const list = await listIncidents(ctx, resolveFilters(ctx, req.query), q);
    res.locals.auditRows = list.incidents.length;
    send(res, 'GET', ROUTES.incidents, list);
  });
  r.get(ROUTES.incidentsCsv, async (req, res) => {
    const filters = resolveFilters(ctx, req.query);
    const q = parseWith(incidentExportQuerySchema, { sort: req.query.sort, order: req.query.order });
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', contentDisposition(incidentsFileName(ctx, filters, 'csv')));
    await streamChunks(res, incidentsCsv(ctx, filters, q));
  });
  r.get(ROUTES.incidentsXlsx, async (req, res) => {
    const filters = resolveFilters(ctx, req.query);
    const q = parseWith(incidentExportQuerySchema, { sort: req.query.sort, order: req.query.order });
    checkXlsxSize(ctx, filters);
    res.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.set('Content-Disposition', contentDisposition(incidentsFileName(ctx, filters, 'xlsx')));
    // Counted as sent, page by page: a download cut off half-way is recorded with what it got.
    let sent = 0;
    res.locals.auditRows = 0;
    await writeIncidentsXlsx(
      ctx,
      filters,
      q,
      { exportedBy: actorOf(res).name },
      res,
      (n) => {
        sent += n;
        res.locals.auditRows = sent;
      },
      () => res.destroyed,
    );
  });
  r.get(ROUTES.incident, (req, res) => {
    const detail = getIncident(ctx, String(req.params.id));
    res.locals.auditRows = 1;
    res.locals.auditObject = { reference: detail.incident.reference };
    send(res, 'GET', ROUTES.incident, detail);
  });
  return r;
}
