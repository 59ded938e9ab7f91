/**
 * model/hf-cache: the Hugging Face hub cache layout, found when the user scans
 * `$HF_HUB_CACHE` itself or a project that vendors a cache:
 *
 *     models--ORG--NAME/            (datasets--ORG--NAME/ for datasets)
 *       refs/main                   a file holding the commit `main` pointed at when fetched
 *       snapshots/<commit>/…        the repo's files at that commit, symlinks into blobs/
 *       blobs/<etag>                the content
 *
 * One component per snapshot commit, named `ORG/NAME` (the `--` separators become `/`),
 * version = the commit, with `hf:refs` listing the refs that point at it. The folder is
 * claimed so that the model-folder extractor does not report each snapshot again.
 */
import type {
  ExtractInput,
  ExtractResult,
  Extractor,
  FileEntry,
  PackageRecord,
} from '../../../core/extractor.js';
import { joinRel, type ScanFs } from '../../../core/fs.js';
import type { LicenseStatement } from '../../../core/types.js';
import { cardFacts, readCard, type Warning } from '../shared/card.js';
import { describeContents, type CandidateFile } from '../shared/contents.js';
import { hubSource, isCommit, parseCacheFolderName } from '../shared/hub.js';

/** Bounds on what one cache folder may make us read. */
const MAX_SNAPSHOTS = 1000;
const MAX_REFS = 1000;
const MAX_FILES = 10_000;
const MAX_DEPTH = 8;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isCacheFolder(entry: FileEntry): boolean {
  return parseCacheFolderName(entry.base) !== undefined;
}

/** Every file under `dir` (breadth-first, bounded), with its path relative to `dir`. */
async function listTree(fs: ScanFs, dir: string, warnings: Warning[]): Promise<CandidateFile[]> {
  const files: CandidateFile[] = [];
  const queue: [string, number][] = [['', 0]];
  while (queue.length > 0) {
    const [sub, depth] = queue.shift() ?? ['', 0];
    for (const entry of await fs.readdir(joinRel(dir, sub))) {
      const name = sub === '' ? entry.name : `${sub}/${entry.name}`;
      const file = joinRel(dir, name);
      if (entry.type === 'directory') {
        if (depth + 1 < MAX_DEPTH) queue.push([name, depth + 1]);
      } else if (entry.type === 'file') {
        const info = await fs.stat(file);
        if (info !== undefined) files.push({ path: file, name, size: info.size });
      } else if (entry.symlink) {
        warnings.push({
          message: `${file}: link to a missing blob (an interrupted download?); skipped`,
          path: file,
        });
      }
      if (files.length >= MAX_FILES) return files;
    }
  }
  return files;
}

/** refs/<name> files (names may nest: `refs/pr/1`) → commit → ref names. */
async function readRefs(fs: ScanFs, dir: string): Promise<Map<string, string[]>> {
  const byCommit = new Map<string, string[]>();
  const queue: [string, number][] = [['', 0]];
  let seen = 0;
  while (queue.length > 0 && seen < MAX_REFS) {
    const [sub, depth] = queue.shift() ?? ['', 0];
    for (const entry of await fs.readdir(joinRel(dir, 'refs', sub))) {
      const name = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.type === 'directory' && depth + 1 < 4) queue.push([name, depth + 1]);
      if (entry.type !== 'file' || ++seen > MAX_REFS) continue;
      let text: string;
      try {
        text = Buffer.from(await fs.readBytes(joinRel(dir, 'refs', name), 0, 128))
          .toString('utf8')
          .trim();
      } catch {
        continue;
      }
      if (!isCommit(text)) continue;
      byCommit.set(text, [...(byCommit.get(text) ?? []), name]);
    }
  }
  return byCommit;
}

async function extract(input: ExtractInput): Promise<ExtractResult> {
  const { fs, entry } = input;
  const repo = parseCacheFolderName(entry.base);
  if (repo === undefined) return { packages: [] };
  const warnings: Warning[] = [];
  const refs = await readRefs(fs, entry.path);
  const packages: PackageRecord[] = [];
  const snapshots = (await fs.readdir(joinRel(entry.path, 'snapshots'))).filter(
    (e) => e.type === 'directory',
  );
  if (snapshots.length > MAX_SNAPSHOTS)
    warnings.push({
      message: `${entry.path}: more than ${MAX_SNAPSHOTS} snapshots; the rest were not read`,
    });
  for (const snapshot of snapshots.slice(0, MAX_SNAPSHOTS)) {
    const dir = joinRel(entry.path, 'snapshots', snapshot.name);
    if (!isCommit(snapshot.name)) {
      warnings.push({
        message: `${dir}: a snapshot folder should be named by a 40-hex commit; skipped`,
        path: dir,
      });
      continue;
    }
    const files = await listTree(fs, dir, warnings);
    const properties: Record<string, string> = {};
    let listed: readonly string[];
    let license: string | undefined;
    let statements: readonly LicenseStatement[] | undefined;
    if (repo.type === 'model') {
      const contents = await describeContents(fs, files, warnings, {
        trusted: true,
        allowEmpty: true,
      });
      listed = contents?.files ?? [];
      license = contents?.license;
      statements = contents?.licenseStatements;
      Object.assign(properties, contents?.properties);
    } else {
      // A dataset's files are data, not weights: list them all, keep what its card says.
      const cardFile = files.find((f) => f.name === 'README.md');
      const facts = cardFacts(
        cardFile === undefined ? undefined : await readCard(fs, cardFile.path, warnings),
      );
      listed = files.map((f) => f.path).sort(compare);
      license = facts.license;
      statements = facts.licenseStatements;
      Object.assign(properties, facts.properties);
    }
    const names = (refs.get(snapshot.name) ?? []).sort(compare);
    if (names.length > 0) properties['hf:refs'] = names.join(',');
    packages.push({
      kind: repo.type,
      ecosystem: 'huggingface',
      name: repo.id,
      version: snapshot.name,
      files: listed,
      ...(license !== undefined ? { declaredLicense: license } : {}),
      ...(statements !== undefined && statements.length > 0
        ? { licenseStatements: statements }
        : {}),
      source: hubSource(repo.id, repo.type),
      properties,
    });
  }
  return { packages, ...(warnings.length > 0 ? { warnings } : {}) };
}

export const extractor = {
  name: 'model/hf-cache',
  ecosystem: 'huggingface',
  requiresNetwork: false,
  target: 'directory',
  required: isCacheFolder,
  claimsDirectory: isCacheFolder,
  extract,
} satisfies Extractor;
