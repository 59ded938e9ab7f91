import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../core/extractor.js';
import { walk } from '../../../core/walk.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor as modelDir } from '../model-dir/index.js';
import { extractor } from './index.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../__fixtures__');
const MAIN = '1111111111111111111111111111111111111111';
const OLD = '2222222222222222222222222222222222222222';
const DATA = '3333333333333333333333333333333333333333';

/**
 * Lay out a real hub cache the way huggingface_hub does: blobs named by etag, snapshot
 * files as relative symlinks into blobs/, refs holding commits.
 */
async function makeCache(root: string): Promise<void> {
  const repo = path.join(root, 'models--openvet-test--tiny-bert');
  const blobs = path.join(repo, 'blobs');
  await mkdir(blobs, { recursive: true });
  const files: [string, Buffer, string][] = [
    [
      'model.safetensors',
      await readFile(path.join(FIXTURES, 'safetensors-card/model.safetensors')),
      'a'.repeat(64),
    ],
    [
      'config.json',
      await readFile(path.join(FIXTURES, 'safetensors-card/config.json')),
      'b'.repeat(40),
    ],
    [
      'README.md',
      await readFile(path.join(FIXTURES, 'safetensors-card/README.md')),
      'c'.repeat(40),
    ],
    ['onnx/model.onnx', await readFile(path.join(FIXTURES, 'onnx/model.onnx')), 'd'.repeat(64)],
  ];
  for (const [, content, etag] of files) await writeFile(path.join(blobs, etag), content);
  for (const [commit, names] of [
    [MAIN, ['model.safetensors', 'config.json', 'README.md', 'onnx/model.onnx']],
    [OLD, ['config.json']],
  ] as const) {
    for (const name of names) {
      const [, , etag] = files.find(([n]) => n === name) ?? [];
      const link = path.join(repo, 'snapshots', commit, name);
      await mkdir(path.dirname(link), { recursive: true });
      await symlink(path.relative(path.dirname(link), path.join(blobs, etag ?? '')), link);
    }
  }
  await mkdir(path.join(repo, 'refs', 'refs', 'pr'), { recursive: true });
  await writeFile(path.join(repo, 'refs', 'main'), MAIN);
  await writeFile(path.join(repo, 'refs', 'refs', 'pr', '1'), MAIN);
  await writeFile(path.join(repo, 'refs', 'v1.0'), `${OLD}\n`);
  await mkdir(path.join(repo, '.no_exist', MAIN), { recursive: true });
  await writeFile(path.join(repo, '.no_exist', MAIN, 'tokenizer.json'), '');

  const dataset = path.join(root, 'datasets--acme--support-tickets');
  await mkdir(path.join(dataset, 'blobs'), { recursive: true });
  await writeFile(
    path.join(dataset, 'blobs', 'e'.repeat(40)),
    '---\nlicense: cc-by-4.0\n---\n# tickets\n',
  );
  await writeFile(path.join(dataset, 'blobs', 'f'.repeat(64)), 'PAR1');
  await mkdir(path.join(dataset, 'snapshots', DATA, 'data'), { recursive: true });
  await symlink(
    `../../blobs/${'e'.repeat(40)}`,
    path.join(dataset, 'snapshots', DATA, 'README.md'),
  );
  await symlink(
    `../../../blobs/${'f'.repeat(64)}`,
    path.join(dataset, 'snapshots', DATA, 'data', 'train.parquet'),
  );
  await mkdir(path.join(dataset, 'refs'));
  await writeFile(path.join(dataset, 'refs', 'main'), DATA);
}

function dirEntry(base: string): FileEntry {
  return { path: `hub/${base}`, base, size: 0, children: [] };
}

describe('model/hf-cache required', () => {
  it.each<[string, boolean]>([
    ['models--openai-community--gpt2', true],
    ['models--gpt2', true],
    ['models--sentence-transformers--all-MiniLM-L6-v2', true],
    ['datasets--acme--support-tickets', true],
    ['spaces--acme--demo', false],
    ['models--a--b--c', false],
    ['models--', false],
    ['my-models--x', false],
    ['snapshots', false],
  ])('%s → %s', (base, expected) => {
    expect(extractor.required(dirEntry(base))).toBe(expected);
    expect(extractor.claimsDirectory(dirEntry(base))).toBe(expected);
  });
});

