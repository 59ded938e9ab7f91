/**
 * OSV-SCALIBR's package-lock.json cases (../shared/corpora), run the way the CLI sees them:
 * each file copied alone into a temp dir under its real name (a whole folder when the case
 * is about sibling files).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import {
  caseRows,
  checkCase,
  corpusPath,
  describeCorpus,
  expectListed,
  loadCases,
} from '../../../testing/conformance.js';
import { extractor } from './index.js';

const cases = loadCases('packagelockjson');

function realName(file: string): string {
  const base = path.basename(file);
  return base === 'package-lock.json' || base === 'npm-shrinkwrap.json'
    ? base
    : 'package-lock.json';
}

/** Cases about sibling lockfiles keep their whole folder; all others go alone. */
function layout(file: string): Record<string, string> {
  const dir = path.posix.dirname(file);
  if (path.posix.basename(dir) !== 'both') return { [realName(file)]: file };
  return Object.fromEntries(readdirSync(corpusPath(dir)).map((f) => [f, `${dir}/${f}`]));
}

describeCorpus('npm/package-lock conformance', () => {
  it('has the cases', () => {
    expect(cases.length).toBe(34);
  });

  it.each(caseRows(cases))('%s', async (_label, c) => {
    const extracted = await checkCase(extractor, c, {
      fileName: realName(c.file),
      files: layout(c.file),
    });
    // Each record as well as the merged components: one entry's groups and commit are its own.
    if (extracted) expectListed(extracted.result.packages, c.packages ?? [], extractor.ecosystem);
  });
});
