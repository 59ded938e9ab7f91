/**
 * Installed Python distributions: `*.dist-info/METADATA` (wheels, pip), `*.egg-info/PKG-INFO`
 * and `*.egg/EGG-INFO/PKG-INFO` (setuptools), and `*.egg-info` written as a single file (old
 * distutils installs). Each file is one installed package; its core metadata header gives
 * the name, version, licence, dependencies and URLs, and a sibling `direct_url.json` (PEP 610)
 * says when it did not come from an index.
 *
 * An environment holds one version per name, so a package's key is its normalised name and
 * its `Requires-Dist` entries are edges to such keys. Every distribution of one folder
 * (`site-packages`) shares that folder as its key scope, so that the core resolves those
 * edges across the metadata files of the environment.
 *
 * A `*.egg-info` beside a `setup.py`/`pyproject.toml`/`setup.cfg`, outside any
 * `site-packages`, is the scanned project's own metadata (left by `pip install -e .`): it
 * becomes the root, never a package. So does an editable install whose `direct_url.json`
 * points at the scan root.
 */
import path from 'node:path';
import type {
  ExtractInput,
  ExtractResult,
  Extractor,
  FileEntry,
  PackageRecord,
} from '../../../core/extractor.js';
import { InputError } from '../../../core/errors.js';
import { joinRel } from '../../../core/fs.js';
import { normalizePypiName } from '../../../core/purl.js';
import type { Hash, LicenseStatement } from '../../../core/types.js';
import { isValidName, parseRequirement } from '../requirements/pep508.js';
import { parseDirectUrl } from './direct-url.js';
import { allHeaders, firstHeader, parseHeaders } from './metadata.js';

/** Bytes of a metadata file read: the header block is small; the body (README) is skipped. */
export const MAX_HEADER_BYTES = 1024 * 1024;
const MAX_DIRECT_URL_BYTES = 64 * 1024;
/** A `License` value longer than this, or on several lines, is a licence text, not a name. */
const MAX_LICENSE_NAME_LENGTH = 200;
const MAX_PROJECT_URLS = 50;

const PROJECT_MARKERS = ['setup.py', 'setup.cfg', 'pyproject.toml'] as const;
const INSTALL_DIRS: ReadonlySet<string> = new Set(['site-packages', 'dist-packages']);

/** Whether the path is installed-distribution metadata this extractor reads. */
export function isInstalledMetadataPath(relPath: string): boolean {
  const base = path.posix.basename(relPath);
  const dir = path.posix.dirname(relPath);
  const parent = path.posix.basename(dir);
  if (base === 'METADATA') return parent.endsWith('.dist-info');
  if (base === 'PKG-INFO') {
    return (
      parent.endsWith('.egg-info') ||
      (parent === 'EGG-INFO' && path.posix.basename(path.posix.dirname(dir)).endsWith('.egg'))
    );
  }
  return base.endsWith('.egg-info');
}

/** The metadata directory of a file (`x.dist-info`), or undefined for a single-file egg-info. */
function metadataDir(entry: FileEntry): string | undefined {
  return entry.base.endsWith('.egg-info') ? undefined : path.posix.dirname(entry.path);
}

/**
 * Whether an egg-info is the scanned project's own: outside site-packages, next to a project
 * file (or in `src/` below one).
 */
function isProjectEggInfo(entry: FileEntry, allPaths: ReadonlySet<string>): boolean {
  const eggInfo = entry.base.endsWith('.egg-info') ? entry.path : path.posix.dirname(entry.path);
  if (!eggInfo.endsWith('.egg-info')) return false;
  if (eggInfo.split('/').some((segment) => INSTALL_DIRS.has(segment))) return false;
  const home = path.posix.dirname(eggInfo);
  const homes = [home === '.' ? '' : home];
  if (path.posix.basename(home) === 'src') homes.push(joinRel(home, '..'));
  return homes.some((h) => PROJECT_MARKERS.some((m) => allPaths.has(joinRel(h, m))));
}

async function readHeaderText(input: ExtractInput): Promise<{ text: string; complete: boolean }> {
  const bytes = await input.fs.readBytes(input.entry.path, 0, MAX_HEADER_BYTES);
  let text = new TextDecoder('utf-8').decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Cut when the file goes on past what was read and no blank line ended the headers yet.
  const cut = bytes.length >= MAX_HEADER_BYTES && !/\r?\n\r?\n/.test(text);
  return { text, complete: !cut };
}

