import { mkdir, mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FileEntry, PackageRecord } from '../../../core/extractor.js';
import { createScanFs, type ScanFs } from '../../../core/fs.js';
import { walk } from '../../../core/walk.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor } from './index.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../__fixtures__');

/** A minimal valid safetensors file: one float32 tensor of `n` values. */
function safetensors(n: number): Uint8Array {
  const header = Buffer.from(
    JSON.stringify({ w: { dtype: 'F32', shape: [n], data_offsets: [0, 4 * n] } }),
  );
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, header, Buffer.alloc(4 * n)]);
}

const PICKLE = Buffer.from([
  0x80, 0x04, 0x95, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x7d, 0x94, 0x2e,
]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);

function entry(dir: string, children: string[]): FileEntry {
  return { path: dir, base: path.posix.basename(dir), size: 0, children };
}

describe('model/model-dir required', () => {
  it.each<[string, string, string[], boolean]>([
    ['safetensors', 'models/a', ['model.safetensors'], true],
    ['gguf alone', 'models', ['llama-q4.gguf'], true],
    ['onnx', 'm', ['model.onnx'], true],
    ['pt', 'm', ['best.pt'], true],
    ['pth', 'm', ['resnet.pth'], true],
    ['ckpt', 'm', ['last.ckpt'], true],
    ['keras', 'm', ['net.keras'], true],
    ['joblib', 'm', ['clf.joblib'], true],
    ['pkl', 'm', ['clf.pkl'], true],
    ['pickle', 'm', ['clf.pickle'], true],
    ['SavedModel', 'm', ['saved_model.pb', 'variables'], true],
    ['pytorch_model.bin alone', 'm', ['pytorch_model.bin'], true],
    ['generic .bin alone', 'firmware', ['image.bin'], false],
    ['generic .bin with config.json', 'm', ['config.json', 'data.bin'], true],
    ['generic .bin with a card', 'm', ['README.md', 'data.bin'], true],
    ['tf_model.h5 alone', 'm', ['tf_model.h5'], true],
    ['generic .h5 alone', 'data', ['measurements.h5'], false],
    ['generic .h5 with config.json', 'm', ['config.json', 'measurements.h5'], true],
    ['.npy alone', 'data', ['x.npy', 'y.npy'], false],
    ['.npz beside a card', 'm', ['README.md', 'weights.npz'], true],
    ['.npy beside a certain weight', 'm', ['emb.npy', 'model.onnx'], true],
    ['onnx external data alone', 'm', ['model.onnx_data'], false],
    ['config.json alone', 'm', ['config.json', 'README.md'], false],
    ['diffusers pipeline root', 'sd', ['model_index.json', 'unet', 'vae'], true],
    ['sentence-transformers root', 'st', ['modules.json', '1_Pooling'], true],
    ['inside node_modules', 'node_modules/onnxruntime-web/dist', ['model.onnx'], false],
    [
      'inside site-packages',
      '.venv/lib/python3.12/site-packages/sklearn/datasets',
      ['x.pkl'],
      false,
    ],
    [
      'inside an HF cache tree',
      'cache/models--org--name/snapshots/abc',
      ['model.safetensors'],
      false,
    ],
    [
      'an HF cache snapshot by its commit',
      `hub/snapshots/${'a'.repeat(40)}`,
      ['model.safetensors'],
      false,
    ],
    ['empty', 'm', [], false],
  ])('%s', (_case, dir, children, expected) => {
    expect(extractor.required(entry(dir, children))).toBe(expected);
  });
});

