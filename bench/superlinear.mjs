#!/usr/bin/env node
// `npm run bench -- superlinear`: a length-quadrupling probe for patterns and parsers that are
// quadratic (or worse) in hostile input. openvet reads files written by strangers; a run of one
// character a pattern tries from each of its positions (`\s+$`, `[ \t]+X`, two `\s*` in a row)
// turns a 1 MB line into minutes. For every entry point (licence identification, licence
// manifests, each extractor through a whole scan, each model-file reader), a prefix that reaches
// the code is followed by N repeats of a unit and timed at N and 4N; a case whose time grows
// more than 8× (a linear one grows about 4×) and takes over 200 ms is printed. Exit 1 when any
// is. Times are ratios within one process, so a noisy machine blurs but does not fake them.
//   node bench/superlinear.mjs [--only identify|manifests|extractors|models] [--size N]
import { Buffer } from 'node:buffer';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => import(path.join(root, 'dist', p));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const only = arg('only', undefined);
const SIZE = Number(arg('size', '20000'));
const GROWTH = 8;
const MIN_MS = 200;

const { identifyLicenses } = await dist('analyzers/license/identify.js');
const { scan } = await dist('core/scan.js');
const { extractors } = await dist('extractors/registry.js');
const { scanModelSource } = await dist('analyzers/models/scan-file.js');

let found = 0;
let cases = 0;
/** Times `run(n)` at SIZE and 4·SIZE (after a small warm-up) and reports a superlinear case. */
async function probe(label, run) {
  cases++;
  const time = async (n) => {
    const start = performance.now();
    await run(n);
    return performance.now() - start;
  };
  await time(Math.ceil(SIZE / 8));
  const small = await time(SIZE);
  const large = await time(4 * SIZE);
  if (large > MIN_MS && large / Math.max(small, 1) > GROWTH) {
    found++;
    console.log(`superlinear: ${label}: ${small.toFixed(0)} ms → ${large.toFixed(0)} ms`);
  }
}
const repeat = (unit, n) => unit.repeat(Math.ceil(n / unit.length));

const TEXT_UNITS = [
  ' ',
  '\t',
  '*',
  '#',
  '-',
  '=',
  '/',
  '\\',
  '.',
  ',',
  ';',
  ':',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '<',
  '>',
  '"',
  "'",
  '`',
  '|',
  '%',
  '+',
  '_',
  '~',
  '@',
  'a',
  '0.',
  'x ',
  '- ',
  ', ',
  'or ',
  'and ',
  'mit ',
  'gpl ',
  '(c) ',
  'license ',
  'under the ',
  '\n',
  ' \n',
  '*\n',
  ' *\n',
  '#\n',
  '\u00a0',
  'http://a/',
];

if (only === undefined || only === 'identify') {
  const prefixes = [
    '',
    'License: ',
    'license is ',
    'Licensed under the ',
    'Copyright (c) 2020 ',
    'SPDX-License-Identifier: ',
    'SPDX-License-Identifier = "',
    '/* ',
    '## License\n\n',
    '@license ',
    'dual licensed under ',
    'either version ',
    'see https://opensource.org/licenses/',
    'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: ',
  ];
  identifyLicenses('MIT License');
  for (const p of prefixes)
    for (const u of TEXT_UNITS)
      await probe(`identify ${JSON.stringify(p)} + ${JSON.stringify(u)}…`, (n) =>
        identifyLicenses(`${p}${repeat(u, n)}zz`),
      );
}

if (only === undefined || only === 'manifests') {
  const manifests = [
    ['package.json', '{"license": "'],
    ['pyproject.toml', '[project]\nlicense = "'],
    ['METADATA', 'Metadata-Version: 2.1\nLicense: '],
    ['README.md', '---\nlicense: '],
    ['pom.xml', '<project><licenses><license><name>'],
    ['DESCRIPTION', 'Package: x\nLicense: '],
    ['Cargo.toml', '[package]\nlicense = "'],
    ['x.nuspec', '<package><metadata><licenseUrl>'],
    ['composer.json', '{"license": ['],
    ['LICENSES/MIT.txt', ''],
    ['REUSE.toml', 'version = 1\nSPDX-License-Identifier = "'],
  ];
  for (const [fileName, p] of manifests)
    for (const u of TEXT_UNITS)
      await probe(`manifest ${fileName} + ${JSON.stringify(u)}…`, (n) =>
        identifyLicenses(`${p}${repeat(u, n)}zz`, { fileName }),
      );
}

