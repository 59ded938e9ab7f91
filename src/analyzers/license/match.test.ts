import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import {
  EXCEPTION_TEXT_IDS,
  deserializeIndex,
  getIndex,
  identifyText,
  indexFromGroups,
  serializeIndex,
  siblingsOf,
  twinOf,
  type LicenseMatch,
} from './match.js';
import { spdxIds, spdxText as ref } from '../../testing/spdx-texts.js';

function top(text: string): LicenseMatch | undefined {
  return identifyText(text)[0];
}

/** `text` with `from` replaced by `to`, asserting `from` was there (an edit that did nothing tests nothing). */
function edited(text: string, from: string, to: string): string {
  expect(text, `"${from}" is in the text`).toContain(from);
  return text.replace(from, to);
}

/** The confident answer, if any: what a caller may treat as a conclusion. */
function confident(text: string): string | undefined {
  const m = top(text);
  return m && m.confidence !== 'medium' ? m.license : undefined;
}

describe('identifyText', () => {
  // Start-up and per-file speed are benchmark figures (bench/), not test assertions.
  it('builds its index once, covering every licence text of spdx-license-list', () => {
    const index = getIndex();
    expect(getIndex()).toBe(index);
    const ids = new Set(index.refs.flatMap((r) => r.ids));
    for (const id of ['MIT', 'Apache-2.0', 'BSD-3-Clause', 'GPL-3.0-only', 'MPL-2.0'])
      expect(ids.has(id)).toBe(true);
    expect(ids.size).toBeGreaterThan(700);
  });

  it.each([
    'MIT',
    'Apache-2.0',
    'BSD-3-Clause',
    'GPL-3.0-only',
    'MPL-2.0',
    'ISC',
    'Pixar',
    'MIT-0',
    'X11',
  ])('finds the reference text of %s exactly', (id) => {
    const m = top(ref(id));
    expect(m?.confidence).toBe('exact');
    expect([m?.license, ...(m?.sameText ?? [])]).toContain(id);
  });

  it('reports identical texts as one match with the other ids', () => {
    const m = top(ref('GPL-2.0-only'));
    expect(m).toMatchObject({ license: 'GPL-2.0-only', confidence: 'exact' });
    expect(m?.sameText).toContain('GPL-2.0-or-later');
  });

  const mit = ref('MIT');
  it.each([
    ['reflowed', mit.replace(/\n(?!\n)/g, ' ')],
    [
      'narrow reflow',
      mit
        .split(/\n\n/)
        .map((p) => p.replace(/\s+/g, ' ').replace(/(.{1,40})(\s|$)/g, '$1\n'))
        .join('\n'),
    ],
    [
      'comment-wrapped',
      '/*\n' +
        mit
          .split('\n')
          .map((l) => ` * ${l}`)
          .join('\n') +
        '\n */',
    ],
    [
      'hash comments',
      mit
        .split('\n')
        .map((l) => `# ${l}`)
        .join('\n'),
    ],
    ['Markdown', mit.replace('MIT License', '# MIT License').replace('"AS IS"', '**"AS IS"**')],
    ['extra copyright lines', 'Copyright (c) 2024 Acme Corp.\nCopyright (c) 2023 Jane Doe\n' + mit],
    ['British spelling', mit.replace('sublicense', 'sub-licence')],
  ])('identifies MIT %s exactly', (_name, text) => {
    expect(top(text)).toMatchObject({ license: 'MIT', confidence: 'exact', score: 1 });
  });

  it('reports the line range of the matched text', () => {
    const m = top('\n\n' + mit + '\n\n');
    expect(m).toMatchObject({ startLine: 3, endLine: 2 + mit.trimEnd().split('\n').length });
  });

  it('is high, not exact, when a title differs', () => {
    const m = top(mit.replace('MIT License', 'The MIT License (Expat)'));
    expect(m).toMatchObject({ license: 'MIT', confidence: 'high' });
    expect(m?.score).toBeGreaterThan(0.97);
  });

  it('tells MIT from MIT-0 on the clause that differs', () => {
    const noNotice = mit.replace(/The above copyright notice[^.]*\.\s*/, '');
    expect(confident(noNotice)).not.toBe('MIT');
  });

  it('never calls an MIT with an added restriction MIT with confidence', () => {
    const restricted = mit.replace(
      'conditions:',
      'conditions:\n\nThe Software may not be used for commercial purposes.\n',
    );
    expect(top(restricted)).toMatchObject({ license: 'MIT', confidence: 'medium' });
  });

  it('tells Apache-2.0 from Pixar on the clause that differs', () => {
    const apache = ref('Apache-2.0');
    const pixar = ref('Pixar');
    expect(confident(pixar)).toBe('Pixar');
    expect(confident(apache)).toBe('Apache-2.0');
    // Apache-2.0 whose trademark clause is cut is neither: Pixar rewrites exactly that clause.
    const cut = apache.replace(/6\. Trademarks\.[\s\S]*?(?=7\. Disclaimer)/, '');
    expect(confident(cut)).toBeUndefined();
  });

  it.each([
    'BSD-3-Clause',
    'BSD-3-Clause-Clear',
    'BSD-3-Clause-No-Nuclear-License',
    'BSD-3-Clause-Attribution',
    'BSD-2-Clause',
  ])('tells %s from its BSD siblings', (id) => {
    const text = ref(id);
    expect(confident(text)).toBe(id);
    // The same text with a different title stays on the same id or drops to medium.
    const retitled = confident('Licence terms\n' + text);
    expect([id, undefined]).toContain(retitled);
  });

  it('finds several licences inside a larger file, each with its line range', () => {
    const readme = '# Tool\n\nA tool.\n\n## Licence\n\n';
    const apache = ref('Apache-2.0');
    const text =
      readme + mit + '\n\n## Third-party code\n\nvendor/x is under:\n\n' + apache + '\n\nThanks!\n';
    const found = identifyText(text);
    expect(found.map((m) => [m.license, m.confidence])).toEqual([
      ['MIT', 'exact'],
      ['Apache-2.0', 'exact'],
    ]);
    const mitStart = readme.split('\n').length;
    expect(found[0]?.startLine).toBe(mitStart);
    expect(found[0]?.endLine).toBe(mitStart + mit.trimEnd().split('\n').length - 1);
    expect(found[1]?.startLine).toBeGreaterThan(found[0]?.endLine ?? 0);
  });

  it('finds Apache-2.0 without its appendix between other licences, under a heading', () => {
    // A third-party notice: a heading that repeats the licence's first words, the licence
    // without its appendix, the next licence right after it.
    const apache = ref('Apache-2.0');
    const cut = apache.slice(0, apache.indexOf('APPENDIX'));
    const epl = ref('EPL-1.0')
      .split(/\n\s*\n/)
      .filter((_, i) => i !== 5 && i !== 9)
      .join('\n\n');
    const text = [
      `A. Eclipse Public License - v 1.0\n\n${epl}`,
      'B. Apache License, Version 2.0 (the vendored copy of the JSON parser and its tests)',
      cut,
      `C. Google Test\n\n${ref('BSD-3-Clause')}`,
    ].join('\n\n');
    const found = identifyText(text);
    const apacheMatch = found.find((m) => m.license === 'Apache-2.0');
    expect(found.map((m) => m.license)).not.toContain('Pixar');
    expect(apacheMatch?.confidence).toBe('exact');
    // Its lines are the licence's, not the heading's or the next licence's.
    const lineOf = (s: string): number => text.slice(0, text.indexOf(s)).split('\n').length;
    expect(apacheMatch?.startLine).toBe(lineOf('Apache License\n'));
    expect(apacheMatch?.endLine).toBeLessThan(lineOf('C. Google Test'));
    expect(found.map((m) => m.license)).toContain('BSD-3-Clause');
  });

  it('finds every licence of a long third-party notices file', () => {
    const ids = [
      'MIT',
      'ISC',
      'BSD-2-Clause',
      'BSD-3-Clause',
      'Zlib',
      'Apache-2.0',
      'MPL-2.0',
      '0BSD',
      'BSL-1.0',
      'Unlicense',
      'X11',
      'Artistic-2.0',
    ];
    const notices = ids
      .map((id, i) => `Package ${i + 1} is licensed as follows:\n\n${ref(id)}\n`)
      .join('\n-----\n\n');
    const found = identifyText(notices).filter((m) => m.confidence !== 'medium');
    expect(found.map((m) => m.license)).toEqual(ids);
  });

  it('finds Apache-2.0, not Pixar, in a third-party notices file (Node.js LICENSE)', () => {
    // Node's LICENSE lists bundled projects' licences one after another, indented inside
    // quotes: an Apache-2.0 with its appendix, one without it, each followed by an MIT text.
    const indent = (t: string): string =>
      t
        .split('\n')
        .map((l) => `    ${l}`)
        .join('\n');
    const apache = ref('Apache-2.0');
    const terms = apache.slice(0, apache.indexOf('APPENDIX'));
    const mit = ref('MIT').replace('<year> <copyright holders>', '2022 Postman, Inc');
    const file = [
      '- postject, located at test/fixtures/postject-copy, is licensed as follows:',
      '  """',
      indent(mit),
      '  """',
      '- LIEF, located at vendor/LIEF, is licensed as follows:',
      '  """',
      indent(apache),
      '  """',
      '- V8, located at deps/v8, is licensed as follows:',
      '  """',
      indent(terms),
      '  """',
      '- Punycode.js, located at lib/punycode.js, is licensed as follows:',
      '  """',
      indent(mit),
      '  """',
    ].join('\n');
    const found = identifyText(file).map((m) => [m.license, m.confidence]);
    expect(found).toEqual([
      ['MIT', 'exact'],
      ['Apache-2.0', 'exact'],
      ['Apache-2.0', 'exact'],
      ['MIT', 'exact'],
    ]);
  });

  it('finds a licence header wrapped in a source comment', () => {
    const header =
      '/*\n' +
      ref('BSD-2-Clause')
        .split('\n')
        .map((l) => ` * ${l}`)
        .join('\n') +
      '\n */\n';
    const code = 'export function main() {\n  return 42;\n}\n'.repeat(20);
    const found = identifyText(header + code);
    // Line 2 is the copyright line, which is not licence text; the grant starts on line 4.
    expect(found).toMatchObject([{ license: 'BSD-2-Clause', startLine: 4, endLine: 10 }]);
    expect(['exact', 'high']).toContain(found[0]?.confidence);
  });

  it.each([
    ['empty', ''],
    ['only a copyright line', 'Copyright (c) 2024 Acme'],
    ['prose', 'This project is a small tool that parses lockfiles and prints a table of packages.'],
    ['a short notice', 'Licensed under the MIT license.'],
  ])('abstains on %s', (_name, text) => {
    expect(confident(text)).toBeUndefined();
  });

  it('reads a BSD-3-Clause worded "The name of <holder> may not be used" as BSD-3-Clause', () => {
    const text = ref('BSD-3-Clause')
      .replace(/Copyright \(c\) <year> <owner>\.?/i, 'Copyright (c) 2002 Example Ltd')
      .replace(
        /Neither the name of the copyright holder nor the names of its\s+contributors may be used/,
        'The name of the author may not be used',
      )
      .replace(/THE COPYRIGHT HOLDERS AND CONTRIBUTORS/g, 'THE AUTHOR')
      .replace(/THE COPYRIGHT HOLDER OR CONTRIBUTORS/g, 'THE AUTHOR');
    expect(text).toContain('The name of the author may not be used');
    expect(top(text)).toMatchObject({ license: 'BSD-3-Clause', confidence: 'high' });
    // …and without "of" (d3's "The name Michael Bostock may not be used").
    const named = ref('BSD-3-Clause')
      .replace(
        /Neither the name of the copyright holder nor the names of its\s+contributors may be used/,
        'The name Michael Bostock may not be used',
      )
      .replace(/THE COPYRIGHT HOLDER OR CONTRIBUTORS/g, 'MICHAEL BOSTOCK');
    expect(named).toContain('The name Michael Bostock may not be used');
    expect(top(named)).toMatchObject({ license: 'BSD-3-Clause', confidence: 'high' });
  });

  it.each(['CC-BY-SA-3.0', 'CC-BY-NC-2.5'])(
    "reads %s without Creative Commons' own disclaimer and closing notice as that licence",
    (id) => {
      const full = ref(id);
      const start = full.search(/CREATIVE COMMONS CORPORATION IS NOT A LAW FIRM/i);
      const end = full.search(/RESULTING FROM ITS USE\.?/i);
      const notice = full.search(/Creative Commons Notice|Creative Commons is not a party/i);
      expect(start).toBeGreaterThanOrEqual(0);
      expect(end).toBeGreaterThan(start);
      expect(notice).toBeGreaterThan(end);
      const bare =
        full.slice(0, start) + full.slice(end + 'RESULTING FROM ITS USE.'.length, notice);
      // Both parts are optional in the SPDX templates: the rest is the text verbatim.
      expect(top(bare)).toMatchObject({ license: id, confidence: 'exact' });
    },
  );

  it('reads Apache-2.0 with its appendix cut short as Apache-2.0 (high, not exact, not Pixar)', () => {
    const full = ref('Apache-2.0');
    const cut = full.slice(0, full.indexOf('boilerplate notice') + 'boilerplate notice'.length);
    expect(cut).toContain('END OF TERMS AND CONDITIONS');
    expect(top(cut)).toMatchObject({ license: 'Apache-2.0', confidence: 'high' });
  });

  it('reads a long licence whose opening sentence is left out as that licence', () => {
    const full = ref('AFL-3.0');
    // Copies often start at the notice line, without the title and the sentence introducing it.
    const notice = full.indexOf('Licensed under the Academic Free License');
    expect(notice).toBeGreaterThan(0);
    expect(top(full.slice(notice))).toMatchObject({ license: 'AFL-3.0', confidence: 'high' });
  });
});