describe('model/model-dir on real model files', () => {
  const cases: [string, PackageRecord][] = [
    [
      'safetensors-card',
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name: 'openvet-test/tiny-bert',
        direct: true,
        files: [
          'safetensors-card/README.md',
          'safetensors-card/config.json',
          'safetensors-card/model.safetensors',
          'safetensors-card/tokenizer_config.json',
          'safetensors-card/vocab.txt',
        ],
        declaredLicense: 'apache-2.0',
        licenseStatements: [{ value: 'apache-2.0', kind: 'hf-tag' }],
        source: { type: 'hub', url: 'https://huggingface.co/openvet-test/tiny-bert' },
        properties: {
          'model:pipeline_tag': 'text-classification',
          'model:library_name': 'transformers',
          'model:base_model': 'google-bert/bert-base-uncased',
          'model:formats': 'safetensors',
          'model:files': '1',
          'model:bytes': '728',
          'model:parameters': '136',
          'model:architecture': 'BertForSequenceClassification',
          'model:model_type': 'bert',
          'model:name_source': 'config',
        },
      },
    ],
    [
      // config.json's _name_or_path is one of the card's base models: a fine-tune, so local.
      'sharded',
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name: 'sharded',
        direct: true,
        files: [
          'sharded/README.md',
          'sharded/config.json',
          'sharded/model-00001-of-00002.safetensors',
          'sharded/model-00002-of-00002.safetensors',
          'sharded/model.safetensors.index.json',
        ],
        declaredLicense: 'llama3.2',
        licenseStatements: [{ value: 'llama3.2', kind: 'hf-tag' }],
        source: { type: 'local', url: 'sharded' },
        properties: {
          'model:base_model': 'meta-llama/Llama-3.2-1B,meta-llama/Llama-3.2-1B-Instruct',
          'model:formats': 'safetensors',
          'model:files': '2',
          'model:bytes': '368',
          'model:parameters': '36',
          'model:architecture': 'LlamaForCausalLM',
          'model:model_type': 'llama',
          'model:name_source': 'directory',
        },
      },
    ],
    [
      'pytorch-bin',
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name: 'pytorch-bin',
        direct: true,
        files: ['pytorch-bin/config.json', 'pytorch-bin/pytorch_model.bin'],
        source: { type: 'local', url: 'pytorch-bin' },
        properties: {
          'model:formats': 'pytorch',
          'model:files': '1',
          'model:bytes': '2005',
          'model:architecture': 'GPT2LMHeadModel',
          'model:model_type': 'gpt2',
          'model:name_source': 'directory',
        },
      },
    ],
    [
      'gguf',
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name: 'gguf',
        direct: true,
        files: ['gguf/tiny-q8.gguf'],
        source: { type: 'local', url: 'gguf' },
        properties: {
          'model:formats': 'gguf',
          'model:files': '1',
          'model:bytes': '352',
          'model:name_source': 'directory',
        },
      },
    ],
    [
      'onnx',
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name: 'onnx',
        direct: true,
        files: ['onnx/model.onnx'],
        source: { type: 'local', url: 'onnx' },
        properties: {
          'model:formats': 'onnx',
          'model:files': '1',
          'model:bytes': '140',
          'model:name_source': 'directory',
        },
      },
    ],
    [
      'classic-ml',
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name: 'classic-ml',
        direct: true,
        files: [
          'classic-ml/README.md',
          'classic-ml/embeddings.npy',
          'classic-ml/model.joblib',
          'classic-ml/scaler.pkl',
        ],
        declaredLicense: 'mit',
        licenseStatements: [{ value: 'mit', kind: 'hf-tag' }],
        source: { type: 'local', url: 'classic-ml' },
        properties: {
          'model:pipeline_tag': 'tabular-classification',
          'model:library_name': 'sklearn',
          'model:formats': 'joblib,numpy,pickle',
          'model:files': '3',
          'model:bytes': '317',
          'model:name_source': 'directory',
        },
      },
    ],
    [
      'peft-adapter',
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name: 'peft-adapter',
        direct: true,
        files: ['peft-adapter/adapter_config.json', 'peft-adapter/adapter_model.safetensors'],
        source: { type: 'local', url: 'peft-adapter' },
        properties: {
          'model:formats': 'safetensors',
          'model:files': '1',
          'model:bytes': '168',
          'model:parameters': '16',
          'model:peft_type': 'lora',
          'model:base_model': 'mistralai/Mistral-7B-v0.1',
          'model:name_source': 'directory',
        },
      },
    ],
    [
      'diffusers',
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name: 'diffusers',
        direct: true,
        files: [
          'diffusers/README.md',
          'diffusers/model_index.json',
          'diffusers/unet/config.json',
          'diffusers/unet/diffusion_pytorch_model.safetensors',
          'diffusers/vae/config.json',
          'diffusers/vae/diffusion_pytorch_model.safetensors',
        ],
        declaredLicense: 'creativeml-openrail-m',
        licenseStatements: [{ value: 'creativeml-openrail-m', kind: 'hf-tag' }],
        source: { type: 'local', url: 'diffusers' },
        properties: {
          'model:pipeline_tag': 'text-to-image',
          'model:library_name': 'diffusers',
          'model:formats': 'safetensors',
          'model:files': '2',
          'model:bytes': '192',
          'model:parameters': '8',
          'model:architecture': 'StableDiffusionPipeline',
          'model:name_source': 'directory',
        },
      },
    ],
  ];

  it.each(cases)('%s', async (dir, expected) => {
    expect(await runExtractor(extractor, FIXTURES, dir)).toEqual({ packages: [expected] });
  });

  it.each(['diffusers/unet', 'diffusers/vae'])(
    'leaves pipeline part %s to its root',
    async (dir) => {
      expect(await runExtractor(extractor, FIXTURES, dir)).toEqual({ packages: [] });
    },
  );
});

