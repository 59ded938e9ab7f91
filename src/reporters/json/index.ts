/**
 * `--format json`: the ScanResult exactly as the core built it (documented in
 * docs/scan-result.md, schema in schema/scan-result.schema.json).
 */
import type { Reporter } from '../../core/reporter.js';
import type { ScanResult } from '../../core/types.js';

function render(result: ScanResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export const reporter = { name: 'json', render } satisfies Reporter;
