/**
 * `license.unknown`: nothing could be concluded about a component's licence (none declared
 * or found, declared and found disagree, an id the knowledge base does not categorise). What
 * it does to the verdict is `licenses.unknown` (review by default).
 */
import { licenseRule } from './license-findings.js';

/** Findings for components whose licence cannot be judged. */
export const licenseUnknown = licenseRule('license.unknown');
