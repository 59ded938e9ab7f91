/**
 * `openvet vuln match` and `openvet scan` end to end: advisories written here, imported with
 * `db import`, matched by the built CLI.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startOsvApiServer } from '../../src/testing/osv-api-server.js';
import { schemasAvailable, validateAgainstSchema } from '../../src/testing/schemas.js';
import { openvet, scanResultValidator } from './cli.js';

let db: string;
let dir: string;

const advisories = [
  {
    id: 'GHSA-1111-2222-3333',
    modified: '2024-05-01T00:00:00Z',
    aliases: ['CVE-2024-1111'],
    database_specific: { severity: 'HIGH' },
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'Demo-Pkg' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.4.2' }] }],
      },
    ],
  },
  {
    id: 'PYSEC-2024-9',
    modified: '2024-05-02T00:00:00Z',
    aliases: ['CVE-2024-1111'],
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'demo_pkg' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.0' }, { fixed: '1.4.2' }] }],
      },
    ],
  },
  {
    id: 'GHSA-4444-5555-6666',
    modified: '2024-05-03T00:00:00Z',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'npm', name: '@scope/lib' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.3.1' }] }],
      },
    ],
  },
  {
    id: 'GHSA-withdrawn',
    modified: '2024-05-03T00:00:00Z',
    withdrawn: '2024-05-04T00:00:00Z',
    affected: [
      {
        package: { ecosystem: 'npm', name: '@scope/lib' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
      },
    ],
  },
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'openvet-e2e-vuln-'));
  db = path.join(dir, 'openvet.db');
  const data = path.join(dir, 'osv');
  await mkdir(data);
  for (const a of advisories) await writeFile(path.join(data, `${a.id}.json`), JSON.stringify(a));
  const imported = await openvet(['db', 'import', data, '--db', db]);
  expect(imported.code, imported.stderr).toBe(0);
});

interface Entry {
  purl: string;
  ids: string[];
  aliases: string[];
  severity: string | null;
  fixed: string | null;
  error?: string;
}

describe('openvet vuln match', () => {
  it('prints one entry per purl, in order, with merged aliases, severity and the fix', async () => {
    const run = await openvet([
      'vuln',
      'match',
      '--db',
      db,
      'pkg:pypi/demo-pkg@1.2',
      'pkg:npm/%40scope/lib@2.3.0',
      'pkg:npm/%40scope/lib@2.3.1',
      'pkg:pypi/demo-pkg@1.4.2',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const entries = JSON.parse(run.stdout) as Entry[];
    expect(entries).toEqual([
      {
        purl: 'pkg:pypi/demo-pkg@1.2',
        ids: ['GHSA-1111-2222-3333', 'PYSEC-2024-9'],
        aliases: ['CVE-2024-1111'],
        severity: 'high',
        fixed: '1.4.2',
      },
      {
        purl: 'pkg:npm/%40scope/lib@2.3.0',
        ids: ['GHSA-4444-5555-6666'],
        aliases: [],
        severity: 'critical',
        fixed: '2.3.1',
      },
      // Fixed is exclusive; the withdrawn advisory (introduced 0) never matches.
      { purl: 'pkg:npm/%40scope/lib@2.3.1', ids: [], aliases: [], severity: null, fixed: null },
      { purl: 'pkg:pypi/demo-pkg@1.4.2', ids: [], aliases: [], severity: null, fixed: null },
    ]);
  });

  it('reads purls from stdin with "-", reports unreadable ones and exits 2', async () => {
    const { execFile } = await import('node:child_process');
    const { BIN } = await import('./cli.js');
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        const child = execFile(
          process.execPath,
          [BIN, 'vuln', 'match', '--db', db, '-'],
          { env: { PATH: process.env.PATH ?? '', HOME: dir } },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        );
        child.stdin?.end(
          'pkg:pypi/demo-pkg@1.0\n\nnot-a-purl\npkg:maven/a/b@1\npkg:pypi/demo-pkg\n',
        );
      },
    );
    expect(result.code).toBe(2);
    const entries = JSON.parse(result.stdout) as Entry[];
    expect(entries.map((e) => [e.purl, e.ids.length, e.error !== undefined])).toEqual([
      ['pkg:pypi/demo-pkg@1.0', 2, false],
      ['not-a-purl', 0, true],
      ['pkg:maven/a/b@1', 0, true],
      ['pkg:pypi/demo-pkg', 0, true],
    ]);
    expect(result.stderr).toMatch(/3 of 4 purl\(s\) could not be matched/);
  });

  it('prints a table, and asks for purls when given none', async () => {
    const table = await openvet([
      'vuln',
      'match',
      '--db',
      db,
      '--format',
      'table',
      'pkg:pypi/demo-pkg@1.2',
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /pkg:pypi\/demo-pkg@1\.2\s+high\s+1\.4\.2\s+GHSA-1111-2222-3333, PYSEC-2024-9, CVE-2024-1111/,
    );
    const none = await openvet(['vuln', 'match', '--db', db]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/give package URLs/);
  });
});

describe('openvet scan with vulnerability data', () => {
  let project: string;
  beforeAll(async () => {
    project = path.join(dir, 'project');
    await mkdir(project);
    await writeFile(
      path.join(project, 'package-lock.json'),
      JSON.stringify({
        name: 'app',
        version: '1.0.0',
        lockfileVersion: 3,
        packages: {
          '': { name: 'app', version: '1.0.0', dependencies: { '@scope/lib': '^2.0.0' } },
          'node_modules/@scope/lib': { version: '2.3.0', license: 'MIT' },
        },
      }),
    );
    await writeFile(path.join(project, 'requirements.txt'), 'demo_pkg==1.2\nother==1.0\n');
  });

  const scanArgs = (format: string): string[] => [
    'scan',
    project,
    '--offline',
    '--db',
    db,
    '--no-record',
    '--no-progress',
    '--format',
    format,
  ];

  it('attaches one advisory evidence per issue to the affected components (JSON)', async () => {
    const run = await openvet(scanArgs('json'));
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as {
      evidence: {
        kind: string;
        componentId: string;
        advisoryId?: string;
        aliases?: string[];
        severity?: string;
        fixed?: string;
        location?: { path: string };
      }[];
      plugins: { name: string; reason?: string }[];
    };
    const advisories = result.evidence.filter((e) => e.kind === 'advisory');
    expect(
      advisories.map((e) => [
        e.componentId,
        e.advisoryId,
        e.aliases,
        e.severity,
        e.fixed,
        e.location?.path,
      ]),
    ).toEqual([
      [
        'pkg:npm/%40scope/lib@2.3.0',
        'GHSA-4444-5555-6666',
        [],
        'critical',
        '2.3.1',
        'package-lock.json',
      ],
      [
        'pkg:pypi/demo-pkg@1.2',
        'GHSA-1111-2222-3333',
        ['CVE-2024-1111', 'PYSEC-2024-9'],
        'high',
        '1.4.2',
        'requirements.txt',
      ],
    ]);
    const { errorsOf } = await scanResultValidator();
    expect(errorsOf(result)).toEqual([]);
    expect(errorsOf({ ...result, evidence: [{ ...advisories[0], aliases: 'x' }] })).not.toEqual([]);
    expect(result.plugins.find((p) => p.name === 'vulns')?.reason).toMatch(
      /^3 package version\(s\) checked against offline database; 2 issue\(s\) in 2 package\(s\)/,
    );
  });

  it('writes CycloneDX vulnerabilities that validate, and SPDX annotations and references', async () => {
    const cdx = await openvet(scanArgs('cyclonedx'));
    expect(cdx.code, cdx.stderr).toBe(0);
    if (schemasAvailable('cyclonedx'))
      expect(validateAgainstSchema('cyclonedx', cdx.stdout).errors).toEqual([]);
    const bom = JSON.parse(cdx.stdout) as {
      components: { 'bom-ref': string; purl?: string }[];
      vulnerabilities: {
        id: string;
        ratings: { severity: string; score?: number; method?: string }[];
        references?: { id: string }[];
        affects: { ref: string }[];
        recommendation?: string;
      }[];
    };
    expect(bom.vulnerabilities.map((v) => v.id)).toEqual([
      'GHSA-1111-2222-3333',
      'GHSA-4444-5555-6666',
    ]);
    const [demo, lib] = bom.vulnerabilities;
    expect(demo?.references?.map((r) => r.id)).toEqual(['CVE-2024-1111', 'PYSEC-2024-9']);
    expect(demo?.ratings).toEqual([{ severity: 'high' }]);
    expect(lib?.ratings).toEqual([
      expect.objectContaining({ severity: 'critical', score: 9.8, method: 'CVSSv31' }),
    ]);
    const libRef = bom.components.find((c) => c.purl === 'pkg:npm/%40scope/lib@2.3.0')?.['bom-ref'];
    expect(lib?.affects.map((a) => a.ref)).toEqual([libRef]);
    expect(lib?.recommendation).toBe('Upgrade @scope/lib 2.3.0 to 2.3.1 or later.');

    const spdx = await openvet(scanArgs('spdx'));
    expect(spdx.code, spdx.stderr).toBe(0);
    if (schemasAvailable('spdx'))
      expect(validateAgainstSchema('spdx', spdx.stdout).errors).toEqual([]);
    const doc = JSON.parse(spdx.stdout) as {
      packages: {
        name: string;
        annotations?: { comment: string }[];
        externalRefs?: { referenceCategory: string; referenceLocator: string }[];
      }[];
    };
    const pkg = doc.packages.find((p) => p.name === 'demo-pkg');
    expect(pkg?.annotations?.map((a) => a.comment)).toEqual([
      expect.stringMatching(
        /^Vulnerability GHSA-1111-2222-3333; aliases: CVE-2024-1111, PYSEC-2024-9; severity: high; fixed in: 1\.4\.2/,
      ),
    ]);
    expect(
      pkg?.externalRefs
        ?.filter((r) => r.referenceCategory === 'SECURITY')
        .map((r) => r.referenceLocator),
    ).toEqual(['https://osv.dev/vulnerability/GHSA-1111-2222-3333']);
  });

  it('shows the issues in the table', async () => {
    const run = await openvet(scanArgs('table'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 known vulnerabilities in 2 component\(s\):/);
    expect(run.stdout).toMatch(/critical\s+@scope\/lib@2\.3\.0\s+2\.3\.1\s+GHSA-4444-5555-6666/);
  });

  it('says so when there is no vulnerability data', async () => {
    const run = await openvet([
      ...scanArgs('table').filter((a) => a !== db && a !== '--db'),
      '--db',
      path.join(dir, 'none.db'),
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/vulnerabilities: no vulnerability data/);
    expect(existsSync(path.join(dir, 'none.db'))).toBe(false);
  });
});

describe('openvet scan with the OSV API', () => {
  let project: string;
  let server: Awaited<ReturnType<typeof startOsvApiServer>>;
  let cacheDb: string;
  beforeAll(async () => {
    project = path.join(dir, 'online');
    await mkdir(project);
    await writeFile(path.join(project, 'requirements.txt'), 'Demo.Pkg==1.3\n');
    cacheDb = path.join(dir, 'online.db');
    server = await startOsvApiServer(advisories as never);
    return () => server.close();
  });

  const run = (url: string, ...more: string[]) =>
    openvet([
      'scan',
      project,
      '--db',
      cacheDb,
      '--no-record',
      '--format',
      'json',
      '--osv-url',
      url,
      ...more,
    ]);
  const advisoryIds = (stdout: string): string[] =>
    (JSON.parse(stdout) as { evidence: { kind: string; advisoryId?: string }[] }).evidence
      .filter((e) => e.kind === 'advisory')
      .map((e) => e.advisoryId as string);
  const note = (stdout: string): string =>
    (JSON.parse(stdout) as { plugins: { name: string; reason?: string }[] }).plugins.find(
      (p) => p.name === 'vulns',
    )?.reason ?? '';

  it('asks querybatch, fetches the records, matches them, and caches both in the store', async () => {
    const first = await run(server.url);
    expect(first.code, first.stderr).toBe(0);
    expect(advisoryIds(first.stdout)).toEqual(['GHSA-1111-2222-3333']);
    expect(note(first.stdout)).toMatch(/checked against OSV API \(http:\/\/127\.0\.0\.1:\d+\)/);
    const paths = server.requests.map((r) => r.path).sort();
    expect(paths).toEqual([
      '/v1/querybatch',
      '/v1/vulns/GHSA-1111-2222-3333',
      '/v1/vulns/PYSEC-2024-9',
    ]);
    expect(server.requests[0]?.body).toEqual({
      queries: [{ package: { ecosystem: 'PyPI', name: 'demo-pkg' }, version: '1.3' }],
    });
    expect(String(server.requests[0]?.headers['user-agent'])).toMatch(/^openvet\//);

    const second = await run(server.url);
    expect(second.code, second.stderr).toBe(0);
    expect(advisoryIds(second.stdout)).toEqual(['GHSA-1111-2222-3333']);
    // Answered from the store's cache: no new request.
    expect(server.requests).toHaveLength(3);
    expect(note(second.stdout)).toMatch(/1 package version\(s\) asked \(1 from the cache\)/);
  });

  it('goes on with the offline data when the API cannot be reached, and says so', async () => {
    const down = await run('http://127.0.0.1:1', '--db', db);
    expect(down.code, down.stderr).toBe(0);
    expect(advisoryIds(down.stdout)).toEqual(['GHSA-1111-2222-3333']);
    expect(note(down.stdout)).toMatch(
      /could not reach the OSV API at http:\/\/127\.0\.0\.1:1: .*using offline data only/,
    );
  }, 60_000);

  it('refuses an OSV URL that is not http(s)', async () => {
    const bad = await run('ftp://example.org');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--osv-url: "ftp:\/\/example\.org" must be an http or https URL/);
  });
});
