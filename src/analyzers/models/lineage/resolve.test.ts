import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempTree } from '../../../testing/extract.js';
import { startHubServer, type HubServer } from '../../../testing/hf-hub-server.js';
import { createHubCardSource } from './hub-client.js';
import {
  createCardResolver,
  findCycles,
  normaliseBaseId,
  resolveLineage,
  type CardResolver,
  type LineageCard,
  type Resolution,
} from './resolve.js';

const C1 = '1'.repeat(40);
const C2 = '2'.repeat(40);

function card(baseModels: string[], license: string[] = []): LineageCard {
  return { license, baseModels };
}

/** A resolver over a fixed table (ids absent from it are missing). */
function tableResolver(table: Record<string, LineageCard>): CardResolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolve(id): Promise<Resolution> {
      asked.push(id);
      const found = table[id];
      return Promise.resolve(
        found === undefined
          ? { found: false, reason: `${id}: unknown` }
          : { found: true, from: 'scan', at: `${id}/README.md`, card: found },
      );
    },
  };
}

describe('resolveLineage', () => {
  it('walks a 3-model chain breadth-first and reports a cycle and a missing link', async () => {
    const resolver = tableResolver({
      'org/a': card(['org/b'], ['apache-2.0']),
      'org/b': card(['org/c', 'org/missing'], ['llama3.1']),
      'org/c': card(['org/a'], ['llama3.1']),
    });
    const lineage = await resolveLineage('acme/chat', ['org/a'], resolver);
    expect(lineage.ancestors.map((a) => [a.id, a.depth, a.children, a.resolvedFrom])).toEqual([
      ['org/a', 1, ['acme/chat'], 'scan'],
      ['org/b', 2, ['org/a'], 'scan'],
      ['org/c', 3, ['org/b'], 'scan'],
      ['org/missing', 3, ['org/b'], 'unresolved'],
    ]);
    expect(lineage.ancestors[1]).toMatchObject({
      license: 'llama3.1',
      baseModels: ['org/c', 'org/missing'],
    });
    expect(lineage.cycles).toEqual([['org/a', 'org/b', 'org/c']]);
    expect(lineage.missing).toEqual([{ id: 'org/missing', reason: 'org/missing: unknown' }]);
    expect(lineage.roots).toEqual([]);
    expect(lineage.truncated).toBe(false);
    // Each id resolved once, although org/a is reached twice.
    expect(resolver.asked).toEqual(['org/a', 'org/b', 'org/c', 'org/missing']);
  });

  it('reports a model that names itself (or its descendant) as base as a cycle', async () => {
    const lineage = await resolveLineage(
      'org/self',
      ['org/self', 'org/p'],
      tableResolver({ 'org/p': card(['org/self']) }),
    );
    expect(lineage.cycles).toEqual([['org/p', 'org/self'], ['org/self']]);
    expect(lineage.ancestors.map((a) => a.id)).toEqual(['org/p']);
  });

  it('stops at the depth bound and says so', async () => {
    const table: Record<string, LineageCard> = {};
    for (let i = 0; i < 30; i++) table[`org/m${i}`] = card([`org/m${i + 1}`]);
    const lineage = await resolveLineage(undefined, ['org/m0'], tableResolver(table), {
      maxDepth: 5,
    });
    expect(lineage.ancestors).toHaveLength(5);
    expect(lineage.truncated).toBe(true);
  });

  it('merges links reached twice at the same depth and finds the roots', async () => {
    const lineage = await resolveLineage(
      undefined,
      ['org/x', 'org/y'],
      tableResolver({
        'org/x': card(['org/root']),
        'org/y': card(['org/root']),
        'org/root': card([]),
      }),
    );
    expect(lineage.ancestors.find((a) => a.id === 'org/root')?.children).toEqual([
      'org/x',
      'org/y',
    ]);
    expect(lineage.roots).toEqual(['org/root']);
  });
});

describe('findCycles', () => {
  it('finds each elementary cycle once, from its smallest id', () => {
    const graph = new Map([
      ['c', ['a']],
      ['a', ['b']],
      ['b', ['c', 'b']],
    ]);
    expect(findCycles(graph)).toEqual([['a', 'b', 'c'], ['b']]);
  });
});

