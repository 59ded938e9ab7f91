/**
 * Model openness: the Model Openness Framework (MOF) class and progress, per-component
 * evidence and licences, and the OSI Open Source AI Definition 1.0 verdict.
 *
 * - `parseMofDeclaration(text, file)` reads a MOF YAML/JSON declaration (validated, bounded);
 * - `evaluateMof(declaration)` gives the class and progress exactly as the MOF tool does;
 * - `osaidVerdict(evaluation)` judges the OSAID's three requirements;
 * - `declarationOpenness` / `modelOpenness` combine them, from a declaration or from what a
 *   scan saw (`ModelArtifacts`).
 */
import type { Analyzer } from '../../../core/analyzer.js';
import { analyzeOpenness } from './analyzer.js';

export { artifactsOf } from './analyzer.js';
export { MAX_DECLARATION_BYTES, parseMofDeclaration } from './declaration.js';
export { evaluateMof, isTypeAppropriate, mofOpenBasis, type EvaluateOptions } from './evaluate.js';
export { MOF_CLASS_LABELS, MOF_COMPONENTS, type MofComponentDef } from './mof-data.js';
export { declarationOpenness, mofLicenseId, modelOpenness } from './openness.js';
export { osaidVerdict } from './osaid.js';
export type * from './types.js';

/**
 * `models/openness`: MOF class and progress and the OSAID verdict of every model, from its
 * files and the `model-card` evidence of `models/provenance` (which must run first).
 */
export const analyzer = {
  name: 'models/openness',
  requiresNetwork: false,
  analyze: analyzeOpenness,
} satisfies Analyzer;
