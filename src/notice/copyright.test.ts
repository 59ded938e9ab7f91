import { describe, expect, it } from 'vitest';
import { copyrightLines } from './copyright.js';

describe('copyrightLines', () => {
  it.each([
    ['Copyright (c) 2020 Jane Doe', ['Copyright (c) 2020 Jane Doe']],
    [' * Copyright 2019-2021 Acme, Inc.', ['Copyright 2019-2021 Acme, Inc.']],
    ['# © 2018 Someone', ['© 2018 Someone']],
    ['(C) 2001 Old Corp', ['(C) 2001 Old Corp']],
    ['Copyright   (c)  2020   Jane\nCOPYRIGHT (C) 2020 JANE', ['Copyright (c) 2020 Jane']],
  ])('%j → %j', (text, lines) => {
    expect(copyrightLines(text)).toEqual(lines);
  });

  it.each([
    'The above copyright notice and this permission notice shall be included',
    'Copyright [yyyy] [name of copyright owner]',
    'Copyright (c) <year> <copyright holders>',
    'copyright holders and contributors "as is"',
    'Copyright',
    'Copyright:',
  ])('ignores licence boilerplate: %j', (text) => {
    expect(copyrightLines(text)).toEqual([]);
  });

  it('keeps file order and bounds the count', () => {
    const text = Array.from({ length: 500 }, (_, i) => `Copyright ${1000 + i} Person ${i}`).join(
      '\n',
    );
    const lines = copyrightLines(text);
    expect(lines).toHaveLength(200);
    expect(lines[0]).toBe('Copyright 1000 Person 0');
  });
});
