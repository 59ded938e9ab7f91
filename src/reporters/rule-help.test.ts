import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES as POLICY_RULES } from '../policy/evaluate.js';
import { RULES, ruleHelp } from './rule-help.js';

describe('rule help', () => {
  it.each(Object.keys(POLICY_RULES))('%s has its own entry and reference page', (id) => {
    expect(RULES.map((r) => r.id)).toContain(id);
    expect(ruleHelp(id).short).not.toBe(`Policy rule ${id}.`);
    expect(existsSync(`docs/rules/${id}.md`)).toBe(true);
  });

  it('gives a neutral entry for an id it does not know', () => {
    expect(ruleHelp('future.rule')).toMatchObject({
      name: 'FutureRule',
      short: 'Policy rule future.rule.',
    });
  });
});
