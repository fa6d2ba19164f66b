/**
 * The audit trails' hash chain (DB_PATH, or --db PATH):
 *
 *   npm run audit -- verify                 walk both trails; exit 1 naming the first entry that does not fit
 *   npm run audit -- verify --head HASH     also check that a head recorded earlier is still in a chain
 *
 * Prints each trail's head hash: keep it somewhere the store's users cannot write (see README, "Backups
 * and restore"), and pass it back with --head next time, so a cut-off tail is caught too.
 */
import { parseArgs } from 'node:util';
import { describeVerification, loadConfig, verifyAuditStore } from '@scam/api';
import { fail } from './lib/cli.js';

const USAGE = 'usage: npm run audit -- verify [--head HASH]... [--db PATH]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    head: { type: 'string', multiple: true },
    db: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help || positionals.length !== 1 || positionals[0] !== 'verify') {
  console.log(USAGE);
  process.exit(values.help ? 0 : 1);
}

try {
  const config = loadConfig({ ...process.env, ...(values.db ? { DB_PATH: values.db } : {}) });
  const result = verifyAuditStore(config.DB_PATH, values.head ?? []);
  for (const line of describeVerification(result)) console.log(line);
  process.exit(result.ok ? 0 : 1);
} catch (err) {
  fail(err);
}
