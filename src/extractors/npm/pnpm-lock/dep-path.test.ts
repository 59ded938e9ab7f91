import { describe, expect, it } from 'vitest';
import { parseLegacyPath, parseV9Path, refToPath, stripSuffix, styleOf } from './dep-path.js';
import type { ParsedPath, PathStyle } from './dep-path.js';

describe('styleOf', () => {
  it.each([
    [5.3, 'v5'],
    [5.4, 'v5'],
    [6.0, 'v6'],
    [6.1, 'v6'],
    [9.0, 'v9'],
    [10, 'v9'],
  ] as const)('lockfileVersion %s → %s', (version, style) => {
    expect(styleOf(version)).toBe(style);
  });
});

describe('stripSuffix', () => {
  it.each([
    ['react@18.2.0', 'react@18.2.0'],
    ['react-dom@18.2.0(react@18.2.0)', 'react-dom@18.2.0'],
    // Peers that have peers of their own nest their parentheses.
    [
      '@typescript-eslint/eslint-plugin@5.62.0(@typescript-eslint/parser@5.62.0(eslint@8.57.0)(typescript@4.9.5))(eslint@8.57.0)',
      '@typescript-eslint/eslint-plugin@5.62.0',
    ],
    ['loose-envify@1.4.0(patch_hash=0f2e6a)(react@18.2.0)', 'loose-envify@1.4.0'],
    ['/react-dom@18.2.0(react@18.2.0)', '/react-dom@18.2.0'],
    // Unbalanced: left as it is.
    ['broken@1.0.0)', 'broken@1.0.0)'],
  ])('%s → %s', (path, stripped) => {
    expect(stripSuffix(path)).toBe(stripped);
  });
});

describe('parseLegacyPath (lockfile 5.x and 6.x)', () => {
  it.each<[string, ParsedPath | undefined]>([
    ['/acorn/8.7.0', { name: 'acorn', version: '8.7.0' }],
    ['/@typescript-eslint/types/5.13.0', { name: '@typescript-eslint/types', version: '5.13.0' }],
    // 5.x peer suffixes, with the `+` that replaces `/` in scoped peer names.
    ['/tsutils/3.21.0_typescript@4.6.2', { name: 'tsutils', version: '3.21.0' }],
    ['/foo/1.4.0_@types+babel__core@7.1.14', { name: 'foo', version: '1.4.0' }],
    // Non-default registries prefix the host.
    ['registry.npmjs.org/@foo/bar/1.1.0', { name: '@foo/bar', version: '1.1.0' }],
    ['example.com/foo/1.3.0_bar@2.0.0', { name: 'foo', version: '1.3.0' }],
    // 6.x
    ['/acorn@8.7.0', { name: 'acorn', version: '8.7.0' }],
    ['/@typescript-eslint/types@5.57.1', { name: '@typescript-eslint/types', version: '5.57.1' }],
    ['/react-dom@18.2.0(react@18.2.0)', { name: 'react-dom', version: '18.2.0' }],
    [
      '/react-dom@18.3.0-canary-ab31a9ed2-20230824(react@18.3.0-canary-ab31a9ed2-20230824)',
      { name: 'react-dom', version: '18.3.0-canary-ab31a9ed2-20230824' },
    ],
    // A `/` inside the peer suffix does not split the path.
    [
      '/@typescript-eslint/utils@5.62.0(@types/node@20.0.0)',
      { name: '@typescript-eslint/utils', version: '5.62.0' },
    ],
    // Paths that do not encode a version: the entry's own name/version fields must.
    ['github.com/my-org/my-package/267087851ad5fac92a184749c27cd539e2fc862e', {}],
    ['github.com/kevva/is-positive', {}],
    ['/foo/bar', {}],
    ['file:../a-local-package', {}],
    [
      '@gitlab.my-org.org/api/v4/projects/1/packages/npm/@my-org/my-package/-/@my-org/my-package-3.2.3.tgz',
      {},
    ],
    // Not a dependency path at all.
    ['invalidpath', undefined],
  ])('%s', (path, parsed) => {
    expect(parseLegacyPath(path)).toEqual(parsed);
  });
});

