/**
 * Conformance with OSV-SCALIBR's Cargo.lock test cases (../shared/corpora, see its README):
 * each file is copied alone as `Cargo.lock`, so local crates are reported (no Cargo.toml).
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
      (c) => c.format === 'cargolock',
    )
  : [];

(present ? describe : describe.skip)(
  present
    ? 'rust/cargo-lock conformance (OSV-SCALIBR cargolock cases)'
    : 'rust/cargo-lock conformance: skipped, ../shared/corpora is absent',
  () => {
    it('has the cases', () => {
      expect(cases.length).toBeGreaterThanOrEqual(9);
    });

    it.each(cases.map((c) => [c.case, c] as const))('%s', async (_name, c) => {
      const root = await tempTree({ 'Cargo.lock': readFileSync(CORPUS + c.file, 'utf8') });
      if (c.expectError) {
        await expect(runExtractor(extractor, root, 'Cargo.lock')).rejects.toBeInstanceOf(
          InputError,
        );
        return;
      }
      const result = await runExtractor(extractor, root, 'Cargo.lock');
      const got = result.packages.map((p) => `${p.name}@${p.version ?? ''}`).sort();
      const want = (c.packages ?? []).map((p) => `${p.name}@${p.version}`).sort();
      expect(got).toEqual(want);
      // The CLI reports warnings as scan errors, and a conformance case must have none.
      expect(result.warnings ?? []).toEqual([]);
    });
  },
);
