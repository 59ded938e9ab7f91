import { describe, expect, it } from 'vitest';
import { localSource } from './sources.js';

describe('localSource', () => {
  it.each([
    ['./pkgs/a', false, { type: 'directory', url: './pkgs/a' }],
    ['./pkgs/a', true, { type: 'editable', url: './pkgs/a' }],
    ['dist/a-1.0-py3-none-any.whl', false, { type: 'file', url: 'dist/a-1.0-py3-none-any.whl' }],
    ['dist/a-1.0.TAR.GZ', false, { type: 'file', url: 'dist/a-1.0.TAR.GZ' }],
    ['dist/a-1.0.tar.gz', true, { type: 'editable', url: 'dist/a-1.0.tar.gz' }],
    ['a.tar.gz.d', false, { type: 'directory', url: 'a.tar.gz.d' }],
  ])('%s (editable: %s)', (path, editable, expected) => {
    expect(localSource(path, editable)).toEqual(expected);
  });
});