describe('parseV9Path (lockfile 9.x)', () => {
  it.each<[string, ParsedPath | undefined]>([
    ['acorn@8.11.3', { name: 'acorn', version: '8.11.3' }],
    ['@eslint/eslintrc@2.1.4', { name: '@eslint/eslintrc', version: '2.1.4' }],
    ['tsutils@3.21.0(typescript@4.9.5)', { name: 'tsutils', version: '3.21.0' }],
    [
      'ansi-regex@https://codeload.github.com/chalk/ansi-regex/tar.gz/02fa893d619d3da85411acc8fd4e2eea0e95a9d9',
      {
        name: 'ansi-regex',
        specifier:
          'https://codeload.github.com/chalk/ansi-regex/tar.gz/02fa893d619d3da85411acc8fd4e2eea0e95a9d9',
      },
    ],
    [
      'local-tool@file:tools/local-tool',
      { name: 'local-tool', specifier: 'file:tools/local-tool' },
    ],
    ['node@runtime:22.0.0', { name: 'node', specifier: 'runtime:22.0.0' }],
    ['invalidpath', undefined],
    ['@scope', undefined],
  ])('%s', (path, parsed) => {
    expect(parseV9Path(path)).toEqual(parsed);
  });
});

describe('refToPath', () => {
  it.each<[string, string, PathStyle, string | undefined]>([
    ['8.7.0', 'acorn', 'v5', '/acorn/8.7.0'],
    [
      '5.13.0_eslint@8.10.0+typescript@4.6.2',
      '@typescript-eslint/parser',
      'v5',
      '/@typescript-eslint/parser/5.13.0_eslint@8.10.0+typescript@4.6.2',
    ],
    [
      'github.com/my-org/mocks/590f321b4eb3f692bb211bd74e22947639a6f79d',
      'mocks',
      'v5',
      'github.com/my-org/mocks/590f321b4eb3f692bb211bd74e22947639a6f79d',
    ],
    ['/string-width/4.2.3', 'string-width-cjs', 'v5', '/string-width/4.2.3'],
    ['file:projects/package-a.tgz', 'my-file-package', 'v5', 'file:projects/package-a.tgz'],
    ['link:../ui', '@acme/ui', 'v5', undefined],
    ['18.2.0(react@18.2.0)', 'react-dom', 'v6', '/react-dom@18.2.0(react@18.2.0)'],
    [
      '8.0.5(@types/react@18.0.28)(react@18.2.0)',
      'react-redux',
      'v6',
      '/react-redux@8.0.5(@types/react@18.0.28)(react@18.2.0)',
    ],
    ['/string-width@4.2.3', 'string-width-cjs', 'v6', '/string-width@4.2.3'],
    ['link:../ui', '@acme/ui', 'v6', undefined],
    ['8.11.3', 'acorn', 'v9', 'acorn@8.11.3'],
    ['5.3.2(acorn@8.11.3)', 'acorn-jsx', 'v9', 'acorn-jsx@5.3.2(acorn@8.11.3)'],
    ['string-width@4.2.3', 'string-width-cjs', 'v9', 'string-width@4.2.3'],
    ['@types/node@20.0.0', 'node-types', 'v9', '@types/node@20.0.0'],
    [
      'https://codeload.github.com/chalk/ansi-regex/tar.gz/02fa893d619d3da85411acc8fd4e2eea0e95a9d9',
      'ansi-regex',
      'v9',
      'ansi-regex@https://codeload.github.com/chalk/ansi-regex/tar.gz/02fa893d619d3da85411acc8fd4e2eea0e95a9d9',
    ],
    ['file:tools/local-tool', 'local-tool', 'v9', 'local-tool@file:tools/local-tool'],
    // An `@` after the `:` belongs to the URL, not to an alias.
    [
      'git+ssh://git@github.com/acme/lib.git#abc123',
      'lib',
      'v9',
      'lib@git+ssh://git@github.com/acme/lib.git#abc123',
    ],
    ['link:packages/lib', '@acme/lib', 'v9', undefined],
  ])('%s (%s, %s)', (ref, name, style, path) => {
    expect(refToPath(ref, name, style)).toBe(path);
  });
});
