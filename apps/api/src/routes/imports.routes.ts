import { Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { ROUTES } from '@scam/shared';
import { badRequest } from '../lib/http-error.js';
import type { ServiceContext } from '../services/context.js';
import { getImport, importFile, listImports, rejectedCsv, rollbackImport } from '../services/import.service.js';
import type { WatchScheduler } from '../services/watch-scheduler.js';
import { actorOf, idParam, parseWith } from './handler.js';

const mappingSchema = z.record(z.string(), z.string());
const importQuerySchema = z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional() });

export function importRoutes(ctx: ServiceContext, scheduler: WatchScheduler): Router {
  const r = Router();
  // One byte over the limit is enough for multer to say "too large"; the pipeline gives the message.
  // defParamCharset: browsers send UTF-8 file names ("Return — Oct.csv"); busboy's default is latin1.
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: ctx.config.IMPORT_MAX_BYTES + 1, files: 1 }, defParamCharset: 'utf8' });

  r.post(ROUTES.imports, upload.single('file'), (req, res) => {
    const { dryRun } = parseWith(importQuerySchema, { dryRun: req.query.dryRun });
    if (!req.file) throw badRequest('no file: send the CSV as multipart form field "file"');
    let mapping: Record<string, string> | undefined;
    const rawMapping: unknown = req.body?.mapping;
    if (typeof rawMapping === 'string' && rawMapping.trim() !== '') {
      let json: unknown;
      try {
        json = JSON.parse(rawMapping);
      } catch {
        throw badRequest('field "mapping" must be a JSON object of header → field, e.g. {"Crime Ref":"reference"}');
      }
      mapping = parseWith(mappingSchema, json);
    }
    const result = importFile(ctx, {
      data: req.file.buffer,
      fileName: req.file.originalname || 'upload.csv',
      mapping,
      dryRun: dryRun === 'true' || dryRun === '1',
      actor: actorOf(req),
    });
    res.status(result.dryRun || result.alreadyImported ? 200 : 201).json(result);
    if (!result.dryRun && !result.alreadyImported) scheduler.schedule('import', result.batchId);
  });
  r.get(ROUTES.imports, (_req, res) => {
    res.json(listImports(ctx));
  });
  r.get(ROUTES.importBatch, (req, res) => {
    res.json(getImport(ctx, idParam(req)));
  });
  r.get(ROUTES.importRejectedCsv, (req, res) => {
    const { fileName, csv } = rejectedCsv(ctx, idParam(req));
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`);
    res.send(csv);
  });
  r.post(ROUTES.importRollback, (req, res) => {
    const result = rollbackImport(ctx, idParam(req));
    res.json(result);
    scheduler.schedule('rollback', result.batchId);
  });
  return r;
}
