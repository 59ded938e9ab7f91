/**
 * Keras v3 `.keras` files: a zip holding `config.json` (the model config, checked by
 * `checkKerasConfig`), `metadata.json` (Keras version, save date) and `model.weights.h5`
 * (weights only: Keras loads it as arrays, so it is not read). Members are read through the
 * shared zip reader, bounded, never extracted.
 */

import type {
  ByteSource,
  FormatReader,
  FormatResult,
  ModelFinding,
  ReadContext,
} from '../../types.js';
import { isZipHead, openZip, readZipEntry, ZipEntryError } from '../zip/index.js';
import type { ZipEntry } from '../zip/index.js';
import { checkKerasConfig } from './config.js';

/** Largest `config.json` / `metadata.json` read (real configs are kilobytes to a few MB). */
const MAX_CONFIG_BYTES = 64 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8');

async function readJsonMember(
  source: ByteSource,
  entry: ZipEntry,
  maxBytes: number,
): Promise<{ json: unknown; bytesRead: number }> {
  const data = await readZipEntry(source, entry, maxBytes);
  try {
    return { json: JSON.parse(utf8.decode(data.bytes)) as unknown, bytesRead: data.bytesRead };
  } catch (err) {
    throw new Error(`keras: ${entry.name} is not JSON (${(err as Error).message.slice(0, 200)})`, {
      cause: err,
    });
  }
}

function zipProblem(err: ZipEntryError, member: string): ModelFinding {
  return err.problem === 'encrypted'
    ? {
        rule: 'keras.encrypted-member',
        severity: 'unverifiable',
        message: `${member} is encrypted; its content cannot be checked.`,
        detail: member,
      }
    : {
        rule: 'keras.unreadable-member',
        severity: 'error',
        message: `${member} could not be read (${err.problem}).`,
        detail: err.message,
      };
}

/** Keras v3 archives: `.keras` files that are zips. */
export const kerasReader: FormatReader = {
  format: 'keras',
  matches(name, head) {
    return /\.keras$/i.test(name) && isZipHead(head);
  },
  async read(source: ByteSource, context: ReadContext): Promise<FormatResult> {
    const archive = await openZip(source, context.limits);
    let bytesRead = archive.bytesRead;
    const findings: ModelFinding[] = [];
    const metadata: Record<string, unknown> = {
      members: archive.entries.map((e) => e.name).slice(0, 100),
    };
    const byName = new Map(archive.entries.map((e) => [e.name, e]));
    const maxBytes = Math.min(MAX_CONFIG_BYTES, context.limits.maxMemberBytes);

    const configEntry = byName.get('config.json');
    if (!configEntry) {
      throw new Error(`keras: ${source.name} has no config.json member`);
    }
    try {
      const { json, bytesRead: n } = await readJsonMember(source, configEntry, maxBytes);
      bytesRead += n;
      const check = checkKerasConfig(json, 'config.json');
      findings.push(...check.findings);
      if (check.modelClass) metadata.modelClass = check.modelClass;
      metadata.objectCount = check.objectCount;
    } catch (err) {
      if (!(err instanceof ZipEntryError)) throw err;
      findings.push(zipProblem(err, 'config.json'));
    }

    const metaEntry = byName.get('metadata.json');
    if (metaEntry) {
      try {
        const { json, bytesRead: n } = await readJsonMember(source, metaEntry, 1024 * 1024);
        bytesRead += n;
        if (typeof json === 'object' && json !== null) {
          const { keras_version: version, date_saved: saved } = json as Record<string, unknown>;
          if (typeof version === 'string') metadata.kerasVersion = version.slice(0, 64);
          if (typeof saved === 'string') metadata.dateSaved = saved.slice(0, 64);
        }
      } catch (err) {
        // metadata.json is informational: an unreadable one is reported, not fatal
        if (!(err instanceof ZipEntryError)) {
          findings.push({
            rule: 'keras.bad-metadata',
            severity: 'error',
            message: 'metadata.json is not valid JSON.',
            detail: (err as Error).message,
          });
        } else {
          findings.push(zipProblem(err, 'metadata.json'));
        }
      }
    }
    return { format: 'keras', findings, metadata, bytesRead };
  },
};
