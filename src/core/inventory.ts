/**
 * Turns extractor records into components: canonical names, purls, ids, scopes, and the
 * merge of one component found in several files (a lockfile and the installed tree, say).
 */
import { createHash } from 'node:crypto';
import type { PackageRecord, RootRecord } from './extractor.js';
import { buildPurl, canonicalName } from './purl.js';
import type {
  Component,
  ComponentSource,
  Evidence,
  Hash,
  LicenseStatement,
  Location,
  Scope,
} from './types.js';

/** Records of one extracted file, with the plugin and path they came from. */
export interface FileRecords {
  readonly plugin: string;
  readonly path: string;
  /** See ExtractResult.keyScope. */
  readonly keyScope?: string;
  readonly packages: readonly PackageRecord[];
  readonly root?: RootRecord;
}

/** The merged inventory of a scan. */
export interface Inventory {
  readonly components: Component[];
  readonly evidence: Evidence[];
  /** Ids of the components the scanned project depends on directly. */
  readonly rootDependsOn: string[];
  /** The root records, in file order, for naming the target. */
  readonly roots: readonly (RootRecord & { readonly path: string })[];
}

const SCOPE_RANK: Record<Scope, number> = {
  direct: 5,
  transitive: 4,
  optional: 3,
  dev: 2,
  unknown: 1,
};

const PROD_GROUPS = new Set(['', 'prod', 'main', 'default', 'dependencies']);
const DEV_GROUPS = new Set([
  'dev',
  'develop',
  'development',
  'test',
  'tests',
  'lint',
  'docs',
  'typing',
  'devDependencies',
]);

/** The scope a single record implies. */
export function scopeOf(record: PackageRecord): Scope {
  if (record.scope !== undefined) return record.scope;
  const groups = (record.groups ?? []).filter((g) => !PROD_GROUPS.has(g));
  const production =
    (record.groups ?? []).length === 0 || (record.groups ?? []).some((g) => PROD_GROUPS.has(g));
  if (!production) {
    if (groups.some((g) => DEV_GROUPS.has(g))) return 'dev';
    if (groups.includes('optional') || groups.includes('peer')) return 'optional';
    // Named groups (poetry/uv `[dependency-groups]`, pip extras) are not installed by default.
    if (groups.length > 0 && !groups.includes('bundled')) return 'optional';
  }
  if (record.direct === true) return 'direct';
  if (record.direct === false) return 'transitive';
  return 'unknown';
}

/** A stable component id: the purl, or an ecosystem-prefixed name for what has none. */
export function componentId(record: PackageRecord): {
  id: string;
  name: string;
  purl: string | undefined;
} {
  const name = canonicalName(record.ecosystem, record.name);
  const purl = buildPurl(record.ecosystem, name, record.version, record.source);
  if (purl !== undefined) return { id: purl, name, purl };
  // Local code (a workspace, a linked folder, an editable install): no registry identity, so no
  // purl; the id names where it lives so it never merges with the registry package of that name.
  const where =
    record.source?.url !== undefined
      ? `?${record.source.type}=${record.source.url}`
      : record.source
        ? `?${record.source.type}`
        : '';
  const fallback = `${record.ecosystem}:${name}${record.version ? `@${record.version}` : ''}${where}`;
  return { id: fallback, name, purl: undefined };
}

/** Short stable hash for ids and fingerprints. */
export function shortHash(...parts: string[]): string {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p).update('\0');
  return hash.digest('hex').slice(0, 16);
}

interface Draft {
  id: string;
  kind: Component['kind'];
  ecosystem: Component['ecosystem'];
  name: string;
  version: string | undefined;
  purl: string | undefined;
  scope: Scope;
  groups: Set<string>;
  locations: Map<string, Location>;
  foundBy: Set<string>;
  dependsOn: Set<string>;
  source: ComponentSource | undefined;
  declaredLicense: string | undefined;
  hashes: Map<string, Hash>;
  properties: Map<string, string>;
}

/**
 * A reference with no version (an unpinned requirement, a hub model named without a revision)
 * to a package or model that the scan also found at exactly one version is the same component:
 * fold it into that one, so the inventory does not list it twice. With several versions the
 * reference is ambiguous and stays on its own.
 */
