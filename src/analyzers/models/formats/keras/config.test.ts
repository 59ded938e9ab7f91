import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../types.js';
import { checkKerasConfig } from './config.js';

const dense = {
  module: 'keras.layers',
  class_name: 'Dense',
  config: { name: 'd', units: 2 },
  registered_name: null,
};
const model = (...layers: unknown[]) => ({
  module: 'keras.src.models.functional',
  class_name: 'Functional',
  config: { name: 'm', layers },
  registered_name: 'Functional',
});

describe('checkKerasConfig', () => {
  it.each([
    ['built-in layers', model(dense), 'safe', []],
    [
      'KerasHub object',
      model({
        module: 'keras_hub.src.models.gemma',
        class_name: 'GemmaBackbone',
        config: {},
        registered_name: 'keras_hub>GemmaBackbone',
      }),
      'safe',
      [],
    ],
    [
      'tf_keras module',
      model({ module: 'tf_keras.layers', class_name: 'Dense', config: {} }),
      'safe',
      [],
    ],
    [
      'Keras 2 config without modules',
      {
        class_name: 'Sequential',
        config: { layers: [{ class_name: 'Dense', config: { units: 1 } }] },
      },
      'safe',
      [],
    ],
    [
      'Keras 3 lambda',
      model({
        module: 'keras.layers',
        class_name: 'Lambda',
        config: { name: 'l', function: { class_name: '__lambda__', config: { code: '4wEAAAAA' } } },
      }),
      'unsafe',
      ['keras.lambda-layer'],
    ],
    [
      'Keras 2 lambda',
      {
        class_name: 'Model',
        config: {
          layers: [
            {
              class_name: 'Lambda',
              config: { name: 'l', function: ['4wEAAAAA', null, null], function_type: 'lambda' },
            },
          ],
        },
      },
      'unsafe',
      ['keras.lambda-layer'],
    ],
    [
      'lambda by function name',
      model({
        class_name: 'Lambda',
        config: { name: 'l', function: 'my_fn', function_type: 'function' },
      }),
      'suspicious',
      ['keras.lambda-layer'],
    ],
    [
      'lambda hidden in an activation',
      model({
        ...dense,
        config: { name: 'd', activation: { class_name: '__lambda__', config: { code: 'x' } } },
      }),
      'unsafe',
      ['keras.lambda-function'],
    ],
    [
      'function_type lambda elsewhere',
      model({
        ...dense,
        config: { name: 'd', loss: { function: 'AAAA', function_type: 'lambda' } },
      }),
      'unsafe',
      ['keras.lambda-function'],
    ],
    [
      'module injection (CVE-2025-1550)',
      model({ module: 'os', class_name: 'system', config: 'echo pwned' }),
      'unsafe',
      ['keras.dangerous-module'],
    ],
    [
      'builtins function',
      model({
        module: 'builtins',
        class_name: 'function',
        config: 'exec',
        registered_name: 'function',
      }),
      'unsafe',
      ['keras.dangerous-module'],
    ],
    [
      'custom package module',
      model({ module: 'my_company.layers', class_name: 'Scale', config: {} }),
      'suspicious',
      ['keras.custom-object'],
    ],
    [
      'registered custom object',
      model({ module: null, class_name: 'Scale', config: {}, registered_name: 'EvilPkg>Scale' }),
      'suspicious',
      ['keras.custom-object'],
    ],
    [
      'TFOpLambda writing a file',
      {
        class_name: 'Functional',
        config: {
          layers: [{ class_name: 'TFOpLambda', config: { name: 'w', function: 'io.write_file' } }],
        },
      },
      'unsafe',
      ['keras.tf-op-layer'],
    ],
    [
      'TFOpLambda math',
      {
        class_name: 'Functional',
        config: {
          layers: [{ class_name: 'TFOpLambda', config: { name: 'a', function: 'math.add' } }],
        },
      },
      'safe',
      [],
    ],
  ])('%s → %s', (_label, config, verdict, rules) => {
    const { findings } = checkKerasConfig(config, 'config.json');
    expect(verdictOf(findings)).toBe(verdict);
    expect(findings.map((f) => f.rule)).toEqual(rules);
  });

  it('names the layer path in the detail and reports the model class', () => {
    const check = checkKerasConfig(
      model(dense, {
        module: 'keras.layers',
        class_name: 'Lambda',
        config: { name: 'payload', function: ['AAAA'] },
      }),
      'config.json',
    );
    expect(check.findings[0]?.detail).toBe('config.json /Functional:m/Lambda:payload');
    expect(check.modelClass).toBe('Functional');
    expect(check.objectCount).toBe(3);
  });

  it('bounds depth', () => {
    let deep: unknown = { class_name: 'Lambda', config: { function: ['AAAA'] } };
    for (let i = 0; i < 150; i++) deep = [deep];
    const { findings } = checkKerasConfig(deep, 'config.json');
    expect(findings.map((f) => f.rule)).toEqual(['keras.config-too-deep']);
    expect(verdictOf(findings)).toBe('error');
  });
});
