import { describe, expect, it } from 'vitest';
import { detectNotices } from './index.js';
import { licenseOfUrl } from './urls.js';

/** The confident answers for a text, as `id@startLine-endLine`. */
function confident(text: string): string[] {
  return detectNotices(text)
    .filter((m) => m.confidence === 'high')
    .map((m) => `${m.license}@${m.startLine}-${m.endLine}`);
}

function ids(text: string, confidence: 'high' | 'medium' = 'high'): string[] {
  return detectNotices(text)
    .filter((m) => m.confidence === confidence)
    .map((m) => m.license);
}

describe('grants and notices', () => {
  it.each([
    ['Licensed under the Apache License, Version 2.0 (the "License");', 'Apache-2.0'],
    ['This project is released under the MIT license.', 'MIT'],
    ['Distributed under the Boost Software License, Version 1.0.', 'BSL-1.0'],
    ['This file is subject to the terms of the Mozilla Public License, v. 2.0.', 'MPL-2.0'],
    [
      'made available under the terms of the Eclipse Public License v1.0 which accompanies this',
      'EPL-1.0',
    ],
    ['Code licensed under the 3-clause BSD license', 'BSD-3-Clause'],
    ['Licensed under the two-clause BSD License.', 'BSD-2-Clause'],
    [
      'under the terms of the GNU Lesser General Public License as published by the Free Software Foundation; either version 2.1 of the License, http://www.fsf.org/copyleft/lesser.html, or (at your option) any later version.',
      'LGPL-2.1-or-later',
    ],
    ['Released under the Three-Clause BSD license', 'BSD-3-Clause'],
    ['released under the Simplified BSD License', 'BSD-2-Clause'],
    [
      'This work is licensed under a Creative Commons Attribution 4.0 International License.',
      'CC-BY-4.0',
    ],
    [
      'licensed under a Creative Commons Attribution-NonCommercial-ShareAlike 3.0 Unported license',
      'CC-BY-NC-SA-3.0',
    ],
    [
      'You can redistribute it under the same terms as Perl itself.',
      'Artistic-1.0-Perl OR GPL-1.0-or-later',
    ],
    ['Licensed under the Educational Community License, Version 2.0', 'ECL-2.0'],
    ['You can distribute and/or modify this program under the Ruby License.', 'Ruby'],
    ['License: zlib', 'Zlib'],
    [
      'Permission is granted to copy, distribute and/or modify this document under the terms of the GNU Free Documentation License, Version 1.2 or any later version',
      'GFDL-1.2-or-later',
    ],
    ['Licensed under the EUPL, Version 1.1 or - as soon they will be approved', 'EUPL-1.1'],
    ['This file is distributed under the CeCILL license version 2.', 'CECILL-2.0'],
    ['released under the CeCILL-B license', 'CECILL-B'],
    ['Licensed under the Do What The F*ck You Want To Public License', 'WTFPL'],
    ['@license MIT', 'MIT'],
    ['"license": "Apache-2.0 OR MIT"', 'Apache-2.0 OR MIT'],
  ])('%s → %s', (text, id) => {
    expect(ids(text)).toEqual([id]);
  });

  it.each([
    [
      'This program is free software; you can redistribute it and/or modify\n * it under the terms of the GNU General Public License as published by\n * the Free Software Foundation; either version 2 of the License, or\n * (at your option) any later version.',
      'GPL-2.0-or-later',
    ],
    [
      'it under the terms of the GNU General Public License version 2 as\npublished by the Free Software Foundation.',
      'GPL-2.0-only',
    ],
    [
      'under the terms of the GNU General Public License as published by the Free\nSoftware Foundation version 2 and no later version.',
      'GPL-2.0-only',
    ],
    [
      'under the terms of the GNU Lesser General Public License as published by the Free Software Foundation; either version 2.1 of the License, or (at your option) any later version.',
      'LGPL-2.1-or-later',
    ],
    [
      'under the terms of the GNU Library General Public License as published by the Free Software Foundation; version 2.',
      'LGPL-2.0-only',
    ],
    ['under the terms of the GNU Affero General Public License (GNU AGPLv3).', 'AGPL-3.0-only'],
    // GPL §9: no version number → any version ever published.
    [
      'This file may be redistributed under the terms of the GNU General Public License.',
      'GPL-1.0-or-later',
    ],
    // "Lesser" first appeared in 2.1 (LGPL-3.0 §6: "any version of the GNU Lesser General
    // Public License ever published").
    [
      'This file can be redistributed under the terms of the GNU Lesser General Public License',
      'LGPL-2.1-or-later',
    ],
    // The Linux kernel's COPYING is GPL-2.0-only (with its syscall note for user space).
    [
      'This file is subject to the terms and conditions of the GNU General Public\n * License.  See the file COPYING in the main directory of the Linux\n * distribution for more details.',
      'GPL-2.0-only',
    ],
    ['released under GPLv3+', 'GPL-3.0-or-later'],
    [
      'licensed under the GPL-2.0 with the Classpath exception',
      'GPL-2.0-only WITH Classpath-exception-2.0',
    ],
  ])('GNU: %s → %s', (text, id) => {
    expect(ids(text)).toEqual([id]);
  });

  // The OpenSolaris CDDL header names no version but points to usr/src/OPENSOLARIS.LICENSE, the
  // CDDL 1.0 text OpenSolaris was released under (illumos and OpenZFS tag it CDDL-1.0).
  const cddlHeader = (pointer: string): string =>
    ` * CDDL HEADER START\n *\n * The contents of this file are subject to the terms of the\n * Common Development and Distribution License (the "License").\n * You may not use this file except in compliance with the License.\n *\n * You can obtain a copy of the license at ${pointer}\n * or http://www.opensolaris.org/os/licensing.\n * See the License for the specific language governing permissions\n * and limitations under the License.\n *\n * CDDL HEADER END`;
  it('reads the OpenSolaris CDDL header, pointing to OPENSOLARIS.LICENSE, as CDDL-1.0', () => {
    expect(confident(cddlHeader('usr/src/OPENSOLARIS.LICENSE'))).toEqual(['CDDL-1.0@4-7']);
    // Another file named as the licence: no version known.
    expect(ids(cddlHeader('src/CDDL.LICENSE'))).toEqual([]);
    expect(ids('Licensed under the Common Development and Distribution License.')).toEqual([]);
  });

  it('never guesses a version the text does not state', () => {
    expect(ids('Licensed under the Apache License.')).toEqual([]);
    expect(ids('Released under the Mozilla Public License.')).toEqual([]);
    // "BSD" alone is three different licences.
    expect(ids('Distributed under the BSD license.')).toEqual([]);
    // Two versions offered ("either version 2 or version 3"): a choice of the two, no "or later".
    expect(
      ids('under the terms of the GNU General Public License, either version 2 or version 3'),
    ).toEqual(['GPL-2.0-only OR GPL-3.0-only']);
    // Two versions named apart, no choice between them stated: no answer.
    expect(
      ids('Licensed under the GNU General Public License; see version 2 and version 3'),
    ).toEqual([]);
  });

  it('is not fooled by mentions that are not grants', () => {
    expect(ids('This library is not licensed under the GPL version 2.')).toEqual([]);
    // A negation written as a contraction (copies in SQL dumps double the apostrophe).
    for (const q of ["'", '’', "''"]) {
      expect(ids(`This package isn${q}t released under the MIT license.`)).toEqual([]);
      expect(ids(`We don${q}t distribute it under the GPL version 2.`)).toEqual([]);
    }
    expect(ids('This package is released under the MIT license.')).toEqual(['MIT']);
    // Other software the text talks about (Python's LICENSE footnote).
    const footnote = `The
    GPL-compatible licenses make it possible to combine Python with
    other software that is released under the GPL; the others don't.`;
    expect(ids(footnote)).toEqual([]);
    expect(
      ids('It can be linked with programs licensed under the Apache License, Version 2.0.'),
    ).toEqual([]);
    expect(ids('This library can be used by software licensed under the MIT license.')).toEqual([]);
    expect(ids('This software is licensed under the MIT license.')).toEqual(['MIT']);
    // A link target is where a link points, not a statement (NumPy's NEP template).
    const nep = `Each NEP must either be explicitly labeled as placed in the public domain (see
   this NEP as an example) or licensed under the \`Open Publication License\`_.

.. _Open Publication License: https://www.opencontent.org/openpub/
`;
    expect(ids(nep)).toEqual([]);
    expect(ids(nep, 'medium')).toEqual(['OPUBL-1.0']);
    expect(
      ids(
        'See the changelog for what changed in this release of the tool.\n\n[license]: https://opensource.org/licenses/MIT',
      ),
    ).toEqual([]);
    expect(ids('License: https://opensource.org/licenses/MIT')).toEqual(['MIT']);
    // A rule for other works (NumPy's NEP template, a CONTRIBUTING file).
    expect(
      ids(`Each NEP must either be explicitly labeled as placed in the public domain (see
   this NEP as an example) or licensed under the Open Publication License.`),
    ).toEqual([]);
    expect(ids('Contributions must be licensed under the Apache License, Version 2.0.')).toEqual(
      [],
    );
    expect(ids('Contributions are licensed under the Apache License, Version 2.0.')).toEqual([
      'Apache-2.0',
    ]);
    expect(ids('The code is compatible with the Apache License, Version 2.0, and more.')).toEqual(
      [],
    );
    expect(ids('See the GNU General Public License for more details about the terms.')).toEqual([]);
    expect(ids('MIT-style license applies.')).toEqual([]);
    // A name inside a longer hyphenated id is that id or none (Debian copyright fields).
    expect(ids('License: BSD-2-Clause-style')).toEqual([]);
    expect(ids('License: MIT-Old-Style-with-legal-disclaimer-2')).toEqual([]);
    expect(ids('License: MIT-0')).toEqual(['MIT-0']);
    expect(ids('Licensed under the BSD-3-Clause-Clear license.')).toEqual(['BSD-3-Clause-Clear']);
    expect(ids('License: BSD-3-Clause-LBNL')).toEqual(['BSD-3-Clause-LBNL']);
    // An expression that goes on with a licence no id names: not its first part alone.
    expect(ids('"license": "MIT AND BSD"')).toEqual([]);
    expect(ids('License: GPL-2.0-only WITH Foo-exception')).toEqual([]);
    // A choice: the licences it names are still ones to choose, with the reason.
    expect(ids('"license": "MIT OR BSD"')).toEqual(['MIT']);
    expect(detectNotices('"license": "MIT OR BSD"')[0]?.reason).toMatch(/one of the choices/);
    expect(ids('License: Apache-2.0 or CC0-1.0 or Foo-Public-Licence')).toEqual([
      'Apache-2.0 OR CC0-1.0',
    ]);
    // Its part with a reason, as a hint.
    expect(detectNotices('"license": "MIT AND BSD"')[0]?.reason).toMatch(/mit and bsd/);
    expect(ids('It is GPL-compatible.')).toEqual([]);
    expect(ids('This is Apache-2.0-licensed software.')).toEqual(['Apache-2.0']);
    expect(ids('(gpl) < 10')).toEqual([]);
    // A name in a sentence that grants nothing is a hint at most.
    expect(
      ids('We compared the Apache License, Version 2.0 and the MIT license in a table.'),
    ).toEqual([]);
  });

  it('reports line ranges of multi-line notices, in file order', () => {
    const text = [
      '/*',
      ' * Copyright 2020 Someone',
      ' *',
      ' * Licensed under the Apache License, Version 2.0 (the "License");',
      ' * you may not use this file except in compliance with the License.',
      ' * You may obtain a copy of the License at',
      ' *',
      ' *     http://www.apache.org/licenses/LICENSE-2.0',
      ' */',
      '',
      '// Parts: SPDX-License-Identifier: MIT',
    ].join('\n');
    expect(confident(text)).toEqual(['Apache-2.0@4-8', 'MIT@11-11']);
  });

  it('merges a GPL notice and its "see the GNU GPL" line into one statement', () => {
    const text = [
      'This program is free software: you can redistribute it and/or modify',
      'it under the terms of the GNU General Public License as published by',
      'the Free Software Foundation, either version 3 of the License, or',
      '(at your option) any later version.',
      '',
      'This program is distributed in the hope that it will be useful,',
      'but WITHOUT ANY WARRANTY; without even the implied warranty of',
      'MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the',
      'GNU General Public License for more details.',
    ].join('\n');
    expect(confident(text)).toEqual(['GPL-3.0-or-later@2-4']);
    expect(detectNotices(text)).toHaveLength(1);
  });

  it('skips what a licence text already explains', () => {
    const text = 'How to apply:\nLicensed under the Apache License, Version 2.0\n';
    expect(detectNotices(text, { exclude: [{ startLine: 1, endLine: 3 }] })).toEqual([]);
  });
});

