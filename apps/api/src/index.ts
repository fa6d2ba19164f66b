/** Entry points for scripts (import CLI, benchmarks) that reuse the server's pipeline. */
export { createApp, createContext, type AppDeps } from './app.js';
export { loadDeps, loadDemoData } from './bootstrap.js';
export { loadConfig, REPO_ROOT, type Config } from './config.js';
export { openDatabase, type Db } from './db/connection.js';
export { migrate, loadMigrations } from './db/migrate.js';
export {
  bytesImportSource,
  fileImportSource,
  importFile,
  importStream,
  rollbackImport,
  type ImportRequest,
  type ImportSource,
  type StreamImportRequest,
} from './services/import.service.js';
export { Geo } from './services/geo.service.js';
export { HttpError } from './lib/http-error.js';
export { detect } from './services/series.service.js';
export { systemActor, type Actor } from './services/context.js';
export { createUser, updateUser, listUsers, createToken, revokeTokens, listTokens } from './services/accounts.service.js';
export { MIN_PASSWORD_LENGTH } from './services/passwords.js';
export { backupDatabase, restoreDatabase } from './db/backup.js';
export { describeHeads, describeVerification, verifyTrails, type ChainVerification } from './db/audit-chain.js';
export { verifyAuditStore } from './db/audit-verify.js';
