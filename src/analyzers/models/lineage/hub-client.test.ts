import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubServer, type HubServer } from '../../../testing/hf-hub-server.js';
import { createHubCardSource } from './hub-client.js';

describe('createHubCardSource', () => {
  let server: HubServer;
  beforeAll(async () => {
    server = await startHubServer({
      'org/with-data': { cardData: { license: 'apache-2.0', base_model: ['org/base'] } },
      'org/readme': { files: { 'README.md': '---\nlicense: mit\n---\n# Card\n' } },
      'org/no-card': {},
      'org/bad-card': { files: { 'README.md': '---\nlicense: [x\n---\n' } },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('asks modelInfo for cardData and returns it', async () => {
    const hub = createHubCardSource({ hubUrl: `${server.url}/`, userAgent: 'openvet/test' });
    const answer = await hub.card('org/with-data');
    expect(answer).toEqual({
      found: true,
      card: { license: 'apache-2.0', base_model: ['org/base'] },
      url: `${server.url}/org/with-data`,
    });
    const request = server.requests.at(-1);
    expect(request?.url).toMatch(
      /^\/api\/models\/org\/with-data\/revision\/HEAD\?.*expand=cardData/,
    );
    expect(request?.headers['user-agent']).toBe('openvet/test');
    // Memoised: a second question sends nothing.
    const count = server.requests.length;
    await hub.card('org/with-data');
    expect(server.requests.length).toBe(count);
    expect(hub.requests()).toBe(1);
  });

  it('reads the first bytes of README.md when the API gives no cardData', async () => {
    const hub = createHubCardSource({ hubUrl: server.url });
    expect(await hub.card('org/readme')).toEqual({
      found: true,
      card: { license: 'mit' },
      url: `${server.url}/org/readme/blob/main/README.md`,
    });
    const resolves = server.requests.filter((r) => r.url.startsWith('/org/readme/resolve/main/'));
    expect(resolves.length).toBeGreaterThan(0);
    expect(resolves.every((r) => typeof r.headers.range === 'string')).toBe(true);
  });

  it.each([
    ['org/no-card', { found: true }],
    ['org/unknown', { found: false, reason: 'org/unknown is not on the Hub (404)' }],
    [
      'org/bad-card',
      { found: false, reason: expect.stringContaining('not valid YAML') as unknown as string },
    ],
  ])('%s', async (id, expected) => {
    const hub = createHubCardSource({ hubUrl: server.url });
    expect(await hub.card(id)).toMatchObject(expected);
  });

  it.each([
    [{ kind: 'status', status: 503 } as const, 'the Hub answered 503 for org/with-data'],
    [
      { kind: 'status', status: 401 } as const,
      'the Hub refused access to org/with-data (401: gated or private)',
    ],
    [
      { kind: 'redirect', location: 'http://127.0.0.2:9/api/x' } as const,
      'refused a redirect to http://127.0.0.2:9',
    ],
    [{ kind: 'huge', bytes: 4096 } as const, 'larger than 1024'],
  ])('a failure is an answer, not a throw: %j', async (fault, reason) => {
    server.failNext(1, fault);
    const hub = createHubCardSource({ hubUrl: server.url, maxResponseBytes: 1024 });
    const answer = await hub.card('org/with-data');
    expect(answer.found).toBe(false);
    expect(answer.found ? '' : answer.reason).toContain(reason);
  });

  it('gives up on a redirect loop', async () => {
    // Exactly the requests sent: the first and 5 redirects followed.
    server.failNext(6, { kind: 'redirect', location: '/api/models/org/with-data/revision/HEAD' });
    const hub = createHubCardSource({ hubUrl: server.url });
    const answer = await hub.card('org/with-data');
    expect(answer.found ? '' : answer.reason).toContain('more than 5 redirects');
    expect(hub.requests()).toBe(6);
  });

  it('follows a redirect on the same origin', async () => {
    server.failNext(1, {
      kind: 'redirect',
      location: `${server.url}/api/models/org/with-data/revision/HEAD?expand=cardData`,
      path: '/api/models/org/with-data',
    });
    const hub = createHubCardSource({ hubUrl: server.url });
    expect(await hub.card('org/with-data')).toMatchObject({ found: true });
  });

  it('says so when the Hub cannot be reached, and does not wait for it again', async () => {
    const hub = createHubCardSource({ hubUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });
    const answer = await hub.card('org/x');
    expect(answer.found ? '' : answer.reason).toMatch(/^the Hub could not be asked about org\/x: /);
    const next = await hub.card('org/y');
    expect(next.found ? '' : next.reason).toMatch(
      /^the Hub was not asked about org\/y: it could not be reached earlier in this scan/,
    );
    expect(hub.requests()).toBe(1);
  });

  it.each([{ kind: 'status', status: 500 } as const, { kind: 'huge', bytes: 4096 } as const])(
    'keeps asking after %j (the Hub is up)',
    async (fault) => {
      server.failNext(1, fault);
      const hub = createHubCardSource({ hubUrl: server.url, maxResponseBytes: 1024 });
      expect((await hub.card('org/with-data')).found).toBe(false);
      expect((await hub.card('org/readme')).found).toBe(true);
    },
  );
});
