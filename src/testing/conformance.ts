/**
 * Test helpers for conformance with OSV-SCALIBR's lockfile cases (`../shared/corpora/lockfiles`,
 * see its README): load the cases of a format, lay a case out in a temp dir under the name a
 * scan sees, extract it the way a scan does (the extractor, then the core's inventory) and
 * compare what the scan lists with the expectation. Not part of the public API.
 *
 * The corpus stays outside the repository (it must never be copied in); a suite declared with
 * `describeCorpus` is skipped, with the reason in its title, when it is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { InputError } from '../core/errors.js';
import type { ExtractResult, Extractor, PackageRecord } from '../core/extractor.js';
import { buildInventory } from '../core/inventory.js';
import { canonicalName } from '../core/purl.js';
import type { Component, Ecosystem } from '../core/types.js';
import { runExtractor, tempTree } from './extract.js';

/** The lockfile corpus, beside the repository (`../shared/corpora/lockfiles`). */
export const CORPUS = fileURLToPath(new URL('../../../shared/corpora/lockfiles/', import.meta.url));
const EXPECTATIONS = path.join(CORPUS, 'expectations.json');

/** Whether the corpus is there (it is not in a fresh clone). */
export const corpusPresent = existsSync(EXPECTATIONS);

/** One package a case expects, as SCALIBR's test states it. */
export interface ExpectedPackage {
  readonly name: string;
  readonly version: string;
  readonly purlType?: string;
  readonly depGroups?: readonly string[];
  readonly commit?: string;
}

/** One case of `expectations.json`: a corpus file and what extracting it must give. */
export interface ConformanceCase {
  /** SCALIBR's extractor name (`packagelockjson`, `poetrylock`, `gomod`, …). */
  readonly format: string;
  readonly case: string;
  /** Path relative to the corpus. */
  readonly file: string;
  readonly packages?: readonly ExpectedPackage[];
  readonly expectError?: boolean;
}

let allCases: readonly ConformanceCase[] | undefined;

/** The cases of the given formats, in file order; none when the corpus is absent. */
export function loadCases(...formats: readonly string[]): ConformanceCase[] {
  if (!corpusPresent) return [];
  allCases ??= JSON.parse(readFileSync(EXPECTATIONS, 'utf8')) as ConformanceCase[];
  return allCases.filter((c) => formats.includes(c.format));
}

/** A corpus path (relative to the corpus) made absolute. */
export function corpusPath(file: string): string {
  return path.join(CORPUS, file);
}

/** `describe` when the corpus is present; otherwise skipped, saying why in the title. */
export function describeCorpus(title: string, body: () => void): void {
  if (corpusPresent) describe(title, body);
  else describe.skip(`${title} (skipped: ${CORPUS} is absent)`, body);
}

/** Rows for `it.each(...)('%s', …)`: each case titled `<case> (<file>)`. */
export function caseRows(
  cases: readonly ConformanceCase[],
): (readonly [string, ConformanceCase])[] {
  return cases.map((c) => [`${c.case} (${c.file})`, c] as const);
}

/**
 * Copy corpus files into a fresh temp dir and return its path. `files` maps the name each gets
 * there (the one a scan sees: `yarn.lock`, `go.mod`, …) to its path in the corpus.
 */
export async function layOut(files: Readonly<Record<string, string>>): Promise<string> {
  return tempTree(
    Object.fromEntries(
      Object.entries(files).map(([name, file]) => [name, readFileSync(corpusPath(file))]),
    ),
  );
}

/** What a scan makes of one file: the extractor's result and the components built from it. */
export interface Extracted {
  readonly result: ExtractResult;
  readonly components: readonly Component[];
}

/** Extract `fileName` under `root` the way a scan does: the extractor, then the inventory. */
export async function extractLikeScan(
  extractor: Extractor,
  root: string,
  fileName: string,
): Promise<Extracted> {
  const result = await runExtractor(extractor, root, fileName);
  const { components } = buildInventory([{ plugin: extractor.name, path: fileName, ...result }]);
  return { result, components };
}

