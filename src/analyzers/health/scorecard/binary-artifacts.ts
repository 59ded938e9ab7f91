/**
 * Scorecard's Binary-Artifacts check on a repository's files.
 *
 * Scorecard source read: checks/raw/binary_artifact.go (what is a binary: the file type found
 * from its magic bytes by h2non/filetype, or a listed extension on content that is not text;
 * the gradle-wrapper.jar exception) and checks/evaluation/binary_artifacts.go (10 minus one
 * point per binary, at least 0).
 */
import { mapPool } from '../../../core/pool.js';
import { MAX_SCORE, READ_CONCURRENCY, basename, checkResult, evidenceLine } from './common.js';
import type { CheckResult, RepoFiles } from './types.js';
import { loadWorkflows } from './workflow.js';

/** The file types and extensions Scorecard counts as binaries. */
const BINARY_TYPES = new Set([
  'crx',
  'deb',
  'dex',
  'dey',
  'elf',
  'o',
  'so',
  'macho',
  'iso',
  'class',
  'jar',
  'bundle',
  'dylib',
  'lib',
  'msi',
  'dll',
  'drv',
  'efi',
  'exe',
  'ocx',
  'pyc',
  'pyo',
  'par',
  'rpm',
  'whl',
]);

/** Enough bytes for every magic number below but ISO 9660's. */
const HEAD_BYTES = 4096;
/** ISO 9660's `CD001` ends at this offset. */
const ISO_MAGIC_END = 32773;
const ISO_CANDIDATE_EXTENSIONS = new Set(['', 'iso', 'img', 'bin']);
/** How much of a listed-extension file is read to decide it is not text. */
const TEXT_PROBE_BYTES = 1024 * 1024;

/** Binary-Artifacts: 10 minus the number of binaries, at least 0. */
export async function binaryArtifacts(files: RepoFiles): Promise<CheckResult> {
  // Every file is read (as Scorecard does), a few at a time: on large trees the cost is the
  // number of opens, not the bytes.
  const found = await mapPool(files.list(), READ_CONCURRENCY, (path) => binaryType(files, path));
  const binaries: { path: string; type: string }[] = [];
  files.list().forEach((path, i) => {
    const type = found[i];
    if (type !== undefined) binaries.push({ path, type });
  });

  // gradle-wrapper.jar files are not counted when a workflow validates them. Scorecard also
  // requires a successful run of that workflow on the latest commit (GitHub API), which a clone
  // cannot show: the file part is what is applied here.
  let excluded = 0;
  let validator: string | undefined;
  if (binaries.some((b) => basename(b.path) === 'gradle-wrapper.jar')) {
    validator = await gradleWrapperValidator(files);
  }
  const counted = binaries.filter((b) => {
    if (validator === undefined || basename(b.path) !== 'gradle-wrapper.jar') return true;
    excluded++;
    return false;
  });

  const evidence = counted.map((b) => evidenceLine(b.path, 1, `binary detected (${b.type})`));
  if (validator !== undefined && excluded > 0) {
    evidence.push(evidenceLine(validator, 1, `validates ${excluded} gradle-wrapper.jar file(s)`));
  }
  const note =
    validator !== undefined && excluded > 0
      ? ` (gradle-wrapper.jar validated by ${validator}; Scorecard also needs a successful run of it on the latest commit, not checked offline)`
      : '';
  if (counted.length === 0)
    return checkResult(MAX_SCORE, `no binaries found in the repo${note}`, evidence);
  const score = Math.max(0, MAX_SCORE - counted.length);
  return checkResult(score, `binaries present in source code${note}`, evidence);
}

