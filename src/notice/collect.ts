/**
 * What a third-party notice file must hold, collected from a scan: for every component that
 * ships (dev-only ones left out unless asked), its licence, the copyright lines and licence /
 * NOTICE files found in its own folders, grouped by licence; the reference text of each licence
 * for the components whose own text was not found; and the notices AI model licences require
 * ("Built with Llama", the attribution sentence). Files are read through the bounded,
 * root-confined ScanFs.
 */
import { createRequire } from 'node:module';
import {
  componentDirs,
  isLicenseFileName,
  licenseFiles,
} from '../analyzers/license/component/files.js';
import { knowledgeOf } from '../analyzers/license/knowledge/index.js';
import { displayedNotice } from '../analyzers/models/inheritance/index.js';
import { describeError } from '../core/errors.js';
import type { ScanFs } from '../core/fs.js';
import type { Component, ScanResult } from '../core/types.js';
import { mapPool } from '../core/pool.js';
import { ATTRIBUTION_NOTICES } from './attribution-notices.js';
import { copyrightLines } from './copyright.js';

/** Only this much of a licence or NOTICE file is reproduced. */
export const MAX_NOTICE_FILE_BYTES = 256 * 1024;

/** A licence or NOTICE file of a component, reproduced as it is. */
export interface NoticeFile {
  readonly path: string;
  readonly text: string;
}

/** One component in the notice. */
export interface NoticeComponent {
  readonly id: string;
  readonly name: string;
  readonly version?: string;
  readonly kind: Component['kind'];
  readonly copyrights: readonly string[];
  readonly files: readonly NoticeFile[];
  /** Notices its licence requires displayed (AI model licences). */
  readonly notices: readonly string[];
  /** Whether one of `files` holds a licence text (not only a NOTICE or a one-line statement). */
  readonly hasLicenseText: boolean;
}

/** The components under one licence expression. */
export interface NoticeGroup {
  /** The concluded (else declared) licence expression. */
  readonly license: string;
  /** The licence's name, when the expression is one known id. */
  readonly name?: string;
  readonly components: readonly NoticeComponent[];
  /**
   * Reference texts of the licence ids, for the components whose own licence file was not
   * found (`text` absent for licences whose text is not shipped: AI licences link `url`).
   */
  readonly references: readonly { id: string; name: string; text?: string; url?: string }[];
}

/** The whole notice. */
export interface NoticeDocument {
  readonly project: string;
  readonly groups: readonly NoticeGroup[];
  /** Components whose licence could not be determined: they need a person to look. */
  readonly unknown: readonly NoticeComponent[];
  /** Dev-only components left out. */
  readonly excludedDev: number;
  /** Files that could not be read. */
  readonly errors: readonly { path: string; message: string }[];
}

/** Options of {@link collectNotices}. */
export interface NoticeOptions {
  /** Include components only needed for development. */
  readonly includeDev?: boolean;
}

interface SpdxEntry {
  readonly name: string;
  readonly licenseText?: string;
}

let spdxFull: Readonly<Record<string, SpdxEntry>> | undefined;
function spdxText(id: string): SpdxEntry | undefined {
  spdxFull ??= createRequire(import.meta.url)('spdx-license-list/full.js') as Readonly<
    Record<string, SpdxEntry>
  >;
  return spdxFull[id];
}

/** The licence ids of an expression (exceptions included), in order, unique. */
export function expressionIds(expression: string): string[] {
  const ids = expression
    .replace(/[()]/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '' && !/^(AND|OR|WITH)$/i.test(t))
    .map((t) => t.replace(/\+$/, ''));
  return [...new Set(ids)];
}

function licenseOf(component: Component): string | undefined {
  return component.license?.concluded ?? component.license?.declared ?? undefined;
}