const CORPUS = '../shared/corpora/licenses/spdx-tests';
const corpusPresent = existsSync(CORPUS);
if (!corpusPresent) console.log(`skipping the SPDX test-text corpus: ${CORPUS} is absent`);

describe.skipIf(!corpusPresent)('SPDX test texts (license-list-XML)', () => {
  it('is confidently right or abstains on every file', () => {
    const known = new Set(spdxIds());
    for (const [deprecated, exception] of Object.entries(EXCEPTION_TEXT_IDS)) {
      known.delete(deprecated);
      known.add(exception);
    }
    /** Ids the engine may rightly answer for a file named `name` (deprecated aliases resolved). */
    function accepted(name: string): string[] {
      const id = name.replace(/^depreciate_/, '');
      // depreciate_GPL-2.0-with-GCC-exception.txt holds the exception text alone.
      // SPDX ids compare case-insensitively (depreciate_WXwindows.txt is wxWindows).
      const listed = Object.keys(EXCEPTION_TEXT_IDS).find(
        (k) => k.toLowerCase() === id.toLowerCase(),
      );
      const ids = [id, listed ? (EXCEPTION_TEXT_IDS[listed] as string) : id];
      if (id.endsWith('+')) ids.push(id.slice(0, -1) + '-or-later');
      return ids;
    }
    const counts = { exact: 0, high: 0, medium: 0, abstain: 0, wrong: 0 };
    let inList = 0;
    let inListRight = 0;
    const wrong: string[] = [];
    const times: number[] = [];
    getIndex();
    for (const file of readdirSync(CORPUS)
      .filter((f) => f.endsWith('.txt'))
      .sort()) {
      const ids = accepted(file.slice(0, -4));
      const text = readFileSync(`${CORPUS}/${file}`, 'utf8');
      const t = performance.now();
      const m = identifyText(text)[0];
      times.push(performance.now() - t);
      const isKnown = ids.some((id) => known.has(id));
      if (isKnown) inList++;
      if (!m) counts.abstain++;
      else if (m.confidence === 'medium') counts.medium++;
      else if (
        [m.license, ...(m.sameText ?? [])].some((id) =>
          ids.some((x) => x.toLowerCase() === id.toLowerCase()),
        )
      ) {
        counts[m.confidence]++;
        if (isKnown) inListRight++;
      } else {
        counts.wrong++;
        wrong.push(`${file}: ${m.license} (${m.confidence}, ${m.score})`);
      }
    }
    times.sort((a, b) => a - b);
    const median = times[times.length >> 1] ?? 0;
    const files = times.length;
    console.log(
      `SPDX test texts: ${files} files, ${inList} with an id in spdx-license-list; ` +
        `exact ${counts.exact}, high ${counts.high}, medium ${counts.medium}, abstain ${counts.abstain}, wrong ${counts.wrong}; ` +
        `exact-or-high correct on listed ids ${inListRight}/${inList} (${((100 * inListRight) / inList).toFixed(2)}%); ` +
        `median ${median.toFixed(3)} ms/file, p99 ${(times[Math.floor(files * 0.99)] ?? 0).toFixed(2)} ms`,
    );
    expect(wrong).toEqual([]);
    expect(inListRight / inList).toBeGreaterThanOrEqual(0.99);
  });
});

