import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { validateOsvRecord } from './validate.js';

const ZIP = '../shared/corpora/osv/pypi/all.zip';
const SCHEMA = '../shared/corpora/schemas/osv.schema.json';

const base = { id: 'GHSA-aaaa-bbbb-cccc', modified: '2024-01-02T03:04:05Z' };
const range = (events: unknown[], extra: Record<string, unknown> = {}) => ({
  ...base,
  affected: [
    { package: { ecosystem: 'npm', name: 'x' }, ranges: [{ type: 'SEMVER', events, ...extra }] },
  ],
});
const SHA = 'a'.repeat(40);

describe('validateOsvRecord', () => {
  it.each<[string, unknown]>([
    ['the minimum', base],
    ['fractional seconds', { ...base, modified: '2024-01-02T03:04:05.123456Z' }],
    ['a leap second', { ...base, modified: '2016-12-31T23:59:60Z' }],
    [
      'null aliases, affected and references',
      { ...base, aliases: null, affected: null, references: null },
    ],
    ['introduced + last_affected', range([{ introduced: '0' }, { last_affected: '1.0.0' }])],
    ['introduced + limit', range([{ introduced: '1.0.0' }, { limit: '2.0.0' }])],
    [
      'a GIT range with full hashes',
      range([{ introduced: '0' }, { fixed: SHA }], { type: 'GIT', repo: 'https://g/r' }),
    ],
    [
      'a CVSS v2 vector',
      { ...base, severity: [{ type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' }] },
    ],
    [
      'a CVSS v4 vector with threat metrics',
      {
        ...base,
        severity: [
          {
            type: 'CVSS_V4',
            score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P',
          },
        ],
      },
    ],
    ['an Ubuntu priority', { ...base, severity: [{ type: 'Ubuntu', score: 'medium' }] }],
    [
      'an unknown ecosystem (deliberately accepted)',
      { ...base, affected: [{ package: { ecosystem: 'Newland', name: 'x' } }] },
    ],
    [
      'an ecosystem with a suffix',
      { ...base, affected: [{ package: { ecosystem: 'Debian:12', name: 'x' } }] },
    ],
    ['credits', { ...base, credits: [{ name: 'A', contact: ['mailto:a@b.c'], type: 'FINDER' }] }],
    // The schema allows fields it does not name; a newer schema's field must not hide an advisory.
    ['an unknown top-level field', { ...base, cve: 'x', future_field: { a: 1 } }],
  ])('accepts %s', (_, record) => {
    expect(validateOsvRecord(record)).toEqual({ ok: true, record });
  });

  it.each<[string, unknown, string]>([
    ['not an object', [], 'must be an object, not an array'],
    ['no id', { modified: base.modified }, 'must have an id'],
    ['no modified', { id: 'X-1' }, 'must have a modified timestamp'],
    ['a number id', { ...base, id: 7 }, 'id: must be a string, not a number'],
    [
      'a date without time',
      { ...base, modified: '2024-01-02' },
      'modified: must be an RFC 3339 timestamp',
    ],
    [
      'a time with an offset',
      { ...base, modified: '2024-01-02T03:04:05+01:00' },
      'modified: must be an RFC 3339',
    ],
    [
      'February 30',
      { ...base, published: '2024-02-30T00:00:00Z' },
      'published: is not a real date',
    ],
    [
      'aliases not strings',
      { ...base, aliases: ['a', 1] },
      'aliases[1]: must be a string, not a number',
    ],
    ['related null', { ...base, related: null }, 'related: must be an array, not null'],
    ['summary not a string', { ...base, summary: {} }, 'summary: must be a string, not a object'],
    [
      'a bad severity type',
      { ...base, severity: [{ type: 'CVSS_V5', score: 'x' }] },
      'severity[0].type: must be one of',
    ],
    [
      'a bad CVSS v3 vector',
      { ...base, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:Q' }] },
      'severity[0].score: is not a valid CVSS_V3 vector',
    ],
    [
      'CVSS v4 metrics out of order',
      {
        ...base,
        severity: [
          {
            type: 'CVSS_V4',
            score: 'CVSS:4.0/AC:L/AV:N/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
          },
        ],
      },
      'severity[0].score',
    ],
    [
      'severity at both levels',
      {
        ...base,
        severity: [{ type: 'Ubuntu', score: 'low' }],
        affected: [{ severity: [{ type: 'Ubuntu', score: 'low' }] }],
      },
      'affected[0].severity: must not be set',
    ],
    [
      'a package without a name',
      { ...base, affected: [{ package: { ecosystem: 'npm' } }] },
      'affected[0].package: must have a name',
    ],
    [
      'a range without events',
      { ...base, affected: [{ ranges: [{ type: 'SEMVER' }] }] },
      'affected[0].ranges[0]: must have events',
    ],
    [
      'an unknown range type',
      range([{ introduced: '0' }], { type: 'SEMVER2' }),
      'affected[0].ranges[0].type: must be one of SEMVER, ECOSYSTEM, GIT',
    ],
    ['empty events', range([]), 'affected[0].ranges[0].events: must not be empty'],
    [
      'an event with two keys',
      range([{ introduced: '0' }, { fixed: '1', limit: '2' }]),
      'affected[0].ranges[0].events[1]: must have exactly one of introduced, fixed, last_affected, limit',
    ],
    [
      'an event with no key',
      range([{ introduced: '0' }, {}]),
      'affected[0].ranges[0].events[1]: must have exactly one of',
    ],
    [
      'a number version',
      range([{ introduced: 0 }]),
      'affected[0].ranges[0].events[0].introduced: must be a string, not a number',
    ],
    [
      'no introduced',
      range([{ fixed: '1' }]),
      'affected[0].ranges[0].events: must contain an introduced event',
    ],
    [
      'fixed and last_affected',
      range([{ introduced: '0' }, { fixed: '1' }, { last_affected: '2' }]),
      'must not contain both fixed and last_affected',
    ],
    [
      'a GIT range without repo',
      range([{ introduced: '0' }], { type: 'GIT' }),
      'affected[0].ranges[0]: a GIT range must have a repo',
    ],
    [
      'a GIT range with a short hash',
      range([{ introduced: '0' }, { fixed: 'abc123' }], { type: 'GIT', repo: 'r' }),
      'affected[0].ranges[0].events[1].fixed: a GIT range needs a full commit hash',
    ],
    [
      'versions not strings',
      { ...base, affected: [{ versions: [1] }] },
      'affected[0].versions[0]: must be a string',
    ],
    [
      'a bad reference type',
      { ...base, references: [{ type: 'BLOG', url: 'https://x' }] },
      'references[0].type: must be one of',
    ],
    [
      'a reference URL with a space',
      { ...base, references: [{ type: 'WEB', url: 'https://x y' }] },
      'references[0].url: must be a URI',
    ],
    [
      'a credit without a name',
      { ...base, credits: [{ type: 'FINDER' }] },
      'credits[0]: must have a name',
    ],
    [
      'database_specific an array',
      { ...base, database_specific: [] },
      'database_specific: must be an object, not an array',
    ],
  ])('rejects %s', (_, record, reason) => {
    const result = validateOsvRecord(record);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

// Examples in the shape of those in the OSV schema documentation (ossf/osv-schema, docs/schema.md
// and the "Examples" section), written out here by hand.
const DOC_EXAMPLES: Record<string, unknown> = {
  'npm GHSA with SEMVER range and CVSS v3': {
    schema_version: '1.6.0',
    id: 'GHSA-vp9c-fpxx-744v',
    modified: '2021-08-04T21:07:24Z',
    published: '2021-03-15T21:52:45Z',
    aliases: ['CVE-2021-23336'],
    summary: 'Web cache poisoning in a URL parser',
    details: 'Versions before 1.2.3 split the query string on semicolons.',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:N/I:L/A:H' }],
    affected: [
      {
        package: { ecosystem: 'npm', name: 'example-parser', purl: 'pkg:npm/example-parser' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.3' }] }],
        database_specific: { source: 'https://github.com/advisories' },
      },
    ],
    references: [
      { type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23336' },
      { type: 'FIX', url: 'https://github.com/example/parser/commit/' + SHA },
    ],
    database_specific: { severity: 'MODERATE' },
  },
  'Go module with introduced/fixed and ecosystem_specific imports': {
    id: 'GO-2021-0061',
    modified: '2021-04-14T20:04:52Z',
    published: '2021-04-14T20:04:52Z',
    details: 'A crafted document makes the decoder loop forever.',
    affected: [
      {
        package: { ecosystem: 'Go', name: 'example.com/yaml' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.1.0' }] }],
        ecosystem_specific: {
          imports: [{ path: 'example.com/yaml', symbols: ['decoder.unmarshal'] }],
        },
      },
    ],
    references: [{ type: 'FIX', url: 'https://example.com/yaml/commit/1' }],
  },
  'PyPI ECOSYSTEM range with explicit versions and a GIT range': {
    id: 'PYSEC-2021-1',
    modified: '2021-07-02T02:41:34.000000Z',
    aliases: ['CVE-2021-1'],
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'Example_Pkg' },
        ranges: [
          {
            type: 'GIT',
            repo: 'https://github.com/example/pkg',
            events: [{ introduced: '0' }, { fixed: SHA }],
          },
          { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] },
        ],
        versions: ['1.0', '1.1', '1.2'],
      },
    ],
  },
  'crates.io RUSTSEC with last_affected and credits': {
    id: 'RUSTSEC-2021-0001',
    modified: '2021-01-05T12:00:00Z',
    withdrawn: '2021-02-01T00:00:00Z',
    affected: [
      {
        package: { ecosystem: 'crates.io', name: 'example-crate' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0.1.0' }, { last_affected: '0.3.2' }] }],
        ecosystem_specific: { affects: { functions: ['example_crate::parse'] } },
      },
    ],
    credits: [{ name: 'A. Finder', type: 'FINDER', contact: ['https://example.com/finder'] }],
  },
};

const haveCorpus = existsSync(ZIP) && existsSync(SCHEMA);

describe('the OSV schema documentation examples', () => {
  it.each(Object.entries(DOC_EXAMPLES))('%s is valid', (_, record) => {
    expect(validateOsvRecord(record).ok).toBe(true);
  });
  it.skipIf(!haveCorpus)('agree with the official schema (ajv)', () => {
    const ajv = new Ajv2020({ allErrors: false, strict: false });
    addFormats.default(ajv);
    const schemaValid = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
    for (const record of Object.values(DOC_EXAMPLES)) expect(schemaValid(record)).toBe(true);
  });
});

async function zipRecords(file: string): Promise<Map<string, unknown>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out = new Map<string, unknown>();
  for await (const entry of zip.eachEntry()) {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
    out.set(entry.fileName, JSON.parse(Buffer.concat(chunks).toString('utf8')));
  }
  return out;
}

(haveCorpus ? describe : describe.skip)(
  `every record of ${ZIP} against the official OSV schema${haveCorpus ? '' : ' (skipped: ../shared/corpora is absent)'}`,
  () => {
    it('gives the same verdict as ajv with the schema, record by record', async () => {
      const ajv = new Ajv2020({ allErrors: false, strict: false });
      addFormats.default(ajv);
      const schemaValid = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
      const records = await zipRecords(ZIP);
      expect(records.size).toBeGreaterThan(1000);
      const disagreements: string[] = [];
      let invalid = 0;
      for (const [name, record] of records) {
        const ours = validateOsvRecord(record);
        if (!ours.ok) invalid++;
        if (ours.ok !== schemaValid(record))
          disagreements.push(
            `${name}: ours ${ours.ok ? 'valid' : ours.reason}, ajv ${ajv.errorsText(schemaValid.errors)}`,
          );
      }
      expect(disagreements).toEqual([]);
      // The corpus does contain invalid records, so both verdicts are exercised.
      expect(invalid).toBeGreaterThan(0);
    });
  },
);
