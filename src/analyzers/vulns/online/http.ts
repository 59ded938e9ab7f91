/**
 * One JSON request to the OSV API with the safeguards a network client owes its user: a
 * per-attempt timeout, bounded response bodies, retries with exponential backoff and jitter on
 * network errors, 429 and 5xx (honouring `Retry-After`, capped), no retry on other 4xx, and
 * no silent redirect to another origin.
 *
 * Redirects: fetch runs with `redirect: 'manual'`. A redirect to the same origin (scheme, host
 * and port) is followed, re-sending the same method and body (at most `MAX_REDIRECTS` times);
 * a redirect anywhere else is refused with an error naming the target, because the advisory
 * data would then come from a server the user did not configure (and an https → http
 * downgrade is a change of origin too). Point `baseUrl` at the final location instead.
 */

/** What `requestJson` needs; every field is injectable so tests run without real waiting. */
export interface HttpOptions {
  readonly fetch: typeof globalThis.fetch;
  readonly maxAttempts: number;
  /** Per attempt, covering connection, headers and the whole body. */
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly userAgent: string;
  readonly sleep: (ms: number) => Promise<void>;
  /** In [0, 1): the jitter source. */
  readonly random: () => number;
  readonly now: () => Date;
  /** First backoff delay; doubles with every retry. */
  readonly baseDelayMs: number;
  /** Cap of one backoff delay and of an honoured `Retry-After`. */
  readonly maxDelayMs: number;
  /** Called once per HTTP request sent (retries and followed redirects included). */
  readonly onRequest?: () => void;
}

/** Why a request failed: no HTTP answer at all, an error status, or an unusable answer. */
export type HttpFailureKind = 'network' | 'status' | 'response';

/** The outcome of `requestJson`. */
export type HttpResult =
  | { readonly ok: true; readonly json: unknown; readonly attempts: number }
  | {
      readonly ok: false;
      readonly kind: HttpFailureKind;
      /** True when the last failure was of a kind that is retried (network, 429, 5xx). */
      readonly retryable: boolean;
      readonly status?: number;
      /** One line, without the URL (the caller says which request it was). */
      readonly message: string;
      readonly attempts: number;
    };

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// An error body is only read for its message; a few kilobytes are plenty.
const MAX_ERROR_BODY_BYTES = 64 * 1024;

interface AttemptFailure {
  readonly ok: false;
  readonly kind: HttpFailureKind;
  readonly retryable: boolean;
  readonly status?: number;
  readonly message: string;
  readonly retryAfterMs?: number;
  /**
   * No point in another attempt although the kind is retried: the host name does not resolve
   * (ENOTFOUND), as on a machine without network. Waiting through backoff would only delay the
   * scan by seconds before it goes on with the offline data.
   */
  readonly final?: boolean;
}

type AttemptResult = { readonly ok: true; readonly json: unknown } | AttemptFailure;

/**
 * Send one JSON request (`GET`, or `POST` with a JSON body) and parse the JSON answer, retrying
 * as described in the module comment. Never throws for network or HTTP problems: the result
 * says what went wrong.
 */
export async function requestJson(
  url: string,
  request: { readonly method: 'GET' | 'POST'; readonly body?: unknown },
  options: HttpOptions,
): Promise<HttpResult> {
  let attempt = 1;
  for (;;) {
    const result = await attemptOnce(url, request, options);
    if (result.ok) return { ok: true, json: result.json, attempts: attempt };
    if (!result.retryable || result.final === true || attempt >= options.maxAttempts) {
      return {
        ok: false,
        kind: result.kind,
        retryable: result.retryable,
        ...(result.status !== undefined ? { status: result.status } : {}),
        message: result.message,
        attempts: attempt,
      };
    }
    await options.sleep(retryDelayMs(attempt, result.retryAfterMs, options));
    attempt++;
  }
}

/**
 * The delay before retry number `attempt` (1 = after the first failure): the server's
 * `Retry-After` when it gave one, otherwise exponential backoff with "equal jitter" (half
 * fixed, half random, so that many clients do not retry in step). Both capped.
 */
export function retryDelayMs(
  attempt: number,
  retryAfterMs: number | undefined,
  options: Pick<HttpOptions, 'random' | 'baseDelayMs' | 'maxDelayMs'>,
): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), options.maxDelayMs);
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + options.random() * (exponential / 2));
}

