import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, ROUTES } from '@scam/shared';
import { loadConfig, REPO_ROOT } from './config.js';

/** "GET /api/timeseries?interval=…" headings → "GET /api/timeseries". */
function documentedEndpoints(doc: string): string[] {
  return [...doc.matchAll(/^### `(GET|POST|PATCH|PUT|DELETE) (\/api\/[^`?\s]*)[^`]*`/gm)].map((m) => `${m[1]} ${m[2]}`);
}

describe('docs/api.md', () => {
  const doc = readFileSync(resolve(REPO_ROOT, 'docs/api.md'), 'utf8');
  const documented = documentedEndpoints(doc);
  const served = ENDPOINTS.map((e) => `${e.method} ${ROUTES[e.route]}`);

  it('has a section for every endpoint the server answers, method included', () => {
    expect(served.filter((e) => !documented.includes(e))).toEqual([]);
  });
  it('documents no endpoint the server does not answer', () => {
    expect(documented.filter((e) => !served.includes(e))).toEqual([]);
  });
  it('documents each endpoint once', () => {
    expect(documented.filter((e, i) => documented.indexOf(e) !== i)).toEqual([]);
  });
  it('lists every role', () => {
    for (const role of ['viewer', 'analyst', 'inspector', 'importer', 'admin']) expect(doc).toContain(`| \`${role}\` |`);
  });
});

describe('README settings table', () => {
  it('lists every environment variable the server reads', () => {
    const readme = readFileSync(resolve(REPO_ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Settings'), readme.indexOf('## Everyday commands'));
    const missing = Object.keys(loadConfig({})).filter((key) => !section.includes(`\`${key}\``));
    expect(missing).toEqual([]);
  });
});
