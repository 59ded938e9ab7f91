import { describe, expect, it } from 'vitest';
import { createScanFs } from '../../core/fs.js';
import type { AnalyzeInput } from '../../core/analyzer.js';
import type { AdvisoryEvidence, Component, Target } from '../../core/types.js';
import type { OsvRecord } from './osv/types.js';
import { analyzer, packageVersionOf } from './index.js';
import {
  combineAdvisorySources,
  storeAdvisorySource,
  type AdvisorySource,
  type AdvisoryStoreReader,
} from './source.js';
import { advisoryPackageKey } from '../../store/advisory-names.js';

const HIGH = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

function component(name: string, over: Partial<Component> = {}): Component {
  const ecosystem = over.ecosystem ?? 'npm';
  const version = over.version ?? '1.0.0';
  return {
    id: `pkg:${ecosystem}/${name}@${version}`,
    kind: 'package',
    ecosystem,
    name,
    version,
    purl: `pkg:${ecosystem.toLowerCase()}/${name}@${version}`,
    scope: 'transitive',
    groups: [],
    locations: [{ path: 'package-lock.json', line: 10 }],
    foundBy: ['test'],
    dependsOn: [],
    ...over,
  };
}

function advisory(
  id: string,
  ecosystem: string,
  name: string,
  events: Record<string, string>[],
  extra: Partial<OsvRecord> = {},
): OsvRecord {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    affected: [
      { package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events: events as never }] },
    ],
    ...extra,
  };
}

/** An in-memory store: records indexed the way the SQLite store indexes them. */
function memoryStore(records: readonly OsvRecord[]): AdvisoryStoreReader & { calls: number } {
  const reader = {
    calls: 0,
    advisoriesFor(ecosystem: string, name: string): Promise<OsvRecord[]> {
      reader.calls++;
      const key = advisoryPackageKey(ecosystem, name);
      return Promise.resolve(
        records.filter(
          (r) =>
            r.withdrawn === undefined &&
            (r.affected ?? []).some(
              (a) =>
                a.package?.ecosystem === ecosystem &&
                advisoryPackageKey(ecosystem, a.package.name) === key,
            ),
        ),
      );
    },
  };
  return reader;
}

const target: Target = { path: '.', type: 'directory', name: 'app', dependsOn: [] };

function input(components: Component[], advisories?: AdvisorySource): AnalyzeInput {
  return {
    components,
    evidence: [],
    target,
    fs: createScanFs(process.cwd()),
    env: {},
    allPaths: new Set(),
    ...(advisories !== undefined ? { advisories } : {}),
  };
}

const RECORDS: OsvRecord[] = [
  advisory('GHSA-lodash-0001', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }], {
    aliases: ['CVE-2021-23337'],
    severity: [{ type: 'CVSS_V3', score: HIGH }],
    summary: 'Command injection in lodash',
  }),
  advisory('GHSA-lodash-0002', 'npm', 'lodash', [{ introduced: '4.0.0' }, { fixed: '4.17.12' }], {
    database_specific: { severity: 'MODERATE' },
  }),
  advisory('PYSEC-2023-1', 'PyPI', 'Django', [{ introduced: '4.0' }, { fixed: '4.2.2' }], {
    aliases: ['CVE-2023-1', 'GHSA-django-0001'],
  }),
  advisory('GHSA-django-0001', 'PyPI', 'django', [{ introduced: '4.0' }, { fixed: '4.2.1' }], {
    aliases: ['CVE-2023-1'],
  }),
  advisory('GO-2024-1', 'Go', 'golang.org/x/net', [{ introduced: '0' }, { fixed: '0.23.0' }]),
  advisory('RUSTSEC-2024-1', 'crates.io', 'smallvec', [
    { introduced: '1.0.0' },
    { fixed: '1.6.1' },
  ]),
  advisory('GHSA-withdrawn-1', 'npm', 'lodash', [{ introduced: '0' }], {
    withdrawn: '2024-02-01T00:00:00Z',
  }),
];

