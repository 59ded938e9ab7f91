import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import type { FileEntry } from '../../../core/extractor.js';
import { runExtractor, tempTree } from '../../../testing/extract.js';
import { extractor, referencesInSource } from './index.js';

type Ref = ReturnType<typeof referencesInSource>[number];
const SHA = '0e9e39f249a16976918f6564b8830bc894c89659';

describe('model/hub-references in Python', () => {
  it.each<[string, string, Ref[]]>([
    [
      'from_pretrained',
      'm = AutoModel.from_pretrained("org/name")',
      [{ id: 'org/name', type: 'model', line: 1 }],
    ],
    [
      'from_pretrained with a commit revision, over lines',
      `model = AutoModelForCausalLM.from_pretrained(\n    "meta-llama/Llama-3.1-8B-Instruct",\n    revision="${SHA}",\n)`,
      [{ id: 'meta-llama/Llama-3.1-8B-Instruct', type: 'model', revision: SHA, line: 2 }],
    ],
    [
      'from_pretrained, branch revision',
      "t = AutoTokenizer.from_pretrained('org/name', revision='v2.0', trust_remote_code=True)",
      [{ id: 'org/name', type: 'model', revision: 'v2.0', line: 1 }],
    ],
    [
      'from_pretrained by keyword',
      'X.from_pretrained(pretrained_model_name_or_path="org/name")',
      [{ id: 'org/name', type: 'model', line: 1 }],
    ],
    [
      'from_pretrained canonical bare id',
      'GPT2LMHeadModel.from_pretrained("gpt2")',
      [{ id: 'gpt2', type: 'model', line: 1 }],
    ],
    [
      'from_pretrained canonical bare id 2',
      'BertModel.from_pretrained("bert-base-uncased")',
      [{ id: 'bert-base-uncased', type: 'model', line: 1 }],
    ],
    [
      'from_pretrained non-canonical bare word (an output folder)',
      'AutoModel.from_pretrained("my_model")',
      [],
    ],
    [
      'diffusers',
      'pipe = StableDiffusionPipeline.from_pretrained("stabilityai/stable-diffusion-2-1", torch_dtype=torch.float16)',
      [{ id: 'stabilityai/stable-diffusion-2-1', type: 'model', line: 1 }],
    ],
    [
      'peft adapter is the second argument',
      'model = PeftModel.from_pretrained(base, "org/lora-adapter")',
      [{ id: 'org/lora-adapter', type: 'model', line: 1 }],
    ],
    [
      'peft by keyword',
      'PeftModel.from_pretrained(base, model_id="org/lora")',
      [{ id: 'org/lora', type: 'model', line: 1 }],
    ],
    [
      'pipeline model=',
      'clf = pipeline("sentiment-analysis", model="distilbert/distilbert-base-uncased-finetuned-sst-2-english")',
      [
        {
          id: 'distilbert/distilbert-base-uncased-finetuned-sst-2-english',
          type: 'model',
          line: 1,
        },
      ],
    ],
    [
      'pipeline(model=) only',
      'p = pipeline(model="org/name")',
      [{ id: 'org/name', type: 'model', line: 1 }],
    ],
    [
      'pipeline positional model',
      'p = pipeline("text-generation", "org/name")',
      [{ id: 'org/name', type: 'model', line: 1 }],
    ],
    [
      'pipeline canonical model=',
      'p = pipeline("text-generation", model="gpt2")',
      [{ id: 'gpt2', type: 'model', line: 1 }],
    ],
    ['pipeline task only', 'p = pipeline("sentiment-analysis")', []],
    [
      'pipeline with a local path',
      'p = pipeline("text-classification", model="./models/support-classifier")',
      [],
    ],
    [
      'hf_hub_download repo_id=',
      'hf_hub_download(repo_id="TheBloke/Llama-2-7B-GGUF", filename="llama-2-7b.Q4_K_M.gguf")',
      [{ id: 'TheBloke/Llama-2-7B-GGUF', type: 'model', line: 1 }],
    ],
    [
      'hf_hub_download positional',
      'path = hf_hub_download("org/name", "config.json")',
      [{ id: 'org/name', type: 'model', line: 1 }],
    ],
    [
      'hf_hub_download dataset',
      'hf_hub_download(repo_id="acme/tickets", filename="train.csv", repo_type="dataset")',
      [{ id: 'acme/tickets', type: 'dataset', line: 1 }],
    ],
    [
      'hf_hub_download space (not inventory)',
      'hf_hub_download(repo_id="acme/demo", filename="app.py", repo_type="space")',
      [],
    ],
    ['hf_hub_download bare id', 'hf_hub_download("gpt2", "config.json")', []],
    [
      'snapshot_download',
      `snapshot_download("org/name", revision="${SHA}")`,
      [{ id: 'org/name', type: 'model', revision: SHA, line: 1 }],
    ],
    [
      'snapshot_download repo_id=',
      'snapshot_download(repo_id="org/name", allow_patterns=["*.json"])',
      [{ id: 'org/name', type: 'model', line: 1 }],
    ],
    [
      'SentenceTransformer namespaced',
      'SentenceTransformer("BAAI/bge-small-en-v1.5")',
      [{ id: 'BAAI/bge-small-en-v1.5', type: 'model', line: 1 }],
    ],
    [
      'SentenceTransformer bare name gets its org',
      "SentenceTransformer('all-MiniLM-L6-v2')",
      [{ id: 'sentence-transformers/all-MiniLM-L6-v2', type: 'model', line: 1 }],
    ],
    [
      'SentenceTransformer canonical',
      "SentenceTransformer('bert-base-uncased')",
      [{ id: 'bert-base-uncased', type: 'model', line: 1 }],
    ],
    [
      'CrossEncoder',
      'CrossEncoder("cross-encoder/ms-marco-MiniLM-L-6-v2")',
      [{ id: 'cross-encoder/ms-marco-MiniLM-L-6-v2', type: 'model', line: 1 }],
    ],
    [
      'InferenceClient',
      'client = InferenceClient("meta-llama/Llama-3.1-8B-Instruct")',
      [{ id: 'meta-llama/Llama-3.1-8B-Instruct', type: 'model', line: 1 }],
    ],
    [
      'Inference API model= in a client method',
      'from huggingface_hub import InferenceClient\nc = InferenceClient()\nc.text_generation("hi", model="mistralai/Mistral-7B-Instruct-v0.3")',
      [{ id: 'mistralai/Mistral-7B-Instruct-v0.3', type: 'model', line: 3 }],
    ],
    ['model= outside an Inference API file', 'openai.chat(model="openai/gpt-4o")', []],
    ['variable', 'name = "org/name"\nAutoModel.from_pretrained(name)', []],
    ['f-string', 'AutoModel.from_pretrained(f"{org}/name")', []],
    ['f-string without placeholders', 'AutoModel.from_pretrained(f"org/name")', []],
    ['bytes', 'AutoModel.from_pretrained(b"org/name")', []],
    ['concatenation', 'AutoModel.from_pretrained("org/" + name)', []],
    ['implicit concatenation', 'AutoModel.from_pretrained("org/" "name")', []],
    ['absolute path', 'AutoModel.from_pretrained("/models/llama")', []],
    ['home path', 'AutoModel.from_pretrained("~/models/llama")', []],
    ['parent path', 'AutoModel.from_pretrained("../checkpoints/best")', []],
    ['a weight file path', 'AutoModel.from_pretrained("checkpoints/model.safetensors")', []],
    ['a URL', 'AutoModel.from_pretrained("https://huggingface.co/org/name")', []],
    ['in a comment', '# AutoModel.from_pretrained("org/name")\nx = 1', []],
    [
      'in a docstring',
      'def f():\n    """Example:\n    >>> AutoModel.from_pretrained("org/name")\n    """',
      [],
    ],
    ['in another string', 'doc = "use AutoModel.from_pretrained(\'org/name\')"', []],
    ['a definition with a default', 'def pipeline(task, model="org/name"):\n    pass', []],
    ['a lookalike function', 'make_pipeline("org/name", model="org/other")', []],
    [
      'bad ids',
      'AutoModel.from_pretrained("org//name"); AutoModel.from_pretrained("org/na--me"); AutoModel.from_pretrained("-org/name")',
      [],
    ],
    [
      'several on one line, lines counted after a triple-quoted string',
      'x = """\n\n"""\na = A.from_pretrained("o/a"); b = B.from_pretrained("o/b")',
      [
        { id: 'o/a', type: 'model', line: 4 },
        { id: 'o/b', type: 'model', line: 4 },
      ],
    ],
  ])('%s', (_case, code, expected) => {
    expect(referencesInSource(code, 'python')).toEqual(expected);
  });
});

