import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { createContext, HttpError, loadConfig, loadDeps, systemActor, type Actor } from '@scam/api';

/** The store at DB_PATH (or --db), opened and migrated as the server does, with a context for services. */
export function openStore(dbPath?: string) {
  const config = loadConfig({ ...process.env, ...(dbPath ? { DB_PATH: dbPath } : {}) });
  const { deps } = loadDeps(config);
  return { config, deps, ctx: createContext(deps) };
}

/**
 * Whoever runs a command-line tool has the database file in reach and needs no password, so the
 * audit trail names the operating-system account that ran it.
 */
export function cliActor(tool: string): Actor {
  return systemActor(`${tool}:${userInfo().username}`);
}

/**
 * A password from standard input: typed at a terminal without echo, or piped (`printf '%s' "$PW" | …`),
 * so it never appears in the shell history or the process list.
 */
export async function readPassword(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (!muted) process.stderr.write(chunk);
      cb();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY === true });
  if (process.stdin.isTTY) process.stderr.write(prompt);
  muted = true;
  const line = await new Promise<string>((resolve) => {
    rl.once('line', resolve);
    rl.once('close', () => resolve(''));
  });
  rl.close();
  if (process.stdin.isTTY) process.stderr.write('\n');
  return line.replace(/\r$/, '');
}

/** Ends the process with the message of a refusal (exit 1) instead of a stack trace. */
export function fail(err: unknown): never {
  console.error(err instanceof HttpError || err instanceof Error ? `error: ${err.message}` : `error: ${String(err)}`);
  process.exit(1);
}
