import { describe, expect, it } from 'vitest';
import { identifyLicenses } from '../identify.js';
import type { LicenseMatch } from '../match.js';
import {
  declaredInManifest,
  MAX_FRONT_MATTER_LENGTH,
  MAX_MANIFEST_LENGTH,
  restatesDeclared,
} from './index.js';

/** license, confidence, startLine, endLine of each match: what the tables compare. */
function summary(text: string, fileName: string): [string, string, number, number][] {
  return declaredInManifest(text, fileName).map((m) => [
    m.license,
    m.confidence,
    m.startLine,
    m.endLine,
  ]);
}

describe('declaredInManifest', () => {
  it.each<[string, string, string, [string, string, number, number][]]>([
    // package.json
    [
      'package.json: SPDX id',
      'package.json',
      '{\n  "name": "x",\n  "license": "MIT"\n}',
      [['MIT', 'high', 3, 3]],
    ],
    [
      'package.json: expression, canonical case',
      'package.json',
      '{"name":"x",\n"license":"(mit or apache-2.0)"}',
      [['MIT OR Apache-2.0', 'high', 2, 2]],
    ],
    [
      'package.json: legacy object',
      'package.json',
      '{\n  "name": "x",\n  "license": {\n    "type": "ISC",\n    "url": "https://example.org/isc"\n  }\n}',
      [['ISC', 'high', 3, 6]],
    ],
    [
      'package.json: legacy licenses array means OR',
      'package.json',
      '{\n  "licenses": [\n    { "type": "MIT" },\n    { "type": "Apache-2.0" }\n  ],\n  "name": "x"\n}',
      [['MIT OR Apache-2.0', 'high', 2, 5]],
    ],
    [
      'package.json: corrected value is medium',
      'package.json',
      '{"license": "Apache 2"}',
      [['Apache-2.0', 'medium', 1, 1]],
    ],
    [
      'package.json: nested "license" keys are not the package licence',
      'package.json',
      '{\n  "config": { "license": "GPL-3.0-only" },\n  "description": "\\"license\\": BSD",\n  "license": "MIT"\n}',
      [['MIT', 'high', 4, 4]],
    ],
    ['package.json: UNLICENSED states no licence', 'package.json', '{"license":"UNLICENSED"}', []],
    [
      'package.json: SEE LICENSE IN',
      'package.json',
      '{"license":"SEE LICENSE IN LICENSE.txt"}',
      [],
    ],
    ['package.json: no licence field', 'package.json', '{"name":"x"}', []],
    ['package.json: malformed JSON', 'package.json', '{"license": "MIT",', []],
    ['package.json: not an object', 'package.json', '["MIT"]', []],
    // pyproject.toml
    [
      'pyproject: PEP 639 expression and classifiers',
      'pyproject.toml',
      '[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "x"\nlicense = "MIT OR Apache-2.0"\nclassifiers = [\n  "Programming Language :: Python",\n  "License :: OSI Approved :: MIT License",\n]\n',
      [
        ['MIT OR Apache-2.0', 'high', 6, 6],
        ['MIT', 'high', 9, 9],
      ],
    ],
    [
      'pyproject: {text = ...} is free text',
      'pyproject.toml',
      '[project]\nname = "x"\nlicense = {text = "BSD-3-Clause"}\n',
      [['BSD-3-Clause', 'high', 3, 3]],
    ],
    [
      'pyproject: {file = ...} states nothing',
      'pyproject.toml',
      '[project]\nname = "x"\nlicense = {file = "LICENSE"}\n',
      [],
    ],
    [
      'pyproject: [project.license] table',
      'pyproject.toml',
      '[project]\nname = "x"\n\n[project.license]\ntext = "Apache 2"\n',
      [['Apache-2.0', 'medium', 5, 5]],
    ],
    [
      'pyproject: poetry',
      'pyproject.toml',
      '[tool.poetry]\nname = "x"\nversion = "1.0"\nlicense = "GPL-3.0-or-later"\n',
      [['GPL-3.0-or-later', 'high', 4, 4]],
    ],
    [
      'pyproject: "license" under another table is not read',
      'pyproject.toml',
      '[tool.other]\nlicense = "GPL-2.0-only"\n[project]\nname = "x"\nlicense = "MIT"\n',
      [['MIT', 'high', 5, 5]],
    ],
    [
      'pyproject: lines inside multi-line values are not keys or headers',
      'pyproject.toml',
      '[project]\nname = "x"\ndescription = """\nlicense = "GPL"\n[tool.x]\n"""\nmatrix = [\n  ["a", "b"],\n]\nlicense = "MIT"\n',
      [['MIT', 'high', 10, 10]],
    ],
    ['pyproject: malformed TOML', 'pyproject.toml', '[project\nlicense = "MIT"\n', []],
    // Cargo.toml
    [
      'Cargo: SPDX expression',
      'Cargo.toml',
      '[package]\nname = "x"\nversion = "0.1.0"\nlicense = "MIT OR Apache-2.0"\n\n[dependencies]\nlicense = "1"\n',
      [['MIT OR Apache-2.0', 'high', 4, 4]],
    ],
    [
      'Cargo: legacy slash means OR (a correction, medium)',
      'Cargo.toml',
      '[package]\nname = "x"\nlicense = "MIT/Apache-2.0"\n',
      [['MIT OR Apache-2.0', 'medium', 3, 3]],
    ],
    ['Cargo: workspace without a package', 'Cargo.toml', '[workspace]\nmembers = ["a"]\n', []],
    ['Cargo: malformed TOML', 'Cargo.toml', '[package]\nlicense = "MIT\n', []],
    // setup.cfg
    [
      'setup.cfg: license and classifiers',
      'setup.cfg',
      '[metadata]\nname = x\nlicense = BSD-2-Clause\nclassifiers =\n    Programming Language :: Python\n    License :: OSI Approved :: MIT License\n\n[options]\nlicense = GPL-3.0-only\n',
      [
        ['BSD-2-Clause', 'high', 3, 3],
        ['MIT', 'high', 6, 6],
      ],
    ],
    [
      'setup.cfg: a family classifier names no licence',
      'setup.cfg',
      '[metadata]\nclassifiers =\n    License :: OSI Approved :: Apache Software License\n',
      [],
    ],
    ['setup.cfg: no metadata section', 'setup.cfg', '[options]\npackages = find:\n', []],
    // PKG-INFO / METADATA
    [
      'METADATA: License-Expression and classifier',
      'METADATA',
      'Metadata-Version: 2.4\nName: x\nLicense-Expression: Apache-2.0 WITH LLVM-exception\nClassifier: License :: OSI Approved :: MIT License\n\nLicense: GPL-3.0-only (in the body, not a header)\n',
      [
        ['Apache-2.0 WITH LLVM-exception', 'high', 3, 3],
        ['MIT', 'high', 4, 4],
      ],
    ],
    [
      'PKG-INFO: License free text, corrected',
      'PKG-INFO',
      'Metadata-Version: 2.1\nName: x\nLicense: GPLv3\n',
      [['GPL-3.0-only', 'medium', 3, 3]],
    ],
    [
      'PKG-INFO: a licence text in License: is not a name',
      'PKG-INFO',
      'Metadata-Version: 2.1\nLicense: Copyright (c) 2020 Someone\n        Permission is hereby granted, free of charge, to any person\n        obtaining a copy of this software\n',
      [],
    ],
    // Model cards
    [
      'model card: Hub tag',
      'README.md',
      '---\nlanguage: en\nlicense: llama3.1\ntags:\n  - text-generation\n---\n# Model\n',
      [['LicenseRef-llama3.1', 'high', 3, 3]],
    ],
    [
      'model card: SPDX tag',
      'README.md',
      '---\nlicense: apache-2.0\n---\n\nlicense: mit (prose, not front matter)\n',
      [['Apache-2.0', 'high', 2, 2]],
    ],
    [
      'model card: list of licences',
      'readme.md',
      '---\nlicense:\n  - mit\n  - cc-by-4.0\n---\n',
      [
        ['MIT', 'high', 3, 3],
        ['CC-BY-4.0', 'high', 4, 4],
      ],
    ],
    [
      'model card: license other names no id',
      'README.md',
      '---\nlicense: other\nlicense_name: acme-license\nlicense_link: LICENSE\n---\n',
      [],
    ],
    [
      'model card: front matter not at the top',
      'README.md',
      '# Model\n---\nlicense: mit\n---\n',
      [],
    ],
    ['model card: unterminated front matter', 'README.md', '---\nlicense: mit\n# Model\n', []],
    ['model card: malformed YAML', 'README.md', '---\nlicense: [mit\n---\n', []],
    ['model card: alias is not followed', 'README.md', '---\na: &x mit\nlicense: *x\n---\n', []],
    // Other files
    ['a LICENSE file is not a manifest', 'LICENSE', '{"license":"MIT"}', []],
  ])('%s', (_name, fileName, text, expected) => {
    expect(summary(text, fileName)).toEqual(expected);
  });

  it('marks every match as declared and explains corrections', () => {
    const [exact] = declaredInManifest('{"license":"MIT"}', 'package.json');
    expect(exact).toEqual({
      license: 'MIT',
      confidence: 'high',
      score: 1,
      startLine: 1,
      endLine: 1,
      via: 'declared',
    });
    const [fixed] = declaredInManifest('{"license":"Apache 2"}', 'package.json');
    expect(fixed).toMatchObject({ confidence: 'medium', score: 0.5, via: 'declared' });
    expect(fixed?.reason).toMatch(/Apache 2/);
  });

  it('keeps the reason parseDeclared gives for a medium reading', () => {
    const matches = declaredInManifest(
      'Metadata-Version: 2.1\nClassifier: License :: OSI Approved :: Qt Public License (QPL)\n',
      'PKG-INFO',
    );
    expect(matches.map((m) => [m.license, m.confidence, m.startLine])).toEqual([
      ['QPL-1.0', 'medium', 2],
    ]);
    expect(matches[0]?.reason).toMatch(/no version/);
  });

  it('matches file names case-insensitively', () => {
    expect(summary('[package]\nlicense = "MIT"\n', 'cargo.TOML')).toEqual([['MIT', 'high', 2, 2]]);
  });

  it.each([
    ['package.json', `{"license":"MIT","x":"${'a'.repeat(MAX_MANIFEST_LENGTH)}"}`],
    ['README.md', `---\nlicense: mit\n${'# pad\n'.repeat(MAX_FRONT_MATTER_LENGTH / 6 + 10)}---\n`],
  ])('does not read an oversized %s', (fileName, text) => {
    expect(declaredInManifest(text, fileName)).toEqual([]);
  });

  it('never throws on odd input', () => {
    for (const fileName of [
      'package.json',
      'pyproject.toml',
      'Cargo.toml',
      'setup.cfg',
      'METADATA',
      'README.md',
    ]) {
      for (const text of ['', '\u0000', '---', '[', '{', 'license', '---\n---\n', '"\\']) {
        expect(() => declaredInManifest(text, fileName)).not.toThrow();
      }
    }
  });
});

