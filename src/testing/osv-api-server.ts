/**
 * A local OSV API (https://google.github.io/osv.dev/api/) on 127.0.0.1 over an in-memory list of
 * records, for testing the client over real HTTP:
 *
 * - `POST /v1/query` `{ package: { ecosystem, name }, version, page_token? }` → `{ vulns: [full
 *   records], next_page_token? }` (`{}` when nothing matches, as the real API answers);
 * - `POST /v1/querybatch` `{ queries: [...] }` (at most 1000) → `{ results: [{ vulns: [{ id,
 *   modified }], next_page_token? }] }` in query order, `{}` for a query without advisories;
 * - `GET /v1/vulns/{id}` → the record, or 404 `{ code: 5, message: "Bug not found." }`.
 *
 * A record matches a query when one of its `affected[]` entries names the ecosystem and the
 * package (PyPI names compared after PEP 503 normalisation) and `isAffected` says the version
 * is affected under the ecosystem's version scheme (string equality against `versions` for an
 * ecosystem openvet has no scheme for). Withdrawn records are answered too, as osv.dev does.
 * Results are paged by `pageSize` per query; the page token is opaque to clients.
 *
 * Fault injection: `failNext(count, fault)` makes the next `count` requests (optionally only
 * those whose path starts with `fault.path`) fail with a status (503, 429 with `Retry-After`,
 * …), a closed socket, a delay before the normal answer, a redirect, or a given body. Every
 * request is logged in `requests`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { advisoryPackageKey } from '../store/advisory-names.js';
import { isAffected } from '../analyzers/vulns/ranges/index.js';
import type { OsvRecord } from '../analyzers/vulns/osv/types.js';
import { schemeForEcosystem } from '../versioning/registry.js';

/** One way to answer a request other than normally. */
export type OsvApiFault = (
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
  | { readonly kind: 'close' }
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'redirect'; readonly status?: number; readonly location: string }
  | {
      readonly kind: 'respond';
      readonly status?: number;
      readonly body: string | Buffer;
      /** Send without `Content-Length` (chunked), so that only counting bytes can bound it. */
      readonly chunked?: boolean;
    }
) & {
  /** Only requests whose path starts with this (e.g. `/v1/vulns/`) are affected. */
  readonly path?: string;
};