function noticesFor(expression: string): string[] {
  const out: string[] = [];
  const add = (line: string): void => {
    if (!out.includes(line)) out.push(line);
  };
  for (const id of expressionIds(expression)) {
    const entry = knowledgeOf(id);
    if (entry === undefined) continue;
    const displayed = displayedNotice(entry);
    if (displayed !== undefined) add(displayed);
    const full = ATTRIBUTION_NOTICES[entry.id];
    if (full !== undefined) add(full);
  }
  return out;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Collect the notice of a scan. `fs` reads the scanned tree (the same root). */
export async function collectNotices(
  result: ScanResult,
  fs: ScanFs,
  options: NoticeOptions = {},
): Promise<NoticeDocument> {
  const errors: { path: string; message: string }[] = [];
  const shipped = result.components.filter((c) => options.includeDev === true || c.scope !== 'dev');
  const texts = new Map<string, Promise<string | undefined>>();
  const read = (path: string): Promise<string | undefined> => {
    let pending = texts.get(path);
    if (pending === undefined) {
      pending = fs.readText(path, MAX_NOTICE_FILE_BYTES).catch((error: unknown) => {
        errors.push({ path, message: describeError(error) });
        return undefined;
      });
      texts.set(path, pending);
    }
    return pending;
  };
  // Files the licence analyzer matched as full licence texts, per component.
  const textFiles = new Map<string, Set<string>>();
  for (const e of result.evidence) {
    if (e.kind !== 'license' || e.role !== 'detected') continue;
    // Full-text matches carry no `via` (or `text`); notices and identifiers are not texts.
    if (e.via !== undefined && e.via !== 'text') continue;
    if (e.location === undefined) continue;
    const set = textFiles.get(e.componentId) ?? new Set<string>();
    set.add(e.location.path);
    textFiles.set(e.componentId, set);
  }
  const components = await mapPool(shipped, 8, async (component) => {
    const paths = await licenseFiles(fs, await componentDirs(fs, component));
    const files: NoticeFile[] = [];
    // READMEs count for detecting a model's licence, but are not licence texts to reproduce.
    for (const path of paths.filter((p) => isLicenseFileName(p.slice(p.lastIndexOf('/') + 1)))) {
      const text = await read(path);
      if (text !== undefined && text.trim() !== '') files.push({ path, text });
    }
    const license = licenseOf(component);
    const notice: NoticeComponent = {
      id: component.id,
      name: component.name,
      ...(component.version !== undefined ? { version: component.version } : {}),
      kind: component.kind,
      copyrights: [...new Set(files.flatMap((f) => copyrightLines(f.text)))],
      files,
      notices: license === undefined ? [] : noticesFor(license),
      hasLicenseText: files.some((f) => textFiles.get(component.id)?.has(f.path) === true),
    };
    return { license, notice };
  });
  const groups = new Map<string, NoticeComponent[]>();
  const unknown: NoticeComponent[] = [];
  for (const { license, notice } of components) {
    if (license === undefined) {
      unknown.push(notice);
      continue;
    }
    const list = groups.get(license) ?? [];
    list.push(notice);
    groups.set(license, list);
  }
  const out: NoticeGroup[] = [...groups.entries()]
    .sort(([a], [b]) => byString(a, b))
    .map(([license, members]) => {
      const ids = expressionIds(license);
      const withoutText = members.some((m) => !m.hasLicenseText);
      const references = withoutText
        ? ids.map((id) => {
            const spdx = spdxText(id);
            const entry = knowledgeOf(id);
            return {
              id,
              name: spdx?.name ?? entry?.name ?? id,
              ...(spdx?.licenseText !== undefined ? { text: spdx.licenseText } : {}),
              ...(spdx?.licenseText === undefined && entry?.url !== undefined
                ? { url: entry.url }
                : {}),
            };
          })
        : [];
      const one = ids.length === 1 ? ids[0] : undefined;
      const name = one === undefined ? undefined : (spdxText(one)?.name ?? knowledgeOf(one)?.name);
      return {
        license,
        ...(name !== undefined ? { name } : {}),
        components: members.sort((a, b) => byString(a.id, b.id)),
        references,
      };
    });
  return {
    project: result.target.name,
    groups: out,
    unknown: unknown.sort((a, b) => byString(a.id, b.id)),
    excludedDev: result.components.length - shipped.length,
    errors: errors.sort((a, b) => byString(a.path, b.path)),
  };
}
