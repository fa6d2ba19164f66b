/**
 * Space-time permutation scan of SaTScan-format files, reported as SaTScan does: every centre's most
 * likely cluster, significant or not, without geographical overlap, by descending LLR.
 *
 *   npm run scan -- --cases FILE --coords FILE --from YYYY-MM-DD --to YYYY-MM-DD [--json]
 *     [--max-km N] [--max-share S] [--min-days N] [--max-days N] [--min-cases N]
 *     [--replicates N] [--prospective] [--seed N]
 *
 * Exit codes: 0 done, 1 an input file has a bad line, 2 bad arguments. See docs/scan-cli.md.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultMaxDays, parseCaseFile, parseCoordinatesFile, SatscanFormatError, scanSatscanData } from '@scam/detection';
import type { SatscanScanOptions, SatscanScanResult } from '@scam/detection';
import { dayNumber } from '@scam/shared';

export interface ScanCliIo {
  readFile(path: string): string;
  out(text: string): void;
  err(text: string): void;
}

export const USAGE = `usage: npm run scan -- --cases FILE --coords FILE --from YYYY-MM-DD --to YYYY-MM-DD [--json]
  [--max-km N]      largest circle radius in km (default: no limit)
  [--max-share S]   largest share of all cases in a cluster, 0 < S <= 1 (default 0.5, SaTScan's 50 %)
  [--min-days N]    shortest cluster in days (default 1)
  [--max-days N]    longest cluster in days (default half the study period)
  [--min-cases N]   fewest cases in a cluster (default 2)
  [--replicates N]  Monte-Carlo replicates (default 999)
  [--prospective]   only clusters ending on --to
  [--seed N]        random seed (default 1)
`;

/** A bad command line: reported in one line, exit code 2. */
class ArgumentError extends Error {}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function positiveNumber(option: string, text: string, max = Number.POSITIVE_INFINITY): number {
  const v = Number(text);
  if (!NUMBER.test(text) || !(v > 0 && v <= max)) {
    throw new ArgumentError(`--${option} must be a number above 0${max < Infinity ? ` and at most ${max}` : ''}, got "${text}"`);
  }
  return v;
}

function wholeNumber(option: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    throw new ArgumentError(`--${option} must be a whole number of at least ${min}, got "${text}"`);
  }
  return Number(text);
}

function required(option: string, value: string | undefined, what: string): string {
  if (value === undefined) throw new ArgumentError(`--${option} ${what} is required`);
  return value;
}

function day(option: string, value: string | undefined): string {
  const text = required(option, value, 'YYYY-MM-DD');
  if (Number.isNaN(dayNumber(text))) throw new ArgumentError(`--${option} must be a date YYYY-MM-DD, got "${text}"`);
  return text;
}

function readInput(io: ScanCliIo, option: string, path: string): string {
  try {
    return io.readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ArgumentError(`--${option}: cannot read ${path}${code ? ` (${code})` : ''}`);
  }
}

function parseCommandLine(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        cases: { type: 'string' },
        coords: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'max-km': { type: 'string' },
        'max-share': { type: 'string' },
        'min-days': { type: 'string' },
        'max-days': { type: 'string' },
        'min-cases': { type: 'string' },
        replicates: { type: 'string' },
        prospective: { type: 'boolean', default: false },
        seed: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (err) {
    // parseArgs names the option; its advice about "--" runs on, so only the first sentence is kept.
    throw new ArgumentError((err as Error).message.split(/(?<=\.) /)[0]!);
  }
}

function scanOptions(v: ReturnType<typeof parseCommandLine>): SatscanScanOptions {
  const from = day('from', v.from);
  const to = day('to', v.to);
  if (from > to) throw new ArgumentError(`--from ${from} is after --to ${to}`);
  const o: SatscanScanOptions = { from, to, prospective: v.prospective };
  if (v['max-km'] !== undefined) o.maxKm = positiveNumber('max-km', v['max-km']);
  if (v['max-share'] !== undefined) o.maxShare = positiveNumber('max-share', v['max-share'], 1);
  if (v['min-days'] !== undefined) o.minDays = wholeNumber('min-days', v['min-days'], 1);
  if (v['max-days'] !== undefined) o.maxDays = wholeNumber('max-days', v['max-days'], 1);
  if (v['min-cases'] !== undefined) o.minCases = wholeNumber('min-cases', v['min-cases'], 1);
  if (v.replicates !== undefined) o.replicates = wholeNumber('replicates', v.replicates, 1);
  if (v.seed !== undefined) o.seed = wholeNumber('seed', v.seed, 0);
  const maxDays = o.maxDays ?? defaultMaxDays(dayNumber(to) - dayNumber(from) + 1);
  if ((o.minDays ?? 1) > maxDays) {
    const longest = o.maxDays === undefined ? `the default --max-days of ${maxDays} (half the study period)` : `--max-days ${maxDays}`;
    throw new ArgumentError(`--min-days ${o.minDays} is more than ${longest}`);
  }
  return o;
}

function fixed(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'inf';
}

function table(result: SatscanScanResult, o: SatscanScanOptions): string {
  const lines = [
    `Space-time permutation scan, ${o.from} to ${o.to}: ${result.cases} cases, ${result.replicates} replicates; ` +
      `${result.clusters.length} cluster${result.clusters.length === 1 ? '' : 's'} (* p <= 0.05)`,
  ];
  const head = ['#', 'locations', 'start', 'end', 'observed', 'expected', 'RR', 'LLR', 'p', ''];
  const rows = result.clusters.map((c, i) => {
    const shown = c.locations.length > 4 ? `${c.locations.slice(0, 4).join(', ')} +${c.locations.length - 4}` : c.locations.join(', ');
    return [
      String(i + 1),
      shown,
      c.start,
      c.end,
      String(c.observed),
      fixed(c.expected, 2),
      fixed(c.relativeRisk, 2),
      fixed(c.llr, 3),
      c.pValue.toFixed(3),
      c.significant ? '*' : '',
    ];
  });
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const left = new Set([1, 2, 3, 9]);
  for (const r of [head, ...rows])
    lines.push(
      r
        .map((cell, j) => (left.has(j) ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!)))
        .join('  ')
        .trimEnd(),
    );
  return `${lines.join('\n')}\n`;
}

/** The whole command; returns the exit code. Separate from the process so tests can call it. */
export function runScanCli(argv: readonly string[], io: ScanCliIo): number {
  try {
    const v = parseCommandLine(argv);
    if (v.help) {
      io.out(USAGE);
      return 0;
    }
    const cases = required('cases', v.cases, 'FILE');
    const coords = required('coords', v.coords, 'FILE');
    const options = scanOptions(v);
    const locations = parseCoordinatesFile(readInput(io, 'coords', coords), coords);
    const caseRecords = parseCaseFile(readInput(io, 'cases', cases), cases, locations);
    const result = scanSatscanData(locations, caseRecords, options);
    if (result.casesOutside > 0) io.err(`note: ${result.casesOutside} cases outside ${options.from} to ${options.to} were left out\n`);
    // JSON has no Infinity: a relative risk with every case inside the cluster is written as null.
    io.out(v.json ? `${JSON.stringify({ clusters: result.clusters }, null, 2)}\n` : table(result, options));
    return 0;
  } catch (err) {
    if (err instanceof ArgumentError) {
      io.err(`error: ${err.message}\n`);
      return 2;
    }
    if (err instanceof SatscanFormatError) {
      io.err(`error: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  process.exitCode = runScanCli(process.argv.slice(2), {
    readFile: (path) => readFileSync(path, 'utf8'),
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
