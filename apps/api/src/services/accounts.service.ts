import { createHash, randomBytes } from 'node:crypto';
import type { Role, SessionUser, UserInfo, UserList } from '@scam/shared';
import type { UserRow } from '../db/repos/accounts.repo.js';
import { excerpt } from '@scam/ingest';
import { badRequest, conflict, HttpError, notFound } from '../lib/http-error.js';
import type { Actor, ServiceContext } from './context.js';
import type { AuditSubject } from './audit.service.js';
import { dummyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import type { SignInThrottle } from './sign-in-throttle.js';

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** `slowed`: whether an address is being made to wait before its sign-ins for this account are checked. */
function toUserInfo(u: UserRow & { last_sign_in_at?: string | null }, slowed = false): UserInfo {
  return {
    name: u.name,
    role: u.role,
    disabled: u.disabled_at !== null,
    locked: slowed,
    createdAt: u.created_at,
    lastSignInAt: u.last_sign_in_at ?? null,
  };
}

function requireUser(ctx: ServiceContext, name: string): UserRow {
  const u = ctx.repos.accounts.userByName(name);
  if (!u) throw notFound(`no user "${name.slice(0, 64)}"`);
  return u;
}

async function acceptablePasswordHash(password: string, userName: string): Promise<string> {
  const problem = passwordProblem(password, userName);
  if (problem) throw badRequest(problem, [{ path: 'password', message: problem }]);
  return hashPassword(password);
}

export function listUsers(ctx: ServiceContext, throttle?: SignInThrottle): UserList {
  const nowMs = Date.parse(ctx.now());
  return { users: ctx.repos.accounts.listUsers().map((u) => toUserInfo(u, throttle?.isSlowed(u.name, nowMs) ?? false)) };
}

export async function createUser(
  ctx: ServiceContext,
  input: { name: string; role: Role; password: string },
  actor: Actor,
): Promise<UserInfo> {
  if (ctx.repos.accounts.userByName(input.name)) throw conflict(`a user "${input.name}" already exists`);
  const passwordHash = await acceptablePasswordHash(input.password, input.name);
  const now = ctx.now();
  ctx.repos.transaction(() => {
    // Checked again inside the transaction: the hash took time and another request may have won.
    if (ctx.repos.accounts.userByName(input.name)) throw conflict(`a user "${input.name}" already exists`);
    ctx.repos.accounts.insertUser({ name: input.name, role: input.role, passwordHash, now });
    ctx.audit.inTransaction(actor, { action: 'account', object: { op: 'create', user: input.name, role: input.role } });
  });
  return toUserInfo(requireUser(ctx, input.name));
}

/**
 * Changes a user's role, password or whether the account is disabled. A new password or a disabled
 * account ends every session and revokes every API token of that user at once (a token is a standing
 * credential: one left behind would outlive the password it was issued under, and re-enabling an
 * account must not revive it); a role change takes effect on the next request because each request
 * reads the role afresh.
 */
export async function updateUser(
  ctx: ServiceContext,
  name: string,
  change: { role?: Role | undefined; disabled?: boolean | undefined; password?: string | undefined },
  actor: Actor,
): Promise<UserInfo> {
  const user = requireUser(ctx, name);
  if (
    user.name.toLowerCase() === actor.name.toLowerCase() &&
    (change.disabled === true || (change.role !== undefined && change.role !== 'admin'))
  ) {
    throw new HttpError(409, 'conflict', 'you cannot disable your own account or remove your own admin role; ask another administrator');
  }
  const passwordHash = change.password === undefined ? undefined : await acceptablePasswordHash(change.password, user.name);
  const now = ctx.now();
  let ended = 0;
  let tokensEnded = 0;
  const endCredentials = () => {
    ended += ctx.repos.accounts.deleteUserSessions(user.id);
    tokensEnded += ctx.repos.accounts.revokeUserTokens(user.id, now);
  };
  ctx.repos.transaction(() => {
    if (change.role !== undefined && change.role !== user.role) ctx.repos.accounts.setRole(user.id, change.role);
    if (change.disabled !== undefined && change.disabled !== (user.disabled_at !== null)) {
      ctx.repos.accounts.setDisabled(user.id, change.disabled ? now : null);
      if (change.disabled) endCredentials();
    }
    if (passwordHash !== undefined) {
      ctx.repos.accounts.setPassword(user.id, passwordHash, now);
      endCredentials();
    }
    ctx.audit.inTransaction(actor, {
      action: 'account',
      object: {
        op: 'update',
        user: user.name,
        ...(change.role ? { role: change.role } : {}),
        ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
        ...(passwordHash ? { password: 'changed' } : {}),
        sessionsEnded: ended,
        tokensEnded,
      },
    });
  });
  return toUserInfo(requireUser(ctx, user.name));
}

/** A sign-in refused because this address has failed too often for this account: it must wait first. */
export class SignInDelayedError extends HttpError {
  constructor(readonly waitSeconds: number) {
    const wait = waitSeconds >= 90 ? `${Math.ceil(waitSeconds / 60)} minutes` : `${waitSeconds} second${waitSeconds === 1 ? '' : 's'}`;
    super(429, 'sign_in_delayed', `too many failed sign-ins for this account from this address: try again in ${wait}`);
  }
}

/**
 * Checks a sign-in. The same message for an unknown user, a wrong password and a disabled account, so
 * the answer does not tell which names exist; an unknown name costs the same argon2 verification and
 * is slowed the same way. Repeated wrong passwords slow the address they come from, for that account
 * (see sign-in-throttle.ts): nobody else, the account's owner included, is locked out by them.
 */
export async function verifySignIn(
  ctx: ServiceContext,
  username: string,
  password: string,
  throttle: SignInThrottle,
  address: string,
  requestId: string | null,
): Promise<SessionUser & { id: number }> {
  const user = ctx.repos.accounts.userByName(username);
  const refused = (reason: string) => {
    // A name with no account is recorded as such, with what was typed kept apart: a caller must not be
    // able to put entries under "system:watch" or a colleague's name by typing it.
    const subject: AuditSubject = user
      ? { name: user.name, role: user.role, requestId }
      : { name: '(no such user)', role: 'none', requestId };
    ctx.audit.record(subject, { action: 'sign_in_failed', object: user ? { reason } : { reason, attempted: excerpt(username) } });
  };
  const nowMs = Date.parse(ctx.now());
  const waiting = throttle.waitSeconds(username, address, nowMs);
  if (waiting > 0) {
    refused('delayed');
    throw new SignInDelayedError(waiting);
  }
  const fail = (reason: string): HttpError => {
    throttle.failure(username, address, nowMs);
    refused(reason);
    return new HttpError(401, 'invalid_credentials', 'user name or password not recognised');
  };
  if (!user) {
    await verifyPassword(await dummyHash(), password);
    throw fail('unknown user');
  }
  const ok = await verifyPassword(user.password_hash, password);
  if (!ok) {
    ctx.repos.accounts.recordFailedSignIn(user.id);
    throw fail('wrong password');
  }
  if (user.disabled_at) throw fail('disabled');
  throttle.success(username, address);
  if (user.failed_sign_ins > 0) ctx.repos.accounts.clearFailedSignIns(user.id);
  return { id: user.id, name: user.name, role: user.role };
}

/** The user behind a session or token, if the account still exists and is enabled. */
export function activeUser(ctx: ServiceContext, id: number): UserRow | null {
  const u = ctx.repos.accounts.userById(id);
  return u && u.disabled_at === null ? u : null;
}

const TOKEN_PREFIX = 'ssd_';

/** A new API token for the user; only its hash is stored, so this is the one time it can be read. */
export function createToken(ctx: ServiceContext, name: string, actor: Actor): { token: string; id: number } {
  const user = requireUser(ctx, name);
  if (user.disabled_at) throw conflict(`user "${user.name}" is disabled`);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  let id = 0;
  ctx.repos.transaction(() => {
    id = ctx.repos.accounts.insertToken({ userId: user.id, tokenHash: sha256(token), prefix: token.slice(0, 10), now: ctx.now() });
    ctx.audit.inTransaction(actor, { action: 'account', object: { op: 'token_create', user: user.name, tokenId: id } });
  });
  return { token, id };
}

/** Revokes one token (by id or the token itself) or, given a user name, every token of that user. */
export function revokeTokens(ctx: ServiceContext, what: string, actor: Actor): number {
  const now = ctx.now();
  let revoked = 0;
  ctx.repos.transaction(() => {
    if (/^\d+$/.test(what)) revoked = ctx.repos.accounts.revokeToken(Number(what), now) ? 1 : 0;
    else if (what.startsWith(TOKEN_PREFIX)) {
      const t = ctx.repos.accounts.tokenByHash(sha256(what));
      revoked = t && ctx.repos.accounts.revokeToken(t.id, now) ? 1 : 0;
    } else revoked = ctx.repos.accounts.revokeUserTokens(requireUser(ctx, what).id, now);
    ctx.audit.inTransaction(actor, {
      action: 'account',
      object: { op: 'token_revoke', what: what.startsWith(TOKEN_PREFIX) ? `${what.slice(0, 10)}…` : what, revoked },
    });
  });
  return revoked;
}

export function listTokens(ctx: ServiceContext) {
  return ctx.repos.accounts.listTokens().map((t) => ({
    id: t.id,
    user: t.user_name,
    prefix: t.prefix,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    revokedAt: t.revoked_at,
  }));
}

/** The user a bearer token stands for, or null (unknown, revoked, or the account disabled). */
export function userForToken(ctx: ServiceContext, token: string): UserRow | null {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 100) return null;
  const t = ctx.repos.accounts.tokenByHash(sha256(token));
  if (!t || t.revoked_at) return null;
  const user = activeUser(ctx, t.user_id);
  if (!user) return null;
  // Last use to the nearest hour is enough to spot a forgotten token, and saves a write per request.
  const now = ctx.now();
  if (!t.last_used_at || t.last_used_at.slice(0, 13) !== now.slice(0, 13)) {
    try {
      ctx.repos.accounts.touchToken(t.id, now);
    } catch {
      // A busy database must not refuse a valid token; the next request records it.
    }
  }
  return user;
}

/**
 * On a store with no users, creates `admin` with the given password or a random one, so the first
 * start ends at a dashboard someone can sign in to. Returns the password when it was generated.
 */
export async function ensureFirstAdmin(
  ctx: ServiceContext,
  given: string | undefined,
): Promise<{ name: string; password: string | null } | null> {
  if (ctx.repos.accounts.countUsers() > 0) return null;
  const password = given ?? randomBytes(15).toString('base64url');
  const passwordHash = await acceptablePasswordHash(password, 'admin');
  const now = ctx.now();
  ctx.repos.transaction(() => {
    if (ctx.repos.accounts.countUsers() > 0) return;
    ctx.repos.accounts.insertUser({ name: 'admin', role: 'admin', passwordHash, now });
    ctx.audit.inTransaction(
      { name: 'system', role: 'admin', requestId: null },
      { action: 'account', object: { op: 'create', user: 'admin', role: 'admin', reason: 'first start' } },
    );
  });
  return { name: 'admin', password: given ? null : password };
}
