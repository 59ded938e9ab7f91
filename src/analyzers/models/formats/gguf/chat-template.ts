/**
 * A static scan of Jinja chat templates (GGUF `tokenizer.chat_template`, and the same string in
 * `tokenizer_config.json`) for server-side template injection. Loaders render these templates
 * with Jinja2 (llama-cpp-python, transformers) or a Jinja clone, so a template that reaches
 * Python object internals runs code on the first chat (CVE-2024-34359).
 *
 * How it works: the template is lexed like Jinja does (text, `{{ }}`, `{% %}`, `{# #}`, raw
 * blocks; strings with Python escapes such as `\x5f`), never rendered. Inside tags it looks for
 * what real chat templates never need and every published sandbox escape does: dunder or
 * private names (`__class__`, `_TemplateReference__context`), names of Python machinery
 * (`os`, `popen`, `__import__`, `lipsum`, `import` …), `attr` lookups with a computed name, and
 * strings built by concatenation, repetition or `%c` formatting. Constant string expressions
 * (`'__cla' ~ 'ss__'`, `'_' * 2`, `{% set u = '_' %}` then `u ~ u`) are folded first.
 *
 * Limits (by design: nothing is executed): values computed at run time (loops, macros, filters
 * other than case changes, data passed in by the loader) are not tracked, so a name assembled
 * that way is not seen by the name rules. Every such assembly still has to go through `attr`,
 * a subscript or `format`, which the computed-name rules flag. Line statements (`# for`) are
 * not enabled by the loaders and are not lexed.
 */

import type { ModelFinding } from '../../types.js';

/** Largest template analysed; real chat templates are under 20 KB. */
const MAX_TEMPLATE_CHARS = 1_000_000;
/** Longest constant string a fold may build (bounds `'x' * 10**9`). */
const MAX_FOLDED_CHARS = 4096;

/**
 * Names no chat template needs and every known escape uses: Python internals reached from a
 * Jinja global, and the Jinja globals whose `__globals__` expose `os` (`lipsum`, `cycler` …
 * are only dangerous with a dunder after them, which the dunder rule catches; `lipsum` has no
 * chat use at all, so it is flagged on its own).
 */
const DANGEROUS_NAMES = new Set([
  'os',
  'popen',
  'subprocess',
  'eval',
  'exec',
  'execfile',
  'compile',
  'getattr',
  'setattr',
  'builtins',
  'globals',
  'importlib',
  'import',
  'lipsum',
  'mro',
  'subclasses',
  'func_globals',
  'f_globals',
  'f_back',
  'gi_frame',
  'cr_frame',
]);

/** Statements that load other templates through the loader's file system. */
const LOADING_STATEMENTS = new Set(['include', 'extends', 'from']);

type TokenKind = 'name' | 'string' | 'number' | 'op';

interface Token {
  readonly kind: TokenKind;
  readonly value: string;
  /** Offset in the template (for the excerpt). */
  readonly at: number;
}

interface Region {
  readonly kind: 'expression' | 'statement';
  readonly tokens: Token[];
  readonly at: number;
}

