import { randomBytes } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import session from 'express-session';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { ENDPOINTS, ROUTES, type HttpMethod } from '@scam/shared';
import { allowedHosts, REPO_ROOT, type Config } from './config.js';
import { SqliteSessionStore } from './db/session-store.js';
import { authenticate, guard, requireSignedIn } from './http/auth.js';
import { hostCheck, noStore, requestId, sameOrigin, securityHeaders, storageGoneMessage, storageGuard } from './http/security.js';
import { errorHandler, notFoundHandler } from './lib/error-middleware.js';
import { HttpError } from './lib/http-error.js';
import { adminRoutes } from './routes/admin.routes.js';
import { importRoutes } from './routes/imports.routes.js';
import { incidentRoutes } from './routes/incidents.routes.js';
import { linkRoutes } from './routes/links.routes.js';
import { sessionRoutes, type ReadOnlyState } from './routes/session.routes.js';
import { SignInThrottle } from './services/sign-in-throttle.js';
import { PLAIN_SESSION_COOKIE, SECURE_SESSION_COOKIE } from './http/session-cookie.js';
import { statsRoutes } from './routes/stats.routes.js';
import { seriesRoutes } from './routes/series.routes.js';
import { savedViewRoutes } from './routes/saved-views.routes.js';
import { appealRoutes } from './routes/appeals.routes.js';
import { timelineEventRoutes } from './routes/timeline-events.routes.js';
import type { ServiceContext } from './services/context.js';
import type { ContextDeps } from './services/create-context.js';
import { Jobs } from './jobs/jobs.js';
import { inlineRunner, workerRunner, type Runner } from './services/runner.js';
import { QueryPool } from './jobs/query-pool.js';

export { createContext } from './services/create-context.js';
import { createContext, logLine } from './services/create-context.js';

type SecuritySettings = Pick<
  Config,
  | 'HOST'
  | 'ALLOWED_HOSTS'
  | 'TRUST_PROXY'
  | 'SESSION_IDLE_MINUTES'
  | 'SESSION_MAX_HOURS'
  | 'SIGNIN_MAX_FAILURES'
  | 'LOCKOUT_MINUTES'
  | 'SIGNIN_RATE_LIMIT'
>;

/** The defaults of config.ts, for apps built without a full environment (tests, scripts). */
const SECURITY_DEFAULTS: SecuritySettings = {
  HOST: '127.0.0.1',
  ALLOWED_HOSTS: '',
  TRUST_PROXY: '',
  SESSION_IDLE_MINUTES: 30,
  SESSION_MAX_HOURS: 10,
  SIGNIN_MAX_FAILURES: 5,
  LOCKOUT_MINUTES: 15,
  SIGNIN_RATE_LIMIT: 30,
};

export interface AppDeps extends ContextDeps {
  config: ContextDeps['config'] &
    Partial<SecuritySettings> &
    Partial<Pick<Config, 'GAZETTEER_PATH' | 'BOUNDARIES_PATH'>> & { WEB_DIST?: string };
  /** Structured request logs (method, route, status, time; never query strings or bodies). */
  logger?: Logger;
  /**
   * Run the prospective watch detection after each change (import, rollback, erasure) and when another
   * process changed the data (default true).
   */
  watchAfterImport?: boolean;
  /**
   * 'worker' (default for a database file): imports, rollbacks and detection run on worker threads with
   * their own connections. 'inline': on the calling thread (a `:memory:` store, which no other
   * connection can see).
   */
  jobs?: 'worker' | 'inline';
  /**
   * Incidents from which aggregates and pages are answered on query worker threads (default 50,000;
   * below it a pass takes under a millisecond or two and a message would cost more).
   */
  queryWorkersFrom?: number;
  /** Longest a detection run or an import may take before it is stopped. */
  detectionTimeoutMs?: number;
  importTimeoutMs?: number;
}

/** The server's worker threads: long work (`jobs`) and the read model's large queries (`queries`). */
interface Threads {
  jobs: Jobs;
  queries: QueryPool;
  /** Incidents from which the read model answers on the query threads. */
  queryWorkersFrom: number;
}

/**
 * The worker threads over the same database file, or null where everything runs on this thread (a
 * `:memory:` store, which no other connection can see, or `jobs: 'inline'`). No thread starts until
 * it has work.
 */
