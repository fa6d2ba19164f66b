/**
 * User accounts, against DB_PATH (or --db PATH):
 *
 *   npm run user -- add NAME --role ROLE      password from standard input
 *   npm run user -- passwd NAME               new password from standard input; ends the user's sessions and API tokens
 *   npm run user -- role NAME ROLE
 *   npm run user -- disable NAME              ends the user's sessions and API tokens (enabling does not revive them)
 *   npm run user -- enable NAME
 *   npm run user -- list
 */
import { parseArgs } from 'node:util';
import { createUser, listUsers, updateUser } from '@scam/api';
import { ROLES, type Role } from '@scam/shared';
import { cliActor, fail, openStore, readPassword } from './lib/cli.js';

const USAGE = `usage: npm run user -- add NAME --role ${ROLES.join('|')}   (password from standard input)
       npm run user -- passwd NAME | role NAME ROLE | disable NAME | enable NAME | list   [--db PATH]`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
});
const [command, name, extra] = positionals;
if (values.help || !command) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 1);
}

function roleOf(value: string | undefined): Role {
  if (!value || !(ROLES as readonly string[]).includes(value)) fail(`give a role: ${ROLES.join(', ')}`);
  return value as Role;
}

function needName(): string {
  if (!name) fail(`give a user name\n${USAGE}`);
  return name;
}

const { ctx, deps } = openStore(values.db);
const actor = cliActor('user');
try {
  switch (command) {
    case 'add': {
      const role = roleOf(values.role);
      const password = await readPassword(`Password for ${needName()}: `);
      const user = await createUser(ctx, { name: needName(), role, password }, actor);
      console.log(`added ${user.name} (${user.role})`);
      break;
    }
    case 'passwd': {
      const password = await readPassword(`New password for ${needName()}: `);
      await updateUser(ctx, needName(), { password }, actor);
      console.log(`password changed for ${needName()}; their sessions and API tokens have ended`);
      break;
    }
    case 'role': {
      const user = await updateUser(ctx, needName(), { role: roleOf(extra) }, actor);
      console.log(`${user.name} is now ${user.role}`);
      break;
    }
    case 'disable':
    case 'enable': {
      const user = await updateUser(ctx, needName(), { disabled: command === 'disable' }, actor);
      console.log(`${user.name} ${user.disabled ? 'disabled; their sessions and API tokens have ended' : 'enabled'}`);
      break;
    }
    case 'list': {
      const { users } = listUsers(ctx);
      console.log(`${'name'.padEnd(24)} ${'role'.padEnd(10)} ${'state'.padEnd(9)} last sign-in`);
      for (const u of users)
        console.log(
          `${u.name.padEnd(24)} ${u.role.padEnd(10)} ${(u.disabled ? 'disabled' : 'active').padEnd(9)} ${u.lastSignInAt ?? '-'}`,
        );
      break;
    }
    default:
      fail(`unknown command "${command}"\n${USAGE}`);
  }
} catch (err) {
  fail(err);
} finally {
  ctx.audit.flush();
  deps.db.close();
}
