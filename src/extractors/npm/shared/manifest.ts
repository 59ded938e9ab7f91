/**
 * The project's `package.json` beside a lockfile, read only for what lockfiles do not say
 * themselves: which packages the project names directly, and which only for development.
 */
import path from 'node:path';
import type { ScanFs } from '../../../core/fs.js';
import { joinRel } from '../../../core/fs.js';
import { describeError } from '../../../core/errors.js';

/** The parts of a package.json the lockfile extractors use. */
export interface Manifest {
  readonly name?: string;
  readonly version?: string;
  readonly license?: string;
  /** name → specifier, per dependency field. */
  readonly dependencies: ReadonlyMap<string, string>;
  readonly devDependencies: ReadonlyMap<string, string>;
  readonly optionalDependencies: ReadonlyMap<string, string>;
  readonly peerDependencies: ReadonlyMap<string, string>;
  /** Workspace globs (`workspaces` as an array or as `{ packages: [...] }`). */
  readonly workspaces: readonly string[];
}

/** package.json files larger than this are not manifests anyone wrote by hand. */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** A `{ name: spec }` field as a map; anything that is not a string map is ignored. */
export function dependencyMap(value: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return map;
  for (const [name, spec] of Object.entries(value as Record<string, unknown>)) {
    if (typeof spec === 'string') map.set(name, spec);
  }
  return map;
}

/** `workspaces` as a list of globs, whichever of the two shapes npm and yarn accept. */
export function workspaceGlobs(value: unknown): string[] {
  const list = Array.isArray(value)
    ? value
    : value !== null && typeof value === 'object'
      ? (value as { packages?: unknown }).packages
      : undefined;
  return Array.isArray(list) ? list.filter((g): g is string => typeof g === 'string') : [];
}

/** A license field as text: a string, or the legacy `{ type }` object. */
export function licenseText(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const type = (value as { type?: unknown }).type;
    if (typeof type === 'string' && type.trim() !== '') return type.trim();
  }
  return undefined;
}

/** Turn parsed package.json content into a Manifest (undefined when it is not an object). */
export function toManifest(json: unknown): Manifest | undefined {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const o = json as Record<string, unknown>;
  const license = licenseText(o.license);
  return {
    ...(typeof o.name === 'string' && o.name !== '' ? { name: o.name } : {}),
    ...(typeof o.version === 'string' && o.version !== '' ? { version: o.version } : {}),
    ...(license !== undefined ? { license } : {}),
    dependencies: dependencyMap(o.dependencies),
    devDependencies: dependencyMap(o.devDependencies),
    optionalDependencies: dependencyMap(o.optionalDependencies),
    peerDependencies: dependencyMap(o.peerDependencies),
    workspaces: workspaceGlobs(o.workspaces),
  };
}

/**
 * Read the package.json in the same directory as `lockfilePath`. Returns undefined (and no
 * warning) when there is none; a warning when it exists but cannot be used.
 */
export async function readSiblingManifest(
  fs: ScanFs,
  lockfilePath: string,
): Promise<{ manifest?: Manifest; warning?: string }> {
  const manifestPath = joinRel(path.posix.dirname(lockfilePath), 'package.json');
  const info = await fs.stat(manifestPath);
  if (info === undefined || info.type !== 'file') return {};
  let json: unknown;
  try {
    json = JSON.parse(await fs.readText(manifestPath, MAX_MANIFEST_BYTES));
  } catch (error) {
    return {
      warning: `${manifestPath} could not be read, so direct dependencies are unknown: ${describeError(error)}`,
    };
  }
  const manifest = toManifest(json);
  if (manifest === undefined)
    return { warning: `${manifestPath} is not a JSON object, so direct dependencies are unknown` };
  return { manifest };
}

/**
 * Names the manifest declares for production (dependencies, optional and peer), and the
 * names it declares only as devDependencies.
 */
export function manifestDependencyNames(manifest: Manifest): {
  prod: Map<string, string>;
  devOnly: Map<string, string>;
} {
  const prod = new Map<string, string>([
    ...manifest.peerDependencies,
    ...manifest.optionalDependencies,
    ...manifest.dependencies,
  ]);
  const devOnly = new Map<string, string>();
  for (const [name, spec] of manifest.devDependencies) if (!prod.has(name)) devOnly.set(name, spec);
  return { prod, devOnly };
}
