/** The explicit list of reporters, keyed by `--format` name. */
import type { ReportFormat, Reporter } from '../core/reporter.js';
import { reporter as json } from './json/index.js';
import { reporter as table } from './table/index.js';

export const reporters: Readonly<Partial<Record<ReportFormat, Reporter>>> = { json, table };

export const REPORT_FORMATS = Object.keys(reporters) as ReportFormat[];