describe('identifyText: edits a verified match may carry', () => {
  it('a copy without the header (version line, verbatim-copies line) is high', () => {
    const text = ref('SSPL-1.0').replace(
      /VERSION 1, OCTOBER 16, 2018[\s\S]*?changing it is not allowed\.?/i,
      '',
    );
    expect(text).not.toMatch(/changing it is not allowed/);
    expect(top(text)).toMatchObject({ license: 'SSPL-1.0', confidence: 'high' });
  });

  it('a holder name filled in for "the copyright holder" may contain "Limited", not "not"', () => {
    const named = (name: string): string =>
      ref('BSD-3-Clause').replace(
        /Neither the name of the copyright holder/i,
        `Neither the name of ${name}`,
      );
    expect(confident(named('Rolls-Royce Controls and Data Services Limited'))).toBe('BSD-3-Clause');
    expect(confident(named('Acme Not Limited'))).toBeUndefined();
  });

  it('a sibling stays open only when the input has its words where it differs', () => {
    // BSD-3-Clause-Attribution adds a clause after the third condition; other words there do
    // not make it possible.
    const bsd3 = ref('BSD-3-Clause');
    const edited = bsd3.replace(
      /written permission\./,
      'written permission. See the documentation of this software.',
    );
    expect(edited).not.toBe(bsd3);
    expect(top(edited)).toMatchObject({ license: 'BSD-3-Clause', confidence: 'high' });
    // The Attribution clause itself, added to a BSD-3-Clause text, is that licence.
    expect(confident(ref('BSD-3-Clause-Attribution'))).toBe('BSD-3-Clause-Attribution');
  });

  it("a holder named where the reference names its own (HPND-sell-variant's OpenVision) is a fill", () => {
    const text = ref('HPND-sell-variant')
      .replace(/OpenVision Technologies, Inc\./g, 'Red Hat, Inc.')
      .replace(/OpenVision/gi, 'Red Hat');
    expect(text).not.toMatch(/openvision/i);
    expect(top(text)).toMatchObject({ license: 'HPND-sell-variant', confidence: 'high' });
  });

  it('the University of California version of a licence needs that name: another holder is the generic licence', () => {
    // BSD-4-Clause-UC is BSD-4-Clause with the Regents' names; with another institution's name
    // in their place the text is BSD-4-Clause, whatever holder words SPDX lets a copy fill in.
    const kth = ref('BSD-4-Clause-UC')
      .replace(/^BSD-4-Clause \(University of California-Specific\)\s*/, '')
      .replace(/The Regents of the University of California/g, 'Example Institute of Technology')
      .replace(/University of California, Berkeley/g, 'Example Institute of Technology')
      .replace(/name of the University/g, 'name of the Institute')
      .replace(/THE REGENTS/g, 'THE INSTITUTE');
    expect(kth).not.toMatch(/california|regents/i);
    const answer = top(kth);
    expect(answer?.license).not.toBe('BSD-4-Clause-UC');
    expect(answer).toMatchObject({ license: 'BSD-4-Clause', confidence: 'high' });
    // The Regents' own text stays BSD-4-Clause-UC, and so does HPND-UC's.
    expect(confident(ref('BSD-4-Clause-UC'))).toBe('BSD-4-Clause-UC');
    expect(confident(ref('HPND-UC'))).toBe('HPND-UC');
    // So does a BSD source header with the Regents' text, its copyright block naming a
    // contributor (no title line: the SPDX list's name for it is its title).
    const header = [
      '/*-',
      ' * Copyright (c) 1990, 1993',
      ' *\tThe Regents of the University of California.  All rights reserved.',
      ' *',
      ' * This code is derived from software contributed to Berkeley by',
      ' * Berkeley Software Design, Inc.',
      ' *',
      ...ref('BSD-4-Clause-UC')
        .split('\n')
        .slice(1)
        .filter((l) => !/^Copyright/.test(l))
        .map((l) => ` * ${l}`),
      ' */',
    ].join('\n');
    expect(top(header)).toMatchObject({ license: 'BSD-4-Clause-UC', confidence: 'high' });
  });

  it("section numbers written another way are no clause (Debian's MPL-1.1 is not CUA-OPL-1.0)", () => {
    // /usr/share/common-licenses/MPL-1.1: "Section 3.1-3.5" for "Sections 3.1, 3.2, 3.3, 3.4
    // and 3.5", the one wording it shares with CUA-OPL-1.0 (MPL-1.1 with CUA Office's names).
    const mpl = ref('MPL-1.1');
    const debian = edited(mpl, 'Sections 3.1, 3.2, 3.3, 3.4 and 3.5', 'Section 3.1-3.5');
    expect(top(debian)).toMatchObject({ license: 'MPL-1.1', confidence: 'high' });
    // A run of words dropped in the same place is still a dropped clause.
    const dropped = edited(
      mpl,
      'only if the requirements of Sections 3.1, 3.2, 3.3, 3.4 and 3.5 have been met for that Covered Code, and',
      'only if',
    );
    expect(top(dropped)?.confidence).toBe('medium');
  });

  it("Apache 1.1 with a project's names for the ASF's, and without the ASF's closing word, is Apache-1.1", () => {
    // Projects took Apache 1.1 and put their own names where it has the Apache Software
    // Foundation's (the SPDX template marks those names, and the closing "This software consists
    // of voluntary contributions …" paragraph, as replaceable and optional).
    const project = ref('Apache-1.1')
      .replace(
        /the Apache Software Foundation \(http:\/\/www\.apache\.org\/\)/,
        'the Acme Group (http://www.acme.org/)',
      )
      .replaceAll('"Apache" and "Apache Software Foundation"', '"Acme" and "Acme Group"')
      .replaceAll('apache@apache.org', 'license@acme.org')
      .replaceAll('"Apache"', '"Acme"')
      .replaceAll('the Apache Software Foundation', 'the Acme Group')
      .replaceAll('Apache Software Foundation', 'Acme Group')
      .replaceAll('THE APACHE SOFTWARE FOUNDATION', 'THE ACME GROUP')
      .replace(/ This software consists of voluntary[\s\S]*$/, '');
    // (The title stays, as in real copies: "The Apache Software License, Version 1.1".)
    expect(project.split('\n').slice(1).join('\n')).not.toMatch(/apache/i);
    expect(top(project)).toMatchObject({ license: 'Apache-1.1', confidence: 'high' });
    // A licence that keeps Apache 1.1's terms under another steward's name is its own
    // (Entessa, OpenLDAP's): still itself.
    expect(top(ref('Entessa'))).toMatchObject({ license: 'Entessa', confidence: 'exact' });
    // A clause changed among the names is still a change.
    const changed = edited(
      project,
      'must not be used to endorse or promote products',
      'may be used to endorse or promote products',
    );
    expect(top(changed)?.confidence).toBe('medium');
  });

  it('the Open Publication License without its policy appendix (not part of the licence) is OPUBL-1.0', () => {
    // "OPEN PUBLICATION POLICY APPENDIX: (This is not considered part of the license.)": the
    // SPDX template marks it optional, and copies leave it out.
    const full = ref('OPUBL-1.0');
    const terms = full.replace(/OPEN PUBLICATION POLICY APPENDIX[\s\S]*$/, '');
    expect(terms.length).toBeLessThan(full.length - 500);
    expect(top(terms)?.license).toBe('OPUBL-1.0');
    expect(['exact', 'high']).toContain(top(terms)?.confidence);
  });

  it('the Open Publication License wrapped at 78 columns is OPUBL-1.0 (its copyright example too)', () => {
    // Its example notice, "Copyright (c) <year> by <author's name or designee>. This material may
    // be distributed only subject to …", is one line in SPDX's text; a copy that wraps it kept
    // the words on the next lines, which SPDX's line lost with the copyright statement.
    const wrapped = ref('OPUBL-1.0')
      .split('\n')
      .flatMap((line) => {
        const out: string[] = [];
        let rest = line.trim();
        while (rest.length > 78) {
          const cut = rest.lastIndexOf(' ', 78);
          out.push(`  ${rest.slice(0, cut)}`);
          rest = rest.slice(cut + 1);
        }
        out.push(`  ${rest}`);
        return out;
      })
      .join('\n');
    expect(wrapped).toMatch(/designee>\. This material may be\n/);
    expect(top(wrapped)?.license).toBe('OPUBL-1.0');
    expect(['exact', 'high']).toContain(top(wrapped)?.confidence);
  });

  it("Apache-2.0 keeping its appendix's notice, filled in, without the instructions is Apache-2.0, not Pixar", () => {
    // Docker's LICENSE (and every project vendoring it): the terms, END OF TERMS AND CONDITIONS,
    // then the project's own notice in place of the "APPENDIX: How to apply …" section.
    const apache = ref('Apache-2.0');
    const at = apache.indexOf('APPENDIX: How to apply');
    const notice = apache.indexOf('Copyright [yyyy]');
    expect(at).toBeGreaterThan(0);
    expect(notice).toBeGreaterThan(at);
    const docker = `${apache.slice(0, at)}${edited(apache.slice(notice), 'Copyright [yyyy] [name of copyright owner]', 'Copyright 2013-2025 Docker, Inc.')}`;
    expect(top(docker)).toMatchObject({ license: 'Apache-2.0', confidence: 'high' });
    expect(identifyText(docker).map((m) => m.license)).not.toContain('Pixar');
  });

  it('a copy that adds an obligation ("notice unmodified", FreeBSD\'s variant) is not that licence', () => {
    const bsd = ref('BSD-2-Clause');
    const unmodified = edited(
      bsd,
      'must retain the above copyright notice, this list',
      'must retain the above copyright notice unmodified, this list',
    );
    expect(top(unmodified)).toMatchObject({ license: 'BSD-2-Clause', confidence: 'medium' });
  });

  it('a copy that leaves out a right the licence grants is not that licence', () => {
    const mit = ref('MIT');
    const less = edited(
      mit,
      'publish, distribute, sublicense, and/or sell',
      'publish, distribute, and/or sell',
    );
    expect(top(less)?.confidence).toBe('medium');
    // Another form of the same word is the same right.
    const form = edited(mit, 'to use, copy, modify', 'to use, copies, modify');
    expect(top(form)).toMatchObject({ license: 'MIT', confidence: 'high' });
  });

  it('a short licence whose last clause is missing is not that licence', () => {
    // LLNL's notice: HPND-Markus-Kuhn (28 words) without "The author disclaims all warranties
    // with regard to this software", a condition in its place. A long licence may lose a
    // sign-off at its end; a short one losing a third of its words is another text.
    const llnl =
      'Permission to use, copy, modify, and distribute this software for any purpose without ' +
      'fee is hereby granted, provided that this entire notice is included in all copies of ' +
      'any software which is or includes a copy or modification of this software.';
    expect(identifyText(llnl).filter((m) => m.confidence !== 'medium')).toEqual([]);
    // The holder's name filled in is still the licence.
    const named = ref('HPND-Markus-Kuhn').replace('The author', 'Example Corp.');
    expect(top(named)).toMatchObject({ license: 'HPND-Markus-Kuhn', confidence: 'high' });
  });

  it("CC0 without Creative Commons' disclaimer paragraph is CC0 (the SPDX template marks it optional)", () => {
    const cc0 = ref('CC0-1.0');
    const at = cc0.indexOf('Statement of Purpose');
    expect(cc0.slice(0, at)).toMatch(/NOT A LAW FIRM/);
    const without = `${cc0.slice(0, cc0.indexOf('CREATIVE COMMONS CORPORATION'))}${cc0.slice(at)}`;
    expect(top(without)).toMatchObject({ license: 'CC0-1.0', confidence: 'exact' });
    // Another heading (the npm package spdx-license-list's own licence file): high.
    const retitled = `Creative Commons CC0 1.0 Universal\n\n${cc0.slice(at)}`;
    expect(top(retitled)).toMatchObject({ license: 'CC0-1.0', confidence: 'high' });
  });

  it('CC 4.0 without its "Using Creative Commons Public Licenses" section is that licence', () => {
    // Most CC-BY-4.0 LICENSE files start at the heading; the SPDX template marks the opening
    // name and that section optional. The heading must not be taken for the opening line.
    for (const id of ['CC-BY-4.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0']) {
      const cc = ref(id);
      const heading = cc.indexOf('By exercising the Licensed Rights');
      const start = cc.lastIndexOf('Creative Commons', heading);
      const end = cc.indexOf('Creative Commons is not a party');
      expect(start).toBeGreaterThan(2000);
      const body = cc.slice(start, end);
      expect(top(body)).toMatchObject({ license: id, confidence: 'high' });
      // With CC's own opening line (the legal code as CC publishes it): the text verbatim.
      const name = cc.slice(0, cc.indexOf('\n'));
      expect(top(`${name.replace('Creative Commons ', '')}\n\n${body}`)?.confidence).not.toBe(
        'medium',
      );
    }
  });

  it('CC 4.0 as choosealicense.com ships it: dashes typed "--", a sentence added to CC\'s closing notice', () => {
    const cc = ref('CC-BY-4.0');
    const variant = cc
      .replace(/–/g, '--')
      .replace(
        'Creative Commons may elect to apply',
        'The text of the Creative Commons public licenses is dedicated to the public domain under the CC0 Public Domain Dedication. Creative Commons may elect to apply',
      );
    expect(variant).toContain('reason--for');
    expect(top(variant)).toMatchObject({ license: 'CC-BY-4.0', confidence: 'high' });
    // The same sentence added to the terms is an added clause.
    const terms = edited(
      cc,
      'Section 1 – Definitions.',
      'The text of the Creative Commons public licenses is dedicated to the public domain under the CC0 Public Domain Dedication. Section 1 – Definitions.',
    );
    expect(top(terms)?.confidence).toBe('medium');
  });

  it('a copy without its title line, when that line is the SPDX name, is that licence', () => {
    // "MIT No Attribution": the title has "no" in it, but leaving the title out says nothing.
    const mit0 = ref('MIT-0').replace(/^MIT No Attribution\s*/, '');
    expect(mit0).not.toMatch(/attribution/i);
    expect(top(mit0)).toMatchObject({ license: 'MIT-0', confidence: 'exact' });
  });

  it('a short text with one harmless substitution is still verified', () => {
    const text = ref('FSFAP-no-warranty-disclaimer').replace('in any medium', 'in any form');
    const m = top(text);
    expect(m).toMatchObject({ license: 'FSFAP-no-warranty-disclaimer', confidence: 'high' });
    expect(m?.score).toBeLessThan(0.97);
    // …but not one whose substitution is a meaningful word.
    expect(
      confident(ref('FSFAP-no-warranty-disclaimer').replace('without royalty', 'with royalty')),
    ).toBeUndefined();
  });

  it('title words in a preamble before the licence are not its title (the OpenSSL LICENSE file)', () => {
    const preamble = [
      '  LICENSE ISSUES',
      '  ==============',
      '',
      '  The OpenSSL toolkit stays under a dual license, i.e. both the conditions of',
      '  the OpenSSL License and the original SSLeay license apply to the toolkit.',
      '  See below for the actual license texts. Actually both licenses are BSD-style',
      '  Open Source licenses. In case of any license issues related to OpenSSL',
      '  please contact openssl-core@openssl.org.',
      '',
    ].join('\n');
    const found = identifyText(`${preamble}\n${ref('OpenSSL')}`);
    expect(found.map((m) => m.license)).toEqual(['OpenSSL']);
    expect(found[0]?.confidence).not.toBe('medium');
    expect(found[0]?.startLine).toBeGreaterThan(9);
    // A title, then a copyright block over several lines (only its first line is a copyright
    // line), then the body: the lines between are the copyright block, not added terms.
    const aal = ref('AAL');
    const split = edited(
      aal,
      'Copyright (c) 2002 by AUTHOR PROFESSIONAL IDENTIFICATION * URL "PROMOTIONAL SLOGAN FOR AUTHOR\'S PROFESSIONAL PRACTICE"',
      'Copyright (c) 2002 by AUTHOR\nPROFESSIONAL IDENTIFICATION * URL\n"PROMOTIONAL SLOGAN FOR AUTHOR\'S PROFESSIONAL PRACTICE"',
    );
    expect(top(split)).toMatchObject({ license: 'AAL', confidence: 'high' });
  });

  it("a sentence before the licence ending in its title's words is not its title (an exception, then the GPL)", () => {
    // Eclipse OMR's LICENSE: the Autoconf exception ends 'of the GNU General Public License,
    // version 3 ("GPLv3").' right before "GNU GENERAL PUBLIC LICENSE Version 3, 29 June 2007".
    const exception = [
      'As a special exception to the GNU General Public License, if you',
      'distribute this file as part of a program that contains a',
      'configuration script generated by Autoconf, you may include it under',
      'the same distribution terms that you use for the rest of that',
      'program.  This Exception is an additional permission under section 7',
      'of the GNU General Public License, version 3 ("GPLv3").',
      '',
    ].join('\n');
    const gpl = ref('GPL-3.0-only');
    const terms = gpl.slice(0, gpl.indexOf('END OF TERMS AND CONDITIONS'));
    for (const licence of [gpl, terms]) {
      const found = identifyText(`${exception}\n${licence}`);
      expect(found.map((m) => [m.license, m.startLine])).toEqual([['GPL-3.0-only', 8]]);
      expect(found[0]?.confidence).not.toBe('medium');
    }
  });

  it('names the composite OpenSSL licence when both of its halves are found', () => {
    // The two halves as the OpenSSL text has them are that text.
    const joined = `${ref('OpenSSL-standalone')}\n\n Original SSLeay License\n -----------------------\n\n${ref('SSLeay-standalone')}`;
    expect(identifyText(joined).map((m) => [m.license, m.confidence])).toEqual([
      ['OpenSSL', 'high'],
    ]);
    // Apart, with other text between them, each half is found and together they are OpenSSL.
    const note =
      'The following libraries were bundled with this distribution for convenience and built from their upstream sources at the versions listed in the release notes of the project, together with their documentation and test suites.';
    const text = `${ref('OpenSSL-standalone')}\n\n${note}\n\n${ref('SSLeay-standalone')}`;
    const found = identifyText(text);
    expect(found.map((m) => [m.license, m.confidence])).toEqual([['OpenSSL', 'high']]);
    expect(found[0]?.reason).toMatch(/OpenSSL-standalone followed by SSLeay-standalone/);
    // One half alone is that half.
    expect(confident(ref('SSLeay-standalone'))).toBe('SSLeay-standalone');
  });

  it('placeholders filled in ("<Name of Institution>") are variable text, but not with a negation', () => {
    const filled = (group: string): string =>
      ref('NCSA')
        .replace(
          /<Name of Development Group, Name of Institution>/g,
          'the Quantile Regression group, University of Illinois',
        )
        .replace(/<Name of Development Group>/g, group)
        .replace(/<Name of Institution>/g, 'University of Illinois')
        .replace(
          /<URL for Development Group\/Institution>/g,
          'http://www.econ.uiuc.edu/~roger/research/rq/rq.html',
        )
        .replace(/<Owner Organization Name>/g, 'Roger Koenker')
        .replace(/<Year>/g, '2004');
    const text = filled('Roger Koenker');
    expect(text).not.toMatch(/<Name/);
    expect(top(text)).toMatchObject({ license: 'NCSA', confidence: 'high' });
    expect(confident(filled('nobody, not the University'))).toBeUndefined();
    // An author's address is a placeholder too (Beerware's "<phk@FreeBSD.ORG>").
    const beer = ref('Beerware')
      .replace('<phk@FreeBSD.ORG>', '<jane@example.org>')
      .replace(/Poul-Henning Kamp/g, 'Jane Doe');
    expect(top(beer)).toMatchObject({ license: 'Beerware', confidence: 'high' });
  });

  it('words run together or split by a broken wrap are the licence, high but not exact', () => {
    const bsd = ref('BSD-3-Clause');
    const squashed = bsd
      .replace('NOT LIMITED TO, PROCUREMENT', 'NOTLIMITED TO, PROCUREMENT')
      .replace('in the documentation', 'in the docume ntation')
      .replace('ANY THEORY', 'ANYTHEORY');
    expect(squashed).not.toBe(bsd);
    expect(top(squashed)).toMatchObject({ license: 'BSD-3-Clause', confidence: 'high' });
    // Split letters that make other words are a change like any other.
    const changed = bsd
      .replace('must retain', 'must re tain')
      .replace('ANY THEORY', 'ANY THE ORY OF NOTHING');
    expect(top(changed)?.score).toBeLessThan(top(squashed)?.score ?? 0);
  });

  it('a postal address on a line of its own (kept on the copyright line in the reference) is ignored', () => {
    const gfdl = ref('GFDL-1.1-only');
    const text = edited(
      gfdl,
      'Free Software Foundation, Inc. 51 Franklin St, Fifth Floor, Boston, MA 02110-1301 USA',
      'Free Software Foundation, Inc.\n51 Franklin St, Fifth Floor, Boston, MA  02110-1301  USA',
    );
    expect(top(text)?.confidence).toBe('high');
    // An inserted sentence of the same length is not an address.
    const clause = gfdl.replace(
      'Free Software Foundation, Inc. 51 Franklin St, Fifth Floor, Boston, MA 02110-1301 USA',
      'Free Software Foundation, Inc.\nYou may not use this document for commercial purposes at all.',
    );
    expect(top(clause)?.confidence).toBe('medium');
  });

  it('a postal address kept on the copyright line (removed) where the reference has it on its own line is ignored', () => {
    // The 1991 GPL-2.0 layout: the FSF's old address on the copyright line, which the normaliser
    // removes whole, and "GNU Library General Public License" (the SPDX template allows
    // "Library" for "Lesser").
    const gpl = ref('GPL-2.0-only');
    const old = gpl
      .replace(
        'Free Software Foundation, Inc.\n51 Franklin Street, Fifth Floor, Boston, MA  02110-1301, USA',
        'Free Software Foundation, Inc. 59 Temple Place, Suite 330, Boston, MA 02111-1307 USA',
      )
      .replace(/GNU Lesser General Public License/g, 'GNU Library General Public License');
    expect(old).not.toBe(gpl);
    const m = top(old);
    expect(m?.license).toBe('GPL-2.0-only');
    expect(m?.confidence).toBe('high');
    // A dropped clause of the same length is not an address.
    const clause = gpl
      .replace(
        'Everyone is permitted to copy and distribute verbatim copies of this license document',
        'Everyone is permitted to copy',
      )
      .replace(
        'You may charge a fee for the physical act of transferring a copy, and you may at your option offer warranty protection in exchange for a fee.',
        'You may charge a fee.',
      );
    expect(top(clause)?.confidence).toBe('medium');
  });

  it('"Portions Copyright" lines are copyright lines (an Apache-2.0 appendix, PostgreSQL)', () => {
    // Playwright's LICENSE: the appendix's copyright line filled in as two "Portions" lines.
    const apache = ref('Apache-2.0').replace(
      'Copyright [yyyy] [name of copyright owner]',
      'Portions Copyright (c) Microsoft Corporation.\nPortions Copyright 2017 Google Inc.',
    );
    expect(apache).toContain('Portions Copyright 2017');
    expect(top(apache)).toMatchObject({ license: 'Apache-2.0', confidence: 'exact' });
    // The holder's name before the copyright on one line (PostgreSQL's "(formerly known as …)").
    const postgres = edited(
      ref('PostgreSQL'),
      'Postgres95)\n\nPortions Copyright',
      'Postgres95) Portions Copyright',
    );
    expect(top(postgres)).toMatchObject({ license: 'PostgreSQL', confidence: 'high' });
  });

  it('a long copyright statement left inside the text is ignored, in the score too', () => {
    const isc = ref('ISC');
    const statement =
      'Copyright (c) 1994-2002 World Wide Web Consortium, (Massachusetts Institute of Technology, Institut National de Recherche en Informatique et en Automatique, Keio University). http://www.w3.org/Consortium/Legal/';
    const text = isc.replace('in all copies.', `in all copies. ${statement}`);
    expect(text).toContain('Keio');
    expect(top(text)).toMatchObject({ license: 'ISC', confidence: 'high', score: 1 });
    // The same number of words that are not a copyright statement is a change.
    const words = statement.replace(/^Copyright \(c\) 1994-2002/, 'You agree to the following');
    expect(top(isc.replace('in all copies.', `in all copies. ${words}`))?.confidence).toBe(
      'medium',
    );
  });

  it('keeps a reflowed sentence that starts a line with "copyright doctrines"', () => {
    const text = ref('MPL-2.0').replace(
      /applicable\s+copyright doctrines/,
      'applicable\ncopyright doctrines',
    );
    expect(top(text)).toMatchObject({ license: 'MPL-2.0' });
    expect(top(text)?.confidence).not.toBe('medium');
  });
});

