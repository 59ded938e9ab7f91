/**
 * OSV-SCALIBR's yarn.lock cases (../shared/corpora), run the way the CLI sees them: each file
 * copied alone into a temp dir as `yarn.lock`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor } from './index.js';

const CORPUS = path.resolve('../shared/corpora/lockfiles');
const present = existsSync(path.join(CORPUS, 'expectations.json'));

interface Case {
  format: string;
  case: string;
  file: string;
  expectError?: boolean;
  packages?: { name: string; version: string; depGroups?: string[]; commit?: string }[];
}

const cases: Case[] = present
  ? (JSON.parse(readFileSync(path.join(CORPUS, 'expectations.json'), 'utf8')) as Case[]).filter(
      (c) => c.format === 'yarnlock',
    )
  : [];

function tuple(
  name: string,
  version: string,
  commit: string | undefined,
  groups: readonly string[] | undefined,
): string {
  return JSON.stringify([
    name,
    version,
    commit ?? null,
    groups === undefined ? null : [...groups].sort(),
  ]);
}

(present ? describe : describe.skip)(
  `npm/yarn-lock conformance${present ? '' : ' (skipped: ../shared/corpora is absent)'}`,
  () => {
    it('has the cases', () => {
      expect(cases.length).toBe(25);
    });

    it.each(cases.map((c) => [`${c.case} (${c.file})`, c] as const))('%s', async (_label, c) => {
      const root = await tempTree({ 'yarn.lock': readFileSync(path.join(CORPUS, c.file), 'utf8') });
      const run = runExtractor(extractor, root, 'yarn.lock');
      if (c.expectError === true) {
        await expect(run).rejects.toBeInstanceOf(InputError);
        return;
      }
      const result = await run;
      const withGroups = (c.packages ?? []).some((p) => p.depGroups !== undefined);
      const expected = new Set(
        (c.packages ?? []).map((p) =>
          tuple(p.name, p.version, p.commit, withGroups ? (p.depGroups ?? []) : undefined),
        ),
      );
      const actual = new Set(
        result.packages.map((p) =>
          tuple(
            p.name,
            p.version ?? '',
            p.source?.commit,
            withGroups ? (p.groups ?? []) : undefined,
          ),
        ),
      );
      expect([...actual].sort()).toEqual([...expected].sort());
    });
  },
);
