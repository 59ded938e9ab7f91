/**
 * Shell commands that fetch dependencies, found the way Scorecard's Pinned-Dependencies finds
 * them (checks/raw/shell_download_validate.go): `curl … | bash`, running a file a download
 * utility wrote, `bash <(curl …)`, `interpreter -c "…"` (recursively), and go/pip/npm/choco/
 * nuget/dotnet installs judged pinned or not by the same rules.
 *
 * Scorecard parses with mvdan.cc/sh; no maintained JavaScript shell parser fits (bash-parser
 * is unmaintained), so this file hand-writes the small part needed: words with their quoting
 * (Scorecard keeps only single-part words: literals, '…', "…" without expansions), pipelines,
 * `;`/`&&`/`||`/newline lists, redirections, heredocs, `$(…)`/backticks and `<(…)` bodies
 * (analysed like nested scripts, as mvdan's walk does). Nothing is ever executed.
 */
import { basename, cleanPath } from './common.js';

/** The kinds of dependency Scorecard counts (checker.DependencyUseType). */
export type DependencyType =
  | 'GitHubAction'
  | 'containerImage'
  | 'downloadThenRun'
  | 'goCommand'
  | 'chocoCommand'
  | 'npmCommand'
  | 'pipCommand'
  | 'nugetCommand';

/** One dependency found in a script, relative to the script's first line (1-based). */
export interface ShellDependency {
  readonly type: DependencyType;
  readonly pinned: boolean;
  /** 1-based line within the analysed text. */
  readonly line: number;
  readonly snippet: string;
}

/** Nested scripts (`sh -c`, `$(…)`) deeper than this are not followed. */
const MAX_DEPTH = 8;
/** Longest script analysed, in characters. */
const MAX_SCRIPT_CHARS = 512 * 1024;

type WordKind = 'lit' | 'sq' | 'dq' | 'complex' | 'procsubst';

interface Word {
  readonly kind: WordKind;
  /** Literal value (lit, sq and dq without expansions), or the raw text. */
  readonly value: string;
  readonly raw: string;
  readonly line: number;
  /** Body of `<(…)`. */
  readonly body?: string;
}

interface Command {
  readonly words: Word[];
  /** Targets of `>` redirections (only `>` counts, as in Scorecard). */
  readonly redirects: string[];
  readonly line: number;
}

interface Scan {
  readonly pipelines: Command[][];
  /** `$(…)`, backtick and `<(…)` bodies with the line they start on. */
  readonly nested: { body: string; line: number }[];
}

const SHELL_NAMES = ['sh', 'bash', 'mksh', 'dash', 'ksh'];
const PYTHON = ['python', 'python3', 'python2.7'];
const OTHER_INTERPRETERS = ['perl', 'ruby', 'php', 'node', 'nodejs', 'java'];
const INTERPRETERS = [
  'dotnet',
  'nuget',
  ...OTHER_INTERPRETERS,
  'exec',
  'su',
  ...SHELL_NAMES,
  ...SHELL_NAMES,
  ...PYTHON,
];
const DOWNLOAD_UTILS = ['curl', 'wget', 'gsutil'];
const RESERVED_PREFIX = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  '!',
  '{',
  '}',
  'time',
]);

/**
 * Every dependency `script` fetches. `tainted` carries the files a download utility wrote
 * across the scripts of one job or Dockerfile, as Scorecard's `taintedFiles` does.
 */
export function analyzeShell(script: string, tainted: Set<string> = new Set()): ShellDependency[] {
  const out: ShellDependency[] = [];
  analyze(script.slice(0, MAX_SCRIPT_CHARS), 0, tainted, out, 0);
  return out;
}

