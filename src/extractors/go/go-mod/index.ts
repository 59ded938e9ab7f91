/**
 * go.mod (https://go.dev/ref/mod#go-mod-file): the modules a Go module requires, after its
 * `replace` directives, plus the Go standard library at the toolchain (or `go`) version.
 *
 * What is reported follows OSV-SCALIBR's go/gomod extractor, so that results line up with
 * the vulnerability databases built around it:
 * - each `require` becomes a package (`// indirect` → transitive, otherwise direct), with its
 *   version as Go writes it (`v1.2.3`, `+incompatible` kept);
 * - a `replace` swaps the required module for its replacement: `old [v] => new v2` reports
 *   `new@v2`; `old [v] => ./dir` reports the directory (name = the path, no version, source
 *   `directory`), since that code is local and advisories for `old` no longer apply. The
 *   replaced module is kept in the `go:replaces` property. A version-specific replacement
 *   wins over a module-wide one, as in the go command; one that matches no requirement
 *   does nothing;
 * - `stdlib` at the `toolchain` version (`go1.23.6-xyz` → `1.23.6`), else the `go` version;
 * - before Go 1.17 go.mod does not list every module in the build, so for `go` < 1.17 (or no
 *   `go` line, which the go command reads as 1.16) the modules of a sibling go.sum are added
 *   as transitive dependencies, as SCALIBR does.
 * `exclude`, `retract`, `godebug`, `tool` and `ignore` are checked for form and otherwise
 * do not change the inventory. Unknown directives are errors, as in `go` itself.
 */
import type { ExtractResult, Extractor, PackageRecord } from '../../../core/extractor.js';
import { InputError } from '../../../core/errors.js';
import { joinRel } from '../../../core/fs.js';
import { parseGoMod, type Statement, type Token } from './parse.js';

/** go.mod files are small; anything past this is not a go.mod. */
const MAX_GO_MOD_BYTES = 16 * 1024 * 1024;
const MAX_GO_SUM_BYTES = 64 * 1024 * 1024;

/** golang.org/x/mod/semver validity (the `v` is required; prerelease and build only on a full version). */
const SEMVER_RE =
  /^v(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?)?$/;
/** modfile.GoVersionRE. */
const GO_VERSION_RE = /^([1-9]\d*)\.(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:[a-z]+\d+)?$/;
/** modfile.ToolchainRE (current), plus `default` which older go commands wrote. */
const TOOLCHAIN_RE = /^local$|^default$|(?:^|-)go1/;

/** A module path and version as a directive names them. */
export interface ModuleVersion {
  readonly path: string;
  readonly version?: string;
}

/** A `require` line. */
export interface Requirement {
  readonly path: string;
  readonly version: string;
  readonly indirect: boolean;
  readonly line: number;
}

/** A `replace` line. */
export interface Replacement {
  readonly old: ModuleVersion;
  readonly new: ModuleVersion;
  /** The replacement is a local directory, not a module. */
  readonly directory: boolean;
  readonly line: number;
}

/** What a go.mod says, directive by directive. */
export interface GoModFile {
  readonly module?: { readonly path: string; readonly line: number };
  readonly go?: { readonly version: string; readonly line: number };
  readonly toolchain?: { readonly name: string; readonly line: number };
  readonly requires: readonly Requirement[];
  readonly replaces: readonly Replacement[];
  readonly excludes: readonly (ModuleVersion & { readonly line: number })[];
  readonly retracts: readonly {
    readonly low: string;
    readonly high: string;
    readonly line: number;
  }[];
  readonly godebug: readonly {
    readonly key: string;
    readonly value: string;
    readonly line: number;
  }[];
  readonly tools: readonly { readonly path: string; readonly line: number }[];
  readonly ignores: readonly { readonly path: string; readonly line: number }[];
}

/** modfile.IsDirectoryPath: relative or rooted paths, Unix or Windows style. */
export function isDirectoryPath(path: string): boolean {
  return (
    path === '.' ||
    path === '..' ||
    /^\.{1,2}[/\\]/.test(path) ||
    path.startsWith('/') ||
    path.startsWith('\\') ||
    /^[A-Za-z]:/.test(path)
  );
}

