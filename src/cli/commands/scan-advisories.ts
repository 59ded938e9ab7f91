/**
 * The vulnerability data `openvet scan` hands its analyzers: the advisories imported into the
 * store (`openvet db import`), plus the OSV API unless `--offline` (answers cached in the store
 * for a day). The one place that decides whether a scan talks to the OSV API.
 */
import {
  combineAdvisorySources,
  storeAdvisorySource,
  type AdvisorySource,
} from '../../analyzers/vulns/source.js';
import { UsageError } from '../../core/errors.js';
import type { Store } from '../../store/index.js';
import type { CliIo } from '../io.js';
import { toolVersion } from '../version.js';
import type { ScanFlags } from './scan.js';

/** The public OSV API; `--osv-url` or `$OPENVET_OSV_URL` point elsewhere (a mirror, a proxy). */
export const DEFAULT_OSV_URL = 'https://api.osv.dev';

/** The OSV API base URL for this run. Throws a usage error for a URL that is not http(s). */
export function osvUrlFor(flags: Pick<ScanFlags, 'osvUrl'>, io: Pick<CliIo, 'env'>): string {
  const given = flags.osvUrl ?? io.env.OPENVET_OSV_URL;
  if (given === undefined || given === '') return DEFAULT_OSV_URL;
  const from = flags.osvUrl !== undefined ? '--osv-url' : 'OPENVET_OSV_URL';
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(`${from}: "${given}" is not a URL (expected e.g. https://api.osv.dev)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`${from}: "${given}" must be an http or https URL`);
  return given.replace(/(?<!\/)\/+$/, '');
}

/** The advisory source for this scan, or undefined when there is no data at all. */
export async function advisorySourceFor(
  store: Store | undefined,
  flags: ScanFlags,
  io: CliIo,
): Promise<AdvisorySource | undefined> {
  const sources: AdvisorySource[] = [];
  if (!flags.offline) {
    const { onlineAdvisorySource } = await import('../../analyzers/vulns/online/source.js');
    const cache = store?.osvCache();
    sources.push(
      onlineAdvisorySource({
        baseUrl: osvUrlFor(flags, io),
        // The cache's freshness follows the wall clock, not SOURCE_DATE_EPOCH.
        now: () => new Date(),
        userAgent: `openvet/${toolVersion()}`,
        ...(cache !== undefined ? { cache } : {}),
      }),
    );
  }
  if (store !== undefined && (await store.hasAdvisories()))
    sources.push(storeAdvisorySource(store));
  if (sources.length === 0) return undefined;
  return sources.length === 1 ? sources[0] : combineAdvisorySources(sources);
}