describe('model/hf-cache', () => {
  it('reports one model per snapshot commit, with the refs that point at it', async () => {
    const root = await tempTree({});
    await makeCache(path.join(root, 'hub'));
    const result = await runExtractor(extractor, root, 'hub/models--openvet-test--tiny-bert');
    const snap = `hub/models--openvet-test--tiny-bert/snapshots/${MAIN}`;
    expect(result).toEqual({
      packages: [
        {
          kind: 'model',
          ecosystem: 'huggingface',
          name: 'openvet-test/tiny-bert',
          version: MAIN,
          files: [
            `${snap}/README.md`,
            `${snap}/config.json`,
            `${snap}/model.safetensors`,
            `${snap}/onnx/model.onnx`,
          ],
          declaredLicense: 'apache-2.0',
          licenseStatements: [{ value: 'apache-2.0', kind: 'hf-tag' }],
          source: { type: 'hub', url: 'https://huggingface.co/openvet-test/tiny-bert' },
          properties: {
            'model:pipeline_tag': 'text-classification',
            'model:library_name': 'transformers',
            'model:base_model': 'google-bert/bert-base-uncased',
            'model:formats': 'onnx,safetensors',
            'model:files': '2',
            'model:bytes': '868',
            'model:parameters': '136',
            'model:architecture': 'BertForSequenceClassification',
            'model:model_type': 'bert',
            'hf:refs': 'main,refs/pr/1',
          },
        },
        {
          kind: 'model',
          ecosystem: 'huggingface',
          name: 'openvet-test/tiny-bert',
          version: OLD,
          files: [`hub/models--openvet-test--tiny-bert/snapshots/${OLD}/config.json`],
          source: { type: 'hub', url: 'https://huggingface.co/openvet-test/tiny-bert' },
          properties: {
            'model:files': '0',
            'model:bytes': '0',
            'model:architecture': 'BertForSequenceClassification',
            'model:model_type': 'bert',
            'hf:refs': 'v1.0',
          },
        },
      ],
    });
  });

  it('reports a dataset with its card licence and files', async () => {
    const root = await tempTree({});
    await makeCache(path.join(root, 'hub'));
    const snap = `hub/datasets--acme--support-tickets/snapshots/${DATA}`;
    expect(await runExtractor(extractor, root, 'hub/datasets--acme--support-tickets')).toEqual({
      packages: [
        {
          kind: 'dataset',
          ecosystem: 'huggingface',
          name: 'acme/support-tickets',
          version: DATA,
          files: [`${snap}/README.md`, `${snap}/data/train.parquet`],
          declaredLicense: 'cc-by-4.0',
          licenseStatements: [{ value: 'cc-by-4.0', kind: 'hf-tag' }],
          source: { type: 'hub', url: 'https://huggingface.co/datasets/acme/support-tickets' },
          properties: { 'hf:refs': 'main' },
        },
      ],
    });
  });

  it('is claimed, so the walker does not descend and model-dir never sees the snapshots', async () => {
    const root = await tempTree({});
    await makeCache(path.join(root, 'hub'));
    const listing = await walk(root, { claims: (e) => extractor.claimsDirectory(e) });
    const paths = listing.entries.map((e) => e.path);
    expect(paths).toContain('hub/models--openvet-test--tiny-bert');
    expect(paths.some((p) => p.includes('/snapshots/'))).toBe(false);
    // Even unclaimed, a snapshot folder is not a model-dir model.
    const unclaimed = await walk(root);
    const snapshot = unclaimed.entries.find(
      (e) => e.path === `hub/models--openvet-test--tiny-bert/snapshots/${MAIN}`,
    );
    expect(snapshot !== undefined && modelDir.required(snapshot)).toBe(false);
  });

  it('warns about links to missing blobs and oddly named snapshots', async () => {
    const root = await tempTree({
      'models--a--b/refs/main': MAIN,
      'models--a--b/snapshots/not-a-commit/config.json': '{}',
    });
    await mkdir(path.join(root, 'models--a--b', 'snapshots', MAIN), { recursive: true });
    await symlink(
      '../../blobs/missing',
      path.join(root, 'models--a--b', 'snapshots', MAIN, 'model.safetensors'),
    );
    const result = await runExtractor(extractor, root, 'models--a--b');
    expect(result.packages).toEqual([
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name: 'a/b',
        version: MAIN,
        files: [],
        source: { type: 'hub', url: 'https://huggingface.co/a/b' },
        properties: { 'model:files': '0', 'model:bytes': '0', 'hf:refs': 'main' },
      },
    ]);
    expect(result.warnings).toEqual([
      {
        message: `models--a--b/snapshots/${MAIN}/model.safetensors: link to a missing blob (an interrupted download?); skipped`,
        path: `models--a--b/snapshots/${MAIN}/model.safetensors`,
      },
      {
        message:
          'models--a--b/snapshots/not-a-commit: a snapshot folder should be named by a 40-hex commit; skipped',
        path: 'models--a--b/snapshots/not-a-commit',
      },
    ]);
  });

  it('reads a bare canonical repo folder (models--gpt2)', async () => {
    const root = await tempTree({
      [`models--gpt2/snapshots/${MAIN}/config.json`]: '{"model_type":"gpt2"}',
    });
    const [record] = (await runExtractor(extractor, root, 'models--gpt2')).packages;
    expect(record).toMatchObject({
      name: 'gpt2',
      version: MAIN,
      source: { type: 'hub', url: 'https://huggingface.co/gpt2' },
    });
    expect(record?.properties?.['hf:refs']).toBeUndefined();
  });
});
