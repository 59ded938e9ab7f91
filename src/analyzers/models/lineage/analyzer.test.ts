import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../../core/scan.js';
import type {
  Evidence,
  ModelCardEvidence,
  ProvenanceEvidence,
  ScanResult,
} from '../../../core/types.js';
import { extractors } from '../../../extractors/registry.js';
import { tempTree } from '../../../testing/extract.js';
import { startHubServer, type HubServer } from '../../../testing/hf-hub-server.js';
import { analyzer, createProvenanceAnalyzer, modelFolder } from './analyzer.js';

const COMMIT = 'c'.repeat(40);

/** The smallest valid safetensors file: an 8-byte header length and an empty JSON header. */
function safetensors(): Uint8Array {
  const header = Buffer.from('{"__metadata__":{}}  ', 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, header]);
}

const FINE_TUNE_CARD = `---
license: apache-2.0
base_model: meta-llama/Llama-3.1-8B
base_model_relation: finetune
model-index:
  - name: acme/chat-8b
    results: []
---
# Acme chat

## Uses

Customer support chat.

## Training data

Our support tickets.
`;

async function project(): Promise<{ root: string; cache: string }> {
  const root = await tempTree({
    'models/acme-chat/README.md': FINE_TUNE_CARD,
    'models/acme-chat/config.json': JSON.stringify({
      architectures: ['AcmeForCausalLM'],
      model_type: 'acme',
      auto_map: { AutoModelForCausalLM: 'modeling_acme.AcmeForCausalLM' },
    }),
    'models/acme-chat/modeling_acme.py': 'class AcmeForCausalLM: pass\n',
    'models/acme-chat/model.safetensors': safetensors(),
    'models/clean/README.md': '---\nlicense: mit\n---\n## Uses\n\nSorting.\n',
    'models/clean/model.safetensors': safetensors(),
    'models/adapter/adapter_config.json': JSON.stringify({
      peft_type: 'LORA',
      base_model_name_or_path: 'acme/chat-8b',
    }),
    'models/adapter/adapter_model.safetensors': safetensors(),
    // A quantized GGUF without a card: its header names the base (by name only).
    'models/quant/model.gguf': await readFile(
      new URL('../formats/gguf/__fixtures__/benign-llama3.gguf', import.meta.url),
    ),
    'src/app.py':
      'from transformers import AutoModel\nAutoModel.from_pretrained("org/referenced")\n',
  });
  const cacheRoot = await tempTree({
    'hub/models--meta-llama--Llama-3.1-8B/refs/main': COMMIT,
    [`hub/models--meta-llama--Llama-3.1-8B/snapshots/${COMMIT}/README.md`]:
      '---\nlicense: llama3.1\n---\n# Llama 3.1\n',
    'hub/models--org--referenced/refs/main': COMMIT,
    [`hub/models--org--referenced/snapshots/${COMMIT}/README.md`]:
      '---\nlicense: other\nbase_model: org/upstream\n---\n',
  });
  return { root, cache: path.join(cacheRoot, 'hub') };
}

function byKind<K extends Evidence['kind']>(
  result: ScanResult,
  kind: K,
): Map<string, Extract<Evidence, { kind: K }>> {
  return new Map(
    result.evidence
      .filter((e): e is Extract<Evidence, { kind: K }> => e.kind === kind)
      .map((e) => [e.componentId, e]),
  );
}

