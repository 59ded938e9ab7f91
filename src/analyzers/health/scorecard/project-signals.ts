/**
 * Project-file signals that Scorecard does not score but a maintainer's care shows in: tests,
 * CI that runs them, a committed lockfile, a changelog, contribution guidelines, code owners,
 * and what the security policy actually says (a way to reach someone, a disclosure process).
 * Every signal lists the files it rests on.
 */
import { basename, containsCommands, evidenceLine, readText, sortEvidence } from './common.js';
import type { RepoFiles } from './types.js';
import { loadWorkflows } from './workflow.js';

/** A signal that rests on files being present. */
export interface FileSignal {
  readonly present: boolean;
  /** Matching paths, sorted, at most {@link MAX_PATHS}. */
  readonly paths: readonly string[];
  /** How many paths matched (may exceed `paths.length`). */
  readonly count: number;
}

/** Continuous integration found in the repository. */
export interface CiSignal {
  readonly present: boolean;
  /** CI systems configured: `github-actions`, `gitlab-ci`, `circleci`, … sorted. */
  readonly systems: readonly string[];
  /** Whether some CI configuration runs a test command (`npm test`, `pytest`, `go test` …). */
  readonly runsTests: boolean;
  /** `path:line: what` for each configuration file and test command found. */
  readonly evidence: readonly string[];
}

/** What the security policy says. */
export interface SecurityPolicySignal {
  readonly present: boolean;
  readonly path?: string;
  /** An e-mail address, a URL or a GitHub security-advisory link to report to. */
  readonly hasContact: boolean;
  /** Words of a disclosure process: report, disclose, embargo, a response time. */
  readonly hasDisclosurePolicy: boolean;
  readonly evidence: readonly string[];
}

/** The project-file signals of one repository. */
export interface ProjectFileSignals {
  /** Test directories and test files, by each ecosystem's conventions. */
  readonly tests: FileSignal;
  readonly ci: CiSignal;
  /** Lockfiles committed (outside vendored trees). */
  readonly lockfiles: FileSignal;
  readonly changelog: FileSignal;
  readonly contributing: FileSignal;
  /** CODEOWNERS in any location GitHub or GitLab reads it from. */
  readonly codeowners: FileSignal;
  readonly securityPolicy: SecurityPolicySignal;
}

/** Most paths listed per signal. */
const MAX_PATHS = 20;
/** Most CI configuration files read. */
const MAX_CI_FILES = 200;

const VENDORED = /(^|\/)(node_modules|vendor|third_party|\.git)\//;

const TEST_DIR = /(^|\/)(tests?|__tests__|spec|specs|testing|e2e|integration-tests?)\//i;
const TEST_FILE = new RegExp(
  [
    '_test\\.(go|py|rs|exs|dart|cc|cpp|c)$',
    '\\.(test|spec)\\.(js|jsx|ts|tsx|mjs|cjs|mts|cts)$',
    '(^|/)test_[^/]+\\.py$',
    '(^|/)[^/]+(Test|Tests|IT)\\.(java|kt|scala|cs|swift)$',
    '_spec\\.rb$',
    '(^|/)[^/]+Test\\.php$',
  ].join('|'),
);

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
  'poetry.lock',
  'uv.lock',
  'pipfile.lock',
  'pdm.lock',
  'cargo.lock',
  'go.sum',
  'gemfile.lock',
  'composer.lock',
  'packages.lock.json',
  'gradle.lockfile',
  'mix.lock',
  'pubspec.lock',
  'package.resolved',
  'conan.lock',
  'flake.lock',
]);

const CHANGELOG =
  /^(changelog|changes|history|news|releases|release-notes|release_notes)(\.[a-z]+)?$/i;
const CONTRIBUTING = /^contributing(\.[a-z]+)?$/i;
const CODEOWNERS_PATHS = new Set([
  'codeowners',
  '.github/codeowners',
  'docs/codeowners',
  '.gitlab/codeowners',
]);
const SECURITY_PATHS = /^(\.github\/|docs?\/|\.gitlab\/)?security\.(md|markdown|adoc|rst|txt)$/i;