function createThreads(deps: AppDeps): Threads | null {
  const file = deps.db.name;
  if (deps.jobs === 'inline' || file === ':memory:' || file === '') return null;
  const jobs = new Jobs({
    setup: {
      dbPath: file,
      gazetteerPath: deps.config.GAZETTEER_PATH ?? resolve(REPO_ROOT, 'data/places.csv'),
      boundariesPath: deps.config.BOUNDARIES_PATH ?? resolve(REPO_ROOT, 'data/lad-boundaries.geojson'),
      // A worker may wait for a command-line import to let go of the lock; it holds nobody up.
      busyTimeoutMs: 120_000,
      config: { FORCE_AREA: deps.config.FORCE_AREA, IMPORT_MAX_BYTES: deps.config.IMPORT_MAX_BYTES, TILE_URL: deps.config.TILE_URL },
    },
    detectionTimeoutMs: deps.detectionTimeoutMs ?? 120_000,
    importTimeoutMs: deps.importTimeoutMs ?? 30 * 60_000,
  });
  // Two: the machine this is sized for has two cores, and the request thread mostly waits on them.
  return { jobs, queries: new QueryPool(2), queryWorkersFrom: deps.queryWorkersFrom ?? 50_000 };
}

/** The service context, and where its long work runs, over one set of threads. */
export interface Services {
  ctx: ServiceContext;
  /**
   * Starts the runner (once): its watch checks begin at once, so the server starts it after the read
   * model's first load. Whoever starts it closes it when the server stops.
   */
  startRunner(): Runner;
}

/**
 * The service context and its runner. The server's threads are made first and given to both: the
 * read model gets the rebuild thread and the query threads through its constructor. `ownRunner` (tests)
 * runs long work its own way, and the read model then has no threads either.
 */
export function createServices(deps: AppDeps, ownRunner?: (ctx: ServiceContext) => Runner): Services {
  const threads = ownRunner ? null : createThreads(deps);
  const ctx: ServiceContext = createContext(
    deps,
    threads
      ? {
          rebuild: () => threads.jobs.run('facts', {}, { today: ctx.today(), now: ctx.now() }),
          queryWorkers: { pool: threads.queries, minRows: threads.queryWorkersFrom },
        }
      : {},
  );
  const opts = { watch: deps.watchAfterImport ?? true, log: deps.log ?? logLine };
  let runner: Runner | null = null;
  const start = (): Runner => {
    if (ownRunner) return ownRunner(ctx);
    return threads ? workerRunner(ctx, threads.jobs, threads.queries, opts) : inlineRunner(ctx, opts);
  };
  return { ctx, startRunner: () => (runner ??= start()) };
}

/**
 * 405 with Allow for a known path called with a method it does not answer: `all` at the end of the
 * routes, or `OPTIONS` only, mounted before them. Without the latter Express answers OPTIONS itself
 * (200 with Allow) from each feature router; the API serves no other origin, so there is no CORS
 * preflight to pass and OPTIONS is refused like any other method the path does not take.
 */
