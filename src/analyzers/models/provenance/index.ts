/**
 * `models/provenance`: what each model's card, configs and weight headers say (model-card
 * evidence: metadata, documentation sections, transparency) and where it comes from
 * (provenance evidence: the base_model chain up to its roots). Offline as registered; the CLI
 * swaps in `createProvenanceAnalyzer({ hub })` when the Hugging Face Hub may be asked.
 */
import type { Analyzer } from '../../../core/analyzer.js';
import { analyzer as offline } from '../lineage/analyzer.js';

export const analyzer = {
  name: 'models/provenance',
  requiresNetwork: false,
  analyze: (input) => offline.analyze(input),
} satisfies Analyzer;
