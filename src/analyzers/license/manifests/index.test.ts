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

/**
 * A Maven pom modelled on real ones: a parent, the project's two licences (one commented out),
 * and `<licenses>` inside a dependency, a plugin's configuration and a profile, none of which
 * are the project's.
 */
const POM = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.example</groupId>
    <artifactId>example-parent</artifactId>
    <version>42</version>
  </parent>
  <artifactId>example-core</artifactId>
  <name>Example Core &amp; Friends</name>
  <url>https://example.org</url>

  <licenses>
    <license>
      <name>The Apache Software License, Version 2.0</name>
      <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>
      <distribution>repo</distribution>
    </license>
    <!--
    <license>
      <name>GNU General Public License, version 3</name>
    </license>
    -->
    <license>
      <name>Eclipse Public License - v 1.0</name>
      <url>http://www.eclipse.org/legal/epl-v10.html</url>
    </license>
  </licenses>

  <dependencies>
    <dependency>
      <groupId>org.example</groupId>
      <artifactId>example-gpl</artifactId>
      <version>1.0</version>
      <licenses><license><name>GPL-3.0-only</name></license></licenses>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.codehaus.mojo</groupId>
        <artifactId>license-maven-plugin</artifactId>
        <configuration>
          <licenses><license><name>AGPL-3.0-only</name></license></licenses>
        </configuration>
      </plugin>
    </plugins>
  </build>
  <profiles>
    <profile>
      <id>x</id>
      <licenses><license><name>MIT</name></license></licenses>
    </profile>
  </profiles>
