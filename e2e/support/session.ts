/** Signing in without the browser: for setup, for checking the API directly, and for cookies a test starts with. */

export interface Credentials {
  username: string;
  password: string;
}

/**
 * `POST /api/session` as the dashboard would send it (JSON, with this origin), returning the session
 * cookie as `name=value` for a Cookie header.
 */
export async function signInCookie(baseUrl: string, account: Credentials): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: baseUrl },
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  if (res.status !== 200) throw new Error(`signing in as ${account.username} → ${res.status}: ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.includes('='));
  if (!cookie) throw new Error(`signing in as ${account.username} set no cookie`);
  return cookie;
}

const sessions = new Map<string, Promise<string>>();

/**
 * One session per account and test file: the server limits sign-ins per address (30 in 15 minutes),
 * and most tests are about something other than signing in.
 */
export function sessionFor(baseUrl: string, account: Credentials): Promise<string> {
  const key = `${baseUrl} ${account.username}`;
  let cookie = sessions.get(key);
  if (!cookie) {
    cookie = signInCookie(baseUrl, account);
    sessions.set(key, cookie);
  }
  return cookie;
}
