import { describe, expect, it } from 'vitest';
import type { PackageRecord } from '../core/extractor.js';
import { type CompareOptions, type ExpectedPackage, expectListed } from './conformance.js';

function rec(name: string, version: string, extra: Partial<PackageRecord> = {}): PackageRecord {
  return { ecosystem: 'npm', name, version, ...extra };
}

const git = (commit: string): PackageRecord['source'] => ({ type: 'git', url: 'x', commit });

describe('expectListed', () => {
  it.each<[string, PackageRecord[], ExpectedPackage[], CompareOptions]>([
    [
      'the same set',
      [rec('a', '1'), rec('b', '2'), rec('a', '1')],
      [
        { name: 'b', version: '2' },
        { name: 'a', version: '1' },
      ],
      {},
    ],
    [
      'commits on both sides',
      [rec('a', '1', { source: git('c1') })],
      [{ name: 'a', version: '1', commit: 'c1' }],
      {},
    ],
    [
      'an unstated commit, when-stated',
      [rec('a', '1', { source: git('c1') })],
      [{ name: 'a', version: '1' }],
      { commits: 'when-stated' },
    ],
    [
      'groups, none stated meaning none',
      [rec('a', '1', { groups: ['optional', 'dev'] }), rec('b', '1')],
      [
        { name: 'a', version: '1', depGroups: ['dev', 'optional'] },
        { name: 'b', version: '1' },
      ],
      {},
    ],
    [
      'groups ignored when the case states none',
      [rec('a', '1', { groups: ['dev'] })],
      [{ name: 'a', version: '1' }],
      {},
    ],
    [
      'a partial expectation',
      [rec('a', '1'), rec('b', '2')],
      [{ name: 'b', version: '2' }],
      { partial: true },
    ],
    [
      'mapped versions',
      [rec('a', 'v1.0.0')],
      [{ name: 'a', version: '1.0.0' }],
      { version: (v) => v.replace(/^v/, '') },
    ],
    [
      'PyPI names, canonical',
      [{ ecosystem: 'PyPI', name: 'Foo_Bar', version: '1' }],
      [{ name: 'foo.bar', version: '1' }],
      {},
    ],
  ])('passes: %s', (_title, found, expected, options) => {
    const ecosystem = found[0]?.ecosystem ?? 'npm';
    expectListed(found, expected, ecosystem, options);
  });

  it.each<[string, PackageRecord[], ExpectedPackage[], CompareOptions]>([
    [
      'a missing package',
      [rec('a', '1')],
      [
        { name: 'a', version: '1' },
        { name: 'b', version: '2' },
      ],
      {},
    ],
    ['an extra package', [rec('a', '1'), rec('b', '2')], [{ name: 'a', version: '1' }], {}],
    ['another version', [rec('a', '1.0.1')], [{ name: 'a', version: '1.0.0' }], {}],
    [
      'an unexpected commit',
      [rec('a', '1', { source: git('c1') })],
      [{ name: 'a', version: '1' }],
      {},
    ],
    [
      'a missing commit',
      [rec('a', '1')],
      [{ name: 'a', version: '1', commit: 'c1' }],
      { commits: 'when-stated' },
    ],
    [
      'a commit in a case that states commits, when-stated',
      [rec('a', '1', { source: git('c1') }), rec('b', '1', { source: git('c2') })],
      [
        { name: 'a', version: '1', commit: 'c1' },
        { name: 'b', version: '1' },
      ],
      { commits: 'when-stated' },
    ],
    [
      'other groups',
      [rec('a', '1', { groups: ['dev'] })],
      [{ name: 'a', version: '1', depGroups: ['optional'] }],
      {},
    ],
    [
      'groups where the case states none for that package',
      [rec('a', '1', { groups: ['dev'] }), rec('b', '1')],
      [
        { name: 'a', version: '1' },
        { name: 'b', version: '1', depGroups: [] },
      ],
      {},
    ],
    [
      'a partial expectation not found',
      [rec('a', '1')],
      [{ name: 'b', version: '2' }],
      { partial: true },
    ],
    [
      'a duplicate, with duplicates',
      [rec('a', '1'), rec('a', '1')],
      [{ name: 'a', version: '1' }],
      { duplicates: true },
    ],
  ])('fails: %s', (_title, found, expected, options) => {
    expect(() => expectListed(found, expected, 'npm', options)).toThrow();
  });
});
