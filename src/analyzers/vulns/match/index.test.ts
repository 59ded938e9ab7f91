import { existsSync, readFileSync } from 'node:fs';
import { compare as pep440Compare, valid as pep440Valid } from '@renovatebot/pep440';
import { describe, expect, it } from 'vitest';
import { unzip } from '../../../testing/zip.js';
import type { OsvRecord } from '../osv/types.js';
import { matchAdvisories } from './index.js';

const HIGH = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const MEDIUM = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N';

function advisory(
  id: string,
  events: Record<string, string>[],
  extra: Partial<OsvRecord> & { pkg?: string; ecosystem?: string } = {},
): OsvRecord {
  const { pkg = 'Django', ecosystem = 'PyPI', ...rest } = extra;
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    affected: [
      {
        package: { ecosystem, name: pkg },
        ranges: [{ type: 'ECOSYSTEM', events: events as never }],
      },
    ],
    ...rest,
  };
}

describe('matchAdvisories', () => {
  it('matches by ecosystem order and normalised name, and merges aliases into one finding', () => {
    const records = [
      advisory('GHSA-aaaa-bbbb-cccc', [{ introduced: '0' }, { fixed: '4.2.1' }], {
        aliases: ['CVE-2024-0001'],
        severity: [{ type: 'CVSS_V3', score: MEDIUM }],
      }),
      advisory('PYSEC-2024-1', [{ introduced: '4.0' }, { fixed: '4.2.2' }], {
        aliases: ['CVE-2024-0001'],
        severity: [{ type: 'CVSS_V3', score: HIGH }],
        summary: 'SQL injection',
      }),
      advisory('PYSEC-2024-2', [{ introduced: '5.0' }, { fixed: '5.0.1' }]),
    ];
    const { matches } = matchAdvisories(
      { ecosystem: 'PyPI', name: 'django', version: '4.2' },
      records,
    );
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({
      ids: ['GHSA-aaaa-bbbb-cccc', 'PYSEC-2024-1'],
      aliases: ['CVE-2024-0001'],
      severity: { rating: 'critical', score: 9.8 },
      // 4.2.1 still falls inside PYSEC-2024-1's range: the smallest fix for both is 4.2.2.
      fixed: '4.2.2',
      summary: 'SQL injection',
    });
  });

  it.each([
    ['4.2rc1', true], // a pre-release of 4.2 comes after 4.0
    ['4.2.2', false], // fixed is exclusive
    ['3.9', false],
    ['4.0', true],
  ])('PEP 440 order: %s affected = %s', (version, affected) => {
    const records = [advisory('PYSEC-1', [{ introduced: '4.0' }, { fixed: '4.2.2' }])];
    expect(
      matchAdvisories({ ecosystem: 'PyPI', name: 'Django', version }, records).matches.length > 0,
    ).toBe(affected);
  });

  it('never matches a withdrawn advisory or another ecosystem or package', () => {
    const records = [
      advisory('GHSA-w', [{ introduced: '0' }], { withdrawn: '2024-02-01T00:00:00Z' }),
      advisory('GHSA-npm', [{ introduced: '0' }], { ecosystem: 'npm', pkg: 'django' }),
      advisory('GHSA-other', [{ introduced: '0' }], { pkg: 'flask' }),
    ];
    expect(
      matchAdvisories({ ecosystem: 'PyPI', name: 'django', version: '1.0' }, records).matches,
    ).toEqual([]);
  });

  it('uses SemVer as OSV applies it for npm, with last_affected and no fix', () => {
    const records = [
      advisory('GHSA-x', [{ introduced: '1.0.0' }, { last_affected: '1.4.0' }], {
        ecosystem: 'npm',
        pkg: '@scope/pkg',
        database_specific: { severity: 'MODERATE' },
      }),
    ];
    const hit = matchAdvisories(
      { ecosystem: 'npm', name: '@scope/pkg', version: '1.4.0' },
      records,
    ).matches;
    expect(hit).toHaveLength(1);
    expect(hit[0]?.fixed).toBeUndefined();
    expect(hit[0]?.severity).toEqual({ rating: 'medium', source: 'database_specific' });
    expect(
      matchAdvisories({ ecosystem: 'npm', name: '@scope/pkg', version: '1.4.1' }, records).matches,
    ).toEqual([]);
  });

  it('notes skipped GIT ranges and unknown ecosystems', () => {
    const git: OsvRecord = {
      id: 'OSV-git',
      modified: '2024-01-01T00:00:00Z',
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'x' },
          ranges: [{ type: 'GIT', repo: 'https://example.org/x', events: [{ introduced: '0' }] }],
        },
      ],
    };
    expect(matchAdvisories({ ecosystem: 'PyPI', name: 'x', version: '1' }, [git]).notes).toEqual([
      'OSV-git: GIT range skipped',
    ]);
    expect(matchAdvisories({ ecosystem: 'Maven', name: 'x', version: '1' }, [git]).notes).toEqual([
      'no version order known for Maven',
    ]);
  });
});

