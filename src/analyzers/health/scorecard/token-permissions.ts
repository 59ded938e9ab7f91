/**
 * Scorecard's Token-Permissions check.
 *
 * Scorecard source read: checks/raw/permissions.go (what is recorded per workflow: top-level
 * permissions or "undeclared"; each job's permissions or "undeclared"; write scopes of interest,
 * with `packages`, `contents` and `security-events` ignored at job level in packaging, release /
 * GitHub Pages and SARIF-upload workflows), probes/{hasGitHubWorkflowPermissionUndeclared,
 * jobLevelPermissions,topLevelPermissions}/impl.go (which records become findings) and
 * checks/evaluation/permissions.go (the deductions, applied in the probes' order).
 *
 * Scorecard's docs describe the check as "top-level read-only, job-level writes where needed";
 * the code's arithmetic is what is followed here: an undeclared top level costs 0.5 (0 when a
 * job is undeclared too); top-level `contents`/`packages`/`actions: write` cost 10,
 * `deployments`/`security-events` 1, `checks`/`statuses` 0.5; top-level `write-all` costs 0.5
 * (0 with any job-level write or undeclared job); the final score is truncated to an integer.
 */
import { MAX_SCORE, checkResult, evidenceLine } from './common.js';
import type { CheckResult, RepoFiles } from './types.js';
import {
  PACKAGING_MATCHERS,
  anyJobMatches,
  loadWorkflows,
  type JobMatcher,
  type Workflow,
  type WorkflowPermissions,
} from './workflow.js';

const OF_INTEREST = [
  'statuses',
  'checks',
  'security-events',
  'deployments',
  'contents',
  'packages',
  'actions',
];

type Level = 'write' | 'read' | 'none' | 'undeclared' | 'unknown';

/** One raw record (Scorecard's checker.TokenPermission). */
interface TokenRecord {
  readonly path: string;
  readonly line: number;
  readonly location: 'top' | 'job';
  readonly level: Level;
  /** The scope (`contents`), undefined for `read-all`/`write-all` and undeclared. */
  readonly name?: string;
  readonly value?: string;
}

const RELEASE_MATCHERS: readonly JobMatcher[] = [
  { steps: [{ uses: 'relekang/python-semantic-release' }], logText: 'python-semantic-release' },
  {
    steps: [{ uses: 'actions/setup-go' }, { uses: 'goreleaser/goreleaser-action' }],
    logText: 'golang publishing workflow',
  },
  {
    steps: [
      { uses: 'slsa-framework/slsa-github-generator/.github/workflows/builder_go_slsa3.yml' },
    ],
    logText: 'SLSA publishing workflow',
  },
  {
    steps: [
      {
        uses: 'slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml',
      },
    ],
    logText: 'SLSA publishing workflow',
  },
  { steps: [{ run: /.*mvn.*release:prepare.*/ }], logText: 'mvn release workflow' },
];

const PAGES_MATCHERS: readonly JobMatcher[] = [
  { steps: [{ uses: 'peaceiris/actions-gh-pages' }], logText: 'GitHub Pages deployment' },
];

const SARIF_ACTIONS = new Set([
  'github/codeql-action/analyze',
  'github/codeql-action/upload-sarif',
  'ossf/scorecard-action',
]);