interface Lexed {
  readonly regions: Region[];
  readonly problems: string[];
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[0-9][0-9_]*(\.[0-9_]+)?([eE][+-]?[0-9]+)?/y;
const OPERATORS = [
  '**',
  '//',
  '==',
  '!=',
  '<=',
  '>=',
  '~',
  '+',
  '-',
  '*',
  '/',
  '%',
  '.',
  '|',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '=',
  '<',
  '>',
];

/** Decodes a Python/Jinja string literal body (the escapes Jinja's lexer accepts). */
function decodeString(body: string): string {
  return body.replace(
    /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[0-7]{1,3}|[\s\S])/g,
    (_m, esc: string) => {
      const c = esc[0];
      if (c === 'x' || c === 'u' || c === 'U') {
        const code = parseInt(esc.slice(1), 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
      if (c !== undefined && c >= '0' && c <= '7') return String.fromCharCode(parseInt(esc, 8));
      switch (c) {
        case 'n':
          return '\n';
        case 't':
          return '\t';
        case 'r':
          return '\r';
        case '\n':
          return '';
        case 'N':
          // Named escapes (\N{LOW LINE}) are a way to spell '_': keep a marker the name checks see.
          return /LOW LINE/i.test(esc) ? '_' : '?';
        default:
          return esc;
      }
    },
  );
}

/**
 * Lexes the code inside one tag, from `start` up to the closing delimiter. Returns the tokens
 * and the offset after the delimiter (or -1 when the tag is never closed).
 */
function lexTag(
  template: string,
  start: number,
  close: '}}' | '%}',
): { tokens: Token[]; end: number; problem?: string } {
  const tokens: Token[] = [];
  let i = start;
  while (i < template.length) {
    const ch = template[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    // closing delimiter, with optional whitespace control (`-}}`, `+%}`)
    if ((ch === '-' || ch === '+') && template.startsWith(close, i + 1)) {
      return { tokens, end: i + 1 + close.length };
    }
    if (template.startsWith(close, i)) return { tokens, end: i + close.length };
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < template.length && template[j] !== ch) j += template[j] === '\\' ? 2 : 1;
      if (j >= template.length) {
        return { tokens, end: -1, problem: `unterminated string at offset ${i}` };
      }
      tokens.push({ kind: 'string', value: decodeString(template.slice(i + 1, j)), at: i });
      i = j + 1;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(template);
    if (name) {
      tokens.push({ kind: 'name', value: name[0], at: i });
      i += name[0].length;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(template);
    if (number) {
      tokens.push({ kind: 'number', value: number[0].replace(/_/g, ''), at: i });
      i += number[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => template.startsWith(o, i));
    tokens.push({ kind: 'op', value: op ?? ch, at: i });
    i += op?.length ?? 1;
  }
  return { tokens, end: -1, problem: `tag opened before offset ${start} is never closed` };
}

/** Splits a template into its code regions, the way Jinja's lexer does. */
function lex(template: string): Lexed {
  const regions: Region[] = [];
  const problems: string[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0 || open + 1 >= template.length) break;
    const next = template[open + 1];
    if (next === '#') {
      const end = template.indexOf('#}', open + 2);
      if (end < 0) {
        problems.push(`comment at offset ${open} is never closed`);
        break;
      }
      i = end + 2;
      continue;
    }
    if (next !== '{' && next !== '%') {
      i = open + 1;
      continue;
    }
    const kind = next === '{' ? 'expression' : 'statement';
    const lexed = lexTag(template, open + 2, next === '{' ? '}}' : '%}');
    // strip a leading whitespace-control sign (`{{-`, `{%+`), lexed as an operator
    const first = lexed.tokens[0];
    const tokens =
      first?.kind === 'op' && (first.value === '-' || first.value === '+') && first.at === open + 2
        ? lexed.tokens.slice(1)
        : lexed.tokens;
    regions.push({ kind, tokens, at: open });
    if (lexed.end < 0) {
      problems.push(lexed.problem ?? `tag at offset ${open} is never closed`);
      break;
    }
    i = lexed.end;
    // {% raw %} … {% endraw %}: everything up to endraw is text
    if (kind === 'statement' && tokens.length === 1 && tokens[0]?.value === 'raw') {
      const endRaw = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;
      endRaw.lastIndex = i;
      const m = endRaw.exec(template);
      if (!m) {
        problems.push(`raw block at offset ${open} is never closed`);
        break;
      }
      i = m.index + m[0].length;
    }
  }
  return { regions, problems };
}

/**
 * Folds the constant string expression starting at `tokens[i]`: string literals, known
 * `set` variables, `* n` repetition, `~`/`+` concatenation, parentheses and the case filters.
 * Returns the value and whether an operator was involved (a built string), or undefined.
 */
function fold(
  tokens: readonly Token[],
  i: number,
  constants: ReadonlyMap<string, string>,
): { value: string; built: boolean; next: number } | undefined {
  let built = false;
  const operand = (j: number): { value: string; next: number } | undefined => {
    const t = tokens[j];
    if (!t) return undefined;
    let value: string | undefined;
    let next = j + 1;
    if (t.kind === 'string') {
      value = t.value;
      // adjacent literals concatenate, as in Python
      while (tokens[next]?.kind === 'string') {
        value += tokens[next]!.value;
        next++;
        built = true;
      }
    } else if (t.kind === 'name' && constants.has(t.value)) {
      value = constants.get(t.value);
      built = true;
    } else if (t.kind === 'op' && t.value === '(') {
      const inner = fold(tokens, j + 1, constants);
      if (!inner || tokens[inner.next]?.value !== ')') return undefined;
      built ||= inner.built;
      value = inner.value;
      next = inner.next + 1;
    }
    if (value === undefined) return undefined;
    for (;;) {
      const op = tokens[next];
      const arg = tokens[next + 1];
      if (op?.value === '*' && arg?.kind === 'number') {
        const times = Math.min(Number(arg.value), MAX_FOLDED_CHARS);
        value = value.repeat(Math.max(0, Math.floor(times))).slice(0, MAX_FOLDED_CHARS);
        built = true;
        next += 2;
      } else if (
        op?.value === '|' &&
        arg?.kind === 'name' &&
        ['lower', 'upper', 'string', 'trim'].includes(arg.value)
      ) {
        value =
          arg.value === 'lower'
            ? value.toLowerCase()
            : arg.value === 'upper'
              ? value.toUpperCase()
              : arg.value === 'trim'
                ? value.trim()
                : value;
        next += 2;
      } else {
        break;
      }
    }
    return { value, next };
  };
  const first = operand(i);
  if (!first) return undefined;
  let value = first.value;
  let next = first.next;
  while (tokens[next]?.value === '~' || tokens[next]?.value === '+') {
    const rhs = operand(next + 1);
    if (!rhs) break;
    value = (value + rhs.value).slice(0, MAX_FOLDED_CHARS);
    built = true;
    next = rhs.next;
  }
  return { value, built, next };
}

/** True for names Python keeps for its own machinery (`__class__`) or mangles (`_Cls__x`). */
function isDunder(value: string): boolean {
  return /__[A-Za-z0-9_]+__/.test(value) || /^_[A-Za-z0-9]+__[A-Za-z]/.test(value);
}

function excerpt(template: string, at: number): string {
  const start = Math.max(0, at - 40);
  const text = template.slice(start, at + 80).replace(/\s+/g, ' ');
  return `${start > 0 ? '…' : ''}${text}${at + 80 < template.length ? '…' : ''}`;
}

/**
 * Scans one Jinja chat template. `key` names where it came from (`tokenizer.chat_template`),
 * for the findings' detail. Returns no findings for the templates real models ship.
 */
export function scanChatTemplate(
  template: string,
  key = 'tokenizer.chat_template',
): ModelFinding[] {
  const findings: ModelFinding[] = [];
  const seen = new Set<string>();
  const add = (
    rule: string,
    severity: ModelFinding['severity'],
    message: string,
    at: number,
    evidence: string,
  ) => {
    const id = `${rule}\0${evidence}`;
    if (seen.has(id) || findings.length >= 50) return;
    seen.add(id);
    findings.push({
      rule,
      severity,
      message,
      detail: `${key} offset ${at}: ${evidence} in "${excerpt(template, at)}"`,
    });
  };

  let text = template;
  if (text.length > MAX_TEMPLATE_CHARS) {
    findings.push({
      rule: 'gguf.chat-template-too-large',
      severity: 'suspicious',
      message: `The chat template is ${text.length} characters; only the first ${MAX_TEMPLATE_CHARS} were analysed.`,
      detail: key,
    });
    text = text.slice(0, MAX_TEMPLATE_CHARS);
  }

  const { regions, problems } = lex(text);
  for (const problem of problems) {
    // Jinja refuses such a template, but a lenient clone might not: a person should look.
    findings.push({
      rule: 'gguf.chat-template-unparsable',
      severity: 'suspicious',
      message: 'The chat template does not lex as Jinja; the scan may have missed code.',
      detail: `${key}: ${problem}`,
    });
  }

  const constants = new Map<string, string>();
  for (const region of regions) {
    const { tokens } = region;
    // {% set name = <constant string> %}: remember it for later folds
    if (
      region.kind === 'statement' &&
      tokens[0]?.value === 'set' &&
      tokens[1]?.kind === 'name' &&
      tokens[2]?.value === '='
    ) {
      const folded = fold(tokens, 3, constants);
      if (folded && folded.next === tokens.length) constants.set(tokens[1].value, folded.value);
      else constants.delete(tokens[1].value);
    }
    if (region.kind === 'statement' && tokens[0] && LOADING_STATEMENTS.has(tokens[0].value)) {
      add(
        'gguf.chat-template-loads-template',
        'suspicious',
        'The chat template loads another template through the loader (include/extends/from).',
        tokens[0].at,
        tokens[0].value,
      );
    }

    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const prev = tokens[i - 1];
      if (t.kind === 'name') {
        if (isDunder(t.value) || (prev?.value === '.' && t.value.startsWith('_'))) {
          add(
            'gguf.chat-template-dunder',
            'unsafe',
            'The chat template reaches Python object internals (a dunder or private attribute), the first step of every Jinja sandbox escape.',
            t.at,
            t.value,
          );
        } else if (DANGEROUS_NAMES.has(t.value)) {
          add(
            'gguf.chat-template-dangerous-name',
            'unsafe',
            `The chat template names "${t.value}", which only code execution needs.`,
            t.at,
            t.value,
          );
        }
        // `|attr(x)` or `map('attr', x)`: the attribute name must be a plain literal
        if (t.value === 'attr' && prev?.value === '|' && tokens[i + 1]?.value === '(') {
          checkAttrArgument(tokens, i + 2, constants, add);
        }
        if (t.value === 'format' && prev?.value === '|') {
          const subject = findStringBefore(tokens, i - 1);
          if (subject !== undefined && /%c/.test(subject)) {
            add(
              'gguf.chat-template-built-name',
              'unsafe',
              'The chat template builds characters with %c formatting, a way to spell names the scanner would see.',
              t.at,
              '%c|format',
            );
          }
        }
      }
      if (
        t.kind === 'string' &&
        (prev?.value === '(' || prev?.value === ',') &&
        t.value === 'attr'
      ) {
        const call = tokens[i - 2];
        if (
          call?.kind === 'name' &&
          ['map', 'select', 'reject', 'selectattr', 'rejectattr'].includes(call.value)
        ) {
          checkAttrArgument(tokens, i + 2, constants, add);
        }
      }
      if (t.kind === 'string' || (t.kind === 'name' && constants.has(t.value)) || t.value === '(') {
        const folded = fold(tokens, i, constants);
        if (!folded) continue;
        const { value } = folded;
        // Only a string that is a whole name can be looked up (`attr`, subscripts): text such
        // as llama.cpp's `<__media__>` marker is not one.
        if (/^[A-Za-z0-9_]+$/.test(value) && isDunder(value)) {
          add(
            'gguf.chat-template-dunder',
            'unsafe',
            'The chat template spells a dunder or private name in a string, the way sandbox escapes hide attribute lookups.',
            t.at,
            JSON.stringify(value.slice(0, 60)),
          );
        } else if (DANGEROUS_NAMES.has(value)) {
          add(
            'gguf.chat-template-dangerous-name',
            'unsafe',
            `The chat template spells "${value}" in a string, which only code execution needs.`,
            t.at,
            JSON.stringify(value),
          );
        }
      }
    }
  }
  return findings;
}

function findStringBefore(tokens: readonly Token[], pipe: number): string | undefined {
  const before = tokens[pipe - 1];
  if (before?.kind === 'string') return before.value;
  return undefined;
}

function checkAttrArgument(
  tokens: readonly Token[],
  start: number,
  constants: ReadonlyMap<string, string>,
  add: (
    rule: string,
    severity: ModelFinding['severity'],
    message: string,
    at: number,
    evidence: string,
  ) => void,
): void {
  const arg = tokens[start];
  if (!arg) return;
  const folded = fold(tokens, start, constants);
  const closes = folded && [')', ','].includes(tokens[folded.next]?.value ?? '');
  if (folded && closes && !folded.built) return; // a plain literal: the name rules judged it
  if (folded && closes && !isDunder(folded.value) && /^[A-Za-z][A-Za-z0-9]*$/.test(folded.value))
    return;
  add(
    'gguf.chat-template-computed-attribute',
    'unsafe',
    'The chat template looks up an attribute whose name is computed, hiding which attribute it reaches.',
    arg.at,
    folded ? JSON.stringify(folded.value.slice(0, 60)) : `attr(${arg.value.slice(0, 40)} …)`,
  );
}