/** The binary type of one file (magic number, else listed extension on non-text content). */
async function binaryType(files: RepoFiles, path: string): Promise<string | undefined> {
  const size = files.size(path) ?? 0;
  if (size === 0) return undefined;
  let head = await files.read(path, HEAD_BYTES);
  if (head === undefined || head.length === 0) return undefined;
  const ext = extension(path);
  // ISO 9660's magic is at offset 32769: read that far only for files that could be an image
  // with an unhelpful name (no extension, .img, .bin) and a binary head. Scorecard reads every
  // file whole; a misnamed ISO is the one case this bound could miss, and only by name.
  if (size > ISO_MAGIC_END && ISO_CANDIDATE_EXTENSIONS.has(ext) && !isText(head)) {
    head = (await files.read(path, ISO_MAGIC_END + 1)) ?? head;
  }
  const magic = magicType(head, size);
  if (magic !== undefined && BINARY_TYPES.has(magic)) return magic;
  if (!BINARY_TYPES.has(ext)) return undefined;
  // A non-printable character in the first bytes settles it; only text heads read further.
  if (!isText(head)) return ext;
  if (head.length >= size) return undefined;
  const content = await files.read(path, TEXT_PROBE_BYTES);
  return content !== undefined && !isText(content) ? ext : undefined;
}

function extension(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1);
}

/**
 * The file types h2non/filetype recognises that are in Scorecard's list, by their magic
 * numbers (only those: any other detected type falls back to the extension test, as in
 * Scorecard where `filetype.Get` returns a type not in the list).
 */
function magicType(b: Buffer, size: number): string | undefined {
  // Length conditions are on the whole file, as h2non/filetype sees the whole content.
  const at = (offset: number, bytes: readonly number[]): boolean =>
    b.length >= offset + bytes.length && bytes.every((v, k) => b[offset + k] === v);
  if (size > 1 && at(0, [0x4d, 0x5a])) return 'exe';
  if (size > 32773 && at(32769, [0x43, 0x44, 0x30, 0x30, 0x31])) return 'iso';
  if (size > 3 && at(0, [0x43, 0x72, 0x32, 0x34])) return 'crx';
  if (size > 20 && at(0, [...Buffer.from('!<arch>\ndebian-binary')])) return 'deb';
  if (size > 96 && at(0, [0xed, 0xab, 0xee, 0xdb])) return 'rpm';
  if (size > 52 && at(0, [0x7f, 0x45, 0x4c, 0x46])) return 'elf';
  if (
    size > 3 &&
    (at(0, [0xfe, 0xed, 0xfa, 0xcf]) ||
      at(0, [0xfe, 0xed, 0xfa, 0xce]) ||
      at(0, [0xcf, 0xfa, 0xed, 0xfe]) ||
      at(0, [0xce, 0xfa, 0xed, 0xfe]) ||
      at(0, [0xca, 0xfe, 0xba, 0xbe]))
  ) {
    return 'macho';
  }
  if (size > 36 && at(0, [0x64, 0x65, 0x78, 0x0a])) return 'dex';
  if (size > 100 && at(0, [0x64, 0x65, 0x79, 0x0a])) return 'dey';
  return undefined;
}

/**
 * Scorecard's `isText`: every rune printable (Go's `unicode.IsPrint`: letters, marks, numbers,
 * punctuation, symbols and the ASCII space) or a tab/newline/carriage return. Invalid UTF-8
 * decodes to U+FFFD, a symbol, as in Go.
 */
export function isText(content: Buffer): boolean {
  const text = content.toString('utf8');
  return !/[^\p{L}\p{M}\p{N}\p{P}\p{S} \t\n\r]/u.test(text);
}

/**
 * The workflow that runs a gradle wrapper validation action at version ≥ 1 (Scorecard:
 * `gradle/wrapper-validation-action@v?X`; newer Scorecard also accepts the action's new home
 * `gradle/actions/wrapper-validation`).
 */
async function gradleWrapperValidator(files: RepoFiles): Promise<string | undefined> {
  const { workflows } = await loadWorkflows(files);
  for (const workflow of workflows) {
    for (const job of workflow.jobs) {
      for (const step of job.steps) {
        const m = /^gradle\/(?:wrapper-validation-action|actions\/wrapper-validation)@v?(.+)$/.exec(
          step.uses?.value ?? '',
        );
        const major = /^(\d+)(\.\d+){0,2}$/.exec(m?.[1] ?? '');
        if (major !== null && Number(major[1]) >= 1) return workflow.path;
      }
    }
  }
  return undefined;
}
