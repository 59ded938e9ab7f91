/**
 * `poetry.lock` (Poetry 1.x lock-version 1.x and Poetry 2.x lock-version 2.x).
 *
 * Every `[[package]]` is a locked package. Groups: Poetry 2 writes `groups = [...]` (`main` is
 * production), Poetry 1 writes `category = "main" | "dev"`; `optional = true` marks a package
 * only an extra pulls in. Edges come from `[package.dependencies]`. The lockfile does not say
 * which packages the project asked for; the `pyproject.toml` beside it does, when present.
 */
import type { ExtractInput, ExtractResult, Extractor, FileEntry } from '../../../core/extractor.js';
import type { ComponentSource } from '../../../core/types.js';
import { addHashString } from '../shared/hashes.js';
import { siblingPyproject } from '../shared/manifest.js';
import { indexNames, normalizePypiName, packageKey } from '../shared/names.js';
import { packageTables } from '../shared/package-tables.js';
import { parseToml } from '../shared/parse.js';
import {
  applyDeclared,
  lockfileResult,
  newDraft,
  type Draft,
  type Warning,
} from '../shared/records.js';
import { asString, asTable, entriesOf, stringsOf, tablesOf, type Table } from '../shared/values.js';

const WHAT = 'a poetry.lock written by Poetry';

/** Poetry's groups for a package, as the OSV convention spells them. */
function poetryGroups(pkg: Table): string[] {
  // An optional package is installed only for an extra, whatever group it is listed under.
  if (pkg.optional === true) return ['optional'];
  const groups = stringsOf(pkg.groups);
  if (groups.length > 0) return groups.includes('main') ? [] : groups;
  const category = asString(pkg.category);
  return category !== undefined && category !== 'main' ? [category] : [];
}

/** Where a package comes from; undefined for a package index (PyPI or a `legacy` mirror). */
function poetrySource(pkg: Table): ComponentSource | undefined {
  const source = asTable(pkg.source);
  const url = asString(source?.url);
  const withUrl = url !== undefined ? { url } : {};
  switch (asString(source?.type)) {
    case 'git': {
      const commit = asString(source?.resolved_reference);
      return { type: 'git', ...withUrl, ...(commit !== undefined ? { commit } : {}) };
    }
    case 'directory':
      return { type: pkg.develop === true ? 'editable' : 'directory', ...withUrl };
    case 'file':
      return { type: 'file', ...withUrl };
    case 'url':
      return { type: 'url', ...withUrl };
    default:
      return undefined;
  }
}

/**
 * Poetry 1 keeps file hashes apart, in `[metadata.files]` keyed by package name. A name locked
 * at two versions shares one list there; each version keeps the files whose name carries it.
 */
function addLegacyHashes(doc: Table, drafts: readonly Draft[]): void {
  const files = new Map<string, Table[]>();
  for (const [name, list] of entriesOf(asTable(doc.metadata)?.files))
    files.set(normalizePypiName(name), tablesOf(list));
  if (files.size === 0) return;
  const versionsByName = new Map<string, number>();
  for (const d of drafts)
    versionsByName.set(
      normalizePypiName(d.name),
      (versionsByName.get(normalizePypiName(d.name)) ?? 0) + 1,
    );
  for (const draft of drafts) {
    const norm = normalizePypiName(draft.name);
    const shared = (versionsByName.get(norm) ?? 0) > 1;
    for (const file of files.get(norm) ?? []) {
      const fileName = asString(file.file) ?? '';
      if (shared && (draft.version === undefined || !fileName.includes(draft.version))) continue;
      addHashString(draft.hashes, file.hash);
    }
  }
}

async function extract(input: ExtractInput): Promise<ExtractResult> {
  const path = input.entry.path;
  const text = await input.fs.readText(path);
  const doc = parseToml(text, path, WHAT);
  const warnings: Warning[] = [];
  const drafts: Draft[] = [];
  const dependencyNames: string[][] = [];

  const packages = packageTables(text, doc, 'package', path, WHAT, warnings);
  for (const { table: pkg, name, line } of packages) {
    const version = asString(pkg.version);
    const draft = newDraft(name, version, packageKey(name, version), line);
    draft.groups = poetryGroups(pkg);
    draft.source = poetrySource(pkg);
    for (const file of tablesOf(pkg.files)) addHashString(draft.hashes, file.hash);
    drafts.push(draft);
    dependencyNames.push(entriesOf(pkg.dependencies).map(([dep]) => dep));
  }
  addLegacyHashes(doc, drafts);

  const resolve = indexNames(drafts);
  for (const [i, draft] of drafts.entries()) {
    for (const dep of dependencyNames[i] ?? []) for (const key of resolve(dep)) draft.deps.add(key);
  }

  const manifest = await siblingPyproject(input);
  if (manifest.warning) warnings.push(manifest.warning);
  return lockfileResult(drafts, applyDeclared(drafts, manifest.declared), warnings);
}

/** `poetry.lock`. */
export const extractor = {
  name: 'python/poetry-lock',
  ecosystem: 'PyPI',
  requiresNetwork: false,
  target: 'file',
  required(entry: FileEntry): boolean {
    return entry.base === 'poetry.lock';
  },
  extract,
} satisfies Extractor;
