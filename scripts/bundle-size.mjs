// Gzipped size of what the first screen loads: the scripts and stylesheets index.html references
// (entry chunk and modulepreloads) as against everything that is lazy-loaded later.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = resolve(import.meta.dirname, '../apps/web/dist');
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const eager = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]));
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

let eagerJs = 0;
let lazyJs = 0;
const rows = [];
for (const f of readdirSync(join(dist, 'assets')).filter((n) => /\.(js|css)$/.test(n))) {
  const file = `assets/${f}`;
  const size = gz(file);
  const isEager = eager.has(file);
  if (f.endsWith('.js')) {
    if (isEager) eagerJs += size;
    else lazyJs += size;
  }
  rows.push([isEager ? 'initial' : 'lazy', file, size]);
}
rows.sort((a, b) => a[0].localeCompare(b[0]) || b[2] - a[2]);
for (const [kind, file, size] of rows) console.log(`${kind.padEnd(8)} ${kib(size).padStart(10)}  ${file}`);
console.log(`\ninitial JavaScript (gzip -9): ${kib(eagerJs)}; lazy-loaded JavaScript: ${kib(lazyJs)}`);
