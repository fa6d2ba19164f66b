import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '@scam/shared';
import { REPO_ROOT } from './config.js';

describe('docs/api.md', () => {
  const doc = readFileSync(resolve(REPO_ROOT, 'docs/api.md'), 'utf8');
  it.each(Object.entries(ROUTES))('documents %s (%s)', (_name, path) => {
    expect(doc).toContain(path);
  });
});
