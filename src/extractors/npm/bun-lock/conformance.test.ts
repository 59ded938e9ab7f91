/**
 * OSV-SCALIBR's bun.lock cases (`../shared/corpora/lockfiles`), each file copied alone as
 * `bun.lock` and run through the extractor the way a scan does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import type { PackageRecord } from '../../../core/extractor.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor } from './index.js';

const CORPUS = fileURLToPath(new URL('../../../../../shared/corpora/lockfiles/', import.meta.url));
const FORMAT = 'bunlock';
const FILE_NAME = 'bun.lock';

interface Expected {
  readonly name: string;
  readonly version: string;
  readonly depGroups?: readonly string[];
  readonly commit?: string;
}
interface Case {
  readonly format: string;
  readonly case: string;
  readonly file: string;
  readonly packages?: readonly Expected[];
  readonly expectError?: boolean;
}

const present = existsSync(`${CORPUS}expectations.json`);
const cases: Case[] = present
  ? (JSON.parse(readFileSync(`${CORPUS}expectations.json`, 'utf8')) as Case[]).filter(
      (c) => c.format === FORMAT,
    )
  : [];

/** `name@version#commit` of each package, deduplicated and sorted (what a scan would list). */
function identities(
  list: readonly { name: string; version: string; commit?: string | undefined }[],
): string[] {
  return [
    ...new Set(list.map((p) => `${p.name}@${p.version}${p.commit ? `#${p.commit}` : ''}`)),
  ].sort();
}

function groupsByPackage(records: readonly PackageRecord[]): Map<string, string[]> {
  const groups = new Map<string, Set<string>>();
  for (const r of records) {
    const id = `${r.name}@${r.version ?? ''}`;
    const set = groups.get(id) ?? new Set<string>();
    for (const g of r.groups ?? []) set.add(g);
    groups.set(id, set);
  }
  return new Map([...groups].map(([id, set]) => [id, [...set].sort()]));
}

describe.skipIf(!present)(`${FORMAT} conformance (skipped: ${CORPUS} is absent)`, () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [`${c.case} (${c.file})`, c] as const))('%s', async (_title, c) => {
    const root = await tempTree({ [FILE_NAME]: readFileSync(`${CORPUS}${c.file}`) });
    const run = runExtractor(extractor, root, FILE_NAME);
    if (c.expectError === true) {
      await expect(run).rejects.toBeInstanceOf(InputError);
      return;
    }
    const { packages } = await run;
    const expected = c.packages ?? [];
    expect(
      identities(
        packages.map((p) => ({ name: p.name, version: p.version ?? '', commit: p.source?.commit })),
      ),
    ).toEqual(identities(expected));
    const groups = groupsByPackage(packages);
    for (const e of expected) {
      if (e.depGroups !== undefined)
        expect(groups.get(`${e.name}@${e.version}`), `${e.name}@${e.version}`).toEqual(
          [...e.depGroups].sort(),
        );
    }
  });
});
