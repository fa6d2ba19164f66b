/**
 * Slows password guessing without handing a stranger a way to lock someone out. OWASP's advice
 * (Authentication Cheat Sheet, "Account lockout"): count failures per account *and* client address,
 * and answer with growing delays rather than a lock, so a guesser from one address waits longer and
 * longer while the account's owner, from their own address, signs in as usual. A name with no account
 * is slowed exactly like a real one, so the delay does not tell which names exist.
 *
 * Held in memory: it only has to outlast a guessing run, and a restart is not something a guesser can
 * cause. Bounded, so a flood of made-up names and addresses cannot grow it without limit. With several
 * API nodes each counts its own; the per-address rate limit in session.routes.ts bounds the total.
 */
export interface ThrottlePolicy {
  /** Wrong passwords from one address for one account before that address has to wait. */
  freeFailures: number;
  /** The first wait; each further failure doubles it. */
  firstDelaySeconds: number;
  /** The longest wait. */
  maxDelaySeconds: number;
}

/** Failures for one account from any address within this window count toward the account-wide alert. */
const ALERT_WINDOW_MS = 15 * 60_000;
/** A pair with no failure for this long is forgotten: the next wrong password starts from nothing. */
const FORGET_AFTER_MS = 24 * 3_600_000;
const MAX_ENTRIES = 20_000;

interface PairState {
  failures: number;
  /** When this address may try this account again (ms since the epoch); 0 when it need not wait. */
  until: number;
  last: number;
}

interface AccountState {
  /** Failure times within the alert window, and the addresses they came from. */
  recent: { at: number; address: string }[];
  alertedAt: number;
}

export interface ThrottleOutcome {
  failures: number;
  /** How long this address must now wait before its next attempt for this account; 0 when it need not. */
  waitSeconds: number;
}

export class SignInThrottle {
  private readonly pairs = new Map<string, PairState>();
  private readonly accounts = new Map<string, AccountState>();

  constructor(
    private readonly policy: ThrottlePolicy,
    /** Where alerts go (the server's log): a security team watches for these. */
    private readonly alert: (message: string, detail: Record<string, unknown>) => void,
  ) {}

  private static key(name: string, address: string): string {
    return `${name.toLowerCase()}\u0000${address}`;
  }

  /** Seconds this address must still wait before an attempt for this account is checked; 0 if none. */
  waitSeconds(name: string, address: string, nowMs: number): number {
    const state = this.pairs.get(SignInThrottle.key(name, address));
    if (!state || state.until <= nowMs) return 0;
    return Math.ceil((state.until - nowMs) / 1000);
  }

  /** Records a wrong password (or a name with no account) and says how long this address must now wait. */
  failure(name: string, address: string, nowMs: number): ThrottleOutcome {
    this.prune(nowMs);
    const key = SignInThrottle.key(name, address);
    const seen = this.pairs.get(key);
    const state = seen && nowMs - seen.last <= FORGET_AFTER_MS ? seen : { failures: 0, until: 0, last: nowMs };
    state.failures += 1;
    state.last = nowMs;
    const over = state.failures - this.policy.freeFailures;
    let waitSeconds = 0;
    if (over >= 0) {
      waitSeconds = Math.min(this.policy.maxDelaySeconds, this.policy.firstDelaySeconds * 2 ** Math.min(over, 30));
      state.until = nowMs + waitSeconds * 1000;
      if (over === 0) {
        this.alert('sign-in alert: repeated wrong passwords for one account from one address; that address now waits before each attempt', {
          account: name.toLowerCase(),
          address,
          failures: state.failures,
          waitSeconds,
        });
      }
    }
    this.pairs.set(key, state);
    this.noteForAccount(name.toLowerCase(), address, nowMs);
    return { failures: state.failures, waitSeconds };
  }

  /** A right password: this address starts afresh for this account (other addresses keep their count). */
  success(name: string, address: string): void {
    this.pairs.delete(SignInThrottle.key(name, address));
  }

  /** Whether any address is being made to wait for this account now (shown to administrators). */
  isSlowed(name: string, nowMs: number): boolean {
    const prefix = `${name.toLowerCase()}\u0000`;
    for (const [key, state] of this.pairs) if (key.startsWith(prefix) && state.until > nowMs) return true;
    return false;
  }

  /**
   * Guessing spread over many addresses never meets the per-pair threshold, so the account's own
   * failures in a short window are watched too: at four times the free allowance, from more than one
   * address, the log says so once per window. Nobody is locked out by it.
   */
  private noteForAccount(account: string, address: string, nowMs: number): void {
    const state = this.accounts.get(account) ?? { recent: [], alertedAt: 0 };
    state.recent = state.recent.filter((f) => nowMs - f.at < ALERT_WINDOW_MS);
    state.recent.push({ at: nowMs, address });
    const addresses = new Set(state.recent.map((f) => f.address)).size;
    if (state.recent.length >= 4 * this.policy.freeFailures && addresses > 1 && nowMs - state.alertedAt >= ALERT_WINDOW_MS) {
      state.alertedAt = nowMs;
      this.alert('sign-in alert: many wrong passwords for one account from several addresses', {
        account,
        failures: state.recent.length,
        addresses,
        windowMinutes: ALERT_WINDOW_MS / 60_000,
      });
    }
    this.accounts.set(account, state);
  }

  private prune(nowMs: number): void {
    if (this.pairs.size < MAX_ENTRIES && this.accounts.size < MAX_ENTRIES) return;
    for (const [key, state] of this.pairs) if (nowMs - state.last > FORGET_AFTER_MS || state.until <= nowMs) this.pairs.delete(key);
    for (const [key, state] of this.accounts) if (state.recent.every((f) => nowMs - f.at >= ALERT_WINDOW_MS)) this.accounts.delete(key);
    // Still full of live entries: drop the oldest rather than grow (Maps iterate in insertion order).
    for (const map of [this.pairs, this.accounts] as Map<string, unknown>[]) {
      for (const key of map.keys()) {
        if (map.size < MAX_ENTRIES) break;
        map.delete(key);
      }
    }
  }
}
