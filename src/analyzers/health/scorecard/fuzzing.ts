/**
 * Scorecard's Fuzzing check.
 *
 * Scorecard source read: checks/raw/fuzzing.go (ClusterFuzzLite: `.clusterfuzzlite/Dockerfile`
 * with commands; OSS-Fuzz: the project listed in google/oss-fuzz, which needs that repository or
 * the network; language fuzz functions searched line by line in the files of the repository's
 * prominent languages: those with at least a quarter of the average size per language, sizes
 * from GitHub's language statistics, here from file sizes by extension) and
 * checks/evaluation/fuzzing.go (any fuzzer → 10, none → 0).
 */
import { mapPool } from '../../../core/pool.js';
import {
  MAX_SCORE,
  READ_CONCURRENCY,
  checkResult,
  containsCommands,
  evidenceLine,
  matchesPath,
  readText,
} from './common.js';
import type { CheckResult, RepoFiles } from './types.js';

interface LanguageFuzzer {
  readonly name: string;
  readonly files: readonly string[];
  readonly pattern: RegExp;
}

const FAST_CHECK =
  /(from\s+['"](fast-check|@fast-check\/(ava|jest|vitest))['"]|require\(\s*['"](fast-check|@fast-check\/(ava|jest|vitest))['"]\s*\))/;

/** Scorecard's `languageFuzzSpecs`, keyed by GitHub language name (lower case). */
const FUZZERS: Readonly<Record<string, LanguageFuzzer>> = {
  go: {
    name: 'GoBuiltInFuzzer',
    files: ['*_test.go'],
    pattern: /func\s+Fuzz\w+\s*\(\w+\s+\*testing.F\)/,
  },
  haskell: {
    name: 'HaskellPropertyBasedTesting',
    files: ['*.hs', '*.lhs'],
    pattern:
      /import\s+(qualified\s+)?Test\.((Hspec|Tasty)\.)?(QuickCheck|Hedgehog|Validity|SmallCheck)/,
  },
  javascript: { name: 'JavaScriptPropertyBasedTesting', files: ['*.js'], pattern: FAST_CHECK },
  typescript: { name: 'TypeScriptPropertyBasedTesting', files: ['*.ts'], pattern: FAST_CHECK },
  python: { name: 'PythonAtherisFuzzer', files: ['*.py'], pattern: /import atheris/ },
  c: { name: 'CLibFuzzer', files: ['*.c'], pattern: /LLVMFuzzerTestOneInput/ },
  'c++': { name: 'CppLibFuzzer', files: ['*.cc', '*.cpp'], pattern: /LLVMFuzzerTestOneInput/ },
  rust: { name: 'RustCargoFuzzer', files: ['*.rs'], pattern: /libfuzzer_sys/ },
  java: {
    name: 'JavaJazzerFuzzer',
    files: ['*.java'],
    pattern: /com.code_intelligence.jazzer.api.FuzzedDataProvider;/,
  },
  swift: { name: 'SwiftLibFuzzer', files: ['*.swift'], pattern: /LLVMFuzzerTestOneInput/ },
};

/** File extensions → GitHub (linguist) language, for the languages' relative sizes. */
const LANGUAGES: Readonly<Record<string, string>> = {
  go: 'go',
  hs: 'haskell',
  lhs: 'haskell',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  py: 'python',
  c: 'c',
  h: 'c',
  cc: 'c++',
  cpp: 'c++',
  cxx: 'c++',
  hpp: 'c++',
  hh: 'c++',
  rs: 'rust',
  java: 'java',
  swift: 'swift',
  rb: 'ruby',
  php: 'php',
  cs: 'c#',
  kt: 'kotlin',
  scala: 'scala',
  sh: 'shell',
  bash: 'shell',
  pl: 'perl',
  lua: 'lua',
  dart: 'dart',
  m: 'objective-c',
  html: 'html',
  css: 'css',
  scss: 'scss',
  vue: 'vue',
  zig: 'zig',
  ex: 'elixir',
  erl: 'erlang',
  clj: 'clojure',
  r: 'r',
  jl: 'julia',
  ml: 'ocaml',
  fs: 'f#',
  ps1: 'powershell',
  groovy: 'groovy',
};

/** The most files read for fuzz functions; beyond it the search stops. */
const MAX_FILES_READ = 20000;

/** Fuzzing: 10 when a fuzzer is found in the files, else 0 (OSS-Fuzz not checked offline). */
export async function fuzzing(files: RepoFiles): Promise<CheckResult> {
  const evidence: string[] = [];
  const fuzzers = new Set<string>();
  for (const path of files.list()) {
    if (path !== '.clusterfuzzlite/Dockerfile') continue;
    const text = await readText(files, path);
    if (text !== undefined && containsCommands(text)) {
      fuzzers.add('ClusterFuzzLite');
      evidence.push(evidenceLine(path, 1, 'ClusterFuzzLite configuration'));
    }
  }
  for (const language of prominentLanguages(files)) {
    const fuzzer = FUZZERS[language];
    if (fuzzer === undefined) continue;
    const paths = files
      .list()
      .filter((path) => fuzzer.files.some((p) => matchesPath(p, path, false)))
      .slice(0, MAX_FILES_READ);
    const hits = await mapPool(paths, READ_CONCURRENCY, async (path) => {
      const text = await readText(files, path);
      const out: string[] = [];
      text?.split('\n').forEach((line, i) => {
        const found = fuzzer.pattern.exec(line);
        if (found !== null) out.push(evidenceLine(path, i + 1, `${fuzzer.name}: ${found[0]}`));
      });
      return out;
    });
    for (const h of hits.flat()) {
      fuzzers.add(fuzzer.name);
      evidence.push(h);
    }
  }
  if (fuzzers.size > 0) return checkResult(MAX_SCORE, 'project is fuzzed', evidence);
  return checkResult(
    0,
    'project is not fuzzed (OSS-Fuzz enrolment is not checked: it needs the google/oss-fuzz project list)',
    evidence,
  );
}

/** Scorecard's `getProminentLanguages` over sizes by extension. */
export function prominentLanguages(files: RepoFiles): string[] {
  const sizes = new Map<string, number>();
  for (const path of files.list()) {
    if (/(^|\/)(node_modules|vendor|third_party)\//.test(path)) continue;
    const dot = path.lastIndexOf('.');
    if (dot === -1 || dot < path.lastIndexOf('/')) continue;
    const language = LANGUAGES[path.slice(dot + 1).toLowerCase()];
    if (language === undefined) continue;
    sizes.set(language, (sizes.get(language) ?? 0) + (files.size(path) ?? 0));
  }
  if (sizes.size === 0) return [];
  let total = 0;
  for (const s of sizes.values()) total += s;
  // Go integer arithmetic: (total / n) / 4.0 with an int avgLoC divides as integers.
  const threshold = Math.trunc(Math.trunc(total / sizes.size) / 4);
  return [...sizes]
    .filter(([, s]) => s >= threshold)
    .map(([l]) => l)
    .sort();
}
