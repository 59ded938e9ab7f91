/**
 * `pdm.lock` (PDM, TOML, lock_version 3.x and 4.x).
 *
 * Every `[[package]]` is locked. PDM writes a second entry for a package installed with extras
 * (same name and version, `extras = [...]`); the two are merged into one record. Groups:
 * `groups = [...]` where `default` is production. The lockfile does not say whether another
 * group is a dev group or an extra, so the names PDM users give dev groups (`dev`, `test`,
 * `lint`, `docs`, …) are kept and any other group is reported as `optional` (the OSV
 * convention). Edges: `dependencies = ["name>=x; marker", …]` (PEP 508). The project itself,
 * when listed (`path = "."`), is the root; the `pyproject.toml` beside the lockfile names the
 * project's direct dependencies when present.
 */
import type {
  ExtractInput,
  ExtractResult,
  Extractor,
  FileEntry,
  RootRecord,
} from '../../../core/extractor.js';
import type { ComponentSource } from '../../../core/types.js';
import { addHashString } from '../shared/hashes.js';
import { siblingPyproject } from '../shared/manifest.js';
import { indexNames, normalizePypiName, packageKey } from '../shared/names.js';
import { packageTables } from '../shared/package-tables.js';
import { parseToml } from '../shared/parse.js';
import { parseRequirementName } from '../shared/pep508.js';
import {
  applyDeclared,
  lockfileResult,
  newDraft,
  rootRecord,
  type Draft,
  type Warning,
} from '../shared/records.js';
import { localSource } from '../shared/sources.js';
import { asString, asTable, entriesOf, stringsOf, tablesOf, type Table } from '../shared/values.js';

const WHAT = 'a pdm.lock written by PDM';

/** Group names PDM projects use for development-only dependency groups. */
const DEV_GROUP_NAMES = new Set([
  'dev',
  'develop',
  'development',
  'test',
  'tests',
  'lint',
  'docs',
  'doc',
  'typing',
]);

/** PDM groups → record groups: [] for production, dev-group names kept, the rest `optional`. */
function pdmGroups(groups: readonly string[]): string[] {
  if (groups.length === 0 || groups.includes('default')) return [];
  const dev = groups.filter((g) => DEV_GROUP_NAMES.has(g));
  return dev.length > 0 ? dev : ['optional'];
}

const VCS_KINDS = ['git', 'hg', 'svn', 'bzr'] as const;

/** True for the project's own entry (`path = "."`). */
function isSelf(pkg: Table): boolean {
  const local = asString(pkg.path);
  return local === '.' || local === './';
}

function pdmSource(pkg: Table): ComponentSource | undefined {
  for (const vcs of VCS_KINDS) {
    const url = asString(pkg[vcs]);
    if (url === undefined) continue;
    const commit = asString(pkg.revision);
    return {
      type: vcs === 'git' ? 'git' : 'url',
      url,
      ...(commit !== undefined ? { commit } : {}),
    };
  }
  const local = asString(pkg.path);
  if (local !== undefined) return localSource(local, pkg.editable === true);
  const url = asString(pkg.url);
  if (url !== undefined) return { type: url.startsWith('file:') ? 'file' : 'url', url };
  return undefined;
}

/** lock_version 3 keeps hashes apart, in `[metadata.files]` keyed `"<name> <version>"`. */
function addLegacyHashes(doc: Table, byKey: ReadonlyMap<string, Draft>): void {
  for (const [id, files] of entriesOf(asTable(doc.metadata)?.files)) {
    const space = id.lastIndexOf(' ');
    if (space <= 0) continue;
    const draft = byKey.get(packageKey(id.slice(0, space), id.slice(space + 1)));
    if (draft === undefined) continue;
    for (const file of tablesOf(files)) addHashString(draft.hashes, file.hash);
  }
}

async function extract(input: ExtractInput): Promise<ExtractResult> {
  const path = input.entry.path;
  const text = await input.fs.readText(path);
  const doc = parseToml(text, path, WHAT);
  const warnings: Warning[] = [];
  const byKey = new Map<string, Draft>();
  const pdmGroupsByKey = new Map<string, Set<string>>();
  const dependencyNames = new Map<string, Set<string>>();
  let self: Table | undefined;

  const packages = packageTables(text, doc, 'package', path, WHAT, warnings);
  for (const { table: pkg, name, line } of packages) {
    const requirements = stringsOf(pkg.dependencies);
    if (isSelf(pkg)) {
      self ??= pkg;
      continue;
    }
    const version = asString(pkg.version);
    const key = packageKey(name, version);
    let draft = byKey.get(key);
    if (draft === undefined) {
      draft = newDraft(name, version, key, line);
      draft.source = pdmSource(pkg);
      byKey.set(key, draft);
      pdmGroupsByKey.set(key, new Set());
      dependencyNames.set(key, new Set());
    }
    for (const g of stringsOf(pkg.groups)) pdmGroupsByKey.get(key)?.add(g);
    for (const file of tablesOf(pkg.files)) addHashString(draft.hashes, file.hash);
    for (const spec of requirements) {
      const parsed = parseRequirementName(spec);
      if (parsed) dependencyNames.get(key)?.add(parsed.name);
    }
  }
  addLegacyHashes(doc, byKey);

  const drafts = [...byKey.values()];
  const resolve = indexNames(drafts);
  for (const draft of drafts) {
    draft.groups = pdmGroups([...(pdmGroupsByKey.get(draft.key) ?? [])]);
    for (const dep of dependencyNames.get(draft.key) ?? [])
      for (const key of resolve(dep)) draft.deps.add(key);
  }

  const manifest = await siblingPyproject(input);
  if (manifest.warning) warnings.push(manifest.warning);
  let root: RootRecord | undefined = applyDeclared(drafts, manifest.declared);
  if (self !== undefined) {
    const selfName = asString(self.name);
    const selfVersion = asString(self.version);
    const selfDeps = new Set<string>();
    for (const spec of stringsOf(self.dependencies)) {
      const parsed = parseRequirementName(spec);
      if (parsed && normalizePypiName(parsed.name) !== normalizePypiName(selfName ?? ''))
        for (const k of resolve(parsed.name)) selfDeps.add(k);
    }
    // The project's own entry lists its dependencies: those are direct whatever the manifest says.
    for (const draft of drafts) draft.direct = selfDeps.has(draft.key) || draft.direct === true;
    root = rootRecord(root?.name ?? selfName, root?.version ?? selfVersion, [
      ...(root?.dependsOn ?? []),
      ...selfDeps,
    ]);
  }
  return lockfileResult(drafts, root, warnings);
}

/** `pdm.lock`. */
export const extractor = {
  name: 'python/pdm-lock',
  ecosystem: 'PyPI',
  requiresNetwork: false,
  target: 'file',
  required(entry: FileEntry): boolean {
    return entry.base === 'pdm.lock';
  },
  extract,
} satisfies Extractor;
