import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { identifyAiLicense } from './index.js';

const AI_DIR = '../shared/corpora/licenses/ai';
const SPDX_DIR = '../shared/corpora/licenses/spdx-tests';
const SCANCODE_DIR = '../shared/corpora/licenses/scancode/files';

/** Corpus file → the ids it must be identified as (`high`), in file order. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {
  'bigcode-open-rail-m-v1.LICENSE': ['LicenseRef-bigcode-openrail-m'],
  'bigscience-open-rail-m.LICENSE': ['LicenseRef-bigscience-openrail-m'],
  'bigscience-rail-1.0.LICENSE': ['LicenseRef-bigscience-bloom-rail-1.0'],
  'creativeml-openrail-m.LICENSE': ['LicenseRef-creativeml-openrail-m'],
  'creativeml-openrail-plusplus-m.LICENSE': ['LicenseRef-openrail++'],
  'deepseek-model-1.0.LICENSE': ['LicenseRef-deepseek'],
  'llama-license-2023.LICENSE': ['LicenseRef-llama1'],
  'llama2.LICENSE': ['LicenseRef-llama2'],
  'llama2.USE_POLICY.md': ['LicenseRef-llama2-aup'],
  // The Llama 3 licence file carries its acceptable-use policy after the agreement.
  'llama3.LICENSE': ['LicenseRef-llama3', 'LicenseRef-llama3-aup'],
  'llama3.USE_POLICY.md': ['LicenseRef-llama3-aup'],
  'llama3_1.LICENSE': ['LicenseRef-llama3.1'],
  'llama3_1.USE_POLICY.md': ['LicenseRef-llama3.1-aup'],
  'llama3_2.LICENSE': ['LicenseRef-llama3.2'],
  'llama3_2.USE_POLICY.md': ['LicenseRef-llama3.2-aup'],
  'llama3_3.LICENSE': ['LicenseRef-llama3.3'],
  'llama3_3.USE_POLICY.md': ['LicenseRef-llama3.3-aup'],
  'llama4.LICENSE': ['LicenseRef-llama4'],
  'llama4.USE_POLICY.md': ['LicenseRef-llama4-aup'],
  'tongyi-qianwen-research.LICENSE': ['LicenseRef-tongyi-qianwen-research'],
  'tongyi-qianwen.LICENSE': ['LicenseRef-tongyi-qianwen'],
};

/** Every line break collapsed: one long line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Re-wrapped at 40 columns, breaking between words only. */
function wrap40(text: string): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line.length > 0 && line.length + 1 + word.length > 40) {
      out.push(line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(line);
  return out.join('\n');
}

/** Markdown: the first line a heading, short lines sub-headings, list items bullets, bold words. */
function markdown(text: string): string {
  let first = true;
  return text
    .split('\n')
    .map((raw) => {
      const line = raw.trim();
      if (!line) return '';
      if (first) {
        first = false;
        return `# ${line}`;
      }
      if (/^(?:\d+|[a-z]|[ivx]+)[.)]\s/.test(line)) return `- ${line.replace(/^\S+\s/, '')}`;
      if (line.length < 60) return `## ${line}`;
      return line.replace(/^(\S+)/, '**$1**');
    })
    .join('\n');
}

function hashComment(text: string): string {
  return text
    .split('\n')
    .map((l) => `# ${l}`)
    .join('\n');
}

function blockComment(text: string): string {
  return `/*\n${text
    .split('\n')
    .map((l) => ` * ${l}`)
    .join('\n')}\n */\n`;
}

function withCopyright(text: string): string {
  return `Copyright (c) 2024 Example Corp.\nCopyright 2023-2024 Jane Doe <jane@example.com>\n\n${text}`;
}

const VARIANTS: readonly [string, (t: string) => string][] = [
  ['one line', oneLine],
  ['wrapped at 40', wrap40],
  ['markdown', markdown],
  ['# comments', hashComment],
  ['/* */ block', blockComment],
  ['copyright lines', withCopyright],
];

