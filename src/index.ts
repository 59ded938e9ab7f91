/**
 * openvet's public library API: scan a project and render the result.
 */
export type * from './core/types.js';
export type {
  Extractor,
  ExtractInput,
  ExtractResult,
  FileEntry,
  PackageRecord,
  RootRecord,
} from './core/extractor.js';
export type { Reporter, ReportFormat, ReportOptions } from './core/reporter.js';
export type {
  Analyzer,
  AnalyzeInput,
  AnalyzeResult,
  AnalyzerError,
  ComponentUpdate,
} from './core/analyzer.js';
export type { ScanOptions, ScanProgress } from './core/scan.js';
export { scan } from './core/scan.js';
export { OpenvetError, InputError, UsageError, StoreError } from './core/errors.js';
export { extractors } from './extractors/registry.js';
export { analyzers } from './analyzers/registry.js';
export { identifyLicenses, type IdentifyOptions } from './analyzers/license/identify.js';
export type { LicenseMatch, Confidence as LicenseConfidence } from './analyzers/license/match.js';
export { reporters } from './reporters/registry.js';
export { openSqliteStore, resolveDbPath } from './store/index.js';
export type { Store, ScanSummary } from './store/index.js';