describe('restatesDeclared', () => {
  const field: LicenseMatch = {
    license: 'MIT OR Apache-2.0',
    confidence: 'high',
    score: 1,
    startLine: 3,
    endLine: 4,
    via: 'declared',
  };
  const at = (license: string, line: number, via: LicenseMatch['via']): LicenseMatch => ({
    license,
    confidence: 'high',
    score: 1,
    startLine: line,
    endLine: line,
    ...(via !== undefined ? { via } : {}),
  });
  it.each<[string, LicenseMatch, boolean]>([
    ['the same expression on its line', at('MIT OR Apache-2.0', 3, 'identifier'), true],
    ['a part of the expression on its line', at('Apache-2.0', 4, 'notice'), true],
    ['another licence on its line', at('ISC', 3, 'identifier'), false],
    // `(MIT OR Apache-2.0) AND Unicode-3.0` read by the keyed-notice rule as its first part.
    ['a sub-expression of it on its line', at('Apache-2.0 OR MIT', 3, 'identifier'), true],
    ['a sub-expression with another licence', at('MIT OR ISC', 3, 'identifier'), false],
    ['the same licence on another line', at('MIT', 5, 'notice'), false],
    ['a licence text', at('MIT', 3, 'text'), false],
    ['a licence text without via', at('MIT', 3, undefined), false],
  ])('%s → %s', (_name, m, expected) => {
    expect(restatesDeclared(m, [field])).toBe(expected);
  });
});