/** CI configuration files by system (workflows are handled through their parsed steps). */
const CI_FILES: readonly { readonly system: string; readonly path: RegExp }[] = [
  { system: 'gitlab-ci', path: /^\.gitlab-ci\.ya?ml$/ },
  { system: 'circleci', path: /^\.circleci\/config\.ya?ml$/ },
  { system: 'travis-ci', path: /^\.travis\.ya?ml$/ },
  { system: 'azure-pipelines', path: /^(\.azure-pipelines\/.*|azure-pipelines[^/]*)\.ya?ml$/ },
  { system: 'jenkins', path: /^Jenkinsfile$/ },
  { system: 'appveyor', path: /^\.?appveyor\.ya?ml$/ },
  { system: 'buildkite', path: /^\.buildkite\/[^/]+\.ya?ml$/ },
  { system: 'bitbucket-pipelines', path: /^bitbucket-pipelines\.ya?ml$/ },
  { system: 'drone', path: /^\.drone\.ya?ml$/ },
  { system: 'cirrus-ci', path: /^\.cirrus\.ya?ml$/ },
  { system: 'woodpecker', path: /^\.woodpecker(\.ya?ml|\/[^/]+\.ya?ml)$/ },
  { system: 'tekton', path: /^\.tekton\/[^/]+\.ya?ml$/ },
];

/**
 * Commands that run a test suite. Anchored at a command start (line start, `;`, `&&`, `|`) so
 * that `echo "run npm test"` in a message is not a test run.
 */
const TEST_COMMAND = new RegExp(
  '(^|[;&|(]\\s*|^\\s*-\\s*|\\b(run|script|command):\\s*|\\b(sh|bat|powershell)\\s*\\(?\\s*[\'"])(' +
    [
      '(npm|pnpm|yarn|bun)\\s+(run\\s+)?(test|tests|ci:test|test:[\\w:-]+)\\b',
      'npx\\s+(jest|vitest|mocha|ava|playwright\\s+test)\\b',
      '(jest|vitest|mocha|ava|karma|tap)(\\s|$)',
      '(python[\\d.]*\\s+-m\\s+)?(pytest|unittest|nose2|tox|nox)\\b',
      'hatch\\s+(run\\s+)?test',
      'go\\s+test\\b',
      'cargo\\s+(test|nextest)\\b',
      '(\\./)?mvnw?\\s+[^\\n]*\\b(test|verify|install|package)\\b',
      '(\\./)?gradlew?\\s+[^\\n]*\\b(test|check|build)\\b',
      'make\\s+([\\w-]+\\s+)*(test|check|tests)\\b',
      'ctest\\b',
      'bazel(isk)?\\s+test\\b',
      '(bundle\\s+exec\\s+)?(rspec|rake\\s+(test|spec))\\b',
      'dotnet\\s+test\\b',
      '(vendor/bin/)?phpunit\\b',
      'swift\\s+test\\b',
      'mix\\s+test\\b',
      'flutter\\s+test\\b',
      'dart\\s+test\\b',
      'deno\\s+test\\b',
    ].join('|') +
    ')',
  'm',
);

/** The project-file signals of a repository, from its files alone. */
export async function projectFileSignals(files: RepoFiles): Promise<ProjectFileSignals> {
  const list = files.list().filter((p) => !VENDORED.test(p));
  return {
    tests: signal(list.filter((p) => TEST_DIR.test(p) || TEST_FILE.test(p))),
    ci: await ciSignal(files, list),
    lockfiles: signal(list.filter((p) => LOCKFILES.has(basename(p).toLowerCase()))),
    changelog: signal(
      list.filter(
        (p) =>
          (topOrDocs(p) && CHANGELOG.test(basename(p))) ||
          /^(changelog|changes|\.changeset)\//i.test(p),
      ),
    ),
    contributing: signal(list.filter((p) => topOrDocs(p) && CONTRIBUTING.test(basename(p)))),
    codeowners: signal(list.filter((p) => CODEOWNERS_PATHS.has(p.toLowerCase()))),
    securityPolicy: await securitySignal(files, list),
  };
}

/** At the top level, in `.github/` or in `docs/`/`doc/`. */
function topOrDocs(path: string): boolean {
  return !path.includes('/') || /^(\.github|docs?)\/[^/]+$/i.test(path);
}

function signal(paths: readonly string[]): FileSignal {
  const sorted = [...paths].sort();
  return { present: sorted.length > 0, paths: sorted.slice(0, MAX_PATHS), count: sorted.length };
}