/** Token-Permissions, from the workflows' `permissions` blocks. */
export async function tokenPermissions(files: RepoFiles): Promise<CheckResult> {
  const { workflows, errors } = await loadWorkflows(files);
  const records = workflows.flatMap(collect);
  const evidence: string[] = [...errors];
  if (workflows.length === 0) return checkResult(null, 'No tokens found', evidence);

  let score = MAX_SCORE;
  const topWrite = new Set<string>();
  const jobWrite = new Set<string>();
  const topUndeclared = new Set<string>();
  const jobUndeclared = new Set<string>();
  let minimum = false;

  // Probe hasGitHubWorkflowPermissionUndeclared.
  for (const r of records) {
    if (r.level !== 'undeclared') continue;
    if (r.location === 'job') {
      jobUndeclared.add(r.path);
      if (topWrite.has(r.path) || topUndeclared.has(r.path)) score = 0;
    } else {
      evidence.push(evidenceLine(r.path, r.line, 'no top level permission defined'));
      topUndeclared.add(r.path);
      if (jobUndeclared.has(r.path)) score = 0;
      else score -= 0.5;
    }
  }
  // Probe jobLevelPermissions: named write scopes only (a job's `write-all` has no name).
  for (const r of records) {
    if (r.location !== 'job' || r.level !== 'write' || r.name === undefined) continue;
    evidence.push(evidenceLine(r.path, r.line, `job level '${r.name}' permission set to 'write'`));
    jobWrite.add(r.path);
    if (topWrite.has(r.path)) score = 0;
    else if (topUndeclared.has(r.path)) score -= 0.5;
  }
  // Probe topLevelPermissions.
  for (const r of records) {
    if (r.location !== 'top' || r.level !== 'write') continue;
    const token = r.value === 'write-all' ? 'write-all' : r.name;
    if (token === undefined) continue;
    topWrite.add(r.path);
    if (token !== 'write-all' && token !== 'all') {
      evidence.push(evidenceLine(r.path, r.line, `top level '${token}' permission set to 'write'`));
      score -= deduction(token);
      continue;
    }
    evidence.push(evidenceLine(r.path, r.line, `top level permissions set to '${r.value ?? ''}'`));
    if (jobWrite.has(r.path) || jobUndeclared.has(r.path)) {
      minimum = true;
      break;
    }
    score -= 0.5;
  }
  if (minimum) score = 0;
  const final = Math.max(0, Math.trunc(score));
  if (final !== MAX_SCORE) {
    return checkResult(
      final,
      'detected GitHub workflow tokens with excessive permissions',
      evidence,
    );
  }
  return checkResult(
    MAX_SCORE,
    'GitHub workflow tokens follow principle of least privilege',
    evidence,
  );
}

function deduction(token: string): number {
  switch (token) {
    case 'checks':
    case 'statuses':
      return 0.5;
    case 'contents':
    case 'packages':
    case 'actions':
      return MAX_SCORE;
    case 'deployments':
    case 'security-events':
      return 1;
    default:
      return 0;
  }
}

/** The raw records of one workflow, in Scorecard's order: top level, then each job. */
function collect(workflow: Workflow): TokenRecord[] {
  const out: TokenRecord[] = [];
  const path = workflow.path;
  if (workflow.permissions === undefined) {
    out.push({ path, line: 1, location: 'top', level: 'undeclared' });
  } else {
    out.push(...fromPermissions(path, 'top', workflow.permissions, new Set()));
  }
  const ignored = ignoredPermissions(workflow);
  for (const job of workflow.jobs) {
    if (job.permissions === undefined) {
      out.push({ path, line: job.line, location: 'job', level: 'undeclared' });
      continue;
    }
    out.push(...fromPermissions(path, 'job', job.permissions, ignored));
  }
  return out;
}

function fromPermissions(
  path: string,
  location: 'top' | 'job',
  permissions: WorkflowPermissions,
  ignored: ReadonlySet<string>,
): TokenRecord[] {
  const all = permissions.all;
  if (all !== undefined) {
    const lower = all.value.toLowerCase();
    const level: Level = lower === 'read-all' ? 'read' : 'write';
    return [{ path, line: all.line, location, level, value: all.value }];
  }
  if (permissions.scopes.length === 0) {
    return [{ path, line: permissions.line, location, level: 'none' }];
  }
  return permissions.scopes.map(({ name, value }) => {
    let level: Level;
    if (value.value.toLowerCase() === 'write') {
      const interesting = OF_INTEREST.some((p) => p === name.toLowerCase() && !ignored.has(p));
      level = interesting ? 'write' : 'unknown';
    } else if (value.value === 'read' || value.value === 'read-all') level = 'read';
    else if (value.value === 'none') level = 'none';
    else level = 'unknown';
    return { path, line: value.line, location, level, name, value: value.value };
  });
}

/** Job-level write scopes a workflow legitimately needs (Scorecard's createIgnoredPermissions). */
function ignoredPermissions(workflow: Workflow): Set<string> {
  const ignored = new Set<string>();
  if (anyJobMatches(workflow, PACKAGING_MATCHERS) !== undefined) ignored.add('packages');
  if (
    anyJobMatches(workflow, RELEASE_MATCHERS) !== undefined ||
    anyJobMatches(workflow, PAGES_MATCHERS) !== undefined
  ) {
    ignored.add('contents');
  }
  const sarif = workflow.jobs.some((job) =>
    job.steps.some((s) => SARIF_ACTIONS.has((s.uses?.value ?? '').split('@')[0] ?? '')),
  );
  if (sarif) ignored.add('security-events');
  return ignored;
}
