import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flatten } from './flatten.js';
import { NAME_RULES } from './names.js';

const CORPUS = '../shared/corpora/licenses';
const haveCorpus = existsSync(`${CORPUS}/scancode/expectations.tsv`);

/** Every match of every rule in `text` that contains none of the rule's anchors. */
function unanchored(text: string): string[] {
  const out: string[] = [];
  for (const rule of NAME_RULES) {
    const re = new RegExp(rule.re.source, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      if (!rule.anchors.some((a) => m[0].includes(a))) out.push(`${rule.re.source}: ${m[0]}`);
    }
  }
  return out;
}

describe('NAME_RULES anchors', () => {
  it('every rule has anchors, and each is a lower-case substring', () => {
    for (const rule of NAME_RULES) {
      expect(rule.anchors.length, rule.re.source).toBeGreaterThan(0);
      for (const a of rule.anchors) expect(a).toBe(a.toLowerCase());
    }
  });

  it('every name the rules match in these statements contains an anchor', () => {
    const statements = [
      'GNU General Public License v2, the GNU Lesser General Public License 2.1, GNU Affero GPL',
      'gnu public license; LGPLv3+; AGPL-3.0-only; GNU Free Documentation License; GFDL 1.3',
      'CeCILL-B; Apache Software License 2; ASL 2.0; Mozilla Public License; MPL 2; EPL-1.0',
      'Common Development and Distribution License; CDDL 1.1; Common Public License; Artistic License',
      'Boost Software License; European Union Public Licence; EUPL 1.2; Academic Free License; AFL 3',
      'Open Software License; OSL 3.0; SIL Open Font License; OFL 1.1; PHP License; Zope Public License',
      'ZPL 2.1; LaTeX Project Public License; LPPL 1.3c; Elastic License; Business Source License; BUSL 1.1',
      'Creative Commons Attribution-ShareAlike 4.0; CC-BY-NC-SA 3.0; CC0; CC-Zero; Creative Commons Zero',
      'BSD 3-Clause; 2-clause BSD; Simplified BSD; FreeBSD License; original BSD; 0BSD; zero-clause BSD',
      'MIT License; Expat License; ISC License; X11 License; zlib/libpng License; The Unlicense; WTFPL',
      'Do What The F*ck You Want To Public License; the same terms as Perl itself; Microsoft Public License',
      'MS-PL; MS-RL; Microsoft Reciprocal License; Universal Permissive License; PostgreSQL License',
      'University of Illinois/NCSA Open Source License; illinois/ncsa; Server Side Public License; SSPL',
      'Blue Oak Model License; Vim License; W3C Software Notice and License',
    ].join('\n');
    const flat = flatten(statements).text;
    expect(unanchored(flat)).toEqual([]);
    // The statements exercise most rules.
    const matched = NAME_RULES.filter((r) => new RegExp(r.re.source).test(flat));
    expect(matched.length).toBeGreaterThanOrEqual(NAME_RULES.length - 2);
  });

  it.skipIf(!haveCorpus)(
    'every name the rules match in the licence corpora contains an anchor',
    () => {
      const files: string[] = [];
      const walk = (dir: string): void => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, e.name);
          if (e.isDirectory()) walk(p);
          else files.push(p);
        }
      };
      walk(`${CORPUS}/spdx-tests`);
      walk(`${CORPUS}/scancode/files`);
      walk(`${CORPUS}/ai`);
      expect(files.length).toBeGreaterThan(2000);
      const bad: string[] = [];
      for (const f of files) {
        for (const u of unanchored(flatten(readFileSync(f, 'utf8')).text)) bad.push(`${f}: ${u}`);
      }
      expect(bad.slice(0, 10)).toEqual([]);
    },
  );
});