describe('model/hub-references in JavaScript/TypeScript', () => {
  it.each<[string, string, Ref[]]>([
    [
      'transformers.js pipeline',
      "const p = await pipeline('sentiment-analysis', 'Xenova/distilbert-base-uncased-finetuned-sst-2-english');",
      [{ id: 'Xenova/distilbert-base-uncased-finetuned-sst-2-english', type: 'model', line: 1 }],
    ],
    [
      'transformers.js pipeline with revision option',
      "await pipeline('feature-extraction', \"Xenova/all-MiniLM-L6-v2\", { revision: 'main', quantized: true })",
      [{ id: 'Xenova/all-MiniLM-L6-v2', type: 'model', revision: 'main', line: 1 }],
    ],
    [
      'AutoModel.from_pretrained',
      "const m = await AutoModel.from_pretrained('Xenova/bert-base-uncased');",
      [{ id: 'Xenova/bert-base-uncased', type: 'model', line: 1 }],
    ],
    [
      'template literal without ${}',
      'await AutoTokenizer.from_pretrained(`Xenova/gpt2`)',
      [{ id: 'Xenova/gpt2', type: 'model', line: 1 }],
    ],
    ['template literal with ${}', 'await AutoTokenizer.from_pretrained(`Xenova/${name}`)', []],
    [
      'nested template does not derail the lexer',
      "const s = `a ${`b ${c}`} d`;\nawait pipeline('x', 'org/after')",
      [{ id: 'org/after', type: 'model', line: 2 }],
    ],
    [
      'regex literal with a quote does not derail the lexer',
      "const r = /'/g;\nawait pipeline('x', 'org/after')",
      [{ id: 'org/after', type: 'model', line: 2 }],
    ],
    [
      'division is not a regex',
      "const half = a / 2; const q = b / c;\nawait pipeline('x', 'org/after')",
      [{ id: 'org/after', type: 'model', line: 2 }],
    ],
    ['line comment', "// await pipeline('x', 'org/name')", []],
    ['block comment', "/* await pipeline('x',\n 'org/name') */", []],
    [
      'JSDoc example',
      "/**\n * @example\n * const m = await AutoModel.from_pretrained('org/name');\n */\nexport function f() {}",
      [],
    ],
    ['variable', "const id = 'org/name';\nawait pipeline('x', id)", []],
    ['node stream pipeline', 'await pipeline(source, transform, destination)', []],
    ['pipeline bare second word without a task literal', "await pipeline(task, 'gpt2')", []],
    ['function declaration', "function pipeline(task, model = 'org/name') {}", []],
    [
      '@huggingface/inference model option',
      "import { HfInference } from '@huggingface/inference';\nconst hf = new HfInference(token);\nawait hf.textGeneration({ model: 'mistralai/Mistral-7B-Instruct-v0.3', inputs: text });",
      [{ id: 'mistralai/Mistral-7B-Instruct-v0.3', type: 'model', line: 3 }],
    ],
    [
      'model: outside an Inference API file (OpenRouter ids look alike)',
      "await openai.chat.completions.create({ model: 'openai/gpt-4o' })",
      [],
    ],
  ])('%s', (_case, code, expected) => {
    expect(referencesInSource(code, 'js')).toEqual(expected);
  });
});

