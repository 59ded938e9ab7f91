/**
 * The reporter contract: turn a ScanResult into bytes for people or machines.
 * Reporters are pure: the same result gives the same output (no clock, no randomness).
 */
import type { ScanResult } from './types.js';

/** Output formats `openvet scan --format` accepts. */
export const REPORT_FORMATS = [
  'table',
  'json',
  'cyclonedx',
  'spdx',
  'sarif',
  'markdown',
  'html',
] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  /** Use colour (table only). */
  readonly color?: boolean;
  /** Terminal width in columns: the table fits its lines to it (table only; none: no limit). */
  readonly width?: number;
}

export interface Reporter {
  /** Equal to its folder under `src/reporters/`. */
  readonly name: ReportFormat;
  /** Render the whole report; ends with a newline. */
  render(result: ScanResult, options?: ReportOptions): string;
}
