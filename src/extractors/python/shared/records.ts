/**
 * Building package records: every Python lockfile extractor fills `Draft`s while reading the
 * file, then turns them into immutable `PackageRecord`s here.
 */
import type { ExtractResult, PackageRecord, RootRecord } from '../../../core/extractor.js';
import type { ComponentSource } from '../../../core/types.js';
import { hashList, type HashSet } from './hashes.js';
import type { DeclaredProject } from './manifest.js';
import { normalizePypiName } from './names.js';

/** A package being read. Mutable until `toRecord`. */
export interface Draft {
  readonly name: string;
  readonly version: string | undefined;
  /** `packageKey(name, version)`. */
  readonly key: string;
  line: number | undefined;
  groups: readonly string[];
  source: ComponentSource | undefined;
  readonly hashes: HashSet;
  /** Keys of the records this one depends on. */
  readonly deps: Set<string>;
  direct: boolean | undefined;
}

/** A fresh draft. */
export function newDraft(
  name: string,
  version: string | undefined,
  key: string,
  line: number | undefined,
): Draft {
  return {
    name,
    version,
    key,
    line,
    groups: [],
    source: undefined,
    hashes: new Map(),
    deps: new Set(),
    direct: undefined,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorted, without duplicates. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(compare);
}

/** The record for a draft (edges sorted, self-edges dropped, empty fields left out). */
export function toRecord(draft: Draft): PackageRecord {
  const hashes = hashList(draft.hashes);
  const dependsOn = sortedUnique([...draft.deps].filter((k) => k !== draft.key));
  return {
    ecosystem: 'PyPI',
    name: draft.name,
    ...(draft.version !== undefined ? { version: draft.version } : {}),
    key: draft.key,
    ...(draft.line !== undefined ? { line: draft.line } : {}),
    groups: sortedUnique(draft.groups),
    ...(draft.direct !== undefined ? { direct: draft.direct } : {}),
    ...(draft.source !== undefined ? { source: draft.source } : {}),
    ...(hashes !== undefined ? { hashes } : {}),
    ...(dependsOn.length > 0 ? { dependsOn } : {}),
  };
}

/** The project's own root record; `dependsOn` are keys, sorted and deduplicated here. */
export function rootRecord(
  name: string | undefined,
  version: string | undefined,
  dependsOn: Iterable<string>,
): RootRecord {
  return {
    ecosystem: 'PyPI',
    ...(name !== undefined ? { name } : {}),
    ...(version !== undefined ? { version } : {}),
    dependsOn: sortedUnique(dependsOn),
  };
}

/** What a lockfile extractor returns: the drafts as records, and the root and warnings if any. */
export function lockfileResult(
  drafts: readonly Draft[],
  root: RootRecord | undefined,
  warnings: readonly Warning[],
): ExtractResult {
  return {
    packages: drafts.map(toRecord),
    ...(root !== undefined ? { root } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/**
 * Mark drafts direct or transitive from what the project manifest declares, and describe the
 * project as the root record. Without a manifest nothing changes and there is no root.
 */
export function applyDeclared(
  drafts: readonly Draft[],
  declared: DeclaredProject | undefined,
): RootRecord | undefined {
  if (declared === undefined) return undefined;
  const dependsOn: string[] = [];
  for (const draft of drafts) {
    draft.direct = declared.names.has(normalizePypiName(draft.name));
    if (draft.direct) dependsOn.push(draft.key);
  }
  return rootRecord(declared.name, declared.version, dependsOn);
}

/** A non-fatal problem, as `ExtractResult.warnings` holds it. */
export type Warning = NonNullable<ExtractResult['warnings']>[number];
