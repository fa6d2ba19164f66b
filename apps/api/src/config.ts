import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, found from this file so the server works from any working directory. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  DB_PATH: z.string().min(1).default(resolve(REPO_ROOT, 'data/incidents.db')),
  DEMO_DATA: z.enum(['0', '1']).default('1'),
  DEMO_DIR: z.string().default(resolve(REPO_ROOT, 'data/demo')),
  FORCE_AREA: z.string().min(1).default('Hertfordshire'),
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  GAZETTEER_PATH: z.string().default(resolve(REPO_ROOT, 'data/places.csv')),
  BOUNDARIES_PATH: z.string().default(resolve(REPO_ROOT, 'data/lad-boundaries.geojson')),
  WEB_DIST: z.string().default(resolve(REPO_ROOT, 'apps/web/dist')),
  TILE_URL: z.string().default(''),
  /** Host names the server answers to (comma-separated); anything else is refused (DNS rebinding). */
  ALLOWED_HOSTS: z.string().default(''),
  /**
   * Behind a TLS-terminating proxy: Express's "trust proxy" value (e.g. `loopback`, `1`, an address),
   * so the session cookie is marked Secure and sign-in limits count the client, not the proxy.
   */
  TRUST_PROXY: z.string().default(''),
  /** Minutes without a request after which a session ends. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** Hours after sign-in after which a session ends however active it is. */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(10),
  /**
   * Wrong passwords for one account from one address before that address must wait (30 s, doubling
   * with each further failure), and the longest wait in minutes. No account is ever locked.
   */
  SIGNIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Failed sign-ins allowed from one address per 15 minutes, whatever the account. */
  SIGNIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(30),
  /** Password of the first admin account on a new database (otherwise a random one is printed once). */
  ADMIN_PASSWORD: z.string().optional(),
  /** info, warn, error or silent: request logs (pino, no personal data). */
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
});

export type Config = z.output<typeof envSchema>;

/** Reads and checks the environment once at start-up; a bad value stops the server with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid environment: ${detail}`);
  }
  return parsed.data;
}

/** The configured host names, or the listen address plus the loopback names when none are given. */
export function allowedHosts(config: Pick<Config, 'ALLOWED_HOSTS' | 'HOST'>): string[] {
  const given = config.ALLOWED_HOSTS.split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  if (given.length > 0) return given;
  const hosts = ['localhost', '127.0.0.1', '[::1]'];
  if (config.HOST !== '0.0.0.0' && config.HOST !== '::') hosts.push(config.HOST.toLowerCase());
  return [...new Set(hosts)];
}
