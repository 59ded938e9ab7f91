import { afterEach, describe, expect, it } from 'vitest';
import type { OsvRecord } from '../analyzers/vulns/osv/types.js';
import { startOsvApiServer } from './osv-api-server.js';
import type { OsvApiServer } from './osv-api-server.js';

function advisory(id: string, ecosystem: string, name: string, fixed: string): OsvRecord {
  return {
    id,
    modified: '2025-01-01T00:00:00.123456Z',
    affected: [
      {
        package: { ecosystem, name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
  };
}

const RECORDS: OsvRecord[] = [
  advisory('PYSEC-2-2', 'PyPI', 'Zope.Interface', '5.0'),
  advisory('PYSEC-1-1', 'PyPI', 'zope-interface', '4.0'),
  advisory('GHSA-npm1', 'npm', 'left-pad', '1.3.0'),
  // An ecosystem without a version scheme: only listed versions match.
  {
    id: 'OSV-hex-1',
    modified: '2025-01-01T00:00:00Z',
    affected: [{ package: { ecosystem: 'Hex', name: 'plug' }, versions: ['1.0.0'] }],
  },
];

let server: OsvApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(url: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

const q = (ecosystem: string, name: string, version: string, page_token?: string) => ({
  package: { ecosystem, name },
  version,
  ...(page_token !== undefined ? { page_token } : {}),
});

describe('startOsvApiServer', () => {
  it('answers querybatch in query order, matching PyPI names by PEP 503 and versions by range', async () => {
    server = await startOsvApiServer(RECORDS);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { status, json } = await post(`${server.url}/v1/querybatch`, {
      queries: [
        q('PyPI', 'ZOPE_interface', '3.9'),
        q('PyPI', 'zope.interface', '4.5'),
        q('PyPI', 'zope.interface', '5.0'),
        q('npm', 'left-pad', '1.0.0'),
        q('npm', 'Left-Pad', '1.0.0'),
        q('Hex', 'plug', '1.0.0'),
        q('Hex', 'plug', '1.0.1'),
      ],
    });
    expect(status).toBe(200);
    const m = '2025-01-01T00:00:00.123456Z';
    expect(json).toEqual({
      results: [
        {
          vulns: [
            { id: 'PYSEC-1-1', modified: m },
            { id: 'PYSEC-2-2', modified: m },
          ],
        },
        { vulns: [{ id: 'PYSEC-2-2', modified: m }] },
        {},
        { vulns: [{ id: 'GHSA-npm1', modified: m }] },
        {},
        { vulns: [{ id: 'OSV-hex-1', modified: '2025-01-01T00:00:00Z' }] },
        {},
      ],
    });
  });

  it('pages results with next_page_token and page_token, on querybatch and query', async () => {
    server = await startOsvApiServer(RECORDS, { pageSize: 1 });
    const first = await post(`${server.url}/v1/querybatch`, {
      queries: [q('PyPI', 'zope-interface', '1.0')],
    });
    const page1 = (
      first.json as { results: { vulns: { id: string }[]; next_page_token?: string }[] }
    ).results[0];
    expect(page1?.vulns.map((v) => v.id)).toEqual(['PYSEC-1-1']);
    expect(typeof page1?.next_page_token).toBe('string');
    const second = await post(`${server.url}/v1/querybatch`, {
      queries: [q('PyPI', 'zope-interface', '1.0', page1?.next_page_token)],
    });
    expect(second.json).toEqual({
      results: [{ vulns: [{ id: 'PYSEC-2-2', modified: '2025-01-01T00:00:00.123456Z' }] }],
    });

    const query = await post(`${server.url}/v1/query`, q('PyPI', 'zope-interface', '1.0'));
    const body = query.json as { vulns: OsvRecord[]; next_page_token?: string };
    expect(body.vulns).toEqual([RECORDS[1]]);
    expect(body.next_page_token).toBe(page1?.next_page_token);
    const bad = await post(`${server.url}/v1/query`, q('PyPI', 'zope-interface', '1.0', 'nope'));
    expect(bad).toEqual({ status: 400, json: { code: 3, message: 'Invalid page token.' } });
  });

  it('serves records by id, with a 404 JSON error for unknown ids', async () => {
    server = await startOsvApiServer(RECORDS);
    const ok = await fetch(`${server.url}/v1/vulns/GHSA-npm1`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual(RECORDS[2]);
    const missing = await fetch(`${server.url}/v1/vulns/GHSA-none`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: 5, message: 'Bug not found.' });
    expect(await post(`${server.url}/v1/query`, q('npm', 'left-pad', '2.0.0'))).toEqual({
      status: 200,
      json: {},
    });
  });

  it.each([
    [{ queries: Array.from({ length: 1001 }, () => q('npm', 'a', '1')) }, 'Too many queries.'],
    [{}, 'Invalid request: queries is required.'],
    [
      { queries: [{ package: { name: 'a' }, version: '1' }] },
      'Invalid query: package ecosystem, name and version are required.',
    ],
  ])('rejects a bad querybatch with 400 (%#)', async (body, message) => {
    server = await startOsvApiServer(RECORDS);
    expect(await post(`${server.url}/v1/querybatch`, body)).toEqual({
      status: 400,
      json: { code: 3, message },
    });
  });

  it('injects faults for the next N matching requests and logs every request', async () => {
    server = await startOsvApiServer(RECORDS);
    server.failNext(2, { kind: 'status', status: 429, retryAfter: '3', path: '/v1/vulns/' });
    server.failNext(1, { kind: 'close', path: '/v1/querybatch' });

    const batch = post(`${server.url}/v1/querybatch`, { queries: [] });
    await expect(batch).rejects.toThrow('fetch failed');
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${server.url}/v1/vulns/GHSA-npm1`);
      expect([res.status, res.headers.get('retry-after')]).toEqual([429, '3']);
      await res.body?.cancel();
    }
    const third = await fetch(`${server.url}/v1/vulns/GHSA-npm1`);
    expect(third.status).toBe(200);
    await third.body?.cancel();
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/querybatch',
      'GET /v1/vulns/GHSA-npm1',
      'GET /v1/vulns/GHSA-npm1',
      'GET /v1/vulns/GHSA-npm1',
    ]);
    expect(server.requests[0]?.body).toEqual({ queries: [] });
  });

  it('serves replaced records after setRecords', async () => {
    server = await startOsvApiServer(RECORDS);
    server.setRecords([advisory('GHSA-new', 'npm', 'left-pad', '9.0.0')]);
    const res = await post(`${server.url}/v1/querybatch`, {
      queries: [q('npm', 'left-pad', '2.0.0')],
    });
    expect(res.json).toEqual({
      results: [{ vulns: [{ id: 'GHSA-new', modified: '2025-01-01T00:00:00.123456Z' }] }],
    });
  });
});