describe('model/hub-references on hostile input', () => {
  // Each of these took minutes with a naive per-call scan; reading calls must stay linear.
  it.each<[string, string, 'python' | 'js']>([
    ['thousands of unclosed calls', 'from_pretrained('.repeat(60_000), 'python'],
    [
      'deeply nested closed calls',
      `${'pipeline('.repeat(2_000)}${')'.repeat(2_000)}`.repeat(50),
      'js',
    ],
    ['one unclosed string', `AutoModel.from_pretrained("${'a'.repeat(1_000_000)}`, 'python'],
    ['nested template literals', '`${'.repeat(100_000), 'js'],
    ['a long run before a receiver', `${'x'.repeat(1_000_000)}.from_pretrained("org/name")`, 'js'],
  ])('%s', (_case, code, language) => {
    const started = Date.now();
    referencesInSource(code, language);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('model/hub-references required', () => {
  it.each<[string, number, boolean]>([
    ['app.py', 100, true],
    ['src/index.ts', 100, true],
    ['src/ui.tsx', 100, true],
    ['lib/x.mjs', 100, true],
    ['lib/x.cjs', 100, true],
    ['lib/x.jsx', 100, true],
    ['lib/x.mts', 100, true],
    ['notebooks/explore.ipynb', 5 * 1024 * 1024, true],
    ['big.py', 2 * 1024 * 1024 + 1, false],
    ['dist/bundle.min.js', 100, false],
    ['types/index.d.ts', 100, false],
    ['node_modules/@huggingface/transformers/src/models.js', 100, false],
    ['.venv/lib/python3.12/site-packages/transformers/modeling_utils.py', 100, false],
    ['README.md', 100, false],
    ['requirements.txt', 100, false],
  ])('%s (%d bytes) → %s', (file, size, expected) => {
    const entry: FileEntry = { path: file, base: path.posix.basename(file), size };
    expect(extractor.required(entry)).toBe(expected);
  });
});

describe('model/hub-references extract', () => {
  it('reports records with lines, hub source and revision properties', async () => {
    const root = await tempTree({
      'worker/app.py': [
        'from transformers import AutoModel, AutoTokenizer',
        'tok = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct", revision="main")',
        `model = AutoModel.from_pretrained("meta-llama/Llama-3.1-8B-Instruct", revision="${SHA}")`,
        'local = AutoModel.from_pretrained("models/support-classifier")',
        '',
      ].join('\n'),
      'models/support-classifier/config.json': '{}',
    });
    expect(await runExtractor(extractor, root, 'worker/app.py')).toEqual({
      packages: [
        {
          kind: 'model',
          ecosystem: 'huggingface',
          name: 'meta-llama/Llama-3.1-8B-Instruct',
          direct: true,
          line: 2,
          source: { type: 'hub', url: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct' },
          properties: { 'hf:revision': 'main' },
        },
        {
          kind: 'model',
          ecosystem: 'huggingface',
          name: 'meta-llama/Llama-3.1-8B-Instruct',
          version: SHA,
          direct: true,
          line: 3,
          source: { type: 'hub', url: 'https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct' },
        },
      ],
    });
  });

  it('treats a relative path that exists beside the file as local', async () => {
    const root = await tempTree({
      'svc/run.py': 'AutoModel.from_pretrained("weights/final")\n',
      'svc/weights/final/config.json': '{}',
    });
    expect((await runExtractor(extractor, root, 'svc/run.py')).packages).toEqual([]);
  });

  it('puts references in test code in the test group', async () => {
    const root = await tempTree({
      'tests/test_model.py': 'AutoModel.from_pretrained("hf-internal-testing/tiny-random-bert")\n',
    });
    const [record] = (await runExtractor(extractor, root, 'tests/test_model.py')).packages;
    expect(record).toMatchObject({
      name: 'hf-internal-testing/tiny-random-bert',
      groups: ['test'],
      line: 1,
    });
  });

  it('scans notebook code cells only, with lines of the notebook file', async () => {
    const notebook = {
      cells: [
        {
          cell_type: 'markdown',
          metadata: {},
          source: ['Load `AutoModel.from_pretrained("org/in-markdown")`\n'],
        },
        {
          cell_type: 'code',
          execution_count: 1,
          metadata: {},
          outputs: [
            {
              output_type: 'stream',
              name: 'stdout',
              text: ['AutoModel.from_pretrained("org/in-output")\n'],
            },
          ],
          source: [
            'from transformers import pipeline\n',
            '# pipeline("x", model="org/commented")\n',
            'clf = pipeline(\n',
            '    "text-classification",\n',
            '    model="org/first",\n',
            ')',
          ],
        },
        {
          cell_type: 'code',
          execution_count: 2,
          metadata: {},
          outputs: [],
          source: 'emb = SentenceTransformer("all-mpnet-base-v2")',
        },
        {
          cell_type: 'code',
          execution_count: 3,
          metadata: {},
          outputs: [],
          source: ['broken = "unclosed\n', 'AutoModel.from_pretrained("org/after-broken-cell")'],
        },
      ],
      metadata: { kernelspec: { language: 'python', name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    const text = JSON.stringify(notebook, null, 1);
    const root = await tempTree({ 'explore.ipynb': text });
    const lineOf = (needle: string): number =>
      text.slice(0, text.indexOf(needle)).split('\n').length;
    const result = await runExtractor(extractor, root, 'explore.ipynb');
    expect(result.packages.map((p) => [p.name, p.line])).toEqual([
      ['org/first', lineOf('model=\\"org/first')],
      ['sentence-transformers/all-mpnet-base-v2', lineOf('emb = ')],
      ['org/after-broken-cell', lineOf('org/after-broken-cell')],
    ]);
  });

  it('rejects a notebook that is not a JSON object', async () => {
    const root = await tempTree({ 'x.ipynb': '[1, 2' });
    await expect(runExtractor(extractor, root, 'x.ipynb')).rejects.toThrow(InputError);
  });
});

describe('model/hub-references local cache', () => {
  const CACHED = '9'.repeat(40);
  const V2 = '8'.repeat(40);

  async function cacheWith(dir: string): Promise<void> {
    await mkdir(path.join(dir, 'models--org--cached', 'refs'), { recursive: true });
    await writeFile(path.join(dir, 'models--org--cached', 'refs', 'main'), `${CACHED}\n`);
    await writeFile(path.join(dir, 'models--org--cached', 'refs', 'v2'), V2);
    await mkdir(path.join(dir, 'datasets--org--data', 'refs'), { recursive: true });
    await writeFile(path.join(dir, 'datasets--org--data', 'refs', 'main'), CACHED);
  }

  const code = [
    'AutoModel.from_pretrained("org/cached")',
    'AutoModel.from_pretrained("org/cached", revision="v2")',
    `AutoModel.from_pretrained("org/cached", revision="${SHA}")`,
    'AutoModel.from_pretrained("org/not-cached")',
    'snapshot_download("org/data", repo_type="dataset")',
    '',
  ].join('\n');

  const expected = [
    { name: 'org/cached', version: CACHED, properties: { 'hf:cache': 'true' } },
    { name: 'org/cached', version: V2, properties: { 'hf:revision': 'v2', 'hf:cache': 'true' } },
    { name: 'org/cached', version: SHA },
    { name: 'org/not-cached' },
    {
      kind: 'dataset',
      name: 'org/data',
      version: CACHED,
      properties: { 'hf:cache': 'true' },
      source: { type: 'hub', url: 'https://huggingface.co/datasets/org/data' },
    },
  ];

  it.each<[string, (home: string) => Record<string, string>, string]>([
    ['HF_HUB_CACHE', (home) => ({ HF_HUB_CACHE: path.join(home, 'somewhere') }), 'somewhere'],
    ['HF_HOME', (home) => ({ HF_HOME: path.join(home, 'hf') }), 'hf/hub'],
    ['HOME default', (home) => ({ HOME: home }), '.cache/huggingface/hub'],
  ])('finds cached commits through %s', async (_case, env, cacheRel) => {
    const home = await tempTree({});
    await cacheWith(path.join(home, cacheRel));
    const root = await tempTree({ 'app.py': code });
    const result = await runExtractor(extractor, root, 'app.py', env(home));
    expect(
      result.packages.map((p) => ({
        ...(p.kind === 'dataset' ? { kind: p.kind } : {}),
        name: p.name,
        ...(p.version ? { version: p.version } : {}),
        ...(p.properties ? { properties: p.properties } : {}),
        ...(p.kind === 'dataset' ? { source: p.source } : {}),
      })),
    ).toEqual(expected);
  });

  it('tolerates a missing cache', async () => {
    const root = await tempTree({ 'app.py': code });
    const result = await runExtractor(extractor, root, 'app.py', {
      HF_HUB_CACHE: '/nonexistent/openvet-cache',
    });
    expect(result.packages.every((p) => p.properties?.['hf:cache'] === undefined)).toBe(true);
  });
});