describe('more grant wordings', () => {
  it.each([
    [' * License terms: GNU General Public License (GPL) version 2', 'GPL-2.0-only'],
    ['Licensed under the GNU General Public License (GPL) version 2', 'GPL-2.0-only'],
    [' * This file is GPLv2 as found in COPYING.', 'GPL-2.0-only'],
    ['* Distributable under version 2 of the GNU General Public License.', 'GPL-2.0-only'],
    ['"license": {\n  "type": "MIT",\n  "url": "http://example.com/LICENSE"\n}', 'MIT'],
    // The version inside the name (a kernel Kconfig header).
    [
      '# it under the terms of the GNU General Public version 2 License as\n# published by the Free Software Foundation',
      'GPL-2.0-only',
    ],
    // R's DESCRIPTION files and CRAN: "GPL (>= 2)" is version 2 or later.
    ['License: GPL (>= 3)', 'GPL-3.0-or-later'],
    ['Depends: R (>= 3.5.0)\nLicense: GPL (>= 2)', 'GPL-2.0-or-later'],
    ['License: LGPL (>= 2.1)', 'LGPL-2.1-or-later'],
    // A licence other than the GNU ones "or (at your option) any later version": SPDX's `+`.
    [
      'Distributed under the Eclipse Public License either version 1.0 or (at your option) any later version.',
      'EPL-1.0+',
    ],
    // A key's value written with a slash (Cargo's old way of writing a choice).
    ['License: MIT/Apache-2.0', 'MIT OR Apache-2.0'],
    // …but a slash inside one licence's name is no choice: "MIT/X11" is MIT, "zlib/libpng" Zlib.
    ['license = "MIT/X11"', 'MIT'],
    ['license = "zlib/libpng"', 'Zlib'],
    ['License: zlib/libpng', 'Zlib'],
    // "Licensed" right before the name, no "under".
    ['Licensed MIT. Copyright (c) 2020 Jane Doe', 'MIT'],
    ['It is licensed Apache-2.0.', 'Apache-2.0'],
    // A copyright line going on to the licence.
    ['Copyright © 2024 Jane Doe under MIT.', 'MIT'],
    ['Copyright (c) 2019 ACME Inc., released under the Apache License 2.0.', 'Apache-2.0'],
    // A reStructuredText reference to the licence's link target (cookiecutter's Python READMEs).
    [
      'Distributed under the terms of the `MIT`_ license, "pytest-foo" is free and open source software\n\n.. _`MIT`: http://opensource.org/licenses/MIT',
      'MIT',
    ],
  ])('%s → %s', (text, id) => {
    expect(ids(text)).toEqual([id]);
  });

  it.each([
    [
      ' * Released under the Creative Commons Attribution License\n *   (http://creativecommons.org/licenses/by/2.5)',
      'CC-BY-2.5',
    ],
    ['All source material within __lib__ directory are BSD 2-Clause licensed.', 'BSD-2-Clause'],
    ['Apache 2.0-licensed code', 'Apache-2.0'],
    [
      '% This file may be distributed and/or modified under the    %\n% conditions of the LaTeX Project Public License, either     %\n% version 1.3c of this license or (at your option) any       %\n% later version.                                             %',
      'LPPL-1.3c+',
    ],
    [
      'Distributed under the terms of the CeCILL-B license, as published by the CEA-CNRS-INRIA. See http://www.cecill.info/licences/Licence_CeCILL-B_V1-en.html for details.',
      'CECILL-B',
    ],
  ])('%s → %s', (text, id) => {
    expect(ids(text)).toEqual([id]);
  });

  it.each([
    [
      '// This work is licensed under the Creative Commons \n// Attribution-NonCommercial-NoDerivs License. To view a copy of this license, \n// visit http://creativecommons.org/licenses/by-nc-nd/2.0/ or send a letter to',
      'CC-BY-NC-ND-2.0',
    ],
    [
      ' * This software is licensed under the "Creative Commons \n * License (Attribution-NonCommercial-ShareAlike 2.0)" \n * Further information on this license can be found at:\n * http://creativecommons.org/licenses/by-nc-sa/2.0/',
      'CC-BY-NC-SA-2.0',
    ],
    [' * work is distributed under the W3C(r) Software License [1] in the hope that', 'W3C'],
    // A Markdown link from "Creative Commons" to one CC licence (Bootstrap's README).
    [
      'Docs released under [Creative Commons](https://creativecommons.org/licenses/by/3.0/), see the docs for details on this project.',
      'CC-BY-3.0',
    ],
    [
      '<cc:license\n rdf:resource="http://creativecommons.org/licenses/publicdomain/" />',
      'CC-PDDC',
    ],
  ])('the licence a grant means, from its URL or despite a trademark sign: %s', (text, id) => {
    expect(ids(text)).toEqual([id]);
  });

  it('keeps a hint from "the GNU LGPL, see /usr/share/common-licenses/LGPL-2.1"', () => {
    // Debian copyright files: the upstream grant names no version, the packager's pointer names
    // a file. The grant yields to the version the pointer names, and the pointer's name was
    // then dropped as "the -only of a licence stated -or-later" by that very grant: nothing.
    for (const path of ['/usr/share/common-licenses/LGPL-2.1', '/usr/share/doc/LGPL-2.1'])
      expect(
        detectNotices(
          `This package is free software; you can redistribute it under the terms of the GNU Lesser General Public License, see ${path}.`,
        ).map((m) => `${m.license}:${m.confidence}`),
      ).toEqual(['LGPL-2.1-only:medium']);
    // A confident versioned statement elsewhere still decides ("the LGPL, see above").
    expect(
      ids(
        'Licensed under the GNU Lesser General Public License version 3.\n\nThe parser is under the LGPL as well.',
      ),
    ).toEqual(['LGPL-3.0-only']);
  });

  it('reads a header line naming a licence and where its text is as a grant', () => {
    expect(ids(' * Copyright (C) 2005 A. Person\n * GPL v2, can be found in COPYING.')).toEqual([
      'GPL-2.0-only',
    ]);
    // Not without a version, and not in the middle of a sentence.
    expect(ids(' * GPL, can be found in COPYING.')).toEqual([]);
    expect(ids('It talks about the GPL v2, can be found in COPYING.')).toEqual([]);
  });

  it('reads a licence name alone under a "License" heading as the README\'s declaration', () => {
    expect(confident('# errors\n\nSome text.\n\n## Licence\n\nBSD-2-Clause\n')).toEqual([
      'BSD-2-Clause@7-7',
    ]);
    expect(confident('Project\n\nLicense\n=======\n\nMIT\n')).toEqual(['MIT@6-6']);
    expect(confident('Project\n\n## License\n\nApache License 2.0.\n')).toEqual(['Apache-2.0@5-5']);
    // The name and a pointer to the licence file after it ("3-clause BSD. See LICENSE file.").
    const readme = 'Native Go Zookeeper Client Library\n\nDocumentation: http://godoc.org/x\n\n';
    expect(confident(`${readme}License\n-------\n\n3-clause BSD. See LICENSE file.`)).toEqual([
      'BSD-3-Clause@8-8',
    ]);
    expect(confident(`${readme}## License\n\nMIT, see the LICENSE file for details.\n`)).toEqual([
      'MIT@7-7',
    ]);
    expect(confident(`${readme}## License\n\nMIT. See the GPL for more.\n`)).toEqual([]);
    // The forms npm READMEs use: the name linked to the licence file, the holder after it, a
    // pointer to the file after a dash.
    for (const line of [
      '[MIT](./LICENSE)',
      'MIT © [Sindre Sorhus](https://sindresorhus.com)',
      'MIT © Jared Wray',
      'MIT. Copyright (c) [Feross Aboukhadijeh](http://feross.org).',
      'MIT — see [LICENSE](./LICENSE)',
      '**MIT**',
      '[MIT](LICENSE.md) License © 2025-PRESENT [Kevin Deng](https://github.com/sxzz)',
      '[The MIT License](http://lauri.rooden.ee/mit-license.txt)',
    ]) {
      expect(confident(`${readme}## License\n\n${line}\n`), line).toEqual(['MIT@7-7']);
    }
    expect(
      confident(`${readme}## License\n\nBSD 3 Clause. Copyright (c) 2008, Fair Oaks Labs, Inc.\n`),
    ).toEqual(['BSD-3-Clause@7-7']);
    // A heading with an emoji before "License".
    expect(confident(`${readme}## 🦮 LICENSE\n\nMIT\n`)).toEqual(['MIT@7-7']);
    // A sentence that only uses the name is still not a declaration.
    expect(confident(`${readme}## License\n\nMIT © is a sign we do not use here\n`)).toEqual([]);
    // A heading line ends the sentence before it (a task list without a full stop).
    expect(
      confident(
        '## TODO\n\n- [ ] Be 100% compatible with uri-js\n\n## License\n\nLicensed under [BSD-3-Clause](./LICENSE).\n',
      ),
    ).toEqual(['BSD-3-Clause@7-7']);
    // Not under a licence heading, or not alone on its line: no declaration.
    expect(confident('## Credits\n\nMIT\n')).toEqual([]);
    expect(confident('## License\n\nWe like MIT and hope to use it\n')).toEqual([]);
  });

  it('reads "License <name>:" at a line start only with a version and the colon', () => {
    const filler = 'Some program\nWritten by someone who writes many words in this text.\n';
    expect(
      confident(`${filler}License GPLv2: GNU GPL version 2 <https://gnu.org/licenses/gpl.html>\n`),
    ).toEqual(['GPL-2.0-only@3-3']);
    expect(confident(`${filler}License GPLv2 is what we chose after a long debate\n`)).toEqual([]);
    expect(confident(`${filler}License GPL: see the web site of the project for more\n`)).toEqual(
      [],
    );
  });

  it.each([
    // Another work the project uses, ports or rewrites, in a relative clause.
    'This application uses FFmpeg, which is licensed under the LGPL 2.1 or later.',
    'This skill uses ffmpeg, which is licensed under LGPL/GPL depending on build configuration.',
    'This module was ported from the proj4m project which is licensed under the GPL v3.',
    'It is a rewrite of the FileList extension by Foo, which is licensed under the GPL v2.0 or later.',
    'I use YAFS, which is licensed under the MIT License, to store files.',
    'Binaries linked with an mbed TLS or OpenSSL version that is licensed under the Apache 2.0 license may be distributed.',
    'The app bundles SQLite, which is in the public domain, and zlib, which is released under the zlib license.',
    // A licence the project had before.
    'This project was originally licensed under the MIT License.',
    'Previous versions were licensed under the Apache 2.0 License.',
    '(previous versions were licensed under LGPLv2.1 or later)',
    'This work was previously licensed under AGPL3.0.',
    'It was formerly released under the GPL version 2.',
    'Versions prior to 2.0 were licensed under the BSD 3-Clause License.',
    'Between v0.2.0 and v0.4.0, the project was released under the GNU General Public License v3.0.',
    '本项目原采用 MIT 许可证，现已变更为 GPL。',
  ])('reads no grant of the file in "%s"', (text) => {
    expect(ids(text)).toEqual([]);
  });

  it('reads a second grant that leaves out its verb ("and the documentation under …")', () => {
    expect(
      ids(
        'The source code is licensed under the MIT license, and the documentation under CC BY 4.0.',
      ),
    ).toEqual(['MIT', 'CC-BY-4.0']);
    expect(
      ids('Code is released under the Apache License 2.0; the artwork under CC BY-SA 4.0.'),
    ).toEqual(['Apache-2.0', 'CC-BY-SA-4.0']);
    // Not across the end of a sentence.
    expect(
      ids(
        'The code is licensed under the MIT license. And the old docs under the GPL v2 were removed.',
      ),
    ).toEqual(['MIT']);
  });

  it('reads a DEP-5 field joining a name the file gives a text of (the text is read on its own)', () => {
    const dep5 = (field: string): string =>
      `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nCopyright: 2020 Someone\nLicense: ${field}\n\nLicense: NPES\n Profiles based on these data may be distributed\n with no further permissions.\n`;
    expect(ids(dep5('CC0-1.0 and NPES'))).toEqual(['CC0-1.0']);
    expect(ids(dep5('CC0-1.0 and Other-Terms'))).toEqual([]);
  });

  it("reads a DEP-5 License field's Debian short names, choices and groups", () => {
    const read = (field: string): string[] =>
      detectNotices(
        `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nCopyright: 2020 Someone\nLicense: ${field}\n`,
      ).map((m) => `${m.license}:${m.confidence}`);
    expect(read('Expat')).toEqual(['MIT:high']);
    expect(read('Perl')).toEqual(['Artistic-1.0-Perl OR GPL-1.0-or-later:high']);
    expect(read('Zope-2.1')).toEqual(['ZPL-2.1:high']);
    expect(read('GFDL-NIV-1.2+')).toEqual(['GFDL-1.2-no-invariants-or-later:high']);
    expect(read('GPL-2+')).toEqual(['GPL-2.0-or-later:high']);
    expect(read('LGPL-2.1')).toEqual(['LGPL-2.1-only:high']);
    expect(read('BSD-3-clause')).toEqual(['BSD-3-Clause:high']);
    expect(read('Expat or GPL-2+')).toEqual(['MIT OR GPL-2.0-or-later:high']);
    expect(read('BSD-3-clause and Expat')).toEqual(['BSD-3-Clause AND MIT:high']);
    // "A or B, and C": the comma closes the choice.
    expect(read('GPL-2+ or Expat, and BSD-3-clause')).toEqual([
      '(GPL-2.0-or-later OR MIT) AND BSD-3-Clause:high',
    ]);
    expect(read('GPL-2+ with Autoconf exception')).toEqual([
      'GPL-2.0-or-later WITH Autoconf-exception-generic:high',
    ]);
    // An exception openvet cannot name: the licence is a hint.
    expect(read('GPL-3+ with Bison exception')).toEqual(['GPL-3.0-or-later:medium']);
    // A name nothing maps: the other choice is still one; joined with "and", only a hint.
    expect(read('GPL-2+ or Foo')).toEqual(['GPL-2.0-or-later:high']);
    expect(read('GPL-2+ and Foo')).toEqual(['GPL-2.0-or-later:medium']);
    expect(read('public-domain')).toEqual([]);
    // "and/or": a choice; an exception's version after its name.
    expect(read('ISC and/or LGPL-2.1+')).toEqual(['ISC OR LGPL-2.1-or-later:high']);
    expect(read('GPL-3+ with Bison-2.2 exception')).toEqual([
      'GPL-3.0-or-later WITH Bison-exception-2.2:high',
    ]);
    expect(read('GPL-2 with Linux-syscall-note exception')).toEqual([
      'GPL-2.0-only WITH Linux-syscall-note:high',
    ]);
    expect(read('GPL-2+ with Libtool exception')).toEqual([
      'GPL-2.0-or-later WITH Libtool-exception:high',
    ]);
    expect(read('GPL-3+ with GCC-Runtime-3.1 exception')).toEqual([
      'GPL-3.0-or-later WITH GCC-exception-3.1:high',
    ]);
    expect(read('Expat, and MIT')).toEqual(['MIT:high']);
    expect(read('Apache-2.0, and Apache-2.0 or MIT')).toEqual([
      'Apache-2.0 AND (Apache-2.0 OR MIT):high',
    ]);
  });

  it("keeps a DEP-5 field's statement to its own paragraph", () => {
    const file = [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      '',
      'Files: demos/*',
      'Copyright: 2000 Someone',
      'License: GPL-3+',
      '',
      'Files: demos/calc.c',
      'Copyright: 2001 Someone',
      'License: GPL-3+ with Bison exception',
      ' This program is free software: you can redistribute it and/or modify it under the',
      ' terms of the GNU General Public License as published by the Free Software Foundation,',
      ' either version 3 of the License, or (at your option) any later version.',
      '',
      'License: GPL-2+',
      ' This program is free software; you can redistribute it and/or modify it under the',
      ' terms of the GNU General Public License as published by the Free Software Foundation;',
      ' either version 2 of the License, or (at your option) any later version.',
    ].join('\n');
    const found = detectNotices(file).map(
      (m) => `${m.license}:${m.confidence}@${m.startLine}-${m.endLine}`,
    );
    // The first field's statement is line 5, not the paragraph after it; the last field's
    // text is part of its statement.
    expect(found).toContain('GPL-3.0-or-later:high@5-5');
    expect(found).toContain('GPL-2.0-or-later:high@14-17');
  });

  it('reads every field of a long DEP-5 file (one statement each is what the format is)', () => {
    const paragraphs = Array.from(
      { length: 80 },
      (_, i) =>
        `Files: src/part${i}/*\nCopyright: 2020 Author ${i}\nLicense: ${i % 2 ? 'GPL-2+' : 'Expat'}\n`,
    );
    const file = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n${paragraphs.join('\n')}\nFiles: last/*\nCopyright: 2021 Last\nLicense: Zlib\n`;
    const limits: string[] = [];
    expect(detectNotices(file, { limits }).map((m) => m.license)).toContain('Zlib');
    expect(limits).toEqual([]);
  });

  it("reads the notice in a DEP-5 field's text as part of the field (its exception included)", () => {
    const file = [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      '',
      'Files: parse-datetime.c',
      'Copyright: 2020 Someone',
      'License: GPL-3+ with Bison-2.2 exception',
      ' This program is free software: you can redistribute it and/or modify it under the',
      ' terms of the GNU General Public License as published by the Free Software Foundation,',
      ' either version 3 of the License, or (at your option) any later version.',
    ].join('\n');
    expect(detectNotices(file).map((m) => `${m.license}@${m.startLine}-${m.endLine}`)).toEqual([
      'GPL-3.0-or-later WITH Bison-exception-2.2@5-8',
    ]);
  });

  it('reads a line of a million spaces or asterisks in one pass', () => {
    // (A boxed comment's right edge was found by a pattern quadratic in a run of blanks or
    // asterisks that does not end the line.)
    expect(ids(`License: MIT${' '.repeat(1_000_000)}x`)).toEqual(['MIT']);
    expect(ids(`Licensed under the MIT license. ${'*'.repeat(1_000_000)}x`)).toEqual(['MIT']);
  });

  it('reads a licence key over many empty comment lines, and an identifier of many parentheses, in one pass', () => {
    // (The key's value was looked for past blanks by two patterns in a row, and parentheses
    // were counted again for each one taken off: both quadratic.)
    expect(ids(`License: ${'*\n'.repeat(200_000)}zz`)).toEqual([]);
    expect(ids(`SPDX-License-Identifier: ${'('.repeat(200_000)}MIT`)).toEqual(['MIT']);
    // (And a value's closing marks and quotes, trimmed by patterns tried from each blank or
    // quote of a long run.)
    expect(ids(`SPDX-License-Identifier = "${' '.repeat(1_000_000)}MIT"`)).toEqual(['MIT']);
    expect(ids(`SPDX-License-Identifier: MIT${'"'.repeat(1_000_000)}x`)).toEqual([]);
  });

  it('reads a licence key whose value runs on with a million dots in one pass', () => {
    // (Trailing punctuation was trimmed by a pattern tried from each dot: quadratic in a run.)
    expect(ids(`License: a${'.'.repeat(1_000_000)}b`)).toEqual([]);
    expect(licenseOfUrl(`https://opensource.org/licenses/MIT${')'.repeat(1_000_000)}x`)).toBe(
      undefined,
    );
    expect(licenseOfUrl(`https://opensource.org/licenses/MIT${'/'.repeat(1_000_000)}x`)).toBe(
      undefined,
    );
  });

  it('reads a DEP-5 field line of a million characters in one pass', () => {
    // (A field value's trailing spaces were trimmed by a lazy regex, quadratic in the line.)
    const file = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: MIT${' '.repeat(1_000_000)}x\n`;
    expect(ids(file)).toEqual(['MIT']);
  });

  it('reads a DEP-5 choice of a name the file gives a text of as one of the choices', () => {
    const file = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nCopyright: 2020 Someone\nLicense: Artistic or GPL-1+\n\nLicense: Artistic\n This program is free software; you can redistribute it under the terms of\n the Artistic License, which comes with Perl.\n`;
    const gpl = detectNotices(file).filter((m) => m.license === 'GPL-1.0-or-later');
    expect(gpl.map((m) => m.confidence)).toEqual(['high']);
    expect(gpl[0]?.reason).toMatch(/one of the choices/);
  });

  it('reads "this project uses the MIT license" and "we license this under MIT" as grants', () => {
    expect(ids('This project uses the MIT license.')).toEqual(['MIT']);
    expect(ids('Our library uses the Apache License, Version 2.0.')).toEqual(['Apache-2.0']);
    expect(ids('We license this under MIT.')).toEqual(['MIT']);
    // A licence of something the project uses is not its own.
    expect(ids('This project uses the GPL-licensed readline library.')).toEqual([]);
    expect(ids('The tool uses the MIT license file of each package to build a report.')).toEqual(
      [],
    );
  });

  it('reads a licence labelled with the part it covers ("Code: MIT. Weights: Apache 2.0.")', () => {
    expect(ids('Code: MIT. Data: CC BY 4.0.')).toEqual(['MIT', 'CC-BY-4.0']);
    expect(ids('## License\n\n- Code: Apache-2.0\n- Model weights: CC-BY-NC-4.0\n')).toEqual([
      'Apache-2.0',
      'CC-BY-NC-4.0',
    ]);
    // Not a name inside a longer phrase after the label.
    expect(ids('Data: MIT campus survey, 2019.')).toEqual([]);
  });

  it('reads every licence of a list scoped to parts ("MIT (code), CC-BY-4.0 (docs)")', () => {
    for (const text of [
      'License: MIT (code), CC-BY-4.0 (docs)',
      'License: MIT (code) and CC-BY-4.0 (documentation)',
      'License: MIT for code; CC-BY-4.0 for data',
      'license = "MIT (source code), CC-BY-4.0 (documentation)"',
      'Licensed under MIT (code) and CC BY 4.0 (docs).',
      'Released under the MIT license for the code and CC BY 4.0 for the documentation.',
    ])
      expect(ids(text), text).toEqual(['MIT', 'CC-BY-4.0']);
    // A list without scopes: both, saying that which applies how is not said.
    const listed = detectNotices('license: MIT, Apache-2.0');
    expect(listed.map((m) => `${m.license}:${m.confidence}`)).toEqual([
      'MIT:high',
      'Apache-2.0:high',
    ]);
    expect(listed[1]?.reason).toMatch(/MIT, Apache-2\.0/);
    // What follows is no licence: the first alone.
    expect(ids('License: MIT, Copyright 2020 Jane Doe')).toEqual(['MIT']);
    expect(ids('License: MIT (see LICENSE), GPL')).toEqual(['MIT']);
    expect(ids('License: MIT (code), and more')).toEqual(['MIT']);
  });

  it('reads the licence a project has now after the one it had before', () => {
    expect(
      ids(
        'This project was previously MIT, but is now licensed under the Business Source License 1.1.',
      ),
    ).toEqual(['BUSL-1.1']);
    expect(ids('Previously, this library was licensed under the GPL v2.')).toEqual([]);
  });

  it('reads "may not use this software except under the terms of" as a grant', () => {
    expect(
      ids('You may not use this software except under the terms of the Apache License 2.0.'),
    ).toEqual(['Apache-2.0']);
    expect(ids('You may not use this code except under the terms of the MIT License.')).toEqual([
      'MIT',
    ]);
  });

  it('reads a short name as the version that a full notice in the same file says is "or later"', () => {
    // Mastodon's README: "licensed under AGPLv3" and the AGPL notice with "or any later version".
    const text =
      'Mastodon is licensed under AGPLv3.\n\nThis program is free software: you can redistribute it and/or modify it under the terms of the GNU Affero General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.';
    expect(ids(text)).toEqual(['AGPL-3.0-or-later']);
    // A file that says "only" keeps it.
    expect(
      ids(
        'Part A is licensed under GPL-3.0 only.\n\nPart B: This program is free software; you can redistribute it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.',
      ),
    ).toEqual(['GPL-3.0-only', 'GPL-3.0-or-later']);
  });

  it('reads a licence URL (which says no "only") as the "or later" the file states', () => {
    const text =
      '[![License: GPL v3](https://img.shields.io/badge/License-GPLv3-blue.svg)](https://www.gnu.org/licenses/gpl-3.0)\n\nThis project is distributed under the GNU General Public License v3.0 or later.';
    expect(ids(text)).toEqual(['GPL-3.0-or-later']);
  });

  it('reads the current licence next to the former one', () => {
    expect(
      ids(
        'This project is licensed under the MIT License. Previous versions were licensed under the Apache 2.0 License.',
      ),
    ).toEqual(['MIT']);
    expect(
      ids(
        'Originally licensed under the MIT License, the project has been re-licensed under the GNU Lesser General Public License version 3.',
      ),
    ).toEqual(['LGPL-3.0-only']);
  });

  it("does not read the licence of another work the file talks about as the file's", () => {
    const gettext =
      'Please note that the actual code of the GNU gettext library is covered by the GNU Library General Public License, and the rest of the GNU gettext package is covered by the GNU General Public License.';
    expect(confident(gettext)).toEqual([]);
    expect(
      confident(
        'Please note that these libraries are licensed under GPL and as such, BSD license may not apply. Even though the core GnuTLS library is released under LGPL, this extra library uses GPL.',
      ),
    ).toEqual([]);
    // A project's own library or package is still granted.
    expect(confident('This library is released under the MIT License.')).toEqual(['MIT@1-1']);
    expect(
      confident(
        'The program is GPL (see COPYING) and the libraries are licensed under the GNU LGPL version 2.1.',
      ),
    ).toContain('LGPL-2.1-only@1-1');
  });

  it('reads no grant in "not MIT licensed"', () => {
    expect(ids('It is not MIT licensed.')).toEqual([]);
  });

  it('keeps "this file is GPL", with no version, a hint', () => {
    expect(ids('(As all part of the Linux kernel, this file is GPL)')).toEqual([]);
    expect(ids('(As all part of the Linux kernel, this file is GPL)', 'medium')).toEqual([
      'GPL-1.0-or-later',
    ]);
  });

  it('does not read "this file is part of …, which uses the LGPL" as a grant of this file', () => {
    expect(ids('This file is part of the GNU C Library, which uses the LGPL.')).toEqual([]);
  });
});

describe('a choice of licences granted together: one expression', () => {
  it.each([
    [
      'Licensed under the MIT License or the Apache License, Version 2.0, at your option.',
      ['MIT OR Apache-2.0'],
    ],
    [
      'it under the terms of the GNU General Public License version 2 or\nthe GNU Lesser General Public License version 2.1 as published by the FSF',
      ['GPL-2.0-only OR LGPL-2.1-only'],
    ],
    ['Released under the MIT license, or under the terms of the ISC license.', ['MIT OR ISC']],
    // "only" and a defined term between the two.
    [
      'The contents of this file are subject to the terms of either the GNU General Public License Version 2 only ("GPL") or the Mozilla Public License Version 2.0 ("MPL").',
      ['GPL-2.0-only OR MPL-2.0'],
    ],
    // Three or more, commas then "or".
    [
      'Licensed under the MIT License, the BSD-3-Clause License, or the Apache License, Version 2.0.',
      ['MIT OR BSD-3-Clause OR Apache-2.0'],
    ],
    [
      'Multi-licensed under the two-clause BSD License, MIT License, or Apache License, version 2.0',
      ['BSD-2-Clause OR MIT OR Apache-2.0'],
    ],
    // A link to the first licence's text between the two (Rust's source headers).
    [
      'Licensed under the Apache License, Version 2.0 <LICENSE-APACHE or\n// http://www.apache.org/licenses/LICENSE-2.0> or the MIT license\n// <LICENSE-MIT or http://opensource.org/licenses/MIT>, at your\n// option. This file may not be copied, modified, or distributed\n// except according to those terms.',
      ['Apache-2.0 OR MIT'],
    ],
    [
      'Licensed under the Apache License, Version 2.0 <http://www.apache.org/licenses/LICENSE-2.0> or the MIT license <http://opensource.org/licenses/MIT>, at your option.',
      ['Apache-2.0 OR MIT'],
    ],
    // Eclipse's headers: "which accompanies this distribution and is available at <url>".
    [
      'This program and the accompanying materials are made available under the terms of the Eclipse Public License 2.0 which accompanies this distribution and is available at https://www.eclipse.org/legal/epl-2.0/ or the Apache License, Version 2.0 which accompanies this distribution and is available at https://www.apache.org/licenses/LICENSE-2.0.',
      ['EPL-2.0 OR Apache-2.0'],
    ],
    // A grant introducing a list of choices (Rust's README section), with or without empty
    // lines between the items.
    [
      '## License\n\nLicensed under either of\n\n * Apache License, Version 2.0\n   ([LICENSE-APACHE](LICENSE-APACHE) or http://www.apache.org/licenses/LICENSE-2.0)\n * MIT license\n   ([LICENSE-MIT](LICENSE-MIT) or http://opensource.org/licenses/MIT)\n\nat your option.\n\n## Contribution\n\nUnless you explicitly state otherwise, any contribution intentionally submitted\nfor inclusion in the work by you, as defined in the Apache-2.0 license, shall be\ndual licensed as above, without any additional terms or conditions.',
      ['Apache-2.0 OR MIT'],
    ],
    [
      'This project is licensed under either of\n\n- Apache License, Version 2.0, ([LICENSE-APACHE](LICENSE-APACHE) or\n  https://www.apache.org/licenses/LICENSE-2.0)\n\n- MIT license ([LICENSE-MIT](LICENSE-MIT) or\n  https://opensource.org/licenses/MIT)\n\nat your option.',
      ['Apache-2.0 OR MIT'],
    ],
    [
      'Licensed under any of the following licenses, at your option:\n\n1. The MIT License\n2. The Apache License, Version 2.0\n3. The zlib License',
      ['MIT OR Apache-2.0 OR Zlib'],
    ],
    ['Dual-licensed under:\n * MIT license\n * Apache License, Version 2.0', ['MIT OR Apache-2.0']],
    // Bare ids joined by "or" or a slash (Cargo's old "MIT/Apache-2.0").
    ['Licensed under the MIT or Apache-2.0 license.', ['MIT OR Apache-2.0']],
    ['Licensed under MIT or Apache-2.0.', ['MIT OR Apache-2.0']],
    ['Licensed under the MIT/Apache-2.0 license.', ['MIT OR Apache-2.0']],
    // jQuery's old headers: "dual licensed" makes "and" a choice too.
    ['Dual licensed under the MIT or GPL Version 2 licenses.', ['MIT OR GPL-2.0-only']],
    ['Dual licensed under the MIT and GPL licenses.', ['MIT OR GPL-1.0-or-later']],
    // The list ends with its items: a licence named after it is a statement of its own.
    [
      'Licensed under either of\n\n- MIT license\n- Apache License, Version 2.0\n\nThe bundled font is under the SIL Open Font License 1.1.',
      ['MIT OR Apache-2.0', 'OFL-1.1'],
    ],
    // A comma that does not go on to "or" is no list of choices.
    [
      'Licensed under the MIT License, the Apache License, Version 2.0 applies to the docs.',
      ['MIT'],
    ],
  ])('%s', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  // EPL-2.0 Exhibit A: the Secondary Licenses the code "may also be made available under" are
  // choices offered with the EPL (the Eclipse Foundation writes `EPL-2.0 OR GPL-2.0 WITH
  // Classpath-exception-2.0`).
  it.each([
    [
      'This program and the accompanying materials are made available under the terms of the\nEclipse Public License 2.0 which is available at http://www.eclipse.org/legal/epl-2.0.\n\nThis Source Code may also be made available under the following Secondary\nLicenses when the conditions for such availability set forth in the\nEclipse Public License, v. 2.0 are satisfied: GNU General Public License,\nversion 2 with the GNU Classpath Exception which is\navailable at https://www.gnu.org/software/classpath/license.html.',
      ['EPL-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0'],
    ],
    // Eclipse OpenJ9: EPL or Apache, and two secondary licences joined by "and".
    [
      'This program and the accompanying materials are made available under the terms of the Eclipse Public License 2 which accompanies this distribution and is available at https://www.eclipse.org/legal/epl-2.0/ or the Apache License, Version 2.0 which accompanies this distribution and is available at https://www.apache.org/licenses/LICENSE-2.0.\n\nThis Source Code may also be made available under the following Secondary Licenses when the conditions for such availability set forth in the Eclipse Public License, v. 2.0 are satisfied: GNU General Public License, version 2 with the GNU Classpath Exception [1] and GNU General Public License, version 2 with the OpenJDK Assembly Exception [2].\n\n[1] https://www.gnu.org/software/classpath/license.html\n[2] http://openjdk.java.net/legal/assembly-exception.html',
      [
        'EPL-2.0 OR Apache-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0 OR GPL-2.0-only WITH OpenJDK-assembly-exception-1.0',
      ],
    ],
    // Exhibit A alone: the EPL it names is the licence the secondary ones are offered with.
    [
      'This Source Code may also be made available under the following Secondary Licenses when the conditions for such availability set forth in the Eclipse Public License, v. 2.0 are satisfied: GNU General Public License, version 2 or later.',
      ['EPL-2.0 OR GPL-2.0-or-later'],
    ],
  ])('EPL-2.0 secondary licences: %s', (text, expected) => {
    expect(ids(text)).toEqual(expected);
    expect(ids(text, 'medium')).toEqual([]);
  });

  it('reads "an MIT or BSD style license" as no MIT: the style is of both', () => {
    expect(ids('licensed under an MIT or BSD style license')).toEqual([]);
    expect(ids('This code is released under the MIT and BSD-like licenses')).toEqual([]);
    expect(ids('Licensed under the MIT/X11 license.')).not.toContain('MIT');
  });

  // A choice whose other licence is named without saying which one ("the BSD license" has two,
  // three and four clause versions; "a Creative Commons license" a dozen): the licence it does
  // name is still one to choose (as for an identifier line with an invalid alternative), with a
  // reason naming the other.
  it.each([
    [
      'You may use this code under the terms of either the GPL version 2 or the BSD license.',
      'GPL-2.0-only',
    ],
    ['Dual licensed under the MIT and BSD licenses.', 'MIT'],
    ['Licensed under the MIT license or a Creative Commons license.', 'MIT'],
    ['Licensed under the Apache License 2.0 or a BSD-style license, at your option.', 'Apache-2.0'],
    ['Licensed under the BSD license or the GPL version 2.', 'GPL-2.0-only'],
    ['Licensed under either of\n\n* the BSD license\n* the MIT license\n\nat your option.', 'MIT'],
    [
      'This file is licensed under the GPL version 2.\n\nAlternatively, this file may be used under the terms of the BSD license.',
      'GPL-2.0-only',
    ],
  ])('a choice with a licence it cannot name in full says so: %s', (text, expected) => {
    const found = detectNotices(text);
    expect(found.map((m) => `${m.license}:${m.confidence}`)).toEqual([`${expected}:high`]);
    expect(found[0]?.reason).toMatch(
      /offered (?:with|as a choice)[^"]*"[^"]*(?:bsd|creative commons)/i,
    );
  });

  it('gives a statement merged with a confident one the confident one’s reason', () => {
    const [m, ...rest] = detectNotices(
      'License: MIT and BSD\nThis project is licensed under the MIT license.',
    );
    expect(rest).toEqual([]);
    expect(m?.license).toBe('MIT');
    expect(m?.confidence).toBe('high');
    expect(m?.reason).toBeUndefined();
  });

  it('keeps a grant when a licence it does not name in full is only mentioned after it', () => {
    expect(ids('Released under the MIT license. It is much like the BSD license.')).toEqual([
      'MIT',
    ]);
    expect(
      ids(
        'This project is licensed under the MIT license.\n\nThe vendored parser is under the BSD license.',
      ),
    ).toEqual(['MIT']);
  });

  it('does not grant a licence merely mentioned after a grant', () => {
    expect(ids('Released under the MIT license. It is similar to the ISC license.')).toEqual([
      'MIT',
    ]);
  });
});

describe('grant wordings of file headers', () => {
  it.each([
    // GNU programs' --version text (and the strings of their binaries).
    [
      'basename (GNU coreutils) 8.30\nCopyright (C) 2018 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nWritten by David MacKenzie.',
      'GPL-3.0-or-later',
    ],
    // A word typed twice in the licence's name.
    [
      'modify it under the terms of the GNU Lesser Lesser General Public\n * License as published by the Free Software Foundation; either\n * version 2.1 of the License, or (at your option) any later version.',
      'LGPL-2.1-or-later',
    ],
    // Linux and MPL 1.x-style headers: "subject to"
    [
      'This file is subject to the terms and conditions of the GNU General Public\n * License.  See the file COPYING in the main directory of this archive',
      'GPL-1.0-or-later',
    ],
    [
      '# The contents of this file are subject to the Netscape Public\n# License Version 1.1 (the "License"); you may not use this file',
      'NPL-1.1',
    ],
    ['Subject to the GNU Public License, v.2', 'GPL-2.0-only'],
    [
      'This driver may be used and distributed according to the terms of the GNU\nGeneral Public License, version 2 or (at your option) any later version.',
      'GPL-2.0-or-later',
    ],
    // The ASF header: "licenses this file to you under"
    [
      'The Foo Project licenses this file to you under the Apache License,\nversion 2.0 (the "License")',
      'Apache-2.0',
    ],
    ['Distributed under the OSI-approved BSD 3-Clause License.  See the file', 'BSD-3-Clause'],
    // The version stated before the name
    [
      'modify it under the terms of version 2 of the GNU General Public License as\n * published by the Free Software Foundation.',
      'GPL-2.0-only',
    ],
    [
      'under the terms of version 2.1 of the GNU Lesser General Public License as published by the Free Software Foundation.',
      'LGPL-2.1-only',
    ],
    ['This code is released under version 3 or later of the GNU GPL.', 'GPL-3.0-or-later'],
    // A Maven POM's <licenses> element
    [
      '<licenses>\n  <license>\n    <name>Mozilla Public License Version 2.0</name>\n    <url>https://example.org/mpl</url>\n  </license>\n</licenses>',
      'MPL-2.0',
    ],
  ])('%s → %s', (text, id) => {
    expect(ids(text)).toEqual([id]);
  });

  it.each([
    'Use is subject to license terms which appear in the file named ISC-LICENSE',
    'The layout is subject to change. See the MIT License page for the wording.',
    '<developer>\n  <name>MIT License Fan</name>\n</developer>',
  ])('reads no grant in %j', (text) => {
    expect(ids(text)).toEqual([]);
  });

  it('skips excluded lines (a licence text) and keeps the line numbers of the rest', () => {
    const text = [
      'Licensed under the MIT license.',
      'more licence text',
      'more licence text',
      '',
      'Licensed under the Apache License, Version 2.0',
    ].join('\n');
    const found = detectNotices(text, { exclude: [{ startLine: 1, endLine: 3 }] });
    expect(found.map((m) => `${m.license}@${m.startLine}`)).toEqual(['Apache-2.0@5']);
  });
});

describe('SPDX-License-Identifier lines', () => {
  it.each([
    ['// SPDX-License-Identifier: MIT', 'MIT'],
    ['# SPDX-License-Identifier: GPL-2.0+', 'GPL-2.0-or-later'],
    ['/* SPDX-License-Identifier: GPL-2.0 */', 'GPL-2.0-only'],
    ['<!-- SPDX-License-Identifier: (MIT OR Apache-2.0) -->', 'MIT OR Apache-2.0'],
    ['SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception', 'Apache-2.0 WITH LLVM-exception'],
    ['SPDX-License-Identifier: LicenseRef-Proprietary', 'LicenseRef-Proprietary'],
    // Parentheses inside the expression are part of it (the Linux UAPI headers).
    [
      '/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */',
      'GPL-2.0-only WITH Linux-syscall-note OR BSD-3-Clause',
    ],
    [
      '/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR BSD-2-Clause */',
      'GPL-2.0-only WITH Linux-syscall-note OR BSD-2-Clause',
    ],
    ['(SPDX-License-Identifier: MIT)', 'MIT'],
    // REUSE.toml's annotations: a TOML string.
    [
      'SPDX-License-Identifier = "CC-BY-SA-4.0 OR GPL-3.0-or-later"',
      'CC-BY-SA-4.0 OR GPL-3.0-or-later',
    ],
  ])('%s → %s', (line, id) => {
    expect(detectNotices(line).map((m) => [m.license, m.via, m.confidence])).toEqual([
      [id, 'identifier', 'high'],
    ]);
  });

  it('ignores identifier lines that are not SPDX expressions', () => {
    expect(detectNotices('SPDX-License-Identifier: see the LICENSE file')).toEqual([]);
  });

  it('offers a misspelt identifier corrected as a hint only, saying so', () => {
    const [m, ...rest] = detectNotices('/* SPDX-License-Identifier: BSD-2 */');
    expect(rest).toEqual([]);
    expect([m?.license, m?.via, m?.confidence]).toEqual(['BSD-2-Clause', 'identifier', 'medium']);
    expect(m?.reason).toContain('"BSD-2" is not an SPDX expression');
    // Several ids without an operator: no correction to offer.
    expect(detectNotices('SPDX-License-Identifier: GPL-2.0+ BSD-3-Clause')).toEqual([]);
  });

  it('keeps the valid choices of a choice with an invalid one, saying which it left out', () => {
    // Eclipse OpenJ9's header: "Assembly-exception" is no SPDX exception id, so the expression
    // is not valid SPDX; each of the other three is still a licence one may choose, and the
    // fourth's licence without the exception.
    const [m, ...rest] = detectNotices(
      ' * SPDX-License-Identifier: EPL-2.0 OR Apache-2.0 OR GPL-2.0 WITH Classpath-exception-2.0 OR LicenseRef-GPL-2.0 WITH Assembly-exception',
    );
    expect(rest).toEqual([]);
    expect([m?.license, m?.via, m?.confidence]).toEqual([
      'EPL-2.0 OR Apache-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0 OR LicenseRef-GPL-2.0',
      'identifier',
      'high',
    ]);
    expect(m?.reason).toContain('LicenseRef-GPL-2.0 WITH Assembly-exception');
    // A choice whose licence has an exception not on the SPDX list keeps that licence, without
    // the exception (which only adds permissions): not the commercial choice alone.
    const [sce] = detectNotices(
      '// SPDX-License-Identifier: LGPL-2.1-or-later WITH LicenseRef-SCE-Linking-Exception OR LicenseRef-SCE-Commercial',
    );
    expect([sce?.license, sce?.confidence]).toEqual([
      'LGPL-2.1-or-later OR LicenseRef-SCE-Commercial',
      'high',
    ]);
    expect(sce?.reason).toContain('LicenseRef-SCE-Linking-Exception');
    // Parentheses group: a choice inside them is one operand.
    expect(
      detectNotices('SPDX-License-Identifier: (MIT OR Apache-2.0) OR Bogus-1')[0]?.license,
    ).toBe('MIT OR Apache-2.0');
    // Not a choice: every part binds, so none may be left out.
    expect(detectNotices('SPDX-License-Identifier: MIT AND Bogus-1')).toEqual([]);
    expect(
      detectNotices('SPDX-License-Identifier: MIT OR Bogus-1 AND Apache-2.0')[0]?.license,
    ).toBe('MIT');
    // Nothing valid: nothing.
    expect(detectNotices('SPDX-License-Identifier: Bogus-1 OR Bogus-2')).toEqual([]);
    // An identifier line longer than any expression is not read as one.
    const long = `SPDX-License-Identifier: MIT${' OR Bogus-1'.repeat(300)}`;
    expect(detectNotices(long)).toEqual([]);
  });
});

