import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import type { ExtractResult } from '../../../core/extractor.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor, sectionKeyLines } from './index.js';

async function extract(
  lock: string | object,
  siblings: Record<string, string> = {},
): Promise<ExtractResult> {
  const text = typeof lock === 'string' ? lock : JSON.stringify(lock, null, 4);
  const root = await tempTree({ 'Pipfile.lock': text, ...siblings });
  return runExtractor(extractor, root, 'Pipfile.lock');
}

const SHA = 'c'.repeat(64);
const META = {
  _meta: {
    hash: { sha256: SHA },
    'pipfile-spec': 6,
    requires: {},
    sources: [{ name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true }],
  },
};

describe('python/pipfile-lock', () => {
  it.each([
    ['Pipfile.lock', true],
    ['api/Pipfile.lock', true],
    ['Pipfile', false],
    ['pipfile.lock', false],
  ])('wants %s: %s', (file, wanted) => {
    expect(extractor.required({ path: file, base: file.split('/').pop() ?? file, size: 10 })).toBe(
      wanted,
    );
  });

  it('reads default as production, develop as dev, and other sections as their own group', async () => {
    const result = await extract({
      ...META,
      default: {
        requests: {
          version: '==2.31.0',
          hashes: [`sha256:${SHA}`, `sha256:${SHA}`],
          index: 'pypi',
        },
        shared: { version: '==1.0' },
      },
      develop: {
        pytest: { version: '==8.0.0' },
        shared: { version: '==1.0' },
        'both-dev': { version: '==3' },
      },
      docs: { sphinx: { version: '==7.2' }, 'both-dev': { version: '==3' } },
    });
    expect(result.packages.map((p) => [p.key, p.groups, p.line])).toEqual([
      ['requests@2.31.0', [], 17],
      ['shared@1.0', [], 25],
      ['pytest@8.0.0', ['dev'], 30],
      ['both-dev@3', ['dev', 'docs'], 36],
      ['sphinx@7.2', ['docs'], 41],
    ]);
    expect(result.packages[0]?.hashes).toEqual([{ alg: 'sha256', value: SHA }]);
    expect(result.packages.every((p) => p.direct === undefined && p.dependsOn === undefined)).toBe(
      true,
    );
    expect(result.root).toBeUndefined();
  });

  it.each([
    ['exact pin', '==1.2.3', '1.2.3'],
    ['arbitrary equality', '===1.2.3', '1.2.3'],
    ['a range is not a pin', '>=1.2', undefined],
    ['no version', undefined, undefined],
  ])('version: %s', async (_case, version, expected) => {
    const result = await extract({
      ...META,
      default: { a: version === undefined ? { editable: true, path: '.' } : { version } },
      develop: {},
    });
    expect(result.packages.map((p) => p.version)).toEqual(expected === undefined ? [] : [expected]);
  });

  it.each([
    [
      'git pinned to a commit',
      { git: 'https://github.com/o/a.git', ref: '0123456789abcdef0123456789abcdef01234567' },
      {
        type: 'git',
        url: 'https://github.com/o/a.git',
        commit: '0123456789abcdef0123456789abcdef01234567',
      },
    ],
    [
      'git on a branch',
      { git: 'https://github.com/o/a.git', ref: 'main' },
      { type: 'git', url: 'https://github.com/o/a.git' },
    ],
    ['editable path', { path: './libs/a', editable: true }, { type: 'editable', url: './libs/a' }],
    [
      'local archive',
      { path: './dist/a-1.0.tar.gz' },
      { type: 'file', url: './dist/a-1.0.tar.gz' },
    ],
    [
      'remote file',
      { file: 'https://example.com/a-1.0.whl' },
      { type: 'url', url: 'https://example.com/a-1.0.whl' },
    ],
    ['index', { index: 'pypi' }, undefined],
  ])('source: %s', async (_case, fields, source) => {
    const result = await extract({
      ...META,
      default: { a: { version: '==1.0', ...fields } },
      develop: {},
    });
    expect(result.packages[0]?.source).toEqual(source);
  });

  it('takes direct dependencies from the Pipfile beside it', async () => {
    const result = await extract(
      {
        ...META,
        default: { requests: { version: '==2.31.0' }, urllib3: { version: '==2.2.0' } },
        develop: { pytest: { version: '==8.0.0' } },
      },
      { Pipfile: '[packages]\nRequests = "*"\n\n[dev-packages]\npytest = "*"\n' },
    );
    expect(result.packages.map((p) => [p.key, p.direct])).toEqual([
      ['requests@2.31.0', true],
      ['urllib3@2.2.0', false],
      ['pytest@8.0.0', true],
    ]);
    expect(result.root).toEqual({
      ecosystem: 'PyPI',
      dependsOn: ['pytest@8.0.0', 'requests@2.31.0'],
    });
  });

  it('reads minified JSON with every package on line 1', async () => {
    const result = await extract(
      JSON.stringify({
        ...META,
        default: { a: { version: '==1' } },
        develop: { b: { version: '==2' } },
      }),
    );
    expect(result.packages.map((p) => p.line)).toEqual([1, 1]);
  });

  it('locates section keys and ignores look-alikes deeper down', () => {
    const text =
      '{\n "default": {\n  "a": {"hashes": ["x"], "nested": {"b": 1}},\n  "c": {}\n },\n "_meta": {"d": {}}\n}';
    expect(sectionKeyLines(text)).toEqual(
      new Map([
        [
          'default',
          new Map([
            ['a', 3],
            ['c', 4],
          ]),
        ],
        ['_meta', new Map([['d', 6]])],
      ]),
    );
  });

  it.each([
    ['an empty file', ''],
    ['no sections', '{}'],
  ])('reads %s as nothing locked', async (_case, text) => {
    expect((await extract(text)).packages).toEqual([]);
  });

  it.each([
    ['invalid JSON', '{\n  "default": {\n    "a": {"version": "==1",}\n  }\n}', 3],
    ['not an object', '["default"]', 1],
  ])('rejects %s', async (_case, text, line) => {
    const error = await extract(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).line).toBe(line);
  });
});