function methodNotAllowed(which: 'all' | 'options'): RequestHandler[] {
  const byPath = new Map<string, HttpMethod[]>();
  for (const e of ENDPOINTS) byPath.set(ROUTES[e.route], [...(byPath.get(ROUTES[e.route]) ?? []), e.method]);
  return [...byPath].map(([path, methods]) => {
    const router = express.Router();
    router[which](path, (req, res, next) => {
      res.set('Allow', methods.join(', '));
      next(new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${path}; use ${methods.join(' or ')}`));
    });
    return router;
  });
}

/**
 * Builds the HTTP app over a service context and a runner its caller made (createServices) and
 * closes; it never listens (main.ts does), so tests drive it on an ephemeral port.
 */
export function createApp(deps: AppDeps, ctx: ServiceContext, runner: Runner): Express {
  const log = deps.log ?? logLine;
  const security = { ...SECURITY_DEFAULTS, ...deps.config };
  const throttle = new SignInThrottle(
    { freeFailures: security.SIGNIN_MAX_FAILURES, firstDelaySeconds: 30, maxDelaySeconds: security.LOCKOUT_MINUTES * 60 },
    // A warning in the server's log, where a security team's alerting reads it; the audit trail has each attempt.
    (message, detail) => (deps.logger ? deps.logger.warn(detail, message) : console.warn(message, detail)),
  );
  const storage = ctx.storage;
  // Writes are refused once the file has gone, and records too while the audit trail cannot be written;
  // the banner says so from then on, with the reason.
  const readOnly = (): ReadOnlyState => {
    const state = storage.check();
    if (state !== 'ok') return { readOnly: true, readOnlyReason: storageGoneMessage(state), auditUnavailable: true };
    const fault = ctx.audit.problem();
    return fault
      ? { readOnly: true, readOnlyReason: `the audit trail cannot be written (${fault.reason})`, auditUnavailable: true }
      : { readOnly: false };
  };
  // The request thread never waits for the write lock (busy_timeout blocks the whole event loop while
  // it waits): an import holding it means "try again shortly" (503 with Retry-After) for the few writes
  // made here, session touches are skipped, and queued audit entries retry a moment later.
  if (runner.kind === 'worker') deps.db.pragma('busy_timeout = 0');
  const idleMs = security.SESSION_IDLE_MINUTES * 60_000;

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (security.TRUST_PROXY)
    app.set('trust proxy', /^\d+$/.test(security.TRUST_PROXY) ? Number(security.TRUST_PROXY) : security.TRUST_PROXY);
  app.use(requestId);
  if (deps.logger) {
    app.use(
      pinoHttp({
        logger: deps.logger,
        genReqId: (_req, res) => (res as express.Response).locals.requestId,
        // Paths only: query strings carry search text and filters, which can be personal.
        serializers: {
          req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
      }),
    );
  }
  app.use(hostCheck(allowedHosts(security)));
  app.use(securityHeaders(deps.config.TILE_URL));
  app.use('/api', noStore, sameOrigin, storageGuard(storage, log), express.json({ limit: '1mb' }));
  const sessionSecret = ctx.repos.accounts.settingOrInit('session_secret', randomBytes(32).toString('hex'));
  const sessionFor = (secure: boolean) =>
    session({
      name: secure ? SECURE_SESSION_COOKIE : PLAIN_SESSION_COOKIE,
      secret: sessionSecret,
      // A store each: express-session sets the store's generate() to make its own cookies, so a shared
      // store would hand the plain cookie's options to the secure middleware's regenerated sessions.
      store: new SqliteSessionStore(ctx.repos.accounts, idleMs, () => Date.parse(ctx.now())),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      unset: 'destroy',
      // HttpOnly keeps it from scripts; Strict keeps it off every request another site starts; over TLS
      // it is Secure and `__Host-` prefixed (see http/session-cookie.ts). No Domain: this host only.
      cookie: { httpOnly: true, sameSite: 'strict', secure, maxAge: idleMs, path: '/' },
    });
  const secureSession = sessionFor(true);
  const plainSession = sessionFor(false);
  app.use('/api', (req, res, next) => (req.secure ? secureSession : plainSession)(req, res, next));
  app.use('/api', authenticate(ctx, security.SESSION_MAX_HOURS * 3_600_000));
  app.use(
    '/api',
    requireSignedIn(
      ENDPOINTS.filter((e) => e.access === 'public').map((e) => ({ method: e.method, path: ROUTES[e.route].replace(/^\/api/, '') })),
    ),
  );
  app.use(methodNotAllowed('options'));
  for (const e of ENDPOINTS) {
    const method = e.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
    app[method](ROUTES[e.route], guard(ctx, e));
  }
  app.use(sessionRoutes(ctx, throttle, { perAddressPer15Min: security.SIGNIN_RATE_LIMIT }, readOnly));
  app.use(statsRoutes(ctx, readOnly));
  app.use(incidentRoutes(ctx));
  app.use(linkRoutes(ctx));
  app.use(importRoutes(ctx, runner));
  app.use(seriesRoutes(ctx, runner));
  app.use(savedViewRoutes(ctx));
  app.use(appealRoutes(ctx));
  app.use(timelineEventRoutes(ctx));
  app.use(adminRoutes(ctx, throttle));
  app.use(methodNotAllowed('all'));
  app.use('/api', notFoundHandler);

  const web = deps.config.WEB_DIST;
  if (web && existsSync(join(web, 'index.html'))) {
    // Source maps stay on the build machine: they would hand out the source to anyone who asks.
    app.use((req, res, next) => (req.path.endsWith('.map') ? notFoundHandler(req, res, next) : next()));
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