function foldUnversioned(
  drafts: Map<string, Draft>,
  rootDependsOn: Set<string>,
  licenseStatements: { componentId: string }[],
): void {
  const versioned = new Map<string, Draft[]>();
  const nameKey = (d: Draft): string => `${d.kind}\0${d.ecosystem}\0${d.name}`;
  for (const d of drafts.values()) {
    if (d.version === undefined) continue;
    const list = versioned.get(nameKey(d)) ?? [];
    list.push(d);
    versioned.set(nameKey(d), list);
  }
  const moved = new Map<string, string>();
  for (const d of drafts.values()) {
    if (
      d.version !== undefined ||
      (d.source !== undefined && d.source.type !== 'registry' && d.source.type !== 'hub')
    )
      continue;
    const candidates = versioned.get(nameKey(d));
    if (candidates?.length !== 1) continue;
    const into = candidates[0]!;
    if (SCOPE_RANK[d.scope] > SCOPE_RANK[into.scope]) into.scope = d.scope;
    for (const g of d.groups) into.groups.add(g);
    for (const [k, l] of d.locations) into.locations.set(k, l);
    for (const f of d.foundBy) into.foundBy.add(f);
    for (const dep of d.dependsOn) into.dependsOn.add(dep);
    for (const [k, v] of d.properties) if (!into.properties.has(k)) into.properties.set(k, v);
    into.declaredLicense ??= d.declaredLicense;
    moved.set(d.id, into.id);
  }
  if (moved.size === 0) return;
  for (const id of moved.keys()) drafts.delete(id);
  for (const d of drafts.values()) {
    for (const dep of [...d.dependsOn]) {
      const to = moved.get(dep);
      if (to !== undefined) {
        d.dependsOn.delete(dep);
        if (to !== d.id) d.dependsOn.add(to);
      }
    }
  }
  for (const dep of [...rootDependsOn]) {
    const to = moved.get(dep);
    if (to !== undefined) {
      rootDependsOn.delete(dep);
      rootDependsOn.add(to);
    }
  }
  for (const s of licenseStatements) s.componentId = moved.get(s.componentId) ?? s.componentId;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function locationKey(l: Location): string {
  return `${l.path}\0${String(l.line ?? 0).padStart(9, '0')}`;
}

/** Merge the records of every extracted file into sorted, deduplicated components. */
export function buildInventory(files: readonly FileRecords[]): Inventory {
  const drafts = new Map<string, Draft>();
  const rootDependsOn = new Set<string>();
  const licenseStatements: {
    componentId: string;
    readonly plugin: string;
    readonly statement: LicenseStatement;
    readonly location: Location;
  }[] = [];
  const roots: (RootRecord & { path: string })[] = [];

  const scopes = new Map<string, Map<string, string>>();
  const pendingEdges: {
    keyToId: Map<string, string>;
    resolved: { record: PackageRecord; id: string }[];
  }[] = [];
  const pendingRoots: { keyToId: Map<string, string>; root: RootRecord }[] = [];
  for (const file of files) {
    const scopeKey =
      file.keyScope !== undefined
        ? `scope\0${file.plugin}\0${file.keyScope}`
        : `file\0${file.plugin}\0${file.path}`;
    let keyToId = scopes.get(scopeKey);
    if (keyToId === undefined) {
      keyToId = new Map<string, string>();
      scopes.set(scopeKey, keyToId);
    }
    const resolved: { record: PackageRecord; id: string }[] = [];
    for (const record of file.packages) {
      const { id, name, purl } = componentId(record);
      resolved.push({ record, id });
      keyToId.set(record.key ?? `${record.name}@${record.version ?? ''}`, id);
      let draft = drafts.get(id);
      if (draft === undefined) {
        draft = {
          id,
          kind: record.kind ?? 'package',
          ecosystem: record.ecosystem,
          name,
          version: record.version || undefined,
          purl,
          scope: scopeOf(record),
          groups: new Set(),
          locations: new Map(),
          foundBy: new Set(),
          dependsOn: new Set(),
          source: record.source,
          declaredLicense: record.declaredLicense,
          hashes: new Map(),
          properties: new Map(),
        };
        drafts.set(id, draft);
      } else {
        const scope = scopeOf(record);
        if (SCOPE_RANK[scope] > SCOPE_RANK[draft.scope]) draft.scope = scope;
        draft.source ??= record.source;
        draft.declaredLicense ??= record.declaredLicense;
      }
      for (const g of record.groups ?? []) draft.groups.add(g);
      const where = record.declaredIn ?? file.path;
      const location: Location =
        record.line !== undefined ? { path: where, line: record.line } : { path: where };
      draft.locations.set(locationKey(location), location);
      for (const extra of record.files ?? [])
        draft.locations.set(locationKey({ path: extra }), { path: extra });
      draft.foundBy.add(file.plugin);
      for (const h of record.hashes ?? []) draft.hashes.set(`${h.alg}:${h.value}`, h);
      for (const [k, v] of Object.entries(record.properties ?? {}))
        if (!draft.properties.has(k)) draft.properties.set(k, v);
      // A record's statements, each with how it is stated (so the licence analyzer reads a
      // classifier as a classifier); a bare `declaredLicense` is an SPDX-style field.
      const statements: readonly LicenseStatement[] =
        record.licenseStatements ??
        (record.declaredLicense ? [{ value: record.declaredLicense, kind: 'spdx-field' }] : []);
      for (const statement of statements) {
        if (statement.value.trim() === '') continue;
        const where = statement.file !== undefined ? { path: statement.file } : location;
        licenseStatements.push({
          componentId: id,
          plugin: file.plugin,
          statement,
          location: where,
        });
      }
    }
    // Edges resolve once every file of the key scope has been read.
    pendingEdges.push({ keyToId, resolved });
    if (file.root) {
      roots.push({ ...file.root, path: file.path });
      pendingRoots.push({ keyToId, root: file.root });
    }
  }
  for (const { keyToId, resolved } of pendingEdges) {
    for (const { record, id } of resolved) {
      const draft = drafts.get(id);
      if (draft === undefined) continue;
      for (const dep of record.dependsOn ?? []) {
        const depId = keyToId.get(dep);
        if (depId !== undefined && depId !== id) draft.dependsOn.add(depId);
      }
    }
  }
  for (const { keyToId, root } of pendingRoots) {
    for (const dep of root.dependsOn ?? []) {
      const depId = keyToId.get(dep);
      if (depId !== undefined) rootDependsOn.add(depId);
    }
  }
  foldUnversioned(drafts, rootDependsOn, licenseStatements);

  const components: Component[] = [...drafts.values()]
    .sort((a, b) => compare(a.id, b.id))
    .map((d) => {
      const hashes = [...d.hashes.values()].sort((a, b) =>
        compare(`${a.alg}:${a.value}`, `${b.alg}:${b.value}`),
      );
      const properties = Object.fromEntries(
        [...d.properties.entries()].sort(([a], [b]) => compare(a, b)),
      );
      const component: Component = {
        id: d.id,
        kind: d.kind,
        ecosystem: d.ecosystem,
        name: d.name,
        ...(d.version !== undefined ? { version: d.version } : {}),
        ...(d.purl !== undefined ? { purl: d.purl } : {}),
        scope: d.scope,
        groups: [...d.groups].sort(compare),
        locations: [...d.locations.entries()].sort(([a], [b]) => compare(a, b)).map(([, l]) => l),
        foundBy: [...d.foundBy].sort(compare),
        dependsOn: [...d.dependsOn].filter((id) => drafts.has(id)).sort(compare),
        ...(d.source !== undefined && d.source.type !== 'registry' ? { source: d.source } : {}),
        ...(d.declaredLicense !== undefined ? { declaredLicense: d.declaredLicense } : {}),
        ...(hashes.length > 0 ? { hashes } : {}),
        ...(d.properties.size > 0 ? { properties } : {}),
      };
      return component;
    });

  const evidenceById = new Map<string, Evidence>();
  for (const s of licenseStatements) {
    const { value, kind, name, link } = s.statement;
    const id = `license:${shortHash(s.componentId, s.plugin, s.location.path, value, kind)}`;
    if (evidenceById.has(id)) continue;
    evidenceById.set(id, {
      id,
      kind: 'license',
      componentId: s.componentId,
      source: s.plugin,
      confidence: 'declared',
      expression: value,
      role: 'declared',
      statedAs: kind,
      ...(name !== undefined ? { licenseName: name } : {}),
      ...(link !== undefined ? { licenseLink: link } : {}),
      location: s.location,
    });
  }
  const sortKey = (e: Evidence): string =>
    `${e.componentId}\0${e.location?.path ?? ''}\0${e.source}\0${e.id}`;
  const evidence = [...evidenceById.values()].sort((a, b) => compare(sortKey(a), sortKey(b)));

  return { components, evidence, rootDependsOn: [...rootDependsOn].sort(compare), roots };
}
