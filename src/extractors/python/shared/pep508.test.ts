import { describe, expect, it } from 'vitest';
import { parseRequirementName } from './pep508.js';

describe('parseRequirementName', () => {
  it.each([
    ['requests', { name: 'requests', extras: [] }],
    ['requests>=2.31', { name: 'requests', extras: [] }],
    [
      'requests[socks, security] >=2; python_version >= "3.8"',
      { name: 'requests', extras: ['socks', 'security'] },
    ],
    ['win-inet-pton; platform_system == "Windows"', { name: 'win-inet-pton', extras: [] }],
    ['zope.interface==6.0', { name: 'zope.interface', extras: [] }],
    ['foo @ git+https://example.com/foo.git@abc', { name: 'foo', extras: [] }],
    ['  Django_Rest  ', { name: 'Django_Rest', extras: [] }],
    ['-e file:///${PROJECT_ROOT}/libs/bar#egg=bar', { name: 'bar', extras: [] }],
    ['-e ./libs/bar', undefined],
    ['https://example.com/foo.whl', undefined],
    ['./local/path', undefined],
    ['', undefined],
  ])('%j', (spec, expected) => {
    expect(parseRequirementName(spec)).toEqual(expected);
  });
});
