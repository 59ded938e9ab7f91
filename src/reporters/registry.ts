/** The explicit list of reporters, keyed by `--format` name. */
import type { ReportFormat, Reporter } from '../core/reporter.js';
import { reporter as cyclonedx } from './cyclonedx/index.js';
import { reporter as html } from './html/index.js';
import { reporter as json } from './json/index.js';
import { reporter as markdown } from './markdown/index.js';
import { reporter as sarif } from './sarif/index.js';
import { reporter as spdx } from './spdx/index.js';
import { reporter as table } from './table/index.js';

export const reporters: Readonly<Record<ReportFormat, Reporter>> = {
  table,
  json,
  cyclonedx,
  spdx,
  sarif,
  markdown,
  html,
};