function analyze(
  script: string,
  lineOffset: number,
  tainted: Set<string>,
  out: ShellDependency[],
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  const scan = scanScript(script);
  for (const pipeline of scan.pipelines) {
    const snippet = pipeline.map(commandText).join(' | ');
    const line = lineOffset + (pipeline[0]?.line ?? 1);
    // `curl … | bash`: mvdan nests pipes to the right, so only the last pair is a BinaryCmd
    // whose two sides are both simple commands.
    if (pipeline.length >= 2) {
      const left = extractCommand(pipeline[pipeline.length - 2]?.words ?? []);
      const right = extractCommand(pipeline[pipeline.length - 1]?.words ?? []);
      if (isDownloadUtility(left) && isInterpreter(right)) {
        out.push({ type: 'downloadThenRun', pinned: false, line, snippet });
      }
    }
    for (const command of pipeline) {
      const args = commandArgs(command.words);
      const cmd = extractCommand(args);
      const cmdLine = lineOffset + command.line;
      const text = commandText(command);
      // interpreter -c "…": analysed as a script of its own.
      const inner = interpreterCommand(args, cmd);
      if (inner !== undefined) analyze(inner, cmdLine - 1, tainted, out, depth + 1);
      for (const file of tainted) {
        if (isInterpreterWithFile(cmd, file) || isExecuteFile(cmd, file)) {
          out.push({ type: 'downloadThenRun', pinned: false, line: cmdLine, snippet: text });
        }
      }
      if (isProcSubstFetch(args, cmd)) {
        out.push({ type: 'downloadThenRun', pinned: false, line: cmdLine, snippet: text });
      }
      const pm = packageManagerDownload(cmd);
      if (pm !== undefined) out.push({ ...pm, line: cmdLine, snippet: text });
      const fetched = fetchedFile(command, cmd);
      if (fetched !== undefined) tainted.add(fetched);
    }
  }
  for (const nested of scan.nested) {
    analyze(nested.body, lineOffset + nested.line - 1, tainted, out, depth + 1);
  }
}

function commandText(command: Command): string {
  return command.words.map((w) => w.raw).join(' ');
}

/** The words after leading assignments (`A=b cmd …`), like mvdan's CallExpr.Args. */
function commandArgs(words: readonly Word[]): Word[] {
  let i = 0;
  while (i < words.length && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(words[i]?.raw ?? '')) i++;
  return words.slice(i);
}

/**
 * Scorecard's `extractCommand`: single-part words only; '…' and "…" keep their quotes; a
 * literal `sudo` is dropped.
 */
function extractCommand(words: readonly Word[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    if (w.kind === 'lit') {
      if (w.value.toLowerCase() !== 'sudo') out.push(w.value);
    } else if (w.kind === 'sq') out.push(`'${w.value}'`);
    else if (w.kind === 'dq') out.push(`"${w.value}"`);
  }
  return out;
}

function isBinaryName(expected: string, name: string): boolean {
  return basename(name).toLowerCase() === expected.toLowerCase();
}

function isDownloadUtility(cmd: readonly string[]): boolean {
  const first = cmd[0];
  if (first === undefined) return false;
  if (DOWNLOAD_UTILS.some((b) => isBinaryName(b, first))) return true;
  return (
    isBinaryName('aws', first) &&
    cmd.length >= 3 &&
    (cmd[1] ?? '').toLowerCase() === 's3api' &&
    (cmd[2] ?? '').toLowerCase() === 'get-object'
  );
}

function isInterpreter(cmd: readonly string[]): boolean {
  const first = cmd[0];
  return first !== undefined && INTERPRETERS.some((b) => isBinaryName(b, first));
}

function isExecuteFile(cmd: readonly string[], file: string): boolean {
  const first = cmd[0];
  return first !== undefined && cleanPath(first).toLowerCase() === cleanPath(file).toLowerCase();
}

function isInterpreterWithFile(cmd: readonly string[], file: string): boolean {
  const first = cmd[0];
  if (first === undefined || !INTERPRETERS.some((b) => isBinaryName(b, first))) return false;
  const target = cleanPath(file).toLowerCase();
  return cmd.slice(1).some((arg) => cleanPath(arg).toLowerCase() === target);
}

/** `interpreter … -c "CMD"` → CMD, when the interpreter runs shell (not python, perl …). */
function interpreterCommand(args: readonly Word[], cmd: readonly string[]): string | undefined {
  const interpreter = INTERPRETERS.find((b) => isCommandWithC(cmd, b));
  if (interpreter === undefined) return undefined;
  if (PYTHON.includes(interpreter) || OTHER_INTERPRETERS.includes(interpreter)) return undefined;
  const quoted = args.find((w) => w.kind === 'sq' || w.kind === 'dq');
  return quoted?.value;
}

function isCommandWithC(cmd: readonly string[], binary: string): boolean {
  let seen = false;
  for (const c of cmd) {
    if (isBinaryName(binary, c)) seen = true;
    else if (seen && c.startsWith('-') && c.includes('c')) return true;
  }
  return false;
}

