/**
 * Backups of the incident store (DB_PATH, or --db PATH):
 *
 *   npm run backup -- FILE              a consistent copy, safe while the server and imports run
 *   npm run backup -- --restore FILE    replace the store with a backup (stop the server first)
 *
 * The backup holds OFFICIAL-SENSITIVE data: keep it where the database itself may be kept.
 */
import { parseArgs } from 'node:util';
import { backupDatabase, describeHeads, restoreDatabase } from '@scam/api';
import { cliActor, fail, openStore } from './lib/cli.js';

const USAGE = 'usage: npm run backup -- FILE  |  npm run backup -- --restore FILE   [--db PATH]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { restore: { type: 'string' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
});
if (values.help || (!values.restore && positionals.length !== 1)) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 1);
}

const { ctx, deps, config } = openStore(values.db);
try {
  if (values.restore) {
    deps.db.close();
    const r = restoreDatabase(values.restore, config.DB_PATH);
    const after = openStore(values.db);
    after.ctx.audit.inTransaction(cliActor('backup'), {
      action: 'alteration',
      object: { op: 'restore', from: values.restore },
      rows: r.incidents,
    });
    after.deps.db.close();
    console.log(
      `restored ${config.DB_PATH} from ${values.restore}: ${r.incidents} incidents in ${r.batches} batches, integrity ${r.integrity}`,
    );
  } else {
    const file = positionals[0] as string;
    const r = backupDatabase(deps.db, file);
    // A backup is a copy of everything: recorded as a disclosure, with where it went.
    ctx.audit.inTransaction(cliActor('backup'), {
      action: 'disclosure',
      object: { op: 'backup', file },
      rows: r.incidents,
      purpose: 'backup',
    });
    deps.db.close();
    console.log(
      `backed up ${config.DB_PATH} to ${file}: ${r.incidents} incidents in ${r.batches} batches, ${(r.bytes / 1048576).toFixed(1)} MiB, integrity ${r.integrity}`,
    );
    // Kept with the backup's record, this lets `npm run audit -- verify --head` show later that the
    // trail as it stood at the backup was not cut or rewritten.
    console.log(`audit heads in the backup: ${describeHeads(r.auditHeads)}`);
  }
} catch (err) {
  fail(err);
}
