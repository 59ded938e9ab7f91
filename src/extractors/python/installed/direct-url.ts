/**
 * `direct_url.json` of an installed distribution (PEP 610,
 * https://packaging.python.org/en/latest/specifications/direct-url-data-structure/): where a
 * package installed from something other than an index came from.
 */
import type { ComponentSource, Hash } from '../../../core/types.js';

/** What `direct_url.json` tells. */
export interface DirectUrl {
  readonly source: ComponentSource;
  readonly hashes: readonly Hash[];
  /** The local path of an editable (or directory) install from a `file:` URL. */
  readonly localPath?: string;
}

const SHA1_RE = /^[0-9a-f]{40}$/;
const HEX_RE = /^[0-9a-f]+$/;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The local path of a `file://` URL, or undefined for other schemes. */
export function fileUrlToPath(url: string): string | undefined {
  if (!/^file:/i.test(url)) return undefined;
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return undefined;
  }
}

function archiveHashes(info: Record<string, unknown>): Hash[] {
  const hashes = new Map<string, Hash>();
  const add = (alg: string, value: string): void => {
    const a = alg.toLowerCase();
    const v = value.toLowerCase();
    if (/^[a-z0-9]+$/.test(a) && HEX_RE.test(v)) hashes.set(`${a}:${v}`, { alg: a, value: v });
  };
  const map = record(info['hashes']);
  for (const [alg, value] of Object.entries(map ?? {}))
    if (typeof value === 'string') add(alg, value);
  // The older single `hash` field, `<alg>=<hex>`.
  const single = str(info['hash']);
  const eq = single?.indexOf('=') ?? -1;
  if (single !== undefined && eq > 0) add(single.slice(0, eq), single.slice(eq + 1));
  return [...hashes.values()];
}

/**
 * Parse the JSON text of a `direct_url.json`. Returns undefined when it is not JSON or not
 * the structure PEP 610 describes (the caller warns).
 */
export function parseDirectUrl(text: string): DirectUrl | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const root = record(doc);
  const url = str(root?.['url']);
  if (root === undefined || url === undefined) return undefined;

  const vcs = record(root['vcs_info']);
  if (vcs !== undefined) {
    const kind = str(vcs['vcs']) ?? 'git';
    const commitId = str(vcs['commit_id'])?.toLowerCase();
    // Written as pip requirements write VCS URLs (`git+https://…`), so both forms agree.
    const prefixed =
      url.toLowerCase().startsWith(`${kind}+`) || url.toLowerCase().startsWith(`${kind}:`)
        ? url
        : `${kind}+${url}`;
    return {
      source: {
        type: kind === 'git' ? 'git' : 'url',
        url: prefixed,
        ...(commitId !== undefined && (kind !== 'git' || SHA1_RE.test(commitId))
          ? { commit: commitId }
          : {}),
      },
      hashes: [],
    };
  }
  const dir = record(root['dir_info']);
  if (dir !== undefined) {
    const localPath = fileUrlToPath(url);
    return {
      source: { type: dir['editable'] === true ? 'editable' : 'directory', url },
      hashes: [],
      ...(localPath !== undefined ? { localPath } : {}),
    };
  }
  const archive = record(root['archive_info']);
  if (archive !== undefined) {
    return {
      source: { type: /^file:/i.test(url) ? 'file' : 'url', url },
      hashes: archiveHashes(archive),
    };
  }
  return undefined;
}
