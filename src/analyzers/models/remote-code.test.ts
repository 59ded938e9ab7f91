import { describe, expect, it } from 'vitest';
import { createScanFs } from '../../core/fs.js';
import type { Component } from '../../core/types.js';
import { tempTree } from '../../testing/extract.js';
import { modelCodeOf, modelFolderOf, readAutoMap } from './remote-code.js';

function model(locations: string[]): Component {
  return {
    id: 'huggingface:m?local=models/m',
    kind: 'model',
    ecosystem: 'huggingface',
    name: 'm',
    scope: 'direct',
    groups: [],
    locations: locations.map((path) => ({ path })),
    foundBy: ['model/model-dir'],
    dependsOn: [],
  };
}

describe('readAutoMap', () => {
  it.each([
    [{ auto_map: { AutoModel: 'modeling_x.XModel' } }, ['AutoModel → modeling_x.XModel'], []],
    [
      { auto_map: { AutoTokenizer: ['tokenization_x.XTok', null] } },
      ['AutoTokenizer → tokenization_x.XTok'],
      [],
    ],
    [
      { auto_map: { AutoConfig: 'org/repo--configuration_x.XConfig' } },
      ['AutoConfig → org/repo--configuration_x.XConfig'],
      ['org/repo'],
    ],
    [{ auto_map: 'modeling_x.XModel' }, [], []],
    [{ architectures: ['BertModel'] }, [], []],
    [null, [], []],
  ])('%j', (config, entries, repos) => {
    expect(readAutoMap(config)).toEqual({ entries, repos });
  });
});

describe('modelCodeOf', () => {
  it('lists the auto_map of every config and the Python files of the model folder', async () => {
    const root = await tempTree({
      'models/m/config.json': JSON.stringify({
        architectures: ['XModel'],
        auto_map: { AutoConfig: 'configuration_x.XConfig', AutoModel: 'modeling_x.XModel' },
      }),
      'models/m/tokenizer_config.json': JSON.stringify({
        auto_map: { AutoTokenizer: ['other/repo--tokenization_x.XTok', null] },
      }),
      'models/m/modeling_x.py': 'class XModel: pass\n',
      'models/m/configuration_x.py': 'class XConfig: pass\n',
      'models/m/model.safetensors': '',
      'models/other/helper.py': '',
    });
    const paths = new Set([
      'models/m',
      'models/m/config.json',
      'models/m/tokenizer_config.json',
      'models/m/modeling_x.py',
      'models/m/configuration_x.py',
      'models/m/model.safetensors',
      'models/other/helper.py',
    ]);
    const component = model(['models/m', 'models/m/config.json', 'models/m/model.safetensors']);
    const ev = await modelCodeOf(component, createScanFs(root), paths);
    expect(ev).toEqual({
      kind: 'model-code',
      id: 'model-code:huggingface:m?local=models/m',
      componentId: 'huggingface:m?local=models/m',
      source: 'models',
      confidence: 'high',
      location: { path: 'models/m' },
      files: ['models/m/configuration_x.py', 'models/m/modeling_x.py'],
      autoMap: [
        'config.json: AutoConfig → configuration_x.XConfig',
        'config.json: AutoModel → modeling_x.XModel',
        'tokenizer_config.json: AutoTokenizer → other/repo--tokenization_x.XTok',
      ],
      externalRepos: ['other/repo'],
    });
  });

  it('finds nothing for a model without code, or without a folder', async () => {
    const root = await tempTree({
      'models/m/config.json': '{"architectures": ["BertModel"]}',
      'models/m/model.safetensors': '',
    });
    const paths = new Set(['models/m', 'models/m/config.json', 'models/m/model.safetensors']);
    const fs = createScanFs(root);
    expect(await modelCodeOf(model(['models/m', 'models/m/config.json']), fs, paths)).toBe(
      undefined,
    );
    expect(modelFolderOf(model(['app.py']))).toBe(undefined);
  });

  it('ignores a malformed config (the extractor reports it)', async () => {
    const root = await tempTree({ 'models/m/config.json': '{ nope', 'models/m/x.py': '' });
    const paths = new Set(['models/m', 'models/m/config.json', 'models/m/x.py']);
    const ev = await modelCodeOf(
      model(['models/m', 'models/m/config.json']),
      createScanFs(root),
      paths,
    );
    expect(ev?.files).toEqual(['models/m/x.py']);
    expect(ev?.autoMap).toEqual([]);
  });
});
