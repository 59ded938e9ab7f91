/**
 * OSV-SCALIBR's package-lock.json cases (../shared/corpora), run the way the CLI sees them:
 * each file copied alone into a temp dir under its real name (a whole folder when the case
 * is about sibling files).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
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
      (c) => c.format === 'packagelockjson',
    )
  : [];

function realName(file: string): string {
  const base = path.basename(file);
  return base === 'package-lock.json' || base === 'npm-shrinkwrap.json'
    ? base
    : 'package-lock.json';
}

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
  `npm/package-lock conformance${present ? '' : ' (skipped: ../shared/corpora is absent)'}`,
  () => {
    it('has the cases', () => {
      expect(cases.length).toBe(34);
    });

    it.each(cases.map((c) => [`${c.case} (${c.file})`, c] as const))('%s', async (_label, c) => {
      const source = path.join(CORPUS, c.file);
      const files: Record<string, string> = {};
      // Cases about sibling lockfiles keep their whole folder; all others go alone.
      if (path.basename(path.dirname(c.file)) === 'both') {
        for (const f of readdirSync(path.dirname(source)))
          files[f] = readFileSync(path.join(path.dirname(source), f), 'utf8');
      } else {
        files[realName(c.file)] = readFileSync(source, 'utf8');
      }
      const root = await tempTree(files);
      const run = runExtractor(extractor, root, realName(c.file));
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