function highIds(text: string): string[] {
  return identifyAiLicense(text)
    .filter((m) => m.confidence === 'high')
    .map((m) => m.license);
}

const corpusPresent = existsSync(AI_DIR);

describe.skipIf(!corpusPresent)('AI licence corpus (../shared/corpora/licenses/ai)', () => {
  const files = corpusPresent ? readdirSync(AI_DIR).sort() : [];

  it('has an expectation for every corpus file', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)('%s is identified high with the right id', (file) => {
    const text = readFileSync(join(AI_DIR, file), 'utf8');
    const matches = identifyAiLicense(text);
    expect(matches.map((m) => [m.license, m.confidence, m.via])).toEqual(
      (EXPECTED[file] ?? []).map((id) => [id, 'high', 'text']),
    );
    const lineCount = text.split('\n').length;
    for (const m of matches) {
      expect(m.startLine).toBeGreaterThanOrEqual(1);
      expect(m.endLine).toBeGreaterThanOrEqual(m.startLine);
      expect(m.endLine).toBeLessThanOrEqual(lineCount);
      expect(m.score).toBeGreaterThan(0.5);
      expect(m.score).toBeLessThanOrEqual(1);
    }
  });

  const cases = files.flatMap((file) => VARIANTS.map(([name, fn]) => [file, name, fn] as const));
  it.each(cases)('%s (%s) is identified high with the right id', (file, _name, variant) => {
    const text = variant(readFileSync(join(AI_DIR, file), 'utf8'));
    expect(highIds(text)).toEqual(EXPECTED[file]);
  });

  it('reports a licence followed by its policy as two matches with their line ranges', () => {
    const licence = readFileSync(join(AI_DIR, 'llama3_1.LICENSE'), 'utf8');
    const policy = readFileSync(join(AI_DIR, 'llama3_1.USE_POLICY.md'), 'utf8');
    const licenceLines = licence.split('\n').length;
    const matches = identifyAiLicense(`${licence}\n${policy}`);
    expect(matches.map((m) => m.license)).toEqual([
      'LicenseRef-llama3.1',
      'LicenseRef-llama3.1-aup',
    ]);
    expect(matches[0]?.endLine).toBeLessThanOrEqual(licenceLines);
    expect(matches[1]?.startLine).toBeGreaterThan(licenceLines);
  });

  it('reports two Llama licences one after the other as two texts', () => {
    const first = readFileSync(join(AI_DIR, 'llama3_1.LICENSE'), 'utf8');
    const second = readFileSync(join(AI_DIR, 'llama3_2.LICENSE'), 'utf8');
    const matches = identifyAiLicense(`${first}\n${second}`);
    expect(matches.map((m) => [m.license, m.confidence])).toEqual([
      ['LicenseRef-llama3.1', 'high'],
      ['LicenseRef-llama3.2', 'high'],
    ]);
  });

  it('answers medium, with the reason, when the title names 3.2 but the date is 3.1', () => {
    const text = readFileSync(join(AI_DIR, 'llama3_1.LICENSE'), 'utf8').replace(
      'LLAMA 3.1 COMMUNITY LICENSE AGREEMENT',
      'LLAMA 3.2 COMMUNITY LICENSE AGREEMENT',
    );
    const matches = identifyAiLicense(text);
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({
      license: 'LicenseRef-llama3.1',
      confidence: 'medium',
      via: 'text',
    });
    expect(matches[0]?.reason).toMatch(/names LicenseRef-llama3\.2/);
  });

  it('answers medium when the version line of a Llama text is missing', () => {
    const text = readFileSync(join(AI_DIR, 'llama4.LICENSE'), 'utf8').replace(
      /Llama 4 Version Effective Date: April 5, 2025/,
      '',
    );
    const matches = identifyAiLicense(text);
    expect(matches.map((m) => [m.license, m.confidence])).toEqual([
      ['LicenseRef-llama4', 'medium'],
    ]);
    expect(matches[0]?.reason).toMatch(/version line/);
  });

  it('does not take an OpenRAIL-M text for OpenRAIL++-M when only the title is changed', () => {
    const text = readFileSync(join(AI_DIR, 'creativeml-openrail-m.LICENSE'), 'utf8')
      .replace('CreativeML Open RAIL-M', 'CreativeML Open RAIL++-M License')
      .replace('August 22, 2022', 'November 24, 2022');
    const matches = identifyAiLicense(text);
    expect(matches.some((m) => m.confidence === 'high')).toBe(false);
  });
});

