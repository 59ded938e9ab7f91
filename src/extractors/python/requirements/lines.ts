/**
 * pip's line handling for requirements files, mirroring `pip/_internal/req/req_file.py`
 * (https://pip.pypa.io/en/stable/reference/requirements-file-format/): continuation lines are
 * joined first, then comments are stripped, then `${VAR}` references are expanded, then each
 * line is split into requirement arguments and options. Hand-written: no library does this.
 */

/** A line after joining, comment removal and environment expansion. */
export interface LogicalLine {
  /** 1-based physical line where the logical line starts. */
  readonly line: number;
  readonly text: string;
}

/** A `${VAR}` that could not be expanded (undefined or empty in the environment). */
export interface UnexpandedVariable {
  readonly line: number;
  readonly name: string;
}

/**
 * pip's COMMENT_RE: `#` at the start of a line or after whitespace, to the end. (The blanks
 * are tried from the start of their run only: from each blank of a long run without a `#`
 * after it, the pattern was quadratic.)
 */
const COMMENT_RE = /(?:^|(?<!\s)\s+)#.*$/s;
/** A whole-line comment, as pip's `COMMENT_RE.match` (anchored at the start) sees it. */
const COMMENT_START_RE = /^\s*#/;
/** pip's ENV_VAR_RE: only the POSIX `${NAME}` form, upper case, digits and underscores. */
const ENV_VAR_RE = /\$\{([A-Z0-9_]+)\}/g;

