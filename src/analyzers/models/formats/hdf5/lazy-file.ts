/**
 * Reading HDF5 root attributes through h5wasm without loading the file, and without letting a
 * hostile file hang the scan.
 *
 * h5wasm is the HDF5 C library compiled to WebAssembly. Two properties shape this module:
 *
 * - Its I/O is synchronous while a ByteSource is asynchronous. Its node build (`h5wasm/node`)
 *   opens host paths through NODERAWFS, but a ByteSource may be an archive member with no path,
 *   so the ESM build is used (it runs in Node too) with a virtual file in its in-memory file
 *   system whose `read` is served from a block cache. A read that misses records the blocks and
 *   fails with EIO; the blocks are fetched from the ByteSource and the whole (synchronous) job
 *   runs again, until it succeeds or fails with nothing missing (a malformed file). HDF5 reads
 *   its metadata in a few rounds, so a few blocks are read and never the datasets.
 * - A corrupted file can send the C library into an endless loop (found by mutating real Keras
 *   files: a damaged global heap), and synchronous WebAssembly cannot be interrupted. So h5wasm
 *   runs in a worker thread; each attempt has a deadline, after which the worker is terminated
 *   (and replaced on the next call) and the file reported malformed.
 *
 * The worker is plain JavaScript in a `data:` URL (it only imports h5wasm by absolute URL), so
 * it runs the same from `src/` under vitest/tsx and from `dist/`.
 */

import { Worker } from 'node:worker_threads';

/** Bytes per cached block. */
const BLOCK = 64 * 1024;
/** Most attempts (each adds at least one block). */
const MAX_ATTEMPTS = 64;
/** Default time one attempt may take (real files take milliseconds). */
export const DEFAULT_H5_ATTEMPT_TIMEOUT_MS = 10_000;

/** The root attributes read from a file. */
export interface H5RootAttributes {
  /** Every root attribute name, sorted. */
  readonly names: string[];
  /** The values of the wanted attributes that are strings (or single-string arrays). */
  readonly values: Record<string, string>;
  readonly bytesRead: number;
  readonly attempts: number;
}

interface Source {
  readonly size: number;
  readonly name: string;
  read(offset: number, length: number): Promise<Uint8Array>;
}

type Reply =
  | { id: number; status: 'ok'; names: string[]; values: Record<string, string> }
  | { id: number; status: 'missing'; blocks: number[] }
  | { id: number; status: 'error'; message: string };

// The worker: one virtual file per request id, an attempt per message.
const WORKER_SOURCE = (h5wasmUrl: string): string => `
import { parentPort } from 'node:worker_threads';
import h5wasm from ${JSON.stringify(h5wasmUrl)};
const Module = await h5wasm.ready;
const FS = Module.FS;
try { FS.mkdir('/openvet'); } catch {}
const BLOCK = ${BLOCK};
const files = new Map();
function open(id, size) {
  const path = '/openvet/' + id + '.h5';
  FS.writeFile(path, new Uint8Array(0));
  const node = FS.lookupPath(path).node;
  node.usedBytes = size;
  const state = { path, size, cache: new Map(), missing: new Set() };
  node.stream_ops = {
    ...node.stream_ops,
    read(_stream, buffer, offset, length, position) {
      const end = Math.min(position + length, size);
      if (end <= position) return 0;
      const first = Math.floor(position / BLOCK);
      for (let b = first; b * BLOCK < end; b++) if (!state.cache.has(b)) state.missing.add(b);
      if (state.missing.size > 0) throw new FS.ErrnoError(29);
      for (let b = first; b * BLOCK < end; b++) {
        const block = state.cache.get(b);
        const start = b * BLOCK;
        const from = Math.max(position, start);
        const to = Math.min(end, start + block.length);
        if (to <= from) break;
        buffer.set(block.subarray(from - start, to - start), offset + (from - position));
      }
      return end - position;
    },
    write() { throw new FS.ErrnoError(69); },
  };
  files.set(id, state);
  return state;
}
function text(value) {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return value[0];
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return undefined;
}
parentPort.on('message', (msg) => {
  if (msg.done) {
    const state = files.get(msg.id);
    if (state) { try { FS.unlink(state.path); } catch {} files.delete(msg.id); }
    return;
  }
  const state = files.get(msg.id) ?? open(msg.id, msg.size);
  for (const [index, bytes] of msg.blocks) state.cache.set(index, bytes);
  state.missing = new Set();
  let file;
  let reply;
  Module.activate_throwing_error_handler();
  try {
    file = new h5wasm.File(state.path, 'r');
    const names = Object.keys(file.attrs).sort();
    const values = {};
    for (const name of msg.wanted) {
      if (!names.includes(name)) continue;
      const value = text(file.get_attribute(name, true));
      if (value !== undefined) values[name] = value;
    }
    reply = { id: msg.id, status: 'ok', names, values };
  } catch (err) {
    reply = state.missing.size > 0
      ? { id: msg.id, status: 'missing', blocks: [...state.missing] }
      : { id: msg.id, status: 'error', message: String(err && err.message || err) };
  } finally {
    try { file?.close(); } catch {}
    Module.deactivate_throwing_error_handler();
  }
  parentPort.postMessage(reply);
});
parentPort.postMessage({ ready: true });
`;