async function ciSignal(files: RepoFiles, list: readonly string[]): Promise<CiSignal> {
  const systems = new Set<string>();
  const evidence: string[] = [];
  let runsTests = false;
  const { workflows } = await loadWorkflows(files);
  if (workflows.length > 0) systems.add('github-actions');
  for (const workflow of workflows) {
    evidence.push(evidenceLine(workflow.path, 1, 'GitHub Actions workflow'));
    for (const job of workflow.jobs) {
      for (const step of job.steps) {
        if (step.run === undefined) continue;
        const m = TEST_COMMAND.exec(step.run.value);
        if (m === null) {
          // `make ci` under a step named "Run tests": the name says what the command hides.
          if (step.name === undefined || !/\btest(s|ing)?\b/i.test(step.name)) continue;
          runsTests = true;
          evidence.push(evidenceLine(workflow.path, step.line, `runs tests: step "${step.name}"`));
          continue;
        }
        runsTests = true;
        const before = step.run.value.slice(0, m.index + (m[1]?.length ?? 0));
        const line =
          step.run.line + (step.run.block === true ? 1 : 0) + before.split('\n').length - 1;
        evidence.push(evidenceLine(workflow.path, line, `runs tests: ${(m[4] ?? m[0]).trim()}`));
      }
    }
  }
  let read = 0;
  for (const path of list) {
    const ci = CI_FILES.find((c) => c.path.test(path));
    if (ci === undefined || ++read > MAX_CI_FILES) continue;
    const text = await readText(files, path);
    if (text === undefined || !containsCommands(text, ci.system === 'jenkins' ? '//' : '#')) {
      continue;
    }
    systems.add(ci.system);
    evidence.push(evidenceLine(path, 1, `${ci.system} configuration`));
    const m = TEST_COMMAND.exec(text);
    if (m === null) continue;
    runsTests = true;
    const line = text.slice(0, m.index + (m[1]?.length ?? 0)).split('\n').length;
    evidence.push(evidenceLine(path, line, `runs tests: ${(m[4] ?? m[0]).trim()}`));
  }
  return {
    present: systems.size > 0,
    systems: [...systems].sort(),
    runsTests,
    evidence: sortEvidence(evidence),
  };
}

const CONTACT_PATTERNS: readonly { readonly what: string; readonly re: RegExp }[] = [
  {
    what: 'GitHub security advisory link',
    re: /github\.com\/[^\s/]+\/[^\s/]+\/security\/advisories/i,
  },
  { what: 'e-mail', re: /\b[A-Za-z0-9._%+-]+(@|\s?\[at\]\s?)[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/ },
  { what: 'URL', re: /https?:\/\/[^\s)>\]]+/ },
  {
    what: 'private vulnerability reporting',
    re: /report a vulnerability|private vulnerability report/i,
  },
];

const DISCLOSURE_PATTERNS: readonly { readonly what: string; readonly re: RegExp }[] = [
  { what: 'how to report', re: /\breport(ing|ed|s)?\b/i },
  { what: 'disclosure', re: /disclos/i },
  { what: 'embargo', re: /embargo/i },
  {
    what: 'response time',
    re: /\b(within|in|under)\s+(\d+|one|two|three|five|seven|ten|fourteen|thirty)\s+(business\s+|working\s+)?(hours?|days?|weeks?)\b/i,
  },
];

async function securitySignal(
  files: RepoFiles,
  list: readonly string[],
): Promise<SecurityPolicySignal> {
  const path = list.filter((p) => SECURITY_PATHS.test(p)).sort(bySecurityPreference)[0];
  if (path === undefined) {
    return { present: false, hasContact: false, hasDisclosurePolicy: false, evidence: [] };
  }
  const text = (await readText(files, path, 256 * 1024)) ?? '';
  const evidence: string[] = [];
  const find = (patterns: typeof CONTACT_PATTERNS): boolean => {
    let found = false;
    text.split('\n').forEach((line, i) => {
      for (const p of patterns) {
        const m = p.re.exec(line);
        if (m === null) continue;
        found = true;
        evidence.push(evidenceLine(path, i + 1, `${p.what}: ${m[0]}`));
      }
    });
    return found;
  };
  const hasContact = find(CONTACT_PATTERNS);
  const hasDisclosurePolicy = find(DISCLOSURE_PATTERNS);
  return { present: true, path, hasContact, hasDisclosurePolicy, evidence: sortEvidence(evidence) };
}

/** Top-level SECURITY.md first, then .github/, then docs/ (the order GitHub shows them in). */
function bySecurityPreference(a: string, b: string): number {
  const rank = (p: string): number => (!p.includes('/') ? 0 : p.startsWith('.github/') ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}
