/**
 * OSV-SCALIBR's bun.lock cases (`../shared/corpora/lockfiles`), each file copied alone as
 * `bun.lock` and run through the extractor the way a scan does.
 */
import { expect, it } from 'vitest';
import { caseRows, checkCase, describeCorpus, loadCases } from '../../../testing/conformance.js';
import { extractor } from './index.js';

const cases = loadCases('bunlock');

describeCorpus('npm/bun-lock conformance', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(caseRows(cases))('%s', async (_title, c) => {
    await checkCase(extractor, c, { fileName: 'bun.lock' });
  });
});
