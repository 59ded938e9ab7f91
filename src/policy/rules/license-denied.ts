/**
 * `license.denied`: a component's concluded licence is denied for the intended use (AGPL in
 * `saas`, strong copyleft in `distribution` of a proprietary product, non-commercial in any
 * commercial use) or by the policy's licence deny list. Fails the verdict.
 */
import { licenseRule } from './license-findings.js';

/** Findings for licences the policy denies. */
export const licenseDenied = licenseRule('license.denied');