/** `bash <(curl …)`: the second word is a process substitution whose command downloads. */
function isProcSubstFetch(args: readonly Word[], cmd: readonly string[]): boolean {
  if (!isInterpreter(cmd)) return false;
  const second = args[1];
  if (second?.kind !== 'procsubst' || second.body === undefined) return false;
  const first = scanScript(second.body).pipelines[0]?.[0];
  return first !== undefined && isDownloadUtility(extractCommand(commandArgs(first.words)));
}

/** The file a download command writes: `> file`, `wget -O f`/URL name, gsutil, aws s3api. */
function fetchedFile(command: Command, cmd: readonly string[]): string | undefined {
  if (!isDownloadUtility(cmd)) return undefined;
  const redirect = command.redirects[0];
  if (redirect !== undefined) return redirect;
  const first = cmd[0] ?? '';
  if (isBinaryName('wget', first)) {
    for (let i = 1; i < cmd.length - 1; i++) {
      if ((cmd[i] ?? '').toLowerCase() === '-o') return cmd[i + 1];
    }
    const url = cmd.slice(1).find((a) => a.startsWith('http'));
    return url === undefined ? undefined : urlBasename(url);
  }
  if (isBinaryName('gsutil', first)) {
    for (let i = 1; i < cmd.length - 1; i++) {
      const src = cmd[i] ?? '';
      if (!src.startsWith('gs://')) continue;
      const dest = cmd[i + 1] ?? '';
      return isDirectoryLike(dest) ? joinPath(dest, urlBasename(src)) : dest;
    }
    return undefined;
  }
  if (isBinaryName('aws', first) && cmd.length >= 3) {
    const input = cmd[cmd.length - 2] ?? '';
    const output = cmd[cmd.length - 1] ?? '';
    return isDirectoryLike(output) ? joinPath(output, urlBasename(input)) : output;
  }
  return undefined;
}

/** Go's `filepath.Clean(filepath.Dir(p)) == filepath.Clean(p)`: only `/`, `.` and the like. */
function isDirectoryLike(p: string): boolean {
  const clean = cleanPath(p);
  const slash = clean.lastIndexOf('/');
  const dir = slash === -1 ? '.' : slash === 0 ? '/' : clean.slice(0, slash);
  return cleanPath(dir) === clean;
}

function joinPath(dir: string, name: string): string {
  return cleanPath(`${dir}/${name}`);
}

function urlBasename(url: string): string {
  try {
    const path = new URL(url).pathname;
    return basename(path.replace(/(?<!\/)\/+$/, '')) || '/';
  } catch {
    return basename(url);
  }
}

/** go/pip/npm/choco/nuget installs, pinned or not by Scorecard's rules. */
function packageManagerDownload(
  cmd: readonly string[],
): { type: DependencyType; pinned: boolean } | undefined {
  if (cmd.length === 0) return undefined;
  if (isGoDownload(cmd)) return { type: 'goCommand', pinned: !isGoUnpinned(cmd) };
  if (isPipDownload(cmd)) return { type: 'pipCommand', pinned: !isPipUnpinned(cmd) };
  if (isNpmDownload(cmd)) {
    // `npm ci` verifies the lockfile's hashes.
    const ci = cmd.slice(1).some((a) => a.toLowerCase() === 'ci');
    return { type: 'npmCommand', pinned: ci };
  }
  if (isChocoDownload(cmd)) return { type: 'chocoCommand', pinned: !isChocoUnpinned(cmd) };
  if (isDotNetAdd(cmd))
    return { type: 'nugetCommand', pinned: hasVersionFlag(cmd, 3, ['-v', '--version']) };
  if (isNugetInstall(cmd)) return { type: 'nugetCommand', pinned: !isNugetUnpinned(cmd) };
  return undefined;
}

function isGoDownload(cmd: readonly string[]): boolean {
  return (
    cmd.length > 2 && isBinaryName('go', cmd[0] ?? '') && ['get', 'install'].includes(cmd[1] ?? '')
  );
}

const GO_FLAGS = ['-d', '-f', '-t', '-u', '-v', '-fix', '-insecure'];

function isGoUnpinned(cmd: readonly string[]): boolean {
  let insecure = false;
  for (let i = 1; i < cmd.length - 1; i++) {
    while (i < cmd.length - 1 && GO_FLAGS.includes(cmd[i + 1] ?? '')) {
      if (cmd[i + 1] === '-insecure') insecure = true;
      i++;
    }
    if (i + 1 >= cmd.length) return false;
    const pkg = cmd[i + 1] ?? '';
    // Not a URL: a local folder, which is pinned.
    if (!/\w+\.\w+\/\w+/.test(pkg)) return false;
    const parts = pkg.split('@');
    if (parts.length !== 2) continue;
    const version = parts[1] ?? '';
    if (
      version === 'none' ||
      /^[A-Fa-f0-9]{40,}$/.test(version) ||
      (!insecure && /^v\d+\.\d+\.\d+(-[0-9A-Za-z-.]+)?(\+[0-9A-Za-z-.]+)?$/.test(version))
    ) {
      return false;
    }
  }
  return true;
}

