/**
 * `openvet vuln match` end to end: advisories written here, imported with `db import`, matched
 * by the built CLI.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openvet } from './cli.js';

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