let worker: Worker | undefined;
let workerReady: Promise<Worker> | undefined;
let nextId = 0;
/** Attempts run one at a time, so each deadline measures one attempt only. */
let queue: Promise<unknown> = Promise.resolve();

function startWorker(): Promise<Worker> {
  workerReady ??= new Promise<Worker>((resolve, reject) => {
    const url = import.meta.resolve('h5wasm');
    const w = new Worker(new URL(`data:text/javascript,${encodeURIComponent(WORKER_SOURCE(url))}`));
    w.unref();
    const onError = (err: Error): void => {
      worker = undefined;
      workerReady = undefined;
      reject(err);
    };
    w.once('error', onError);
    w.once('message', (msg: { ready?: boolean }) => {
      if (!msg.ready) return;
      w.off('error', onError);
      w.on('error', () => {
        worker = undefined;
        workerReady = undefined;
      });
      worker = w;
      resolve(w);
    });
  });
  return workerReady;
}

function killWorker(): void {
  const w = worker;
  worker = undefined;
  workerReady = undefined;
  void w?.terminate();
}

/** Sends one attempt to the worker and waits for its reply, at most `timeoutMs`. */
function attempt(
  message: { id: number; size: number; blocks: [number, Uint8Array][]; wanted: string[] },
  timeoutMs: number,
): Promise<Reply> {
  const run = async (): Promise<Reply> => {
    const w = await startWorker();
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        w.off('message', onMessage);
        killWorker();
        reject(
          new Error(
            `HDF5 did not finish within ${timeoutMs} ms (a malformed file can loop the library)`,
          ),
        );
      }, timeoutMs);
      const onMessage = (reply: Reply): void => {
        if (reply.id !== message.id) return;
        clearTimeout(timer);
        w.off('message', onMessage);
        resolve(reply);
      };
      w.on('message', onMessage);
      w.postMessage(message);
    });
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/**
 * Reads the root attribute names of the HDF5 file in `source`, and the string values of those
 * in `wanted`, fetching only the blocks HDF5 asks for (at most `maxBytes`). Throws an Error
 * naming the file when it is malformed, needs more than `maxBytes`, or takes longer than
 * `timeoutMs` per attempt.
 */
export async function readH5RootAttributes(
  source: Source,
  wanted: readonly string[],
  maxBytes: number,
  timeoutMs = DEFAULT_H5_ATTEMPT_TIMEOUT_MS,
): Promise<H5RootAttributes> {
  const id = ++nextId;
  const have = new Set<number>();
  let bytesRead = 0;
  const fetchBlocks = async (blocks: Iterable<number>): Promise<[number, Uint8Array][]> => {
    const out: [number, Uint8Array][] = [];
    for (const b of [...blocks].sort((x, y) => x - y)) {
      if (have.has(b)) continue;
      if (bytesRead >= maxBytes) {
        throw new Error(`hdf5: ${source.name} needs more than ${maxBytes} bytes of metadata`);
      }
      const bytes = (await source.read(b * BLOCK, BLOCK)).slice();
      bytesRead += bytes.length;
      have.add(b);
      out.push([b, bytes]);
    }
    return out;
  };

  try {
    let blocks = await fetchBlocks([0]);
    for (let n = 1; n <= MAX_ATTEMPTS; n++) {
      let reply: Reply;
      try {
        reply = await attempt({ id, size: source.size, blocks, wanted: [...wanted] }, timeoutMs);
      } catch (err) {
        throw new Error(`hdf5: ${source.name}: ${(err as Error).message}`, { cause: err });
      }
      if (reply.status === 'ok') {
        return { names: reply.names, values: reply.values, bytesRead, attempts: n };
      }
      if (reply.status === 'error') {
        throw new Error(`hdf5: ${source.name}: ${summarise(reply.message)}`);
      }
      blocks = await fetchBlocks(reply.blocks);
    }
    throw new Error(`hdf5: ${source.name}: metadata not readable in ${MAX_ATTEMPTS} rounds`);
  } finally {
    worker?.postMessage({ id, done: true });
  }
}

/** The innermost lines of an HDF5 error stack, which say what was wrong. */
function summarise(message: string): string {
  const minors = [...message.matchAll(/minor: (.+)/g)].map((m) => m[1]?.trim());
  const last = [...message.matchAll(/in (H5\w+\(\)): ([^\n]+)/g)].at(-1);
  const where = last ? `${last[1]} ${last[2]}` : message.split('\n')[0];
  return `${where}${minors.length > 0 ? ` (${minors.at(-1)})` : ''}`.slice(0, 300);
}
