import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

/**
 * argon2id with OWASP's second recommended setting (19 MiB, 2 passes). Hashing runs on libuv's thread
 * pool, so a sign-in never holds the event loop.
 */
const OPTIONS = {
  // 2 = Argon2id (the package's enum is a const enum, which isolated modules cannot read).
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

let common: Set<string> | undefined;
/** zxcvbn's list of about 49,000 passwords seen most often in breaches, lower-cased. */
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/**
 * Why a password is not acceptable, or null. Long is not enough: "password1234" and "qwertyuiop12"
 * are long and on every attacker's list, so the list is checked with trailing digits and symbols
 * removed as well as whole.
 */
export function passwordProblem(password: string, userName: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `the password must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (password.length > MAX_PASSWORD_LENGTH) return `the password must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  const list = commonPasswords();
  if (list.has(lower) || (stem.length >= 4 && list.has(stem)) || /^(.)\1+$/u.test(password)) {
    return 'that password is on a list of common passwords; choose a longer phrase of unrelated words';
  }
  if (userName && lower.includes(userName.toLowerCase())) return 'the password must not contain the user name';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** A hash to verify against when the user does not exist, so the answer takes as long either way. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('not-a-real-account-password');
  return dummy;
}
