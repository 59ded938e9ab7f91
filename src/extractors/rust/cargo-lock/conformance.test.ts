/**
 * Conformance with OSV-SCALIBR's Cargo.lock test cases (../shared/corpora, see its README):
 * each file is copied alone as `Cargo.lock`, so local crates are reported (no Cargo.toml).
 */
import { expect, it } from 'vitest';
import {
  type CompareOptions,
  caseRows,
  checkCase,
  describeCorpus,
  expectListed,
  loadCases,
} from '../../../testing/conformance.js';
import { extractor } from './index.js';

const cases = loadCases('cargolock');

/** SCALIBR's Cargo.lock extractor reports no commits; this one keeps a git source's. */
const compare: CompareOptions = { commits: 'when-stated' };

describeCorpus('rust/cargo-lock conformance (OSV-SCALIBR cargolock cases)', () => {
  it('has the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(9);
  });

  it.each(caseRows(cases))('%s', async (_name, c) => {
    const extracted = await checkCase(extractor, c, { fileName: 'Cargo.lock', ...compare });
    if (extracted === undefined) return;
    // One record per crate: the records, duplicates included, are the expected list.
    expectListed(extracted.result.packages, c.packages ?? [], extractor.ecosystem, {
      ...compare,
      duplicates: true,
    });
    // The CLI reports warnings as scan errors, and a conformance case must have none.
    expect(extracted.result.warnings ?? []).toEqual([]);
  });
});
