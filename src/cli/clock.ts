/**
 * The clock the CLI injects: SOURCE_DATE_EPOCH (seconds since 1970, per
 * reproducible-builds.org) when set, so the same input gives the same bytes.
 */
import { UsageError } from '../core/errors.js';

export function clockFromEnv(env: Readonly<Record<string, string | undefined>>): () => Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return () => new Date();
  if (!/^\d+$/.test(epoch))
    throw new UsageError(
      `SOURCE_DATE_EPOCH must be a whole number of seconds, not ${JSON.stringify(epoch)}`,
    );
  const fixed = new Date(Number(epoch) * 1000);
  return () => fixed;
}
