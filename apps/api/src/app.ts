import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Gazetteer } from '@scam/ingest';
import type { Config } from './config.js';
import type { Db } from './db/connection.js';
import { createRepos } from './db/repos/index.js';
import { errorHandler, notFoundHandler } from './lib/error-middleware.js';
import { importRoutes } from './routes/imports.routes.js';
import { incidentRoutes } from './routes/incidents.routes.js';
import { statsRoutes } from './routes/stats.routes.js';
import { seriesRoutes } from './routes/series.routes.js';
import { appealRoutes } from './routes/appeals.routes.js';
import { WatchScheduler } from './services/watch-scheduler.js';
import type { ServiceContext } from './services/context.js';
import { FactStore } from './services/fact-store.js';
import type { Geo } from './services/geo.service.js';
import { todayIso } from './lib/dates.js';

export interface AppDeps {
  db: Db;
  gazetteer: Gazetteer;
  geo: Geo;
  config: Pick<Config, 'FORCE_AREA' | 'IMPORT_MAX_BYTES' | 'TILE_URL'> & { WEB_DIST?: string };
  today?: () => string;
  now?: () => string;
  log?: (msg: string, err: unknown) => void;
  /** Run the prospective watch detection after each import and rollback (default true). */
  watchAfterImport?: boolean;
}

export function createContext(deps: AppDeps): ServiceContext {
  const repos = createRepos(deps.db);
  return {
    repos,
    facts: new FactStore(repos.facts),
    gazetteer: deps.gazetteer,
    geo: deps.geo,
    config: deps.config,
    today: deps.today ?? todayIso,
    now: deps.now ?? (() => new Date().toISOString()),
  };
}

/** Builds the HTTP app; it never listens (main.ts does), so tests drive it on an ephemeral port. */
export function createApp(deps: AppDeps, ctx: ServiceContext = createContext(deps)): Express {
  const log = deps.log ?? ((msg: string, err: unknown) => console.error(msg, err));
  const scheduler = new WatchScheduler(ctx, log, deps.watchAfterImport ?? true);
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '1mb' }));
  app.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(statsRoutes(ctx));
  app.use(incidentRoutes(ctx));
  app.use(importRoutes(ctx, scheduler));
  app.use(seriesRoutes(ctx, scheduler));
  app.use(appealRoutes(ctx));
  app.use('/api', notFoundHandler);

  const web = deps.config.WEB_DIST;
  if (web && existsSync(join(web, 'index.html'))) {
    app.use(express.static(web, { index: false, maxAge: '1h' }));
    // Client-side routes (/incidents, /import…) all load the same page.
    app.get(/^\/(?!api\/).*/, (_req, res) => {
      res.set('Cache-Control', 'no-cache');
      res.sendFile(join(web, 'index.html'));
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler(log));
  return app;
}
