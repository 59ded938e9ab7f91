/**
 * What an installed Python distribution's `.dist-info` says about trust: where its source
 * lives (`Project-URL`, `Home-page`), whether it is declared inactive (`Development Status ::
 * 7 - Inactive`), native code among its installed files (`RECORD`), and the commands it puts
 * on the PATH (`entry_points.txt` console scripts). Read through the bounded ScanFs; the
 * headers are parsed by the same reader as the installed-package extractor.
 */
import { joinRel, type ScanFs } from '../../../core/fs.js';
import {
  allHeaders,
  firstHeader,
  parseHeaders,
} from '../../../extractors/python/installed/metadata.js';
import { repositoryUrl } from './npm.js';

const MAX_METADATA_BYTES = 1024 * 1024;
const MAX_RECORD_BYTES = 8 * 1024 * 1024;
const NATIVE = /\.(?:so(?:\.\d+)*|pyd|dylib|dll)$/i;
/** Project-URL labels that name the source repository (PyPI's own well-known labels). */
const SOURCE_LABEL = /^(?:source(?:[ _-]?code)?|repository|code|github|gitlab|git)$/i;

/** Traits of one installed distribution. */
export interface DistributionTraits {
  readonly repository?: string;
  readonly homepage?: string;
  /** Declared inactive by its trove classifier. */
  readonly inactive: boolean;
  /** Compiled extension modules and libraries it installed (paths from RECORD), sorted, bounded. */
  readonly nativeCode: readonly string[];
  /** `console_scripts` / `gui_scripts` names it installs, sorted. */
  readonly commands: readonly string[];
  readonly maintainers: readonly string[];
}

async function optionalText(fs: ScanFs, path: string, max: number): Promise<string | undefined> {
  return (await fs.stat(path)) === undefined ? undefined : fs.readText(path, max);
}

/** Inspect the distribution whose metadata folder is `distInfo` (`…/x-1.0.dist-info`). */
export async function inspectDistribution(
  fs: ScanFs,
  distInfo: string,
): Promise<DistributionTraits> {
  const headers = parseHeaders(
    await fs.readText(joinRel(distInfo, 'METADATA'), MAX_METADATA_BYTES),
    true,
  );
  let repository: string | undefined;
  let homepage: string | undefined;
  for (const h of allHeaders(headers, 'Project-URL')) {
    const comma = h.value.indexOf(',');
    if (comma < 0) continue;
    const label = h.value.slice(0, comma).trim();
    const url = h.value.slice(comma + 1).trim();
    if (SOURCE_LABEL.test(label)) repository ??= repositoryUrl(url).url;
    else if (/^home[ _-]?page$/i.test(label)) homepage ??= url;
  }
  const home = firstHeader(headers, 'Home-page')?.value.trim();
  if (home !== undefined && home !== '' && home !== 'UNKNOWN') {
    homepage ??= home;
    // A Home-page on a code host is where the source is.
    const hosted = repositoryUrl(home).url;
    if (repository === undefined && hosted !== undefined && /github|gitlab|bitbucket/.test(hosted))
      repository = hosted;
  }
  const inactive = allHeaders(headers, 'Classifier').some((h) =>
    /^Development Status :: 7 - Inactive$/i.test(h.value.trim()),
  );
  const maintainers = [...allHeaders(headers, 'Maintainer'), ...allHeaders(headers, 'Author')]
    .map((h) => h.value.trim())
    .filter((v) => v !== '' && v !== 'UNKNOWN');
  const record = await optionalText(fs, joinRel(distInfo, 'RECORD'), MAX_RECORD_BYTES);
  const nativeCode = (record ?? '')
    .split(/\r?\n/)
    .map((line) => line.split(',')[0] ?? '')
    .filter((file) => NATIVE.test(file))
    .slice(0, 200)
    .sort();
  const entryPoints = await optionalText(
    fs,
    joinRel(distInfo, 'entry_points.txt'),
    MAX_METADATA_BYTES,
  );
  const commands: string[] = [];
  let section = '';
  for (const line of (entryPoints ?? '').split(/\r?\n/)) {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header !== null) {
      section = header[1]?.trim() ?? '';
      continue;
    }
    const name = /^\s*([^=#;\s][^=]*?)\s*=/.exec(line)?.[1];
    if (name !== undefined && (section === 'console_scripts' || section === 'gui_scripts'))
      commands.push(name);
  }
  return {
    ...(repository !== undefined ? { repository } : {}),
    ...(homepage !== undefined ? { homepage } : {}),
    inactive,
    nativeCode,
    commands: [...new Set(commands)].sort(),
    maintainers: [...new Set(maintainers)].sort(),
  };
}
