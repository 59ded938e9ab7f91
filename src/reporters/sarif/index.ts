/**
 * `--format sarif`: SARIF 2.1.0 for CI systems, shaped for GitHub code scanning: one run, the
 * rules with help text, one result per finding located at the manifest line (GitHub rejects a
 * result without a location), and a stable fingerprint so alerts survive edits.
 *
 * Written by hand rather than with node-sarif-builder: the log is plain JSON and this module
 * is shorter than the glue code a builder would need; the tests validate it against the
 * official schema.
 *
 * Paths: SARIF locations are relative to the repository root (`%SRCROOT%`). openvet's
 * locations are relative to the scanned directory, so when the target path is a relative
 * folder inside the working directory (`openvet scan services/api`), it is prefixed; CI runs
 * from the repository root.
 */
import path from 'node:path';
import type { Reporter } from '../../core/reporter.js';
import type {
  AdvisoryEvidence,
  Finding,
  Location,
  ScanResult,
  Severity,
} from '../../core/types.js';
import { modelSummaries } from '../model-summary.js';
import { PROJECT_URL, plainHelp, RULES, ruleHelp, type RuleHelp } from '../rule-help.js';
import {
  componentIndex,
  findingLocation,
  findingSubject,
  firstLocation,
  sortFindings,
} from '../summary.js';

/** The schema a SARIF 2.1.0 log names. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Readonly<Record<Severity, Level>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub's `security-severity` (0.0–10.0) per severity: critical > 9.0, high 7.0–8.9,
 * medium 4.0–6.9, low 0.1–3.9. Values sit inside each band.
 */
const SECURITY_SEVERITY: Readonly<Record<Severity, number>> = {
  critical: 9.5,
  high: 8.0,
  medium: 5.5,
  low: 2.0,
  info: 0.0,
};

/** GitHub keeps the first 10 tags of a rule and rejects more than 20. */
const MAX_TAGS = 10;
/** GitHub rejects a run with more than 25,000 results. */
const MAX_RESULTS = 25_000;

type Json = Record<string, unknown>;

/** The path of `location` relative to the repository root (see the module comment). */
function repoPath(result: ScanResult, p: string): string {
  const target = result.target.path.replaceAll('\\', '/');
  const prefix = result.target.type === 'file' ? path.posix.dirname(target) : target;
  const inside =
    !path.posix.isAbsolute(prefix) && !/^[A-Za-z]:/.test(prefix) && !prefix.startsWith('..');
  return inside ? path.posix.normalize(path.posix.join(prefix, p)) : p;
}

/** Encode a path as a URI reference (spaces, `#`, `%`, non-ASCII …), keeping the `/`. */
function toUri(p: string): string {
  return p
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * Where a result without a place of its own is shown: the root-most file that declares the
 * project's direct dependencies (its manifest or lockfile, in practice; the most used one on a
 * tie), else any component's, else the target.
 */
function fallbackLocation(result: ScanResult): Location {
  const components = componentIndex(result);
  const direct = result.target.dependsOn.map((id) => components.get(id));
  const candidates = (direct.some((c) => c !== undefined) ? direct : result.components)
    .map((c) => (c !== undefined ? firstLocation(c)?.path : undefined))
    .filter((p): p is string => p !== undefined);
  const uses = new Map<string, number>();
  for (const p of candidates) uses.set(p, (uses.get(p) ?? 0) + 1);
  const depth = (p: string): number => p.split('/').length;
  const best = [...uses.entries()].sort(
    ([a, na], [b, nb]) => depth(a) - depth(b) || nb - na || (a < b ? -1 : a > b ? 1 : 0),
  )[0];
  if (best !== undefined) return { path: best[0] };
  return { path: result.target.type === 'file' ? path.posix.basename(result.target.path) : '.' };
}

function physicalLocation(result: ScanResult, location: Location): Json {
  const region: Json = {};
  if (location.line !== undefined && location.line >= 1) {
    region.startLine = location.line;
    if (location.endLine !== undefined && location.endLine >= location.line)
      region.endLine = location.endLine;
  }
  return {
    physicalLocation: {
      artifactLocation: { uri: toUri(repoPath(result, location.path)), uriBaseId: '%SRCROOT%' },
      ...(Object.keys(region).length > 0 ? { region } : {}),
    },
  };
}

