/**
 * The OSV API as an `AdvisorySource` for `openvet scan`: package versions are asked with
 * `querybatch`, the advisories' full records fetched (both cached), and openvet's own matching
 * then decides, exactly as for the offline data.
 */
import type { AdvisorySource } from '../source.js';
import { fetchAdvisories, type FetchAdvisoriesOptions } from './client.js';

/** How many per-record problems the notes list by name. */
const LISTED_ERRORS = 3;

/** The OSV API at `options.baseUrl`, asked for each package version a scan looks up. */
export function onlineAdvisorySource(options: FetchAdvisoriesOptions): AdvisorySource {
  return {
    description: `OSV API (${options.baseUrl})`,
    async lookup(packages) {
      const answer = await fetchAdvisories(packages, options);
      const notes: string[] = [];
      if (answer.unreachable !== undefined) notes.push(answer.unreachable);
      if (answer.errors.length > 0)
        notes.push(
          `OSV API: ${answer.errors.length} problem(s): ${answer.errors.slice(0, LISTED_ERRORS).join('; ')}` +
            (answer.errors.length > LISTED_ERRORS ? '; …' : ''),
        );
      const { stats } = answer;
      if (answer.unreachable === undefined && stats.queries > 0)
        notes.push(
          `OSV API: ${stats.queries} package version(s) asked (${stats.queriesFromCache} from the cache), ${stats.records} advisory record(s) (${stats.recordsFromCache} from the cache)`,
        );
      return { records: answer.records, notes };
    },
  };
}
