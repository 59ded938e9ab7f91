/**
 * `license.conflict`: the project's own licence (Target.license) cannot include a copyleft
 * dependency: an MIT library distributed with GPL-3.0 code in it, a GPL-2.0-only project with
 * GPL-3.0 code. Only for an open-source project; a proprietary one gets `license.denied`.
 */
import { licenseRule } from './license-findings.js';

/** Findings for dependencies whose licence the project's licence cannot take in. */
export const licenseConflict = licenseRule('license.conflict');
