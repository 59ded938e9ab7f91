import { describe, expect, it } from 'vitest';
import { schemeForEcosystem } from './registry.js';

describe('schemeForEcosystem', () => {
  it.each([
    ['npm', 'semver'],
    ['Go', 'semver'],
    ['crates.io', 'semver'],
    ['PyPI', 'pep440'],
    ['PyPI:extra', 'pep440'],
    ['Maven', undefined],
    ['pypi', undefined],
    ['toString', undefined],
  ])('%s → %s', (ecosystem, name) => {
    expect(schemeForEcosystem(ecosystem)?.name).toBe(name);
  });
});
