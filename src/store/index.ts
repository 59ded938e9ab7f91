/** The store: one interface, opened by location. */
export type { Store, ScanSummary } from './types.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite.js';
export { advisoryInput, advisoryLookupKey } from './advisory-views.js';
export { resolveDbPath } from './location.js';