/** One request as the server saw it. */
export interface OsvApiRequest {
  readonly method: string;
  readonly path: string;
  /** The parsed JSON body of a POST (undefined when absent or not JSON). */
  readonly body?: unknown;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** Options of `startOsvApiServer`. */
export interface OsvApiServerOptions {
  /** Advisory ids per query per page. Default 1000. */
  readonly pageSize?: number;
  /**
   * A message when the API should refuse this query with 400 (as osv.dev refuses a malformed
   * query, failing the whole batch it is in).
   */
  readonly rejectQuery?: (query: {
    readonly ecosystem: string;
    readonly name: string;
    readonly version: string;
  }) => string | undefined;
}

/** A running server. */
export interface OsvApiServer {
  /** `http://127.0.0.1:PORT`, the base URL for the client. */
  readonly url: string;
  /** Every request received, in order (faulted ones included). */
  readonly requests: OsvApiRequest[];
  /** The most requests that were being answered at the same time. */
  readonly peakInFlight: number;
  /** Answer the next `count` (matching) requests with `fault` instead. */
  failNext(count: number, fault: OsvApiFault): void;
  /** Replace the records served (e.g. to make one newer). */
  setRecords(records: readonly OsvRecord[]): void;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 16 * 2 ** 20;
const MAX_BATCH = 1000;

interface PendingFault {
  remaining: number;
  readonly fault: OsvApiFault;
}

interface IndexedAffected {
  readonly record: OsvRecord;
  readonly affected: NonNullable<OsvRecord['affected']>[number];
}

/** Start the server on 127.0.0.1 with a free port. */
export async function startOsvApiServer(
  records: readonly OsvRecord[],
  options: OsvApiServerOptions = {},
): Promise<OsvApiServer> {
  const pageSize = options.pageSize ?? 1000;
  const requests: OsvApiRequest[] = [];
  const faults: PendingFault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let byId = new Map<string, OsvRecord>();
  let byPackage = new Map<string, IndexedAffected[]>();

  function setRecords(list: readonly OsvRecord[]): void {
    byId = new Map(list.map((r) => [r.id, r]));
    byPackage = new Map();
    for (const record of list) {
      for (const affected of record.affected ?? []) {
        if (affected.package === undefined) continue;
        const key = packageKey(affected.package.ecosystem, affected.package.name);
        const entries = byPackage.get(key) ?? [];
        entries.push({ record, affected });
        byPackage.set(key, entries);
      }
    }
  }
  setRecords(records);

  /** The records affecting one package version, by id. */
  function matching(ecosystem: string, name: string, version: string): OsvRecord[] {
    const scheme = schemeForEcosystem(ecosystem);
    const found = new Map<string, OsvRecord>();
    for (const { record, affected } of byPackage.get(packageKey(ecosystem, name)) ?? []) {
      const hit =
        scheme === undefined
          ? (affected.versions ?? []).includes(version)
          : isAffected(version, affected, scheme).affected;
      if (hit) found.set(record.id, record);
    }
    return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** One query's page: the records and the next token, or an error message. */
  function answerQuery(
    query: unknown,
  ): { records: OsvRecord[]; next?: string } | { error: string } {
    if (typeof query !== 'object' || query === null) return { error: 'Invalid query.' };
    const q = query as { package?: unknown; version?: unknown; page_token?: unknown };
    const pkg = q.package as { ecosystem?: unknown; name?: unknown } | undefined;
    if (
      typeof pkg !== 'object' ||
      pkg === null ||
      typeof pkg.ecosystem !== 'string' ||
      typeof pkg.name !== 'string' ||
      typeof q.version !== 'string'
    ) {
      return { error: 'Invalid query: package ecosystem, name and version are required.' };
    }
    const rejected = options.rejectQuery?.({
      ecosystem: pkg.ecosystem,
      name: pkg.name,
      version: q.version,
    });
    if (rejected !== undefined) return { error: rejected };
    let offset = 0;
    if (q.page_token !== undefined) {
      const decoded = decodeToken(q.page_token);
      if (decoded === undefined) return { error: 'Invalid page token.' };
      offset = decoded;
    }
    const all = matching(pkg.ecosystem, pkg.name, q.version);
    const page = all.slice(offset, offset + pageSize);
    const end = offset + page.length;
    return end < all.length ? { records: page, next: encodeToken(end) } : { records: page };
  }

  function takeFault(path: string): OsvApiFault | undefined {
    const index = faults.findIndex(
      (f) => f.remaining > 0 && (f.fault.path === undefined || path.startsWith(f.fault.path)),
    );
    if (index === -1) return undefined;
    const pending = faults[index] as PendingFault;
    pending.remaining--;
    if (pending.remaining === 0) faults.splice(index, 1);
    return pending.fault;
  }

  function route(method: string, path: string, body: unknown, res: ServerResponse): void {
    if (method === 'GET' && path.startsWith('/v1/vulns/')) {
      const id = safeDecode(path.slice('/v1/vulns/'.length));
      const record = id === undefined ? undefined : byId.get(id);
      if (record === undefined) return sendJson(res, 404, { code: 5, message: 'Bug not found.' });
      return sendJson(res, 200, record);
    }
    if (method === 'POST' && path === '/v1/query') {
      const answer = answerQuery(body);
      if ('error' in answer) return sendJson(res, 400, { code: 3, message: answer.error });
      if (answer.records.length === 0) return sendJson(res, 200, {});
      return sendJson(res, 200, {
        vulns: answer.records,
        ...(answer.next !== undefined ? { next_page_token: answer.next } : {}),
      });
    }
    if (method === 'POST' && path === '/v1/querybatch') {
      const queries = (body as { queries?: unknown } | undefined)?.queries;
      if (!Array.isArray(queries)) {
        return sendJson(res, 400, { code: 3, message: 'Invalid request: queries is required.' });
      }
      if (queries.length > MAX_BATCH) {
        return sendJson(res, 400, { code: 3, message: 'Too many queries.' });
      }
      const results: unknown[] = [];
      for (const query of queries) {
        const answer = answerQuery(query);
        if ('error' in answer) return sendJson(res, 400, { code: 3, message: answer.error });
        if (answer.records.length === 0 && answer.next === undefined) {
          results.push({});
          continue;
        }
        results.push({
          vulns: answer.records.map((r) => ({ id: r.id, modified: r.modified })),
          ...(answer.next !== undefined ? { next_page_token: answer.next } : {}),
        });
      }
      return sendJson(res, 200, { results });
    }
    sendJson(res, 404, { code: 5, message: 'Not Found' });
  }

  function applyFault(fault: OsvApiFault, answer: () => void, res: ServerResponse): void {
    switch (fault.kind) {
      case 'status':
        return sendJson(
          res,
          fault.status,
          { code: 14, message: `injected ${fault.status}` },
          fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {},
        );
      case 'close':
        res.socket?.destroy();
        return;
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) answer();
        }, fault.ms);
        timers.add(timer);
        return;
      }
      case 'redirect':
        res.writeHead(fault.status ?? 307, { location: fault.location });
        res.end();
        return;
      case 'respond': {
        const data = typeof fault.body === 'string' ? Buffer.from(fault.body) : fault.body;
        const status = fault.status ?? 200;
        if (fault.chunked === true) {
          res.writeHead(status, { 'content-type': 'application/json' });
          // Several writes without a length: the client sees a chunked stream.
          for (let at = 0; at < data.length; at += 64 * 1024) {
            res.write(data.subarray(at, at + 64 * 1024));
          }
          res.end();
          return;
        }
        res.writeHead(status, {
          'content-type': 'application/json',
          'content-length': String(data.length),
        });
        res.end(data);
        return;
      }
    }
  }

  let inFlight = 0;
  let peakInFlight = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    res.once('close', () => {
      inFlight--;
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      let body: unknown;
      if (!tooLarge && chunks.length > 0) {
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
        } catch {
          body = undefined;
        }
      }
      requests.push({
        method,
        path,
        ...(body !== undefined ? { body } : {}),
        headers: req.headers,
      });
      const answer = (): void => {
        if (tooLarge) return sendJson(res, 413, { code: 3, message: 'Request too large.' });
        if (method === 'POST' && chunks.length > 0 && body === undefined) {
          return sendJson(res, 400, { code: 3, message: 'Invalid JSON.' });
        }
        route(method, path, body, res);
      };
      const fault = takeFault(path);
      if (fault === undefined) answer();
      else applyFault(fault, answer, res);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get peakInFlight() {
      return peakInFlight;
    },
    failNext(count, fault) {
      if (count > 0) faults.push({ remaining: count, fault });
    },
    setRecords,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      });
    },
  };
}

function packageKey(ecosystem: string, name: string): string {
  return `${ecosystem}\u0000${advisoryPackageKey(ecosystem, name)}`;
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const data = Buffer.from(JSON.stringify(value));
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(data.length),
    ...headers,
  });
  res.end(data);
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeToken(token: unknown): number | undefined {
  if (typeof token !== 'string') return undefined;
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match === null ? undefined : Number(match[1]);
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
