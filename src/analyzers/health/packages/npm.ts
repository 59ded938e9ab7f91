/**
 * What an installed npm package says about itself that bears on trust: scripts npm runs on
 * install, native code, minified or obfuscated files, a deprecation notice, and where its
 * source lives (the repository URL, normalised with npm's own `hosted-git-info`). Read from the
 * package folder through the bounded ScanFs; nothing is run or imported.
 */
import hostedGitInfo from 'hosted-git-info';
import { joinRel, type ScanFs } from '../../../core/fs.js';
import { MAX_SCRIPT_BYTES, scriptTraits } from './obfuscation.js';

/** The lifecycle scripts npm runs when the package is installed (`prepare` only for git deps). */
export const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;

/** Most files listed in one package (big packages ship thousands; signals show early). */
export const MAX_PACKAGE_FILES = 2000;
/** Most JavaScript files whose text is examined per package. */
export const MAX_SCRIPTS_EXAMINED = 200;
const MAX_DEPTH = 6;
const MAX_MANIFEST_BYTES = 1024 * 1024;

const NATIVE_BINARY = /\.(?:node|so|dylib|dll|exe)$/i;
const NATIVE_SOURCE = /\.(?:c|cc|cpp|cxx|h|hpp|m|mm|rs|zig)$/i;
const SCRIPT = /\.(?:js|cjs|mjs)$/i;

/** Traits of one installed package. */
export interface PackageTraits {
  /** `preinstall`/`install`/`postinstall` commands, by script name. Sorted. */
  readonly installScripts: Readonly<Record<string, string>>;
  /** Native code: compiled binaries, a `binding.gyp`, C/C++/Rust sources, node-gyp flags. */
  readonly nativeCode: readonly string[];
  /** Minified files (paths relative to the scan root), sorted, bounded. */
  readonly minified: readonly string[];
  /** Obfuscated files with why, sorted, bounded. */
  readonly obfuscated: readonly { readonly file: string; readonly reasons: readonly string[] }[];
  /** The `deprecated` message, when the manifest carries one. */
  readonly deprecated?: string;
  /** Browse URL of the source repository (`https://github.com/org/repo`), when one is named. */
  readonly repository?: string;
  /** The repository field as written, when it could not be normalised. */
  readonly repositoryRaw?: string;
  /** Files listed; `truncated` when the bound was reached. */
  readonly files: number;
  readonly truncated: boolean;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A package.json `repository` (string shorthand or `{ url }`) as a browse URL. */
export function repositoryUrl(value: unknown): { url?: string; raw?: string } {
  const raw = typeof value === 'string' ? value : asRecord(value)?.url;
  if (typeof raw !== 'string' || raw.trim() === '') return {};
  const info = hostedGitInfo.fromUrl(raw.trim());
  const url = info?.browse();
  if (url !== undefined) return { url };
  // Not a known host: keep an http(s) URL as written (without `git+` and `.git`).
  const plain = /^(?:git\+)?(https?:\/\/[^\s]+?)(?:\.git)?\/?$/.exec(raw.trim())?.[1];
  return plain !== undefined ? { url: plain } : { raw: raw.slice(0, 500) };
}

async function listFiles(
  fs: ScanFs,
  dir: string,
): Promise<{ files: string[]; truncated: boolean }> {
  const files: string[] = [];
  let truncated = false;
  const walk = async (rel: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH) return;
    for (const entry of await fs.readdir(rel)) {
      if (files.length >= MAX_PACKAGE_FILES) {
        truncated = true;
        return;
      }
      // Nested dependencies are packages of their own; links may point anywhere.
      if (entry.symlink || entry.name === 'node_modules') continue;
      const child = joinRel(rel, entry.name);
      if (entry.type === 'directory') await walk(child, depth + 1);
      else if (entry.type === 'file') files.push(child);
    }
  };
  await walk(dir, 0);
  return { files: files.sort(), truncated };
}

/** Inspect the installed package in `dir` (a folder holding its package.json). */
export async function inspectNpmPackage(fs: ScanFs, dir: string): Promise<PackageTraits> {
  const manifest = asRecord(
    JSON.parse(await fs.readText(joinRel(dir, 'package.json'), MAX_MANIFEST_BYTES)),
  );
  if (manifest === undefined) throw new Error(`${joinRel(dir, 'package.json')}: not a JSON object`);
  const scripts = asRecord(manifest.scripts) ?? {};
  const installScripts: Record<string, string> = {};
  for (const name of INSTALL_SCRIPTS) {
    const command = scripts[name];
    if (typeof command === 'string' && command.trim() !== '')
      installScripts[name] = command.slice(0, 500);
  }
  const { files, truncated } = await listFiles(fs, dir);
  const rel = (file: string): string => file.slice(dir.length + 1);
  const nativeCode = new Set<string>();
  for (const file of files) {
    const name = rel(file);
    if (NATIVE_BINARY.test(name)) nativeCode.add(`binary ${name}`);
    else if (name === 'binding.gyp') nativeCode.add('binding.gyp (node-gyp build)');
    else if (NATIVE_SOURCE.test(name)) nativeCode.add('C/C++/Rust sources');
  }
  // npm runs `node-gyp rebuild` as the install script when binding.gyp exists and neither
  // `install` nor `preinstall` is set (npm docs, "scripts": default values).
  const hasGyp = files.includes(joinRel(dir, 'binding.gyp')) || manifest.gypfile === true;
  if (hasGyp && installScripts.install === undefined && installScripts.preinstall === undefined)
    installScripts.install = 'node-gyp rebuild (implicit: binding.gyp)';
  if (manifest.gypfile === true) nativeCode.add('gypfile: true');
  if (asRecord(manifest.binary) !== undefined)
    nativeCode.add('prebuilt binary download (binary field)');
  const minified: string[] = [];
  const obfuscated: { file: string; reasons: string[] }[] = [];
  const scriptsToRead = files.filter((f) => SCRIPT.test(f)).slice(0, MAX_SCRIPTS_EXAMINED);
  for (const file of scriptsToRead) {
    const bytes = await fs.readBytes(file, 0, MAX_SCRIPT_BYTES);
    const traits = scriptTraits(Buffer.from(bytes).toString('utf8'));
    if (traits.minified) minified.push(file);
    if (traits.obfuscated)
      obfuscated.push({ file, reasons: traits.reasons.filter((r) => r.startsWith('obfuscated')) });
  }
  const repository = repositoryUrl(manifest.repository);
  const deprecated = manifest.deprecated;
  return {
    installScripts,
    nativeCode: [...nativeCode].sort(),
    minified,
    obfuscated,
    ...(typeof deprecated === 'string' && deprecated.trim() !== ''
      ? { deprecated: deprecated.slice(0, 500) }
      : {}),
    ...(repository.url !== undefined ? { repository: repository.url } : {}),
    ...(repository.raw !== undefined ? { repositoryRaw: repository.raw } : {}),
    files: files.length,
    truncated,
  };
}