/** The declared licence: License-Expression (PEP 639), else a License that names one. */
function declaredLicenseOf(headers: ReturnType<typeof parseHeaders>): string | undefined {
  const expression = firstHeader(headers, 'License-Expression')?.value;
  if (expression !== undefined && expression !== '') return expression;
  const license = firstHeader(headers, 'License')?.value;
  if (license === undefined || license === '' || /^unknown$/i.test(license)) return undefined;
  if (license.includes('\n') || license.length > MAX_LICENSE_NAME_LENGTH) return undefined;
  return license;
}

/**
 * Every licence statement with how it is stated: `License-Expression` (PEP 639) alone when
 * present, as it supersedes the rest; otherwise a one-line `License:` and each
 * `Classifier: License :: …`.
 */
function licenseStatementsOf(headers: ReturnType<typeof parseHeaders>): LicenseStatement[] {
  const expression = firstHeader(headers, 'License-Expression')?.value;
  if (expression !== undefined && expression !== '')
    return [{ value: expression, kind: 'spdx-field' }];
  const statements: LicenseStatement[] = [];
  const license = declaredLicenseOf(headers);
  if (license !== undefined) statements.push({ value: license, kind: 'free-text' });
  for (const header of allHeaders(headers, 'Classifier')) {
    if (/^License\s*::/.test(header.value))
      statements.push({ value: header.value, kind: 'classifier' });
  }
  return statements;
}

/** Normalised names of the `Requires-Dist` entries that apply without extras. */
function dependenciesOf(headers: ReturnType<typeof parseHeaders>): string[] {
  const names = new Set<string>();
  for (const header of allHeaders(headers, 'Requires-Dist')) {
    const parsed = parseRequirement(header.value);
    if (typeof parsed === 'string') continue;
    // Dependencies of an extra are installed only when that extra was asked for.
    if (parsed.marker !== undefined && /\bextra\b/.test(parsed.marker)) continue;
    names.add(normalizePypiName(parsed.name));
  }
  return [...names].sort();
}

function propertiesOf(
  headers: ReturnType<typeof parseHeaders>,
  licensed: boolean,
  requested: boolean,
): Record<string, string> {
  const properties: Record<string, string> = {};
  const homePage = firstHeader(headers, 'Home-page')?.value;
  if (homePage !== undefined && homePage !== '' && !/^unknown$/i.test(homePage))
    properties['python:home-page'] = homePage;
  for (const header of allHeaders(headers, 'Project-URL').slice(0, MAX_PROJECT_URLS)) {
    const comma = header.value.indexOf(',');
    if (comma <= 0) continue;
    const label = header.value.slice(0, comma).trim().toLowerCase();
    const url = header.value.slice(comma + 1).trim();
    if (label !== '' && url !== '' && properties[`python:project-url:${label}`] === undefined) {
      properties[`python:project-url:${label}`] = url;
    }
  }
  if (!licensed) {
    const classifiers = allHeaders(headers, 'Classifier')
      .map((h) => h.value)
      .filter((c) => /^License\s*::/.test(c));
    if (classifiers.length > 0) properties['python:license-classifiers'] = classifiers.join('; ');
  }
  if (requested) properties['python:requested'] = 'true';
  return properties;
}

