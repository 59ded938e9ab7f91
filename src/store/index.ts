/** The store: one interface, opened by location. */
export type { Store, ScanSummary } from './types.js';
export { openSqliteStore, type SqliteStoreOptions } from './sqlite.js';
export { advisoryInput } from './advisory-views.js';
export { advisoryLookupKey } from './advisory-names.js';
export { resolveDbPath } from './location.js';