describe('identifyLicenses with a manifest file name', () => {
  it('reports a package.json licence once, as declared', () => {
    const matches = identifyLicenses('{"name":"x","license":"MIT"}', { fileName: 'package.json' });
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ license: 'MIT', via: 'declared', startLine: 1 });
  });

  it('takes the base name of a path', () => {
    const matches = identifyLicenses('[package]\nname = "x"\nlicense = "Apache-2.0"\n', {
      fileName: 'crates/x/Cargo.toml',
    });
    expect(matches.map((m) => [m.license, m.via])).toEqual([['Apache-2.0', 'declared']]);
  });

  it.each<[string, string, string, [string, string][]]>([
    [
      'a Cargo slash field read as MIT alone by the keyed rule',
      'Cargo.toml',
      '[package]\nname = "x"\nlicense = "MIT/Apache-2.0"\n',
      [['MIT OR Apache-2.0', 'declared']],
    ],
    [
      'a model-card tag',
      'README.md',
      '---\nlicense: apache-2.0\n---\n# x\n',
      [['Apache-2.0', 'declared']],
    ],
    [
      'an npm expression',
      'package.json',
      '{\n  "license": "(MIT OR Apache-2.0)"\n}\n',
      [['MIT OR Apache-2.0', 'declared']],
    ],
  ])('reports %s once', (_name, fileName, text, expected) => {
    const matches = identifyLicenses(text, { fileName });
    expect(matches.map((m) => [m.license, m.via])).toEqual(expected);
  });

  it('keeps a notice on other lines next to a declared field', () => {
    const text = '---\nlicense: mit\n---\n# x\n\nSPDX-License-Identifier: Apache-2.0\n';
    const matches = identifyLicenses(text, { fileName: 'README.md' });
    expect(matches.map((m) => [m.license, m.via, m.startLine])).toEqual([
      ['MIT', 'declared', 2],
      ['Apache-2.0', 'identifier', 6],
    ]);
  });

  it('adds nothing without a file name', () => {
    const matches = identifyLicenses('{"name":"x","license":"MIT"}');
    expect(matches.every((m) => m.via !== 'declared')).toBe(true);
  });
});
