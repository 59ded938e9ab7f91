/**
 * Model cards from the Hugging Face Hub API, through `@huggingface/hub`: `modelInfo` with the
 * `cardData` field (the card's front matter as the Hub parsed it) and, when the Hub gives no
 * `cardData`, the card itself (`downloadFile` of README.md, first 64 KiB only). The base URL is
 * `$HF_ENDPOINT` when set (a mirror), otherwise the library's default.
 *
 * Every request goes through a `fetch` that bounds the time and the bytes of the answer: the
 * Hub is a remote service and its answers are untrusted input. A failure is an answer
 * (`missing` with the reason), never a thrown error, so one unreachable link does not stop
 * the lineage of the others.
 */
import { downloadFile, HubApiError, modelInfo } from '@huggingface/hub';
import {
  MAX_CARD_BYTES,
  parseFrontMatter,
  type Fields,
  type Warning,
} from '../../../extractors/model/shared/card.js';

/** What the Hub says about one model id. */
export type HubCardAnswer =
  | { readonly found: true; readonly card: Fields; readonly url: string }
  | { readonly found: false; readonly reason: string };

/** The online source of model cards the lineage resolver asks. */
export interface HubCardSource {
  /** The card front matter of `id` (`org/name`), or why there is none. */
  card(id: string): Promise<HubCardAnswer>;
  /** Requests sent so far (for the analyzer's note). */
  readonly requests: () => number;
}

