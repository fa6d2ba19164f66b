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
  IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(20 * 1024 * 1024),
  GAZETTEER_PATH: z.string().default(resolve(REPO_ROOT, 'data/places.csv')),
  BOUNDARIES_PATH: z.string().default(resolve(REPO_ROOT, 'data/lad-boundaries.geojson')),
  WEB_DIST: z.string().default(resolve(REPO_ROOT, 'apps/web/dist')),
  TILE_URL: z.string().default(''),
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
