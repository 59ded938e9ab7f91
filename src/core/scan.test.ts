import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../testing/extract.js';
import { InputError, UsageError } from './errors.js';
import type { Analyzer } from './analyzer.js';
import type { Extractor } from './extractor.js';
import { scan } from './scan.js';

/** A fake extractor for `*.list` files: one package per line, `!` makes the file malformed. */
const lists = {
  name: 'test/list',
  ecosystem: 'npm',
  requiresNetwork: false,
  target: 'file',
  required: (entry) => entry.base.endsWith('.list'),
  async extract({ entry, fs }) {
    const text = await fs.readText(entry.path);
    if (text.includes('!')) throw new InputError('a "!" is not allowed here', { line: 2 });
    const lines = text.split('\n').filter(Boolean);
    return {
      packages: lines.map((l, i) => ({
        ecosystem: 'npm' as const,
        name: l.split('@')[0]!,
        version: l.split('@')[1],
        line: i + 1,
        direct: true,
      })),
      root: {
        ecosystem: 'npm',
        name: path.posix.basename(path.posix.dirname(`/${entry.path}`)) || 'root-app',
        version: '1.0.0',
      },
    };
  },
} satisfies Extractor;

const online = {
  ...lists,
  name: 'test/online',
  requiresNetwork: true,
  required: (e: { base: string }) => e.base === 'online.list',
} satisfies Extractor;

const base = {
  extractors: [lists, online],
  analyzers: [],
  tool: { name: 'openvet' as const, version: 't' },
  now: () => new Date('2026-01-01T00:00:00Z'),
};

describe('scan', () => {
  it('extracts every wanted file, records a malformed one as an error, and goes on', async () => {
    const root = await tempTree({
      'a.list': 'x@1.0.0\ny@2.0.0\n',
      'sub/b.list': 'z@3.0.0\n!\n',
      'c.txt': 'ignored',
    });
    const result = await scan({ ...base, path: root });
    expect(result.components.map((c) => c.id)).toEqual(['pkg:npm/x@1.0.0', 'pkg:npm/y@2.0.0']);
    expect(result.errors).toEqual([
      { path: 'sub/b.list', plugin: 'test/list', message: 'a "!" is not allowed here', line: 2 },
    ]);
    expect(result.plugins).toEqual([
      { name: 'test/list', status: 'partial', files: 2, errors: 1 },
      { name: 'test/online', status: 'ok', files: 0, errors: 0 },
    ]);
    expect(result.stats).toEqual({ filesWalked: 3, filesSkipped: 0 });
    expect(result.startedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(result.verdict.summary).toBe(
      '2 component(s) found; 1 file problem(s) reported; no findings',
    );
  });

  it('drops plugins that need the network when offline, and says so', async () => {
    const root = await tempTree({ 'online.list': 'n@1.0.0\n' });
    const online = await scan({ ...base, path: root });
    const offline = await scan({ ...base, path: root, offline: true });
    expect(online.components.map((c) => c.foundBy)).toEqual([['test/list', 'test/online']]);
    expect(offline.components.map((c) => c.foundBy)).toEqual([['test/list']]);
    expect(offline.plugins.find((p) => p.name === 'test/online')).toEqual({
      name: 'test/online',
      status: 'skipped',
      files: 0,
      errors: 0,
      reason: 'needs the network (--offline)',
    });
  });

  it('scans a single file, and refuses one no extractor reads', async () => {
    const root = await tempTree({ 'a.list': 'x@1.0.0\n', 'b.list': 'y@1.0.0\n', 'notes.md': '#' });
    const one = await scan({ ...base, path: path.join(root, 'b.list') });
    expect(one.target.type).toBe('file');
    expect(one.components.map((c) => c.name)).toEqual(['y']);
    await expect(scan({ ...base, path: path.join(root, 'notes.md') })).rejects.toThrow(UsageError);
    await expect(scan({ ...base, path: path.join(root, 'missing') })).rejects.toThrow(
      /no such file or directory/,
    );
  });

  it('names the target after the shallowest manifest that describes a project', async () => {
    const root = await tempTree({ 'deep/er/a.list': 'x@1.0.0\n', 'top/b.list': 'y@1.0.0\n' });
    const result = await scan({ ...base, path: root });
    expect(result.target).toMatchObject({
      name: 'top',
      version: '1.0.0',
      ecosystem: 'npm',
      purl: 'pkg:npm/top@1.0.0',
    });
  });

  describe('analyzer stage', () => {
    const tagging = {
      name: 'test/tag',
      requiresNetwork: false,
      analyze({ components }) {
        return Promise.resolve({
          evidence: [],
          componentUpdates: components.map((c) => ({
            id: c.id,
            license: { detected: [], status: 'unknown' as const, reason: `seen ${c.name}` },
          })),
          errors: [{ path: 'a.list', message: 'one component could not be analysed' }],
          filesRead: 3,
        });
      },
    } satisfies Analyzer;
    const failing = {
      name: 'test/fail',
      requiresNetwork: false,
      analyze: () => Promise.reject(new Error('boom')),
    } satisfies Analyzer;
    const networked = { ...tagging, name: 'test/net', requiresNetwork: true } satisfies Analyzer;

    it('applies updates, records per-component errors and a failed analyzer, and goes on', async () => {
      const root = await tempTree({ 'a.list': 'x@1.0.0\n' });
      const result = await scan({
        ...base,
        path: root,
        analyzers: [failing, tagging, networked],
        offline: true,
      });
      expect(result.components.map((c) => c.license?.reason)).toEqual(['seen x']);
      expect(result.errors).toEqual([
        { path: '.', plugin: 'test/fail', message: 'boom' },
        { path: 'a.list', plugin: 'test/tag', message: 'one component could not be analysed' },
      ]);
      expect(
        result.plugins.filter((p) => p.name.startsWith('test/') && p.name !== 'test/list'),
      ).toEqual([
        {
          name: 'test/fail',
          status: 'failed',
          files: 0,
          errors: 1,
          reason: 'the analyzer failed; the scan went on without its evidence',
        },
        {
          name: 'test/net',
          status: 'skipped',
          files: 0,
          errors: 0,
          reason: 'needs the network (--offline)',
        },
        {
          name: 'test/online',
          status: 'skipped',
          files: 0,
          errors: 0,
          reason: 'needs the network (--offline)',
        },
        { name: 'test/tag', status: 'partial', files: 3, errors: 1 },
      ]);
    });
  });
});
