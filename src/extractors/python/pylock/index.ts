/**
 * `pylock.toml` and `pylock.<name>.toml` (PEP 751, lock-version 1.x).
 *
 * Every `[[packages]]` entry is a package; the project itself (`directory = { path = "." }`,
 * as pip writes it) is the root. Sources: `vcs` (git with `commit-id`), `directory`
 * (editable or not), `archive` (URL or local path); `index`/`sdist`/`wheels` are the registry.
 * Hashes come from `sdist`, `wheels` and `archive`. Edges come from the optional
 * `[[packages.dependencies]]`. Groups are read from the marker: `"x" in extras` and
 * `"x" in dependency_groups` name them, and a package in one of `default-groups` is production.
 */
import type {
  ExtractInput,
  ExtractResult,
  Extractor,
  FileEntry,
  RootRecord,
} from '../../../core/extractor.js';
import type { ComponentSource } from '../../../core/types.js';
import { addHashTable } from '../shared/hashes.js';
import { indexNames, packageKey } from '../shared/names.js';
import { packageTables } from '../shared/package-tables.js';
import { parseToml } from '../shared/parse.js';
import {
  lockfileResult,
  newDraft,
  rootRecord,
  sortedUnique,
  type Draft,
  type Warning,
} from '../shared/records.js';
import { asString, asTable, stringsOf, tablesOf, type Table } from '../shared/values.js';

const WHAT = 'a PEP 751 pylock.toml';
const FILE_NAME = /^pylock\.([^.]+\.)?toml$/;
/** `'name' in extras` / `"name" in dependency_groups` inside a PEP 751 marker. */
const GROUP_MARKER = /(["'])([^"']+)\1\s+in\s+(extras|dependency_groups)\b/g;

function isSelf(pkg: Table): boolean {
  const local = asString(asTable(pkg.directory)?.path);
  return local === '.' || local === './';
}

function pylockSource(pkg: Table): ComponentSource | undefined {
  const vcs = asTable(pkg.vcs);
  if (vcs !== undefined) {
    const url = asString(vcs.url) ?? asString(vcs.path);
    const commit = asString(vcs['commit-id']);
    return {
      type: asString(vcs.type) === 'git' ? 'git' : 'url',
      ...(url !== undefined ? { url } : {}),
      ...(commit !== undefined ? { commit } : {}),
    };
  }
  const directory = asTable(pkg.directory);
  if (directory !== undefined) {
    const url = asString(directory.path);
    return {
      type: directory.editable === true ? 'editable' : 'directory',
      ...(url !== undefined ? { url } : {}),
    };
  }
  const archive = asTable(pkg.archive);
  if (archive !== undefined) {
    const url = asString(archive.url);
    if (url !== undefined) return { type: 'url', url };
    const local = asString(archive.path);
    return { type: 'file', ...(local !== undefined ? { url: local } : {}) };
  }
  return undefined;
}

/** Group names a marker mentions; [] when the package is production (or the marker names none). */
function markerGroups(marker: string | undefined, defaultGroups: ReadonlySet<string>): string[] {
  if (marker === undefined) return [];
  const groups = [...marker.matchAll(GROUP_MARKER)].map((m) => m[2] as string);
  return groups.some((g) => defaultGroups.has(g)) ? [] : sortedUnique(groups);
}

function addHashes(draft: Draft, pkg: Table): void {
  addHashTable(draft.hashes, asTable(pkg.sdist)?.hashes);
  for (const wheel of tablesOf(pkg.wheels)) addHashTable(draft.hashes, wheel.hashes);
  addHashTable(draft.hashes, asTable(pkg.archive)?.hashes);
}

async function extract(input: ExtractInput): Promise<ExtractResult> {
  const path = input.entry.path;
  const text = await input.fs.readText(path);
  const doc = parseToml(text, path, WHAT);
  const warnings: Warning[] = [];
  const lockVersion = asString(doc['lock-version']);
  if (lockVersion !== undefined && !lockVersion.startsWith('1.')) {
    warnings.push({
      message: `${path}: lock-version ${lockVersion} is newer than the 1.x openvet knows; read as 1.x`,
    });
  }
  const defaultGroups = new Set(stringsOf(doc['default-groups']));
  const drafts: Draft[] = [];
  const dependencies: Table[][] = [];
  let self: Table | undefined;

  const packages = packageTables(text, doc, 'packages', path, WHAT, warnings);
  for (const { table: pkg, name, line } of packages) {
    if (self === undefined && isSelf(pkg)) {
      self = pkg;
      continue;
    }
    const version = asString(pkg.version);
    const draft = newDraft(name, version, packageKey(name, version), line);
    draft.source = pylockSource(pkg);
    draft.groups = markerGroups(asString(pkg.marker), defaultGroups);
    addHashes(draft, pkg);
    drafts.push(draft);
    dependencies.push(tablesOf(pkg.dependencies));
  }

  const resolve = indexNames(drafts);
  const keysOf = (refs: readonly Table[]): string[] =>
    refs.flatMap((ref) => {
      const name = asString(ref.name);
      return name === undefined ? [] : resolve(name, asString(ref.version));
    });
  for (const [i, draft] of drafts.entries()) {
    for (const key of keysOf(dependencies[i] ?? [])) draft.deps.add(key);
  }

  let root: RootRecord | undefined;
  if (self !== undefined) {
    root = rootRecord(
      asString(self.name),
      asString(self.version),
      keysOf(tablesOf(self.dependencies)),
    );
    // Only when the project entry lists its dependencies can direct be told from transitive.
    const directKeys = new Set(root.dependsOn);
    if (directKeys.size > 0) for (const draft of drafts) draft.direct = directKeys.has(draft.key);
  }
  return lockfileResult(drafts, root, warnings);
}

/** `pylock.toml` and `pylock.<name>.toml`. */
export const extractor = {
  name: 'python/pylock',
  ecosystem: 'PyPI',
  requiresNetwork: false,
  target: 'file',
  required(entry: FileEntry): boolean {
    return FILE_NAME.test(entry.base);
  },
  extract,
} satisfies Extractor;
