import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { knowledgeOf } from '../analyzers/license/knowledge/index.js';
import { ATTRIBUTION_NOTICES } from './attribution-notices.js';

const AI = '../shared/corpora/licenses/ai';
const TEXTS: Record<string, string> = {
  'LicenseRef-llama1': 'llama-license-2023.LICENSE',
  'LicenseRef-llama2': 'llama2.LICENSE',
  'LicenseRef-llama3': 'llama3.LICENSE',
  'LicenseRef-llama3.1': 'llama3_1.LICENSE',
  'LicenseRef-llama3.2': 'llama3_2.LICENSE',
  'LicenseRef-llama3.3': 'llama3_3.LICENSE',
  'LicenseRef-llama4': 'llama4.LICENSE',
  'LicenseRef-tongyi-qianwen': 'tongyi-qianwen.LICENSE',
  'LicenseRef-tongyi-qianwen-research': 'tongyi-qianwen-research.LICENSE',
};

const flat = (s: string): string => s.replace(/\s+/g, ' ');

describe('ATTRIBUTION_NOTICES', () => {
  it.each(Object.keys(ATTRIBUTION_NOTICES))('%s is a knowledge-base licence', (id) => {
    expect(knowledgeOf(id)?.id).toBe(id);
  });

  describe.skipIf(!existsSync(AI))('each sentence is word for word in its licence text', () => {
    it.each(Object.entries(TEXTS))('%s', (id, file) => {
      const text = flat(readFileSync(`${AI}/${file}`, 'utf8'));
      expect(text).toContain(flat(ATTRIBUTION_NOTICES[id] ?? '(missing)'));
    });
  });
});
