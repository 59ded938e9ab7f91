/**
 * A local Hugging Face Hub on 127.0.0.1 over an in-memory set of model repos, for testing the
 * Hub client over real HTTP, answering as the Hub API does (hub-docs `api.md`, and what
 * `@huggingface/hub` sends):
 *
 * - `GET /api/models/{org}/{name}` and `/api/models/{org}/{name}/revision/{rev}` → the model
 *   info `{ _id, id, sha, private, gated, pipeline_tag, downloads, likes, lastModified, tags }`,
 *   plus `cardData` (the card's front matter as JSON) when `expand=cardData` is asked and the
 *   repo has card data; 404 `{ error: "Repository not found" }` with `X-Error-Code:
 *   RepoNotFound` for an unknown repo;
 * - `GET /{org}/{name}/resolve/{rev}/{file}` → the file, honouring `Range: bytes=a-b` (206 with
 *   `Content-Range`), with an `ETag`; 404 with `X-Error-Code: EntryNotFound` for a missing file
 *   of a known repo.
 *
 * Fault injection: `failNext(count, fault)` answers the next `count` requests (optionally only
 * those whose path starts with `fault.path`) with a status, a redirect, or an oversized body.
 * Every request is logged in `requests`.
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One model repo served. */
export interface HubModelRepo {
  /** The card's front matter as the Hub parses it (`cardData`); absent → not in the info. */
  readonly cardData?: Readonly<Record<string, unknown>>;
  /** Files of the repo by path (`README.md`, `config.json`). */
  readonly files?: Readonly<Record<string, string>>;
  readonly pipelineTag?: string;
  readonly tags?: readonly string[];
}

/** One way to answer a request other than normally. */
export type HubFault = (
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'huge'; readonly bytes: number }
) & {
  /** Only requests whose path starts with this are affected. */
  readonly path?: string;
};

/** One request as the server saw it. */
export interface HubRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/** A running server. */
export interface HubServer {
  /** `http://127.0.0.1:PORT`, the `hubUrl` / `$HF_ENDPOINT` for the client. */
  readonly url: string;
  readonly requests: HubRequest[];
  failNext(count: number, fault: HubFault): void;
  close(): Promise<void>;
}

interface PendingFault {
  remaining: number;
  readonly fault: HubFault;
}

const SHA = 'a'.repeat(40);

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

function notFound(res: ServerResponse, code: 'RepoNotFound' | 'EntryNotFound'): void {
  json(
    res,
    404,
    { error: code === 'RepoNotFound' ? 'Repository not found' : 'Entry not found' },
    { 'x-error-code': code },
  );
}

/** Serve a file's bytes, honouring a single `bytes=a-b` range as the Hub's resolve does. */
function sendFile(req: IncomingMessage, res: ServerResponse, content: string): void {
  const bytes = Buffer.from(content, 'utf8');
  const etag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 40)}"`;
  const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers.range ?? ''));
  if (range === null) {
    res.writeHead(200, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(bytes.length),
      etag,
    });
    res.end(bytes);
    return;
  }
  const start = Number(range[1]);
  const end = Math.min(range[2] === '' ? bytes.length - 1 : Number(range[2]), bytes.length - 1);
  if (start >= bytes.length) {
    res.writeHead(416, { 'content-range': `bytes */${bytes.length}`, etag });
    res.end();
    return;
  }
  const part = bytes.subarray(start, end + 1);
  res.writeHead(206, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(part.length),
    'content-range': `bytes ${start}-${end}/${bytes.length}`,
    etag,
  });
  res.end(part);
}

/** Start the server on 127.0.0.1 with a free port. */
export async function startHubServer(
  repos: Readonly<Record<string, HubModelRepo>>,
): Promise<HubServer> {
  const requests: HubRequest[] = [];
  const faults: PendingFault[] = [];

  function takeFault(path: string): HubFault | undefined {
    const pending = faults.find(
      (f) => f.remaining > 0 && (f.fault.path === undefined || path.startsWith(f.fault.path)),
    );
    if (pending === undefined) return undefined;
    pending.remaining--;
    return pending.fault;
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    const fault = takeFault(url.pathname);
    if (fault?.kind === 'status') {
      json(res, fault.status, { error: `injected ${fault.status}` });
      return;
    }
    if (fault?.kind === 'redirect') {
      res.writeHead(302, { location: fault.location });
      res.end();
      return;
    }
    if (fault?.kind === 'huge') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.alloc(fault.bytes, 0x20));
      return;
    }
    if (req.method !== 'GET') {
      json(res, 405, { error: 'Method not allowed' });
      return;
    }
    const segments = url.pathname.split('/').slice(1).map(decodeURIComponent);
    if (segments[0] === 'api' && segments[1] === 'models') {
      const id = segments.slice(2, 4).join('/');
      const rest = segments.slice(4);
      if (rest.length !== 0 && !(rest.length === 2 && rest[0] === 'revision')) {
        json(res, 404, { error: 'Not found' });
        return;
      }
      const repo = repos[id];
      if (repo === undefined) {
        notFound(res, 'RepoNotFound');
        return;
      }
      const expand = url.searchParams.getAll('expand');
      json(res, 200, {
        _id: createHash('sha1').update(id).digest('hex').slice(0, 24),
        id,
        sha: SHA,
        private: false,
        gated: false,
        downloads: 0,
        likes: 0,
        lastModified: '2024-01-01T00:00:00.000Z',
        ...(repo.pipelineTag !== undefined ? { pipeline_tag: repo.pipelineTag } : {}),
        tags: repo.tags ?? [],
        ...(expand.includes('cardData') && repo.cardData !== undefined
          ? { cardData: repo.cardData }
          : {}),
      });
      return;
    }
    // /{org}/{name}/resolve/{rev}/{path...}
    if (segments.length >= 5 && segments[2] === 'resolve') {
      const id = segments.slice(0, 2).join('/');
      const repo = repos[id];
      if (repo === undefined) {
        notFound(res, 'RepoNotFound');
        return;
      }
      const file = repo.files?.[segments.slice(4).join('/')];
      if (file === undefined) {
        notFound(res, 'EntryNotFound');
        return;
      }
      sendFile(req, res, file);
      return;
    }
    json(res, 404, { error: 'Not found' });
  }

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(count, fault) {
      faults.push({ remaining: count, fault });
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
