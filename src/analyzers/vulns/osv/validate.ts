/**
 * Hand-written validation of one OSV record against the OSV schema 1.x
 * (https://ossf.github.io/osv-schema/, `validation/schema.json` in ossf/osv-schema).
 *
 * Why by hand: the schema file cannot be shipped with openvet (our copy is test data only) and
 * no npm package ships it; a hand-written check is also several times faster than a generated
 * validator and names the failing field in the words a user can act on. A test runs every record
 * of a real osv.dev export through this and through ajv with the official schema and asserts
 * that the two agree.
 *
 * Two deliberate differences, both towards accepting data the schema will grow into: the `id`
 * prefix and the `affected[].package.ecosystem` are not checked against the schema's current
 * lists of databases and ecosystems (osv.dev adds to both several times a year, and an export of a
 * new ecosystem must still import; matching only ever looks up the ecosystems it knows).
 */
import type { OsvRecord } from './types.js';

/** The outcome of validating one record: the record typed, or why it is not an OSV record. */
export type OsvValidation =
  | { readonly ok: true; readonly record: OsvRecord }
  | { readonly ok: false; readonly reason: string };

/** Thrown inside this module only, to leave every nested check at the first problem. */
class Invalid extends Error {}

function fail(at: string, message: string): never {
  throw new Invalid(at === '' ? message : `${at}: ${message}`);
}

const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
const RANGE_TYPES = new Set(['SEMVER', 'ECOSYSTEM', 'GIT']);
const REFERENCE_TYPES = new Set([
  'ADVISORY',
  'ARTICLE',
  'DETECTION',
  'DISCUSSION',
  'REPORT',
  'FIX',
  'INTRODUCED',
  'GIT',
  'PACKAGE',
  'EVIDENCE',
  'WEB',
]);
const CREDIT_TYPES = new Set([
  'FINDER',
  'REPORTER',
  'ANALYST',
  'COORDINATOR',
  'REMEDIATION_DEVELOPER',
  'REMEDIATION_REVIEWER',
  'REMEDIATION_VERIFIER',
  'TOOL',
  'SPONSOR',
  'OTHER',
]);
const UBUNTU_PRIORITIES = new Set(['negligible', 'low', 'medium', 'high', 'critical']);

