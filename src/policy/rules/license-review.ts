/**
 * `license.review`: a licence a person must look at before use: a category the use reviews
 * (weak copyleft in distribution, source-available, proprietary), a user threshold the
 * product may cross (Llama's 700M monthly active users, with its acceptable-use policy), or the
 * policy's licence review list.
 */
import { licenseRule } from './license-findings.js';

/** Findings for licences that need a review. */
export const licenseReview = licenseRule('license.review');
