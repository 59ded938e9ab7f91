/**
 * The explicit list of analyzers, run in this order after the inventory is built. Adding one =
 * a folder under `src/analyzers/` (named like its plugin, exporting `analyzer`) + one line here
 * + tests.
 */
import type { Analyzer } from '../core/analyzer.js';
import { analyzer as licenseComponent } from './license/component/index.js';
import { analyzer as models } from './models/index.js';
import { analyzer as modelOpenness } from './models/openness/index.js';
import { analyzer as modelProvenance } from './models/provenance/index.js';
import { analyzer as vulns } from './vulns/index.js';

/** Every analyzer `openvet scan` runs. */
export const analyzers: readonly Analyzer[] = [
  licenseComponent,
  vulns,
  models,
  // Reads the cards and lineage the openness evaluation builds on: keep it before openness.
  modelProvenance,
  modelOpenness,
];
