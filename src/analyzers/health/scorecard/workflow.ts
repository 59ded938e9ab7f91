/**
 * GitHub Actions workflows, read the way Scorecard reads them through actionlint: events,
 * permissions, jobs and steps, each value with its line. Parsed with `yaml` (never run); only
 * the fixed paths below are walked, so nesting depth is bounded by construction.
 *
 * Scorecard source read: checks/fileparser/github_workflow.go (IsWorkflowFile,
 * IsGitHubOwnedAction, JobMatcher, IsPackagingWorkflow, GetShellForStep, GetOSesForJob).
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Node as YamlNode, YAMLMap } from 'yaml';
import { containsCommands, readText } from './common.js';
import type { RepoFiles } from './types.js';

/** A scalar value and the line it is on. */
export interface Located {
  readonly value: string;
  /** The value's line (for a `|`/`>` block scalar, the indicator's line, as actionlint). */
  readonly line: number;
  /** A block scalar: its text starts on the line after `line`. */
  readonly block?: boolean;
}

/** A `permissions:` block: `all` for `read-all`/`write-all`, else its scopes. */
export interface WorkflowPermissions {
  readonly line: number;
  readonly all?: Located;
  readonly scopes: readonly { readonly name: string; readonly value: Located }[];
}

/** One step of a job. */
export interface WorkflowStep {
  readonly line: number;
  readonly name?: string;
  readonly uses?: Located;
  readonly run?: Located;
  readonly shell?: string;
  readonly if?: string;
  readonly with: ReadonlyMap<string, Located>;
}

/** One job. */
export interface WorkflowJob {
  readonly id: string;
  readonly line: number;
  readonly name?: string;
  /** undefined when the job declares no `permissions`. */
  readonly permissions?: WorkflowPermissions;
  readonly steps: readonly WorkflowStep[];
  /** A reusable-workflow call (`jobs.<id>.uses`). */
  readonly uses?: Located;
  readonly runsOn: readonly string[];
  readonly defaultShell?: string;
  /** `strategy.matrix.os` values and `include` entries' `os`. */
  readonly matrixOs: readonly string[];
}

/** A parsed workflow file. */
export interface Workflow {
  readonly path: string;
  readonly events: readonly string[];
  /** undefined when the workflow declares no top-level `permissions`. */
  readonly permissions?: WorkflowPermissions;
  readonly jobs: readonly WorkflowJob[];
}

/** All workflows of a repository, and the files that could not be parsed. */
export interface WorkflowSet {
  readonly workflows: readonly Workflow[];
  /** `path:line: problem` for each workflow that is not valid YAML. */
  readonly errors: readonly string[];
}

/** More jobs or steps than this in one file is not a workflow anyone wrote by hand. */
const MAX_ITEMS = 2000;

/**
 * Scorecard's `IsWorkflowFile`: a `.yml`/`.yaml` file directly in `.github/workflows`
 * (directory compared case-insensitively).
 */
export function isWorkflowFile(path: string): boolean {
  if (!/\.(ya?ml)$/.test(path)) return false;
  const slash = path.lastIndexOf('/');
  return slash !== -1 && path.slice(0, slash).toLowerCase() === '.github/workflows';
}

/** Scorecard's `IsGitHubOwnedAction`: `actions/…` and `github/…`. */
export function isGitHubOwnedAction(uses: string): boolean {
  return uses.startsWith('actions/') || uses.startsWith('github/');
}

const cache = new WeakMap<RepoFiles, Promise<WorkflowSet>>();

/**
 * Every workflow of the repository that contains commands (Scorecard skips comment-only
 * files), parsed once per RepoFiles and shared by the checks.
 */
export function loadWorkflows(files: RepoFiles): Promise<WorkflowSet> {
  let pending = cache.get(files);
  if (pending === undefined) {
    pending = readWorkflows(files);
    cache.set(files, pending);
  }
  return pending;
}

async function readWorkflows(files: RepoFiles): Promise<WorkflowSet> {
  const workflows: Workflow[] = [];
  const errors: string[] = [];
  for (const path of files.list()) {
    if (!isWorkflowFile(path)) continue;
    const text = await readText(files, path);
    if (text === undefined || !containsCommands(text)) continue;
    const parsed = parseWorkflow(path, text);
    if (typeof parsed === 'string') errors.push(parsed);
    else workflows.push(parsed);
  }
  return { workflows, errors };
}