function isPipInstall(cmd: readonly string[]): boolean {
  return (
    cmd.length >= 2 &&
    (isBinaryName('pip', cmd[0] ?? '') || isBinaryName('pip3', cmd[0] ?? '')) &&
    (cmd[1] ?? '').toLowerCase() === 'install'
  );
}

function pythonPipCommand(cmd: readonly string[]): string[] | undefined {
  if (!PYTHON.some((p) => isBinaryName(p, cmd[0] ?? ''))) return undefined;
  for (let i = 1; i < cmd.length - 1; i++) {
    if ((cmd[i] ?? '').toLowerCase() === '-m' && (cmd[i + 1] ?? '').toLowerCase() === 'pip') {
      return cmd.slice(i + 1);
    }
  }
  return undefined;
}

function isPipDownload(cmd: readonly string[]): boolean {
  if (isPipInstall(cmd)) return true;
  const pip = pythonPipCommand(cmd);
  return pip !== undefined && isPipInstall(pip);
}

function isPipUnpinned(cmd: readonly string[]): boolean {
  if (isPipInstall(cmd)) return isUnpinnedPipInstall(cmd);
  const pip = pythonPipCommand(cmd);
  return pip !== undefined && isUnpinnedPipInstall(pip);
}

function isUnpinnedPipInstall(cmd: readonly string[]): boolean {
  let noDeps = false;
  let editable = false;
  let pinnedEditable = true;
  let requireHashes = false;
  let additional = false;
  let wheel = false;
  for (let i = 2; i < cmd.length; i++) {
    const arg = cmd[i] ?? '';
    if (arg.toLowerCase() === '--no-deps') {
      noDeps = true;
      continue;
    }
    if (arg === '-e' || arg === '--editable') {
      editable = true;
      continue;
    }
    if (arg.toLowerCase() === '--require-hashes') {
      requireHashes = true;
      break;
    }
    if (/^(--?\w+)+$/.test(arg)) continue;
    if (arg.endsWith('.whl')) {
      wheel = true;
      continue;
    }
    if (editable) {
      if (!isPinnedEditableSource(arg)) pinnedEditable = false;
      continue;
    }
    additional = true;
  }
  if (editable) return !noDeps || !pinnedEditable;
  if (requireHashes) return false;
  if (additional) return true;
  return !wheel;
}

