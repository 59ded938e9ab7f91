/**
 * Line numbers for package-lock entries, found in one streaming pass over the JSON text with
 * jsonc-parser's visitor (JSON.parse gives values but no positions). Only the objects that
 * hold entries are walked into; everything else is skipped without callbacks.
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
 */
export function entryLines(text: string, tree: EntryTree): Map<string, number> {
  const lines = new Map<string, number>();
  const stack: Frame[] = [];
  let property: string | undefined;
  let propertyLine = 0;

  function child(parent: Frame | undefined, key: string | undefined): Frame {
    if (parent === undefined) return { kind: 'root' };
    if (key === undefined) return { kind: 'skip' };
    switch (parent.kind) {
      case 'root':
        if (key !== tree) return { kind: 'skip' };
        return tree === 'packages' ? { kind: 'packages' } : { kind: 'deps', key: '' };
      case 'packages':
        lines.set(key, propertyLine + 1);
        return { kind: 'skip' };
      case 'deps': {
        const entryKey = parent.key === '' ? `node_modules/${key}` : `${parent.key}/node_modules/${key}`;
        lines.set(entryKey, propertyLine + 1);
        return { kind: 'entry', key: entryKey };
      }
      case 'entry':
        return key === 'dependencies' ? { kind: 'deps', key: parent.key } : { kind: 'skip' };
      default:
        return { kind: 'skip' };
    }
  }

  try {
    visit(text, {
      onObjectProperty(name, _offset, _length, startLine) {
        property = name;
        propertyLine = startLine;
      },
      onObjectBegin() {
        const frame = child(stack[stack.length - 1], property);
        property = undefined;
        stack.push(frame);
        return frame.kind !== 'skip';
      },
      onObjectEnd() {
        stack.pop();
      },
      onArrayBegin() {
        property = undefined;
        stack.push({ kind: 'skip' });
        return false;
      },
      onArrayEnd() {
        stack.pop();
      },
      onLiteralValue() {
        property = undefined;
      },
    });
  } catch {
    // The visitor recurses; absurdly deep nesting that JSON.parse accepted only costs the lines.
    return new Map();
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
