export * from './vocabularies.js';
export * from './errors.js';
export * from './filters.js';
export * from './api.js';
export * from './routes.js';
export * from './access.js';
export * from './account.js';
export * from './series.js';