describe('model/model-dir naming', () => {
  it('names a git clone of a Hub repo after its remote, versioned by HEAD', async () => {
    const commit = '0123456789abcdef0123456789abcdef01234567';
    const root = await tempTree({
      'Llama-3.2-1B/model.safetensors': safetensors(2),
      'Llama-3.2-1B/.git/config':
        '[core]\n\tbare = false\n[remote "origin"]\n\turl = https://user:secret@huggingface.co/meta-llama/Llama-3.2-1B\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n',
      'Llama-3.2-1B/.git/HEAD': 'ref: refs/heads/main\n',
      'Llama-3.2-1B/.git/packed-refs': `# pack-refs with: peeled fully-peeled sorted\n${commit} refs/heads/main\n`,
    });
    const result = await runExtractor(extractor, root, 'Llama-3.2-1B');
    expect(result.packages).toEqual([
      {
        kind: 'model',
        ecosystem: 'huggingface',
        name: 'meta-llama/Llama-3.2-1B',
        version: commit,
        direct: true,
        files: ['Llama-3.2-1B/model.safetensors'],
        source: { type: 'hub', url: 'https://huggingface.co/meta-llama/Llama-3.2-1B' },
        properties: {
          'model:formats': 'safetensors',
          'model:files': '1',
          'model:bytes': '70',
          'model:parameters': '2',
          'model:name_source': 'git-remote',
        },
      },
    ]);
  });

  it('ignores a git remote that is not the Hub', async () => {
    const root = await tempTree({
      'm/model.safetensors': safetensors(1),
      'm/.git/config': '[remote "origin"]\n\turl = git@github.com:acme/m.git\n',
      'm/.git/HEAD': `${'b'.repeat(40)}\n`,
    });
    const [record] = (await runExtractor(extractor, root, 'm')).packages;
    expect(record?.name).toBe('m');
    expect(record?.version).toBeUndefined();
    expect(record?.source).toEqual({ type: 'local', url: 'm' });
  });

  it('versions a --local-dir download by its recorded commit', async () => {
    const commit = 'c'.repeat(40);
    const root = await tempTree({
      'bge/model.safetensors': safetensors(1),
      'bge/config.json': JSON.stringify({
        _name_or_path: 'BAAI/bge-small-en-v1.5',
        architectures: ['BertModel'],
      }),
      'bge/.cache/huggingface/download/model.safetensors.metadata': `${commit}\n"etag"\n1700000000.0\n`,
    });
    const [record] = (await runExtractor(extractor, root, 'bge')).packages;
    expect(record).toMatchObject({
      name: 'BAAI/bge-small-en-v1.5',
      version: commit,
      source: { type: 'hub' },
    });
  });

  it('keeps a download commit as hf:revision when the folder stays local', async () => {
    const commit = 'd'.repeat(40);
    const root = await tempTree({
      'x/model.safetensors': safetensors(1),
      'x/.cache/huggingface/download/model.safetensors.metadata': `${commit}\netag\n1\n`,
    });
    const [record] = (await runExtractor(extractor, root, 'x')).packages;
    expect(record?.version).toBeUndefined();
    expect(record?.properties?.['hf:revision']).toBe(commit);
  });

  it('names a scan root that is a cache snapshot after its cache folder', async () => {
    const commit = 'e'.repeat(40);
    const base = await mkdtemp(path.join(tmpdir(), 'openvet-test-'));
    const root = path.join(base, 'models--Qwen--Qwen2.5-0.5B', 'snapshots', commit);
    await mkdir(root, { recursive: true });
    await writeFile(path.join(root, 'model.safetensors'), safetensors(1));
    const [record] = (await runExtractor(extractor, root, '')).packages;
    expect(record).toMatchObject({
      name: 'Qwen/Qwen2.5-0.5B',
      version: commit,
      properties: { 'model:name_source': 'hf-cache' },
    });
  });

  it('names a model by its card model-index when that is a full id', async () => {
    const root = await tempTree({
      'out/model.safetensors': safetensors(1),
      'out/README.md':
        '---\nlicense: mit\nmodel-index:\n  - name: acme/ticket-router\n    results: []\n---\n',
    });
    const [record] = (await runExtractor(extractor, root, 'out')).packages;
    expect(record).toMatchObject({
      name: 'acme/ticket-router',
      declaredLicense: 'mit',
      licenseStatements: [{ value: 'mit', kind: 'hf-tag' }],
      properties: { 'model:name_source': 'card' },
    });
  });

  it('keeps other + license_name from the card', async () => {
    const root = await tempTree({
      'ds/model.safetensors': safetensors(1),
      'ds/README.md': '---\nlicense: other\nlicense_name: deepseek\nlicense_link: LICENSE\n---\n',
    });
    const [record] = (await runExtractor(extractor, root, 'ds')).packages;
    expect(record?.declaredLicense).toBe('other');
    expect(record?.licenseStatements).toEqual([
      { value: 'other', kind: 'hf-tag', name: 'deepseek', link: 'LICENSE' },
    ]);
    expect(record?.properties).toMatchObject({
      'model:license_name': 'deepseek',
      'model:license_link': 'LICENSE',
    });
  });
});