function componentId(result: ScanResult, name: string): string {
  const found = result.components.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no component ${name}`);
  return found.id;
}

const base = {
  extractors,
  tool: { name: 'openvet' as const, version: 't' },
  now: () => new Date('2026-01-01T00:00:00Z'),
};

describe('models/provenance', () => {
  let server: HubServer;
  let layout: { root: string; cache: string };
  beforeAll(async () => {
    layout = await project();
    server = await startHubServer({
      'org/upstream': { cardData: { license: 'cc-by-nc-4.0' } },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('offline: card evidence per model folder, lineage from the scan and the cache', async () => {
    const result = await scan({
      ...base,
      path: layout.root,
      analyzers: [analyzer],
      env: { HF_HUB_CACHE: layout.cache, HF_ENDPOINT: server.url },
      offline: true,
    });
    expect(server.requests).toEqual([]);
    const cards = byKind(result, 'model-card');
    const provenance = byKind(result, 'provenance');
    const chat = componentId(result, 'acme/chat-8b');
    const clean = componentId(result, 'clean');
    const adapter = componentId(result, 'adapter');
    const referenced = componentId(result, 'org/referenced');

    const chatCard = cards.get(chat) as ModelCardEvidence;
    expect(chatCard).toMatchObject({
      id: `model-card:${chat}`,
      source: 'models/provenance',
      card: 'models/acme-chat/README.md',
      location: { path: 'models/acme-chat/README.md' },
      transparency: { present: 2, expected: 9, score: 0.22 },
    });
    expect(chatCard.metadata).toMatchObject({
      license: ['apache-2.0'],
      baseModels: ['meta-llama/Llama-3.1-8B'],
      relation: 'finetune',
      architectures: ['AcmeForCausalLM'],
      autoMap: ['AutoModelForCausalLM → modeling_acme.AcmeForCausalLM'],
    });
    // Referenced only (src/app.py): described from its copy in the cache, with no location.
    expect([...cards.keys()].sort()).toEqual(
      [adapter, chat, clean, componentId(result, 'quant'), referenced].sort(),
    );
    const referencedCard = cards.get(referenced);
    expect(referencedCard?.card).toBe(
      path.join(layout.cache, `models--org--referenced/snapshots/${COMMIT}/README.md`),
    );
    expect(referencedCard?.location).toBeUndefined();
    expect(referencedCard?.metadata.license).toEqual(['other']);

    const { inheritance, ...lineage } = provenance.get(chat) ?? {};
    // Apache-2.0 on a Llama 3.1 base, judged with the model's files at hand.
    expect(inheritance?.governing).toBe('LicenseRef-llama3.1');
    expect(inheritance?.conflicts.map((c) => [c.kind, c.from])).toEqual([
      ['same-license', 'meta-llama/Llama-3.1-8B'],
    ]);
    expect(inheritance?.obligations.filter((o) => !o.met).map((o) => o.id)).toContain(
      'built-with-notice',
    );
    expect(lineage).toEqual({
      kind: 'provenance',
      id: `provenance:${chat}`,
      componentId: chat,
      source: 'models/provenance',
      confidence: 'declared',
      location: { path: 'models/acme-chat/README.md' },
      baseModels: ['meta-llama/Llama-3.1-8B'],
      relation: 'finetune',
      declaredIn: 'card',
      ancestors: [
        {
          id: 'meta-llama/Llama-3.1-8B',
          depth: 1,
          children: ['acme/chat-8b'],
          resolvedFrom: 'cache',
          resolvedAt: path.join(
            layout.cache,
            `models--meta-llama--Llama-3.1-8B/snapshots/${COMMIT}/README.md`,
          ),
          license: 'llama3.1',
          baseModels: [],
        },
      ],
      roots: ['meta-llama/Llama-3.1-8B'],
    } satisfies Omit<ProvenanceEvidence, 'inheritance'>);
    expect(provenance.get(clean)).toMatchObject({ baseModels: [] });
    expect(provenance.get(clean)?.ancestors).toBeUndefined();

    // The adapter's base is the fine-tune in the scan, whose base is in the cache.
    expect(provenance.get(adapter)).toMatchObject({
      baseModels: ['acme/chat-8b'],
      declaredIn: 'adapter-config',
      location: { path: 'models/adapter/adapter_config.json' },
    });
    expect(
      provenance.get(adapter)?.ancestors?.map((a) => [a.id, a.depth, a.resolvedFrom, a.license]),
    ).toEqual([
      ['acme/chat-8b', 1, 'scan', 'apache-2.0'],
      ['meta-llama/Llama-3.1-8B', 2, 'cache', 'llama3.1'],
    ]);

    // Referenced only: its own card comes from the cache; its base is nowhere offline.
    expect(provenance.get(referenced)).toMatchObject({
      baseModels: ['org/upstream'],
      declaredIn: 'cache',
      missing: [
        {
          id: 'org/upstream',
          reason:
            'org/upstream is not in the scan or the local Hugging Face cache (the Hub was not asked: offline)',
        },
      ],
    });
    const quant = componentId(result, 'quant');
    expect(provenance.get(quant)).toMatchObject({
      baseModels: ['Meta Llama 3 8B'],
      declaredIn: 'gguf',
      location: { path: 'models/quant/model.gguf' },
      missing: [
        {
          id: 'Meta Llama 3 8B',
          reason: '"Meta Llama 3 8B" is not a Hub model id (a local path?)',
        },
      ],
    });
    expect(cards.get(quant)?.metadata.weightMetadata[0]?.values['general.license']).toBe('llama3');
    expect(cards.get(quant)?.card).toBeUndefined();

    const status = result.plugins.find((p) => p.name === 'models/provenance');
    expect(status).toMatchObject({ status: 'ok' });
    expect(status?.reason).toBe(
      '5 model(s): 4 folder(s) read, 1 from the local cache, 4 with base models, 2 with missing links or cycles; Hub not asked (offline)',
    );
  });

  it('online: asks the Hub at $HF_ENDPOINT for what the scan and the cache lack', async () => {
    const result = await scan({
      ...base,
      path: layout.root,
      analyzers: [createProvenanceAnalyzer({ hub: {} })],
      env: { HF_HUB_CACHE: layout.cache, HF_ENDPOINT: server.url },
    });
    const provenance = byKind(result, 'provenance');
    const referenced = provenance.get(componentId(result, 'org/referenced'));
    expect(referenced?.missing).toBeUndefined();
    expect(referenced?.ancestors).toEqual([
      {
        id: 'org/upstream',
        depth: 1,
        children: ['org/referenced'],
        resolvedFrom: 'hub',
        resolvedAt: `${server.url}/org/upstream`,
        license: 'cc-by-nc-4.0',
        baseModels: [],
      },
    ]);
    // Only the link nothing local could resolve went to the Hub.
    expect(server.requests.map((r) => r.url.split('?')[0])).toEqual([
      '/api/models/org/upstream/revision/HEAD',
    ]);
  });

  it('finds the folder of a model component, and none for a referenced model', () => {
    const component = {
      id: 'x',
      kind: 'model' as const,
      ecosystem: 'huggingface' as const,
      name: 'x',
      scope: 'direct' as const,
      groups: [],
      dependsOn: [],
    };
    expect(
      modelFolder({
        ...component,
        foundBy: ['model/hub-references', 'model/model-dir'],
        locations: [
          { path: 'app.py' },
          { path: 'm/unet/config.json' },
          { path: 'm/model_index.json' },
        ],
      }),
    ).toBe('m');
    expect(
      modelFolder({
        ...component,
        foundBy: ['model/model-dir'],
        locations: [{ path: 'w/model.gguf' }],
      }),
    ).toBe('w');
    expect(
      modelFolder({
        ...component,
        foundBy: ['model/hub-references'],
        locations: [{ path: 'config.json' }],
      }),
    ).toBeUndefined();
  });
});
