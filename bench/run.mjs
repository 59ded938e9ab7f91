#!/usr/bin/env node
// `npm run bench [-- NAME [OPTIONS...]]`: every benchmark in turn, or only NAME (npm-trees,
// licenses, licenses-declared, vulns, models, health, reports, superlinear) with its options passed through, e.g. `npm run bench -- licenses --skip licensee`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCHMARKS = [
  'npm-trees',
  'licenses',
  'licenses-declared',
  'vulns',
  'models',
  'health',
  'reports',
  'superlinear',
];

const [first, ...rest] = process.argv.slice(2);
const only = first !== undefined && !first.startsWith('-') ? first : undefined;
if (only !== undefined && !BENCHMARKS.includes(only)) {
  console.error(`bench: unknown benchmark ${only}; choose one of ${BENCHMARKS.join(', ')}`);
  process.exit(2);
}
const options = only !== undefined ? rest : process.argv.slice(2);
let failed = 0;
for (const name of only !== undefined ? [only] : BENCHMARKS) {
  console.log(`\n=== bench/${name}.mjs ${options.join(' ')}`);
  const r = spawnSync(process.execPath, [path.join(here, `${name}.mjs`), ...options], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