describe('notices and titles', () => {
  it.each([
    ['This model is licensed under the Llama 3.1 Community License.', 'LicenseRef-llama3.1'],
    [
      'Llama 3.2 is licensed under the Llama 3.2 Community License, Copyright © Meta.',
      'LicenseRef-llama3.2',
    ],
    [
      'Use of this model is subject to the Llama 4 Community License Agreement.',
      'LicenseRef-llama4',
    ],
    ['Released under the Meta Llama 3 Community License.', 'LicenseRef-llama3'],
    ['license: llama3.1', 'LicenseRef-llama3.1'],
    ['The weights are distributed under the Gemma Terms of Use.', 'LicenseRef-gemma'],
    [
      'Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms',
      'LicenseRef-gemma',
    ],
    [
      'This model is made available under the TII Falcon LLM License.',
      'LicenseRef-falcon-llm-license',
    ],
    ['Licensed under the Mistral AI Research License (MRL).', 'LicenseRef-mrl'],
    [
      'This model is released under the Tongyi Qianwen License Agreement.',
      'LicenseRef-tongyi-qianwen',
    ],
    [
      'Weights: licensed under the Tongyi Qianwen Research License.',
      'LicenseRef-tongyi-qianwen-research',
    ],
    [
      'The model is licensed under the CreativeML OpenRAIL-M license.',
      'LicenseRef-creativeml-openrail-m',
    ],
    ['The model is licensed under the CreativeML Open RAIL++-M License.', 'LicenseRef-openrail++'],
    [
      'Licensed under the BigCode OpenRAIL-M v1 license agreement.',
      'LicenseRef-bigcode-openrail-m',
    ],
    [
      'Licensed under the BigScience BLOOM RAIL License v1.0',
      'LicenseRef-bigscience-bloom-rail-1.0',
    ],
    ['This work is licensed under the DeepSeek License Agreement.', 'LicenseRef-deepseek'],
    [
      'This work is licensed under a Creative Commons Attribution-NonCommercial 4.0 International License.',
      'CC-BY-NC-4.0',
    ],
    [
      'Licensed under Creative Commons Attribution NonCommercial ShareAlike 4.0 International.',
      'CC-BY-NC-SA-4.0',
    ],
    [
      'Released under the Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International license',
      'CC-BY-NC-ND-4.0',
    ],
    ['License: CC BY-NC-SA 4.0', 'CC-BY-NC-SA-4.0'],
  ])('%j → %s (high, notice)', (text, id) => {
    const matches = identifyAiLicense(text);
    expect(matches.map((m) => [m.license, m.confidence, m.via])).toEqual([[id, 'high', 'notice']]);
    expect(matches[0]).toMatchObject({ startLine: 1, endLine: 1 });
  });

  it('finds a notice on its line inside a README', () => {
    const text =
      '# My model\n\nFine-tuned for chat.\n\n## License\n\nThis model is licensed under the Llama 3.3 Community License.\n';
    expect(identifyAiLicense(text)).toEqual([
      expect.objectContaining({
        license: 'LicenseRef-llama3.3',
        confidence: 'high',
        startLine: 7,
        endLine: 7,
      }),
    ]);
  });

  it.each([
    ['We compared our model with the Llama 3.1 Community License terms.', 'LicenseRef-llama3.1'],
    ['Gemma Terms of Use', 'LicenseRef-gemma'],
    ['Mistral AI Research License', 'LicenseRef-mrl'],
    ['TII Falcon LLM License', 'LicenseRef-falcon-llm-license'],
    ['Tongyi Qianwen LICENSE AGREEMENT', 'LicenseRef-tongyi-qianwen'],
  ])('a bare mention %j is only medium', (text, id) => {
    const matches = identifyAiLicense(text);
    expect(matches.map((m) => [m.license, m.confidence])).toEqual([[id, 'medium']]);
    expect(matches[0]?.reason).toBeTruthy();
  });

  it('answers medium when a notice names two Llama versions', () => {
    const matches = identifyAiLicense(
      'Licensed under the Llama 3.1 Community License or the Llama 3.2 Community License.',
    );
    expect(matches.map((m) => [m.license, m.confidence])).toEqual([
      ['LicenseRef-llama3.1', 'medium'],
      ['LicenseRef-llama3.2', 'medium'],
    ]);
  });

  it.each([
    [
      'a plain MIT text',
      'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.',
    ],
    ['a tag without a grant', 'Checkpoints: llama3.1 and llama2 converted to GGUF.'],
    ['a model name', 'We fine-tuned meta-llama/Llama-3.1-8B-Instruct on our data.'],
    ['an empty text', ''],
  ])('%s → nothing', (_name, text) => {
    expect(identifyAiLicense(text)).toEqual([]);
  });
});