/** Parses one workflow; a string (`path:line: problem`) when it is not valid YAML. */
export function parseWorkflow(path: string, text: string): Workflow | string {
  const lineCounter = new LineCounter();
  // The document is walked as nodes, never converted with toJS, so aliases are not expanded
  // (no billion-laughs blow-up): an alias where a map is expected is simply not read.
  // (`prettyErrors` off: the library's excerpt for each error is quadratic over a long line of
  // errors; the line is counted apart.)
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const firstError = doc.errors[0];
  if (firstError !== undefined) {
    const line = lineCounter.linePos(firstError.pos[0]).line;
    return `${path}:${line}: not valid YAML: ${firstError.message.split('\n')[0] ?? ''}`;
  }
  const lineOf = (node: YamlNode | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  const root = doc.contents;
  if (!isMap(root)) return { path, events: [], jobs: [] };

  const events = readEvents(get(root, 'on'));
  const permissions = readPermissions(get(root, 'permissions'), lineOf);
  const jobs: WorkflowJob[] = [];
  const jobsNode = get(root, 'jobs');
  if (isMap(jobsNode)) {
    for (const pair of jobsNode.items.slice(0, MAX_ITEMS)) {
      const id = scalarString(pair.key as YamlNode);
      if (id === undefined || !isMap(pair.value)) continue;
      jobs.push(readJob(id, lineOf(pair.key as YamlNode), pair.value, lineOf));
    }
  }
  return { path, events, jobs, ...(permissions !== undefined ? { permissions } : {}) };
}

type LineOf = (node: YamlNode | null | undefined) => number;

function readJob(id: string, line: number, job: YAMLMap, lineOf: LineOf): WorkflowJob {
  const steps: WorkflowStep[] = [];
  const stepsNode = get(job, 'steps');
  if (isSeq(stepsNode)) {
    for (const item of stepsNode.items.slice(0, MAX_ITEMS)) {
      if (!isMap(item)) continue;
      steps.push(readStep(item, lineOf));
    }
  }
  const permissions = readPermissions(get(job, 'permissions'), lineOf);
  const uses = located(get(job, 'uses'), lineOf);
  const name = scalarString(get(job, 'name'));
  const defaults = get(job, 'defaults');
  const run = isMap(defaults) ? get(defaults, 'run') : undefined;
  const defaultShell = isMap(run) ? scalarString(get(run, 'shell')) : undefined;
  return {
    id,
    line,
    steps,
    runsOn: readRunsOn(get(job, 'runs-on')),
    matrixOs: readMatrixOs(get(job, 'strategy')),
    ...(name !== undefined ? { name } : {}),
    ...(permissions !== undefined ? { permissions } : {}),
    ...(uses !== undefined ? { uses } : {}),
    ...(defaultShell !== undefined ? { defaultShell } : {}),
  };
}

function readStep(step: YAMLMap, lineOf: LineOf): WorkflowStep {
  const withInputs = new Map<string, Located>();
  const withNode = get(step, 'with');
  if (isMap(withNode)) {
    for (const pair of withNode.items.slice(0, MAX_ITEMS)) {
      const key = scalarString(pair.key as YamlNode);
      const value = located(pair.value as YamlNode, lineOf);
      if (key !== undefined && value !== undefined) withInputs.set(key, value);
    }
  }
  const uses = located(get(step, 'uses'), lineOf);
  const run = located(get(step, 'run'), lineOf);
  const shell = scalarString(get(step, 'shell'));
  const condition = scalarString(get(step, 'if'));
  const name = scalarString(get(step, 'name'));
  return {
    line: lineOf(step),
    ...(name !== undefined ? { name } : {}),
    with: withInputs,
    ...(uses !== undefined ? { uses } : {}),
    ...(run !== undefined ? { run } : {}),
    ...(shell !== undefined ? { shell } : {}),
    ...(condition !== undefined ? { if: condition } : {}),
  };
}

function readEvents(node: YamlNode | null | undefined): string[] {
  if (isScalar(node)) return strings(node);
  if (isSeq(node)) return strings(node);
  if (isMap(node)) {
    return node.items.flatMap((p) => {
      const s = scalarString(p.key as YamlNode);
      return s === undefined ? [] : [s];
    });
  }
  return [];
}

function readPermissions(
  node: YamlNode | null | undefined,
  lineOf: LineOf,
): WorkflowPermissions | undefined {
  // `permissions:` with no value is declared (actionlint gives an empty block); absent is not.
  if (node === undefined) return undefined;
  const line = lineOf(node);
  if (isScalar(node)) {
    const value = scalarString(node) ?? '';
    return { line, scopes: [], ...(value !== '' ? { all: { value, line } } : {}) };
  }
  if (!isMap(node)) return { line, scopes: [] };
  const scopes: { name: string; value: Located }[] = [];
  for (const pair of node.items.slice(0, MAX_ITEMS)) {
    const name = scalarString(pair.key as YamlNode);
    const value = located(pair.value as YamlNode, lineOf);
    if (name !== undefined && value !== undefined) scopes.push({ name, value });
  }
  return { line, scopes };
}

function readRunsOn(node: YamlNode | null | undefined): string[] {
  if (isScalar(node)) return strings(node);
  if (isSeq(node)) return node.items.flatMap((i) => strings(i as YamlNode));
  if (isMap(node)) return strings(get(node, 'labels'));
  return [];
}

function readMatrixOs(strategy: YamlNode | null | undefined): string[] {
  if (!isMap(strategy)) return [];
  const matrix = get(strategy, 'matrix');
  if (!isMap(matrix)) return [];
  const out = strings(get(matrix, 'os'));
  const include = get(matrix, 'include');
  if (isSeq(include)) {
    for (const item of include.items.slice(0, MAX_ITEMS)) {
      if (isMap(item)) out.push(...strings(get(item, 'os')));
    }
  }
  return out;
}

function strings(node: YamlNode | null | undefined): string[] {
  if (isScalar(node)) {
    const s = scalarString(node);
    return s === undefined ? [] : [s];
  }
  if (isSeq(node)) {
    return node.items.flatMap((i) => {
      const s = scalarString(i as YamlNode);
      return s === undefined ? [] : [s];
    });
  }
  return [];
}

function get(map: YAMLMap, key: string): YamlNode | null | undefined {
  for (const pair of map.items) {
    if (scalarString(pair.key as YamlNode) === key) return (pair.value ?? null) as YamlNode | null;
  }
  return undefined;
}

function scalarString(node: YamlNode | null | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
    ? String(v)
    : undefined;
}

function located(node: YamlNode | null | undefined, lineOf: LineOf): Located | undefined {
  const value = scalarString(node);
  if (value === undefined) return undefined;
  const block = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
  return { value, line: lineOf(node), ...(block ? { block } : {}) };
}

/** One step (or reusable-workflow call) of Scorecard's `JobMatcher`. */
export interface StepMatcher {
  /** The step's `uses` must start with this plus `@`. */
  readonly uses?: string;
  /** The step's `with` must have these exact values. */
  readonly with?: Readonly<Record<string, string>>;
  /** A regular expression the step's `run` (line continuations removed) must match. */
  readonly run?: RegExp;
}

/** Scorecard's `JobMatcher`: every step matcher matches some step of the job. */
export interface JobMatcher {
  readonly steps: readonly StepMatcher[];
  readonly logText: string;
}

/**
 * Scorecard's `AnyJobsMatch`: the first job (in file order) and matcher that match. As in
 * Scorecard, a reusable-workflow call whose `uses` starts with one step's `uses@` matches the
 * whole matcher.
 */
export function anyJobMatches(
  workflow: Workflow,
  matchers: readonly JobMatcher[],
): { job: WorkflowJob; matcher: JobMatcher } | undefined {
  for (const job of workflow.jobs) {
    for (const matcher of matchers) {
      if (jobMatches(job, matcher)) return { job, matcher };
    }
  }
  return undefined;
}

function jobMatches(job: WorkflowJob, matcher: JobMatcher): boolean {
  for (const want of matcher.steps) {
    if (job.uses !== undefined && job.uses.value.startsWith(`${want.uses ?? ''}@`)) return true;
    if (!job.steps.some((step) => stepMatches(want, step))) return false;
  }
  return true;
}

function stepMatches(want: StepMatcher, step: WorkflowStep): boolean {
  if (want.uses !== undefined) {
    if (step.uses === undefined || !step.uses.value.startsWith(`${want.uses}@`)) return false;
  }
  if (want.with !== undefined) {
    if (step.uses === undefined) return false;
    for (const [key, value] of Object.entries(want.with)) {
      if (step.with.get(key)?.value !== value) return false;
    }
  }
  if (want.run !== undefined) {
    if (step.run === undefined) return false;
    const joined = step.run.value.replace(/\\(\r\n|\n|\r)/g, '');
    if (!want.run.test(joined)) return false;
  }
  return true;
}

/**
 * Scorecard's `IsPackagingWorkflow` matchers (checks/fileparser/github_workflow.go). The ko
 * matcher requires both setup actions in one job, as Scorecard's code does.
 */
export const PACKAGING_MATCHERS: readonly JobMatcher[] = [
  {
    steps: [
      { uses: 'actions/setup-node', with: { 'registry-url': 'https://registry.npmjs.org' } },
      { run: /npm.*publish/ },
    ],
    logText: 'candidate node publishing workflow using npm',
  },
  {
    steps: [{ uses: 'actions/setup-java' }, { run: /mvn.*deploy/ }],
    logText: 'candidate java publishing workflow using maven',
  },
  {
    steps: [{ uses: 'actions/setup-java' }, { run: /gradle.*publish/ }],
    logText: 'candidate java publishing workflow using gradle',
  },
  { steps: [{ run: /gem.*push/ }], logText: 'candidate ruby publishing workflow using gem' },
  { steps: [{ run: /nuget.*push/ }], logText: 'candidate nuget publishing workflow' },
  { steps: [{ run: /docker.*push/ }], logText: 'candidate docker publishing workflow' },
  {
    steps: [{ uses: 'docker/build-push-action' }],
    logText: 'candidate docker publishing workflow',
  },
  {
    steps: [{ uses: 'pypa/gh-action-pypi-publish' }],
    logText: 'candidate python publishing workflow using pypi',
  },
  {
    steps: [{ uses: 'relekang/python-semantic-release' }],
    logText: 'candidate python publishing workflow using python-semantic-release',
  },
  {
    steps: [{ uses: 'actions/setup-go' }, { uses: 'goreleaser/goreleaser-action' }],
    logText: 'candidate golang publishing workflow',
  },
  { steps: [{ run: /cargo.*publish/ }], logText: 'candidate rust publishing workflow using cargo' },
  {
    steps: [{ uses: 'imjasonh/setup-ko' }, { uses: 'ko-build/setup-ko' }],
    logText: 'candidate container publishing workflow using ko',
  },
];

/**
 * The shell a `run:` step uses (Scorecard's `GetShellForStep`): the step's `shell`, the job's
 * `defaults.run.shell`, `pwsh` when the step's `if` or every OS the job runs on is Windows,
 * else `bash`. Undefined when the job's OS comes from an empty `matrix.os` (Scorecard records a
 * processing error and skips the step).
 */
export function shellForStep(step: WorkflowStep, job: WorkflowJob): string | undefined {
  if (step.shell !== undefined && step.shell !== '') return step.shell;
  if (job.defaultShell !== undefined && job.defaultShell !== '') return job.defaultShell;
  if (step.if !== undefined && isWindowsCondition(step.if)) return 'pwsh';
  const oses = jobOses(job);
  if (oses === undefined) return undefined;
  if (oses.every((os) => os.toLowerCase().startsWith('windows'))) return 'pwsh';
  return 'bash';
}

function isWindowsCondition(condition: string): boolean {
  return (
    /runner\.os\s*==\s*['"]windows['"]/i.test(condition) ||
    /\$\{\{\s*startsWith\(runner\.os,\s*['"]windows['"]\)/i.test(condition) ||
    /matrix\.os\s*==\s*['"]windows-/i.test(condition)
  );
}

function jobOses(job: WorkflowJob): string[] | undefined {
  const labels = job.runsOn;
  const fromMatrix = labels.length === 1 && (labels[0] ?? '').includes('matrix.os');
  if (!fromMatrix) return [...labels];
  const oses = job.matrixOs.map((os) => os.replace(/^['"]+|['"]+$/g, ''));
  return oses.length === 0 ? undefined : oses;
}
