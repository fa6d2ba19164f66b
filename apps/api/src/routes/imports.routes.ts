import { Router } from 'express';
import { create as contentDisposition } from 'content-disposition';
import multer from 'multer';
import { z } from 'zod';
import { importListQuerySchema, ROUTES } from '@scam/shared';
import { actorOf } from '../http/auth.js';
import { badRequest } from '../lib/http-error.js';
import type { ServiceContext } from '../services/context.js';
import { exportFileName } from '../services/export-names.js';
import { getImport, listImports, noticesCsv, rejectedCsv } from '../services/import.service.js';
import type { Runner } from '../services/runner.js';
import { idParam, parseWith, send } from './handler.js';

const mappingSchema = z
  .record(z.string().max(200), z.string().max(50))
  .refine((m) => Object.keys(m).length <= 200, 'at most 200 columns can be mapped');
const importQuerySchema = z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional() });

/** The longest upload file name kept; longer names are refused rather than cut, so none is misread. */
const MAX_FILE_NAME = 255;

/**
 * A file name as given, made safe to store and show: NFC, no control or format characters (a
 * right-to-left override can make "evil‮vsc.exe" read as "evilexe.csv").
 */
export function cleanFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[/\\]/g, '_')
    .trim();
  if (cleaned.length > MAX_FILE_NAME)
    throw badRequest(`the file name is longer than ${MAX_FILE_NAME} characters; rename the file and try again`);
  return cleaned || 'upload.csv';
}

export function importRoutes(ctx: ServiceContext, runner: Runner): Router {
  const r = Router();
  // One byte over the limit is enough for multer to say "too large"; the pipeline gives the message.
  // defParamCharset: browsers send UTF-8 file names ("Return — Oct.csv"); busboy's default is latin1.
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: ctx.config.IMPORT_MAX_BYTES + 1,
      files: 1,
      fields: 4,
      parts: 6,
      fieldNameSize: 100,
      fieldSize: 64 * 1024,
      headerPairs: 50,
    },
    defParamCharset: 'utf8',
  });

  r.post(ROUTES.imports, upload.single('file'), async (req, res) => {
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
    const fileName = cleanFileName(req.file.originalname || 'upload.csv');
    const isDryRun = dryRun === 'true' || dryRun === '1';
    // On the import worker: parsing and writing a large return must not hold anyone else's request.
    const result = await runner.run('import', { data: req.file.buffer, fileName, mapping, dryRun: isDryRun, actor: actorOf(res) });
    // A real import records its `collection` entry inside its own transaction; a dry run or a file
    // already imported wrote nothing, but the plan showed what the store holds: a consultation.
    if (isDryRun || result.alreadyImported) {
      res.locals.auditAction = 'consultation';
      res.locals.auditObject = { dryRun: isDryRun, file: fileName, alreadyImported: result.alreadyImported };
      res.locals.auditRows = result.counts.updated + result.counts.unchanged;
    } else res.locals.audited = true;
    send(res.status(result.dryRun || result.alreadyImported ? 200 : 201), 'POST', ROUTES.imports, result);
  });
  r.get(ROUTES.imports, (req, res) => {
    send(
      res,
      'GET',
      ROUTES.imports,
      listImports(ctx, parseWith(importListQuerySchema, { limit: req.query.limit, before: req.query.before })),
    );
  });
  r.get(ROUTES.importBatch, (req, res) => {
    send(res, 'GET', ROUTES.importBatch, getImport(ctx, idParam(req)));
  });
  r.get(ROUTES.importRejectedCsv, (req, res) => {
    const { fileName, csv, rows } = rejectedCsv(ctx, idParam(req));
    res.locals.auditRows = rows;
    res.set('Content-Type', 'text/csv; charset=utf-8');
    // RFC 6266/5987: an ASCII fallback plus the UTF-8 name, so "Return — Oct" survives any browser.
    res.set('Content-Disposition', contentDisposition(exportFileName(fileName.replace(/\.csv$/i, ''), ctx.today(), 'csv')));
    res.send(csv);
  });
  r.get(ROUTES.importNoticesCsv, (req, res) => {
    const { fileName, csv, rows } = noticesCsv(ctx, idParam(req));
    res.locals.auditRows = rows;
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', contentDisposition(exportFileName(fileName.replace(/\.csv$/i, ''), ctx.today(), 'csv')));
    res.send(csv);
  });
  r.post(ROUTES.importRollback, async (req, res) => {
    const result = await runner.run('rollback', { batchId: idParam(req), actor: actorOf(res) });
    res.locals.audited = true;
    send(res, 'POST', ROUTES.importRollback, result);
  });
  r.post(ROUTES.importErase, async (req, res) => {
    const result = await runner.run('erase', { batchId: idParam(req), actor: actorOf(res) });
    res.locals.audited = true;
    send(res, 'POST', ROUTES.importErase, result);
  });
  return r;
}