describe('licence URLs', () => {
  it.each([
    ['http://www.apache.org/licenses/LICENSE-2.0', 'Apache-2.0'],
    ['https://www.apache.org/licenses/LICENSE-2.0.txt', 'Apache-2.0'],
    ['https://opensource.org/licenses/MIT', 'MIT'],
    ['http://www.opensource.org/licenses/mit-license.php', 'MIT'],
    ['https://spdx.org/licenses/BSD-3-Clause.html', 'BSD-3-Clause'],
    ['https://www.gnu.org/licenses/gpl-3.0.en.html', 'GPL-3.0-only'],
    ['https://www.gnu.org/licenses/old-licenses/lgpl-2.1.html', 'LGPL-2.1-only'],
    ['https://www.gnu.org/licenses/gpl.html', 'GPL-1.0-or-later'],
    ['https://creativecommons.org/licenses/by-sa/4.0/legalcode', 'CC-BY-SA-4.0'],
    ['https://creativecommons.org/publicdomain/zero/1.0/', 'CC0-1.0'],
    ['https://mozilla.org/MPL/2.0/', 'MPL-2.0'],
    ['http://www.eclipse.org/legal/epl-v10.html', 'EPL-1.0'],
    ['http://www.boost.org/LICENSE_1_0.txt', 'BSL-1.0'],
  ])('%s → %s', (url, id) => {
    expect(licenseOfUrl(url)).toBe(id);
  });

  it('knows nothing about a project-specific LICENSE link', () => {
    expect(licenseOfUrl('https://github.com/acme/widget/blob/master/LICENSE')).toBeUndefined();
    expect(detectNotices('https://github.com/acme/widget/blob/master/LICENSE')).toEqual([]);
  });

  it('a URL alone in a tiny file declares; in prose it is a hint', () => {
    expect(ids('https://opensource.org/licenses/MIT')).toEqual(['MIT']);
    expect(
      ids('This package is licensed under\nhttps://creativecommons.org/licenses/by/4.0/legalcode.'),
    ).toEqual(['CC-BY-4.0']);
    const prose =
      'We keep a list of links for reading later, among them https://opensource.org/licenses/MIT and several others that are of general interest to the team members.';
    expect(ids(prose)).toEqual([]);
    expect(ids(prose, 'medium')).toEqual(['MIT']);
  });

  it('a licence family named is no licence stated, only a hint', () => {
    // A category's description (GitHub's licence key "lgpl"), not a file licensed under one.
    for (const family of [
      'GNU Lesser General Public License family',
      'GNU General Public License family',
      'Licenses of the GNU General Public License families',
    ]) {
      expect(ids(family)).toEqual([]);
      expect(ids(family, 'medium')).toHaveLength(1);
    }
    // The licence itself, alone in a tiny file, still declares it.
    expect(ids('GNU Lesser General Public License')).toEqual(['LGPL-2.1-or-later']);
  });
});

