import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The shared contract (packages/shared/src) is pure: vocabularies, types and zod schemas with no
 * import-time effects. Saying so lets the bundler drop the schemas the browser never uses — and zod
 * with them — from the first chunk. Every other module keeps the default (package.json) rule.
 */
const SHARED_CONTRACT = /[\\/]packages[\\/]shared[\\/]src[\\/]/;

// @scam/shared exports its TypeScript source under the "source" condition, so the web build reads
// the contract straight from packages/shared/src without a separate build step.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Maps for whoever debugs a build, without the comment that would point a browser at them; the
    // server does not serve .map files either.
    sourcemap: 'hidden',
    rolldownOptions: {
      treeshake: {
        moduleSideEffects: [{ test: SHARED_CONTRACT, sideEffects: false }],
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
  preview: { proxy: { '/api': 'http://localhost:8080' } },
});