/**
 * The canonical form of a valid module version, for comparing only (`v1.2` = `v1.2.0`;
 * build metadata other than `+incompatible` is not significant). Output keeps the text.
 */
function canonicalVersion(version: string): string {
  const m = SEMVER_RE.exec(version);
  if (m === null) return version;
  const [, major, minor = '0', patch = '0', pre = '', build = ''] = m;
  return `v${major}.${minor}.${patch}${pre}${build === '+incompatible' ? build : ''}`;
}

function describe(token: Token | undefined): string {
  return token === undefined ? 'end of line' : JSON.stringify(token.raw);
}

/** A path or other string argument (an identifier or a quoted string). */
function stringArg(stmt: Statement, token: Token | undefined, what: string): string {
  if (token === undefined || (token.kind !== 'ident' && token.kind !== 'string')) {
    throw new InputError(`${stmt.verb}: expected ${what}, found ${describe(token)}`, {
      line: stmt.line,
    });
  }
  // modfile reserves quote characters inside unquoted words, so `'x'` is an error, not `x`.
  if (token.kind === 'ident' && /["'`]/.test(token.value)) {
    throw new InputError(
      `${stmt.verb}: ${JSON.stringify(token.raw)} contains a quote; quote the whole word with "…"`,
      { line: stmt.line },
    );
  }
  if (token.value === '')
    throw new InputError(`${stmt.verb}: expected ${what}, found an empty string`, {
      line: stmt.line,
    });
  return token.value;
}

function versionArg(stmt: Statement, token: Token | undefined, modulePath: string): string {
  const version = stringArg(stmt, token, `a version of ${modulePath}`);
  if (!SEMVER_RE.test(version)) {
    throw new InputError(
      `${stmt.verb} ${modulePath}: invalid version ${JSON.stringify(version)}: expected the form v1.2.3`,
      {
        line: stmt.line,
      },
    );
  }
  return version;
}

function expectCount(stmt: Statement, count: number, usage: string): void {
  if (stmt.args.length !== count)
    throw new InputError(
      `${stmt.verb}: expected \`${usage}\`, found ${stmt.args.length} arguments`,
      { line: stmt.line },
    );
}

/** modfile's isIndirect: the line's comment is `indirect` or starts with `indirect;`. */
function isIndirect(comment: string | undefined): boolean {
  if (comment === undefined) return false;
  const words = comment.trim().split(/\s+/);
  return (
    (words.length === 1 && words[0] === 'indirect') ||
    (words.length > 1 && words[0] === 'indirect;')
  );
}

const BLOCK_VERBS = new Set([
  'module',
  'require',
  'exclude',
  'replace',
  'retract',
  'godebug',
  'tool',
  'ignore',
]);

/** Interpret parsed statements as go.mod directives, checking each one's form. */
export function interpretGoMod(statements: readonly Statement[]): GoModFile {
  let module: GoModFile['module'];
  let go: GoModFile['go'];
  let toolchain: GoModFile['toolchain'];
  const requires: Requirement[] = [];
  const replaces: Replacement[] = [];
  const excludes: (ModuleVersion & { line: number })[] = [];
  const retracts: { low: string; high: string; line: number }[] = [];
  const godebug: { key: string; value: string; line: number }[] = [];
  const tools: { path: string; line: number }[] = [];
  const ignores: { path: string; line: number }[] = [];

  for (const stmt of statements) {
    const { verb, args, line } = stmt;
    if (stmt.inBlock && !BLOCK_VERBS.has(verb))
      throw new InputError(`unknown block type: ${verb} ( … )`, { line });
    switch (verb) {
      case 'module':
        if (module !== undefined)
          throw new InputError(`repeated module directive (first on line ${module.line})`, {
            line,
          });
        expectCount(stmt, 1, 'module module/path');
        module = { path: stringArg(stmt, args[0], 'a module path'), line };
        break;
      case 'go': {
        if (go !== undefined)
          throw new InputError(`repeated go directive (first on line ${go.line})`, { line });
        expectCount(stmt, 1, 'go 1.23');
        const version = stringArg(stmt, args[0], 'a Go version');
        if (!GO_VERSION_RE.test(version))
          throw new InputError(
            `invalid go version ${JSON.stringify(version)}: expected the form 1.23 or 1.23.0`,
            { line },
          );
        go = { version, line };
        break;
      }
      case 'toolchain': {
        if (toolchain !== undefined)
          throw new InputError(`repeated toolchain directive (first on line ${toolchain.line})`, {
            line,
          });
        expectCount(stmt, 1, 'toolchain go1.23.0');
        const name = stringArg(stmt, args[0], 'a toolchain name');
        if (!TOOLCHAIN_RE.test(name))
          throw new InputError(
            `invalid toolchain ${JSON.stringify(name)}: expected the form go1.23.0 or local`,
            { line },
          );
        toolchain = { name, line };
        break;
      }
      case 'require':
      case 'exclude': {
        expectCount(stmt, 2, `${verb} module/path v1.2.3`);
        const path = stringArg(stmt, args[0], 'a module path');
        const version = versionArg(stmt, args[1], path);
        if (verb === 'require')
          requires.push({ path, version, indirect: isIndirect(stmt.comment), line });
        else excludes.push({ path, version, line });
        break;
      }
      case 'replace':
        replaces.push(interpretReplace(stmt));
        break;
      case 'retract':
        retracts.push({ ...interpretRetract(stmt), line });
        break;
      case 'godebug': {
        expectCount(stmt, 1, 'godebug key=value');
        const setting = stringArg(stmt, args[0], 'key=value');
        const eq = setting.indexOf('=');
        if (eq <= 0 || /[\s"'`,]/.test(setting))
          throw new InputError(`godebug: expected key=value, found ${JSON.stringify(setting)}`, {
            line,
          });
        godebug.push({ key: setting.slice(0, eq), value: setting.slice(eq + 1), line });
        break;
      }
      case 'tool':
        expectCount(stmt, 1, 'tool package/path');
        tools.push({ path: stringArg(stmt, args[0], 'a package path'), line });
        break;
      case 'ignore':
        expectCount(stmt, 1, 'ignore ./dir');
        ignores.push({ path: stringArg(stmt, args[0], 'a directory'), line });
        break;
      default:
        throw new InputError(
          `unknown directive ${JSON.stringify(verb)}: expected module, go, toolchain, require, replace, exclude, retract, godebug, tool or ignore`,
          { line },
        );
    }
  }
  return { module, go, toolchain, requires, replaces, excludes, retracts, godebug, tools, ignores };
}

/** `replace old [v] => new v2` or `replace old [v] => ./dir` (modfile.parseReplace). */
function interpretReplace(stmt: Statement): Replacement {
  const { args, line } = stmt;
  const usage = 'replace module/path [v1.2.3] => other/module v1.4.0, or => ../local/directory';
  const arrow = args[1]?.value === '=>' && args[1].kind === 'ident' ? 1 : 2;
  if (
    args.length < arrow + 2 ||
    args.length > arrow + 3 ||
    args[arrow]?.value !== '=>' ||
    args[arrow]?.kind !== 'ident'
  ) {
    throw new InputError(`replace: expected \`${usage}\``, { line });
  }
  const oldPath = stringArg(stmt, args[0], 'the module path to replace');
  const oldVersion = arrow === 2 ? versionArg(stmt, args[1], oldPath) : undefined;
  const newPath = stringArg(stmt, args[arrow + 1], 'a replacement module path or directory');
  const directory = isDirectoryPath(newPath);
  let newVersion: string | undefined;
  if (args.length === arrow + 2) {
    if (!directory) {
      throw new InputError(
        newPath.includes('@')
          ? `replace ${oldPath}: write the replacement as \`path version\`, not \`path@version\``
          : `replace ${oldPath}: a replacement without a version must be a directory path (rooted, or starting with ./ or ../)`,
        { line },
      );
    }
  } else {
    newVersion = versionArg(stmt, args[arrow + 2], newPath);
    if (directory)
      throw new InputError(
        `replace ${oldPath}: the replacement directory ${JSON.stringify(newPath)} cannot have a version`,
        { line },
      );
  }
  return {
    old: oldVersion !== undefined ? { path: oldPath, version: oldVersion } : { path: oldPath },
    new: newVersion !== undefined ? { path: newPath, version: newVersion } : { path: newPath },
    directory,
    line,
  };
}

/** `retract v1.0.0` or `retract [v1.0.0, v1.9.9]` (modfile.parseVersionInterval). */
function interpretRetract(stmt: Statement): { low: string; high: string } {
  const { args, line } = stmt;
  const path = 'this module';
  if (args[0]?.kind !== '[') {
    expectCount(stmt, 1, 'retract v1.2.3');
    const version = versionArg(stmt, args[0], path);
    return { low: version, high: version };
  }
  if (args.length !== 5 || args[2]?.kind !== ',' || args[4]?.kind !== ']') {
    throw new InputError('retract: expected `retract v1.2.3` or `retract [v1.0.0, v1.9.9]`', {
      line,
    });
  }
  return { low: versionArg(stmt, args[1], path), high: versionArg(stmt, args[3], path) };
}

/** The Go release a toolchain name selects (`go1.23.6-xyz` → `1.23.6`), if it names one. */
export function toolchainVersion(name: string): string | undefined {
  const m = /(?:^|-)go(1(?:\.\d+)*(?:[a-z]+\d+)?)/.exec(name);
  return m?.[1];
}

/** Whether go.mod at this `go` version leaves indirect requirements out (before 1.17). */
function listsOnlySomeIndirect(goVersion: string | undefined): boolean {
  // A go.mod without a `go` line is read as go 1.16 (https://go.dev/ref/mod#go-mod-file-go).
  if (goVersion === undefined) return true;
  const m = GO_VERSION_RE.exec(goVersion);
  if (m === null) return false;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return major === 1 && minor < 17;
}

/** `replace` directives by the module they replace. */
interface ReplacementIndex {
  readonly wide: Map<string, Replacement>;
  /** By `path@canonical-version`. */
  readonly specific: Map<string, Replacement>;
}

function indexReplacements(replaces: readonly Replacement[]): ReplacementIndex {
  const wide = new Map<string, Replacement>();
  const specific = new Map<string, Replacement>();
  // Among replacements of the same module (version) the last wins: the go command rejects
  // duplicates, but an inventory should still come out.
  for (const r of replaces) {
    if (r.old.version === undefined) wide.set(r.old.path, r);
    else specific.set(`${r.old.path}@${canonicalVersion(r.old.version)}`, r);
  }
  return { wide, specific };
}

/** What a requirement turns into after `replace`. */
function applyReplacement(
  index: ReplacementIndex,
  path: string,
  version: string,
): Pick<PackageRecord, 'name' | 'version' | 'source' | 'properties'> {
  // A version-specific replacement wins over a module-wide one, whatever their order.
  const replacement =
    index.specific.get(`${path}@${canonicalVersion(version)}`) ?? index.wide.get(path);
  if (replacement === undefined) return { name: path, version };
  const properties = { 'go:replaces': `${path}@${version}` };
  if (replacement.directory) {
    const dir = replacement.new.path;
    return { name: dir, source: { type: 'directory', url: dir }, properties };
  }
  return { name: replacement.new.path, version: replacement.new.version, properties };
}

function recordKey(name: string, version: string | undefined): string {
  return `${name}@${version ?? ''}`;
}

/** One go.sum line: `module version[/go.mod] hash`. */
export interface GoSumEntry {
  readonly path: string;
  readonly version: string;
  readonly line: number;
}

/**
 * The module versions a go.sum holds (the `/go.mod`-only lines are hashes of go.mod files
 * of modules not necessarily built, so they are skipped). Throws `InputError` on a line that
 * is not three fields.
 */
export function parseGoSum(text: string): GoSumEntry[] {
  const entries: GoSumEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i]!.trim()
      .split(/\s+/)
      .filter((f) => f !== '');
    if (fields.length === 0) continue;
    if (fields.length !== 3)
      throw new InputError(`expected \`module version hash\`, found ${fields.length} fields`, {
        line: i + 1,
      });
    const [path, version] = fields as [string, string, string];
    if (version.endsWith('/go.mod')) continue;
    entries.push({ path, version, line: i + 1 });
  }
  return entries;
}

/**
 * Turn a go.mod (and the go.sum entries to add, for go < 1.17) into records. Pure: no file
 * access, so tests can drive it directly.
 */
export function goModRecords(
  file: GoModFile,
  sum?: { readonly path: string; readonly entries: readonly GoSumEntry[] },
): ExtractResult {
  const records = new Map<string, PackageRecord>();
  const replacements = indexReplacements(file.replaces);
  const warnings: { message: string; line?: number; path?: string }[] = [];

  const excluded = new Map(
    file.excludes.map((e) => [`${e.path}@${canonicalVersion(e.version ?? '')}`, e.line]),
  );
  for (const req of file.requires) {
    const excludeLine = excluded.get(`${req.path}@${canonicalVersion(req.version)}`);
    if (excludeLine !== undefined) {
      warnings.push({
        message: `${req.path} ${req.version} is required but excluded on line ${excludeLine}; the go command would pick another version`,
        line: req.line,
      });
    }
    const record = applyReplacement(replacements, req.path, req.version);
    const key = recordKey(record.name, record.version);
    const previous = records.get(key);
    if (previous !== undefined) {
      // Two requirements (or two replaced ones) that end up the same module: one record,
      // direct if either is.
      if (!req.indirect && previous.direct === false)
        records.set(key, { ...previous, direct: true });
      continue;
    }
    records.set(key, { ecosystem: 'Go', ...record, direct: !req.indirect, line: req.line, key });
  }

  const toolchain =
    file.toolchain !== undefined ? toolchainVersion(file.toolchain.name) : undefined;
  const stdlib =
    toolchain !== undefined ? { version: toolchain, line: file.toolchain!.line } : file.go;
  if (stdlib !== undefined) {
    const key = recordKey('stdlib', stdlib.version);
    records.set(key, {
      ecosystem: 'Go',
      name: 'stdlib',
      version: stdlib.version,
      direct: true,
      line: stdlib.line,
      key,
    });
  }

  for (const entry of sum?.entries ?? []) {
    if (!SEMVER_RE.test(entry.version)) {
      warnings.push({
        message: `skipped ${entry.path}: invalid version ${JSON.stringify(entry.version)}`,
        line: entry.line,
        path: sum!.path,
      });
      continue;
    }
    const record = applyReplacement(replacements, entry.path, entry.version);
    const key = recordKey(record.name, record.version);
    if (records.has(key)) continue;
    records.set(key, { ecosystem: 'Go', ...record, direct: false, files: [sum!.path], key });
  }

  const packages = [...records.values()];
  const dependsOn = packages.filter((p) => p.direct === true).map((p) => p.key!);
  const result: ExtractResult = {
    packages,
    ...(file.module !== undefined || dependsOn.length > 0
      ? {
          root: {
            ecosystem: 'Go',
            ...(file.module !== undefined ? { name: file.module.path } : {}),
            dependsOn,
          },
        }
      : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  };
  return result;
}

export const extractor = {
  name: 'go/go-mod',
  ecosystem: 'Go',
  requiresNetwork: false,
  target: 'file',
  required(entry) {
    return entry.base === 'go.mod';
  },
  async extract({ entry, fs, allPaths }) {
    const file = interpretGoMod(parseGoMod(await fs.readText(entry.path, MAX_GO_MOD_BYTES)));
    if (!listsOnlySomeIndirect(file.go?.version)) return goModRecords(file);

    const sumPath = joinRel(entry.path, '..', 'go.sum');
    if (!allPaths.has(sumPath)) return goModRecords(file);
    let entries: GoSumEntry[];
    try {
      entries = parseGoSum(await fs.readText(sumPath, MAX_GO_SUM_BYTES));
    } catch (error) {
      // go.sum only adds indirect modules; a bad one must not cost the go.mod's packages.
      const result = goModRecords(file);
      const message = `go.sum not used: ${error instanceof Error ? error.message : String(error)}`;
      const line = error instanceof InputError ? error.line : undefined;
      return {
        ...result,
        warnings: [
          ...(result.warnings ?? []),
          { message, path: sumPath, ...(line !== undefined ? { line } : {}) },
        ],
      };
    }
    return goModRecords(file, { path: sumPath, entries });
  },
} satisfies Extractor;
