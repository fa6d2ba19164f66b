import { createHash } from 'node:crypto';
import session from 'express-session';
import type { AccountsRepo } from './repos/accounts.repo.js';
import { storageFaultOf } from './errors.js';

declare module 'express-session' {
  interface SessionData {
    userId: number;
    signedInAt: string;
  }
}

const hashOf = (sid: string): string => createHash('sha256').update(sid).digest('hex');

/** Writes last-seen at most this often per session: an idle timeout of minutes needs no more. */
const TOUCH_EVERY_MS = 60_000;

/**
 * express-session's store in the incident database. Only the sha256 of a session id is stored, and
 * every row belongs to a user, so disabling an account or changing its password can end all of that
 * user's sessions with one DELETE. A session expires `idleMs` after it was last seen.
 */
export class SqliteSessionStore extends session.Store {
  private readonly lastTouch = new Map<string, number>();

  constructor(
    private readonly accounts: AccountsRepo,
    private readonly idleMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    super();
  }

  override get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void): void {
    try {
      const row = this.accounts.session(hashOf(sid));
      if (!row || Date.parse(row.expires_at) <= this.clock()) return cb(null, null);
      cb(null, JSON.parse(row.data_json) as session.SessionData);
    } catch (err) {
      cb(err);
    }
  }

  override set(sid: string, s: session.SessionData, cb?: (err?: unknown) => void): void {
    try {
      // Sessions exist only once someone has signed in (saveUninitialized is off).
      if (typeof s.userId !== 'number') return cb?.();
      const now = this.clock();
      this.accounts.saveSession({
        idHash: hashOf(sid),
        userId: s.userId,
        createdAt: s.signedInAt,
        lastSeenAt: new Date(now).toISOString(),
        expiresAt: new Date(now + this.idleMs).toISOString(),
        dataJson: JSON.stringify(s),
      });
      this.lastTouch.set(sid, now);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  override touch(sid: string, _s: session.SessionData, cb?: () => void): void {
    const now = this.clock();
    if (now - (this.lastTouch.get(sid) ?? 0) < TOUCH_EVERY_MS) return cb?.();
    try {
      this.accounts.touchSession(hashOf(sid), new Date(now).toISOString(), new Date(now + this.idleMs).toISOString());
      if (this.lastTouch.size > 10_000) this.lastTouch.clear();
      this.lastTouch.set(sid, now);
    } catch (err) {
      // A busy database (an import committing) must not fail the request; the next one touches it.
      if (storageFaultOf(err) === null) throw err;
    }
    cb?.();
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    try {
      this.accounts.deleteSession(hashOf(sid));
      this.lastTouch.delete(sid);
      cb?.();
    } catch (err) {
      cb?.(err);
    }
  }

  /** Removes expired rows; run now and then, so ended sessions do not pile up. */
  prune(): number {
    return this.accounts.deleteExpiredSessions(new Date(this.clock()).toISOString());
  }
}
