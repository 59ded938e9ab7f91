/**
 * Line numbers for package-lock entries (JSON.parse gives values but no positions), and the
 * position of the first syntax error of a malformed file.
 */
import { printParseErrorCode, visit } from 'jsonc-parser';

/** Which tree of the lockfile to index. */
export type EntryTree = 'packages' | 'dependencies';

type Frame =
  | { readonly kind: 'root' | 'packages' | 'skip' }
  | { readonly kind: 'deps' | 'entry'; readonly key: string };

/**
 * 1-based lines of the entries of `tree`, by entry key: v2/v3 `packages` keys as written
 * (`node_modules/a/node_modules/b`), and for the v1 `dependencies` tree the same
 * `node_modules/…` path the nesting stands for.
 *
 * Hand-written on purpose: the text has already been validated by JSON.parse, so tracking
 * braces and quotes is enough, and that single pass costs a fraction of a full tokenizer
 * (jsonc-parser's visitor, used below for error positions, is several times slower on a
 * multi-megabyte lockfile). Strings are skipped with indexOf; JSON strings hold no raw
 * newlines, so counting newlines outside strings gives exact lines.
 */
export function entryLines(text: string, tree: EntryTree): Map<string, number> {
  const lines = new Map<string, number>();
  const stack: Frame[] = [];
  let line = 1;
  let lastString: string | undefined;
  let lastStringLine = 0;
  let key: string | undefined;
  let keyLine = 0;

  function child(parent: Frame | undefined): Frame {
    if (parent === undefined) return { kind: 'root' };
    if (key === undefined) return { kind: 'skip' };
    switch (parent.kind) {
      case 'root':
        if (key !== tree) return { kind: 'skip' };
        return tree === 'packages' ? { kind: 'packages' } : { kind: 'deps', key: '' };
      case 'packages':
        lines.set(key, keyLine);
        return { kind: 'skip' };
      case 'deps': {
        const entryKey =
          parent.key === '' ? `node_modules/${key}` : `${parent.key}/node_modules/${key}`;
        lines.set(entryKey, keyLine);
        return { kind: 'entry', key: entryKey };
      }
      case 'entry':
        return key === 'dependencies' ? { kind: 'deps', key: parent.key } : { kind: 'skip' };
      default:
        return { kind: 'skip' };
    }
  }

  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    switch (c) {
      case 0x0a: // \n
        line++;
        break;
      case 0x22: {
        // "
        let end = text.indexOf('"', i + 1);
        while (end > 0) {
          let backslashes = 0;
          while (text.charCodeAt(end - 1 - backslashes) === 0x5c) backslashes++;
          if (backslashes % 2 === 0) break;
          end = text.indexOf('"', end + 1);
        }
        if (end < 0) return lines;
        // Keys are only decoded when an object may follow, i.e. inside frames that index.
        const top = stack[stack.length - 1];
        if (top === undefined || top.kind !== 'skip') {
          const raw = text.slice(i + 1, end);
          lastString = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
          lastStringLine = line;
        } else {
          lastString = undefined;
        }
        i = end;
        break;
      }
      case 0x3a: // :
        key = lastString;
        keyLine = lastStringLine;
        break;
      case 0x7b: {
        // {
        const top = stack[stack.length - 1];
        stack.push(top !== undefined && top.kind === 'skip' ? top : child(top));
        key = undefined;
        break;
      }
      case 0x5b: // [
        stack.push({ kind: 'skip' });
        key = undefined;
        break;
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        key = undefined;
        break;
      case 0x2c: // ,
        key = undefined;
        break;
      default:
        break;
    }
  }
  return lines;
}

/** The first syntax error of a JSON text, with its 1-based line, for a useful message. */
export function firstJsonError(text: string): { message: string; line: number } | undefined {
  let found: { message: string; line: number } | undefined;
  try {
    visit(
      text,
      {
        onError(code, _offset, _length, startLine) {
          found ??= { message: humanize(printParseErrorCode(code)), line: startLine + 1 };
        },
      },
      { disallowComments: true, allowTrailingComma: false },
    );
  } catch {
    return found;
  }
  return found;
}

/** `CloseBraceExpected` → `close brace expected`. */
function humanize(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