describe('choices stated across sentences and notices a project copies whole', () => {
  it.each([
    // Mozilla's tri-licence block: MPL, then "Alternatively, … either the GPL … or the LGPL".
    [
      ' * Version: MPL 1.1/GPL 2.0/LGPL 2.1\n *\n * The contents of this file are subject to the Mozilla Public License Version\n * 1.1 (the "License"); you may not use this file except in compliance with\n * the License. You may obtain a copy of the License at\n * http://www.mozilla.org/MPL/\n *\n * The Original Code is the Foo library.\n *\n * Alternatively, the contents of this file may be used under the terms of\n * either the GNU General Public License Version 2 or later (the "GPL"), or\n * the GNU Lesser General Public License Version 2.1 or later (the "LGPL"),\n * in which case the provisions of the GPL or the LGPL are applicable instead\n * of those above. If you do not delete the provisions above, a recipient may\n * use your version of this file under the terms of any one of the MPL, the\n * GPL or the LGPL.',
      ['MPL-1.1 OR GPL-2.0-or-later OR LGPL-2.1-or-later'],
    ],
    // Qt's headers: LGPL, then "Alternatively, this file may be used under … the GPL".
    [
      '** GNU Lesser General Public License Usage\n** This file may be used under the terms of the GNU Lesser\n** General Public License version 2.1 as published by the Free Software\n** Foundation and appearing in the file LICENSE.LGPL included in the\n** packaging of this file.\n**\n** GNU General Public License Usage\n** Alternatively, this file may be used under the terms of the GNU\n** General Public License version 3.0 as published by the Free Software\n** Foundation and appearing in the file LICENSE.GPL included in the\n** packaging of this file.',
      ['LGPL-2.1-only OR GPL-3.0-only'],
    ],
    // Elastic's headers: "at your election".
    [
      'Licensed under the Elastic License 2.0 and the Server Side Public License, v 1; you may not use this file except in compliance with, at your election, the Elastic License 2.0 or the Server Side Public License, v 1.',
      ['Elastic-2.0 OR SSPL-1.0'],
    ],
    // The URLs under a dual-licence line restate its choices.
    [
      'Dual licensed under the MIT and GPL licenses:\n * http://www.opensource.org/licenses/mit-license.php\n * http://www.gnu.org/licenses/gpl.html',
      ['MIT OR GPL-1.0-or-later'],
    ],
    // GNOME's and KDE's "version 2 of the License, or (at your option) version 3".
    [
      'modify it under the terms of the GNU General Public License as published by the\nFree Software Foundation; either version 2 of the License, or (at your option)\nversion 3.',
      ['GPL-2.0-only OR GPL-3.0-only'],
    ],
    [
      'modify it under the terms of the GNU Lesser General Public License as published by\nthe Free Software Foundation; either version 2.1 of the License, or (at your option)\nversion 3, or any later version.',
      ['LGPL-2.1-only OR LGPL-3.0-or-later'],
    ],
  ])('%s', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it("does not read the MPL-2.0 text's own Exhibit B template as the file's notice", () => {
    const template =
      'Exhibit A - Source Code Form License Notice\n-------------------------------------------\n\n  This Source Code Form is subject to the terms of the Mozilla Public\n  License, v. 2.0. If a copy of the MPL was not distributed with this\n  file, You can obtain one at http://mozilla.org/MPL/2.0/.\n\nExhibit B - "Incompatible With Secondary Licenses" Notice\n---------------------------------------------------------\n\n  This Source Code Form is "Incompatible With Secondary Licenses", as\n  defined by the Mozilla Public License, v. 2.0.';
    expect(ids(template)).not.toContain('MPL-2.0-no-copyleft-exception');
  });

  it.each([
    // BUSL's parameters: the licence the work changes to later is not its licence now.
    [
      'Change Date:          Four years from the date the Licensed Work is published.\nChange License:       MPL 2.0',
    ],
    ['Change License: Apache License, Version 2.0'],
    // Mozilla's tri-licence block tells how to drop a choice: an instruction, not a grant.
    [
      ' * If you wish to allow use of your version of this file only under the terms of\n * the GPL version 2.0, and not to allow others to use your version of this file\n * under the MPL, indicate your decision by deleting the provisions above.',
    ],
    // Linus's example of a notice a contributor might write, quoted in git's COPYING.
    [
      ' decision, you might note so in your copyright message, ie something\n like\n\n\tThis file is licensed under the GPL v2, or a later version\n\tat the discretion of Linus.',
    ],
  ])('reads no grant of the file in %s', (text) => {
    expect(ids(text)).toEqual([]);
  });

  it("reads git's and Linux's 'the only valid version … is _this_ particular version' as -only", () => {
    const copying =
      ' Note that the only valid version of the GPL as far as this project\n is concerned is _this_ particular version of the license (ie v2, not\n v2.2 or v3.x or whatever), unless explicitly otherwise stated.';
    expect(ids(copying)).toEqual(['GPL-2.0-only']);
  });

  it("reads Elastic's 'a dual license under A and B' as a choice", () => {
    expect(
      ids(
        'Source code in this repository is covered by (i) a dual license under the Server Side Public License, v 1 and the Elastic License 2.0 or (ii) an Apache License 2.0 compatible license.',
      ),
    ).toEqual(['SSPL-1.0 OR Elastic-2.0']);
  });

  it('reads MPL-2.0 Exhibit B as MPL-2.0-no-copyleft-exception', () => {
    const text =
      '# This Source Code Form is subject to the terms of the Mozilla Public\n# License, v. 2.0. If a copy of the MPL was not distributed with this\n# file, You can obtain one at https://mozilla.org/MPL/2.0/.\n#\n# This Source Code Form is "Incompatible With Secondary Licenses", as\n# defined by the Mozilla Public License, v. 2.0.';
    expect(ids(text)).toEqual(['MPL-2.0-no-copyleft-exception']);
    expect(ids(text.split('#\n')[0] as string)).toEqual(['MPL-2.0']);
  });

  it.each([
    // CC0's notice (what Creative Commons asks a project to put in its files).
    [
      ' * To the extent possible under law, the author(s) have dedicated all copyright\n * and related and neighboring rights to this software to the public domain\n * worldwide. This software is distributed without any warranty.\n *\n * You should have received a copy of the CC0 Public Domain Dedication along\n * with this software. If not, see\n * <http://creativecommons.org/publicdomain/zero/1.0/>.',
      'CC0-1.0',
    ],
    // The Unlicense's short notice.
    [
      ' * This is free and unencumbered software released into the public domain.\n * For more information, please refer to <http://unlicense.org/>',
      'Unlicense',
    ],
    // LLVM's headers before 2019.
    [
      '//                     The LLVM Compiler Infrastructure\n//\n// This file is distributed under the University of Illinois Open Source\n// License. See LICENSE.TXT for details.',
      'NCSA',
    ],
    ['Licensed under the MIT No Attribution license.', 'MIT-0'],
    // A minified file's banner: name | licence | home, then code.
    [
      '/*! normalize.css v8.0.1 | MIT License | github.com/necolas/normalize.css */html{line-height:1.15;-webkit-text-size-adjust:100%}body{margin:0}main{display:block}h1{font-size:2em;margin:.67em 0}',
      'MIT',
    ],
    [
      '/*! Lazy Load XT v1.1.0 2016-01-12\n * http://ressio.github.io/lazy-load-xt\n * (C) 2016 RESS.io\n * Licensed under MIT */\n\n!function(a,b,c,d){function e(a,b){return a[b]===d?t[b]:a[b]}}',
      'MIT',
    ],
    [
      '/*! UIkit 3.6.22 | https://www.getuikit.com | (c) 2014 - 2021 YOOtheme | MIT License */\n(function (global, factory) {',
      'MIT',
    ],
    // The SPDX tag spelt the British way.
    ['// SPDX-Licence-Identifier: Apache-2.0', 'Apache-2.0'],
    // An identifier line wrapped onto the next comment line.
    [
      '# SPDX-License-Identifier: EPL-2.0 OR Apache-2.0 OR GPL-2.0 WITH\n# Classpath-exception-2.0\nimport os',
      'EPL-2.0 OR Apache-2.0 OR GPL-2.0-only WITH Classpath-exception-2.0',
    ],
  ])('%s → %s', (text, id) => {
    expect(ids(text)).toEqual([id]);
  });
});

describe('README licence sections', () => {
  it.each([
    ['## License\n\nMIT-0. See [LICENSE](LICENSE).\n', 'MIT-0'],
    ['## License\n\nCC0-1.0. Do whatever you like with it.\n', 'CC0-1.0'],
    ['## License\n\nBSL-1.0 — see [LICENSE](LICENSE.txt)\n', 'BSL-1.0'],
    ['## License\n\nZlib. © 2015 Jane Doe\n', 'Zlib'],
    ['## License\n\nMIT OR Apache-2.0\n', 'MIT OR Apache-2.0'],
    ['## License\n\nApache-2.0 OR MIT, at your option.\n', 'Apache-2.0 OR MIT'],
    ['## License\n\nISC License - See package.json for details.\n', 'ISC'],
    ['## Lizenz\n\nMIT\n', 'MIT'],
    ['## Licencia\n\nMIT © Juan Pérez\n', 'MIT'],
    ['## 许可证\n\nMIT\n', 'MIT'],
    ['## ライセンス\n\nMIT\n', 'MIT'],
    // A comment after the declaration that names no other licence.
    [
      '## License\n\nMIT OR Apache-2.0 — see [LICENSE-MIT](LICENSE-MIT) and [LICENSE-APACHE](LICENSE-APACHE).\n',
      'MIT OR Apache-2.0',
    ],
    ['## License\n\nzlib — same as the original NanoSVG (see `LICENSE`).\n', 'Zlib'],
    ['## License\n\nArtistic-2.0 (same as the original R package)\n', 'Artistic-2.0'],
    ['## Lizenz\nMIT – siehe LICENSE\n\n## Tipps\n', 'MIT'],
    [
      '## Lizenz\n\n[LGPL-2.1](LICENSE) — passend zur Lizenz von IRremoteESP8266.\n',
      'LGPL-2.1-only',
    ],
    [
      '## 📄 Licentie\n\nMIT © [Jan](https://github.com/jan) — vrij te gebruiken en aan te passen.\n',
      'MIT',
    ],
    ['## License\n\nISC — see `backend/package.json`.\n', 'ISC'],
    // Chinese READMEs: "本项目采用 MIT 许可证" (the project adopts the MIT licence) and the like.
    ['## 许可证\n\n本项目采用 MIT 许可证。详见 [LICENSE](LICENSE) 文件。\n', 'MIT'],
    ['## 许可证\n\n本项目基于 [AGPL-3.0](LICENSE) 协议开源。\n', 'AGPL-3.0-only'],
    ['本仓库代码使用 **Apache-2.0** 许可证。', 'Apache-2.0'],
    ['- **本项目代码**：MIT（仓库 `LICENSE`）', 'MIT'],
    // Haskell's Cabal name for BSD-3-Clause.
    ['## LICENSE\n\nBSD3\n', 'BSD-3-Clause'],
    ['This package is BSD3 licensed.', 'BSD-3-Clause'],
    // cookiecutter-pypackage's README.
    [
      'Foo\n===\n\nA Python package.\n\n* Free software: MIT license\n* Documentation: https://foo.readthedocs.io.\n\nFeatures\n--------\n\n* TODO\n',
      'MIT',
    ],
    [
      '* Free software: Apache Software License 2.0\n* Documentation: https://bar.readthedocs.io.\n\nCredits\n-------\n\nThis package was created with Cookiecutter.',
      'Apache-2.0',
    ],
    // A choice of two Markdown links, one of whose text wraps.
    [
      'Licensed under either the [Apache 2.0 license](LICENSE-APACHE) or the [MIT\nlicense](LICENSE-MIT), at your option.',
      'Apache-2.0 OR MIT',
    ],
    [
      'This project is licensed under either the [**MIT License**](https://opensource.org/licenses/MIT), or the [**Apache License 2.0**](https://www.apache.org/licenses/LICENSE-2.0), or both.',
      'MIT OR Apache-2.0',
    ],
    // Pandoc's "version 2 or greater".
    [
      '© 2006-2024 John MacFarlane. Released under the\n[GPL](https://www.gnu.org/licenses/old-licenses/gpl-2.0.html "GNU General Public License"),\nversion 2 or greater. This software carries no warranty of any kind.',
      'GPL-2.0-or-later',
    ],
  ])('%s → %s', (text, id) => {
    expect(ids(text)).toEqual([id]);
  });

  it('does not read an SPDX-like word under a License heading that is prose', () => {
    expect(ids('## License\n\nZlib was a great inspiration for this project.\n')).toEqual([]);
    expect(ids('## License\n\nMIT — but the fonts are under the OFL.\n')).not.toContain('MIT');
    expect(ids('本项目使用了 FFmpeg 库。')).toEqual([]);
  });
});

describe('many licences in one file', () => {
  const stanza = (files: string, license: string, text: string): string =>
    `Files: ${files}\nCopyright: 2020 Someone\nLicense: ${license}\n\nLicense: ${license}\n ${text}\n`;
  const stanzas = [
    stanza(
      'src/*',
      'GPL-2+',
      'This program is free software; you can redistribute it and/or modify\n it under the terms of the GNU General Public License as published by\n the Free Software Foundation; either version 2 of the License, or\n (at your option) any later version.',
    ),
    stanza(
      'lib/*',
      'LGPL-2.1+',
      'This library is free software; you can redistribute it and/or\n modify it under the terms of the GNU Lesser General Public\n License as published by the Free Software Foundation; either\n version 2.1 of the License, or (at your option) any later version.',
    ),
    stanza(
      'tools/*',
      'GPL-3+',
      'This program is free software: you can redistribute it and/or modify\n it under the terms of the GNU General Public License as published by\n the Free Software Foundation, either version 3 of the License, or\n (at your option) any later version.',
    ),
    stanza(
      'docs/*',
      'CC0-1.0',
      'To the extent possible under law, the author(s) have dedicated all\n copyright and related and neighboring rights to this software to the\n public domain worldwide.',
    ),
    stanza('vendor/a/*', 'MIT', 'Released under the MIT license.'),
    stanza(
      'vendor/b/*',
      'Apache-2.0',
      'Licensed under the Apache License, Version 2.0 (the "License");',
    ),
    stanza('vendor/c/*', 'ISC', 'Released under the ISC license.'),
  ].join('\n');

  it("keeps a Debian machine-readable copyright file's licences confident", () => {
    const dep5 = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: foo\n\n${stanzas}`;
    const found = new Set(ids(dep5));
    for (const id of [
      'GPL-2.0-or-later',
      'LGPL-2.1-or-later',
      'GPL-3.0-or-later',
      'MIT',
      'Apache-2.0',
      'ISC',
    ])
      expect(found).toContain(id);
  });

  it('reads a bare list of many licence names as a list, not statements', () => {
    const list =
      'const ids = [\n  "license: MIT",\n  "license: ISC",\n  "license: Apache-2.0",\n  "license: GPL-2.0-only",\n  "license: BSD-3-Clause",\n  "license: MPL-2.0",\n];';
    expect(ids(list)).toEqual([]);
  });
});
