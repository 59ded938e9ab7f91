import { describe, expect, it } from 'vitest';
import { applyDeclared, lockfileResult, newDraft, rootRecord, toRecord } from './records.js';

describe('rootRecord', () => {
  it('sorts and deduplicates the keys, and leaves out what is unknown', () => {
    expect(rootRecord(undefined, undefined, ['b@2', 'a@1', 'b@2'])).toEqual({
      ecosystem: 'PyPI',
      dependsOn: ['a@1', 'b@2'],
    });
    expect(rootRecord('me', '0.1', [])).toEqual({
      ecosystem: 'PyPI',
      name: 'me',
      version: '0.1',
      dependsOn: [],
    });
  });
});

describe('toRecord', () => {
  it('drops self-edges and empty fields, and sorts edges and groups', () => {
    const draft = newDraft('A_b', '1.0', 'a-b@1.0', 3);
    draft.groups = ['test', 'dev', 'test'];
    for (const dep of ['z@1', 'a-b@1.0', 'c@2']) draft.deps.add(dep);
    expect(toRecord(draft)).toEqual({
      ecosystem: 'PyPI',
      name: 'A_b',
      version: '1.0',
      key: 'a-b@1.0',
      line: 3,
      groups: ['dev', 'test'],
      dependsOn: ['c@2', 'z@1'],
    });
    expect(toRecord(newDraft('x', undefined, 'x@', undefined))).toEqual({
      ecosystem: 'PyPI',
      name: 'x',
      key: 'x@',
      groups: [],
    });
  });
});

describe('applyDeclared', () => {
  it('marks drafts the manifest names (by PEP 503 name) direct, the rest transitive', () => {
    const drafts = [newDraft('Foo.Bar', '1', 'foo-bar@1', 1), newDraft('baz', '2', 'baz@2', 2)];
    const root = applyDeclared(drafts, {
      path: 'pyproject.toml',
      name: 'me',
      names: new Set(['foo-bar']),
    });
    expect(root).toEqual({ ecosystem: 'PyPI', name: 'me', dependsOn: ['foo-bar@1'] });
    expect(drafts.map((d) => d.direct)).toEqual([true, false]);
  });

  it('changes nothing without a manifest', () => {
    const drafts = [newDraft('a', '1', 'a@1', 1)];
    expect(applyDeclared(drafts, undefined)).toBeUndefined();
    expect(drafts[0]?.direct).toBeUndefined();
  });
});

describe('lockfileResult', () => {
  it('has a root and warnings only when there are some', () => {
    const drafts = [newDraft('a', '1', 'a@1', 1)];
    const packages = [
      { ecosystem: 'PyPI', name: 'a', version: '1', key: 'a@1', line: 1, groups: [] },
    ];
    expect(lockfileResult(drafts, undefined, [])).toEqual({ packages });
    const root = rootRecord('me', undefined, ['a@1']);
    const warnings = [{ message: 'x.lock: something' }];
    expect(lockfileResult(drafts, root, warnings)).toEqual({ packages, root, warnings });
    expect(Object.keys(lockfileResult([], undefined, []))).toEqual(['packages']);
  });
});
