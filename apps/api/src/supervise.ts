import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT_CONFIG } from './exit-codes.js';

/**
 * What `npm start` runs: the server as a child process, so that its death is always said in the log
 * and followed by a restart. A server can die where no JavaScript of its own runs: SIGBUS when memory
 * SQLite has mapped (the database's -shm file) is truncated or its disk fails, SIGKILL from the
 * out-of-memory killer. Node cannot catch those, so this small parent, which opens no database and so
 * cannot die of the same fault, logs the signal and starts the server again with back-off.
 *
 * Usage: node supervise.js [SERVER_SCRIPT] (default: main.js beside this file). Node options this
 * process was started with (e.g. --import tsx) are passed to the server.
 */

const script = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), 'main.js');
/** Up this long and a death counts as new, not as one more of a run of failed starts. */
const STEADY_MS = 60_000;
const MAX_DELAY_MS = 60_000;

const SIGNAL_WORDS: Partial<Record<NodeJS.Signals, string>> = {
  SIGBUS: 'a bus error: memory the server had mapped, usually the database’s -shm file, was truncated or its disk failed',
  SIGSEGV: 'a segmentation fault in native code',
  SIGKILL: 'killed outright, often by the out-of-memory killer',
  SIGABRT: 'aborted by native code (out of memory, or a failed assertion)',
};

function log(line: string): void {
  console.error(`${new Date().toISOString()} [supervisor] ${line}`);
}

let child: ChildProcess | null = null;
let stopping: NodeJS.Signals | null = null;
let failures = 0;

function start(): void {
  const startedAt = Date.now();
  child = spawn(process.execPath, [...process.execArgv, script], { stdio: 'inherit' });
  const pid = child.pid;
  child.on('exit', (code, signal) => {
    child = null;
    const upFor = `${Math.round((Date.now() - startedAt) / 1000)} s`;
    if (stopping) {
      process.exit(code ?? 0);
    }
    const how = signal ? `was killed by ${signal}${SIGNAL_WORDS[signal] ? ` (${SIGNAL_WORDS[signal]})` : ''}` : `exited with code ${code}`;
    if (code === 0 || code === EXIT_CONFIG) {
      // Stopped on purpose, or a setting only a person can fix (the server said which above).
      log(`server (pid ${pid}) ${how} after ${upFor}; not restarting`);
      process.exit(code);
    }
    failures = Date.now() - startedAt > STEADY_MS ? 1 : failures + 1;
    const delay = Math.min(MAX_DELAY_MS, 1000 * 2 ** (failures - 1));
    log(`server (pid ${pid}) ${how} after ${upFor}; restarting in ${Math.round(delay / 1000)} s`);
    setTimeout(start, delay);
  });
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    stopping = sig;
    // The server writes its queued audit entries and closes the store on either signal.
    if (child) child.kill(sig);
    else process.exit(0);
  });
}

start();
