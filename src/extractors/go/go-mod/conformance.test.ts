/**
 * Conformance with OSV-SCALIBR's go.mod test cases (../shared/corpora, see its README).
 *
 * Versions are compared modulo one leading `v`: Go writes module versions as `v1.2.3` and
 * this extractor keeps them so; SCALIBR strips the `v` in its expectations.
 */
import { existsSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  type CompareOptions,
  caseRows,
  checkCase,
  corpusPath,
  describeCorpus,
  expectListed,
  loadCases,
} from '../../../testing/conformance.js';
import { extractor } from './index.js';

const cases = loadCases('gomod');

function stripV(version: string): string {
  return version.startsWith('v') ? version.slice(1) : version;
}

/** SCALIBR's gomod extractor reports no commits (pseudo-versions stay versions). */
const compare: CompareOptions = { version: stripV, commits: 'when-stated' };

describeCorpus('go/go-mod conformance (OSV-SCALIBR gomod cases)', () => {
  it('has the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(caseRows(cases))('%s', async (_name, c) => {
    const files: Record<string, string> = { 'go.mod': c.file };
    // SCALIBR's tests keep `<case>.sum` beside `<case>.mod`; it is the go.sum of that go.mod.
    const sum = c.file.replace(/\.mod$/, '.sum');
    if (existsSync(corpusPath(sum))) files['go.sum'] = sum;
    const extracted = await checkCase(extractor, c, { fileName: 'go.mod', files, ...compare });
    if (extracted === undefined) return;
    // One record per module: the records, duplicates included, are the expected list.
    expectListed(extracted.result.packages, c.packages ?? [], extractor.ecosystem, {
      ...compare,
      duplicates: true,
    });
    // The CLI reports warnings as scan errors, and a conformance case must have none.
    expect(extracted.result.warnings ?? []).toEqual([]);
  });
});
