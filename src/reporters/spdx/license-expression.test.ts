import { describe, expect, it } from 'vitest';
import { classifyLicense } from './license-expression.js';

describe('classifyLicense', () => {
  it.each([
    ['MIT', { kind: 'id', id: 'MIT' }],
    ['  mit ', { kind: 'id', id: 'MIT' }],
    ['apache-2.0', { kind: 'id', id: 'Apache-2.0' }],
    ['GPL-2.0+', { kind: 'id', id: 'GPL-2.0+' }],
    ['CC-BY-SA-4.0', { kind: 'id', id: 'CC-BY-SA-4.0' }],
  ])('%j is one SPDX id', (input, expected) => {
    expect(classifyLicense(input)).toEqual(expected);
  });

  it.each([
    ['MIT OR Apache-2.0', 'MIT OR Apache-2.0', []],
    ['mit or apache-2.0', 'MIT OR Apache-2.0', []],
    ['(MIT AND BSD-3-Clause) OR Apache-2.0', '(MIT AND BSD-3-Clause) OR Apache-2.0', []],
    ['(MIT)', '(MIT)', []],
    ['GPL-2.0-only WITH Classpath-exception-2.0', 'GPL-2.0-only WITH Classpath-exception-2.0', []],
    ['Apache-2.0+', 'Apache-2.0+', []],
    ['LicenseRef-Acme-1.0', 'LicenseRef-Acme-1.0', ['LicenseRef-Acme-1.0']],
    [
      'MIT OR LicenseRef-b OR LicenseRef-a',
      'MIT OR LicenseRef-b OR LicenseRef-a',
      ['LicenseRef-a', 'LicenseRef-b'],
    ],
  ])('%j is the expression %j', (input, expression, licenseRefs) => {
    expect(classifyLicense(input)).toEqual({ kind: 'expression', expression, licenseRefs });
  });

  it.each([
    'Custom licence text',
    'llama3.2',
    'MIT/X11',
    'MIT OR',
    'OR MIT',
    'MIT AND (Apache-2.0',
    'MIT) OR (Apache-2.0',
    'MIT WITH',
    'MIT WITH Not-An-Exception-Id',
    'Mit Or Apache-2.0',
    'SEE LICENSE IN LICENSE.md',
    'UNLICENSED',
    'DocumentRef-other:LicenseRef-x',
    'BSD',
    `${'('.repeat(40)}MIT${')'.repeat(40)}`,
    `MIT${' OR MIT'.repeat(400)}`,
  ])('%j is free text', (input) => {
    expect(classifyLicense(input)).toEqual({ kind: 'text', text: input.trim() });
  });

  it.each([undefined, '', '  ', 'NOASSERTION', 'NONE', 'unknown'])('%j is none', (input) => {
    expect(classifyLicense(input)).toEqual({ kind: 'none' });
  });
});
