/**
 * Writes the demo weekly returns into a folder for the import pipeline.
 *
 *   tsx --conditions=source scripts/generate-demo.ts [--out data/demo] [--seed 1] [--scale 1]
 *
 * --out is relative to the current directory; the gazetteer is always read from the repository's
 * data/places.csv, found from this file's location so the script works from any directory.
 */
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDemo, loadHertsPlaces } from './lib/demo-generator.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

function numberOption(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new Error(`--${name} must be a number, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: 'data/demo' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      start: { type: 'string' },
      end: { type: 'string' },
    },
    strict: true,
  });
  const outDir = resolve(values.out);
  const places = loadHertsPlaces(await readFile(resolve(repoRoot, 'data/places.csv'), 'utf8'));

  const began = performance.now();
  const result = generateDemo(places, {
    seed: numberOption('seed', values.seed, 1),
    scale: numberOption('scale', values.scale, 1),
    ...(values.start === undefined ? {} : { start: values.start }),
    ...(values.end === undefined ? {} : { end: values.end }),
  });
  const generatedMs = performance.now() - began;

  await mkdir(outDir, { recursive: true });
  // Only CSVs are removed: the folder may hold a README or a database someone put there on purpose.
  for (const name of await readdir(outDir)) {
    if (name.toLowerCase().endsWith('.csv')) await rm(resolve(outDir, name));
  }
  for (const file of result.files) await writeFile(resolve(outDir, file.name), file.content, 'utf8');

  const nfib = result.files.filter((f) => f.name.startsWith('nfib-')).length;
  console.log(
    `Wrote ${result.files.length} files (${result.files.length - nfib} force returns, ${nfib} NFIB) to ${outDir}: ` +
      `${result.incidentCount} incidents, ${result.rowCount} rows (${result.resends.length} re-sent), ` +
      `${result.series.length} embedded series; generated in ${Math.round(generatedMs)} ms.`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
