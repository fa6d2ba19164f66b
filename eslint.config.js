import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import globals from 'globals';

const WEB_SRC = path.join(import.meta.dirname, 'apps/web/src');

/** The web layer a file belongs to: src/app (and main.tsx), one feature, or the shared code around them. */
function webLayer(file) {
  const rel = path.relative(WEB_SRC, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  const [top, feature] = rel.split(path.sep);
  if (top === 'app' || top === 'main.tsx') return { kind: 'app' };
  if (top === 'features' && feature) return { kind: 'feature', feature };
  return { kind: 'shared' };
}

/**
 * Imports go one way, shared → features → app, and a feature never imports another feature. The
 * import is resolved against the importing file as a path, not through the module resolver, so
 * `../../map/x`, `../../../features/map/x` and a lazy `import()` are caught alike, even before the
 * target exists. The web app has no path aliases, so every import inside it is relative.
 */
const importLayers = {
  meta: {
    type: 'problem',
    docs: { description: 'Web features never import each other; shared code never imports a feature or the app.' },
    messages: {
      crossFeature:
        'features/{{from}} imports features/{{to}}: features never import each other. Move what both need to src/components, src/lib or src/utils, or compose the two in src/app.',
      upward: '{{from}} imports {{to}}: imports go one way, shared → features → app.',
    },
    schema: [],
  },
  create(context) {
    const from = webLayer(context.filename);
    if (!from || from.kind === 'app') return {};
    const check = (node) => {
      const spec = node.source?.type === 'Literal' ? node.source.value : null;
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const to = webLayer(path.resolve(path.dirname(context.filename), spec));
      if (!to || to.kind === 'shared') return;
      const name = (layer) => (layer.kind === 'feature' ? `features/${layer.feature}` : layer.kind === 'app' ? 'src/app' : 'shared code');
      if (from.kind === 'feature' && to.kind === 'feature') {
        if (from.feature !== to.feature)
          context.report({ node: node.source, messageId: 'crossFeature', data: { from: from.feature, to: to.feature } });
      } else {
        context.report({ node: node.source, messageId: 'upward', data: { from: name(from), to: name(to) } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'artifacts/**', '.tmp/**', '**/*.tsbuildinfo'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // A cycle makes load order matter: whichever module loads second sees the first half-initialised.
    plugins: { 'import-x': importX },
    settings: {
      // Without these the rule reads only .js files, and a cycle through TypeScript goes unseen.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          // Workspace packages export their TypeScript source under "source", so a cycle through
          // @scam/* is followed into packages/*/src rather than stopping at a built dist/.
          conditionNames: ['source', 'types', 'import', 'node', 'browser', 'default'],
          project: ['tsconfig.tests.json', 'apps/*/tsconfig.json', 'packages/*/tsconfig.json', 'scripts/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, web: { rules: { 'import-layers': importLayers } } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'web/import-layers': 'error',
    },
  },
  {
    // The layer rule: SQL lives only in repositories.
    files: ['apps/api/src/routes/**/*.ts', 'apps/api/src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'better-sqlite3', message: 'SQL lives in src/db/repos only.' }] }],
    },
  },
);