describe('model/model-dir tolerance', () => {
  it('warns when a weight file does not start like its extension', async () => {
    const root = await tempTree({ 'm/model.safetensors': PICKLE, 'm/weights.gguf': ZIP });
    expect(await runExtractor(extractor, root, 'm')).toEqual({
      packages: [
        {
          kind: 'model',
          ecosystem: 'huggingface',
          name: 'm',
          direct: true,
          files: ['m/model.safetensors', 'm/weights.gguf'],
          source: { type: 'local', url: 'm' },
          properties: {
            'model:formats': 'gguf,safetensors',
            'model:files': '2',
            'model:bytes': '22',
            'model:name_source': 'directory',
          },
        },
      ],
      warnings: [
        {
          message:
            'm/model.safetensors: named like a safetensors file but its first bytes look like a pickle',
          path: 'm/model.safetensors',
        },
        {
          message:
            'm/weights.gguf: named like a gguf file but its first bytes look like a zip archive',
          path: 'm/weights.gguf',
        },
      ],
    });
  });

  it('drops a generic .bin that is not a model, silently', async () => {
    const root = await tempTree({
      'fw/README.md': '# Firmware\n',
      'fw/image.bin': Buffer.from([0xde, 0xad, 0xbe, 0xef]),
    });
    expect(await runExtractor(extractor, root, 'fw')).toEqual({ packages: [] });
  });

  it('keeps a generic .bin beside a config when it is a real PyTorch file', async () => {
    const root = await tempTree({ 'm/config.json': '{}', 'm/encoder.bin': ZIP });
    const [record] = (await runExtractor(extractor, root, 'm')).packages;
    expect(record?.properties?.['model:formats']).toBe('pytorch');
  });

  it('finds the HDF5 signature after a user block', async () => {
    const hdf5 = Buffer.alloc(600);
    Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]).copy(hdf5, 512);
    const root = await tempTree({ 'k/tf_model.h5': hdf5 });
    expect((await runExtractor(extractor, root, 'k')).warnings).toBeUndefined();
  });

  it('warns on malformed card front matter and carries on', async () => {
    const root = await tempTree({
      'm/model.safetensors': safetensors(1),
      'm/README.md': '---\nlicense: mit\nbase_model: [unclosed\npipeline_tag: x\n---\n# m\n',
    });
    const result = await runExtractor(extractor, root, 'm');
    expect(result.packages).toHaveLength(1);
    expect(result.packages[0]?.declaredLicense).toBeUndefined();
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings?.[0]).toMatchObject({ path: 'm/README.md' });
    expect(result.warnings?.[0]?.message).toMatch(
      /^m\/README\.md: card front matter is not valid YAML/,
    );
    expect(result.warnings?.[0]?.line).toBe(4);
  });

  it('warns on front matter that is never closed', async () => {
    const root = await tempTree({
      'm/model.safetensors': safetensors(1),
      'm/README.md': '---\nlicense: mit\n\n# m\n',
    });
    expect((await runExtractor(extractor, root, 'm')).warnings).toEqual([
      {
        message:
          'm/README.md: front matter opened with --- on line 1 is not closed within the first 65536 bytes; card ignored',
        line: 1,
        path: 'm/README.md',
      },
    ]);
  });

  it('warns on a malformed config.json and carries on', async () => {
    const root = await tempTree({
      'm/model.safetensors': safetensors(1),
      'm/config.json': '{"architectures": [',
    });
    const result = await runExtractor(extractor, root, 'm');
    expect(result.packages).toHaveLength(1);
    expect(result.warnings?.[0]?.message).toMatch(/^m\/config\.json: not valid JSON/);
  });

  it('warns on a truncated safetensors file', async () => {
    const whole = Buffer.from(safetensors(8));
    const root = await tempTree({ 'm/model.safetensors': whole.subarray(0, whole.length - 4) });
    const result = await runExtractor(extractor, root, 'm');
    expect(result.warnings?.[0]?.message).toMatch(/safetensors data is truncated/);
    expect(result.packages[0]?.properties?.['model:parameters']).toBe('8');
  });
});

