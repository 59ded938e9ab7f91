/** The store: one interface, opened by location. */
export type { Store, ScanSummary } from './types.js';
export { openSqliteStore } from './sqlite.js';
export { resolveDbPath } from './location.js';