function isPinnedEditableSource(source: string): boolean {
  if (!/^(git|svn|hg|bzr).+$/.test(source)) return true;
  return /^git(\+(https?|ssh|git))?:\/\/.*(.git)?@[a-fA-F0-9]{40}(#egg=.*)?$/.test(source);
}

function isNpmDownload(cmd: readonly string[]): boolean {
  if (!isBinaryName('npm', cmd[0] ?? '')) return false;
  return cmd
    .slice(1)
    .some((a) => ['install', 'i', 'install-test', 'update', 'ci'].includes(a.toLowerCase()));
}

function isChocoDownload(cmd: readonly string[]): boolean {
  return (
    cmd.length >= 2 &&
    (isBinaryName('choco', cmd[0] ?? '') || isBinaryName('choco.exe', cmd[0] ?? '')) &&
    (cmd[1] ?? '').toLowerCase() === 'install'
  );
}

function isChocoUnpinned(cmd: readonly string[]): boolean {
  return !cmd.slice(2).some((arg) => {
    const flag = (arg.split('=')[0] ?? '').toLowerCase();
    return ['--requirechecksum', '--requirechecksums', '--require-checksums'].includes(flag);
  });
}

function isNugetInstall(cmd: readonly string[]): boolean {
  return (
    cmd.length >= 2 &&
    (isBinaryName('nuget', cmd[0] ?? '') || isBinaryName('nuget.exe', cmd[0] ?? '')) &&
    (cmd[1] ?? '').toLowerCase() === 'install'
  );
}

function isNugetUnpinned(cmd: readonly string[]): boolean {
  if (cmd.length === 2) return false;
  if ((cmd[2] ?? '').endsWith('packages.config')) return false;
  return !hasVersionFlag(cmd, 2, ['-version']);
}

function isDotNetAdd(cmd: readonly string[]): boolean {
  return (
    cmd.length >= 4 &&
    (isBinaryName('dotnet', cmd[0] ?? '') || isBinaryName('dotnet.exe', cmd[0] ?? '')) &&
    (cmd[1] ?? '').toLowerCase() === 'add' &&
    ((cmd[2] ?? '').toLowerCase() === 'package' || (cmd[3] ?? '').toLowerCase() === 'package')
  );
}

function hasVersionFlag(cmd: readonly string[], from: number, flags: readonly string[]): boolean {
  return cmd.slice(from).some((a) => flags.includes(a.toLowerCase()));
}

// ---------------------------------------------------------------------------------------------
// Scanner: words, operators and nested bodies, with line numbers.

interface Token {
  readonly op?: string;
  readonly word?: Word;
  readonly line: number;
}

/** Splits a script into pipelines of commands, and collects nested bodies. */
function scanScript(script: string): Scan {
  const { tokens, nested } = tokenize(script);
  const pipelines: Command[][] = [];
  let pipeline: Command[] = [];
  let words: Word[] = [];
  let redirects: string[] = [];
  let line = 1;
  const endCommand = (): void => {
    let start = 0;
    while (start < words.length && RESERVED_PREFIX.has(words[start]?.raw ?? '')) start++;
    const kept = words.slice(start);
    const head = kept[0]?.raw;
    // `for x in a b`, `case … in`: the words are not a command.
    if (kept.length > 0 && head !== 'for' && head !== 'case' && head !== 'select') {
      pipeline.push({ words: kept, redirects, line: kept[0]?.line ?? line });
    }
    words = [];
    redirects = [];
  };
  const endPipeline = (): void => {
    endCommand();
    if (pipeline.length > 0) pipelines.push(pipeline);
    pipeline = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined) continue;
    if (t.word !== undefined) {
      if (words.length === 0) line = t.line;
      words.push(t.word);
      continue;
    }
    const op = t.op ?? '';
    if (op === '|' || op === '|&') {
      endCommand();
    } else if (
      op === '>' ||
      op === '>>' ||
      op === '<' ||
      op === '>&' ||
      op === '&>' ||
      op === '<&'
    ) {
      const target = tokens[i + 1]?.word;
      if (target !== undefined) {
        i++;
        if (op === '>' && target.kind === 'lit') redirects.push(target.value);
      }
    } else {
      endPipeline();
    }
  }
  endPipeline();
  return { pipelines, nested };
}

const OPERATORS = [
  '&&',
  '||',
  ';;',
  '|&',
  '>>',
  '>&',
  '&>',
  '<&',
  '|',
  '&',
  ';',
  '(',
  ')',
  '>',
  '<',
];

function tokenize(s: string): { tokens: Token[]; nested: { body: string; line: number }[] } {
  const tokens: Token[] = [];
  const nested: { body: string; line: number }[] = [];
  const heredocs: { delimiter: string; strip: boolean }[] = [];
  let i = 0;
  let line = 1;
  const n = s.length;
  while (i < n) {
    const ch = s[i] ?? '';
    if (ch === '\\' && s[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '\n') {
      tokens.push({ op: '\n', line });
      i++;
      line++;
      // Heredoc bodies start after the newline that ends their command: skip them.
      for (const doc of heredocs.splice(0)) {
        while (i < n) {
          const end = s.indexOf('\n', i);
          const text = s.slice(i, end === -1 ? n : end);
          i = end === -1 ? n : end + 1;
          line++;
          if ((doc.strip ? text.replace(/^\t+/, '') : text) === doc.delimiter) break;
        }
      }
      continue;
    }
    if (ch === '#') {
      const end = s.indexOf('\n', i);
      i = end === -1 ? n : end;
      continue;
    }
    if (s.startsWith('<<', i) && s[i + 2] !== '<') {
      const m = /^<<(-?)\s*(['"]?)([A-Za-z0-9_.-]+)\2/.exec(s.slice(i, i + 200));
      if (m !== null) {
        heredocs.push({ delimiter: m[3] ?? '', strip: m[1] === '-' });
        i += m[0].length;
        continue;
      }
    }
    if (s.startsWith('<(', i) || s.startsWith('>(', i)) {
      const startLine = line;
      const input = s[i] === '<';
      const { body, end } = balanced(s, i + 2);
      const raw = s.slice(i, end);
      line += countNewlines(s, i, end);
      i = end;
      nested.push({ body, line: startLine });
      const word: Word = input
        ? { kind: 'procsubst', value: body, raw, line: startLine, body }
        : { kind: 'complex', value: raw, raw, line: startLine };
      tokens.push({ word, line: startLine });
      continue;
    }
    const op = OPERATORS.find((o) => s.startsWith(o, i));
    if (op !== undefined) {
      tokens.push({ op, line });
      i += op.length;
      continue;
    }
    const startLine = line;
    const word = readWord(s, i, nested, () => line);
    line += countNewlines(s, i, word.end);
    i = word.end;
    // `2>file`: the digits are the redirected descriptor, not an argument.
    if (/^\d+$/.test(word.raw) && (s[i] === '>' || s[i] === '<')) continue;
    tokens.push({ word: { ...word.word, line: startLine }, line: startLine });
  }
  return { tokens, nested };
}

function countNewlines(s: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) if (s[k] === '\n') count++;
  return count;
}

/** From just after an opening `(`: the body up to the matching `)`, and the index after it. */
function balanced(s: string, start: number): { body: string; end: number } {
  let depth = 1;
  let i = start;
  let quote: string | undefined;
  while (i < s.length) {
    const ch = s[i];
    if (quote !== undefined) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '\\') i++;
    else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return { body: s.slice(start, i), end: i + 1 };
    }
    i++;
  }
  return { body: s.slice(start), end: s.length };
}

