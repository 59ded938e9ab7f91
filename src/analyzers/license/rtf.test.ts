import { describe, expect, it } from 'vitest';
import { identifyLicenses } from './identify.js';
import { rtfText } from './rtf.js';

describe('rtfText', () => {
  it('keeps the words, drops control words and destination groups, keeps every line', () => {
    const rtf = [
      '{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0\\fswiss Helvetica;}}',
      '{\\colortbl;\\red255\\green255\\blue255;}{\\*\\generator Riched20;}',
      '{\\info{\\author Someone}}\\pard\\f0\\fs24 Permission is \\b granted\\b0 , free',
      "of charge\\par \\ldblquote AS IS\\rdblquote  \\u8220?quoted\\u8221? caf\\'e9 \\{x\\}\\",
      '}',
    ].join('\n');
    const out = rtfText(rtf);
    expect(out.split('\n')).toHaveLength(5);
    expect(out.replace(/\s+/g, ' ').trim()).toBe(
      'Permission is granted, free of charge "AS IS" \u201cquoted\u201d café {x}',
    );
    expect(out).not.toMatch(/Helvetica|Someone|Riched|red255/);
  });

  it('leaves other texts alone and survives unbalanced input', () => {
    const plain = 'MIT License\n{not rtf}';
    expect(rtfText(plain)).toBe(plain);
    expect(rtfText("{\\rtf1 }}}{{{\\'zz \\u")).toBe(' ');
  });

  it('lets a licence saved as RTF be identified, with lines in the file', () => {
    const body = [
      'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the \\ldblquote Software\\rdblquote ), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\\par',
      '\\par',
      'The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\\par',
      '\\par',
      'THE SOFTWARE IS PROVIDED \\ldblquote AS IS\\rdblquote , WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\\par',
    ];
    const rtf = `{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\n{\\*\\rsidtbl \\rsid1}\n\\f0 MIT License\\par\n${body.join('\n')}\n}`;
    const [m] = identifyLicenses(rtf);
    expect(m).toMatchObject({ license: 'MIT', startLine: 3, endLine: 8 });
    expect(m?.confidence).not.toBe('medium');
  });
});
