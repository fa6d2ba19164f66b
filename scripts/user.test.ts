import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createToken, createUser, listTokens, systemActor } from '@scam/api';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './lib/cli.js';

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'user-cli-'));
const store = join(dir, 'store.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm run user -- …args` against the store, with `input` on standard input. */
function userCli(args: string[], input = '') {
  const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['--conditions=source', 'scripts/user.ts', ...args, '--db', store], {
    cwd: root,
    encoding: 'utf8',
    input,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Opens the store in this process (as `npm run token` would), runs `fn` and closes it again. */
async function withStore<T>(fn: (ctx: ReturnType<typeof openStore>['ctx']) => T | Promise<T>): Promise<T> {
  const { ctx, deps } = openStore(store);
  try {
    return await fn(ctx);
  } finally {
    ctx.audit.flush();
    deps.db.close();
  }
}

const tokenStates = () =>
  withStore((ctx) => listTokens(ctx).map((t) => `${t.id} ${t.user} ${t.revokedAt === null ? 'active' : 'revoked'}`));

describe('npm run user', () => {
  it('passwd and disable revoke the user’s API tokens as well as ending their sessions', { timeout: 60_000 }, async () => {
    await withStore(async (ctx) => {
      const actor = systemActor('test');
      await createUser(ctx, { name: 'dc.jones', role: 'analyst', password: 'a-long-first-passphrase' }, actor);
      await createUser(ctx, { name: 'dc.other', role: 'analyst', password: 'another-long-passphrase' }, actor);
      createToken(ctx, 'dc.jones', actor);
      createToken(ctx, 'dc.other', actor);
    });

    const passwd = userCli(['passwd', 'dc.jones'], 'a-second-long-passphrase\n');
    expect(passwd).toMatchObject({ code: 0, out: 'password changed for dc.jones; their sessions and API tokens have ended\n' });
    expect(await tokenStates()).toEqual(['1 dc.jones revoked', '2 dc.other active']);

    await withStore((ctx) => createToken(ctx, 'dc.jones', systemActor('test')));
    expect(userCli(['disable', 'dc.jones'])).toMatchObject({
      code: 0,
      out: 'dc.jones disabled; their sessions and API tokens have ended\n',
    });
    expect(userCli(['enable', 'dc.jones']).code).toBe(0);
    expect(await tokenStates()).toEqual(['1 dc.jones revoked', '2 dc.other active', '3 dc.jones revoked']);
  });
});
