/**
 * The reporter contract: turn a ScanResult into bytes for people or machines.
 * Reporters are pure: the same result gives the same output (no clock, no randomness).
 */
import type { ScanResult } from './types.js';

/** Output formats `openvet scan --format` accepts. */
export type ReportFormat = 'table' | 'json' | 'cyclonedx' | 'spdx';

export interface ReportOptions {
  /** Use colour (table only). */
  readonly color?: boolean;
}

export interface Reporter {
  /** Equal to its folder under `src/reporters/`. */
  readonly name: ReportFormat;
  /** Render the whole report; ends with a newline. */
  render(result: ScanResult, options?: ReportOptions): string;
}
