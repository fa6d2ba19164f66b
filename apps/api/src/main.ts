import { createApp, createContext } from './app.js';
import { loadDeps, loadDemoData } from './bootstrap.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const { deps, created } = loadDeps(config);
if (created && config.DEMO_DATA === '1') {
  console.log(`creating ${config.DB_PATH} with demo data from ${config.DEMO_DIR}…`);
  loadDemoData(deps, config.DEMO_DIR, (line) => console.log(line));
}
const ctx = createContext(deps);
// Load the in-memory fact store before listening, so the first dashboard request is not the one to wait.
const facts = ctx.facts.fresh();
console.log(`fact store: ${facts.n.toLocaleString('en-GB')} incidents loaded in ${Math.round(facts.lastLoadMs)} ms`);
const app = createApp(deps, ctx);
const server = app.listen(config.PORT, config.HOST, () => {
  console.log(`Scam-series dashboard: http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${config.PORT}/`);
});

function shutdown(): void {
  server.close(() => {
    deps.db.close();
    process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