describe('small texts written for the titles we recognise', () => {
  it.each([
    [
      'Gemma Terms of Use\n\nLast modified: February 21, 2024\n\nBy using, reproducing, modifying, distributing, performing or displaying any portion or element of Gemma, Model Derivatives including via any Hosted Service, (each as defined below) (collectively, the "Gemma Services") you agree to be bound by this Agreement.\n\n3.2 Use Restrictions. You must not use any of the Gemma Services for the restricted uses set forth in the Gemma Prohibited Use Policy.',
      'LicenseRef-gemma',
    ],
    [
      'TII Falcon LLM License Version 2.0\n\nThis license is made by the Technology Innovation Institute (TII). Your use is subject to the Acceptable Use Policy published at falconllm.tii.ae.',
      'LicenseRef-falcon-llm-license',
    ],
    [
      'Mistral AI Research License\n\nIf You want to use a Mistral Model for any purpose other than Research Purposes, You must request a license from Mistral AI. Mistral Models and Derivatives may be used for Research Purposes only.',
      'LicenseRef-mrl',
    ],
  ])('%#: → %s (high, text)', (text, id) => {
    expect(identifyAiLicense(text).map((m) => [m.license, m.confidence, m.via])).toEqual([
      [id, 'high', 'text'],
    ]);
  });
});

function listFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listFiles(path, out);
    else out.push(path);
  }
  return out;
}

const codeCorpora = [SPDX_DIR, SCANCODE_DIR].filter((d) => existsSync(d));

describe.skipIf(codeCorpora.length === 0)('code licence corpora: no AI licence claimed', () => {
  it('claims no high AI match on any SPDX test text or ScanCode file, and medium rarely', () => {
    const files = codeCorpora.flatMap((d) => listFiles(d));
    const high: string[] = [];
    const withMedium = new Set<string>();
    for (const file of files) {
      for (const m of identifyAiLicense(readFileSync(file, 'utf8'))) {
        if (m.confidence === 'high') high.push(`${file}: ${m.license}`);
        else withMedium.add(file);
      }
    }
    expect(files.length).toBeGreaterThan(800);
    expect(high).toEqual([]);
    // At most one file in 500 gets even a hint.
    expect(withMedium.size).toBeLessThanOrEqual(files.length / 500);
  });
});