const ZIP = '../shared/corpora/osv/pypi/all.zip';

/**
 * A deliberately simple reference matcher, independent of openvet's version code: PEP 440 order
 * from @renovatebot/pep440 directly, ranges read event by event as the OSV schema describes.
 * Only ranges whose versions are all valid PEP 440 are judged.
 */
function referenceAffected(version: string, record: OsvRecord, name: string): boolean | undefined {
  for (const a of record.affected ?? []) {
    if (a.package?.ecosystem !== 'PyPI' || a.package.name !== name) continue;
    if ((a.versions ?? []).includes(version)) return true;
    for (const r of a.ranges ?? []) {
      if (r.type !== 'ECOSYSTEM') continue;
      const events = r.events.map((e) => Object.entries(e)[0] as [string, string]);
      if (events.some(([, v]) => v !== '0' && !pep440Valid(v))) return undefined;
      let affected = false;
      const ordered = [...events].sort(([, x], [, y]) =>
        x === '0' ? -1 : y === '0' ? 1 : pep440Compare(x, y),
      );
      for (const [kind, v] of ordered) {
        const reached = v === '0' || pep440Compare(version, v) >= 0;
        if (kind === 'introduced' && reached) affected = true;
        if (kind === 'fixed' && reached) affected = false;
        if (kind === 'last_affected' && v !== '0' && pep440Compare(version, v) > 0)
          affected = false;
      }
      if (affected) return true;
    }
  }
  return false;
}

describe.skipIf(!existsSync(ZIP))('every match on the PyPI advisories (osv/pypi/all.zip)', () => {
  it('is confirmed by the independent reference matcher: no false positives', () => {
    const records: OsvRecord[] = [];
    for (const [name, data] of unzip(readFileSync(ZIP)))
      if (name.endsWith('.json')) records.push(JSON.parse(data.toString('utf8')) as OsvRecord);
    const byPackage = new Map<string, OsvRecord[]>();
    for (const r of records)
      for (const a of r.affected ?? [])
        if (a.package?.ecosystem === 'PyPI')
          byPackage.set(a.package.name, [...(byPackage.get(a.package.name) ?? []), r]);
    let matched = 0;
    let judged = 0;
    const falsePositives: string[] = [];
    for (const [pkg, list] of byPackage) {
      // Versions worth asking about: every version the advisories name.
      const versions = new Set<string>();
      for (const r of list)
        for (const a of r.affected ?? [])
          if (a.package?.name === pkg) {
            for (const v of a.versions ?? []) versions.add(v);
            for (const range of a.ranges ?? [])
              for (const e of range.events) for (const v of Object.values(e)) versions.add(v);
          }
      versions.delete('0');
      for (const version of versions) {
        if (!pep440Valid(version)) continue;
        const { matches } = matchAdvisories({ ecosystem: 'PyPI', name: pkg, version }, list);
        for (const m of matches)
          for (const id of m.ids) {
            const record = list.find((r) => r.id === id) as OsvRecord;
            const ref = referenceAffected(version, record, pkg);
            if (ref === undefined) continue;
            judged++;
            if (!ref) falsePositives.push(`${pkg} ${version}: ${id}`);
          }
        matched += matches.length;
      }
    }
    console.log(
      `PyPI cross-check: ${records.length} advisories, ${matched} matches, ${judged} judged by the reference matcher, ${falsePositives.length} false positives`,
    );
    expect(judged).toBeGreaterThan(10_000);
    expect(falsePositives).toEqual([]);
  }, 300_000);
});