function isSecurity(help: RuleHelp): boolean {
  return help.tags.includes('security');
}

/** A finding's security severity: the CVSS score of its advisory when known, else its band. */
function securitySeverity(
  finding: Finding,
  advisories: ReadonlyMap<string, AdvisoryEvidence>,
): number {
  const scores = finding.evidenceIds
    .map((id) => advisories.get(id)?.score)
    .filter((s): s is number => s !== undefined && s >= 0 && s <= 10);
  return scores.length > 0 ? Math.max(...scores) : SECURITY_SEVERITY[finding.severity];
}

function rule(help: RuleHelp, severity: number | undefined): Json {
  const properties: Json = { tags: help.tags.slice(0, MAX_TAGS), precision: 'high' };
  // GitHub reads `security-severity` from the rule only, so a rule's value is the worst of its
  // results in this run (each result also carries its own in its property bag).
  if (severity !== undefined) properties['security-severity'] = severity.toFixed(1);
  return {
    id: help.id,
    name: help.name,
    shortDescription: { text: help.short },
    fullDescription: { text: help.full },
    helpUri: help.helpUri,
    help: { text: plainHelp(help.help), markdown: help.help },
    defaultConfiguration: { level: LEVEL[help.defaultSeverity] },
    properties,
  };
}

function render(result: ScanResult): string {
  const components = componentIndex(result);
  const advisories = new Map(
    result.evidence
      .filter((e): e is AdvisoryEvidence => e.kind === 'advisory')
      .map((e) => [e.id, e]),
  );
  const findings = sortFindings(result.findings).slice(0, MAX_RESULTS);
  const helps = new Map(RULES.map((r) => [r.id, r]));
  for (const f of findings) if (!helps.has(f.ruleId)) helps.set(f.ruleId, ruleHelp(f.ruleId));
  const ruleIds = [...helps.keys()].sort();
  const worst = new Map<string, number>();
  for (const f of findings) {
    const s = securitySeverity(f, advisories);
    worst.set(f.ruleId, Math.max(worst.get(f.ruleId) ?? 0, s));
  }
  const rules = ruleIds.map((id) => {
    const help = helps.get(id) as RuleHelp;
    if (!isSecurity(help)) return rule(help, undefined);
    return rule(help, worst.get(id) ?? SECURITY_SEVERITY[help.defaultSeverity]);
  });
  const fallback = fallbackLocation(result);
  const results = findings.map((f) => {
    const help = helps.get(f.ruleId) as RuleHelp;
    const location = findingLocation(f, components) ?? fallback;
    const subject = findingSubject(f, components, result);
    const properties: Json = { severity: f.severity };
    if (f.componentId !== undefined) properties.componentId = f.componentId;
    if (f.evidenceIds.length > 0) properties.evidenceIds = [...f.evidenceIds];
    if (isSecurity(help))
      properties['security-severity'] = securitySeverity(f, advisories).toFixed(1);
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIds.indexOf(f.ruleId),
      level: LEVEL[f.severity] ?? 'warning',
      message: { text: f.componentId !== undefined ? `${subject}: ${f.message}` : f.message },
      locations: [physicalLocation(result, location)],
      partialFingerprints: { 'openvet/v1': f.fingerprint },
      properties,
    };
  });
  const notifications = result.errors.map((e) => ({
    level: 'warning',
    message: { text: `${e.message} [${e.plugin}]` },
    locations: [
      physicalLocation(result, { path: e.path, ...(e.line !== undefined ? { line: e.line } : {}) }),
    ],
  }));
  const models = modelSummaries(result);
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: PROJECT_URL,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: result.startedAt,
            endTimeUtc: result.finishedAt,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results,
        properties: {
          verdict: result.verdict.status,
          summary: result.verdict.summary,
          // Card transparency, openness and lineage of each model: SARIF has no place for
          // facts that are not results, so they ride in the run's property bag.
          ...(models.length > 0 ? { models } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

export const reporter = { name: 'sarif', render } satisfies Reporter;
