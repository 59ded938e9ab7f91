import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FOCUS_MIN_CHARS, FOCUS_REACH, focus } from './focus.js';

/** Code without a licence word: `n` lines of it. */
function code(n: number, seed = 0): string {
  return Array.from(
    { length: n },
    (_, i) => `  static int step_${seed}_${i}(int x) { return x * ${i + 3} + table[x & 7]; }`,
  ).join('\n');
}

/** The lines of `text` that focus() empties when `text` sits between two long runs of code. */
function blankedInside(text: string): string[] {
  const before = code(400, 1);
  const file = `${before}\n${text}\n${code(400, 2)}`;
  const focused = focus(file).split('\n');
  const offset = before.split('\n').length;
  return text.split('\n').filter((line, i) => line.trim() !== '' && focused[offset + i] !== line);
}

describe('focus', () => {
  it('reads a short file whole', () => {
    const text = `${code(40)}\n// nothing about licences here\n`;
    expect(text.length).toBeLessThan(FOCUS_MIN_CHARS);
    expect(focus(text)).toBe(text);
  });

  it('empties the lines of a long file far from any licence word and keeps every line break', () => {
    const header = [
      '/*',
      ' * Copyright (c) 2024 Example Ltd.',
      ' * Licensed under the Apache License, Version 2.0.',
      ' */',
    ].join('\n');
    const file = `${header}\n${code(600)}\n/* Released under the MIT license. */\n${code(10)}\n`;
    const lines = file.split('\n');
    const focused = focus(file).split('\n');
    expect(focused).toHaveLength(lines.length);
    // The header and the notice at the end, and FOCUS_REACH lines around each licence word's
    // line (the header's last is line 2), are kept.
    const notice = lines.indexOf('/* Released under the MIT license. */');
    for (const at of [0, 1, 2, 3, 2 + FOCUS_REACH, notice - FOCUS_REACH, notice, lines.length - 2])
      expect(focused[at]).toBe(lines[at]);
    // The code between them is gone, line by line.
    expect(focused[3 + FOCUS_REACH]).toBe('');
    expect(focused[notice - FOCUS_REACH - 1]).toBe('');
    const kept = focused.filter((l) => l !== '').length;
    expect(kept).toBeLessThan(4 * FOCUS_REACH + 10);
  });

  it('keeps a long file with licence words throughout as it is (the same string)', () => {
    const text = Array.from({ length: 900 }, (_, i) => `Section ${i}: the licensee may copy.`).join(
      '\n',
    );
    expect(text.length).toBeGreaterThan(FOCUS_MIN_CHARS);
    expect(focus(text)).toBe(text);
  });

  it('keeps every line of every SPDX licence text inside a long file of code', () => {
    const require = createRequire(import.meta.url);
    const full = require('spdx-license-list/full') as Record<string, { licenseText: string }>;
    const lost: string[] = [];
    for (const [id, { licenseText }] of Object.entries(full)) {
      const blanked = blankedInside(licenseText.replace(/\r\n?/g, '\n'));
      if (blanked.length > 0) lost.push(`${id}: ${blanked[0]}`);
    }
    expect(Object.keys(full).length).toBeGreaterThan(600);
    expect(lost).toEqual([]);
  });

  const CORPUS = '../shared/corpora/licenses';
  it.skipIf(!existsSync(`${CORPUS}/spdx-tests`) || !existsSync(`${CORPUS}/ai`))(
    'keeps every line of the SPDX test texts (licences and exceptions) and of the AI licences',
    () => {
      const files = [
        ...readdirSync(`${CORPUS}/spdx-tests`).map((f) => `${CORPUS}/spdx-tests/${f}`),
        ...readdirSync(`${CORPUS}/ai`, { recursive: true, encoding: 'utf8' })
          .map((f) => `${CORPUS}/ai/${f}`)
          .filter((f) => /\.(?:txt|md)$/i.test(f)),
      ];
      const lost: string[] = [];
      for (const file of files) {
        const blanked = blankedInside(readFileSync(file, 'utf8').replace(/\r\n?/g, '\n'));
        if (blanked.length > 0) lost.push(`${file}: ${blanked[0]}`);
      }
      expect(files.length).toBeGreaterThan(800);
      expect(lost).toEqual([]);
    },
  );
});
