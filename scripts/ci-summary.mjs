// Adds up vitest's "Tests  N passed | M failed" lines from a log into one "N passed, M failed" line,
// the closing line CI reads; exits 1 when no test ran at all.
import { readFileSync } from 'node:fs';

// Colour codes (ESC [ … m) are stripped first; the escape is built from its code so no regex holds a raw control character.
const ESC = String.fromCharCode(27);
const log = readFileSync(process.argv[2] ?? '.tmp/test.log', 'utf8')
  .split(ESC)
  .map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, '')))
  .join('');
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const m of log.matchAll(/^\s*Tests\s+(.*)$/gm)) {
  for (const key of Object.keys(totals)) {
    const hit = new RegExp(`(\\d+) ${key}`).exec(m[1]);
    if (hit) totals[key] += Number(hit[1]);
  }
}
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
if (totals.passed === 0) {
  console.error('no test ran');
  process.exit(1);
}
