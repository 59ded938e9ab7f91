/**
 * The project manifest next to a lockfile (`pyproject.toml` beside `poetry.lock`/`pdm.lock`,
 * `Pipfile` beside `Pipfile.lock`). Those lockfiles list every resolved package without saying
 * which ones the project asked for; the manifest does. Reading it is optional: when it is
 * missing, directness stays unknown; when it is broken, a warning says so and extraction goes on.
 */
import path from 'node:path';
import type { ExtractInput } from '../../../core/extractor.js';
import { joinRel } from '../../../core/fs.js';
import { normalizePypiName } from './names.js';
import { parseToml } from './parse.js';
import { parseRequirementName } from './pep508.js';
import { asString, asTable, entriesOf, stringsOf, type Table } from './values.js';

/** Manifests larger than this are not read (real ones are a few KB). */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** What a manifest says about the project and its direct dependencies. */
export interface DeclaredProject {
  /** Scan-relative path of the manifest. */
  readonly path: string;
  readonly name?: string;
  readonly version?: string;
  /** PEP 503 names of every dependency the manifest declares, in any group or extra. */
  readonly names: ReadonlySet<string>;
}

/** The manifest (if any) and a problem reading it (if any). */
export interface ManifestLookup {
  readonly declared?: DeclaredProject;
  readonly warning?: { readonly message: string; readonly path: string };
}

type ManifestReader = (doc: Table) => { name?: string; version?: string; names: Set<string> };

async function readSibling(
  input: ExtractInput,
  fileName: string,
  what: string,
  read: ManifestReader,
): Promise<ManifestLookup> {
  const manifestPath = joinRel(path.posix.dirname(input.entry.path), fileName);
  if (!input.allPaths.has(manifestPath)) return {};
  try {
    const doc = parseToml(
      await input.fs.readText(manifestPath, MAX_MANIFEST_BYTES),
      manifestPath,
      what,
    );
    const { name, version, names } = read(doc);
    return {
      declared: {
        path: manifestPath,
        ...(name ? { name } : {}),
        ...(version ? { version } : {}),
        names,
      },
    };
  } catch (error) {
    const message =
      error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
    return {
      warning: {
        message: `${message}; direct dependencies of ${input.entry.path} are unknown`,
        path: manifestPath,
      },
    };
  }
}

function addRequirements(names: Set<string>, value: unknown): void {
  for (const spec of stringsOf(value)) {
    const parsed = parseRequirementName(spec);
    if (parsed) names.add(normalizePypiName(parsed.name));
  }
}

function addTableKeys(names: Set<string>, value: unknown): void {
  for (const [key] of entriesOf(value)) if (key !== 'python') names.add(normalizePypiName(key));
}

/**
 * Names from a `pyproject.toml`: PEP 621 `[project]` dependencies and extras, PEP 735
 * `[dependency-groups]`, Poetry's `[tool.poetry]` tables and PDM's dev-dependencies.
 */
export function readPyproject(doc: Table): { name?: string; version?: string; names: Set<string> } {
  const names = new Set<string>();
  const project = asTable(doc.project);
  const tool = asTable(doc.tool);
  const poetry = asTable(tool?.poetry);
  const pdm = asTable(tool?.pdm);
  addRequirements(names, project?.dependencies);
  for (const [, specs] of entriesOf(project?.['optional-dependencies']))
    addRequirements(names, specs);
  for (const [, specs] of entriesOf(doc['dependency-groups'])) addRequirements(names, specs);
  addTableKeys(names, poetry?.dependencies);
  addTableKeys(names, poetry?.['dev-dependencies']);
  for (const [, group] of entriesOf(poetry?.group))
    addTableKeys(names, asTable(group)?.dependencies);
  for (const [, specs] of entriesOf(pdm?.['dev-dependencies'])) addRequirements(names, specs);
  const name = asString(project?.name) ?? asString(poetry?.name);
  const version = asString(project?.version) ?? asString(poetry?.version);
  // A project may list itself with extras (`me[cli]`) to combine groups; that is not a dependency.
  if (name !== undefined) names.delete(normalizePypiName(name));
  return { ...(name ? { name } : {}), ...(version ? { version } : {}), names };
}

/** Tables of a Pipfile that are not package categories. */
const PIPFILE_NON_PACKAGE_TABLES = new Set(['source', 'requires', 'pipenv', 'scripts']);

/** Names from a `Pipfile`: `[packages]`, `[dev-packages]` and custom categories. */
export function readPipfile(doc: Table): { names: Set<string> } {
  const names = new Set<string>();
  for (const [table, value] of Object.entries(doc)) {
    if (PIPFILE_NON_PACKAGE_TABLES.has(table)) continue;
    addTableKeys(names, value);
  }
  return { names };
}

/** The `pyproject.toml` next to the lockfile being extracted. */
export function siblingPyproject(input: ExtractInput): Promise<ManifestLookup> {
  return readSibling(input, 'pyproject.toml', 'a pyproject.toml', readPyproject);
}

/** The `Pipfile` next to the `Pipfile.lock` being extracted. */
export function siblingPipfile(input: ExtractInput): Promise<ManifestLookup> {
  return readSibling(input, 'Pipfile', 'a Pipfile', readPipfile);
}