</project>
`;

/** A .nuspec whose `<metadata>` ends with `licence` (on line 7). */
function nuspec(licence: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>Example.Package</id>
    <version>13.0.3</version>
    <authors>Someone</authors>
    ${licence}
    <projectUrl>https://example.org/</projectUrl>
  </metadata>
</package>
`;
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
    // composer.json
    [
      'composer.json: an array is a choice (nette/utils)',
      'composer.json',
      '{\n  "name": "nette/utils",\n  "description": "Nette Utility Classes",\n  "license": ["BSD-3-Clause", "GPL-2.0-only", "GPL-3.0-only"],\n  "require": {\n    "php": "8.0 - 8.5"\n  }\n}\n',
      [['BSD-3-Clause OR GPL-2.0-only OR GPL-3.0-only', 'high', 4, 4]],
    ],
    [
      'composer.json: a multi-line array spans its lines (magento)',
      'composer.json',
      '{\n    "name": "magento/magento2ce",\n    "license": [\n        "OSL-3.0",\n        "AFL-3.0"\n    ],\n    "type": "project"\n}\n',
      [['OSL-3.0 OR AFL-3.0', 'high', 3, 6]],
    ],
    [
      'composer.json: an expression with lower-case "or"',
      'composer.json',
      '{\n  "name": "x/y",\n  "license": "(LGPL-2.1-only or GPL-3.0-or-later)"\n}',
      [['LGPL-2.1-only OR GPL-3.0-or-later', 'high', 3, 3]],
    ],
    [
      'composer.json: free text is corrected, medium',
      'composer.json',
      '{"name": "x/y", "license": "GPLv3"}',
      [['GPL-3.0-only', 'medium', 1, 1]],
    ],
    [
      'composer.json: a medium member makes the choice medium',
      'composer.json',
      '{"license": ["MIT", "Apache 2"]}',
      [['MIT OR Apache-2.0', 'medium', 1, 1]],
    ],
    [
      'composer.json: a compound member is parenthesised',
      'composer.json',
      '{"license": ["MIT", "GPL-2.0-only AND BSD-3-Clause"]}',
      [['MIT OR (GPL-2.0-only AND BSD-3-Clause)', 'high', 1, 1]],
    ],
    [
      'composer.json: a member naming no licence leaves a medium choice',
      'composer.json',
      '{"license": ["MIT", "proprietary"]}',
      [['MIT', 'medium', 1, 1]],
    ],
    [
      'composer.json: a one-member array',
      'composer.json',
      '{"license": ["Apache-2.0"]}',
      [['Apache-2.0', 'high', 1, 1]],
    ],
    [
      'composer.json: a "license" under extra is not the package licence',
      'composer.json',
      '{\n  "extra": { "license": "GPL-3.0-only" },\n  "license": "MIT"\n}',
      [['MIT', 'high', 3, 3]],
    ],
    ['composer.json: proprietary', 'composer.json', '{"license": "proprietary"}', []],
    ['composer.json: an empty array', 'composer.json', '{"license": []}', []],
    ['composer.json: entries that are not strings', 'composer.json', '{"license": [1, {}]}', []],
    ['composer.json: malformed JSON', 'composer.json', '{"license": ["MIT",', []],
    // DESCRIPTION (R)
    [
      'DESCRIPTION: a template licence with its holder file, among other fields',
      'DESCRIPTION',
      'Package: ggplot2\nVersion: 3.5.1\nTitle: Create Elegant Data Visualisations\nAuthors@R: c(\n    person("Hadley", "Wickham", role = "aut"),\n    person("Winston", "Chang", role = "aut")\n  )\nDescription: A system for creating graphics, based on "The Grammar of\n    Graphics".\n    License: GPL-3 (a continuation line, not a field)\nLicense: MIT + file LICENSE\nURL: https://ggplot2.tidyverse.org\n',
      [['MIT', 'high', 11, 11]],
    ],
    [
      'DESCRIPTION: alternatives are a choice',
      'DESCRIPTION',
      'Package: x\nLicense: GPL-2 | MIT + file LICENSE\n',
      [['GPL-2.0-only OR MIT', 'high', 2, 2]],
    ],
    [
      'DESCRIPTION: a continued License field spans its lines',
      'DESCRIPTION',
      'Package: x\nLicense: GPL-2 |\n    BSD_3_clause + file LICENCE\nEncoding: UTF-8\n',
      [['GPL-2.0-only OR BSD-3-Clause', 'high', 2, 3]],
    ],
    [
      "DESCRIPTION: R's or-later form",
      'DESCRIPTION',
      'Package: x\nLicense: GPL (>= 2)\n',
      [['GPL-2.0-or-later', 'high', 2, 2]],
    ],
    [
      "DESCRIPTION: R's or-later form, unspaced",
      'DESCRIPTION',
      'Package: x\nLicense: LGPL(>=2.1)\n',
      [['LGPL-2.1-or-later', 'high', 2, 2]],
    ],
    [
      "DESCRIPTION: R's LGPL-2.1 is version 2.1 only, not the deprecated SPDX id",
      'DESCRIPTION',
      'Package: x\nLicense: LGPL-2.1\n',
      [['LGPL-2.1-only', 'high', 2, 2]],
    ],
    [
      "DESCRIPTION: R's Apache forms",
      'DESCRIPTION',
      'Package: x\nLicense: Apache License (== 2.0) | Apache License (>= 2)\n',
      [['Apache-2.0 OR Apache-2.0+', 'high', 2, 2]],
    ],
    [
      "DESCRIPTION: R's Creative Commons names",
      'DESCRIPTION',
      'Package: x\nLicense: CC BY 4.0 | CC0\n',
      [['CC-BY-4.0 OR CC0-1.0', 'high', 2, 2]],
    ],
    [
      'DESCRIPTION: a file alternative names no licence',
      'DESCRIPTION',
      'Package: x\nLicense: GPL-3 | file LICENSE\n',
      [['GPL-3.0-only', 'high', 2, 2]],
    ],
    [
      'DESCRIPTION: + file LICENSE after a non-template licence adds terms (medium)',
      'DESCRIPTION',
      'Package: x\nLicense: GPL-3 + file LICENSE\n',
      [['GPL-3.0-only', 'medium', 2, 2]],
    ],
    [
      'DESCRIPTION: a name outside the table is free text',
      'DESCRIPTION',
      'Package: x\nLicense: GNU General Public License version 3\n',
      [['GPL-3.0-only', 'medium', 2, 2]],
    ],
    ['DESCRIPTION: only a file', 'DESCRIPTION', 'Package: x\nLicense: file LICENSE\n', []],
    ['DESCRIPTION: Unlimited', 'DESCRIPTION', 'Package: x\nLicense: Unlimited\n', []],
    ['DESCRIPTION: a family without version', 'DESCRIPTION', 'Package: x\nLicense: GPL\n', []],
    ['DESCRIPTION: no License field', 'DESCRIPTION', 'Package: x\nVersion: 1.0\n', []],
    // pom.xml (Maven)
    [
      'pom.xml: the project licences, not a dependency, plugin, profile or comment',
      'pom.xml',
      POM,
      [['Apache-2.0 OR EPL-1.0', 'high', 15, 30]],
    ],
    [
      'pom.xml: an SPDX id as the name',
      'pom.xml',
      '<project>\n  <licenses>\n    <license>\n      <name>Apache-2.0</name>\n    </license>\n  </licenses>\n</project>\n',
      [['Apache-2.0', 'high', 2, 6]],
    ],
    [
      'pom.xml: a corrected name without a URL is medium',
      'pom.xml',
      '<project><licenses><license><name>The MIT License</name></license></licenses></project>',
      [['MIT', 'medium', 1, 1]],
    ],
    [
      'pom.xml: a canonical URL confirms an or-later name',
      'pom.xml',
      '<project><licenses><license><name>GPL-2.0-or-later</name><url>https://www.gnu.org/licenses/old-licenses/gpl-2.0.html</url></license></licenses></project>',
      [['GPL-2.0-or-later', 'high', 1, 1]],
    ],
    [
      'pom.xml: a URL alone is medium',
      'pom.xml',
      '<project><licenses><license><name>GNU Lesser General Public License</name><url>https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html</url></license></licenses></project>',
      [['LGPL-2.1-only', 'medium', 1, 1]],
    ],
    [
      'pom.xml: a name and a URL that disagree: the name, medium',
      'pom.xml',
      '<project><licenses><license><name>MIT</name><url>https://www.apache.org/licenses/LICENSE-2.0</url></license></licenses></project>',
      [['MIT', 'medium', 1, 1]],
    ],
    [
      'pom.xml: a medium entry makes the choice medium',
      'pom.xml',
      '<project><licenses>\n<license><name>MIT License</name></license>\n<license><name>Apache-2.0</name></license>\n</licenses></project>',
      [['MIT OR Apache-2.0', 'medium', 1, 4]],
    ],
    [
      'pom.xml: entities and CDATA are decoded',
      'pom.xml',
      '<project><licenses>\n<license><name>Apache License&#44; Version 2.0</name><url>https://www.apache.org/licenses/LICENSE-2.0?a=1&amp;b=2</url></license>\n<license><name><![CDATA[BSD-3-Clause]]></name></license>\n</licenses></project>',
      [['Apache-2.0 OR BSD-3-Clause', 'high', 1, 4]],
    ],
    [
      'pom.xml: entities of the DOCTYPE are never expanded',
      'pom.xml',
      '<!DOCTYPE project [<!ENTITY lic "GPL-3.0-only">]>\n<project><licenses><license><name>&lic;</name></license></licenses></project>',
      [],
    ],
    [
      'pom.xml: a project URL names no licence',
      'pom.xml',
      '<project><licenses><license><url>https://github.com/x/y/blob/main/LICENSE</url></license></licenses></project>',
      [],
    ],
    [
      'pom.xml: licences in a dependency only',
      'pom.xml',
      '<project><dependencies><dependency><licenses><license><name>MIT</name></license></licenses></dependency></dependencies></project>',
      [],
    ],
    [
      'pom.xml: not a project',
      'pom.xml',
      '<settings><licenses><license><name>MIT</name></license></licenses></settings>',
      [],
    ],
    ['pom.xml: truncated XML', 'pom.xml', POM.slice(0, POM.indexOf('</licenses>') + 11), []],
    [
      'pom.xml: a mismatched end tag',
      'pom.xml',
      '<project><licenses><license><name>MIT</name></licence></licenses></project>',
      [],
    ],
    // .nuspec (NuGet)
    [
      'nuspec: a licence expression',
      'Newtonsoft.Json.nuspec',
      nuspec(
        '<license type="expression">MIT</license>\n    <licenseUrl>https://licenses.nuget.org/MIT</licenseUrl>',
      ),
      [['MIT', 'high', 7, 7]],
    ],
    [
      'nuspec: a compound expression',
      'x.nuspec',
      nuspec('<license type="expression">Apache-2.0 OR MIT</license>'),
      [['Apache-2.0 OR MIT', 'high', 7, 7]],
    ],
    [
      'nuspec: a licence file states nothing here',
      'x.nuspec',
      nuspec(
        '<license type="file">LICENSE.txt</license>\n    <licenseUrl>https://aka.ms/deprecateLicenseUrl</licenseUrl>',
      ),
      [],
    ],
    [
      "nuspec: licenseUrl at a licence's canonical address is medium",
      'x.nuspec',
      nuspec('<licenseUrl>http://www.apache.org/licenses/LICENSE-2.0</licenseUrl>'),
      [['Apache-2.0', 'medium', 7, 7]],
    ],
    [
      "nuspec: licenseUrl at NuGet's expression service is the expression",
      'x.nuspec',
      nuspec('<licenseUrl>https://licenses.nuget.org/MIT%20OR%20Apache-2.0</licenseUrl>'),
      [['MIT OR Apache-2.0', 'high', 7, 7]],
    ],
    [
      "nuspec: licenseUrl at a project's LICENSE file names no licence",
      'x.nuspec',
      nuspec(
        '<licenseUrl>https://github.com/JamesNK/Newtonsoft.Json/blob/master/LICENSE.md</licenseUrl>',
      ),
      [],
    ],
    [
      'nuspec: a <license> outside <metadata> is not read',
      'x.nuspec',
      '<package>\n  <license type="expression">MIT</license>\n  <metadata><id>x</id></metadata>\n</package>\n',
      [],
    ],
    [
      'nuspec: truncated XML',
      'x.nuspec',
      nuspec('<license type="expression">MIT</license>').slice(0, -12),
      [],
    ],
    // .gemspec (RubyGems), read as text, never run
    [
      'gemspec: one licence',
      'rake.gemspec',
      'Gem::Specification.new do |s|\n  s.name = "rake"\n  s.license = "MIT"\nend\n',
      [['MIT', 'high', 3, 3]],
    ],
    [
      'gemspec: licenses array is a choice',
      'x.gemspec',
      "Gem::Specification.new do |spec|\n  spec.licenses = ['Ruby', 'BSD-2-Clause']\nend\n",
      [['Ruby OR BSD-2-Clause', 'high', 2, 2]],
    ],
    [
      'gemspec: %w[] words, frozen string',
      'x.gemspec',
      'Gem::Specification.new do |s|\n  s.licenses = %w[MIT Apache-2.0].freeze\nend\n',
      [['MIT OR Apache-2.0', 'high', 2, 2]],
    ],
    [
      'gemspec: a value that is code, and a commented-out line, state nothing',
      'x.gemspec',
      "Gem::Specification.new do |s|\n  # s.license = 'GPL-2.0'\n  s.license = LICENSE_NAME\nend\n",
      [],
    ],
    [
      'gemspec: free text is corrected at medium',
      'x.gemspec',
      "Gem::Specification.new do |s|\n  s.license = 'Apache 2'\nend\n",
      [['Apache-2.0', 'medium', 2, 2]],
    ],
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

  it('matches the new manifests case-insensitively', () => {
    expect(summary('{"license":"MIT"}', 'Composer.JSON')).toEqual([['MIT', 'high', 1, 1]]);
    expect(summary('License: GPL-2\n', 'description')).toEqual([['GPL-2.0-only', 'high', 1, 1]]);
    expect(
      summary(
        '<project><licenses><license><name>MIT</name></license></licenses></project>',
        'POM.xml',
      ),
    ).toEqual([['MIT', 'high', 1, 1]]);
    const expression = nuspec('<license type="expression">MIT</license>');
    expect(summary(expression, 'Example.Package.NuSpec')).toEqual([['MIT', 'high', 7, 7]]);
    expect(summary(expression, 'nuspec.xml')).toEqual([]);
  });

  it('says why a composer.json choice is only medium', () => {
    const [unread] = declaredInManifest('{"license": ["MIT", "proprietary"]}', 'composer.json');
    expect(unread?.reason).toMatch(/"proprietary" names no licence.*wider than MIT/);
    const [corrected] = declaredInManifest('{"license": ["MIT", "Apache 2"]}', 'composer.json');
    expect(corrected?.reason).toMatch(/Declared as "Apache 2".*read as Apache-2.0/);
  });

  it('says why an R licence with + file LICENSE is only medium', () => {
    const [m] = declaredInManifest('License: GPL-3 + file LICENSE\n', 'DESCRIPTION');
    expect(m?.reason).toMatch(/adds the terms in the file LICENSE to GPL-3\.0-only/);
    const [template] = declaredInManifest('License: MIT + file LICENSE\n', 'DESCRIPTION');
    expect(template).not.toHaveProperty('reason');
  });

  it.each<[string, string, RegExp]>([
    [
      'a name and a URL that disagree',
      '<name>MIT</name><url>https://www.apache.org/licenses/LICENSE-2.0</url>',
      /"MIT" reads as MIT, but the URL \S+ is that of Apache-2\.0/,
    ],
    [
      'a URL alone',
      '<name>GNU Lesser General Public License</name><url>https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html</url>',
      /from the licence URL \S+ alone: the name "GNU Lesser General Public License" was not read/,
    ],
    ['a corrected name', '<name>The MIT License</name>', /Declared as "The MIT License"/],
  ])('says why a pom licence is only medium: %s', (_name, entry, reason) => {
    const [m] = declaredInManifest(
      `<project><licenses><license>${entry}</license></licenses></project>`,
      'pom.xml',
    );
    expect(m).toMatchObject({ confidence: 'medium', score: 0.5, via: 'declared' });
    expect(m?.reason).toMatch(reason);
  });

  it('says why a nuspec licenseUrl is only medium', () => {
    const [m] = declaredInManifest(
      nuspec('<licenseUrl>https://opensource.org/licenses/MIT</licenseUrl>'),
      'x.nuspec',
    );
    expect(m).toMatchObject({ license: 'MIT', confidence: 'medium', via: 'declared' });
    expect(m?.reason).toMatch(/licenseUrl is deprecated and may point at a copy that differs/);
  });

  it.each([
    ['package.json', `{"license":"MIT","x":"${'a'.repeat(MAX_MANIFEST_LENGTH)}"}`],
    ['composer.json', `{"license":"MIT","x":"${'a'.repeat(MAX_MANIFEST_LENGTH)}"}`],
    ['DESCRIPTION', `License: MIT\nDescription: ${'a'.repeat(MAX_MANIFEST_LENGTH)}\n`],
    [
      'pom.xml',
      `<project><licenses><license><name>MIT</name></license></licenses><!--${'a'.repeat(MAX_MANIFEST_LENGTH)}--></project>`,
    ],
    [
      'x.nuspec',
      nuspec(`<license type="expression">MIT</license><!--${'a'.repeat(MAX_MANIFEST_LENGTH)}-->`),
    ],
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
      'composer.json',
      'DESCRIPTION',
      'pom.xml',
      'x.nuspec',
    ]) {
      for (const text of [
        '',
        '\u0000',
        '---',
        '[',
        '{',
        'license',
        '---\n---\n',
        '"\\',
        '<',
        '<!--',
        '<![CDATA[',
        '<!DOCTYPE',
        '</project>',
        '<project><licenses><license><name>&#x110000;&#0;</name></license></licenses></project>',
        '<package><metadata><licenseUrl>https://licenses.nuget.org/%E0%A4%A</licenseUrl></metadata></package>',
        'License: |||\n',
        '{"license": [null]}',
      ]) {
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
  it('says a declared deprecated id was read as the one SPDX lists now', () => {
    const [m] = identifyLicenses('{"license": "GPL-2.0"}', { fileName: 'package.json' });
    expect(m).toMatchObject({ license: 'GPL-2.0-only', confidence: 'high', via: 'declared' });
    expect(m?.reason).toMatch(/GPL-2\.0.*deprecated/);
  });

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
    [
      'a composer.json expression',
      'composer.json',
      '{\n  "name": "x/y",\n  "license": "(LGPL-2.1-only or GPL-3.0-or-later)"\n}\n',
      [['LGPL-2.1-only OR GPL-3.0-or-later', 'declared']],
    ],
    [
      'a composer.json choice',
      'composer.json',
      '{\n  "name": "x/y",\n  "license": [\n    "MIT",\n    "Apache-2.0"\n  ]\n}\n',
      [['MIT OR Apache-2.0', 'declared']],
    ],
    [
      'the licences of a pom, each also read as a notice',
      'pom.xml',
      '<project>\n  <licenses>\n    <license>\n      <name>The Apache Software License, Version 2.0</name>\n      <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>\n    </license>\n    <license>\n      <name>MIT</name>\n      <url>https://opensource.org/licenses/MIT</url>\n    </license>\n  </licenses>\n</project>\n',
      [['Apache-2.0 OR MIT', 'declared']],
    ],
    [
      "an R DESCRIPTION's or-later form",
      'DESCRIPTION',
      'Package: x\nLicense: GPL (>= 2)\n',
      [['GPL-2.0-or-later', 'declared']],
    ],
    [
      'a nuspec expression',
      'x.nuspec',
      '<package>\n  <metadata>\n    <license type="expression">MIT</license>\n  </metadata>\n</package>\n',
      [['MIT', 'declared']],
    ],
    [
      'a deprecated GNU id, as SPDX lists it now',
      'package.json',
      '{\n  "license": "GPL-2.0+"\n}\n',
      [['GPL-2.0-or-later', 'declared']],
    ],
    [
      'a deprecated "only" id',
      'package.json',
      '{"license": "LGPL-2.1"}',
      [['LGPL-2.1-only', 'declared']],
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

  it('reads the same pom without a file name as notices only', () => {
    // What the declared match replaces: one notice per <license>, on the block's lines.
    const text =
      '<project>\n  <licenses>\n    <license>\n      <name>The Apache Software License, Version 2.0</name>\n      <url>https://www.apache.org/licenses/LICENSE-2.0.txt</url>\n    </license>\n    <license>\n      <name>MIT</name>\n    </license>\n  </licenses>\n</project>\n';
    expect(identifyLicenses(text).map((m) => [m.license, m.via])).toEqual([
      ['Apache-2.0', 'notice'],
      ['MIT', 'notice'],
    ]);
    expect(identifyLicenses(text, { fileName: 'java/core/pom.xml' })).toEqual([
      {
        license: 'Apache-2.0 OR MIT',
        confidence: 'high',
        score: 1,
        startLine: 2,
        endLine: 10,
        via: 'declared',
      },
    ]);
  });

  it('adds nothing without a file name', () => {
    const matches = identifyLicenses('{"name":"x","license":"MIT"}');
    expect(matches.every((m) => m.via !== 'declared')).toBe(true);
  });
});