/** Split text into physical lines the way Python's `str.splitlines` does for usual files. */
export function physicalLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  // A trailing newline does not start another line.
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Join continuation lines (`\` at the end) as pip's `join_lines` does: a comment line ends a
 * continuation, and the backslashes are stripped from both ends of each continued line.
 */
function joinLines(lines: readonly string[]): LogicalLine[] {
  const out: LogicalLine[] = [];
  let pending: string[] = [];
  let start = 0;
  lines.forEach((raw, index) => {
    const lineNumber = index + 1;
    const isComment = COMMENT_START_RE.test(raw);
    if (!raw.endsWith('\\') || isComment) {
      // A leading space makes sure the comment is still recognised once joined.
      const piece = isComment ? ` ${raw}` : raw;
      if (pending.length > 0) {
        pending.push(piece);
        out.push({ line: start, text: pending.join('') });
        pending = [];
      } else {
        out.push({ line: lineNumber, text: piece });
      }
    } else {
      if (pending.length === 0) start = lineNumber;
      pending.push(raw.replace(/^\\+|\\+$/g, ''));
    }
  });
  if (pending.length > 0) out.push({ line: start, text: pending.join('') });
  return out;
}

/**
 * The logical lines of a requirements file: joined, comments stripped, blank lines dropped,
 * `${VAR}` expanded from `env`. Variables that are not set (or empty, as pip treats them)
 * are left as written and reported in `unexpanded`.
 */
export function logicalLines(
  lines: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { lines: LogicalLine[]; unexpanded: UnexpandedVariable[] } {
  const out: LogicalLine[] = [];
  const unexpanded: UnexpandedVariable[] = [];
  for (const joined of joinLines(lines)) {
    const text = joined.text.replace(COMMENT_RE, '').trim();
    if (text === '') continue;
    const expanded = text.replace(ENV_VAR_RE, (whole, name: string) => {
      const value = env[name];
      if (value === undefined || value === '') {
        unexpanded.push({ line: joined.line, name });
        return whole;
      }
      return value;
    });
    out.push({ line: joined.line, text: expanded });
  }
  return { lines: out, unexpanded };
}

/**
 * pip's `break_args_options`: the words (split on single spaces) before the first word that
 * starts with `-` are the requirement; the rest are options.
 */
export function splitArgsOptions(text: string): { args: string; options: string } {
  const tokens = text.split(' ');
  const first = tokens.findIndex((t) => t.startsWith('-'));
  if (first < 0) return { args: text.trim(), options: '' };
  return { args: tokens.slice(0, first).join(' ').trim(), options: tokens.slice(first).join(' ') };
}

/**
 * POSIX `shlex.split`, as pip applies it to the options part of a line. Returns undefined
 * for an unterminated quote (pip fails on those too).
 */
export function shlexSplit(text: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1] as string))
        word += text[++i];
      else word += ch;
    } else if (
      ch === ' ' ||
      ch === '\t' ||
      ch === '\n' ||
      ch === '\r' ||
      ch === '\f' ||
      ch === '\v'
    ) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      inWord = true;
      if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '\\' && i + 1 < text.length) word += text[++i];
      else word += ch;
    }
  }
  if (quote !== undefined) return undefined;
  if (inWord) words.push(word);
  return words;
}

/** How pip's option parser treats each option a requirements file may hold. */
export type OptionKind =
  'requirement' | 'constraint' | 'editable' | 'hash' | 'global' | 'per-requirement';

interface OptionSpec {
  readonly kind: OptionKind;
  readonly takesValue: boolean;
}

/**
 * pip's SUPPORTED_OPTIONS and SUPPORTED_OPTIONS_REQ (plus options older pips accepted, so
 * that old files do not warn). Global options other than includes and editables only tune
 * how pip finds and builds packages; they say nothing about which packages are installed.
 */
const OPTIONS: ReadonlyMap<string, OptionSpec> = new Map([
  ['-r', { kind: 'requirement', takesValue: true }],
  ['--requirement', { kind: 'requirement', takesValue: true }],
  ['-c', { kind: 'constraint', takesValue: true }],
  ['--constraint', { kind: 'constraint', takesValue: true }],
  ['-e', { kind: 'editable', takesValue: true }],
  ['--editable', { kind: 'editable', takesValue: true }],
  ['--hash', { kind: 'hash', takesValue: true }],
  ['-i', { kind: 'global', takesValue: true }],
  ['--index-url', { kind: 'global', takesValue: true }],
  ['--extra-index-url', { kind: 'global', takesValue: true }],
  ['--no-index', { kind: 'global', takesValue: false }],
  ['-f', { kind: 'global', takesValue: true }],
  ['--find-links', { kind: 'global', takesValue: true }],
  ['--no-binary', { kind: 'global', takesValue: true }],
  ['--only-binary', { kind: 'global', takesValue: true }],
  ['--prefer-binary', { kind: 'global', takesValue: false }],
  ['--require-hashes', { kind: 'global', takesValue: false }],
  ['--pre', { kind: 'global', takesValue: false }],
  ['--trusted-host', { kind: 'global', takesValue: true }],
  ['--use-feature', { kind: 'global', takesValue: true }],
  ['-Z', { kind: 'global', takesValue: false }],
  ['--always-unzip', { kind: 'global', takesValue: false }],
  ['--process-dependency-links', { kind: 'global', takesValue: false }],
  ['--global-option', { kind: 'per-requirement', takesValue: true }],
  ['--install-option', { kind: 'per-requirement', takesValue: true }],
  ['-C', { kind: 'per-requirement', takesValue: true }],
  ['--config-settings', { kind: 'per-requirement', takesValue: true }],
]);

/** One option found on a line. */
export interface ParsedOption {
  readonly kind: OptionKind;
  /** The option as written (`-r`, `--hash`, …). */
  readonly option: string;
  readonly value?: string;
}

/**
 * Parse options as optparse does: `--opt=value`, `--opt value`, `-Xvalue`, `-X value`.
 * Words that are not options are ignored, as pip ignores optparse's leftover arguments.
 * Returns the options and a message per option pip would not accept.
 */
export function parseOptions(words: readonly string[]): {
  options: ParsedOption[];
  problems: string[];
} {
  const options: ParsedOption[] = [];
  const problems: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (!word.startsWith('-') || word === '-' || word === '--') continue;
    let option: string;
    let inline: string | undefined;
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      option = eq < 0 ? word : word.slice(0, eq);
      inline = eq < 0 ? undefined : word.slice(eq + 1);
    } else {
      option = word.slice(0, 2);
      inline = word.length > 2 ? word.slice(2) : undefined;
    }
    const spec = OPTIONS.get(option);
    if (spec === undefined) {
      problems.push(`unknown option \`${option}\``);
      continue;
    }
    if (!spec.takesValue) {
      if (inline !== undefined) problems.push(`option \`${option}\` takes no value`);
      else options.push({ kind: spec.kind, option });
      continue;
    }
    let value = inline;
    if (value === undefined) {
      value = words[i + 1];
      if (value === undefined) {
        problems.push(`option \`${option}\` needs a value`);
        continue;
      }
      i++;
    }
    options.push({ kind: spec.kind, option, value });
  }
  return { options, problems };
}
