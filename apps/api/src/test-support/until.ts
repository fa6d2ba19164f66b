/**
 * Waits for a condition rather than for a guess at how long it takes: resolves with the first truthy
 * value `check` gives (or resolves to), asking again every `every` ms; fails naming `what` when it has
 * not held within `timeout` ms. A check that throws counts as not yet.
 */
export async function until<T>(
  check: () => T | Promise<T>,
  opts: { timeout?: number; every?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  const { timeout = 10_000, every = 20, what = 'the condition' } = opts;
  const deadline = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = undefined;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= deadline) {
      throw new Error(`${what} did not hold within ${timeout} ms${last ? `: ${last instanceof Error ? last.message : String(last)}` : ''}`);
    }
    await new Promise((ok) => setTimeout(ok, every));
  }
}

/** What until() needs of a test server to read its audit trail. */
interface AuditReader {
  fetch(path: string, init?: RequestInit & { as?: 'admin' | 'viewer' }): Promise<Response>;
}

let markers = 0;

/**
 * Waits until the audit entries of every request answered so far are written, so a test can then say
 * one is absent. A viewer refused the audit trail is recorded as the request is refused, after the
 * entries of responses already closed; once that refusal (its query a unique marker) is in the trail,
 * so is anything recorded before it.
 */
export async function auditCaughtUp(server: AuditReader): Promise<void> {
  const marker = `caught-up-${process.pid}-${++markers}`;
  expect403(await server.fetch(`/api/audit?marker=${marker}`, { as: 'viewer' }));
  await until(
    async () => {
      const list = (await (await server.fetch('/api/audit?action=refused&limit=500')).json()) as { entries: { object: string }[] };
      return list.entries.some((e) => e.object.includes(marker));
    },
    { what: 'the audit trail caught up' },
  );
}

function expect403(res: Response): void {
  if (res.status !== 403) throw new Error(`the audit marker request was answered ${res.status}, not 403`);
}
