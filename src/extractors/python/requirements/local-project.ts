/**
 * The name of a local Python project a requirements file points at (`./libs/foo`, `-e .`),
 * read from its static metadata; pip would build the project to learn it, which we never do.
 */
import { parse as parseToml } from 'smol-toml';
import type { ScanFs } from '../../../core/fs.js';
import { joinRel } from '../../../core/fs.js';
import { isValidName } from './pep508.js';

const MAX_METADATA_BYTES = 1024 * 1024;

async function readSmall(fs: ScanFs, relPath: string): Promise<string | undefined> {
  const info = await fs.stat(relPath);
  if (info?.type !== 'file' || info.size > MAX_METADATA_BYTES) return undefined;
  try {
    return await fs.readText(relPath, MAX_METADATA_BYTES);
  } catch {
    return undefined;
  }
}

function tableOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `[project].name` (PEP 621) or `[tool.poetry].name` of a pyproject.toml text. */
function pyprojectName(text: string): string | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch {
    return undefined;
  }
  const project = tableOf(doc['project']);
  const poetry = tableOf(tableOf(doc['tool'])?.['poetry']);
  for (const candidate of [project?.['name'], poetry?.['name']]) {
    if (typeof candidate === 'string' && isValidName(candidate)) return candidate;
  }
  return undefined;
}

/** `name = …` in the `[metadata]` section of a setup.cfg text. */
function setupCfgName(text: string): string | undefined {
  let inMetadata = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section !== null) {
      inMetadata = (section[1] ?? '').trim() === 'metadata';
      continue;
    }
    if (!inMetadata) continue;
    const match = /^name\s*[=:]\s*(\S+)$/.exec(line);
    if (match !== null && isValidName(match[1] as string)) return match[1];
  }
  return undefined;
}

/** The project name of the local directory `dir` (scan-relative), when its metadata says. */
export async function localProjectName(fs: ScanFs, dir: string): Promise<string | undefined> {
  const pyproject = await readSmall(fs, joinRel(dir, 'pyproject.toml'));
  const fromPyproject = pyproject === undefined ? undefined : pyprojectName(pyproject);
  if (fromPyproject !== undefined) return fromPyproject;
  const setupCfg = await readSmall(fs, joinRel(dir, 'setup.cfg'));
  return setupCfg === undefined ? undefined : setupCfgName(setupCfg);
}