function readWord(
  s: string,
  start: number,
  nested: { body: string; line: number }[],
  currentLine: () => number,
): { word: Omit<Word, 'line'>; raw: string; end: number } {
  const parts: { kind: 'lit' | 'sq' | 'dq' | 'complex'; value: string }[] = [];
  let lit = '';
  const flushLit = (): void => {
    if (lit !== '') parts.push({ kind: 'lit', value: lit });
    lit = '';
  };
  let i = start;
  while (i < s.length) {
    const ch = s[i] ?? '';
    if (' \t\r\n|&;()<>'.includes(ch)) break;
    if (ch === '\\') {
      if (s[i + 1] === '\n') break;
      lit += s.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === "'") {
      flushLit();
      const end = s.indexOf("'", i + 1);
      const stop = end === -1 ? s.length : end;
      parts.push({ kind: 'sq', value: s.slice(i + 1, stop) });
      i = stop + 1;
      continue;
    }
    if (ch === '"') {
      flushLit();
      let j = i + 1;
      let value = '';
      let expands = false;
      while (j < s.length && s[j] !== '"') {
        if (s[j] === '\\' && j + 1 < s.length) {
          value += s.slice(j, j + 2);
          j += 2;
          continue;
        }
        if (s[j] === '$' && s[j + 1] === '(') {
          const { body, end } = balanced(s, j + 2);
          nested.push({ body, line: currentLine() + countNewlines(s, start, j) });
          value += s.slice(j, end);
          expands = true;
          j = end;
          continue;
        }
        if (s[j] === '$' || s[j] === '`') expands = true;
        value += s[j];
        j++;
      }
      parts.push({ kind: expands ? 'complex' : 'dq', value });
      i = j + 1;
      continue;
    }
    if (ch === '$' && s[i + 1] === '(') {
      flushLit();
      const { body, end } = balanced(s, i + 2);
      nested.push({ body, line: currentLine() + countNewlines(s, start, i) });
      parts.push({ kind: 'complex', value: s.slice(i, end) });
      i = end;
      continue;
    }
    if (ch === '`') {
      flushLit();
      const end = s.indexOf('`', i + 1);
      const stop = end === -1 ? s.length : end;
      nested.push({ body: s.slice(i + 1, stop), line: currentLine() + countNewlines(s, start, i) });
      parts.push({ kind: 'complex', value: s.slice(i, stop + 1) });
      i = stop + 1;
      continue;
    }
    if (ch === '$') {
      flushLit();
      const m = /^\$(\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])?/.exec(s.slice(i));
      const text = m?.[0] ?? '$';
      parts.push({ kind: 'complex', value: text });
      i += text.length;
      continue;
    }
    lit += ch;
    i++;
  }
  flushLit();
  const raw = s.slice(start, i);
  const only = parts.length === 1 ? parts[0] : undefined;
  const kind: WordKind = only === undefined ? 'complex' : only.kind;
  return { word: { kind, value: only?.value ?? raw, raw }, raw, end: i };
}
