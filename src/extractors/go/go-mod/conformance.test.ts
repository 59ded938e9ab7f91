/**
 * Conformance with OSV-SCALIBR's go.mod test cases (../shared/corpora, see its README).
 *
 * Versions are compared modulo one leading `v`: Go writes module versions as `v1.2.3` and
 * this extractor keeps them so; SCALIBR strips the `v` in its expectations.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpora/lockfiles/', import.meta.url));

interface Case {
  readonly format: string;
  readonly case: string;
  readonly file: string;
  readonly packages?: readonly { readonly name: string; readonly version: string }[];
  readonly expectError?: boolean;
}

const present = existsSync(CORPUS + 'expectations.json');
const cases: Case[] = present
  ? (JSON.parse(readFileSync(CORPUS + 'expectations.json', 'utf8')) as Case[]).filter(
      (c) => c.format === 'gomod',
    )
  : [];

function stripV(version: string): string {
  return version.startsWith('v') ? version.slice(1) : version;
}

(present ? describe : describe.skip)(
  present
    ? 'go/go-mod conformance (OSV-SCALIBR gomod cases)'
    : 'go/go-mod conformance: skipped, ../shared/corpora is absent',
  () => {
    it('has the cases', () => {
      expect(cases.length).toBeGreaterThanOrEqual(15);
    });

    it.each(cases.map((c) => [c.case, c] as const))('%s', async (_name, c) => {
      const files: Record<string, string> = { 'go.mod': readFileSync(CORPUS + c.file, 'utf8') };
      // SCALIBR's tests keep `<case>.sum` beside `<case>.mod`; it is the go.sum of that go.mod.
      const sum = CORPUS + c.file.replace(/\.mod$/, '.sum');
      if (existsSync(sum)) files['go.sum'] = readFileSync(sum, 'utf8');
      const root = await tempTree(files);
      if (c.expectError) {
        await expect(runExtractor(extractor, root, 'go.mod')).rejects.toBeInstanceOf(InputError);
        return;
      }
      const result = await runExtractor(extractor, root, 'go.mod');
      const got = result.packages.map((p) => `${p.name}@${stripV(p.version ?? '')}`).sort();
      const want = (c.packages ?? []).map((p) => `${p.name}@${stripV(p.version)}`).sort();
      expect(got).toEqual(want);
      // The CLI reports warnings as scan errors, and a conformance case must have none.
      expect(result.warnings ?? []).toEqual([]);
    });
  },
);