/** Options of `createHubCardSource`. */
export interface HubClientOptions {
  /** Base URL of the Hub (`$HF_ENDPOINT`); the library's default when undefined or empty. */
  readonly hubUrl?: string;
  /** The fetch to wrap (tests, proxies). Defaults to the global one. */
  readonly fetch?: typeof globalThis.fetch;
  /** Sent as a bearer token (gated or private repos). */
  readonly accessToken?: string;
  /** Per request, headers and body included. Default 20 s. */
  readonly timeoutMs?: number;
  /** Largest answer read. Default 8 MiB (a model's info with its card data is a few KB). */
  readonly maxResponseBytes?: number;
  readonly userAgent?: string;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/** No HTTP answer at all: DNS failure, connection refused, timeout. */
export class HubUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HubUnreachableError';
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/** What `boundedFetch` bounds and adds to every request. */
export interface FetchBounds {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly userAgent?: string;
  /** Called once per HTTP request sent (followed redirects included). */
  readonly onRequest?: () => void;
}

/** A body that stops with an error once more than `max` bytes went through. */
function boundedBody(body: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max) {
          controller.error(new Error(`answer larger than ${max} bytes; not read`));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * A fetch with a timeout and a cap on the answer's size. Redirects to another origin are
 * refused: the data would come from a server the user did not configure (the Hub's own
 * CDN redirects only matter for weight files, never for the API or a card).
 */
export function boundedFetch(
  base: typeof globalThis.fetch,
  options: FetchBounds,
): typeof globalThis.fetch {
  return (input, init) => boundedRequest(base, options, input, init, 0);
}

/** Same-origin redirects followed per request. */
const MAX_REDIRECTS = 5;

async function boundedRequest(
  base: typeof globalThis.fetch,
  options: FetchBounds,
  input: string | URL | Request,
  init: RequestInit | undefined,
  redirects: number,
): Promise<Response> {
  options.onRequest?.();
  const headers = new Headers(init?.headers);
  if (options.userAgent !== undefined && !headers.has('user-agent'))
    headers.set('user-agent', options.userAgent);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await base(input, { ...init, headers, signal, redirect: 'manual' });
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const detail = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
    throw new HubUnreachableError(`${describe(error)}${detail}`, { cause: error });
  }
  if (response.status >= 300 && response.status < 400) {
    const location = response.headers.get('location');
    const from = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const to = location === null ? undefined : new URL(location, from);
    await response.body?.cancel();
    if (to === undefined || to.origin !== from.origin)
      throw new Error(`refused a redirect to ${to?.origin ?? 'nowhere'}`);
    if (redirects >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
    return boundedRequest(base, options, to, init, redirects + 1);
  }
  const declared = Number(response.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel();
    throw new Error(`answer of ${declared} bytes is larger than ${options.maxBytes}; not read`);
  }
  if (response.body === null || [101, 204, 205, 304].includes(response.status)) return response;
  return new Response(boundedBody(response.body, options.maxBytes), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

function reasonOf(error: unknown, id: string): string {
  if (error instanceof HubApiError) {
    if (error.statusCode === 404) return `${id} is not on the Hub (404)`;
    if (error.statusCode === 401 || error.statusCode === 403)
      return `the Hub refused access to ${id} (${error.statusCode}: gated or private)`;
    return `the Hub answered ${error.statusCode} for ${id}`;
  }
  return `the Hub could not be asked about ${id}: ${describe(error)}`;
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A card source over the Hub API. Answers are memoised per id. */
export function createHubCardSource(options: HubClientOptions = {}): HubCardSource {
  let requests = 0;
  const fetch = boundedFetch(options.fetch ?? globalThis.fetch, {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxResponseBytes ?? DEFAULT_MAX_BYTES,
    ...(options.userAgent !== undefined ? { userAgent: options.userAgent } : {}),
    onRequest: () => {
      requests++;
    },
  });
  const hubUrl =
    options.hubUrl !== undefined && options.hubUrl !== ''
      ? options.hubUrl.replace(/(?<!\/)\/+$/, '')
      : undefined;
  const common = {
    fetch,
    ...(hubUrl !== undefined ? { hubUrl } : {}),
    ...(options.accessToken !== undefined ? { accessToken: options.accessToken } : {}),
  };
  const memo = new Map<string, Promise<HubCardAnswer>>();
  /**
   * Set after a failure to reach the Hub at all (no HTTP answer: DNS, refused, timeout): the
   * rest of the scan does not wait for it again, one timeout per link.
   */
  let unreachable: string | undefined;

  function failed(error: unknown, id: string): HubCardAnswer {
    const reason = reasonOf(error, id);
    if (error instanceof HubUnreachableError && unreachable === undefined) unreachable = reason;
    return { found: false, reason };
  }

  async function ask(id: string): Promise<HubCardAnswer> {
    if (unreachable !== undefined)
      return {
        found: false,
        reason: `the Hub was not asked about ${id}: it could not be reached earlier in this scan (${unreachable})`,
      };
    const base = hubUrl ?? 'https://huggingface.co';
    let info: { cardData?: unknown };
    try {
      info = await modelInfo({ ...common, name: id, additionalFields: ['cardData'] });
    } catch (error) {
      return failed(error, id);
    }
    if (isObject(info.cardData)) return { found: true, card: info.cardData, url: `${base}/${id}` };
    // No parsed card data (an older repo, or a mirror that does not expand it): read the card.
    try {
      const blob = await downloadFile({
        ...common,
        repo: { type: 'model', name: id },
        path: 'README.md',
      });
      if (blob === null) return { found: true, card: {}, url: `${base}/${id}` };
      const text = await blob.slice(0, MAX_CARD_BYTES).text();
      const warnings: Warning[] = [];
      const url = `${base}/${id}/blob/main/README.md`;
      const card = parseFrontMatter(text, url, warnings);
      if (card === undefined && warnings.length > 0)
        return { found: false, reason: warnings[0]?.message ?? `${url}: unreadable card` };
      return { found: true, card: card ?? {}, url };
    } catch (error) {
      return failed(error, id);
    }
  }

  return {
    card(id) {
      let answer = memo.get(id);
      if (answer === undefined) {
        answer = ask(id);
        memo.set(id, answer);
      }
      return answer;
    },
    requests: () => requests,
  };
}