// RFC 3339 date-time in UTC, as the OSV schema requires for every timestamp ("Z" suffix).
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;
// A GIT range event is a full commit hash (SHA-1 or SHA-256), or "0" for "since the beginning".
const GIT_COMMIT = /^(?:0|[a-f0-9]{40}|[a-f0-9]{64})$/;
// RFC 3986: a scheme, then no whitespace or characters a URI never contains unescaped.
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\^`{|}]*$/;

/** Metric values allowed by CVSS v2.0 (any order, as the schema accepts). */
const CVSS2: Readonly<Record<string, readonly string[]>> = {
  AV: ['N', 'A', 'L'],
  AC: ['L', 'M', 'H'],
  Au: ['M', 'S', 'N'],
  C: ['N', 'P', 'C'],
  I: ['N', 'P', 'C'],
  A: ['N', 'P', 'C'],
  E: ['U', 'POC', 'F', 'H', 'ND'],
  RL: ['OF', 'TF', 'W', 'U', 'ND'],
  RC: ['UC', 'UR', 'C', 'ND'],
  CDP: ['N', 'L', 'LM', 'MH', 'H', 'ND'],
  TD: ['N', 'L', 'M', 'H', 'ND'],
  CR: ['L', 'M', 'H', 'ND'],
  IR: ['L', 'M', 'H', 'ND'],
  AR: ['L', 'M', 'H', 'ND'],
};

/** Metric values allowed by CVSS v3.0 and v3.1 (any order after the prefix). */
const CVSS3: Readonly<Record<string, readonly string[]>> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: ['N', 'L', 'H'],
  I: ['N', 'L', 'H'],
  A: ['N', 'L', 'H'],
  E: ['X', 'U', 'P', 'F', 'H'],
  RL: ['X', 'O', 'T', 'W', 'U'],
  RC: ['X', 'U', 'R', 'C'],
  CR: ['X', 'L', 'M', 'H'],
  IR: ['X', 'L', 'M', 'H'],
  AR: ['X', 'L', 'M', 'H'],
  MAV: ['X', 'N', 'A', 'L', 'P'],
  MAC: ['X', 'L', 'H'],
  MPR: ['X', 'N', 'L', 'H'],
  MUI: ['X', 'N', 'R'],
  MS: ['X', 'U', 'C'],
  MC: ['X', 'N', 'L', 'H'],
  MI: ['X', 'N', 'L', 'H'],
  MA: ['X', 'N', 'L', 'H'],
};

const HLN = ['H', 'L', 'N'];
const XHML = ['X', 'H', 'M', 'L'];
const XNLH = ['X', 'N', 'L', 'H'];
/** CVSS v4.0: the base metrics, all required, in this order. */
const CVSS4_BASE: readonly (readonly [string, readonly string[]])[] = [
  ['AV', ['N', 'A', 'L', 'P']],
  ['AC', ['L', 'H']],
  ['AT', ['N', 'P']],
  ['PR', ['N', 'L', 'H']],
  ['UI', ['N', 'P', 'A']],
  ['VC', HLN],
  ['VI', HLN],
  ['VA', HLN],
  ['SC', HLN],
  ['SI', HLN],
  ['SA', HLN],
];
/** CVSS v4.0: the optional metrics, each at most once, in this order. */
const CVSS4_OPTIONAL: readonly (readonly [string, readonly string[]])[] = [
  ['E', ['X', 'A', 'P', 'U']],
  ['CR', XHML],
  ['IR', XHML],
  ['AR', XHML],
  ['MAV', ['X', 'N', 'A', 'L', 'P']],
  ['MAC', ['X', 'L', 'H']],
  ['MAT', ['X', 'N', 'P']],
  ['MPR', XNLH],
  ['MUI', ['X', 'N', 'P', 'A']],
  ['MVC', XNLH],
  ['MVI', XNLH],
  ['MVA', XNLH],
  ['MSC', XNLH],
  ['MSI', ['X', 'N', 'L', 'H', 'S']],
  ['MSA', ['X', 'N', 'L', 'H', 'S']],
  ['S', ['X', 'N', 'P']],
  ['AU', ['X', 'N', 'Y']],
  ['R', ['X', 'A', 'U', 'I']],
  ['V', ['X', 'D', 'C']],
  ['RE', ['X', 'L', 'M', 'H']],
  ['U', ['X', 'Clear', 'Green', 'Amber', 'Red']],
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

function expectObject(value: unknown, at: string): Record<string, unknown> {
  if (!isObject(value)) fail(at, `must be an object, not ${describe(value)}`);
  return value;
}

function expectString(value: unknown, at: string): string {
  if (typeof value !== 'string') fail(at, `must be a string, not ${describe(value)}`);
  return value;
}

function expectArray(value: unknown, at: string, nullable = false): readonly unknown[] {
  if (nullable && value === null) return [];
  if (!Array.isArray(value))
    fail(at, `must be an array${nullable ? ' or null' : ''}, not ${describe(value)}`);
  return value;
}

function optionalStringArray(value: unknown, at: string, nullable = false): void {
  if (value === undefined) return;
  const items = expectArray(value, at, nullable);
  for (let i = 0; i < items.length; i++) expectString(items[i], `${at}[${i}]`);
}

function optionalObject(value: unknown, at: string): void {
  if (value !== undefined) expectObject(value, at);
}

/** Two or four ASCII digits of `text` at `from` as a number (the shape is checked first). */
function digits(text: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

function timestamp(value: unknown, at: string): void {
  const text = expectString(value, at);
  if (!TIMESTAMP.test(text))
    fail(at, `must be an RFC 3339 timestamp in UTC such as 2024-01-31T12:00:00Z, not "${text}"`);
  // Called two or three times per record: read the fields by position, not through exec().
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  // A leap second (23:59:60) is a valid RFC 3339 time.
  const secondOk = second < 60 || (second === 60 && hour === 23 && minute === 59);
  if (days === undefined || day < 1 || day > days || hour > 23 || minute > 59 || !secondOk)
    fail(at, `is not a real date and time: "${text}"`);
}

function cvssMetrics(
  parts: readonly string[],
  allowed: Readonly<Record<string, readonly string[]>>,
): boolean {
  if (parts.length === 0) return false;
  for (const part of parts) {
    const colon = part.indexOf(':');
    if (colon < 0) return false;
    const values = Object.hasOwn(allowed, part.slice(0, colon))
      ? allowed[part.slice(0, colon)]
      : undefined;
    if (values === undefined || !values.includes(part.slice(colon + 1))) return false;
  }
  return true;
}

function cvss4(parts: readonly string[]): boolean {
  let i = 0;
  for (const [name, values] of CVSS4_BASE) {
    const part = parts[i++];
    if (part === undefined || !part.startsWith(`${name}:`)) return false;
    if (!values.includes(part.slice(name.length + 1))) return false;
  }
  let next = 0;
  for (; i < parts.length; i++) {
    const part = parts[i]!;
    const colon = part.indexOf(':');
    const name = colon < 0 ? part : part.slice(0, colon);
    let found = -1;
    for (let j = next; j < CVSS4_OPTIONAL.length; j++)
      if (CVSS4_OPTIONAL[j]![0] === name) {
        found = j;
        break;
      }
    if (found < 0 || !CVSS4_OPTIONAL[found]![1].includes(part.slice(colon + 1))) return false;
    next = found + 1;
  }
  return true;
}

/** Scores already checked: the same few hundred vectors recur across a whole export. */
const checkedScores = new Map<string, boolean>();
const CHECKED_SCORES_MAX = 10_000;

function severityScoreOk(type: string, score: string): boolean {
  const key = `${type} ${score}`;
  const known = checkedScores.get(key);
  if (known !== undefined) return known;
  const ok = checkScore(type, score);
  if (checkedScores.size >= CHECKED_SCORES_MAX) checkedScores.clear();
  checkedScores.set(key, ok);
  return ok;
}

function checkScore(type: string, score: string): boolean {
  switch (type) {
    case 'CVSS_V2':
      return cvssMetrics(score.split('/'), CVSS2);
    case 'CVSS_V3': {
      if (!score.startsWith('CVSS:3.0/') && !score.startsWith('CVSS:3.1/')) return false;
      return cvssMetrics(score.slice(9).split('/'), CVSS3);
    }
    case 'CVSS_V4':
      return score.startsWith('CVSS:4.0/') && cvss4(score.slice(9).split('/'));
    default:
      return UBUNTU_PRIORITIES.has(score);
  }
}

function severity(value: unknown, at: string): void {
  if (value === undefined) return;
  const items = expectArray(value, at, true);
  for (let i = 0; i < items.length; i++) {
    const here = `${at}[${i}]`;
    const entry = expectObject(items[i], here);
    if (entry.type === undefined) fail(here, 'must have a type');
    if (entry.score === undefined) fail(here, 'must have a score');
    const type = expectString(entry.type, `${here}.type`);
    if (type !== 'CVSS_V2' && type !== 'CVSS_V3' && type !== 'CVSS_V4' && type !== 'Ubuntu')
      fail(`${here}.type`, `must be one of CVSS_V2, CVSS_V3, CVSS_V4, Ubuntu, not "${type}"`);
    const score = expectString(entry.score, `${here}.score`);
    if (!severityScoreOk(type, score))
      fail(`${here}.score`, `is not a valid ${type} ${type === 'Ubuntu' ? 'priority' : 'vector'}`);
  }
}

function range(value: unknown, at: string): void {
  const entry = expectObject(value, at);
  if (entry.type === undefined) fail(at, 'must have a type');
  if (entry.events === undefined) fail(at, 'must have events');
  const type = expectString(entry.type, `${at}.type`);
  if (!RANGE_TYPES.has(type))
    fail(`${at}.type`, `must be one of SEMVER, ECOSYSTEM, GIT, not "${type}"`);
  if (entry.repo !== undefined) expectString(entry.repo, `${at}.repo`);
  else if (type === 'GIT') fail(at, 'a GIT range must have a repo');
  optionalObject(entry.database_specific, `${at}.database_specific`);
  const events = expectArray(entry.events, `${at}.events`);
  if (events.length === 0) fail(`${at}.events`, 'must not be empty');
  let introduced = false;
  let fixed = false;
  let lastAffected = false;
  for (let i = 0; i < events.length; i++) {
    const here = `${at}.events[${i}]`;
    const event = expectObject(events[i], here);
    let key: (typeof EVENT_KEYS)[number] | undefined;
    for (const k of EVENT_KEYS) {
      if (event[k] === undefined) continue;
      if (key !== undefined)
        fail(here, 'must have exactly one of introduced, fixed, last_affected, limit');
      key = k;
    }
    if (key === undefined)
      fail(here, 'must have exactly one of introduced, fixed, last_affected, limit');
    const version = expectString(event[key], `${here}.${key}`);
    if (type === 'GIT' && !GIT_COMMIT.test(version))
      fail(`${here}.${key}`, `a GIT range needs a full commit hash or "0", not "${version}"`);
    if (key === 'introduced') introduced = true;
    else if (key === 'fixed') fixed = true;
    else if (key === 'last_affected') lastAffected = true;
  }
  if (!introduced) fail(`${at}.events`, 'must contain an introduced event');
  if (fixed && lastAffected)
    fail(`${at}.events`, 'must not contain both fixed and last_affected events');
}

function affected(value: unknown, at: string, topLevelSeverity: boolean): void {
  const entry = expectObject(value, at);
  if (entry.package !== undefined) {
    const pkg = expectObject(entry.package, `${at}.package`);
    if (pkg.ecosystem === undefined) fail(`${at}.package`, 'must have an ecosystem');
    if (pkg.name === undefined) fail(`${at}.package`, 'must have a name');
    const ecosystem = expectString(pkg.ecosystem, `${at}.package.ecosystem`);
    if (ecosystem === '' || ecosystem.startsWith(':'))
      fail(`${at}.package.ecosystem`, 'must name an ecosystem');
    expectString(pkg.name, `${at}.package.name`);
    if (pkg.purl !== undefined) expectString(pkg.purl, `${at}.package.purl`);
  }
  if (topLevelSeverity && entry.severity !== undefined && entry.severity !== null)
    fail(`${at}.severity`, 'must not be set when the record has a top-level severity');
  severity(entry.severity, `${at}.severity`);
  if (entry.ranges !== undefined) {
    const ranges = expectArray(entry.ranges, `${at}.ranges`);
    for (let i = 0; i < ranges.length; i++) range(ranges[i], `${at}.ranges[${i}]`);
  }
  optionalStringArray(entry.versions, `${at}.versions`);
  optionalObject(entry.ecosystem_specific, `${at}.ecosystem_specific`);
  optionalObject(entry.database_specific, `${at}.database_specific`);
}

function check(value: unknown): OsvRecord {
  const record = expectObject(value, '');
  // Fields the schema does not name are ignored, not invalid: the OSV JSON Schema allows them
  // (no additionalProperties: false), and rejecting a real advisory over a field added by a
  // newer schema version would hide a vulnerability.
  if (record.id === undefined) fail('', 'must have an id');
  if (record.modified === undefined) fail('', 'must have a modified timestamp');
  const id = expectString(record.id, 'id');
  if (id.trim() === '' || /\s/.test(id))
    fail('id', 'must be a non-empty identifier without spaces');
  if (record.schema_version !== undefined) expectString(record.schema_version, 'schema_version');
  timestamp(record.modified, 'modified');
  if (record.published !== undefined) timestamp(record.published, 'published');
  if (record.withdrawn !== undefined) timestamp(record.withdrawn, 'withdrawn');
  optionalStringArray(record.aliases, 'aliases', true);
  optionalStringArray(record.related, 'related');
  optionalStringArray(record.upstream, 'upstream');
  if (record.summary !== undefined) expectString(record.summary, 'summary');
  if (record.details !== undefined) expectString(record.details, 'details');
  severity(record.severity, 'severity');
  if (record.affected !== undefined) {
    const items = expectArray(record.affected, 'affected', true);
    const topLevelSeverity = record.severity !== undefined;
    for (let i = 0; i < items.length; i++) affected(items[i], `affected[${i}]`, topLevelSeverity);
  }
  if (record.references !== undefined) {
    const items = expectArray(record.references, 'references', true);
    for (let i = 0; i < items.length; i++) {
      const here = `references[${i}]`;
      const ref = expectObject(items[i], here);
      if (ref.type === undefined) fail(here, 'must have a type');
      if (ref.url === undefined) fail(here, 'must have a url');
      const type = expectString(ref.type, `${here}.type`);
      if (!REFERENCE_TYPES.has(type))
        fail(`${here}.type`, `must be one of ${[...REFERENCE_TYPES].join(', ')}, not "${type}"`);
      const url = expectString(ref.url, `${here}.url`);
      if (!URI.test(url)) fail(`${here}.url`, `must be a URI, not "${url}"`);
    }
  }
  if (record.credits !== undefined) {
    const items = expectArray(record.credits, 'credits');
    for (let i = 0; i < items.length; i++) {
      const here = `credits[${i}]`;
      const credit = expectObject(items[i], here);
      if (credit.name === undefined) fail(here, 'must have a name');
      expectString(credit.name, `${here}.name`);
      optionalStringArray(credit.contact, `${here}.contact`);
      if (credit.type !== undefined) {
        const type = expectString(credit.type, `${here}.type`);
        if (!CREDIT_TYPES.has(type))
          fail(`${here}.type`, `must be one of ${[...CREDIT_TYPES].join(', ')}, not "${type}"`);
      }
    }
  }
  optionalObject(record.database_specific, 'database_specific');
  return record as unknown as OsvRecord;
}

/**
 * Validate one parsed JSON value as an OSV record. The reason names the JSON path of the first
 * problem, e.g. `affected[2].ranges[0].events[1]: must have exactly one of introduced, fixed,
 * last_affected, limit`.
 */
export function validateOsvRecord(value: unknown): OsvValidation {
  try {
    return { ok: true, record: check(value) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, reason: error.message };
    throw error;
  }
}
