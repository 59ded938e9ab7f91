/**
 * OSV-SCALIBR's yarn.lock cases (../shared/corpora), run the way the CLI sees them: each file
 * copied alone into a temp dir as `yarn.lock`.
 */
import { expect, it } from 'vitest';
import {
  caseRows,
  checkCase,
  describeCorpus,
  expectListed,
  loadCases,
} from '../../../testing/conformance.js';
import { extractor } from './index.js';

const cases = loadCases('yarnlock');

describeCorpus('npm/yarn-lock conformance', () => {
  it('has the cases', () => {
    expect(cases.length).toBe(25);
  });

  it.each(caseRows(cases))('%s', async (_label, c) => {
    const extracted = await checkCase(extractor, c, { fileName: 'yarn.lock' });
    // Each record as well as the merged components: one entry's groups and commit are its own.
    if (extracted) expectListed(extracted.result.packages, c.packages ?? [], extractor.ecosystem);
  });
});
