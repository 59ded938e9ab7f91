/**
 * GGUF (llama.cpp): a header of typed key/value metadata and tensor descriptors, then tensor
 * data. The weights cannot run code; the Jinja chat template in the metadata can, when a
 * loader renders it (llama-cpp-python before 0.2.72 rendered it unsandboxed, CVE-2024-34359).
 *
 * Parsing is delegated to `@huggingface/gguf`, which reads ranges on demand and stops after
 * the tensor descriptors: it is given an `https:` URI and a `fetch` that answers each `Range`
 * request from the ByteSource, so it works on any source (a file, an archive member) and
 * reads the header only (in 2 MB chunks, at most 50 MB), never the tensor data.
 */

import { gguf } from '@huggingface/gguf';
import type { ByteSource, FormatReader, FormatResult, ModelFinding } from '../../types.js';
import { scanChatTemplate } from './chat-template.js';

/** The metadata keys copied into the report (never the tokenizer arrays). */
const REPORTED_KEYS = [
  'general.architecture',
  'general.name',
  'general.basename',
  'general.organization',
  'general.finetune',
  'general.size_label',
  'general.license',
  'general.license.name',
  'general.license.link',
  'general.file_type',
  'general.quantization_version',
  'general.base_model.count',
  'tokenizer.ggml.model',
] as const;

/** Most base models listed from `general.base_model.N.*`. */
const MAX_BASE_MODELS = 16;

const GGUF_MAGIC = [0x47, 0x47, 0x55, 0x46];

type Metadata = Record<string, unknown>;

/** A `fetch` answering `Range: bytes=a-b` from the source, counting the bytes handed out. */
function rangeFetch(source: ByteSource, counter: { bytes: number }): typeof fetch {
  return async (_input, init) => {
    const headers = new Headers(init?.headers);
    const range = /^bytes=(\d+)-(\d+)$/.exec(headers.get('range') ?? '');
    if (!range) throw new Error('gguf: unexpected request without a byte range');
    const start = Number(range[1]);
    const end = Math.min(Number(range[2]), source.size - 1);
    const bytes = end >= start ? await source.read(start, end - start + 1) : new Uint8Array(0);
    counter.bytes += bytes.length;
    const last = start + bytes.length - 1;
    return new Response(bytes.slice(), {
      status: 206,
      headers: { 'content-range': `bytes ${start}-${Math.max(start, last)}/${source.size}` },
    });
  };
}

function jsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (typeof value === 'string') return value.slice(0, 512);
  return value;
}

function reportedMetadata(meta: Metadata): Record<string, unknown> {
  const out: Record<string, unknown> = {
    version: jsonValue(meta.version),
    tensorCount: jsonValue(meta.tensor_count),
    kvCount: jsonValue(meta.kv_count),
  };
  for (const key of REPORTED_KEYS) {
    const value = meta[key];
    if (value !== undefined && !Array.isArray(value)) out[key] = jsonValue(value);
  }
  const architecture = meta['general.architecture'];
  if (typeof architecture === 'string') {
    const context = meta[`${architecture}.context_length`];
    if (context !== undefined) out.contextLength = jsonValue(context);
  }
  const baseCount = Number(jsonValue(meta['general.base_model.count']) ?? 0);
  const baseModels: Record<string, unknown>[] = [];
  for (let i = 0; i < Math.min(baseCount, MAX_BASE_MODELS); i++) {
    const entry: Record<string, unknown> = {};
    for (const field of ['name', 'organization', 'repo_url', 'version']) {
      const value = meta[`general.base_model.${i}.${field}`];
      if (typeof value === 'string') entry[field] = value.slice(0, 512);
    }
    if (Object.keys(entry).length > 0) baseModels.push(entry);
  }
  if (baseModels.length > 0) out.baseModels = baseModels;
  const templates = Object.keys(meta).filter(isChatTemplateKey).sort();
  if (templates.length > 0) out.chatTemplates = templates;
  return out;
}

/** `tokenizer.chat_template` and its named variants (`tokenizer.chat_template.tool_use`). */
function isChatTemplateKey(key: string): boolean {
  return key === 'tokenizer.chat_template' || key.startsWith('tokenizer.chat_template.');
}

/** GGUF files: the `GGUF` magic number (any name). */
export const ggufReader: FormatReader = {
  format: 'gguf',
  matches(_name, head) {
    return GGUF_MAGIC.every((b, i) => head[i] === b);
  },
  async read(source): Promise<FormatResult> {
    const counter = { bytes: 0 };
    let parsed: Awaited<ReturnType<typeof gguf>>;
    try {
      parsed = await gguf(`https://openvet.invalid/${encodeURIComponent(source.name)}`, {
        fetch: rangeFetch(source, counter),
      });
    } catch (err) {
      throw new Error(`gguf: ${source.name}: ${(err as Error).message}`, { cause: err });
    }
    const meta = parsed.metadata as unknown as Metadata;
    // The parser pads its buffer with zeros past the end of the file, so a truncated header
    // "parses": the descriptors must end inside the file.
    const headerEnd = parsed.tensorInfoByteRange[1];
    if (headerEnd > source.size) {
      throw new Error(
        `gguf: ${source.name}: header runs to offset ${headerEnd}, past the end of the ${source.size}-byte file`,
      );
    }
    const findings: ModelFinding[] = [];
    const dataStart = Number(parsed.tensorDataOffset);
    for (const tensor of parsed.tensorInfos) {
      if (dataStart + Number(tensor.offset) > source.size) {
        // A loader trusting the offset maps memory past the file (crash or disclosure).
        findings.push({
          rule: 'gguf.tensor-outside-file',
          severity: 'unsafe',
          message: `Tensor "${tensor.name.slice(0, 200)}" starts past the end of the file.`,
          detail: `data offset ${dataStart} + ${tensor.offset}, file size ${source.size}`,
        });
        if (findings.length >= 20) break;
      }
    }
    for (const [key, value] of Object.entries(meta)) {
      if (!isChatTemplateKey(key)) continue;
      if (typeof value !== 'string') {
        findings.push({
          rule: 'gguf.chat-template-not-string',
          severity: 'error',
          message: `${key} is not a string.`,
          detail: key,
        });
        continue;
      }
      findings.push(...scanChatTemplate(value, key));
    }
    return {
      format: 'gguf',
      findings,
      metadata: reportedMetadata(meta),
      bytesRead: counter.bytes,
    };
  },
};
