import { describe, expect, it } from 'vitest';
import { exactVersion, formatSpecifier, isValidName, parseRequirement } from './pep508.js';

describe('parseRequirement', () => {
  it.each([
    ['requests', { name: 'requests', extras: [], clauses: [] }],
    ['  requests  ', { name: 'requests', extras: [], clauses: [] }],
    [
      'requests==2.31.0',
      { name: 'requests', extras: [], clauses: [{ op: '==', version: '2.31.0' }] },
    ],
    [
      'requests [security, socks] >= 2.8.1 , == 2.8.* ; python_version < "2.7"',
      {
        name: 'requests',
        extras: ['security', 'socks'],
        clauses: [
          { op: '>=', version: '2.8.1' },
          { op: '==', version: '2.8.*' },
        ],
        marker: 'python_version < "2.7"',
      },
    ],
    ['foo[]', { name: 'foo', extras: [], clauses: [] }],
    [
      'foo (>=1.0, <2)',
      {
        name: 'foo',
        extras: [],
        clauses: [
          { op: '>=', version: '1.0' },
          { op: '<', version: '2' },
        ],
      },
    ],
    ['foo===weird-1', { name: 'foo', extras: [], clauses: [{ op: '===', version: 'weird-1' }] }],
    [
      'foo~=1.4.2;os_name=="nt"',
      {
        name: 'foo',
        extras: [],
        clauses: [{ op: '~=', version: '1.4.2' }],
        marker: 'os_name=="nt"',
      },
    ],
    [
      'foo; sys_platform == "win32"',
      { name: 'foo', extras: [], clauses: [], marker: 'sys_platform == "win32"' },
    ],
    [
      'foo @ https://example.com/foo.zip',
      { name: 'foo', extras: [], clauses: [], url: 'https://example.com/foo.zip' },
    ],
    [
      'foo@https://example.com/foo.zip',
      { name: 'foo', extras: [], clauses: [], url: 'https://example.com/foo.zip' },
    ],
    [
      'foo[x] @ https://example.com/foo.zip ; python_version >= "3"',
      {
        name: 'foo',
        extras: ['x'],
        clauses: [],
        url: 'https://example.com/foo.zip',
        marker: 'python_version >= "3"',
      },
    ],
    // The `;` is part of the URL when no whitespace precedes it.
    [
      'foo @ https://example.com/a;b',
      { name: 'foo', extras: [], clauses: [], url: 'https://example.com/a;b' },
    ],
    [
      'foo17--hash==1.0',
      { name: 'foo17--hash', extras: [], clauses: [{ op: '==', version: '1.0' }] },
    ],
    [
      'foo==${VERSION}',
      { name: 'foo', extras: [], clauses: [{ op: '==', version: '${VERSION}' }] },
    ],
  ])('%s', (text, expected) => {
    expect(parseRequirement(text)).toEqual(expected);
  });

  it.each([
    ['', 'expected a package name at the start'],
    ['==1.0', 'expected a package name at the start'],
    ['-foo', 'expected a package name at the start'],
    ['foo==', 'expected a version after `==`'],
    ['foo 1.0', 'unexpected text `1.0` after the version specifier'],
    ['foo==1.0 bar', 'unexpected text `bar` after the version specifier'],
    ['foo==1,', 'expected a version operator (==, >=, …) at ``'],
    ['foo[bar', 'an extras list `[` is not closed with `]`'],
    ['foo[b-]', '`b-` is not a valid extra name'],
    ['foo (==1', 'a version specifier `(` is not closed with `)`'],
    ['foo==1;', 'expected an environment marker after `;`'],
    ['foo @', 'expected a URL after `@`'],
    ['foo @ https://x junk', 'unexpected text `junk` after the URL'],
    ['foo==$V', '`$V` is not a version'],
  ])('rejects %j', (text, message) => {
    expect(parseRequirement(text)).toBe(message);
  });
});

describe('exactVersion', () => {
  it.each([
    ['==1.0', '1.0'],
    ['===1.0', '1.0'],
    ['>=1,==1.5', '1.5'],
    ['==1.*', undefined],
    ['>=1.0', undefined],
    ['~=1.1', undefined],
    ['!=1.0', undefined],
    ['==${V}', undefined],
    ['', undefined],
  ])('%s → %s', (spec, expected) => {
    const parsed = parseRequirement(`x${spec}`);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(exactVersion(parsed.clauses)).toBe(expected);
    expect(formatSpecifier(parsed.clauses)).toBe(spec);
  });
});

describe('isValidName', () => {
  it.each([
    ['a', true],
    ['A1', true],
    ['zope.interface', true],
    ['foo_bar-baz', true],
    ['-foo', false],
    ['foo-', false],
    ['foo bar', false],
    ['', false],
  ])('%j → %s', (name, valid) => {
    expect(isValidName(name)).toBe(valid);
  });
});
