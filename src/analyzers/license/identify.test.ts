import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { spdxText as text } from '../../testing/spdx-texts.js';
import { identifyLicenses } from './identify.js';

describe('identifyLicenses', () => {
  it('reads no declaration into a licence name left over beside a licence text (a page footer)', () => {
    // Valgrind's HTML manual: the GFDL page's navigation footer links the GPL page.
    const page = `${text('GFDL-1.2-only')}\n\n<< 1. The GNU General Public License\nUp\nHome\n`;
    const ids = identifyLicenses(page)
      .filter((m) => m.confidence !== 'medium')
      .map((m) => m.license);
    expect(ids).toEqual(['GFDL-1.2-*']);
    // A file that is only the name still declares it.
    expect(identifyLicenses('The GNU General Public License\n').map((m) => m.license)).toEqual([
      'GPL-1.0-or-later',
    ]);
  });

  it('reads the PSF licence stack of a newer Python release (the copyright years its clause quotes) as Python-2.0.1', () => {
    // Each CPython release updates the years in PSF's clause 2 ("Copyright (c) 2001, 2002, …
    // Python Software Foundation; All Rights Reserved"); 3.13 writes "2001-2024".
    const reference = text('Python-2.0.1');
    const years = /2001, 2002,[\d,\s]*\d{4}/.exec(reference)?.[0] ?? '';
    expect(years.split(',').length).toBeGreaterThan(10);
    for (const release of [
      reference.replace(years, '2001-2024'),
      reference.replace(years, '2001'),
      reference.replace(years, `${years}, 2023, 2024`),
    ]) {
      const found = identifyLicenses(release).filter((m) => m.confidence !== 'medium');
      expect(found.map((m) => m.license)).toEqual(['Python-2.0.1']);
    }
  });

  it("finds CPython's PSF stack and the 0BSD after it (both end with the same sentence)", () => {
    // CPython's LICENSE: the history, the PSF/BeOpen/CNRI/CWI stack, then 0BSD for the code in
    // the documentation. The CWI licence and 0BSD end alike ("… the use or performance of this
    // software"); the stack's end must not be matched at the 0BSD's.
    const stack = text('Python-2.0.1');
    const zeroBsd = text('0BSD').split('\n');
    const file = [
      'A. HISTORY OF THE SOFTWARE',
      '==========================',
      '',
      'Python was created in the early 1990s by Guido van Rossum at Stichting Mathematisch',
      'Centrum (CWI) in the Netherlands. All Python releases are Open Source.',
      '',
      'B. TERMS AND CONDITIONS FOR ACCESSING OR OTHERWISE USING PYTHON',
      '===============================================================',
      '',
      stack,
      '',
      'ZERO-CLAUSE BSD LICENSE FOR CODE IN THE PYTHON DOCUMENTATION',
      '----------------------------------------------------------------------',
      '',
      ...zeroBsd,
    ].join('\n');
    const found = identifyLicenses(file).filter((m) => m.confidence !== 'medium');
    expect(found.map((m) => [m.license, m.startLine])).toEqual([
      ['Python-2.0.1', 10],
      // (after its copyright line, no part of the licence)
      [
        '0BSD',
        10 + stack.split('\n').length + 4 + zeroBsd.findIndex((l) => l.startsWith('Permission')),
      ],
    ]);
  });

  it('finds a licence text before another whose near match spans both (libcst: MIT, then the PSF licence)', () => {
    const mit = text('MIT').split('\n');
    const psf = text('PSF-2.0').replace(
      /2001, 2002,[\d,\s]*\d{4}/,
      '2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010,\n2011, 2012, 2013, 2014, 2015',
    );
    const rule = '-------------------------------------------------------------------------------';
    const file = [
      'All contributions towards LibCST are MIT licensed.',
      '',
      'Some Python files have been derived from the standard library and are therefore',
      'PSF licensed. Modifications on these files are dual licensed (both MIT and',
      'PSF). These files are:',
      '',
      ...Array.from({ length: 11 }, (_, i) => `- libcst/_parser/parso/module_${i}.py`),
      '',
      'Some Python files have been taken from dataclasses and are therefore Apache',
      'licensed. Modifications on these files are licensed under Apache 2.0 license.',
      '',
      rule,
      '',
      ...mit,
      '',
      rule,
      '',
      psf,
      '',
      rule,
      '',
      'APACHE LICENSE, VERSION 2.0',
      '',
      'http://www.apache.org/licenses/LICENSE-2.0',
    ].join('\n');
    const found = identifyLicenses(file)
      .filter((m) => m.confidence !== 'medium')
      .map((m) => m.license);
    expect(found).toContain('MIT');
    expect(found).toContain('PSF-2.0');
  });

  it('tells the caller which bounds a text reached (words compared)', () => {
    const limits: string[] = [];
    identifyLicenses('The licensee may copy this software.\n'.repeat(12_000), { limits });
    expect(limits).toEqual(['only the first 60,000 words are compared with licence texts']);
    const none: string[] = [];
    identifyLicenses(text('MIT'), { limits: none });
    expect(none).toEqual([]);
  });

  it('finds a licence text after more code than the matcher reads (60,000 words), at its lines', () => {
    // A generated file (aclocal.m4, an amalgamated C file) with its licence at the end.
    const code = Array.from(
      { length: 6000 },
      (_, i) => `  static int step_${i}(int x) { return x * ${i + 3} + table[x & 7] - offset; }`,
    );
    const bsd = text('BSD-2-Clause').split('\n');
    const file = [...code, '/*', ...bsd.map((l) => ` * ${l}`), ' */', ''].join('\n');
    const found = identifyLicenses(file).filter((m) => m.confidence !== 'medium');
    // Line 6001 opens the comment; the text's copyright line is no part of the licence.
    const first = 6002 + bsd.findIndex((l) => l.startsWith('Redistribution'));
    expect(found.map((m) => [m.license, m.startLine])).toEqual([['BSD-2-Clause', first]]);
    expect(found[0]?.endLine).toBeGreaterThanOrEqual(6000 + bsd.length - 1);
  });

  it('answers the family, with the reason, when the GPL text alone cannot decide', () => {
    const [m, ...rest] = identifyLicenses(text('GPL-3.0-only'));
    expect(rest).toEqual([]);
    expect(m?.license).toBe('GPL-3.0-*');
    expect(m?.family).toEqual(['GPL-3.0-only', 'GPL-3.0-or-later']);
    expect(m?.reason).toMatch(/no notice in the file says which/);
  });

  it('names the GFDL family without guessing invariant sections or the version terms', () => {
    const [m] = identifyLicenses(text('GFDL-1.3-only'));
    expect(m?.license).toBe('GFDL-1.3-*');
    expect(m?.confidence).toBe('exact');
    expect([...(m?.family ?? [])].sort()).toEqual([
      'GFDL-1.3-invariants-only',
      'GFDL-1.3-invariants-or-later',
      'GFDL-1.3-no-invariants-only',
      'GFDL-1.3-no-invariants-or-later',
      'GFDL-1.3-only',
      'GFDL-1.3-or-later',
    ]);
    expect(m?.reason).toMatch(/invariant sections/);
    // The GPL reason says nothing about invariant sections.
    expect(identifyLicenses(text('GPL-3.0-only'))[0]?.reason).not.toMatch(/invariant/);
  });

  it('reads a GFDL copy without its addendum ("How to use this License for your documents") as the GFDL', () => {
    // The addendum is instructions, like the GPL's "How to Apply These Terms": the terms end before it.
    for (const id of ['GFDL-1.1-only', 'GFDL-1.2-only', 'GFDL-1.3-only']) {
      const full = text(id);
      const at = full.indexOf('ADDENDUM: How to use this License');
      expect(at).toBeGreaterThan(10_000);
      const [m, ...rest] = identifyLicenses(full.slice(0, at));
      expect(rest).toEqual([]);
      expect(m?.license).toBe(`${id.slice(0, 8)}-*`);
      expect(m?.confidence).toBe('exact'); // the addendum is optional text in the SPDX template
    }
  });

  it('reads a COPYING.LESSER (the LGPL-3.0 without the GPL-3.0 it incorporates) as the LGPL-3.0', () => {
    const full = text('LGPL-3.0-only');
    const at = full.indexOf('GNU GENERAL PUBLIC LICENSE');
    expect(at).toBeGreaterThan(1000);
    const lesser = full.slice(0, at);
    const [m] = identifyLicenses(lesser);
    expect(m?.license).toBe('LGPL-3.0-*');
    expect(m?.confidence).not.toBe('medium');
    expect(m?.family).toEqual(['LGPL-3.0-only', 'LGPL-3.0-or-later']);
    // The whole text, LGPL and GPL, is still the LGPL-3.0, not also the GPL-3.0.
    expect(identifyLicenses(full).map((x) => x.license)).toEqual(['LGPL-3.0-*']);
  });

  it('finds each of several near copies of one licence back to back', () => {
    // python-dotenv's LICENSE once held the BSD-3-Clause text of each project it came from, each
    // saying "the copyright owner" (a variant BSD-3-Clause allows): alone each is verified, but
    // the densest window over them held one and a half copies and read as one medium hint.
    const bsd = text('BSD-3-Clause');
    for (const n of [2, 3, 4]) {
      const copies = Array.from({ length: n }, (_, i) =>
        bsd
          .replace(
            /Copyright \(c\)[^\n]*/,
            `Copyright (c) 201${i}, Project ${i}\nAll rights reserved.`,
          )
          .replace('the name of the copyright holder', `the name of project-${i}`)
          .replace('COPYRIGHT HOLDER OR', 'COPYRIGHT OWNER OR'),
      );
      const found = identifyLicenses(copies.join('\n\n'));
      expect(found.map((m) => `${m.license}:${m.confidence}`)).toEqual(
        Array.from({ length: n }, () => 'BSD-3-Clause:high'),
      );
      // One region per copy, in file order, not overlapping.
      for (let i = 1; i < n; i++)
        expect(found[i]?.startLine).toBeGreaterThan(found[i - 1]?.endLine ?? Infinity);
    }
  });

  it('reports the first 64 of hundreds of copies of one licence, in order, and says so', () => {
    // Each round looks for a copy's window; the copies' boundaries are found once per file
    // (found again each round, a file of 400 MIT texts took 25 s instead of half a second).
    const copies = Array.from({ length: 400 }, (_, i) =>
      text('MIT').replace('<year>', String(1900 + i)),
    );
    const limits: string[] = [];
    const found = identifyLicenses(copies.join('\n\n'), { limits });
    expect(found).toHaveLength(64);
    expect(new Set(found.map((m) => `${m.license}:${m.confidence}`))).toEqual(
      new Set(['MIT:exact']),
    );
    for (let i = 1; i < found.length; i++)
      expect(found[i]?.startLine).toBeGreaterThan(found[i - 1]?.endLine ?? Infinity);
    expect(limits.join(' ')).toMatch(/at most 64 licence texts/);
    // (A guard against the search growing with the square of the copies again, not a speed
    // goal: half a second here, 25 s then.)
  }, 15_000);

  it('reads an X11 text without its trademark line as X11 when another notice follows it', () => {
    // libXaw's Debian copyright file: the X11 text ends at "… from the X Consortium." and DEC's
    // notice follows. X11's last words ("X Window System is a trademark of X Consortium, Inc.")
    // were matched one or two at a time into DEC's, and the match ran on into it: medium.
    const text =
      "Copyright 1985, 1986, 1987, 1988, 1989, 1991, 1994 X Consortium\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the ``Software''), to deal\nin the Software without restriction, including without limitation the rights\nto use, copy, modify, merge, publish, distribute, sublicense, and/or sell\ncopies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in\nall copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED ``AS IS'', WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.  IN NO EVENT SHALL THE\nX CONSORTIUM BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN\nAN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN\nCONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n\nExcept as contained in this notice, the name of the X Consortium shall not be\nused in advertising or otherwise to promote the sale, use or other dealings\nin this Software without prior written authorization from the X Consortium.\n\nCopyright 1985, 1986, 1987, 1988, 1989, 1991\nDigital Equipment Corporation, Maynard, Massachusetts.\n\nPermission to use, copy, modify and distribute this documentation for any\npurpose and without fee is hereby granted, provided that the above copyright\nnotice appears in all copies and that both that copyright notice and this\npermission notice appear in supporting documentation, and that the name of\nDigital not be used in in advertising or publicity pertaining\nto distribution of the software without specific, written prior permission.\nDigital makes no representations about the suitability of the\nsoftware described herein for any purpose.\nIt is provided ``as is'' without express or implied warranty.\n";
    const found = identifyLicenses(text).filter((m) => m.confidence !== 'medium');
    expect(found.map((m) => `${m.license}:${m.confidence}`)).toContain('X11:exact');
    const x11 = found.find((m) => m.license === 'X11');
    expect(x11?.endLine).toBe(
      text.split('\n').findIndex((l) => l.includes('from the X Consortium.')) + 1,
    );
  });

  it('reads the longer of two licences one extends when the text goes on with its words', () => {
    // bc's Debian copyright file: the GNU manual notice with its paragraph on translations (the
    // LaTeX licence), then another with a paragraph on TeX. The shorter man-pages licence, its
    // first two paragraphs, was verified first and the translations paragraph left over.
    const text =
      "Copyright: Copyright (C) 1984, 1994, 1997, 1998, 2000,\n                         2005, 2006 Free Software Foundation, Inc.\nLicense: permissive\n Permission is granted to make and distribute verbatim copies of this\n manual provided the copyright notice and this permission notice are\n preserved on all copies.\n .\n Permission is granted to copy and distribute modified versions of this\n manual under the conditions for verbatim copying, provided that the\n entire resulting derived work is distributed under the terms of a\n permission notice identical to this one.\n .\n Permission is granted to copy and distribute translations of this\n manual into another language, under the above conditions for modified\n versions, except that this permission notice may be stated in a\n translation approved by the Foundation.\n\nFiles: doc/bc.texi\nCopyright: Copyright (C) 1991\u20131994, 1997, 2003, 2006 Free Software\n                         Foundation, Inc.\nLicense: permissive'\n Permission is granted to make and distribute verbatim copies of\n this manual provided the copyright notice and this permission notice\n are preserved on all copies.\n .\n Permission is granted to process this file through TeX and print the\n results, provided the printed document carries copying permission\n notice identical to this one except for the removal of this paragraph\n (this paragraph not being relevant to the printed manual).\n .\n Permission is granted to copy and distribute modified versions of this\n manual under the conditions for verbatim copying, provided that the entire\n resulting derived work is distributed under the terms of a permission\n notice identical to this one.\n .\n Permission is granted to copy and distribute translations of this manual\n into another language, under the above conditions for modified versions,\n except that this permission notice may be stated in a translation approved\n by the Foundation.\n\n";
    const found = identifyLicenses(text).filter((m) => m.confidence !== 'medium');
    expect(found[0]).toMatchObject({
      license: 'Latex2e',
      confidence: 'exact',
      startLine: 4,
      endLine: 15,
    });
  });

  it("ends a licence's window where its first copy starts, not in the licence before it", () => {
    // libpciaccess's Debian copyright file: an ISC text, then the X11 text under the XFree86
    // Project's name. X11's window reached back into the ISC text (their words overlap), and
    // the diff over both explained neither: one X11 hint over the two.
    const text =
      'Copyright (c) 2008, 2011 Mark Kettenis\nCopyright (c) 2009 Michael Lorenz\nCopyright (c) 2009, 2012 Samuel Thibault\n\nPermission to use, copy, modify, and distribute this software for any\npurpose with or without fee is hereby granted, provided that the above\ncopyright notice and this permission notice appear in all copies.\n\nTHE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES\nWITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF\nMERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR\nANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES\nWHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN\nACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF\nOR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.\n\n------------------------------------------------------------------------------\n\nCopyright (C) 2000 The XFree86 Project, Inc.  All Rights Reserved.\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software and associated documentation files (the "Software"), to\ndeal in the Software without restriction, including without limitation the\nrights to use, copy, modify, merge, publish, distribute, sublicense, and/or\nsell copies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in\nall copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\nIMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,\nFITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT.  IN NO EVENT SHALL THE\nXFREE86 PROJECT BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER\nIN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN\nCONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n\nExcept as contained in this notice, the name of the XFree86 Project shall\nnot be used in advertising or otherwise to promote the sale, use or other\ndealings in this Software without prior written authorization from the\nXFree86 Project.\n';
    const found = identifyLicenses(text).map((m) => `${m.license}:${m.confidence}`);
    expect(found).toEqual(['ISC:high', 'X11:high']);
  });

  it('lets a notice in the same file decide between -only and -or-later', () => {
    const file = `${text('GPL-2.0-only')}\n\n---\nThis program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version.\n`;
    const found = identifyLicenses(file);
    expect(found.map((m) => m.license)).toEqual(['GPL-2.0-or-later']);
    expect(found[0]?.reason).toMatch(/the notice on line \d+ says GPL-2.0-or-later/);
  });

  it('reads a GPL notice above the GPL text, the 1991 layout, as one licence (the notice decides)', () => {
    // python-Levenshtein's LICENSE: the notice (ending in the FSF's address) then the GPL-2.0
    // text with the FSF's old address on a line of its own. The text's title words were matched
    // in the notice and its version cut off: GPL-1.0-or-later, high.
    const notice = [
      'Copyright (C) 2010-2013 Mikko Ohthamaa',
      '',
      'This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License',
      'as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version.',
      '',
      'You should have received a copy of the GNU General Public License along with this program; if not, write to the',
      'Free Software Foundation, 51 Franklin Street, Fifth Floor, Boston, MA 02110-1301, USA.',
      '',
      '',
    ].join('\n');
    const gpl = text('GPL-2.0-only').replace(
      '51 Franklin Street, Fifth Floor, Boston, MA  02110-1301, USA',
      '59 Temple Place, Suite 330, Boston, MA 02111 USA',
    );
    expect(gpl).toContain('59 Temple Place');
    const found = identifyLicenses(`${notice}${gpl}`);
    expect(found.map((m) => [m.license, m.confidence])).toEqual([['GPL-2.0-or-later', 'high']]);
    expect(found[0]?.startLine).toBe(9); // the GPL title, not the notice
    expect(found[0]?.reason).toMatch(/the notice on line 3 says GPL-2.0-or-later/);
  });

  it('does not read the GPL "How to Apply" appendix as the file\'s own notice', () => {
    const found = identifyLicenses(text('GPL-3.0-or-later'));
    expect(found.some((m) => m.license === 'GPL-3.0-or-later' && m.via === 'notice')).toBe(false);
  });

  it('finds a licence text and a notice in one file, in file order, without restating', () => {
    const file = `# Widget\n\nLicensed under the Apache License, Version 2.0.\n\n## MIT part\n\n${text('MIT')}\n`;
    const found = identifyLicenses(file);
    expect(found.map((m) => [m.license, m.confidence])).toEqual([
      ['Apache-2.0', 'high'],
      ['MIT', 'exact'],
    ]);
    expect(found[1]?.startLine).toBeGreaterThan(found[0]?.endLine ?? 0);
  });

  it('keeps medium hints only when nothing confident was found', () => {
    const hint = identifyLicenses('We compared the Apache License, Version 2.0 with others.');
    expect(hint.map((m) => m.confidence)).toEqual(['medium']);
    const both = identifyLicenses(
      `${text('ISC')}\n\nWe compared the Apache License, Version 2.0 with others.`,
    );
    expect(both.map((m) => m.license)).toEqual(['ISC']);
  });

  it('reports a deprecated id under the id SPDX now lists the licence as', () => {
    const [m] = identifyLicenses(text('BSD-2-Clause-NetBSD'));
    expect(m?.license).toBe('BSD-2-Clause');
    expect(m?.reason).toMatch(/deprecated/);
  });

  it('keeps a GPL notice a hint when the file grants permission to link beyond it', () => {
    const found = identifyLicenses(
      'foo is licensed under version 2 of the GNU GPL.\nAs copyright holder, I give permission for foo to be linked to the Bar libraries.\n',
    );
    expect(found.filter((m) => m.confidence !== 'medium')).toEqual([]);
    expect(found[0]).toMatchObject({ license: 'GPL-2.0-only', confidence: 'medium' });
    expect(found[0]?.reason).toMatch(/exception/);
  });

  it('lets a licence text overrule the variant its heading names', () => {
    const bsd2 = text('BSD-2-Clause');
    const file = `Copyright 2001-2009 A. Person\nClearSilver is now licensed under the New BSD License.\n\n${bsd2.replace(/^[\s\S]*?(Redistribution)/, '$1')}`;
    const found = identifyLicenses(file).filter((m) => m.confidence !== 'medium');
    expect(found.map((m) => m.license)).toEqual(['BSD-2-Clause']);
  });

  it('reads a licence saved as an HTML page: head, style, entities and multi-line tags', () => {
    const escape = (t: string): string =>
      t
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/"/g, '&ldquo;')
        .replace(/'/g, '&#039;');
    for (const id of ['X11', 'EPL-2.0', 'Apache-2.0']) {
      const body = escape(text(id))
        .split(/\n\s*\n/)
        .map((p) => `<P><FONT\n size=2>${p}</FONT></P>`)
        .join('\n');
      const page = `<!DOCTYPE html>\n<HTML><HEAD><TITLE>${id} License</TITLE>\n<style>p { margin: 0 }</style></HEAD>\n<BODY text=#000000\n leftMargin=2>\n<H1>${id} License - version 6.4</H1>\n${body}\n</BODY></HTML>`;
      const found = identifyLicenses(page).filter((m) => m.confidence !== 'medium');
      expect(
        found.map((m) => m.license),
        id,
      ).toEqual([id]);
    }
  });

  it('reads an exception next to a licence text that is exact only over its own lines', () => {
    // The licence text is exact, but it is not the whole file: the rest is still read.
    const file = [
      '# Part one',
      text('FSFAP'),
      '# Part two',
      'This program is free software; you can redistribute it and/or modify it under the terms of',
      'the GNU General Public License as published by the Free Software Foundation; either',
      'version 3 of the License, or (at your option) any later version.',
      '',
      'As a special exception to the GNU General Public License, if you distribute this file as',
      'part of a program that contains a configuration script generated by Autoconf, you may',
      'include it under the same distribution terms that you use for the rest of that program.',
      'This Exception is an additional permission under section 7 of the GNU General Public',
      'License, version 3 ("GPLv3").',
    ].join('\n');
    const found = identifyLicenses(file).map((m) => m.license);
    expect(found).toContain('FSFAP');
    expect(found.some((id) => id.includes(' WITH Autoconf-exception'))).toBe(true);
    // A file that is one licence text and nothing else is that licence, exactly.
    expect(identifyLicenses(text('Apache-2.0')).map((m) => [m.license, m.confidence])).toEqual([
      ['Apache-2.0', 'exact'],
    ]);
  });

  it('does not take a licence text\'s own "special exception" wording for an exception to it', () => {
    // GPL-2.0 section 3 says "as a special exception, the source code distributed need not
    // include …": the licence's text, not an exception someone granted.
    // (A copy with one word changed, so the text is verified but not exact.)
    const gpl = text('GPL-2.0-only').replace('gratis or for a fee', 'gratis or for a charge');
    expect(gpl).toContain('for a charge');
    const file = ['The following file is licensed under the GPLv2.', '', gpl].join('\n');
    const found = identifyLicenses(file).map((m) => [m.license, m.confidence]);
    expect(found).toContainEqual(['GPL-2.0-only', 'high']);
    expect(found.every(([, confidence]) => confidence !== 'medium')).toBe(true);
    // Outside the licence text, the same words are an exception openvet cannot name: a hint.
    const stated = identifyLicenses(
      'Licensed under the GPLv2.\n\nAs a special exception, you may link this file with any program.',
    );
    expect(stated.map((m) => [m.license, m.confidence])).toEqual([['GPL-2.0-only', 'medium']]);
  });

  it("reads a REUSE LICENSES/ file's name as the licence its project declares it is", () => {
    const found = (text: string, fileName: string): string[] =>
      identifyLicenses(text, { fileName }).map(
        (m) => `${m.license}:${m.confidence}:${m.via ?? 'text'}`,
      );
    expect(found('Acme may use this for anything.\n', 'proj/LICENSES/LicenseRef-Acme.txt')).toEqual(
      ['LicenseRef-Acme:high:declared'],
    );
    // The text says the same: once.
    expect(found(text('MIT'), 'LICENSES/MIT.txt')).toEqual(['MIT:exact:text']);
    // The text is another licence: both, the disagreement in sight.
    expect(found(text('Apache-2.0'), 'LICENSES/MIT.txt')).toEqual([
      'Apache-2.0:exact:text',
      'MIT:high:declared',
    ]);
    // The Linux kernel's LICENSES/<kind>/<id>; a deprecated id as SPDX writes it now.
    expect(found('terms', 'linux/LICENSES/preferred/GPL-2.0')).toEqual([
      'GPL-2.0-only:high:declared',
    ]);
    // Not REUSE's folder (its name is "LICENSES"), not an id.
    expect(found('terms', 'corpora/licenses/MIT.txt')).toEqual([]);
    expect(found('terms', 'LICENSES/notes.txt')).toEqual([]);
  });

  it("reads a Debian copyright file's exception for its own files, not the others'", () => {
    // libgmp-style: one group of files with an exception openvet cannot name (a hint), the
    // others' licences as stated.
    const file = [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      '',
      'Files: *',
      'Copyright: 2000 Someone',
      'License: LGPL-3+ or GPL-2+',
      '',
      'Files: demos/calc/*',
      'Copyright: 2001 Someone Else',
      'License: GPL-3+ with Bison exception',
      '',
      'Files: debian/*',
      'Copyright: 2002 A Packager',
      'License: Expat',
      '',
      'License: GPL-3+ with Bison exception',
      ' As a special exception, you may create a larger work that contains part or all of',
      ' the Bison parser skeleton and distribute that work under terms of your choice.',
    ].join('\n');
    const found = identifyLicenses(file).map((m) => `${m.license}:${m.confidence}`);
    expect(found).toContain('LGPL-3.0-or-later OR GPL-2.0-or-later:high');
    expect(found).toContain('MIT:high');
    expect(found).not.toContain('GPL-3.0-or-later:high');
    // A paragraph with the plain licence just before: its field alone, not the next one's text.
    const next = [
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/',
      '',
      'Files: demos/*',
      'Copyright: 2000 Someone',
      'License: GPL-3+',
      '',
      'Files: demos/calc.c',
      'License: GPL-3+ with Bison exception',
      ' This program is free software: you can redistribute it and/or modify it under the',
      ' terms of the GNU General Public License as published by the Free Software Foundation,',
      ' either version 3 of the License, or (at your option) any later version.',
    ].join('\n');
    expect(
      identifyLicenses(next).map((m) => `${m.license}:${m.confidence}@${m.startLine}-${m.endLine}`),
    ).toEqual(['GPL-3.0-or-later:high@5-5']);
  });

  it('does not take an exception to another version of the licence for one to this version', () => {
    // grsecurity's plugin header: GPL v2, and a note about GCC's exception to the GPL v3.
    const header = [
      'Licensed under the GPL v2',
      '',
      "Note: the choice of the license means that the compilation process is NOT 'eligible' as",
      "defined by gcc's library exception to the GPL v3, but for the kernel it doesn't matter",
    ].join('\n');
    expect(identifyLicenses(header).map((m) => [m.license, m.confidence])).toEqual([
      ['GPL-2.0-only', 'high'],
    ]);
    // An exception to the same version, or to the licence with no version, is one to it.
    for (const to of ['the GPL v2', 'the GPL']) {
      const same = header.replace('the GPL v3', to);
      expect(identifyLicenses(same).map((m) => m.confidence)).toEqual(['medium']);
    }
  });

  it('finds AI model licences next to code licences', () => {
    const found = identifyLicenses(
      'This model is licensed under the Llama 3.1 Community License.\n\nThe code is released under the MIT license.',
    );
    expect(found.map((m) => [m.license, m.confidence])).toEqual([
      ['LicenseRef-llama3.1', 'high'],
      ['MIT', 'high'],
    ]);
  });

  it('finds an AI model licence and a code licence stated in one sentence, each once', () => {
    const both = identifyLicenses(
      'The source code is licensed under the MIT license, and the model weights under the Llama 3.1 Community License.',
    );
    expect(both.map((m) => `${m.license}:${m.confidence}`).sort()).toEqual([
      'LicenseRef-llama3.1:high',
      'MIT:high',
    ]);
    const nc = identifyLicenses(
      'The code is released under the MIT license; the weights are licensed under CC BY-NC 4.0.',
    );
    expect(nc.map((m) => m.license).sort()).toEqual(['CC-BY-NC-4.0', 'MIT']);
    // The AI licence stated alone is found once, not also as a notice.
    expect(
      identifyLicenses('The model weights are licensed under CC BY-NC 4.0.').map((m) => m.license),
    ).toEqual(['CC-BY-NC-4.0']);
  });
});

const SCANCODE = '../shared/corpora/licenses/scancode';
const haveScancode = existsSync(`${SCANCODE}/expectations.tsv`);

describe.skipIf(!haveScancode)('ScanCode licence corpus (expectations.tsv)', () => {
  it('is right on most single-id files, rarely confidently wrong, and claims nothing on empty files', () => {
    const rows = readFileSync(`${SCANCODE}/expectations.tsv`, 'utf8').trim().split('\n').slice(1);
    const tally = { correct: 0, family: 0, wrong: 0, abstain: 0, empty: 0, claimedOnEmpty: 0 };
    const claims: string[] = [];
    const times: number[] = [];
    for (const row of rows) {
      const [file = '', expected = '', keys = ''] = row.split('\t');
      // ScanCode's `python` key is Python's licence stack whatever its CNRI agreement's version:
      // SPDX's Python-2.0 (the 1.6b1 agreement) or Python-2.0.1 (1.6.1, every release since 2.1).
      const also = keys.split('|').some((k) => k.trim() === 'python') ? ['Python-2.0.1'] : [];
      const ids = [
        ...new Set(
          expected
            .split('|')
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      const isEmpty = ids.length === 0;
      const single = ids.length === 1 && !/LicenseRef-| (?:OR|AND|WITH) /.test(ids[0] as string);
      if (!isEmpty && !single) continue;
      const content = readFileSync(`${SCANCODE}/${file}`, 'utf8');
      const t0 = performance.now();
      const found = identifyLicenses(content).filter((m) => m.confidence !== 'medium');
      times.push(performance.now() - t0);
      const answers = [...new Set(found.map((m) => m.license))];
      if (isEmpty) {
        tally.empty++;
        if (answers.length > 0) {
          tally.claimedOnEmpty++;
          claims.push(`${file}: ${answers.join(', ')}`);
        }
      } else if (answers.length === 0) tally.abstain++;
      else if (
        answers.length === 1 &&
        // An exception is identified as itself or as `<licence> WITH <exception>`.
        // ScanCode writes no "or later" for licences outside the GNU family (none of its
        // expectations has `X+`): openvet's `LPPL-1.3c+` for "version 1.3c … or (at your
        // option) any later version" is its `LPPL-1.3c`.
        (answers[0] === ids[0] ||
          answers[0] === `${ids[0]}+` ||
          answers[0]?.endsWith(` WITH ${ids[0]}`) ||
          also.includes(answers[0] as string))
      )
        tally.correct++;
      else if (answers.length === 1 && found[0]?.family?.includes(ids[0] as string)) tally.family++;
      else tally.wrong++;
    }
    times.sort((a, b) => a - b);
    const singles = tally.correct + tally.family + tally.wrong + tally.abstain;
    const pct = (n: number): string => `${((100 * n) / singles).toFixed(1)}%`;
    console.log(
      `ScanCode single-id files: ${singles}; correct ${tally.correct} (${pct(tally.correct)}), family answers ${tally.family}, wrong ${tally.wrong} (${pct(tally.wrong)}), abstained ${tally.abstain}; files expecting no licence: ${tally.empty}, claimed on ${tally.claimedOnEmpty}; median ${(times[times.length >> 1] ?? 0).toFixed(2)} ms/file`,
    );
    expect(claims).toEqual([]);
    // Guards against regressions; the goal (85% correct, ≤ 0.5% wrong) is not reached
    // yet: see the README's licence figures. Most of the "wrong" answers follow ScanCode
    // conventions we do not share (an unversioned "AGPL" with the gnu.org/licenses/agpl URL
    // expected as AGPL-3.0-only; exact NIST-PD-fallback and SAX-PD-2.0 texts expected as their
    // older ids; "same terms as Perl itself" expected as Artistic-2.0; unversioned "LGPL" and
    // "Lesser GPL" expected as one version only; a GPL-2.0-or-LGPL-2.1 choice expected as
    // LGPL-2.1-or-later).
    expect(tally.correct).toBeGreaterThanOrEqual(1115);
    expect(tally.wrong).toBeLessThanOrEqual(8);
  }, 300_000);
});

describe.skipIf(!haveScancode)('a file of dozens of BSD-style licences (ScanCode corpus)', () => {
  it("finds the licence a hint's window holds when another licence located it", () => {
    // Apple's acknowledgements: 45 licences, most opening "Redistribution and use in source and
    // binary forms". BSD-3-Clause's densest window fell on the Alice Group's BSD-4-Clause text,
    // which was not among that round's candidates: the hint masked it and BSD-4-Clause was lost.
    const file = `${SCANCODE}/files/lic2/aes-128-3.0_and_bsd-new_and_bsd-original-uc_and_bsd-simplified_and_other.txt`;
    const found = identifyLicenses(readFileSync(file, 'utf8')).filter(
      (m) => m.confidence !== 'medium',
    );
    const at = (line: number): string | undefined =>
      found.find((m) => m.startLine <= line && m.endLine >= line)?.license;
    expect(at(134)).toBe('BSD-4-Clause'); // the Alice Group
    expect(at(209)).toBe('BSD-2-Clause'); // stack_protector.c
    expect(at(612)).toBe('BSD-2-Clause');
    expect(at(930)).toBe('BSD-4-Clause-UC'); // Berkeley
    expect(found.length).toBeGreaterThanOrEqual(37);
  });
});