describe('vulns analyzer', () => {
  it('matches npm, PyPI, Go and crates.io components and merges aliases into one evidence', async () => {
    const components = [
      component('lodash', { version: '4.17.11' }),
      component('django', { ecosystem: 'PyPI', version: '4.1.3' }),
      component('golang.org/x/net', { ecosystem: 'Go', version: 'v0.17.0' }),
      component('smallvec', { ecosystem: 'crates.io', version: '1.6.0' }),
      component('left-pad', { version: '1.3.0' }),
    ];
    const result = await analyzer.analyze(
      input(components, storeAdvisorySource(memoryStore(RECORDS))),
    );
    const evidence = result.evidence as AdvisoryEvidence[];
    expect(evidence.map((e) => [e.componentId, e.advisoryId, e.aliases])).toEqual([
      ['pkg:npm/lodash@4.17.11', 'GHSA-lodash-0001', ['CVE-2021-23337']],
      ['pkg:npm/lodash@4.17.11', 'GHSA-lodash-0002', []],
      ['pkg:PyPI/django@4.1.3', 'GHSA-django-0001', ['CVE-2023-1', 'PYSEC-2023-1']],
      ['pkg:Go/golang.org/x/net@v0.17.0', 'GO-2024-1', []],
      ['pkg:crates.io/smallvec@1.6.0', 'RUSTSEC-2024-1', []],
    ]);
    const [first, second, django] = evidence;
    expect(first).toMatchObject({
      severity: 'critical',
      score: 9.8,
      vector: HIGH,
      fixed: '4.17.21',
      fixedAll: '4.17.21',
      summary: 'Command injection in lodash',
      location: { path: 'package-lock.json', line: 10 },
    });
    expect(first?.reasons?.['GHSA-lodash-0001']).toMatch(/ECOSYSTEM/);
    expect(second).toMatchObject({ severity: 'medium', fixed: '4.17.12', fixedAll: '4.17.21' });
    // One issue under three ids: the smallest version outside both advisories' ranges.
    expect(django).toMatchObject({ fixed: '4.2.2', fixedAll: '4.2.2' });
    expect(result.note).toMatch(
      /^5 package version\(s\) checked against offline database; 5 issue\(s\) in 4 package\(s\)/,
    );
  });

  it('never matches a withdrawn advisory, nor a version outside every range', async () => {
    const result = await analyzer.analyze(
      input(
        [component('lodash', { version: '4.17.21' })],
        storeAdvisorySource(memoryStore(RECORDS)),
      ),
    );
    expect(result.evidence).toEqual([]);
  });

  it('skips components OSV cannot name and counts those without a version', async () => {
    const store = memoryStore(RECORDS);
    const result = await analyzer.analyze(
      input(
        [
          component('lodash', { version: '' }),
          component('local', { purl: undefined, version: '1.0.0' }),
          component('org/model', { ecosystem: 'huggingface', kind: 'model' }),
        ],
        storeAdvisorySource(store),
      ),
    );
    expect(result.evidence).toEqual([]);
    expect(store.calls).toBe(0);
    expect(result.note).toMatch(/0 package version\(s\) checked.*1 without a version not checked/);
  });

  it('says there is no data when the scan has no advisory source', async () => {
    const result = await analyzer.analyze(input([component('lodash', { version: '4.17.11' })]));
    expect(result.evidence).toEqual([]);
    expect(result.note).toMatch(/no vulnerability data.*openvet db import/);
  });

  it.each([
    [{ ecosystem: 'Go' as const, version: 'v1.2.3' }, { version: '1.2.3' }],
    [{ ecosystem: 'npm' as const, version: '1.2.3' }, { version: '1.2.3' }],
    [{ ecosystem: 'npm' as const, version: undefined }, { skip: 'no version' }],
    [
      { ecosystem: 'huggingface' as const, version: '1' },
      { skip: 'no version order for huggingface' },
    ],
  ])('packageVersionOf(%o)', (over, expected) => {
    const c = component('x', over);
    expect(
      packageVersionOf(over.version === undefined ? { ...c, version: undefined } : c),
    ).toMatchObject(expected);
  });
});

describe('advisory sources', () => {
  it('asks the store once per package name, whatever the number of versions', async () => {
    const store = memoryStore(RECORDS);
    const data = await storeAdvisorySource(store).lookup([
      { ecosystem: 'npm', name: 'lodash', version: '4.17.11' },
      { ecosystem: 'npm', name: 'lodash', version: '3.0.0' },
      { ecosystem: 'PyPI', name: 'Django', version: '4.1' },
      { ecosystem: 'PyPI', name: 'django', version: '4.1' },
    ]);
    expect(store.calls).toBe(2);
    expect(data.records.size).toBe(3);
  });

  it('combines sources: one record per id, the most recently modified copy, and keeps notes', async () => {
    const pkg = { ecosystem: 'npm', name: 'lodash', version: '4.17.11' };
    const older = RECORDS[0] as OsvRecord;
    const newer: OsvRecord = { ...older, modified: '2025-01-01T00:00:00Z', summary: 'newer' };
    const source = (records: OsvRecord[], notes: string[] = []): AdvisorySource => ({
      description: 'x',
      lookup: (packages) =>
        Promise.resolve({
          records: new Map(packages.map((p) => [`npm\u0000lodash\u0000${p.version}`, records])),
          notes,
        }),
    });
    const failing: AdvisorySource = {
      description: 'OSV API',
      lookup: () => Promise.reject(new Error('boom')),
    };
    const data = await combineAdvisorySources([
      source([older, RECORDS[1] as OsvRecord]),
      source([newer], ['stale cache']),
      failing,
    ]).lookup([pkg]);
    const list = data.records.get('npm\u0000lodash\u00004.17.11') ?? [];
    expect(list.map((r) => [r.id, r.summary])).toEqual([
      ['GHSA-lodash-0001', 'newer'],
      ['GHSA-lodash-0002', undefined],
    ]);
    expect(data.notes).toEqual(['OSV API: boom', 'stale cache']);
  });
});

describe('vulns analyzer: a source without data for some packages', () => {
  it('does not count them as checked', async () => {
    const partial: AdvisorySource = {
      description: 'OSV API (http://x)',
      lookup: (packages) =>
        Promise.resolve({
          records: new Map(
            packages
              .filter((p) => p.name === 'lodash')
              .map((p) => [`npm\u0000lodash\u0000${p.version}`, [RECORDS[0] as OsvRecord]]),
          ),
          notes: ['could not reach the OSV API'],
        }),
    };
    const result = await analyzer.analyze(
      input(
        [component('lodash', { version: '4.17.11' }), component('left-pad', { version: '1.3.0' })],
        partial,
      ),
    );
    expect(result.evidence).toHaveLength(1);
    expect(result.note).toBe(
      '1 of 2 package version(s) checked against OSV API (http://x) (no data for the others); 1 issue(s) in 1 package(s); could not reach the OSV API',
    );
  });
});
