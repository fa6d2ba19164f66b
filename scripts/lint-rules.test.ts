import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run lint` is the only thing standing between a feature and its neighbours, and between two
// modules and a load-order cycle: these cases show that the repository's own config still fails on each.
const root = resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.config.js') });

function rulesHit(results: ESLint.LintResult[]): (string | null)[] {
  return results.flatMap((r) => r.messages.map((m) => m.ruleId));
}

async function lintAt(filePath: string, code: string): Promise<(string | null)[]> {
  return rulesHit(await eslint.lintText(code, { filePath: join(root, filePath) }));
}

describe('web layers: features never import each other', () => {
  it('fails a feature importing another feature by a relative path, even one not written yet', async () => {
    const hits = await lintAt(
      'apps/web/src/features/series/x.ts',
      "import { whatever } from '../map/components/whatever';\nexport const y = whatever;\n",
    );
    expect(hits).toContain('web/import-layers');
  });

  it.each([
    [
      'a deeper path',
      'apps/web/src/features/series/components/x.tsx',
      "import { MapPanel } from '../../map/components/map-panel';\nexport const y = MapPanel;\n",
    ],
    [
      'a path through features/',
      'apps/web/src/features/appeals/x.ts',
      "import { seriesMutations } from '../../features/series/api/series.mutations';\nexport const y = seriesMutations;\n",
    ],
    ['a lazy import()', 'apps/web/src/features/overview/x.ts', "export const load = () => import('../map/components/incident-map');\n"],
    [
      'shared code importing a feature',
      'apps/web/src/components/x.ts',
      "import { mapQueries } from '../features/map/api/map.queries';\nexport const y = mapQueries;\n",
    ],
  ])('fails %s', async (_what, filePath, code) => {
    expect(await lintAt(filePath, code)).toContain('web/import-layers');
  });

  it('passes a feature importing itself and shared code, and the app importing features', async () => {
    const feature = await lintAt(
      'apps/web/src/features/series/components/x.ts',
      "import { seriesQueries } from '../../../api/series.queries';\nimport { matrix } from '../utils/matrix';\nexport const y = [seriesQueries, matrix];\n",
    );
    const app = await lintAt(
      'apps/web/src/app/x.ts',
      "import { MapPanel } from '../features/map/components/map-panel';\nexport const y = MapPanel;\n",
    );
    expect([...feature, ...app]).not.toContain('web/import-layers');
  });
});

describe('import cycles', () => {
  // On disk, not in memory: the rule follows imports through the files they name. Not under .tmp/,
  // which the config ignores.
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(root, '.lint-cycle-'));
    writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = (): number => b() + 1;\n");
    writeFileSync(join(dir, 'b.ts'), "import { a } from './a';\nexport const b = (): number => a() - 1;\n");
    writeFileSync(join(dir, 'c.ts'), "import { b } from './b';\nexport const c = (): number => b();\n");
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails two modules that import each other', async () => {
    const results = await eslint.lintFiles([join(dir, 'a.ts'), join(dir, 'b.ts')]);
    expect(results.map((r) => rulesHit([r]))).toEqual([['import-x/no-cycle'], ['import-x/no-cycle']]);
  });

  it('passes a module that only imports one of them', async () => {
    expect(rulesHit(await eslint.lintFiles([join(dir, 'c.ts')]))).toEqual([]);
  });
});

describe('formatting: npm run lint runs prettier --check with the repository config', () => {
  const file = join(root, 'apps/api/src/example.ts');
  it('fails code that is not formatted, and passes the same code once formatted', async () => {
    const options = { ...(await prettier.resolveConfig(file)), filepath: file };
    const messy = 'export const   f=(a:number,b:number)=>{return a+b}\n';
    expect(await prettier.check(messy, options)).toBe(false);
    expect(await prettier.check(await prettier.format(messy, options), options)).toBe(true);
  });
  it('is part of npm run lint', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.lint).toMatch(/prettier --check \./);
  });
});