/** How to compare what was found with a case's expectation. */
export interface CompareOptions {
  /** Applied to versions on both sides (e.g. Go's leading `v`, which SCALIBR strips). */
  readonly version?: (version: string) => string;
  /**
   * The expectation is known to list only some of the packages: check that each is found,
   * not that nothing else is.
   */
  readonly partial?: boolean;
  /** Compare as lists, duplicates included, rather than as sets. */
  readonly duplicates?: boolean;
  /**
   * `always` (the default): every commit found must be expected, and every expected one found.
   * `when-stated`: commits count only in a case that states one, for formats whose SCALIBR
   * extractor reports none (Cargo, go.mod) while ours keeps the commit of a git source.
   */
  readonly commits?: 'always' | 'when-stated';
}

type Listable = Pick<PackageRecord | Component, 'ecosystem' | 'name' | 'version' | 'source'> & {
  readonly groups?: readonly string[] | undefined;
};

function listing(
  ecosystem: Ecosystem,
  p: { name: string; version: string; commit?: string | undefined; groups?: readonly string[] },
  options: CompareOptions,
): string {
  const version = options.version ? options.version(p.version) : p.version;
  const commit = p.commit ? `#${p.commit}` : '';
  const groups = p.groups === undefined ? '' : ` (${[...p.groups].sort().join(', ')})`;
  return `${canonicalName(ecosystem, p.name)}@${version}${commit}${groups}`;
}

/**
 * Expect `found` (components or records) to list exactly the expected packages, each as
 * `name@version#commit (groups)`: names canonical for the ecosystem, a commit wherever either
 * side has one (see `CompareOptions.commits`), and groups when the case states groups for any
 * package (a package it states none for is then in none). Sets unless `duplicates`.
 */
export function expectListed(
  found: readonly Listable[],
  expected: readonly ExpectedPackage[],
  ecosystem: Ecosystem,
  options: CompareOptions = {},
): void {
  const withGroups = expected.some((p) => p.depGroups !== undefined);
  const withCommits =
    options.commits !== 'when-stated' || expected.some((p) => p.commit !== undefined);
  const got = found
    .map((p) =>
      listing(
        p.ecosystem,
        {
          name: p.name,
          version: p.version ?? '',
          commit: withCommits ? p.source?.commit : undefined,
          ...(withGroups ? { groups: p.groups ?? [] } : {}),
        },
        options,
      ),
    )
    .sort();
  const want = expected
    .map((p) =>
      listing(
        ecosystem,
        {
          name: p.name,
          version: p.version,
          commit: withCommits ? p.commit : undefined,
          ...(withGroups ? { groups: p.depGroups ?? [] } : {}),
        },
        options,
      ),
    )
    .sort();
  const asCompared = (list: string[]): string[] => (options.duplicates ? list : [...new Set(list)]);
  if (options.partial) expect(asCompared(got)).toEqual(expect.arrayContaining(want));
  else expect(asCompared(got)).toEqual(asCompared(want));
}

/** How one case is laid out and compared. */
export interface CaseOptions extends CompareOptions {
  /** The name the case's file has in a scan (`yarn.lock`), and the one extracted. */
  readonly fileName: string;
  /** What to lay out (see `layOut`); the case's file alone under `fileName` by default. */
  readonly files?: Readonly<Record<string, string>>;
}

/**
 * Run one case as a scan would: lay it out, extract `fileName`, and expect an `InputError` for
 * an `expectError` case (returning undefined), or the scan's components to list exactly the
 * expected packages (see `expectListed`), returning what was extracted for further checks.
 */
export async function checkCase(
  extractor: Extractor,
  c: ConformanceCase,
  options: CaseOptions,
): Promise<Extracted | undefined> {
  const root = await layOut(options.files ?? { [options.fileName]: c.file });
  if (c.expectError === true) {
    await expect(runExtractor(extractor, root, options.fileName)).rejects.toBeInstanceOf(
      InputError,
    );
    return undefined;
  }
  const extracted = await extractLikeScan(extractor, root, options.fileName);
  expectListed(extracted.components, c.packages ?? [], extractor.ecosystem, options);
  return extracted;
}
