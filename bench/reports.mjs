#!/usr/bin/env node
// Benchmark: what report generation adds to a scan (issue 8: < 10% on the ~1,700-package tree).
//
//   npm run build && npm run bench -- reports            # the `large` npm tree
//   node bench/reports.mjs --tree large-valid --runs 7 --use distribution
//
// One offline scan of the tree in this process (the registered analyzers, as `openvet scan
// --offline` runs them), then every reporter renders that result `--runs` times; the report
// gives each format's median render time as a share of the scan time measured in the same run
// (ratios: the machines here are shared and noisy). The tree is the one bench/npm-trees.mjs
// installs under bench/.work/trees/ (run `npm run bench -- npm-trees --trees large` once).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '..', 'dist');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const tree = arg('tree', 'large');
const runs = Number(arg('runs', '5'));
const dir = path.join(here, '.work', 'trees', tree);
if (!existsSync(path.join(dir, 'node_modules'))) {
  console.log(`bench/reports: no ${dir}; run \`npm run bench -- npm-trees --trees ${tree}\` first`);
  process.exit(0);
}
if (!existsSync(path.join(dist, 'cli', 'main.js'))) {
  console.error('bench/reports: dist/ is missing: run `npm run build` first');
  process.exit(2);
}
const load = (rel) => import(pathToFileURL(path.join(dist, rel)).href);
const { scan } = await load('core/scan.js');
const { extractors } = await load('extractors/registry.js');
const { analyzers } = await load('analyzers/registry.js');
const { reporters } = await load('reporters/registry.js');
const { applyPolicy } = await load('policy/evaluate.js');
const { PRESETS } = await load('policy/presets/index.js');
const use = arg('use', 'saas');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;

const scanStart = process.hrtime.bigint();
const scanned = await scan({
  path: dir,
  extractors,
  analyzers,
  tool: { name: 'openvet', version: 'bench' },
  now: () => new Date('2026-01-01T00:00:00Z'),
  offline: true,
  exclude: [],
  env: {},
});
// Judged for an intended use, so the reports carry findings and obligations as they would in CI.
const result = applyPolicy(scanned, PRESETS[use]);
const scanMs = ms(scanStart);
console.log(
  `tree ${tree}: ${result.components.length} components, ${result.evidence.length} evidence, ` +
    `${result.findings.length} findings (--use ${use}); scan + policy ${(scanMs / 1000).toFixed(1)} s (offline, in process)`,
);
console.log('\n| format | median render | bytes | share of the scan |\n| --- | --- | --- | --- |');
let worst = 0;
for (const [name, reporter] of Object.entries(reporters)) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    bytes = reporter.render(result, { width: 120 }).length;
    times.push(ms(start));
  }
  const share = (median(times) / scanMs) * 100;
  worst = Math.max(worst, share);
  console.log(
    `| ${name} | ${median(times).toFixed(1)} ms | ${bytes.toLocaleString('en')} | ${share.toFixed(2)}% |`,
  );
}
console.log(`\nworst format: ${worst.toFixed(2)}% of the scan time (goal < 10%)`);
