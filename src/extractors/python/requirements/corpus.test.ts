/**
 * The requirements files of OSV-SCALIBR's test suite (../shared/corpora/lockfiles/requirements,
 * see its README). They come without expectations: the packages below are derived from pip's
 * requirements-file format and PEP 508, not from SCALIBR (which drops unpinned requirements
 * and reads some invalid lines anyway). Each file is extracted where it lies, so that `-r`
 * includes between corpus files resolve.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PackageRecord } from '../../../core/extractor.js';
import { corpusPath } from '../../../testing/conformance.js';
import { runExtractor } from '../../../testing/extract.js';
import { extractor } from './index.js';

const CORPUS = corpusPath('requirements/');
const present = existsSync(CORPUS);

/** A record as this extractor writes it for a plain registry requirement. */
function pkg(
  name: string,
  version: string | undefined,
  line: number,
  extra: Partial<PackageRecord> = {},
): PackageRecord {
  return {
    ecosystem: 'PyPI',
    name,
    ...(version !== undefined ? { version } : {}),
    direct: true,
    line,
    ...extra,
  };
}

interface Case {
  readonly packages: readonly PackageRecord[];
  /** `path:line` of every warning, in order. */
  readonly warnings: readonly string[];
}

const CASES: Record<string, Case> = {
  'comments.txt': {
    packages: [
      pkg('PyCrypto', '1.2-alpha', 2),
      pkg('GMPY2', '1', 3),
      pkg('SymPy', '1.2', 6),
      // `requests ==1.0 # this one in particular`: the comment goes, the pin stays.
      pkg('requests', '1.0', 7),
      pkg('six', '1.2', 8),
    ],
    warnings: [],
  },
  'env_var.txt': {
    packages: [
      pkg('asdf', '1.2', 1),
      // ${MY_VARIABLE_1} is not set: left as written, so the pin is no version.
      pkg('qwert', undefined, 2, { properties: { 'python:specifier': '==${MY_VARIABLE_1}' } }),
      pkg('another', '1.0', 3),
    ],
    warnings: ['env_var.txt:2'],
  },
  'example.txt': {
    packages: [
      pkg('pytest', undefined, 3),
      pkg('pytest-cov', undefined, 4),
      pkg('beautifulsoup4', undefined, 5),
      pkg('docopt', '0.6.1', 8),
      // `==2.8.*` is a wildcard: no exact version.
      pkg('requests', undefined, 9, {
        properties: {
          'python:extras': 'security',
          'python:marker': 'python_version < "2.7"',
          'python:specifier': '>=2.8.1,==2.8.*',
        },
      }),
      pkg('urllib3', undefined, 10, {
        source: {
          type: 'url',
          url: 'https://github.com/urllib3/urllib3/archive/refs/tags/1.26.8.zip',
        },
      }),
      pkg('keyring', undefined, 13, { properties: { 'python:specifier': '>=4.1.1' } }),
      pkg('coverage', undefined, 15, { properties: { 'python:specifier': '!=3.5' } }),
      pkg('Mopidy-Dirble', undefined, 17, { properties: { 'python:specifier': '~=1.1' } }),
      // From `-r other-requirements.txt` on line 21.
      pkg('pandas', '2.2.3', 1, {
        declaredIn: 'other-requirements.txt',
        properties: { 'python:included-from': 'example.txt:21' },
      }),
      // A local wheel: name and version from its file name.
      pkg('numpy', '1.9.2', 25, {
        source: { type: 'file', url: './downloads/numpy-1.9.2-cp34-none-win32.whl' },
      }),
      pkg('wxPython_Phoenix', '3.0.3.dev1820+49a8884', 28, {
        source: {
          type: 'url',
          url: 'http://wxpython.org/Phoenix/snapshot-builds/wxPython_Phoenix-3.0.3.dev1820+49a8884-cp34-none-win_amd64.whl',
        },
      }),
    ],
    // `-c constraints.txt` names a file that is not there.
    warnings: ['example.txt:22'],
  },
  'extras.txt': {
    packages: [
      pkg('pyjwt', '2.1.0', 1, { properties: { 'python:extras': 'crypto' } }),
      pkg('celery', '4.4.7', 2, { properties: { 'python:extras': 'redis,pytest' } }),
    ],
    warnings: [],
  },
  'invalid.txt': {
    packages: [
      // A valid PEP 508 URL requirement: `==` is part of the URL.
      pkg('urllib3', undefined, 4, {
        source: {
          type: 'url',
          url: 'https://github.com/urllib3/urllib3/archive/refs/tags/==1.26.8.zip',
        },
      }),
    ],
    // `asdf==`, `==1.0` and `asdf 1.0` are not requirements; `-foo==1.0` is pip's `-f`
    // (--find-links) with the value `oo==1.0`, a global option that is ignored.
    warnings: ['invalid.txt:1', 'invalid.txt:2', 'invalid.txt:3'],
  },
  'loop.txt': { packages: [], warnings: ['other-loop.txt:2'] },
  'other-loop.txt': { packages: [], warnings: ['loop.txt:2'] },
  'multiline_and_comments.txt': {
    // `--hash=sha256:123` is too short for a sha256 digest: the hash is dropped with a warning.
    packages: [pkg('pkgA', '1.0', 3), pkg('pkgB', '2.0', 7)],
    warnings: ['multiline_and_comments.txt:3'],
  },
  'no_version.txt': {
    packages: [
      pkg('PyCrypto', undefined, 1),
      pkg('GMPY2', undefined, 2),
      pkg('SymPy', undefined, 3),
    ],
    warnings: [],
  },
  'other-requirements.txt': { packages: [pkg('pandas', '2.2.3', 1)], warnings: [] },
  'per_req_options.txt': {
    packages: [
      pkg('foo1', '1.0', 1),
      pkg('foo2', '1.0', 3),
      pkg('foo3', '1.0', 5),
      pkg('foo4', '1.0', 7),
      pkg('foo5', '1.0', 9, { properties: { 'python:marker': 'python_version < "2.7"' } }),
      // Words after the options are leftover arguments pip ignores.
      pkg('foo6', '1.0', 11),
      // foo7: words before the options belong to the requirement, which is then invalid.
      pkg('foo8', '1.0', 15),
      pkg('foo9', '1.0', 17),
      // foo10: `foo10==` has no version.
      pkg('foo11', '1.0', 22),
      pkg('foo12', '1.0', 24),
      // `--hash sha256:123`: optparse takes the next word as the value.
      pkg('foo13', '1.0', 26),
      pkg('foo14', '1.0', 28),
      // foo15: `foo15==` has no version.
      pkg('foo16-Client', '1.0', 32),
      // `--hash` inside a name does not start a word, so it is part of the name.
      pkg('foo17--hash', '1.0', 34),
      pkg('foo18-Client', '1.0', 36),
    ],
    // Every `--hash` in this file is malformed (too short or no algorithm), one warning each;
    // foo7, foo10 and foo15 are invalid requirements.
    warnings: [
      'per_req_options.txt:1',
      'per_req_options.txt:3',
      'per_req_options.txt:5',
      'per_req_options.txt:7',
      'per_req_options.txt:9',
      'per_req_options.txt:11',
      'per_req_options.txt:13',
      'per_req_options.txt:13',
      'per_req_options.txt:15',
      'per_req_options.txt:15',
      'per_req_options.txt:17',
      'per_req_options.txt:17',
      'per_req_options.txt:20',
      'per_req_options.txt:20',
      'per_req_options.txt:20',
      'per_req_options.txt:22',
      'per_req_options.txt:24',
      'per_req_options.txt:26',
      'per_req_options.txt:30',
    ],
  },
  'trailing_backslash.txt': {
    // A continuation at the end of the file just ends the line.
    packages: [pkg('pkg1', '1.0', 1)],
    warnings: [],
  },
  'with_versions.txt': {
    packages: [
      pkg('nltk', '3.2.2', 1),
      pkg('tabulate', '0.7.7', 2),
      pkg('newspaper3k', undefined, 3, { properties: { 'python:specifier': '>=0.2.2' } }),
      pkg('asdf', undefined, 4, { properties: { 'python:specifier': '==0.7.*' } }),
      // `qwerty \` + `  == 0.1`: joined, declared on line 5.
      pkg('qwerty', '0.1', 5),
      pkg('hy-phen', '1.2', 7),
      pkg('under_score', '1.3', 8),
      pkg('pkg.dot.name', '5.0.0', 9),
      pkg('combination-._-.also_-._valid', undefined, 10, {
        properties: { 'python:specifier': '>=3.5' },
      }),
      pkg('yolo', '1.0', 11, { properties: { 'python:specifier': '===1.0' } }),
      pkg('pkg', undefined, 12, { properties: { 'python:specifier': '<=1.2.3' } }),
    ],
    warnings: [],
  },
};

describe.skipIf(!present)(
  `python/requirements on SCALIBR's requirements files${present ? '' : ` (skipped: ${CORPUS} is absent)`}`,
  () => {
    it.each(Object.entries(CASES))('%s', async (file, expected) => {
      const result = await runExtractor(extractor, CORPUS, file);
      expect(result.packages).toEqual(expected.packages);
      expect((result.warnings ?? []).map((w) => `${w.path}:${w.line}`)).toEqual(expected.warnings);
      if (expected.packages.length > 0) {
        expect(result.root).toEqual({
          ecosystem: 'PyPI',
          dependsOn: expected.packages.map((p) => `${p.name}@${p.version ?? ''}`),
        });
      }
    });
  },
);
