import { describe, expect, it } from 'vitest';
import { spdxText as text } from '../../testing/spdx-texts.js';
import { normalize } from './normalize.js';
import { isPlaceholder, placeholderSpans } from './placeholders.js';

describe('isPlaceholder', () => {
  it('takes what names something to fill in', () => {
    for (const p of [
      'Owner Organization Name',
      'name of copyright owner',
      'year',
      'YYYY',
      '2019',
      'AUTHOR',
      'Name of Development Group',
      'phk@FreeBSD.ORG',
      'solar at openwall.com',
      "Copyright Holder's name",
    ]) {
      expect(isPlaceholder(p), p).toBe(true);
    }
  });

  it('leaves bracketed licence text, URLs, footnotes and anchors alone', () => {
    for (const p of [
      'including the GNU Public Licence.',
      'http://www.apache.org/',
      'https://fsf.org/',
      '1',
      'C',
      'nria',
      '#scope',
      'Tatu continues',
      'the MIT license',
      '___',
    ]) {
      expect(isPlaceholder(p), p).toBe(false);
    }
  });
});

describe('placeholderSpans', () => {
  it('finds the token spans of the NCSA placeholders', () => {
    const t = text('NCSA');
    const { tokens } = normalize(t);
    const spans = placeholderSpans(t, tokens) ?? [];
    expect(spans.map(([a, b]) => tokens.slice(a, b).join(' '))).toEqual([
      'name of development group',
      'name of institution',
      'url for development group institution',
      'name of development group name of institution',
    ]);
  });

  it('takes a list of copyright years a clause quotes, not a single year or a range', () => {
    const t =
      'provided that the notice, i.e., "Copyright (c) 2001, 2002, 2003\n2004 Python Software Foundation" is retained; version 2 of 1991, 2007 and 1990-1999 stay.';
    const { tokens } = normalize(t);
    const spans = placeholderSpans(t, tokens) ?? [];
    expect(spans.map(([a, b]) => tokens.slice(a, b).join(' '))).toEqual(['2001 2002 2003']);
  });

  it('has none when the placeholders are only on copyright lines (removed by normalisation)', () => {
    const t = text('MIT');
    expect(placeholderSpans(t, normalize(t).tokens)).toBeUndefined();
  });

  it('refuses spans that do not line up with the tokens it is given', () => {
    const t = 'Developed by: <Name of Development Group> at the university';
    const { tokens } = normalize(t);
    expect(placeholderSpans(t, tokens)).toEqual([[2, 6]]);
    expect(placeholderSpans(t, ['something', 'else'])).toBeUndefined();
  });
});
