import { describe, expect, it } from 'vitest';
import {
  replaceAtLineStarts,
  htmlText,
  lineRule,
  normalize,
  normalizedWords,
  withoutLineNumbers,
} from './normalize.js';

function words(text: string): string {
  return normalize(text).tokens.join(' ');
}

describe('normalize', () => {
  it.each([
    ['case and whitespace', 'Permission  IS\thereby\n\n  GRANTED', 'permission is hereby granted'],
    ['punctuation and quotes', "“Software”, (the 'Software'); — ok!", 'software the software ok'],
    ['apostrophe inside a word', "Licensor's rights", 'licensors rights'],
    [
      'hyphen and dash variants join words',
      'non-infringement non‑infringement non–infringement',
      'noninfringement noninfringement noninfringement',
    ],
    [
      'a dash typed as two hyphens is a dash',
      'reason--for example; reason–for example',
      'reasonfor example reasonfor example',
    ],
    ['word hyphenated across lines', 'non-\ninfringement', 'noninfringement'],
    ['word hyphenated across comment lines', ' * non-\n * infringement', 'noninfringement'],
    [
      'equivalent words',
      'Licence whilst Organisation programme',
      'license while organization program',
    ],
    [
      'multi-word equivalents',
      'sub-license sub license per cent copyright owner non-commercial & more',
      'sublicense sublicense percent copyright holder noncommercial and more',
    ],
    ['http and https', 'see https://example.org/x', 'see http example org x'],
    ['// comments', '// Permission is\n// hereby granted', 'permission is hereby granted'],
    ['# comments', '# Permission is\n## hereby granted', 'permission is hereby granted'],
    [
      'block comments',
      '/*\n * Permission is\n * hereby granted\n */',
      'permission is hereby granted',
    ],
    ['one-line block comment', '/* Permission is granted */', 'permission is granted'],
    [
      'SQL and Lisp comments',
      '-- Permission is\n;; hereby granted',
      'permission is hereby granted',
    ],
    ['TeX, Fortran, VB comments', "% Permission\n! is\n' hereby", 'permission is hereby'],
    [
      'REM and dnl comments',
      'REM Permission is\ndnl hereby granted',
      'permission is hereby granted',
    ],
    [
      'numbered list',
      '1. Grant\n2.1. Terms\n(a) one\nb) two\niv. three',
      'grant terms one two three',
    ],
    ['bullets', '- one\n* two\n• three', 'one two three'],
    ['(c) as a list marker', '(c) You must', 'you must'],
    [
      'copyright lines dropped',
      'Copyright (c) 2020 Jane Doe\n(c) 2019 Bob\n© Acme\nCopyright 2001 X\nMIT',
      'mit',
    ],
    [
      '"Portions Copyright" lines dropped (PostgreSQL, Apache-2.0 appendices)',
      'Portions Copyright (c) 1996-2010, The PostgreSQL Global Development Group\nPortions (C) 2003 X\nPermission',
      'permission',
    ],
    [
      'the words after "All rights reserved." on a copyright line kept (a wrapped sentence)',
      '"Portions Copyright (c) 1999 Apple Computer, Inc. All Rights Reserved. This\nfile contains Original Code',
      'this file contains original code',
    ],
    [
      "the sentence after a placeholder's full stop on a copyright line kept (OPUBL's example, wrapped)",
      "Copyright (c) <year> by <author's name or designee>. This material may be\ndistributed only subject to the terms",
      'this material may be distributed only subject to the terms',
    ],
    [
      'the sentence after an address in angle brackets kept',
      'Copyright 2020 Jane Doe <jane@example.org>. Licensed under the MIT License.',
      'licensed under the mit license',
    ],
    [
      '"portions" in a sentence kept',
      'any portions\ncopyright notices',
      'any portions copyright notices',
    ],
    [
      'copyright sentence kept',
      'retain the above\ncopyright notice, this list',
      'retain the above copyright notice this list',
    ],
    [
      'a reflowed sentence starting a line with "copyright …" kept',
      'rights You have under applicable\ncopyright doctrines of fair use, fair dealing',
      'rights you have under applicable copyright doctrines of fair use fair dealing',
    ],
    [
      'the GPL appendix line starting with "copyright" line kept',
      'each file should have at least\nthe "copyright" line and a pointer to where',
      'each file should have at least the copyright line and a pointer to where',
    ],
    [
      'a licence on the same long line as its copyright statement kept',
      `/* * Copyright (c) 2001 Ian F. Darwin. All rights reserved. * * Redistribution and use in source and binary forms, with or without * modification, are permitted provided that the following conditions * are met: ${'x '.repeat(120)}*/`,
      `redistribution and use in source and binary forms with or without modification are permitted provided that the following conditions are met ${'x '.repeat(120).trim()}`,
    ],
    [
      'all rights reserved dropped',
      'Acme Inc. All rights reserved. Permission',
      'acme inc permission',
    ],
    ['markdown heading and emphasis', '## The **MIT** _License_', 'the mit license'],
    ['markdown link keeps the text', 'see [the licence](https://x.org/l)', 'see the license'],
    ['block quote', '> Permission is granted', 'permission is granted'],
    ['non-ASCII letters', 'Lizenz für Software', 'lizenz für software'],
  ])('%s', (_name, input, expected) => {
    expect(words(input)).toBe(expected);
  });

  it.each([
    'The name of the author may not be used to endorse or promote products',
    ' * 3. The name of ARM Ltd\n *    may not be used to endorse or promote products',
  ])('writes the older BSD endorsement clause as the 4.4BSD one: %j', (text) => {
    const holder = text.includes('ARM') ? 'arm ltd' : 'the author';
    const n = normalize(text);
    expect(n.lines).toHaveLength(n.tokens.length);
    expect(n.lines.at(-1)).toBe(text.split('\n').length);
    expect(n.tokens.join(' ')).toBe(
      `neither the name of ${holder} nor the names of its contributors may be used to endorse or promote products`,
    );
  });

  it('rewrites "The name <holder>" and "Names of <holder>" … "may not be used to endorse" the same way', () => {
    expect(
      normalize('The name Michael Bostock may not be used to endorse or promote').tokens.join(' '),
    ).toBe(
      'neither the name of michael bostock nor the names of its contributors may be used to endorse or promote',
    );
    expect(
      normalize(
        'Names of the contributors to this software may not be used to endorse',
      ).tokens.join(' '),
    ).toBe(
      'neither the name of the contributors to this software nor the names of its contributors may be used to endorse',
    );
    // A clause that allows endorsement is left as it is.
    expect(normalize('The name of the author may be used to endorse').tokens.join(' ')).toBe(
      'the name of the author may be used to endorse',
    );
  });

  it('keeps the 4.4BSD endorsement clause and unrelated "may not be used" as they are', () => {
    const bsd = 'Neither the name of X nor the names of its contributors may be used to endorse';
    expect(normalize(bsd).tokens.join(' ')).toBe(
      'neither the name of x nor the names of its contributors may be used to endorse',
    );
    const other = 'This software may not be used to endorse anything';
    expect(normalize(other).tokens.join(' ')).toBe(
      'this software may not be used to endorse anything',
    );
  });

  it('maps every token back to its source line', () => {
    const n = normalize('Copyright 2020 X\n\nPermission is\n// hereby granted');
    expect(n.tokens).toEqual(['permission', 'is', 'hereby', 'granted']);
    expect(n.lines).toEqual([3, 3, 4, 4]);
  });

  it('reads words of any script, marks and letters outside the BMP included, and ids them', () => {
    const n = normalize('Licence: naïve d\u0301ef 𝐀𝐁c 日本語, x\ud800y — the licence');
    // A lone surrogate is no letter: it splits "x" from "y".
    expect(n.tokens).toEqual([
      'license',
      'naïve',
      'd\u0301ef',
      '𝐀𝐁c',
      '日本語',
      'x',
      'y',
      'the',
      'license',
    ]);
    expect(n.ids).toHaveLength(n.tokens.length);
    n.ids.forEach((id, i) => expect(normalizedWords.words[id]).toBe(n.tokens[i]));
    // One id per word: both "licence"s are the canonical "license".
    expect(n.ids[0]).toBe(n.ids[8]);
  });

  it('keeps no very long word in its table (untrusted text cannot fill memory with them)', () => {
    const long = 'x'.repeat(5000);
    const before = normalizedWords.size;
    const n = normalize(`MIT ${long} license`);
    expect(n.tokens).toEqual(['mit', long, 'license']);
    expect(n.ids[1]).toBe(-1);
    expect(normalizedWords.size).toBe(before);
  });

  it('gives the same tokens for reflowed text', () => {
    const a =
      'The above copyright notice and this permission notice shall be included\nin all copies.';
    const b =
      'The above copyright notice and\nthis permission notice shall\nbe included in all copies.';
    expect(normalize(a).tokens).toEqual(normalize(b).tokens);
  });

  it('reads an HTML page as its text: head, styles and any element tag gone, entities decoded', () => {
    const page = [
      '<!DOCTYPE html>',
      '<html><head><title>X License</title>',
      '<style>body { margin: 1em }</style></head>',
      '<!-- Licensed under -->',
      '<body bgColor=#ffffff',
      '  leftMargin=2><SPACER width="5">',
      '<p>&ldquo;Contributor&rdquo; means the recipient&#039;s &#x201C;work&#x201D; &amp; more</p>',
      '<p>&lt;year&gt; &bogus; &#1; <http://x.org></p>',
      '</body></html>',
    ].join('\n');
    const n = normalize(page);
    expect(n.tokens.join(' ')).toBe(
      'licensed under contributor means the recipients work and more year and bogus and 1 http x org',
    );
    // Line numbers survive the removed markup; comments are text (licence headers live there).
    expect(n.lines[0]).toBe(4);
    expect(n.lines[2]).toBe(7);
    expect(n.lines.at(-1)).toBe(8);
    expect(htmlText(page).split('\n')).toHaveLength(page.split('\n').length);
  });

  it('keeps <placeholders> in a plain text that only uses a few HTML tags', () => {
    const text = 'Copyright <year> <owner>\n<p>Permission is granted by <owner>.</p>';
    expect(normalize(text).tokens).toEqual(['permission', 'is', 'granted', 'by', 'owner']);
    expect(htmlText('a &ldquo;b&rdquo; <owner>')).toBe('a "b" <owner>');
  });

  it('keeps "Copyright remains …", a sentence of the licence, not a copyright notice', () => {
    const text =
      " * Copyright remains Eric Young's, and as such any Copyright notices in\n * the code are not to be removed.";
    expect(normalize(text).tokens.join(' ')).toBe(
      'copyright remains eric youngs and as such any copyright notices in the code are not to be removed',
    );
  });

  it('drops the holders of a copyright line ending in "by" from the next line too', () => {
    const text = [
      '  Copyright 1996-2002, 2006 by',
      '  David Turner, Robert Wilhelm, and Werner Lemberg',
      '',
      'Introduction',
    ].join('\n');
    const n = normalize(text);
    expect(n.tokens).toEqual(['introduction']);
    expect(n.lines).toEqual([4]);
    // A sentence that merely contains "copyright … by" is no copyright line.
    expect(normalize('the copyright notice required by\nthe terms').tokens).toContain('terms');
  });

  it('drops the line numbers of a listing copied with them, not list numbering', () => {
    const listing = [
      '13\tThe "New" BSD License:',
      '14\t',
      '15\tRedistribution and use in source and binary forms, with or without',
      '16\tmodification, are permitted provided that the following conditions are met:',
      '17\t  * Redistributions of source code must retain the above copyright notice,',
      '18\t    this list of conditions and the following disclaimer.',
    ].join('\n');
    expect(normalize(listing).tokens.slice(0, 4)).toEqual(['the', 'new', 'bsd', 'license']);
    expect(normalize(listing).tokens).not.toContain('15');
    expect(normalize(listing).lines[0]).toBe(1);
    // Numbered clauses and a few tab-separated numbers stay.
    const clauses = '1. Redistributions of source code\n2. Redistributions in binary form';
    expect(withoutLineNumbers(clauses)).toBe(clauses);
    const table =
      'Version\tDate\n1\t2001\n2\t2002\nThe licence text follows here.\nMore text.\nAnd more.\nAnd more.\nAnd more.';
    expect(withoutLineNumbers(table)).toBe(table);
  });

  it('bounds the work on a huge text', () => {
    const n = normalize('word '.repeat(1_000_000));
    expect(n.tokens.length).toBeLessThanOrEqual(400_000);
  });
});

