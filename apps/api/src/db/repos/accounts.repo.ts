import type { Role } from '@scam/shared';
import type { Db } from '../connection.js';

export interface UserRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  disabled_at: string | null;
  failed_sign_ins: number;
  locked_until: string | null;
  password_changed_at: string;
  created_at: string;
}

export interface UserSummaryRow extends UserRow {
  last_sign_in_at: string | null;
}

export interface SessionRow {
  id_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  data_json: string;
}

export interface TokenRow {
  id: number;
  user_id: number;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  user_name: string;
}

const USER_COLUMNS = 'id, name, role, password_hash, disabled_at, failed_sign_ins, locked_until, password_changed_at, created_at';

/** Users, their sessions and API tokens, and the server's own settings. */
export function createAccountsRepo(db: Db) {
  const byName = db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE name = ?`);
  const byId = db.prepare<[number], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
  const list = db.prepare<[], UserSummaryRow>(
    `SELECT ${USER_COLUMNS},
            (SELECT max(at) FROM audit_log a WHERE a.user_name = users.name AND a.action = 'sign_in') AS last_sign_in_at
       FROM users ORDER BY name`,
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  const insertUser = db.prepare(
    `INSERT INTO users (name, role, password_hash, password_changed_at, created_at)
     VALUES (@name, @role, @passwordHash, @now, @now)`,
  );
  const setPassword = db.prepare(
    'UPDATE users SET password_hash = @passwordHash, password_changed_at = @now, failed_sign_ins = 0, locked_until = NULL WHERE id = @id',
  );
  const setRole = db.prepare('UPDATE users SET role = @role WHERE id = @id');
  const setDisabled = db.prepare('UPDATE users SET disabled_at = @disabledAt WHERE id = @id');
  const recordFailure = db.prepare(
    // Counted for the record only: wrong passwords slow the address they come from (sign-in-throttle.ts)
    // and never lock the account, so locked_until is no longer set (it stays for stores written before).
    'UPDATE users SET failed_sign_ins = failed_sign_ins + 1 WHERE id = @id',
  );
  const clearFailures = db.prepare('UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = @id');

  const getSession = db.prepare<[string], SessionRow>(
    'SELECT id_hash, user_id, created_at, last_seen_at, expires_at, data_json FROM sessions WHERE id_hash = ?',
  );
  const upsertSession = db.prepare(
    `INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, data_json)
     VALUES (@idHash, @userId, @createdAt, @lastSeenAt, @expiresAt, @dataJson)
     ON CONFLICT (id_hash) DO UPDATE SET last_seen_at = excluded.last_seen_at, expires_at = excluded.expires_at, data_json = excluded.data_json`,
  );
  const touchSession = db.prepare('UPDATE sessions SET last_seen_at = @lastSeenAt, expires_at = @expiresAt WHERE id_hash = @idHash');
  const deleteSession = db.prepare('DELETE FROM sessions WHERE id_hash = ?');
  const deleteUserSessions = db.prepare('DELETE FROM sessions WHERE user_id = ?');
  const deleteExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');

  const insertToken = db.prepare(
    'INSERT INTO api_tokens (user_id, token_hash, prefix, created_at) VALUES (@userId, @tokenHash, @prefix, @now)',
  );
  const tokenByHash = db.prepare<[string], { id: number; user_id: number; revoked_at: string | null; last_used_at: string | null }>(
    'SELECT id, user_id, revoked_at, last_used_at FROM api_tokens WHERE token_hash = ?',
  );
  const touchToken = db.prepare('UPDATE api_tokens SET last_used_at = @now WHERE id = @id');
  const listTokens = db.prepare<[], TokenRow>(
    `SELECT t.id, t.user_id, t.prefix, t.created_at, t.last_used_at, t.revoked_at, u.name AS user_name
       FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id`,
  );
  const revokeToken = db.prepare('UPDATE api_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL');
  const revokeUserTokens = db.prepare('UPDATE api_tokens SET revoked_at = @now WHERE user_id = @userId AND revoked_at IS NULL');

  const getSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const putSettingIfAbsent = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');

  return {
    userByName: (name: string): UserRow | undefined => byName.get(name),
    userById: (id: number): UserRow | undefined => byId.get(id),
    listUsers: (): UserSummaryRow[] => list.all(),
    countUsers: (): number => count.get()?.n ?? 0,
    insertUser(u: { name: string; role: Role; passwordHash: string; now: string }): number {
      return Number(insertUser.run(u).lastInsertRowid);
    },
    setPassword(id: number, passwordHash: string, now: string): void {
      setPassword.run({ id, passwordHash, now });
    },
    setRole(id: number, role: Role): void {
      setRole.run({ id, role });
    },
    setDisabled(id: number, disabledAt: string | null): void {
      setDisabled.run({ id, disabledAt });
    },
    recordFailedSignIn(id: number): void {
      recordFailure.run({ id });
    },
    clearFailedSignIns(id: number): void {
      clearFailures.run({ id });
    },

    session: (idHash: string): SessionRow | undefined => getSession.get(idHash),
    saveSession(s: { idHash: string; userId: number; createdAt: string; lastSeenAt: string; expiresAt: string; dataJson: string }): void {
      upsertSession.run(s);
    },
    touchSession(idHash: string, lastSeenAt: string, expiresAt: string): void {
      touchSession.run({ idHash, lastSeenAt, expiresAt });
    },
    deleteSession(idHash: string): void {
      deleteSession.run(idHash);
    },
    /** Ends every session of a user (disabled, or password changed). Returns how many ended. */
    deleteUserSessions: (userId: number): number => deleteUserSessions.run(userId).changes,
    deleteExpiredSessions: (now: string): number => deleteExpired.run(now).changes,

    insertToken(t: { userId: number; tokenHash: string; prefix: string; now: string }): number {
      return Number(insertToken.run(t).lastInsertRowid);
    },
    tokenByHash: (tokenHash: string) => tokenByHash.get(tokenHash),
    touchToken(id: number, now: string): void {
      touchToken.run({ id, now });
    },
    listTokens: (): TokenRow[] => listTokens.all(),
    revokeToken: (id: number, now: string): boolean => revokeToken.run({ id, now }).changes > 0,
    revokeUserTokens: (userId: number, now: string): number => revokeUserTokens.run({ userId, now }).changes,

    setting: (key: string): string | undefined => getSetting.get(key)?.value,
    /** Stores the value unless one is there already, and returns whichever is stored. */
    settingOrInit(key: string, value: string): string {
      putSettingIfAbsent.run(key, value);
      return getSetting.get(key)?.value ?? value;
    },
  };
}

export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