if (only === undefined || only === 'extractors') {
  const files = [
    ['requirements.txt', 'flask'],
    ['requirements.txt', 'flask @ '],
    ['yarn.lock', '"a@^1":\n  version "'],
    ['yarn.lock', '__metadata:\n  version: 8\n"a@npm:^1":\n  '],
    ['go.mod', 'module x\nrequire ('],
    ['Modelfile', 'FROM '],
    ['pnpm-lock.yaml', "lockfileVersion: '9.0'\npackages:\n  "],
    ['poetry.lock', '[[package]]\nname = "'],
    ['Cargo.lock', '[[package]]\nname = "'],
    ['package-lock.json', '{"lockfileVersion":3,"packages":{"":'],
    ['package.json', '{"dependencies":{"a":"github:o/r'],
    ['uv.lock', 'version = 1\n[[package]]\nname = "'],
    ['app.py', 'AutoModel.from_pretrained("'],
    ['README.md', '---\nbase_model: '],
    ['bun.lock', '{"lockfileVersion":1,"packages":{"a":["'],
    ['Pipfile.lock', '{"default":{"a":{"version":"'],
    ['pylock.toml', 'lock-version = "1.0"\n[[packages]]\nname = "'],
  ];
  const units = [
    ' ',
    '\t',
    '=',
    '-',
    '.',
    ',',
    '#',
    '"',
    "'",
    '[',
    '(',
    '@',
    '/',
    ':',
    '\\',
    'a',
    '\n',
    ' \n',
    '- ',
    '>=',
    '${',
    '%',
    '*',
    '<',
    '|',
  ];
  for (const [file, p] of files)
    for (const u of units)
      await probe(`scan ${file} ${JSON.stringify(p)} + ${JSON.stringify(u)}…`, async (n) => {
        const dir = mkdtempSync(path.join(tmpdir(), 'openvet-superlinear-'));
        try {
          writeFileSync(path.join(dir, file), `${p}${repeat(u, n)}zz`);
          await scan({
            path: dir,
            extractors,
            tool: { name: 'openvet', version: 'bench' },
            now: () => new Date(0),
            env: {},
          });
        } catch {
          // A refusal is an answer; only the time matters here.
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
}

if (only === undefined || only === 'models') {
  const bytes = (s) => Buffer.from(s, 'latin1');
  const u64 = (n) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    return b;
  };
  const u32 = (n) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const pickle = (body) => Buffer.concat([bytes('\x80\x02'), bytes(body), bytes('.')]);
  const formats = {
    'model.safetensors': [
      ['[', '{"a":', ' ', '"a",', '1,', '\\\\'],
      (body) => {
        const j = bytes(`{"a":${body}}`);
        return Buffer.concat([u64(j.length), j]);
      },
    ],
    'model.npy': [
      ['(', ' ', '1,', "'"],
      (body) => {
        const h = bytes(`{'descr': '<f4', 'fortran_order': False, 'shape': (${body}), }`);
        return Buffer.concat([bytes('\x93NUMPY\x02\x00'), u32(h.length), h]);
      },
    ],
    'model.pkl': [
      [
        '(',
        ']',
        '}',
        'N',
        ')',
        '0',
        '2',
        'q\x00',
        'h\x00',
        'cos\nsystem\n',
        '(N',
        'X\x01\x00\x00\x00a',
        'a',
        'e',
        't',
      ],
      pickle,
    ],
    'pytorch_model.bin': [['(', ']', 'N', 'q\x00', 'h\x00', 'cos\nsystem\n'], pickle],
    'model.gguf': [
      ['a', '\n', ' ', '{{'],
      (body) => {
        const s = bytes(body);
        return Buffer.concat([
          bytes('GGUF'),
          u32(3),
          u64(0),
          u64(1),
          u64(3),
          bytes('key'),
          u32(8),
          u64(s.length),
          s,
        ]);
      },
    ],
  };
  for (const [file, [units, make]] of Object.entries(formats))
    for (const u of units)
      await probe(`model ${file} + ${JSON.stringify(u)}…`, async (n) => {
        const b = make(repeat(u, n));
        await scanModelSource(file, {
          name: file,
          size: b.length,
          read: async (o, l) => b.subarray(o, Math.min(b.length, o + l)),
        });
      });
}

console.log(`superlinear: ${cases} cases at ${SIZE} and ${4 * SIZE} repeats, ${found} superlinear`);
process.exit(found > 0 ? 1 : 0);
