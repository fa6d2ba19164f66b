/**
 * API tokens for scripts, against DB_PATH (or --db PATH). A token acts with its user's role and is
 * sent as `Authorization: Bearer TOKEN`.
 *
 *   npm run token -- create NAME     prints the token as the last line (shown this once; only a hash is kept)
 *   npm run token -- revoke ID|TOKEN|NAME   one token, or every token of a user
 *   npm run token -- list
 */
import { parseArgs } from 'node:util';
import { createToken, listTokens, revokeTokens } from '@scam/api';
import { cliActor, fail, openStore } from './lib/cli.js';

const USAGE = 'usage: npm run token -- create NAME | revoke ID|TOKEN|NAME | list   [--db PATH]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { db: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
});
const [command, what] = positionals;
if (values.help || !command) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 1);
}

const { ctx, deps } = openStore(values.db);
const actor = cliActor('token');
try {
  if (command === 'create' && what) {
    const { token, id } = createToken(ctx, what, actor);
    console.log(`token ${id} for ${what} (keep it secret; it is shown only now):`);
    console.log(token);
  } else if (command === 'revoke' && what) {
    const n = revokeTokens(ctx, what, actor);
    console.log(n === 0 ? 'no active token matched; nothing revoked' : `revoked ${n} token${n === 1 ? '' : 's'}`);
    if (n === 0) process.exitCode = 1;
  } else if (command === 'list') {
    console.log(`${'id'.padStart(4)} ${'user'.padEnd(20)} ${'token starts'.padEnd(12)} ${'created'.padEnd(24)} state`);
    for (const t of listTokens(ctx))
      console.log(
        `${String(t.id).padStart(4)} ${t.user.padEnd(20)} ${t.prefix.padEnd(12)} ${t.createdAt.padEnd(24)} ${t.revokedAt ? `revoked ${t.revokedAt}` : `active, last used ${t.lastUsedAt ?? 'never'}`}`,
      );
  } else fail(USAGE);
} catch (err) {
  fail(err);
} finally {
  ctx.audit.flush();
  deps.db.close();
}