/** Extract the one distribution a metadata file describes. */
export async function extractInstalled(input: ExtractInput): Promise<ExtractResult> {
  const { entry } = input;
  const { text, complete } = await readHeaderText(input);
  const warnings: { message: string; line?: number; path?: string }[] = [];
  if (!complete) {
    warnings.push({
      message: `the metadata header block is longer than ${MAX_HEADER_BYTES} bytes; only that much was read`,
      path: entry.path,
    });
  }
  const headers = parseHeaders(text, complete);
  const nameHeader = firstHeader(headers, 'Name');
  const name = nameHeader?.value ?? '';
  if (nameHeader === undefined || name === '') {
    throw new InputError(
      `${entry.path}: core metadata without a Name field (expected \`Name: <project>\` in the header block before the first blank line)`,
    );
  }
  if (!isValidName(name) && !/^[\w .-]+$/.test(name)) {
    throw new InputError(`${entry.path}: \`${name}\` is not a project name`, {
      line: nameHeader.line,
    });
  }
  const versionHeader = firstHeader(headers, 'Version');
  const version = versionHeader?.value || undefined;
  if (version === undefined)
    warnings.push({ message: 'core metadata without a Version field', path: entry.path });
  const declaredLicense = declaredLicenseOf(headers);
  // The scanned project's own metadata describes the root, never a package.
  const projectItself = (): ExtractResult => ({
    packages: [],
    root: {
      ecosystem: 'PyPI',
      name,
      ...(version !== undefined ? { version } : {}),
      ...(declaredLicense !== undefined ? { declaredLicense } : {}),
    },
    ...(warnings.length > 0 ? { warnings } : {}),
  });

  if (isProjectEggInfo(entry, input.allPaths)) return projectItself();

  const dir = metadataDir(entry);
  let source: PackageRecord['source'];
  let hashes: readonly Hash[] = [];
  const directUrlPath = dir === undefined ? undefined : joinRel(dir, 'direct_url.json');
  if (directUrlPath !== undefined && input.allPaths.has(directUrlPath)) {
    let parsed: ReturnType<typeof parseDirectUrl>;
    try {
      parsed = parseDirectUrl(await input.fs.readText(directUrlPath, MAX_DIRECT_URL_BYTES));
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined) {
      warnings.push({
        message: 'direct_url.json is not the JSON structure PEP 610 describes; ignored',
        path: directUrlPath,
      });
    } else if (
      parsed.source.type === 'editable' &&
      parsed.localPath !== undefined &&
      samePath(parsed.localPath, input.fs.root)
    ) {
      // `pip install -e .` of the scanned project into a virtual environment inside it.
      return projectItself();
    } else {
      source = parsed.source;
      hashes = parsed.hashes;
    }
  }

  const requested = dir !== undefined && input.allPaths.has(joinRel(dir, 'REQUESTED'));
  const statements = licenseStatementsOf(headers);
  const properties = propertiesOf(headers, declaredLicense !== undefined, requested);
  const dependsOn = dependenciesOf(headers).filter((d) => d !== normalizePypiName(name));
  const record: PackageRecord = {
    ecosystem: 'PyPI',
    name,
    ...(version !== undefined ? { version } : {}),
    line: nameHeader.line,
    key: normalizePypiName(name),
    ...(dependsOn.length > 0 ? { dependsOn } : {}),
    ...(declaredLicense !== undefined ? { declaredLicense } : {}),
    ...(statements.length > 0 ? { licenseStatements: statements } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(hashes.length > 0 ? { hashes } : {}),
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  };
  return {
    packages: [record],
    keyScope: environmentDir(entry.path),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/**
 * The folder (`site-packages`) holding a distribution's metadata: its key scope. Every
 * distribution of one environment shares it, so that `Requires-Dist` names resolve to the
 * other metadata files of that environment. An egg keeps its metadata one level deeper
 * (`x.egg/EGG-INFO/PKG-INFO`) than a dist-info or egg-info (`x.dist-info/METADATA`), and an
 * old single-file egg-info lies in the folder itself.
 */
function environmentDir(metadataPath: string): string {
  const up = (p: string, levels: number): string => {
    let dir = p;
    for (let i = 0; i < levels; i++) dir = path.posix.dirname(dir);
    return dir;
  };
  let levels = 2;
  if (path.posix.basename(metadataPath).endsWith('.egg-info')) levels = 1;
  else if (path.posix.basename(up(metadataPath, 1)) === 'EGG-INFO') levels = 3;
  const dir = up(metadataPath, levels);
  // Scan-relative paths name the scan root with the empty string, not `.`.
  return dir === '.' ? '' : dir;
}

function samePath(a: string, b: string): boolean {
  const clean = (p: string): string => path.resolve(p).replace(/(?<![\\/])[\\/]+$/, '');
  return clean(a) === clean(b);
}

export const extractor = {
  name: 'python/installed',
  ecosystem: 'PyPI',
  requiresNetwork: false,
  target: 'file',
  required: (entry) => isInstalledMetadataPath(entry.path),
  extract: extractInstalled,
} satisfies Extractor;