describe('replaceAtLineStarts', () => {
  // A line rule that can run on into the next line ("c … x\n y"), as COPYRIGHT_LINE's
  // "all rights reserved" can.
  const RULE = /^[ \t]*c[^\n]{0,4}?(?:x\s+\w|$)/gm;
  const rule = lineRule(RULE, 'c');
  // The same with a group the replacement keeps, ">" counted as a blank.
  const GROUPED = /^[ \t>]*c([^\n]{0,4}?)(?:x\s+\w|$)/gm;
  const grouped = lineRule(GROUPED, 'c', true);

  it('deletes what the regex pass deletes, on every kind of line', () => {
    // A fixed pseudo-random sequence: the texts are the same on every run.
    let seed = 7;
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 16;
    };
    const alphabet = ['c', 'c', 'x', 'x', ' ', '\t', '>', '\n', '\n', 'a'];
    for (let k = 0; k < 3000; k++) {
      const length = next() % 40;
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[next() % alphabet.length];
      expect(replaceAtLineStarts(text, rule)).toBe(text.replace(RULE, ''));
      expect(replaceAtLineStarts(text, grouped, (m) => `<${m[1]}>`)).toBe(
        text.replace(GROUPED, '<$1>'),
      );
    }
  });

  it('tries the next line where a match that ran on into it ends', () => {
    expect(replaceAtLineStarts('c1 x\n y c2\nc3\nkeep', rule)).toBe(' c2\n\nkeep');
  });

  it('takes the plain pass for text with Unicode line separators, which start lines for ^', () => {
    const text = 'a\u2028c1\nc2';
    expect(replaceAtLineStarts(text, rule)).toBe('a\u2028\n');
    expect(replaceAtLineStarts(text, grouped, (m) => `<${m[1]}>`)).toBe('a\u2028<1>\n<2>');
  });
});
