import { pino } from 'pino';
import { createApp, createServices } from './app.js';
import { loadDeps, loadDemoData } from './bootstrap.js';
import { loadConfig } from './config.js';
import { EXIT_CONFIG, EXIT_CRASH, EXIT_STORAGE } from './exit-codes.js';
import { describeHeads } from './db/audit-chain.js';
import { checkStorageAtStart, checkStorageBeforeOpen, StorageError } from './db/storage.js';
import { ensureFirstAdmin } from './services/accounts.service.js';
import { passwordProblem } from './services/passwords.js';

const config = loadConfig();
// A bad ADMIN_PASSWORD is said before anything is created, not after the demo data has loaded.
const adminProblem = config.ADMIN_PASSWORD === undefined ? null : passwordProblem(config.ADMIN_PASSWORD, 'admin');
if (adminProblem) {
  console.error(`cannot start: ADMIN_PASSWORD is not acceptable: ${adminProblem}`);
  process.exit(EXIT_CONFIG);
}
const logger = pino({ level: config.LOG_LEVEL });
try {
  checkStorageBeforeOpen(config.DB_PATH);
} catch (err) {
  if (!(err instanceof StorageError)) throw err;
  console.error(`cannot start: ${err.message}`);
  process.exit(EXIT_STORAGE);
}
const { deps, created } = loadDeps(config);
if (created) console.log(`no database at ${config.DB_PATH}: created a new one`);
if (created && config.DEMO_DATA === '1') {
  console.log(`creating ${config.DB_PATH} with demo data from ${config.DEMO_DIR}…`);
  loadDemoData(deps, config.DEMO_DIR, (line) => console.log(line));
}
try {
  checkStorageAtStart(deps.db, config.DB_PATH);
} catch (err) {
  if (!(err instanceof StorageError)) throw err;
  console.error(`cannot start: ${err.message}`);
  process.exit(EXIT_STORAGE);
}
const services = createServices(deps);
const { ctx } = services;

/**
 * Never a silent death: an error nothing caught is logged with a line saying the server stops, the
 * audit entries still held are written to the log (they are not lost with the process), and the
 * supervisor restarts the server. A fatal signal (SIGBUS from a truncated -shm file, SIGKILL) runs no
 * JavaScript at all: the supervisor logs that death instead.
 */
function dieLoudly(what: string, err: unknown): never {
  console.error(`server stopping: ${what}`, err);
  try {
    if (!ctx.audit.flush()) for (const line of ctx.audit.heldEntries()) console.error(`audit entry not written, kept here: ${line}`);
  } catch (flushErr) {
    console.error('audit entries could not be flushed on the way down', flushErr);
  }
  process.exit(EXIT_CRASH);
}
process.on('uncaughtException', (err) => dieLoudly('uncaught error', err));
process.on('unhandledRejection', (err) => dieLoudly('unhandled promise rejection', err));

const admin = await ensureFirstAdmin(ctx, config.ADMIN_PASSWORD);
if (admin?.password) {
  // Printed once, to the person starting the server; it is not stored anywhere but as a hash.
  console.log(
    [
      '',
      'A new administrator account was created:',
      `  user name: ${admin.name}`,
      `  password:  ${admin.password}`,
      'Sign in with it, then choose your own password:  npm run user -- passwd admin',
      'and add an account for each person:              npm run user -- add NAME --role analyst',
      '',
    ].join('\n'),
  );
} else if (admin) {
  console.log(`A new administrator account "${admin.name}" was created with the password from ADMIN_PASSWORD.`);
}
// Load the in-memory fact store before listening, so the first dashboard request is not the one to wait.
const loaded = ctx.facts.current().size;
console.log(`read model: ${loaded.toLocaleString('en-GB')} incidents loaded in ${Math.round(ctx.facts.metrics().lastLoadMs)} ms`);
const runner = services.startRunner();
const app = createApp({ ...deps, logger }, ctx, runner);
const server = app.listen(config.PORT, config.HOST, () => {
  console.log(`Scam-series dashboard: http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}/`);
});

// Ended sessions are deleted now and then (they are refused anyway once expired).
const pruneSessions = () => {
  try {
    ctx.repos.accounts.deleteExpiredSessions(new Date().toISOString());
  } catch {
    // Busy: the next round will do it.
  }
};
pruneSessions();
setInterval(pruneSessions, 3_600_000).unref();

// The audit trails' head hashes, at start and once a day: the log is kept apart from the database
// file, so `npm run audit -- verify --head HASH` can later show a trail was not cut or rewritten.
const logAuditHeads = (when: string) => {
  try {
    console.log(`audit heads (${when}): ${describeHeads(ctx.repos.audit.heads())}`);
  } catch {
    // Busy or unreadable: the storage checks report the store's state; the next day logs again.
  }
};
logAuditHeads('start');
setInterval(() => logAuditHeads('daily'), 86_400_000).unref();

let shuttingDown = false;
function shutdown(): void {
  // Once: the supervisor passes the signal on, and a process group's stop reaches both.
  if (shuttingDown) return;
  shuttingDown = true;
  server.close(async () => {
    await runner.close();
    // Audit entries still queued are written before the store closes: now nobody waits, so wait for
    // the lock (a command-line import may hold it) rather than drop them.
    deps.db.pragma('busy_timeout = 10000');
    if (!ctx.audit.flush()) {
      // Held in memory, they would die with the process: the log keeps them instead.
      console.error(`${ctx.audit.pending} audit entries could not be written at shutdown; they follow, one JSON line each`);
      for (const line of ctx.audit.heldEntries()) console.error(`audit entry not written, kept here: ${line}`);
    }
    deps.db.close();
    process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