describe('prebuilt index', () => {
  it('round-trips through its serialised form and identifies the same', () => {
    const data = serializeIndex();
    const groups = deserializeIndex(data);
    expect(groups).toBeDefined();
    const rebuilt = indexFromGroups(groups as NonNullable<typeof groups>);
    const fresh = getIndex();
    expect(rebuilt.refs.map((r) => r.ids)).toEqual(fresh.refs.map((r) => r.ids));
    expect(rebuilt.refs.every((r, i) => r.tokens.length === fresh.refs[i]?.tokens.length)).toBe(
      true,
    );
    expect([...rebuilt.vocab]).toEqual([...fresh.vocab]);
    // The shingle index read back is the one built from the texts.
    const built = indexFromGroups({ vocab: groups!.vocab, groups: groups!.groups });
    for (const key of ['keys', 'counts', 'starts', 'refOf'] as const) {
      expect(rebuilt.shingleIndex[key]).toEqual(built.shingleIndex[key]);
    }
    expect(rebuilt.shingleIndex.shift).toBe(built.shingleIndex.shift);
    expect(rebuilt.refs.map((r) => r.shingleCount)).toEqual(built.refs.map((r) => r.shingleCount));
    // The siblings read back are the ones worked out from the texts.
    const unpacked = rebuilt.refs.map((_, r) => siblingsOf(rebuilt, r));
    const computed = built.refs.map((_, r) => siblingsOf(built, r));
    expect(unpacked).toEqual(computed);
    expect(unpacked.flat().length).toBeGreaterThan(100);
    const apache = built.refs.findIndex((r) => r.ids.includes('Apache-2.0'));
    const pixar = built.refs.findIndex((r) => r.ids.includes('Pixar'));
    expect(unpacked[apache]?.some((s) => s.ref === pixar && s.differs.length > 0)).toBe(true);
  });

  it('pairs the GNU texts listed twice (current and deprecated ids) as twins, and nothing else', () => {
    const ix = getIndex();
    const twinned = ix.refs.flatMap((r, i) => (twinOf(ix, i) >= 0 ? [r.ids[0]] : []));
    // Each of the pair names the other; they differ only after their terms (in the appendix).
    for (const id of ['GPL-2.0-only', 'GPL-3.0-only']) {
      const pair = ix.refs.flatMap((r, i) => (r.ids[0] === id && twinOf(ix, i) >= 0 ? [i] : []));
      expect(pair).toHaveLength(2);
      expect(twinOf(ix, pair[0]!)).toBe(pair[1]);
      expect(twinOf(ix, pair[1]!)).toBe(pair[0]);
    }
    expect(new Set(twinned)).toEqual(
      new Set(['GPL-1.0-only', 'GPL-2.0-only', 'GPL-3.0-only', 'LGPL-3.0-only']),
    );
    // The LGPL-3.0 part alone is no twin of the whole LGPL-3.0 text.
    const lesser = ix.refs.findIndex((r) => r.ids[0] === 'LGPL-3.0-only' && r.tokens.length < 2000);
    expect(twinOf(ix, lesser)).toBe(-1);
  });

  it('refuses a file built with another licence list or normaliser', () => {
    const data = Buffer.from(serializeIndex());
    const at = data.indexOf('"list":"') + '"list":"'.length;
    const end = data.indexOf('"', at);
    expect(data.subarray(at, end).toString()).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{16}$/);
    data[end - 1] = data[end - 1] === 0x30 ? 0x31 : 0x30; // one hex digit of the normaliser's hash
    expect(deserializeIndex(data)).toBeUndefined();
  });

  it('refuses a truncated file', () => {
    const data = serializeIndex();
    expect(deserializeIndex(data.subarray(0, data.byteLength - 4096))).toBeUndefined();
  });
});