/**
 * A `Retry-After` header value in milliseconds from `now`: delay-seconds or an HTTP-date
 * (RFC 9110 §10.2.3). Undefined when absent or unparseable.
 */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only a date that names a weekday or month, not some number Date.parse happens to accept.
  if (!/[A-Za-z]{3}/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

async function attemptOnce(
  url: string,
  request: { readonly method: 'GET' | 'POST'; readonly body?: unknown },
  options: HttpOptions,
): Promise<AttemptResult> {
  const origin = new URL(url).origin;
  const signal = AbortSignal.timeout(options.timeoutMs);
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  let current = url;
  for (let redirects = 0; ; redirects++) {
    let response: Response;
    try {
      options.onRequest?.();
      response = await options.fetch(current, {
        method: request.method,
        headers: {
          accept: 'application/json',
          'user-agent': options.userAgent,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body } : {}),
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      return {
        ok: false,
        kind: 'network',
        retryable: true,
        message: networkMessage(error, options),
        ...(errorCode(error) === 'ENOTFOUND' ? { final: true } : {}),
      };
    }
    if (REDIRECT_STATUSES.has(response.status)) {
      await discard(response);
      const location = response.headers.get('location');
      const target = location === null ? undefined : safeUrl(location, current);
      if (target === undefined) {
        return failure(
          'response',
          false,
          `redirect (${response.status}) without a usable Location`,
        );
      }
      if (target.origin !== origin) {
        return failure(
          'response',
          false,
          `refused a redirect (${response.status}) to another origin, ${target.origin}; ` +
            'set the OSV API URL to the server that answers',
        );
      }
      if (redirects >= MAX_REDIRECTS) return failure('response', false, 'too many redirects');
      current = target.href;
      continue;
    }
    return readAnswer(response, options);
  }
}

async function readAnswer(response: Response, options: HttpOptions): Promise<AttemptResult> {
  const { status } = response;
  if (status < 200 || status > 299) {
    const retryable = status === 429 || status >= 500;
    const retryAfterMs =
      status === 429 || status === 503
        ? parseRetryAfter(response.headers.get('retry-after'), options.now())
        : undefined;
    let detail = '';
    try {
      const text = await readBounded(response, MAX_ERROR_BODY_BYTES);
      detail = text === undefined ? '' : errorDetail(text);
    } catch {
      // The status says enough; a broken error body adds nothing.
    }
    const statusText = response.statusText === '' ? '' : ` ${oneLine(response.statusText, 60)}`;
    return {
      ok: false,
      kind: 'status',
      retryable,
      status,
      message: `HTTP ${status}${statusText}${detail === '' ? '' : `: ${detail}`}`,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  }
  let text: string | undefined;
  try {
    text = await readBounded(response, options.maxResponseBytes);
  } catch (error) {
    // The connection broke or timed out while the body was arriving: worth another attempt.
    return { ok: false, kind: 'network', retryable: true, message: networkMessage(error, options) };
  }
  if (text === undefined) {
    return failure(
      'response',
      false,
      `response larger than ${options.maxResponseBytes} bytes, not read (raise the limit or ask for less)`,
    );
  }
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch {
    return failure('response', false, 'response is not JSON');
  }
}

function failure(kind: HttpFailureKind, retryable: boolean, message: string): AttemptFailure {
  return { ok: false, kind, retryable, message };
}

/**
 * The body as UTF-8 text, or undefined when it is larger than `max` bytes (read no further).
 * Counting the decoded stream, not trusting `Content-Length` alone, also bounds compressed
 * bodies after decompression.
 */
async function readBounded(response: Response, max: number): Promise<string | undefined> {
  const declared = response.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > max) {
    await discard(response);
    return undefined;
  }
  if (response.body === null) return '';
  // Typed as a stream of bytes: fetch bodies are, though the DOM-less typings say `any`.
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function safeUrl(location: string, base: string): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

/** The OSV API answers errors as `{ code, message }` (a gRPC status); show the message. */
function errorDetail(text: string): string {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed) {
      const { message } = parsed;
      if (typeof message === 'string') return oneLine(message, 200);
    }
  } catch {
    // Not JSON: show the start of the text (an HTML error page of a proxy, say).
  }
  return oneLine(text, 200);
}

/** One printable line of at most `max` characters (error text comes from the network). */
export function oneLine(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** What a fetch rejection means for a user: the system error (ECONNREFUSED, …) or a timeout. */
/** The system error code (`ENOTFOUND`, `ECONNREFUSED` …) behind a failed fetch, if any. */
function errorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function networkMessage(error: unknown, options: Pick<HttpOptions, 'timeoutMs'>): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${options.timeoutMs} ms`;
  }
  if (error instanceof Error) {
    const cause = error.cause;
    if (cause instanceof AggregateError && cause.errors.length > 0) {
      const first: unknown = cause.errors[0];
      if (first instanceof Error) return oneLine(first.message, 200);
    }
    if (cause instanceof Error && cause.message !== '') return oneLine(cause.message, 200);
    return oneLine(error.message, 200);
  }
  return oneLine(String(error), 200);
}
