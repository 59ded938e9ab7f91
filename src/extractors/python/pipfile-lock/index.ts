/**
 * `Pipfile.lock` (pipenv, JSON).
 *
 * Sections: `default` is production, `develop` is the `dev` group, and any other top-level
 * object besides `_meta` is a pipenv custom category (group named after it). A package locked
 * in `default` and in another section is production. Entries without an `==` pin (editable
 * git/path installs) have no version to report and are skipped. The lockfile lists every
 * resolved package, transitive ones included, without saying which ones the project asked for;
 * the `Pipfile` beside it does, when present. There are no dependency edges.
 */
import { createScanner } from 'jsonc-parser';
import type { ExtractInput, ExtractResult, Extractor, FileEntry } from '../../../core/extractor.js';
import type { ComponentSource } from '../../../core/types.js';
import { InputError } from '../../../core/errors.js';
import { addHashString } from '../shared/hashes.js';
import { siblingPipfile } from '../shared/manifest.js';
import { MAX_PACKAGES, packageKey } from '../shared/names.js';
import { parseJsonObject } from '../shared/parse.js';
import {
  applyDeclared,
  lockfileResult,
  newDraft,
  sortedUnique,
  type Draft,
  type Warning,
} from '../shared/records.js';
import { localSource } from '../shared/sources.js';
import { asString, asTable, entriesOf, isTable, type Table } from '../shared/values.js';

const WHAT = 'a Pipfile.lock written by pipenv';

/**
 * jsonc-parser's `SyntaxKind` token codes. Its typings declare a `const enum`, which
 * `verbatimModuleSyntax` cannot import, so the few codes used are repeated here.
 */
const Token = {
  OpenBrace: 1,
  CloseBrace: 2,
  OpenBracket: 3,
  CloseBracket: 4,
  Comma: 5,
  StringLiteral: 10,
  EOF: 17,
} as const;

/**
 * Line of each `"<section>": { "<name>": … }` key. Hand-written over jsonc-parser's tokenizer
 * because JSON.parse keeps no positions and jsonc-parser's tree builder recurses per nesting
 * level; the tokenizer is a flat loop. Maps section → name → 1-based line (first occurrence).
 */
export function sectionKeyLines(text: string): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>();
  const scanner = createScanner(text, true);
  const stack: { readonly kind: '{' | '['; readonly key: string | undefined }[] = [];
  let expectKey = false;
  let pendingKey: string | undefined;
  for (let kind: number = scanner.scan(); kind !== Token.EOF; kind = scanner.scan()) {
    switch (kind) {
      case Token.OpenBrace:
        stack.push({ kind: '{', key: pendingKey });
        pendingKey = undefined;
        expectKey = true;
        break;
      case Token.OpenBracket:
        stack.push({ kind: '[', key: pendingKey });
        pendingKey = undefined;
        expectKey = false;
        break;
      case Token.CloseBrace:
      case Token.CloseBracket:
        stack.pop();
        expectKey = false;
        break;
      case Token.Comma:
        expectKey = stack[stack.length - 1]?.kind === '{';
        break;
      case Token.StringLiteral: {
        if (!expectKey) break;
        expectKey = false;
        const name = scanner.getTokenValue();
        pendingKey = name;
        const section = stack[1]?.key;
        if (
          stack.length === 2 &&
          stack[0]?.kind === '{' &&
          stack[1]?.kind === '{' &&
          section !== undefined
        ) {
          let names = result.get(section);
          if (names === undefined) result.set(section, (names = new Map<string, number>()));
          if (!names.has(name)) names.set(name, scanner.getTokenStartLine() + 1);
        }
        break;
      }
      default:
        // Values (numbers, literals) and `:` change nothing; a key's value follows its colon.
        break;
    }
  }
  return result;
}

/** `==1.2.3` (or `===1.2.3`) → `1.2.3`; anything else is not a pin. */
function pinnedVersion(spec: string | undefined): string | undefined {
  const match = spec === undefined ? null : /^\s*===?\s*([^\s,;]+)\s*$/.exec(spec);
  return match ? match[1] : undefined;
}

function pipenvSource(entry: Table): ComponentSource | undefined {
  const git = asString(entry.git);
  if (git !== undefined) {
    const ref = asString(entry.ref);
    // pipenv locks `ref` to the resolved commit; a branch or tag name is not a commit.
    const commit = ref !== undefined && /^[0-9a-f]{7,64}$/i.test(ref) ? ref : undefined;
    return { type: 'git', url: git, ...(commit !== undefined ? { commit } : {}) };
  }
  const local = asString(entry.path);
  if (local !== undefined) return localSource(local, entry.editable === true);
  const file = asString(entry.file);
  if (file !== undefined)
    return {
      type: /^[a-z][a-z0-9+.-]*:\/\//i.test(file) && !file.startsWith('file:') ? 'url' : 'file',
      url: file,
    };
  return undefined;
}

async function extract(input: ExtractInput): Promise<ExtractResult> {
  const path = input.entry.path;
  const text = await input.fs.readText(path);
  const doc = parseJsonObject(text, path, WHAT);
  const lines = sectionKeyLines(text);
  const sections: [string, string[]][] = [
    ['default', []],
    ['develop', ['dev']],
    ...Object.keys(doc)
      .filter((k) => k !== '_meta' && k !== 'default' && k !== 'develop' && isTable(doc[k]))
      .map((k): [string, string[]] => [k, [k]]),
  ];
  const warnings: Warning[] = [];
  const drafts = new Map<string, Draft>();
  for (const [section, groups] of sections) {
    for (const [name, value] of entriesOf(doc[section])) {
      const entry = asTable(value);
      if (entry === undefined) continue;
      const version = pinnedVersion(asString(entry.version));
      if (version === undefined) continue;
      const key = packageKey(name, version);
      const existing = drafts.get(key);
      if (existing !== undefined) {
        // Production wins: a package needed at run time is not a dev-only package.
        if (existing.groups.length > 0)
          existing.groups =
            groups.length === 0 ? [] : sortedUnique([...existing.groups, ...groups]);
        continue;
      }
      if (drafts.size >= MAX_PACKAGES) {
        throw new InputError(
          `${path}: more than ${MAX_PACKAGES} packages, the most openvet reads from one file`,
          { code: 'OPENVET_E_TOO_LARGE' },
        );
      }
      const draft = newDraft(name, version, key, lines.get(section)?.get(name));
      draft.groups = groups;
      draft.source = pipenvSource(entry);
      if (Array.isArray(entry.hashes))
        for (const hash of entry.hashes) addHashString(draft.hashes, hash);
      drafts.set(key, draft);
    }
  }

  const manifest = await siblingPipfile(input);
  if (manifest.warning) warnings.push(manifest.warning);
  const list = [...drafts.values()];
  return lockfileResult(list, applyDeclared(list, manifest.declared), warnings);
}

/** `Pipfile.lock`. */
export const extractor = {
  name: 'python/pipfile-lock',
  ecosystem: 'PyPI',
  requiresNetwork: false,
  target: 'file',
  required(entry: FileEntry): boolean {
    return entry.base === 'Pipfile.lock';
  },
  extract,
} satisfies Extractor;