describe('normaliseBaseId', () => {
  it.each([
    ['https://huggingface.co/org/name', 'org/name'],
    ['https://hf.co/org/name/', 'org/name'],
    ['  org/name ', 'org/name'],
    ['./local/path', './local/path'],
  ])('%s → %s', (value, id) => {
    expect(normaliseBaseId(value)).toBe(id);
  });
});

describe('createCardResolver', () => {
  let server: HubServer;
  let cache: string;
  beforeAll(async () => {
    server = await startHubServer({
      'org/c': { cardData: { license: 'llama3.1', base_model: 'org/d' } },
      // No cardData in the API answer: the card is read from README.md.
      'org/d': {
        files: {
          'README.md': '---\nlicense: llama3.1\nbase_model_relation: quantized\n---\n# D\n',
        },
      },
    });
    const root = await tempTree({
      [`hub/models--org--b/refs/main`]: `${C1}\n`,
      [`hub/models--org--b/snapshots/${C1}/README.md`]:
        '---\nlicense: mit\nbase_model: org/c\n---\n',
      [`hub/models--org--b/snapshots/${C2}/README.md`]: '---\nlicense: gpl-3.0\n---\n',
      // Pinned to a revision: no refs/main, one snapshot.
      [`hub/models--org--e/snapshots/${C2}/README.md`]: '---\nlicense: bsd-3-clause\n---\n',
      [`hub/models--org--bad/snapshots/${C1}/README.md`]: '---\nlicense: [oops\n---\n',
    });
    cache = path.join(root, 'hub');
  });
  afterAll(async () => {
    await server.close();
  });

  const local = new Map([
    ['org/a', { card: card(['org/b'], ['apache-2.0']), at: 'models/a/README.md' }],
  ]);

  it('resolves from the scan, then the cache ($HF_HUB_CACHE), then the Hub', async () => {
    const resolver = createCardResolver({
      local,
      env: { HF_HUB_CACHE: cache },
      hub: createHubCardSource({ hubUrl: server.url }),
    });
    const lineage = await resolveLineage('acme/chat', ['org/a'], resolver);
    expect(
      lineage.ancestors.map((a) => [a.id, a.resolvedFrom, a.license, a.relation ?? '-']),
    ).toEqual([
      ['org/a', 'scan', 'apache-2.0', '-'],
      ['org/b', 'cache', 'mit', '-'],
      ['org/c', 'hub', 'llama3.1', '-'],
      ['org/d', 'hub', 'llama3.1', 'quantized'],
    ]);
    expect(lineage.ancestors[1]?.resolvedAt).toBe(
      path.join(cache, `models--org--b/snapshots/${C1}/README.md`),
    );
    expect(lineage.ancestors[2]?.resolvedAt).toBe(`${server.url}/org/c`);
    expect(lineage.roots).toEqual(['org/d']);
    expect(lineage.missing).toEqual([]);
  });

  it.each([
    [{ HF_HOME: 'HOME' }, 'org/e', 'cache'],
    [{ HOME: 'XDG' }, 'org/e', 'unresolved'],
  ])('finds the cache through %j', async (env, id, from) => {
    const home = path.dirname(cache);
    const resolved = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, v === 'HOME' ? home : '/nonexistent']),
    );
    const lineage = await resolveLineage(
      undefined,
      [id],
      createCardResolver({ local, env: resolved }),
    );
    expect(lineage.ancestors[0]?.resolvedFrom).toBe(from);
  });

  it('offline: never asks the Hub and says why a link is missing', async () => {
    const before = server.requests.length;
    const resolver = createCardResolver({ local, env: { HF_HUB_CACHE: cache } });
    const lineage = await resolveLineage(undefined, ['org/b', 'org/bad', 'not an id'], resolver);
    expect(server.requests.length).toBe(before);
    expect(lineage.missing).toEqual([
      { id: 'not an id', reason: '"not an id" is not a Hub model id (a local path?)' },
      {
        id: 'org/bad',
        reason: expect.stringContaining('card front matter is not valid YAML') as string,
      },
      {
        id: 'org/c',
        reason:
          'org/c is not in the scan or the local Hugging Face cache (the Hub was not asked: offline)',
      },
    ]);
  });
});