describe('model/model-dir bounded reads', () => {
  /** A ScanFs that records every read. */
  function spy(fs: ScanFs, reads: { file: string; length: number }[]): ScanFs {
    return {
      ...fs,
      readBytes(file, start, length) {
        reads.push({ file, length });
        return fs.readBytes(file, start, length);
      },
      readText(file, maxBytes) {
        reads.push({ file, length: -1 });
        return fs.readText(file, maxBytes);
      },
    };
  }

  it('never reads a 1 GB weight file whole', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'openvet-test-'));
    await mkdir(path.join(root, 'big'));
    // Sparse 1 GiB files: one all zeros, one whose safetensors header claims 512 MiB.
    await writeFile(path.join(root, 'big/zeros.safetensors'), '');
    await truncate(path.join(root, 'big/zeros.safetensors'), 1024 ** 3);
    const claim = Buffer.alloc(9);
    claim.writeBigUInt64LE(512n * 1024n * 1024n);
    claim[8] = 0x7b;
    await writeFile(path.join(root, 'big/claims.safetensors'), claim);
    await truncate(path.join(root, 'big/claims.safetensors'), 1024 ** 3);
    await writeFile(path.join(root, 'big/pytorch_model.bin'), '');
    await truncate(path.join(root, 'big/pytorch_model.bin'), 1024 ** 3);

    const fs = createScanFs(root);
    const listing = await walk(fs.root);
    const reads: { file: string; length: number }[] = [];
    const result = await extractor.extract({
      entry: listing.entries.find((e) => e.path === 'big') as FileEntry,
      fs: spy(fs, reads),
      env: {},
      allPaths: new Set(listing.entries.map((e) => e.path)),
    });
    expect(result.packages[0]?.properties).toMatchObject({
      'model:files': '3',
      'model:bytes': String(3 * 1024 ** 3),
    });
    expect(result.warnings?.map((w) => w.message)).toEqual([
      'big/claims.safetensors: safetensors header of 536870912 bytes is larger than the 16777216-byte limit; not read',
      'big/pytorch_model.bin: named like a pytorch file but its first bytes look like all zero bytes',
      'big/zeros.safetensors: named like a safetensors file but its first bytes look like all zero bytes',
    ]);
    expect(reads.every((r) => r.length >= 0 && r.length <= 64 * 1024)).toBe(true);
  });

  it('reads the card only up to 64 KiB', async () => {
    const root = await tempTree({
      'm/model.safetensors': safetensors(1),
      'm/README.md': `---\nlicense: mit\n---\n${'x'.repeat(1024 * 1024)}`,
    });
    const fs = createScanFs(root);
    const listing = await walk(fs.root);
    const reads: { file: string; length: number }[] = [];
    const result = await extractor.extract({
      entry: listing.entries.find((e) => e.path === 'm') as FileEntry,
      fs: spy(fs, reads),
      env: {},
      allPaths: new Set(listing.entries.map((e) => e.path)),
    });
    expect(result.packages[0]?.declaredLicense).toBe('mit');
    expect(reads.filter((r) => r.file === 'm/README.md')).toEqual([
      { file: 'm/README.md', length: 64 * 1024 },
    ]);
  });
});
